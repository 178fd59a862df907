// NDArray.prototype[Symbol.iterator]: iteration over the first axis, as
// NumPy iterates an ndarray. A 1-d array yields its elements (what get(i)
// gives), an n-d array yields views a.slice(i) of one dimension less (they
// share memory: writes through them reach the array), and a 0-d array is not
// iterable. Elements are read when the iterator reaches them, as in NumPy.
import { makeError } from '../base/errors.js';
import { type Scalar } from '../dtype/elements.js';
import { type NDArray } from './ndarray.js';

function* elements(a: NDArray, length: number): IterableIterator<Scalar> {
  for (let i = 0; i < length; i += 1) yield a.get(i);
}

function* subarrays(a: NDArray, length: number): IterableIterator<NDArray> {
  for (let i = 0; i < length; i += 1) yield a.slice(i);
}

/**
 * NDArray.prototype[Symbol.iterator] (attached in src/protocols.ts). Not a
 * generator itself: the 0-d check throws when iteration starts (iter(a) in
 * NumPy), not at the first next().
 */
export function iterateNDArray(this: NDArray): IterableIterator<NDArray | Scalar> {
  if (this.ndim === 0) throw makeError(TypeError, 'ERR_NOT_ITERABLE', 'iteration over a 0-d array');
  const length = this.shape[0]!;
  return this.ndim === 1 ? elements(this, length) : subarrays(this, length);
}
