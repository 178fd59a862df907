// Argument checks shared by NDArray and asarray; each builds its error with
// makeError so messages read the same everywhere.
import { describeValue, makeError } from './errors.js';

/**
 * NumPy's limit on the number of dimensions: the addon's `maxDims`
 * (native/core/base/limits.h kMaxDims), which a test checks this equals.
 */
export const maxDims = 64;

export function checkInteger(value: unknown, what: string): number {
  if (typeof value !== 'number') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${what} to be an integer, got ${describeValue(value)}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${what} to be an integer in [-(2^53 - 1), 2^53 - 1], got ${value}`);
  }
  return value;
}

export function checkNonNegativeInteger(value: unknown, what: string): number {
  const integer = checkInteger(value, what);
  if (integer < 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${what} to be >= 0, got ${integer}`);
  return integer;
}

/** A shape: an array of at most 64 non-negative safe integers. */
export function checkShape(value: unknown, what = 'shape'): number[] {
  if (!Array.isArray(value)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${what} to be an array of integers, got ${describeValue(value)}`);
  }
  if (value.length > maxDims) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected at most ${maxDims} dimensions, got ${value.length}`);
  }
  return value.map((entry, i) => checkNonNegativeInteger(entry, `${what}[${i}]`));
}

/** Byte strides: one safe integer (any sign) per dimension. */
export function checkStrides(value: unknown, ndim: number): number[] {
  if (!Array.isArray(value)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected strides to be an array of integers, got ${describeValue(value)}`);
  }
  if (value.length !== ndim) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${ndim} strides (one per dimension), got ${value.length}`);
  }
  return value.map((entry, i) => checkInteger(entry, `strides[${i}]`));
}

/** Python's tuple repr: (), (3,), (2, 3). */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * C-order strides in steps of `itemsize` (1 for element strides), an empty
 * dimension counting as length 1: NumPy's _array_fill_strides, what reshape
 * gives an empty array.
 */
export function filledStrides(shape: readonly number[], itemsize: number): number[] {
  const strides = new Array<number>(shape.length);
  let stride = itemsize;
  for (let i = shape.length - 1; i >= 0; i -= 1) {
    strides[i] = stride;
    stride *= Math.max(shape[i]!, 1);
  }
  return strides;
}

/** The byte strides of a new C-contiguous array: filledStrides, but all 0 when the shape has a 0 (as NumPy 2 makes them). */
export function contiguousStrides(shape: readonly number[], itemsize: number): number[] {
  return shape.includes(0) ? shape.map(() => 0) : filledStrides(shape, itemsize);
}
