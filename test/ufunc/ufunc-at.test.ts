// ufunc.at with NumPy's full index: slices ('start:stop:step' strings, as
// NDArray.slice takes them), integers, '...', null (new axis) and integer
// index arrays mixed in one tuple. Expected values are NumPy 2.4's
// (np.add.at / np.negative.at with the same index).
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, negative, multiply } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

function arange(n: number, shape?: number[]): NDArray {
  const a = asarray(Array.from({ length: n }, (_, i) => i), { dtype: 'float64' });
  return shape ? a.reshape(shape) : a;
}

function zeros(shape: number[]): NDArray {
  return asarray(new Array<number>(shape.reduce((x, y) => x * y, 1)).fill(0), { dtype: 'float64' }).reshape(shape);
}

function after(a: NDArray, apply: (a: NDArray) => void): unknown {
  apply(a);
  return a.toArray();
}

describe('ufunc.at with slices', () => {
  it('applies over a slice of a 1-d array', () => {
    expect(after(zeros([5]), (a) => add.at(a, '1:4', 1))).toEqual([0, 1, 1, 1, 0]);
    expect(after(arange(5), (a) => negative.at(a, '1:3'))).toEqual([0, -1, -2, 3, 4]);
  });

  it('walks negative steps in slice order', () => {
    // np.add.at(arange(5.), slice(None, None, -2), [10, 20, 30])
    expect(after(arange(5), (a) => add.at(a, '::-2', [10, 20, 30]))).toEqual([30, 1, 22, 3, 14]);
  });

  it('does nothing for an empty slice, but still checks b against its shape', () => {
    expect(after(arange(5), (a) => add.at(a, '3:1', 1))).toEqual([0, 1, 2, 3, 4]);
    expectError(() => add.at(arange(5), '3:1', [1, 2]), RangeError, 'ERR_BROADCAST', 'array is not broadcastable to correct shape');
    expectError(() => add.at(zeros([5]), '0:3', [1, 2]), RangeError, 'ERR_BROADCAST', 'array is not broadcastable to correct shape');
  });

  it('mixes slices and integers in a tuple', () => {
    expect(after(arange(12, [3, 4]), (a) => add.at(a, [':', 1], 100))).toEqual([[0, 101, 2, 3], [4, 105, 6, 7], [8, 109, 10, 11]]);
    expect(after(arange(12, [3, 4]), (a) => add.at(a, [1, '1:3'], [1, 2]))).toEqual([[0, 1, 2, 3], [4, 6, 8, 7], [8, 9, 10, 11]]);
    expect(after(arange(12, [3, 4]), (a) => add.at(a, [-1, ':'], 1))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [9, 10, 11, 12]]);
  });

  it('applies repeated index-array entries repeatedly, next to slices', () => {
    // np.add.at(A, ([0, 0, 2], slice(None, None, -1)), 1)
    expect(after(arange(12, [3, 4]), (a) => add.at(a, [[0, 0, 2], '::-1'], 1))).toEqual([[2, 3, 4, 5], [4, 5, 6, 7], [9, 10, 11, 12]]);
    // np.add.at(A, (slice(0, 2), [1, 1]), [[1, 2], [3, 4]])
    expect(after(arange(12, [3, 4]), (a) => add.at(a, ['0:2', [1, 1]], asarray([[1, 2], [3, 4]])))).toEqual([[0, 4, 2, 3], [4, 12, 6, 7], [8, 9, 10, 11]]);
    // np.add.at(A, (slice(0, 2), [1, 1, 3]), [1, 2, 3])
    expect(after(arange(12, [3, 4]), (a) => add.at(a, ['0:2', [1, 1, 3]], [1, 2, 3]))).toEqual([[0, 4, 2, 6], [4, 8, 6, 10], [8, 9, 10, 11]]);
  });

  it('puts the dimensions of separated index arrays first', () => {
    // np.add.at(zeros((2,3,4)), ([0, 1], slice(None), [1, 2]), arange(6.).reshape(2, 3))
    const expected = [
      [[0, 0, 0, 0], [0, 1, 0, 0], [0, 2, 0, 0]],
      [[0, 0, 3, 0], [0, 0, 4, 0], [0, 0, 5, 0]],
    ];
    expect(after(zeros([2, 3, 4]), (a) => add.at(a, [[0, 1], ':', [1, 2]], arange(6, [2, 3])))).toEqual(expected);
  });

  it('accepts an ellipsis and new axes', () => {
    expect(after(arange(12, [3, 4]), (a) => add.at(a, ['...', 0], 1))).toEqual([[1, 1, 2, 3], [5, 5, 6, 7], [9, 9, 10, 11]]);
    expect(after(zeros([3]), (a) => add.at(a, [null, ':'], asarray([[1, 2, 3]])))).toEqual([1, 2, 3]);
    const scalar = asarray(1);
    add.at(scalar, '...', 1);
    expect(scalar.toArray()).toBe(2n);
  });

  it('keeps unbuffered semantics for non-commutative use and casts unsafely', () => {
    expect(after(arange(4).astype('int8'), (a) => multiply.at(a, [':', ], 300))).toEqual([0, 44, 88, -124]);
  });

  it('rejects bad indices with NumPy\'s messages', () => {
    expectError(() => add.at(zeros([3]), [0, ':'], 1), RangeError, 'ERR_OUT_OF_BOUNDS', 'too many indices for array: array is 1-dimensional, but 2 were indexed');
    expectError(() => add.at(zeros([3]), [':', ':'], 1), RangeError, 'ERR_OUT_OF_BOUNDS', 'too many indices for array: array is 1-dimensional, but 2 were indexed');
    expectError(() => add.at(arange(12, [3, 4]), [':', 4], 1), RangeError, 'ERR_OUT_OF_BOUNDS', 'index 4 is out of bounds for axis 1 with size 4');
    expectError(() => add.at(arange(12, [3, 4]), [[0, 3], ':'], 1), RangeError, 'ERR_OUT_OF_BOUNDS', 'index 3 is out of bounds for axis 0 with size 3');
    expectError(() => add.at(arange(12, [3, 4]), '::0', 1), RangeError, 'ERR_INVALID_ARG_VALUE', 'slice step cannot be zero');
    expectError(() => add.at(arange(12, [3, 4]), ['...', '...'], 1), RangeError, 'ERR_INVALID_ARG_VALUE', "an index can only have a single ellipsis ('...')");
    expectError(() => add.at(arange(12, [3, 4]), [[0, 1], [0, 1, 2]], 1), RangeError, 'ERR_BROADCAST',
      'shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) ');
    const invalid = "only integers, slices ('start:stop:step' strings), ellipsis ('...'), null (new axis) and integer arrays are valid indices";
    expectError(() => add.at(arange(12, [3, 4]), 'x', 1), TypeError, 'ERR_INVALID_ARG_TYPE', `${invalid}, got "x"`);
    expectError(() => add.at(arange(12, [3, 4]), [':', 1.5], 1), TypeError, 'ERR_INVALID_ARG_TYPE', `${invalid}, got 1.5`);
    expectError(() => add.at(arange(12, [3, 4]), [asarray([1.5])], 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'arrays used as indices must be of integer type');
    expectError(() => add.at(arange(12, [3, 4]), [':', {}], 1), TypeError, 'ERR_INVALID_ARG_TYPE', `${invalid}, got an instance of Object`);
  });
});

