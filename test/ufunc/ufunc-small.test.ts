// Tiny calls (add/subtract/multiply of two small contiguous float64,
// float32 or int32 arrays) run in JS and keep their results in V8-heap
// TypedArrays whose ArrayBuffer is made only when asked for. These tests
// check that such results behave as every other NDArray, and that inputs
// which change under the cached views (disposed, detached) are noticed.
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, multiply, subtract } from '../../src/index.js';

describe('tiny results', () => {
  it('have a real ArrayBuffer, C-contiguous strides and writable elements', () => {
    const r = add(asarray(Float64Array.from([1, 2, 3])), asarray(Float64Array.from([0.5, 0.25, 0.125]))) as NDArray;
    expect(r.dtype.name).toBe('float64');
    expect(r.shape).toEqual([3]);
    expect(r.strides).toEqual([8]);
    expect(r.flags).toEqual({ cContiguous: true, fContiguous: true, writeable: true, aligned: true });
    expect(r.buffer).toBeInstanceOf(ArrayBuffer);
    expect(r.buffer.byteLength).toBe(24);
    expect(Array.from(new Float64Array(r.buffer))).toEqual([1.5, 2.25, 3.125]);
    // Writes through either side are seen by the other.
    new Float64Array(r.buffer)[0] = 42;
    expect(r.get(0)).toBe(42);
    r.set(2, -1);
    expect(new Float64Array(r.buffer)[2]).toBe(-1);
    expect(r.toArray()).toEqual([42, 2.25, -1]);
  });

  it('keep their values when their buffer is asked for only after another tiny call used them', () => {
    const a = asarray(Float32Array.from([1, 2, 3, 4])).reshape([2, 2]);
    const first = multiply(a, a) as NDArray;
    const second = subtract(first, a) as NDArray; // reads `first` through its heap store
    expect(second.strides).toEqual([8, 4]);
    expect(Array.from(new Float32Array(second.buffer))).toEqual([0, 2, 6, 12]);
    expect(Array.from(new Float32Array(first.buffer))).toEqual([1, 4, 9, 16]);
    expect(first.toArray()).toEqual([
      [1, 4],
      [9, 16],
    ]);
  });

  it('int32 wraps as NumPy does', () => {
    const big = asarray(Int32Array.from([2147483647, -2147483648, 65536]));
    const r = add(big, asarray(Int32Array.from([1, -1, 0]))) as NDArray;
    expect(r.toArray()).toEqual([-2147483648, 2147483647, 65536]);
    expect((multiply(big, big) as NDArray).toArray()).toEqual([1, 0, 0]);
  });

  it('an input disposed after a tiny call is refused on the next call', () => {
    const a = asarray(Float64Array.from([1, 2]));
    const b = asarray(Float64Array.from([3, 4]));
    expect((add(a, b) as NDArray).toArray()).toEqual([4, 6]);
    a[Symbol.dispose]();
    expect(() => add(a, b)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED', message: 'this array has been disposed' }));
  });

  it('an input whose buffer was transferred after a tiny call is refused, not read stale', () => {
    const data = Float64Array.from([1, 2]);
    const a = asarray(data);
    const b = asarray(Float64Array.from([3, 4]));
    expect((add(a, b) as NDArray).toArray()).toEqual([4, 6]);
    structuredClone(data.buffer, { transfer: [data.buffer] });
    expect(() => add(a, b)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' }));
    expect(() => add(b, a)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' }));
  });

  it('a tiny result can be transferred like any ArrayBuffer-backed array', () => {
    const r = add(asarray(Float64Array.from([1])), asarray(Float64Array.from([2]))) as NDArray;
    const moved = structuredClone(r.buffer, { transfer: [r.buffer] }) as ArrayBuffer;
    expect(Array.from(new Float64Array(moved))).toEqual([3]);
    expect(() => r.get(0)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' }));
  });

  it('subclasses, readonly and strided inputs still take the general path with the same answers', () => {
    class Sub extends NDArray {}
    const s = new Sub({ buffer: Float64Array.from([1, 2]), dtype: 'float64', shape: [2] });
    const r = add(s, asarray(Float64Array.from([1, 1]))) as NDArray;
    expect(r.toArray()).toEqual([2, 3]);
    const strided = asarray(Float64Array.from([1, 9, 2, 9])).slice('::2');
    expect((add(strided, strided) as NDArray).toArray()).toEqual([2, 4]);
  });
});
