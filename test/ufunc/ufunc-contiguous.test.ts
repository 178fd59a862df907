// Calls whose operands all walk the shape in C order without gaps (or are
// one broadcast element) run the loop once, without the n-d iterator
// (native/core/ufunc/exec.cc runContiguous). Layouts at the edge of that
// test must give the same values as the iterator: size-1 dimensions with any
// stride, broadcast scalars, empty arrays, in-place outputs, and layouts that
// are not contiguous and must not take the shortcut. Expected values come
// from plain JS loops.
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, divide, multiply, sqrt, subtract } from '../../src/index.js';
import { captureWarnings } from '../helpers/warnings.js';

const ramp = (n: number, scale = 1) => Float64Array.from({ length: n }, (_, i) => (i + 1) * scale);

describe('contiguous calls without the iterator', () => {
  it('size-1 dimensions with arbitrary strides still count as contiguous', () => {
    const data = ramp(40);
    // shape [1, 10] with a first-dimension stride of 160 bytes (not 80)
    const view = new NDArray({ buffer: data, dtype: 'float64', shape: [1, 10], strides: [160, 8], byteOffset: 8 });
    const result = add(view, view) as NDArray;
    expect(result.shape).toEqual([1, 10]);
    expect(Array.from(result.toTypedArray())).toEqual(Array.from(data.subarray(1, 11), (x) => 2 * x));
  });

  it('a broadcast one-element operand is read in place for every element', () => {
    const a = asarray(ramp(12)).reshape([3, 4]);
    const one = asarray(Float64Array.from([0.5])).reshape([1, 1]);
    const result = (multiply(a, one) as NDArray).toTypedArray();
    expect(Array.from(result)).toEqual(Array.from(ramp(12), (x) => x * 0.5));
    const reversed = (subtract(one, a) as NDArray).toTypedArray();
    expect(Array.from(reversed)).toEqual(Array.from(ramp(12), (x) => 0.5 - x));
  });

  it('non-contiguous layouts (a reversed view, a row broadcast over rows, a transpose) take the iterator', () => {
    const a = asarray(ramp(12)).reshape([3, 4]);
    const reversed = (add(a.slice('::-1'), 0) as NDArray).toArray();
    expect(reversed).toEqual([[9, 10, 11, 12], [5, 6, 7, 8], [1, 2, 3, 4]]);
    const row = asarray(Float64Array.from([100, 200, 300, 400]));
    expect((add(a, row) as NDArray).toArray()).toEqual([
      [101, 202, 303, 404],
      [105, 206, 307, 408],
      [109, 210, 311, 412],
    ]);
    expect((add(a.T, 0) as NDArray).toArray()).toEqual([
      [1, 5, 9],
      [2, 6, 10],
      [3, 7, 11],
      [4, 8, 12],
    ]);
  });

  it('empty arrays and 0-d arrays', () => {
    const empty = add(asarray(new Float64Array(0)).reshape([0, 3]), 1) as NDArray;
    expect(empty.shape).toEqual([0, 3]);
    expect(empty.size).toBe(0);
    expect(add(asarray(Float64Array.from([2])).reshape([]), 3)).toBe(5);
  });

  it('an output that is an input, exactly in place', () => {
    const a = asarray(ramp(100));
    add(a, a, { out: a });
    expect(Array.from(a.toTypedArray())).toEqual(Array.from(ramp(100), (x) => 2 * x));
  });

  it('floating-point flags of the single call become NumPy warnings', () => {
    const a = asarray(Float64Array.from([1, -1, 0]));
    const zero = asarray(new Float64Array(3));
    expect(captureWarnings(() => divide(a, zero)).map((w) => w.message)).toEqual([
      'divide by zero encountered in divide',
      'invalid value encountered in divide',
    ]);
    expect(captureWarnings(() => sqrt(a)).map((w) => w.message)).toEqual(['invalid value encountered in sqrt']);
    expect(captureWarnings(() => add(a, a))).toEqual([]);
  });
});
