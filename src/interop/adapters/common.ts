// Shared pieces of the adapters to JS array libraries: loading an optional
// peer library on first use, the TypedArray class a library keeps a dtype in, and the checks that decide
// whether an NDArray can be handed over without a copy.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type DType } from '../../dtype/dtype.js';
import { type ElementTypedArrayConstructor, typedArrayStorage } from '../../dtype/typed-arrays.js';
import { BufferError, describeValue, makeError } from '../../base/errors.js';
import { checkNotWritten } from '../../base/busy.js';
import { type ByteSpan, NDArray, byteLengthOf } from '../../array/ndarray.js';
import { hasProperty, readOnce } from '../../base/property-access.js';
import { expectNDArray } from '../../array/expect-ndarray.js';

const loaded = new Map<string, unknown>();

// Where a peer is looked up, in order: from the application (its main script,
// then the working directory), so the adapter uses the copy the application
// itself imports (an `instanceof` on the application's class holds), and only
// then from ndinterop's own place.
function peerRequires(): NodeJS.Require[] {
  const bases: string[] = [];
  const main = process.argv[1];
  if (main) bases.push(main);
  bases.push(join(process.cwd(), 'noop.js'));
  bases.push(import.meta.url);
  return bases.map((base) => createRequire(base));
}

// The package to install for a specifier ('@stdlib/ndarray/ctor' is a path
// inside '@stdlib/ndarray').
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Loads an optional peer dependency on first use, resolved from the
 * application first (see peerRequires). The libraries are never imported
 * when ndinterop loads: reading their arrays needs only their shape.
 */
export function loadPeer<T>(specifiers: readonly string[], forWhat: string): T {
  for (const specifier of specifiers) {
    const cached = loaded.get(specifier);
    if (cached !== undefined) return cached as T;
  }
  for (const specifier of specifiers) {
    for (const requireFrom of peerRequires()) {
      try {
        const module = requireFrom(specifier) as T;
        loaded.set(specifier, module);
        return module;
      } catch (error) {
        if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
      }
    }
  }
  throw makeError(
    Error,
    'ERR_MODULE_NOT_FOUND',
    `${forWhat} needs the optional peer dependency ${specifiers.map((s) => `'${s}'`).join(' or ')}, which is not installed (npm install ${packageOf(specifiers[0]!)})`,
  );
}

/** Reads a property of a foreign array once (getters run exactly once). */
export function readProperty(source: object, key: string, library: string): unknown {
  return readOnce(source, key, `${library} array .${key}`);
}

/** True when `source` has every one of `keys` (own or inherited). */
export function hasProperties(source: object, keys: readonly string[], library: string): boolean {
  return keys.every((key) => hasProperty(source, key, `${library} array (checking for .${key})`));
}

/**
 * The TypedArray class JS array libraries keep `dt` elements in, one per
 * slot (bool as 0/1 bytes, float16 as its bits), or undefined: they hold
 * real numbers only, and none of them has bfloat16.
 */
export function typedArrayConstructor(dt: DType): ElementTypedArrayConstructor | undefined {
  if (!dt.numeric || dt.kind === 'c' || dt.name === 'bfloat16') return undefined;
  return typedArrayStorage(dt)?.ctor;
}

/**
 * The bytes of `a` that its elements occupy: [start, end) in a.buffer, or
 * null when empty. Throws, as any read of `a` would, when the buffer has
 * been detached or has shrunk since `a` was made.
 */
export function byteSpan(a: NDArray): ByteSpan | null {
  const span = a._byteSpan();
  if (span && byteLengthOf(a.buffer) < span.end) a._dataView(); // throws NDArray's own detached / shrunk error
  return span;
}

/** Why `a` cannot be shared with a library that counts strides in elements, or null if it can. */
export function elementStrideProblem(a: NDArray): string | null {
  if (a.opaque) return 'it lives on a non-CPU device';
  if (!a.dtype.isNative) return `its dtype ${a.dtype.str} is not in native byte order`;
  if (a.strides.some((s) => s % a.itemsize !== 0)) {
    return `its byte strides [${a.strides.join(', ')}] are not multiples of the itemsize ${a.itemsize}`;
  }
  const span = byteSpan(a);
  if (span && span.start % a.itemsize !== 0) {
    return `its data starts at byte ${span.start}, which is not aligned to the itemsize ${a.itemsize}`;
  }
  return null;
}

/** The error for a hand-over that needs a copy when the caller did not allow one. */
export function needsCopy(library: string, reason: string): BufferError {
  const error = new BufferError(`cannot share this array with ${library} without a copy: ${reason} (pass { copy: true } to copy)`);
  return error;
}

export function checkCopyOption(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected options to be an object, got ${describeValue(options)}`);
  }
  const { copy } = options as { copy?: unknown };
  if (copy !== undefined && typeof copy !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected copy to be a boolean, got ${describeValue(copy)}`);
  }
  return copy ?? false;
}

/** `a` as an NDArray whose memory may be handed to another library (not written by a pending `.async` call). */
export function checkNDArray(a: unknown): NDArray {
  expectNDArray(a);
  checkNotWritten(a.buffer, 'cannot share this array');
  return a;
}
