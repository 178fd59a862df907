// DLPackCapsule: the JS face of a DLPack capsule, the object that carries one
// DLManagedTensor[Versioned] from a producer to exactly one consumer. The
// capsule object itself is made by native code through
// include/ndinterop/ndinterop.h (by ndinterop or by any other addon), so a
// capsule from another addon is recognised and consumed the same way.
import { describeValue, makeError } from './errors.js';
import { native } from './native.js';

export type DLPackCapsuleName = 'dltensor' | 'dltensor_versioned' | 'used_dltensor' | 'used_dltensor_versioned';

const notACapsule = -1;
const versionedBit = 1;
const consumedBit = 2;

/** True for a native capsule object made through ndinterop.h (by any addon). */
export function isNativeCapsule(value: unknown): value is object {
  return typeof value === 'object' && value !== null && native.dlpackCapsuleState(value) !== notACapsule;
}

export class DLPackCapsule {
  readonly #handle: object;

  /**
   * Wraps a native capsule object (what an addon made with
   * `ndinterop_capsule_make`). Throws TypeError for anything else.
   */
  constructor(handle: object) {
    if (!isNativeCapsule(handle)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a native DLPack capsule object, got ${describeValue(handle)}`);
    }
    this.#handle = handle;
  }

  /** Brand check: true only for real DLPackCapsules (not Object.create(DLPackCapsule.prototype)). */
  static isCapsule(value: unknown): value is DLPackCapsule {
    return typeof value === 'object' && value !== null && #handle in value;
  }

  /** The native capsule object, for handing to another addon (`ndinterop_capsule_take`). */
  get handle(): object {
    return this.#handle;
  }

  /** PyCapsule-style name; `used_…` once a consumer has taken the tensor (or it was disposed). */
  get name(): DLPackCapsuleName {
    const base = this.versioned ? 'dltensor_versioned' : 'dltensor';
    return this.consumed ? `used_${base}` : base;
  }

  /** True for a DLManagedTensorVersioned (DLPack 1.x), false for the legacy DLManagedTensor. */
  get versioned(): boolean {
    return (native.dlpackCapsuleState(this.#handle) & versionedBit) !== 0;
  }

  /** True once the tensor has been taken by a consumer or released. */
  get consumed(): boolean {
    return (native.dlpackCapsuleState(this.#handle) & consumedBit) !== 0;
  }

  /** Releases an unconsumed capsule now (calls the producer's deleter); no effect once consumed. */
  [Symbol.dispose](): void {
    native.dlpackCapsuleRelease(this.#handle);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<capsule "${this.name}">`;
  }
}
