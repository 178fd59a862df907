// Native ufunc calls with small results or inputs that have no memory yet
// (src/ufunc/fastpath.ts staging): a result of at most smallSize elements of
// float64, float32, int32 or bool is written into a scratch buffer and
// copied into a store, and an input holding only a store (a result of the JS
// paths) is copied into a scratch buffer instead of being given memory. The
// expected values are NumPy's, computed from the same inputs, with ufuncs
// whose results are exact to the bit (divide and sqrt round correctly).
import { describe, expect, it } from 'vitest';
import { NDArray, add, divide, errstate, isnan, maximum, multiply, sqrt, subtract } from '../../src/index.js';
import { hasNumpy, hexOf, numpyBytes, skipReason } from './ufunc-numpy.js';

const n = 100;
const a = () => new NDArray({ buffer: Float64Array.from({ length: n }, (_, i) => (i - 50) * 0.37), dtype: 'float64', shape: [n] });
const b = () => new NDArray({ buffer: Float64Array.from({ length: n }, (_, i) => (i % 7) - 3), dtype: 'float64', shape: [n] });

// Each line of the script prints one result's bytes as hex.
const script = `import sys, numpy as np
a = (np.arange(${n}) - 50) * 0.37
b = (np.arange(${n}) % 7 - 3).astype(np.float64)
with np.errstate(all='ignore'):
    rows = [
        np.divide(a, 3.0),                           # staged float64 result
        np.divide(a + b, 3.0),                       # store input, staged result
        np.sqrt(np.add(a, b)),                       # store input, NaN results
        np.maximum((a[:10] * 2.0).reshape(10, 1), b[:10].reshape(1, 10)),  # broadcast store input
        np.isnan(np.sqrt(a)),                        # bool result of a staged result
        np.divide(a.astype(np.float32) + np.float32(1), np.float32(3)),  # float32
        np.divide(b, 0.0),                           # flags, staged result
        np.divide(a + b, 7.0),                       # in place on a store-backed array
        np.divide(np.arange(200, dtype=np.float64), 7.0),  # over smallSize: not staged
        np.sqrt(np.arange(${n}, dtype=np.int32) * 7919),   # int32 input of a float64 loop
        np.divide(np.arange(${n}, dtype=np.int32) - 50, np.arange(${n}, dtype=np.int32) % 9 + 1),  # int32 / int32
        np.divide((np.arange(${n}, dtype=np.int32) * 3).reshape(${n}, 1)[:10], np.arange(10, dtype=np.float64) + 0.5),  # broadcast
        np.divide(np.arange(${n}, dtype=np.float32) / np.float32(3), b),  # float32 input of a float64 loop
    ]
for r in rows:
    print(r.tobytes().hex())
`;

