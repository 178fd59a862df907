// Turning ufunc arguments into loop operands: JS scalars as weak (Python-like)
// scalars, array-likes as NDArrays, casts to the loop's dtypes, copies that make
// overlapping outputs safe.
import { type DType, littleEndianHost } from '../dtype/dtype.js';
import type { Complex } from '../dtype/elements.js';
import { describeValue, makeError } from '../base/errors.js';
import { FP_OVERFLOW, handleFloatingPointFlags } from './errstate.js';
import { int64, uint64, bool as boolType, float64, complex128, type WeakKind } from '../dtype/promotion.js';
import { type NDArray, checkReadable, dataViewOf, emptyArray, isNDArray, readerFor, toNDArray, writerFor } from './arrays.js';
import { castCopy } from './engine.js';
import { activeRecorder } from './record.js';
import { shapeSize } from '../array/broadcast.js';

/** What a ufunc returns for a 0-d result: number, bigint (64-bit ints), boolean, or `{ re, im }`. */
export type Scalar = number | bigint | boolean | Complex;

export function isComplexValue(value: unknown): value is Complex {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const { re, im } = value as { re?: unknown; im?: unknown };
  return typeof re === 'number' && typeof im === 'number' && Object.keys(value).length === 2;
}

/**
 * The weak kind of a JS scalar: booleans are Python bools, bigints and
 * integer-valued numbers (except -0) are Python ints, other numbers Python
 * floats, `{ re, im }` Python complex. Anything else is not a weak scalar.
 */
export function weakKindOf(value: unknown): WeakKind | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && !Object.is(value, -0) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'object':
      return isComplexValue(value) ? 'complex' : undefined;
    default:
      return undefined;
  }
}

const integerBounds = new Map<string, readonly [bigint, bigint]>();
for (const bits of [8, 16, 32, 64]) {
  integerBounds.set(`int${bits}`, [-(2n ** BigInt(bits - 1)), 2n ** BigInt(bits - 1) - 1n]);
  integerBounds.set(`uint${bits}`, [0n, 2n ** BigInt(bits) - 1n]);
}

function integerValue(value: unknown): bigint {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  return BigInt(value as number | bigint);
}

/** Whether the integer value of a weak int/bool scalar fits the integer dtype `dt`. */
export function fitsInteger(value: unknown, dt: DType): boolean {
  const bounds = integerBounds.get(dt.name);
  if (!bounds) return true;
  const integer = integerValue(value);
  return integer >= bounds[0] && integer <= bounds[1];
}

/** The strong dtype a weak scalar takes when every operand is a scalar (Python's defaults; big ints as uint64). */
export function defaultScalarType(value: unknown, kind: WeakKind): DType {
  switch (kind) {
    case 'bool':
      return boolType;
    case 'float':
      return float64;
    case 'complex':
      return complex128;
    case 'int':
      if (fitsInteger(value, int64)) return int64;
      if (fitsInteger(value, uint64)) return uint64;
      throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `integer ${describeValue(value)} does not fit in 64 bits`);
  }
}

function finiteParts(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (isComplexValue(value)) return Number.isFinite(value.re) && Number.isFinite(value.im);
  return true;
}

function infiniteResult(read: unknown): boolean {
  if (typeof read === 'number') return !Number.isFinite(read);
  if (isComplexValue(read)) return !Number.isFinite(read.re) || !Number.isFinite(read.im);
  return false;
}

/**
 * A 0-d array of `dt` holding a weak scalar, converted as NumPy converts
 * Python scalars: integers out of the dtype's range are an error, floats that
 * overflow a narrow float become inf with an 'overflow encountered in cast' warning.
 */
