// DLPackCapsule: the JS face of a DLPack capsule, the object that carries one
// DLManagedTensor[Versioned] from a producer to exactly one consumer. The
// native capsule object is made through include/ndinterop/ndinterop.h (by
// ndinterop or by any other addon), so a capsule from another addon is
// recognised and consumed the same way.
//
// A capsule made by toDlpack starts out *deferred*: it holds the exported
// NDArray and no native tensor at all. fromDlpack on the same thread takes the
// array straight back (no DLManagedTensor, no finalizer, nothing to release),
// and the native capsule is only built when native code asks for it through
// `handle`. Both forms obey the same rules: consumed at most once, `name`
// turns `used_…`, dispose releases.
import { BufferError, describeValue, makeError } from '../base/errors.js';
import { native } from '../base/native.js';
import { capsuleCloneRefusal } from '../base/clone-guard.js';
import '../base/dispose.js';

/**
 * A capsule's PyCapsule-style name: 'dltensor' (legacy DLManagedTensor) or
 * 'dltensor_versioned' (DLManagedTensorVersioned), prefixed 'used_' once
 * consumed or disposed.
 */
export type DLPackCapsuleName = 'dltensor' | 'dltensor_versioned' | 'used_dltensor' | 'used_dltensor_versioned';

const notACapsule = -1;
const versionedBit = 1;
const consumedBit = 2;

/**
 * @internal
 * Builds the native capsule of a deferred export (src/interop/dlpack.ts hands
 * it to `DLPackCapsule._deferred` with each export). Throws like toDlpack when
 * the source can no longer be exported (its buffer was detached or shrank).
 * With a null source it returns an already used capsule of the given kind.
 */
export type Materializer = (source: object | null, versioned: boolean) => object;

/** True for a native capsule object made through ndinterop.h (by any addon). */
export function isNativeCapsule(value: unknown): value is object {
  return typeof value === 'object' && value !== null && native.dlpackCapsuleState(value) !== notACapsule;
}

export function consumedCapsuleError(): BufferError & { code: string } {
  return makeError(BufferError, 'ERR_DLPACK_CONSUMED', 'the DLPack capsule was already consumed');
}

function disposedCapsuleError(): BufferError & { code: string } {
  return makeError(BufferError, 'ERR_DLPACK_DISPOSED', 'the DLPack capsule was disposed ([Symbol.dispose]() released its tensor)');
}

// Passed as the constructor's second argument by _deferred only: no other
// module can name it, so no caller can make a deferred capsule by hand.
const deferredToken: unique symbol = Symbol('DLPackCapsule._deferred');

/**
 * One DLPack tensor on its way from a producer to exactly one consumer:
 * what {@link toDlpack} returns and {@link fromDlpack} takes. `handle` is the
 * native capsule for another addon (include/ndinterop/ndinterop.h); a capsule
 * is consumed at most once, and `[Symbol.dispose]()` (or `using`) releases one
 * nobody took.
 */
export class DLPackCapsule {
  // structuredClone and postMessage stop here (see clone-guard.ts).
  private readonly noStructuredClone = capsuleCloneRefusal;
  // The native capsule; null while the export is deferred.
  #handle: object | null;
  // The exported array of a deferred capsule; null once consumed or materialized.
  #source: object | null = null;
  #versioned = false;
  #consumed = false;
  // Released by [Symbol.dispose]() before any consumer took it.
  #disposed = false;
  // How a deferred capsule becomes native; null for a native capsule or once materialized.
  #materialize: Materializer | null = null;

  /**
   * Wraps a native capsule object (what an addon made with
   * `ndinterop_capsule_make`). Throws TypeError for anything else.
   */
  constructor(handle: object);
  /** @internal _deferred's form: `source` is the exported array. */
  constructor(source: object, token: typeof deferredToken, versioned: boolean, materialize: Materializer);
  constructor(handle: object, token?: typeof deferredToken, versioned = false, materialize: Materializer | null = null) {
    if (token === deferredToken) {
      this.#handle = null;
      this.#source = handle;
      this.#versioned = versioned;
      this.#materialize = materialize;
      return;
    }
    if (!isNativeCapsule(handle)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a native DLPack capsule object, got ${describeValue(handle)}`);
    }
    this.#handle = handle;
  }

  /** @internal A deferred capsule over an array toDlpack has already checked. */
  static _deferred(source: object, versioned: boolean, materialize: Materializer): DLPackCapsule {
    return new DLPackCapsule(source, deferredToken, versioned, materialize);
  }

  /** Brand check: true only for real DLPackCapsules (not Object.create(DLPackCapsule.prototype)). */
  static isCapsule(value: unknown): value is DLPackCapsule {
    return typeof value === 'object' && value !== null && #handle in value;
  }

  /**
   * @internal Consumes a deferred capsule: returns the exported array and
   * marks the capsule used. Returns null when the capsule holds a native
   * tensor (consume it through `handle`); throws BufferError
   * ERR_DLPACK_CONSUMED when it was already used. `check` runs on the array
   * first: when it throws, the capsule stays unconsumed.
   */
  _takeDeferred(check?: (source: object) => void): object | null {
    if (this.#disposed) throw disposedCapsuleError();
    if (this.#handle !== null) return null;
    const source = this.#source;
    if (source === null) throw consumedCapsuleError();
    check?.(source);
    this.#source = null;
    this.#consumed = true;
    return source;
  }

  /**
   * The native capsule object, for handing to another addon
   * (`ndinterop_capsule_take`). Reading it turns a deferred export into a
   * real DLManagedTensor[Versioned]; that throws if the exported array's
   * buffer has been detached or shrunk since. Throws BufferError
   * ERR_DLPACK_DISPOSED once the capsule was disposed.
   */
  get handle(): object {
    if (this.#disposed) throw disposedCapsuleError();
    if (this.#handle === null) {
      this.#handle = this.#materialize!(this.#source, this.#versioned);
      this.#source = null;
      this.#materialize = null;
    }
    return this.#handle;
  }

  /** PyCapsule-style name; `used_…` once a consumer has taken the tensor (or it was disposed). */
  get name(): DLPackCapsuleName {
    const base = this.versioned ? 'dltensor_versioned' : 'dltensor';
    return this.consumed ? `used_${base}` : base;
  }

  /** True for a DLManagedTensorVersioned (DLPack 1.x), false for the legacy DLManagedTensor. */
  get versioned(): boolean {
    if (this.#handle === null) return this.#versioned;
    return (native.dlpackCapsuleState(this.#handle) & versionedBit) !== 0;
  }

  /** True once the tensor has been taken by a consumer or released. */
  get consumed(): boolean {
    if (this.#handle === null) return this.#consumed;
    return (native.dlpackCapsuleState(this.#handle) & consumedBit) !== 0;
  }

  /**
   * Releases an unconsumed capsule now (calls the producer's deleter); no
   * effect once consumed. Afterwards `handle` and every consumer throw
   * BufferError ERR_DLPACK_DISPOSED.
   */
  [Symbol.dispose](): void {
    if (this.consumed) return;
    this.#disposed = true;
    if (this.#handle === null) {
      this.#source = null;
      this.#consumed = true;
      return;
    }
    native.dlpackCapsuleRelease(this.#handle);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<capsule "${this.name}">`;
  }
}
