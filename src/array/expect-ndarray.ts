// The one check and message for "this argument must be an NDArray": when the
// value is something asarray() takes (a JS array, a typed array, a scalar, an
// object with __array_interface__ or __dlpack__), the message says so.
import { describeValue, makeError } from '../base/errors.js';
import { NDArray } from './ndarray.js';

function asarrayWouldTake(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Array.isArray(value) || ArrayBuffer.isView(value) || '__array_interface__' in value || '__dlpack__' in value;
}

/** Throws TypeError ERR_INVALID_ARG_TYPE unless `a` is an NDArray. */
export function expectNDArray(a: unknown): asserts a is NDArray {
  if (a instanceof NDArray) return;
  const hint = asarrayWouldTake(a) ? '; convert it first with asarray(value)' : '';
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an NDArray, got ${describeValue(a)}${hint}`);
}