describe('ufunc.at with boolean masks and the empty tuple', () => {
  // NumPy 2.4, by hand:
  //   b = np.arange(12).reshape(3, 4); m = [[T,F,F,T],[F,T,F,F],[T,T,T,F]]; np.add.at(b, m, 100)
  //   c = np.arange(24).reshape(2, 3, 4); np.multiply.at(c, (..., [T,F,T,F]), 10)
  //   d = np.arange(24).reshape(2, 3, 4); np.add.at(d, ([T,F], slice(None), 1), [1, 2, 3])
  //   e = np.arange(6); np.add.at(e, (), 1)
  //   f = np.arange(6).reshape(2, 3); np.add.at(f, [[T,F,T],[F,F,T]], [10, 20, 30])
  const T = true;
  const F = false;
  it('a 2-d mask over both axes, a mask after ..., a mask in a tuple', () => {
    const b = arange(12, [3, 4]);
    add.at(b, asarray([[T, F, F, T], [F, T, F, F], [T, T, T, F]]), 100);
    expect(b.toArray()).toEqual([[100, 1, 2, 103], [4, 105, 6, 7], [108, 109, 110, 11]]);
    const c = arange(24, [2, 3, 4]);
    multiply.at(c, ['...', [T, F, T, F]], 10);
    expect(c.toArray()).toEqual([[[0, 1, 20, 3], [40, 5, 60, 7], [80, 9, 100, 11]], [[120, 13, 140, 15], [160, 17, 180, 19], [200, 21, 220, 23]]]);
    const d = arange(24, [2, 3, 4]);
    add.at(d, [[T, F], ':', 1], [1, 2, 3]);
    expect(d.toArray()).toEqual([[[0, 2, 2, 3], [4, 7, 6, 7], [8, 12, 10, 11]], [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]);
    const f = arange(6, [2, 3]);
    // (a nested JS array is a tuple here, so a 2-d mask is an NDArray)
    add.at(f, asarray([[T, F, T], [F, F, T]]), [10, 20, 30]);
    expect(f.toArray()).toEqual([[10, 1, 22], [3, 4, 35]]);
  });
  it('undefined is the empty tuple: every element once', () => {
    const e = arange(6);
    add.at(e, undefined, 1);
    expect(e.toArray()).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('a mask of the wrong size is an IndexError as in NumPy', () => {
    expectError(() => add.at(arange(10), asarray([T, F, T]), 1), RangeError, 'ERR_OUT_OF_BOUNDS',
      'boolean index did not match indexed array along axis 0; size of axis is 10 but size of corresponding boolean axis is 3');
    expectError(() => add.at(arange(4), asarray([[T, F], [F, T]]), 1), RangeError, 'ERR_OUT_OF_BOUNDS',
      'too many indices for array: array is 1-dimensional, but 2 were indexed');
  });
});
