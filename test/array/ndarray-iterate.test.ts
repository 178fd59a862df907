// Iterating an NDArray as NumPy iterates an ndarray: over the first axis,
// scalars for 1-d, views for n-d, TypeError for 0-d. Expected values are
// NumPy 2.4's, quoted beside each case.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

function arange(n: number): NDArray {
  return asarray(new Float64Array(n).map((_, i) => i));
}

describe('iteration over the first axis', () => {
  it('yields the elements of a 1-d array', () => {
    // list(np.arange(3.0)[::-1]) == [2.0, 1.0, 0.0]
    expect([...arange(3).slice('::-1')]).toEqual([2, 1, 0]);
    // list(np.array([2**62], dtype=np.int64)) == [4611686018427387904]
    expect(Array.from(asarray(new BigInt64Array([2n ** 62n])))).toEqual([2n ** 62n]);
    // list(np.array([1+2j])) == [(1+2j)]
    expect([...new NDArray({ buffer: new Float64Array([1, 2]).buffer, dtype: 'complex128', shape: [1] })]).toEqual([{ re: 1, im: 2 }]);
  });

  it('yields views of one dimension less for ndim >= 2', () => {
    const a = arange(24).reshape(2, 3, 4);
    const rows = [...a];
    expect(rows.length).toBe(2);
    // [x.tolist() for x in np.arange(24).reshape(2, 3, 4)]
    expect(rows.map((row) => (row as NDArray).toArray())).toEqual([
      [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]],
      [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]],
    ]);
    expect(rows.every((row) => row instanceof NDArray && row.buffer === a.buffer)).toBe(true);
  });

  it('iterates a transposed (Fortran-order) array by its first axis', () => {
    // [x.tolist() for x in np.arange(6.0).reshape(2, 3).T] == [[0, 3], [1, 4], [2, 5]]
    expect([...arange(6).reshape(2, 3).T].map((row) => (row as NDArray).toArray())).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('yields views that write through to the array', () => {
    const a = arange(4).reshape(2, 2);
    for (const row of a) (row as NDArray).set(0, -1);
    expect(a.toArray()).toEqual([[-1, 1], [-1, 3]]);
  });

  it('yields nothing for an empty first axis', () => {
    // list(np.zeros((0, 3))) == []
    expect([...arange(0).reshape(0, 3)]).toEqual([]);
  });

  it('reads elements when it reaches them', () => {
    const a = arange(3);
    const iterator = a[Symbol.iterator]();
    expect(iterator.next().value).toBe(0);
    a.set(1, 10);
    expect(iterator.next().value).toBe(10);
  });

  it("refuses a 0-d array with NumPy's message, when iteration starts", () => {
    const scalar = arange(1).reshape([]);
    expectError(() => scalar[Symbol.iterator](), TypeError, 'ERR_NOT_ITERABLE', 'iteration over a 0-d array');
    expectError(() => [...scalar], TypeError, 'ERR_NOT_ITERABLE', 'iteration over a 0-d array');
    expectError(() => Array.from(scalar), TypeError, 'ERR_NOT_ITERABLE', 'iteration over a 0-d array');
  });
});