export function scalarArray(value: unknown, dt: DType): NDArray {
  const result = emptyArray([], dt);
  const view = dataViewOf(result.buffer);
  if (dt.kind === 'i' || dt.kind === 'u') {
    if (!fitsInteger(value, dt)) {
      throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `Python integer ${integerValue(value)} out of bounds for ${dt.name}`);
    }
    const integer = integerValue(value);
    writerFor(dt)(view, result.byteOffset, dt.itemsize === 8 ? integer : Number(integer));
    return result;
  }
  const plain = typeof value === 'bigint' ? Number(value) : value;
  // Python's int -> float conversion refuses what float64 cannot hold.
  if (typeof value === 'bigint' && !Number.isFinite(plain)) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', 'int too large to convert to float');
  }
  writerFor(dt)(view, result.byteOffset, plain);
  if (dt.kind !== 'b' && finiteParts(plain) && infiniteResult(readerFor(dt)(view, result.byteOffset))) {
    handleFloatingPointFlags(FP_OVERFLOW, 'cast');
  }
  return result;
}

// One reusable 0-d operand per dtype for weak scalars passed to native loops:
// native kernels read it synchronously and never call back into JS, so a
// scratch cannot be overwritten while in use. (JS loops may re-enter ufuncs,
// so they get fresh arrays.)
const scratch = new Map<DType, { array: NDArray; view: DataView }>();

/** Like scalarArray, but into a per-dtype scratch array that is only valid until the next call. */
export function scratchScalar(value: unknown, dt: DType): NDArray {
  // Recorded (async) work runs later: each scalar needs its own memory.
  if (activeRecorder) return scalarArray(value, dt);
  let slot = scratch.get(dt);
  if (!slot) {
    const array = emptyArray([], dt);
    slot = { array, view: dataViewOf(array.buffer) };
    scratch.set(dt, slot);
  }
  if (typeof value === 'number' && dt.name === 'float64') {
    slot.view.setFloat64(0, value, littleEndianHost);
    return slot.array;
  }
  const fresh = scalarArray(value, dt);
  new Uint8Array(slot.array.buffer).set(new Uint8Array(fresh.buffer, fresh.byteOffset, dt.itemsize));
  return slot.array;
}

/** Reads the single element of a 0-d (or size-1) array as a JS scalar. */
export function readScalar(a: NDArray): Scalar {
  if (activeRecorder) return activeRecorder.deferScalar(a) as Scalar;
  return readerFor(a.dtype)(dataViewOf(a.buffer), a.byteOffset) as Scalar;
}

/** An NDArray from any asarray-able input, with a clear error for what cannot be one. */
export function arrayOperand(value: unknown, what: string): NDArray {
  if (isNDArray(value)) return checkReadable(value);
  try {
    return toNDArray(value);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_INVALID_ARG_TYPE' || error instanceof TypeError) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} must be an NDArray, an array-like or a JS scalar, got ${describeValue(value)}`);
    }
    throw error;
  }
}

/** `a` in exactly dtype `dt` and native byte order (a contiguous converted copy when it differs). */
export function inDType(a: NDArray, dt: DType): NDArray {
  if (a.dtype.name === dt.name && a.dtype.isNative) return a;
  return castCopy(a, dt);
}

/**
 * Whether writing `out` could change what the loop reads from `input` before
 * reading it. Reading and writing the very same elements in step is safe.
 */
export function overlapsUnsafely(
  input: NDArray,
  inputStrides: readonly number[],
  out: NDArray,
  outStrides: readonly number[],
  shape: readonly number[],
): boolean {
  // At the loop's shape an operand reaches the bytes it reaches alone: the
  // broadcast axes have stride 0. An empty loop reaches none.
  if (input.buffer !== out.buffer || shapeSize(shape) === 0) return false;
  const a = input._byteSpan();
  const b = out._byteSpan();
  if (!a || !b || a.end <= b.start || b.end <= a.start) return false;
  const sameWalk =
    input.byteOffset === out.byteOffset &&
    input.dtype.itemsize === out.dtype.itemsize &&
    inputStrides.every((s, i) => s === outStrides[i]);
  return !sameWalk;
}
