// Tiny calls (add/subtract/multiply of two small contiguous float64,
// float32 or int32 arrays) run in JS and keep their results in V8-heap
// TypedArrays whose ArrayBuffer is made only when asked for. These tests
// check that such results behave as every other NDArray, and that inputs
// which change under the cached views (disposed, detached) are noticed.
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, errstate, less, multiply, subtract, toDlpack, fromDlpack } from '../../src/index.js';

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

// Results over 64 bytes are JS arrays of their elements until something asks
// for their memory (SmallStore in src/array/ndarray.ts). The expectations
// are NumPy's semantics for any array: one set of elements, seen the same
// way through get/set, the buffer, views, `out` and every other path.
describe('tiny results over 64 bytes', () => {
  const n = 100;
  const f64 = () => asarray(Float64Array.from({ length: n }, (_, i) => i + 0.5));
  const ones = () => asarray(new Float64Array(n).fill(1));

  it('float64: set before the buffer is asked for lands in the buffer, and buffer writes are seen after', () => {
    const r = add(f64(), ones()) as NDArray;
    expect(r.get(99)).toBe(100.5);
    r.set(0, -7.25);
    r.set(-1, 1e300);
    const view = new Float64Array(r.buffer);
    expect(r.buffer.byteLength).toBe(800);
    expect(view[0]).toBe(-7.25);
    expect(view[99]).toBe(1e300);
    expect(view[50]).toBe(51.5);
    view[1] = 42;
    expect(r.get(1)).toBe(42);
    r.set(2, NaN); // NaN takes the element writer
    expect(Number.isNaN(view[2]!)).toBe(true);
    expect(r.toArray().slice(0, 4)).toEqual([-7.25, 42, NaN, 4.5]);
  });

  it('float32: set rounds to float32 as on any float32 array', () => {
    const a = asarray(Float32Array.from({ length: n }, (_, i) => i));
    const r = add(a, a) as NDArray;
    expect(r.dtype.name).toBe('float32');
    r.set(3, 0.1);
    expect(r.get(3)).toBe(Math.fround(0.1));
    expect(new Float32Array(r.buffer)[3]).toBe(Math.fround(0.1));
    expect(r.get(4)).toBe(8);
  });

  it('int32: set refuses and wraps exactly as on an array with memory', () => {
    const a = asarray(Int32Array.from({ length: n }, (_, i) => i));
    const r = add(a, a) as NDArray;
    const plain = asarray(new Int32Array(n));
    for (const value of [2 ** 31, -(2 ** 31) - 1, 1.5, 7]) {
      let expected: unknown;
      try {
        plain.set(5, value);
        expected = plain.get(5);
      } catch (error) {
        expected = error;
      }
      if (expected instanceof Error) {
        expect(() => r.set(5, value)).toThrow(expect.objectContaining({ name: expected.name, message: expected.message }));
      } else {
        r.set(5, value);
        expect(r.get(5)).toBe(expected);
      }
    }
    expect(new Int32Array(r.buffer)[5]).toBe(r.get(5));
    expect(r.get(6)).toBe(12);
  });

  it('bool results hold true and false, as bytes 0 and 1 in memory', () => {
    const r = less(f64(), asarray(new Float64Array(n).fill(50))) as NDArray;
    expect(r.dtype.name).toBe('bool');
    expect(r.get(49)).toBe(true);
    expect(r.get(50)).toBe(false);
    const bytes = new Uint8Array(r.buffer);
    expect(bytes.length).toBe(n);
    expect(Array.from(bytes.subarray(47, 53))).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('views share the elements with the result', () => {
    const r = add(f64(), ones()) as NDArray;
    const m = r.reshape([10, 10]);
    m.set(2, 3, -1);
    expect(r.get(23)).toBe(-1);
    const every = r.slice('::10');
    expect(every.toArray()).toEqual([1.5, 11.5, -1 + 0, 31.5, 41.5, 51.5, 61.5, 71.5, 81.5, 91.5].map((v, i) => (i === 2 ? 21.5 : v)));
    r.set(0, 5);
    expect(every.get(0)).toBe(5);
  });

  it('is an `out` of later calls, in place or not', () => {
    const r = add(f64(), ones()) as NDArray;
    expect(add(r, r, { out: r })).toBe(r);
    expect(r.get(10)).toBe(23);
    add(ones(), ones(), { out: r });
    expect(r.get(10)).toBe(2);
    expect(new Float64Array(r.buffer)[10]).toBe(2);
  });

  it('as `out` of float32 sums it holds them rounded to float32', () => {
    const tenth = asarray(new Float32Array(n).fill(0.1));
    const fifth = asarray(new Float32Array(n).fill(0.2));
    const r = add(tenth, tenth) as NDArray; // a float32 result without memory
    add(tenth, fifth, { out: r });
    const sum = Math.fround(Math.fround(0.1) + Math.fround(0.2));
    expect(sum).not.toBe(Math.fround(0.1) + Math.fround(0.2)); // the double sum differs
    // Read by the next JS-path call as it is (a float64 loop), before any memory exists:
    const widened = add(r, asarray(new Float64Array(n))) as NDArray;
    expect(widened.dtype.name).toBe('float64');
    expect(widened.get(0)).toBe(sum);
    expect(r.get(0)).toBe(sum);
    expect(new Float32Array(r.buffer)[99]).toBe(sum);
    const direct = asarray(new Float32Array(n));
    add(tenth, fifth, { out: direct }); // an out with memory of its own, written directly
    expect(direct.get(50)).toBe(sum);
  });

  it('as `out` of a call that leaves the JS path (overflow), holds the native result', () => {
    const big = asarray(new Float64Array(n).fill(1e308));
    const r = add(f64(), ones()) as NDArray;
    errstate({ over: 'ignore' }, () => add(big, big, { out: r }));
    expect(r.get(0)).toBe(Infinity);
    const direct = asarray(new Float64Array(n));
    errstate({ over: 'ignore' }, () => add(big, big, { out: direct }));
    expect(direct.get(99)).toBe(Infinity);
  });

  it('a disposed result is refused, by get and by a call', () => {
    const r = add(f64(), ones()) as NDArray;
    r[Symbol.dispose]();
    expect(() => r.get(0)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' }));
    expect(() => add(r, r)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' }));
  });

  it('a transferred result buffer detaches the result', () => {
    const r = add(f64(), ones()) as NDArray;
    r.set(0, 9);
    const moved = structuredClone(r.buffer, { transfer: [r.buffer] }) as ArrayBuffer;
    expect(new Float64Array(moved)[0]).toBe(9);
    expect(() => r.get(0)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' }));
  });

  it('goes to native code (async ufuncs, DLPack) with its elements', async () => {
    const r = add(f64(), ones()) as NDArray;
    r.set(0, 0.25);
    const doubled = (await add.async(r, r)) as NDArray;
    expect(doubled.get(0)).toBe(0.5);
    expect(doubled.get(99)).toBe(201);
    const s = add(f64(), ones()) as NDArray;
    s.set(1, -3);
    const back = fromDlpack(toDlpack(s));
    expect(back.get(1)).toBe(-3);
    s.set(2, 77);
    expect(back.get(2)).toBe(77); // zero-copy: the same memory
  });

  it('astype and small reductions make results of the same kind', () => {
    const r = f64().astype('float32');
    expect(r.dtype.name).toBe('float32');
    expect(r.get(99)).toBe(99.5);
    const third = asarray(Float64Array.from({ length: n }, (_, i) => i / 3)).astype('float32');
    expect(third.get(1)).toBe(Math.fround(1 / 3));
    expect(Array.from(new Float32Array(third.buffer)).slice(0, 3)).toEqual([0, Math.fround(1 / 3), Math.fround(2 / 3)]);
    const truncated = asarray(Float64Array.from({ length: n }, (_, i) => -i - 0.75)).astype('int32');
    expect(truncated.get(3)).toBe(-3);
    const rows = add.reduce(f64().reshape([10, 10]), { axis: 1 }) as NDArray;
    expect(rows.shape).toEqual([10]);
    // Row r sums 10r+0.5 .. 10r+9.5: 100r + 50.
    expect(rows.toArray()).toEqual(Array.from({ length: 10 }, (_, r) => 100 * r + 50));
    rows.set(0, 1);
    expect(new Float64Array(rows.buffer)[0]).toBe(1);
  });
});
