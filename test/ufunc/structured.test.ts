// equal/not_equal of structured arrays: NumPy's == and != compare records
// field by field in order (JS has no operators; np.equal itself has no
// structured loop). Expected values are NumPy 2.4's, run by hand:
//   b = np.zeros(2, 'i4,f8'); c = np.zeros(2, 'i8,f4'); b == c -> [T T]
//   d = np.zeros(2, [('a','i4'),('b','f8')]); e = np.zeros(2, [('x','i4'),('y','f8')]); d == e -> [T T]
//   d == np.zeros(2, 'i4,f8,f8') -> TypeError "Cannot compare structured arrays unless they have a common dtype. ..."
//   n = np.array([(1.0, np.nan)], 'f8,f8'); n == n -> [F]; n != n -> [T]
import { describe, expect, it } from 'vitest';
import { NDArray, add, equal, not_equal, parseBufferFormat } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

const record = (format: string, values: number[][]): NDArray => {
  const dt = parseBufferFormat(format).dtype;
  const a = new NDArray({ buffer: new ArrayBuffer(dt.itemsize * values.length), dtype: dt, shape: [values.length] });
  const view = new DataView(a.buffer as ArrayBuffer);
  values.forEach((row, k) => dt.fields!.forEach((f, i) => {
    const at = k * dt.itemsize + f.offset;
    if (f.dtype.name === 'int32') view.setInt32(at, row[i]!, true);
    else if (f.dtype.name === 'int64') view.setBigInt64(at, BigInt(row[i]!), true);
    else if (f.dtype.name === 'float32') view.setFloat32(at, row[i]!, true);
    else view.setFloat64(at, row[i]!, true);
  }));
  return a;
};

describe('structured equality', () => {
  it('field by field, across field types and names', () => {
    expect((equal(record('T{<i:f0:<d:f1:}', [[0, 0], [1, 2.5]]), record('T{<q:g0:<f:g1:}', [[0, 0], [1, 2.5]])) as NDArray).toArray()).toEqual([true, true]);
    expect((equal(record('T{<i:a:<d:b:}', [[1, 2], [3, 4]]), record('T{<i:x:<d:y:}', [[1, 2], [3, 5]])) as NDArray).toArray()).toEqual([true, false]);
    const n = record('T{<d:f0:<d:f1:}', [[1, NaN]]);
    expect((equal(n, n) as NDArray).toArray()).toEqual([false]);
    expect((not_equal(n, n) as NDArray).toArray()).toEqual([true]);
  });
  it('broadcasts a record against an array of them', () => {
    const a = record('T{<d:f0:<d:f1:}', [[0, 1], [2, 3], [0, 1]]);
    expect((equal(a, a.slice(0)) as NDArray).toArray()).toEqual([true, false, true]);
  });
  it("NumPy's errors", () => {
    expectError(() => equal(record('T{<i:a:<d:b:}', [[0, 0]]), record('T{<i:f0:<d:f1:<d:f2:}', [[0, 0, 0]])), TypeError, 'ERR_UFUNC_TYPE',
      'Cannot compare structured arrays unless they have a common dtype.  I.e. `np.result_type(arr1, arr2)` must be defined.');
    expectError(() => add(record('T{<d:f0:}', [[1]]), record('T{<d:f0:}', [[1]])), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'add' did not contain a loop with signature matching types/);
  });
});