describe.skipIf(!hasNumpy)(`staged native calls match NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const expected = numpyBytes(script).toString('utf8').trim().split('\n');

  it('a small result is a store with NumPy elements, get/set and a buffer like any array', () => {
    const r = divide(a(), 3) as NDArray;
    expect(r._pendingStore()).toBeDefined(); // not given memory by the call
    const before = r.get(7); // read before the memory exists
    expect(hexOf(r)).toBe(expected[0]);
    expect(r._pendingStore()).toBeUndefined(); // asking for the buffer made it
    expect(r.get(7)).toBe(before);
    expect(new Float64Array(r.buffer)[7]).toBe(before);
    r.set(7, 2.5);
    expect(new Float64Array(r.buffer)[7]).toBe(2.5);
  });

  it('an input holding only a store is read from a copy, and keeps its store', () => {
    const sum = add(a(), b()) as NDArray; // the JS path: a store
    expect(sum._pendingStore()).toBeDefined();
    expect(hexOf(divide(sum, 3) as NDArray)).toBe(expected[1]);
    expect(sum._pendingStore()).toBeDefined();
    const roots = errstate({ invalid: 'ignore' }, () => sqrt(add(a(), b())) as NDArray);
    expect(hexOf(roots)).toBe(expected[2]);
  });

  it('a broadcast store input', () => {
    const column = multiply(a().slice('0:10').reshape([10, 1]), 2) as NDArray;
    expect(column._pendingStore()).toBeDefined();
    const row = b().slice('0:10').reshape([1, 10]);
    const r = maximum(column, row) as NDArray;
    expect(r.shape).toEqual([10, 10]);
    expect(hexOf(r)).toBe(expected[3]);
  });

  it('bool and float32 results', () => {
    const nan = errstate({ invalid: 'ignore' }, () => isnan(sqrt(a()) as NDArray) as NDArray);
    expect(nan.dtype.name).toBe('bool');
    expect(nan.get(0)).toBe(true);
    expect(nan.get(99)).toBe(false);
    expect(hexOf(nan)).toBe(expected[4]);
    const single = add(a().astype('float32'), 1) as NDArray;
    const third = divide(single, 3) as NDArray;
    expect(third.dtype.name).toBe('float32');
    expect(hexOf(third)).toBe(expected[5]);
  });

  it('floating-point flags of a staged call are reported, with the result intact', () => {
    expect(() => errstate({ divide: 'raise' }, () => divide(b(), 0))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'divide by zero encountered in divide' }),
    );
    const r = errstate({ divide: 'ignore', invalid: 'ignore' }, () => divide(b(), 0) as NDArray);
    expect(hexOf(r)).toBe(expected[6]);
  });

  it('in place on a store-backed array, and with out given', () => {
    const s = add(a(), b()) as NDArray;
    expect(divide(s, 7, { out: s })).toBe(s);
    expect(hexOf(s)).toBe(expected[7]);
    const t = add(a(), b()) as NDArray;
    const out = new NDArray({ buffer: new Float64Array(n), dtype: 'float64', shape: [n] });
    divide(t, 7, { out });
    expect(hexOf(out)).toBe(expected[7]);
  });

  it('small int32 and float32 inputs of a float64 loop, converted before the call', () => {
    const ints = () => new NDArray({ buffer: Int32Array.from({ length: n }, (_, i) => i), dtype: 'int32', shape: [n] });
    const roots = sqrt(multiply(ints(), 7919) as NDArray) as NDArray; // the product is an int32 store
    expect(roots.dtype.name).toBe('float64');
    expect(hexOf(roots)).toBe(expected[9]);
    const quotient = divide(subtract(ints(), 50) as NDArray, add(new NDArray({ buffer: Int32Array.from({ length: n }, (_, i) => i % 9), dtype: 'int32', shape: [n] }), 1) as NDArray) as NDArray;
    expect(hexOf(quotient)).toBe(expected[10]);
    const column = multiply(ints(), 3) as NDArray;
    const halves = new NDArray({ buffer: Float64Array.from({ length: 10 }, (_, i) => i + 0.5), dtype: 'float64', shape: [10] });
    const grid = divide(column.reshape([n, 1]).slice('0:10'), halves) as NDArray;
    expect(grid.shape).toEqual([10, 10]);
    expect(hexOf(grid)).toBe(expected[11]);
    const thirds = divide(new NDArray({ buffer: Float32Array.from({ length: n }, (_, i) => i), dtype: 'float32', shape: [n] }), 3) as NDArray;
    expect(thirds.dtype.name).toBe('float32');
    expect(hexOf(divide(thirds, b()) as NDArray)).toBe(expected[12]);
  });

  it('a result over smallSize elements gets memory of its own', () => {
    const big = new NDArray({ buffer: Float64Array.from({ length: 200 }, (_, i) => i), dtype: 'float64', shape: [200] });
    const r = divide(big, 7) as NDArray;
    expect(r._pendingStore()).toBeUndefined();
    expect(hexOf(r)).toBe(expected[8]);
  });
});
