import { describe, expect, it } from 'vitest';
import { DType, NDArray, dtype } from '../../src/index.js';

function f64(values: number[]): Float64Array {
  return new Float64Array(values);
}

describe('NDArray construction', () => {
  it('defaults to C-contiguous byte strides', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(48), dtype: 'float64', shape: [2, 3] });
    expect(a.shape).toEqual([2, 3]);
    expect(a.strides).toEqual([24, 8]);
    expect(a.byteOffset).toBe(0);
    expect(a.ndim).toBe(2);
    expect(a.size).toBe(6);
    expect(a.itemsize).toBe(8);
    expect(a.nbytes).toBe(48);
    expect(a.readonly).toBe(false);
    expect(a.device).toEqual([1, 0]);
    expect(a.base).toBe(null);
    expect(a.copied).toBe(false);
    expect(a.dtype).toBe(dtype('float64'));
  });

  it('gives zero strides to empty shapes, as NumPy 2 does', () => {
    // np.empty((2, 0, 3)).strides == (0, 0, 0)
    const a = new NDArray({ buffer: new ArrayBuffer(0), dtype: 'float64', shape: [2, 0, 3] });
    expect(a.strides).toEqual([0, 0, 0]);
    expect(a.size).toBe(0);
    expect(a.nbytes).toBe(0);
  });

  it('uses length-1 dimensions as 1 in default strides', () => {
    // np.zeros((2, 1, 3)).strides == (24, 24, 8)
    const a = new NDArray({ buffer: new ArrayBuffer(48), dtype: 'float64', shape: [2, 1, 3] });
    expect(a.strides).toEqual([24, 24, 8]);
  });

  it('views a TypedArray inside its own window', () => {
    const backing = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const window = backing.subarray(2, 6);
    const a = new NDArray({ buffer: window, dtype: 'float64', shape: [2], strides: [16], byteOffset: 8 });
    expect(a.buffer).toBe(backing.buffer);
    expect(a.byteOffset).toBe(24);
    expect([a.get(0), a.get(1)]).toEqual([3, 5]);
  });

  it('views a DataView, a Node Buffer and a SharedArrayBuffer', () => {
    const bytes = Buffer.from([1, 2, 3, 4, 5, 6]);
    expect(new NDArray({ buffer: bytes, dtype: 'uint8', shape: [6] }).get(5)).toBe(6);
    const dv = new DataView(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2);
    expect(new NDArray({ buffer: dv, dtype: 'uint8', shape: [2] }).get(1)).toBe(7);
    const shared = new SharedArrayBuffer(8);
    new Int32Array(shared)[1] = -5;
    const s = new NDArray({ buffer: shared, dtype: 'int32', shape: [2] });
    expect(s.buffer).toBe(shared);
    expect(s.get(1)).toBe(-5);
  });

  it('accepts negative and zero strides that stay inside the buffer', () => {
    const data = f64([0, 1, 2, 3, 4]);
    const reversed = new NDArray({ buffer: data, dtype: 'float64', shape: [5], strides: [-8], byteOffset: 32 });
    expect([0, 1, 2, 3, 4].map((i) => reversed.get(i))).toEqual([4, 3, 2, 1, 0]);
    const repeated = new NDArray({ buffer: data, dtype: 'float64', shape: [3, 4], strides: [0, 8], byteOffset: 8 });
    expect(repeated.get(2, 3)).toBe(4);
    expect(repeated.get(0, 0)).toBe(1);
  });

  it('keeps readonly and base', () => {
    const owner = { name: 'owner' };
    const a = new NDArray({ buffer: new ArrayBuffer(8), dtype: 'uint8', shape: [8], readonly: true, base: owner });
    expect(a.readonly).toBe(true);
    expect(a.base).toBe(owner);
    expect(a.flags.writeable).toBe(false);
  });

  it('freezes shape and strides', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(8), dtype: 'uint8', shape: [8] });
    expect(Object.isFrozen(a.shape)).toBe(true);
    expect(Object.isFrozen(a.strides)).toBe(true);
  });
});

describe('NDArray flags', () => {
  // Hand table checked against NumPy's flags for np.lib.stride_tricks.as_strided views.
  const cases: Array<[string, number[], number[], number, boolean, boolean, boolean]> = [
    // label, shape, strides, byteOffset, C, F, aligned (float64)
    ['C order', [2, 3], [24, 8], 0, true, false, true],
    ['F order', [2, 3], [8, 16], 0, false, true, true],
    ['row vector is both', [1, 3], [999, 8], 0, true, true, true],
    ['reversed', [3], [-8], 16, false, false, true],
    ['empty is both', [0, 3], [5, -7], 0, true, true, true],
    ['0-d is both', [], [], 8, true, true, true],
    ['misaligned offset', [2], [8], 1, true, true, false],
    ['misaligned stride', [2], [9], 0, false, false, false],
    ['odd stride of a length-1 axis is aligned', [1, 2], [3, 8], 0, true, true, true],
  ];
  it.each(cases)('%s', (_label, shape, strides, byteOffset, c, f, aligned) => {
    const a = new NDArray({ buffer: new ArrayBuffer(64), dtype: 'float64', shape, strides, byteOffset });
    expect(a.flags).toEqual({ cContiguous: c, fContiguous: f, writeable: true, aligned });
  });
});

describe('NDArray get and set', () => {
  it('reads and writes with negative indices', () => {
    const a = new NDArray({ buffer: f64([1, 2, 3, 4, 5, 6]), dtype: 'float64', shape: [2, 3] });
    expect(a.get(-1, -1)).toBe(6);
    expect(a.get(0, -3)).toBe(1);
    a.set(-2, 1, 20);
    expect(a.get(0, 1)).toBe(20);
  });

  it('reads a 0-d array with no indices', () => {
    const a = new NDArray({ buffer: f64([7, 8]), dtype: 'float64', shape: [], byteOffset: 8 });
    expect(a.get()).toBe(8);
    a.set(9);
    expect(a.get()).toBe(9);
  });

  it('writes through to the underlying memory', () => {
    const data = new Int16Array(4);
    const a = new NDArray({ buffer: data, dtype: 'int16', shape: [2, 2] });
    a.set(1, 0, -7);
    expect(Array.from(data)).toEqual([0, 0, -7, 0]);
  });

  // Hand table: what each dtype reads back for stored bytes (little-endian).
  const reads: Array<[string, number[], unknown]> = [
    ['bool', [2], true],
    ['bool', [0], false],
    ['int8', [0xff], -1],
    ['uint8', [0xff], 255],
    ['int16', [0x00, 0x80], -32768],
    ['uint16', [0x00, 0x80], 32768],
    ['int32', [0xff, 0xff, 0xff, 0xff], -1],
    ['uint32', [0xff, 0xff, 0xff, 0xff], 4294967295],
    ['int64', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], -1n],
    ['uint64', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 18446744073709551615n],
    ['float16', [0x00, 0x3c], 1],
    ['float16', [0x01, 0x00], 2 ** -24],
    ['float16', [0xff, 0x7b], 65504],
    ['float16', [0x00, 0xfc], -Infinity],
    ['bfloat16', [0x80, 0x3f], 1],
    ['bfloat16', [0x49, 0x40], 3.140625],
    ['float32', [0x00, 0x00, 0xc0, 0x3f], 1.5],
    ['float64', [0, 0, 0, 0, 0, 0, 0xf0, 0x3f], 1],
    ['complex64', [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0], { re: 1, im: -2 }],
  ];
  it.each(reads)('reads %s from bytes %j', (name, bytes, expected) => {
    const a = new NDArray({ buffer: new Uint8Array(bytes), dtype: name, shape: [] });
    expect(a.get()).toEqual(expected);
  });

  it('reads NaN from float16 and bfloat16 NaN patterns', () => {
    expect(new NDArray({ buffer: new Uint8Array([0x00, 0x7e]), dtype: 'float16', shape: [] }).get()).toBeNaN();
    expect(new NDArray({ buffer: new Uint8Array([0xc0, 0x7f]), dtype: 'bfloat16', shape: [] }).get()).toBeNaN();
  });

  it('reads unaligned elements correctly', () => {
    const bytes = new Uint8Array(9);
    new DataView(bytes.buffer).setFloat64(1, Math.PI, true);
    const a = new NDArray({ buffer: bytes, dtype: 'float64', shape: [], byteOffset: 1 });
    expect(a.flags.aligned).toBe(false);
    expect(a.get()).toBe(Math.PI);
    a.set(-2.5);
    expect(new DataView(bytes.buffer).getFloat64(1, true)).toBe(-2.5);
  });

  it('reads and writes byte-swapped data', () => {
    const big = dtype('float64').newByteOrder('>');
    // 1.0 as big-endian float64
    const bytes = new Uint8Array([0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const a = new NDArray({ buffer: bytes, dtype: big, shape: [2] });
    expect(a.get(0)).toBe(1);
    a.set(1, -2);
    expect(Array.from(bytes.subarray(8))).toEqual([0xc0, 0, 0, 0, 0, 0, 0, 0]);
    const c = new NDArray({ buffer: new Uint8Array([0x3f, 0x80, 0, 0, 0x40, 0, 0, 0]), dtype: dtype('complex64').newByteOrder('>'), shape: [] });
    expect(c.get()).toEqual({ re: 1, im: 2 });
    const i = new NDArray({ buffer: new Uint8Array([0x01, 0x02]), dtype: dtype('int16').newByteOrder('>'), shape: [] });
    expect(i.get()).toBe(0x0102);
  });

  // NumPy 2.4: np.array([v]).astype(np.float16).view(np.uint16) around rounding points.
  const float16Writes: Array<[number, number]> = [
    [1, 0x3c00],
    [65504, 0x7bff],
    [65519.99, 0x7bff],
    [65520, 0x7c00],
    [1e-8, 0x0000],
    [2 ** -24, 0x0001],
    [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal: even is 0
    [3 * 2 ** -25, 0x0002], // tie between 1 and 2 subnormal steps: even is 2
    [1 + 2 ** -11, 0x3c00], // tie: round to even mantissa 0
    [1 + 3 * 2 ** -11, 0x3c02], // tie: round to even mantissa 2
    [1 + 2 ** -11 + 2 ** -40, 0x3c01], // just above the tie
    [-0, 0x8000],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [NaN, 0x7e00],
    [0.1, 0x2e66],
    [6.103515625e-5, 0x0400], // smallest normal
  ];
  it.each(float16Writes)('writes %d as float16 bits %i', (value, bits) => {
    const out = new Uint16Array(1);
    new NDArray({ buffer: out, dtype: 'float16', shape: [] }).set(value);
    expect(out[0]).toBe(bits);
  });

  // Hand table: bfloat16 is the top half of a float32 (7 mantissa bits), rounded to nearest even.
  const bfloat16Writes: Array<[number, number]> = [
    [1, 0x3f80],
    [Math.PI, 0x4049],
    [1 + 2 ** -8, 0x3f80], // tie to even
    [1 + 3 * 2 ** -8, 0x3f82], // tie to even
    [3.3895313892515355e38, 0x7f7f], // max bfloat16
    [3.4e38, 0x7f80], // rounds up to infinity
    [-0, 0x8000],
    [NaN, 0x7fc0],
    [2 ** -133, 0x0001], // smallest subnormal
  ];
  it.each(bfloat16Writes)('writes %d as bfloat16 bits %i', (value, bits) => {
    const out = new Uint16Array(1);
    new NDArray({ buffer: out, dtype: 'bfloat16', shape: [] }).set(value);
    expect(out[0]).toBe(bits);
  });

  it('writes integers as NumPy assigns Python numbers (truncating floats)', () => {
    const a = new NDArray({ buffer: new Int8Array(4), dtype: 'int8', shape: [4] });
    a.set(0, 3.7);
    a.set(1, -3.7);
    a.set(2, true);
    a.set(3, 100n);
    expect(a.toArray()).toEqual([3, -3, 1, 100]);
    const b = new NDArray({ buffer: new BigInt64Array(2), dtype: 'int64', shape: [2] });
    b.set(0, -(2n ** 63n));
    b.set(1, 2.9);
    expect(b.toArray()).toEqual([-(2n ** 63n), 2n]);
  });

  it('writes bool from any nonzero value', () => {
    const a = new NDArray({ buffer: new Uint8Array(4), dtype: 'bool', shape: [4] });
    a.set(0, 5);
    a.set(1, 0n);
    a.set(2, NaN);
    a.set(3, { re: 0, im: 1 });
    expect(a.toArray()).toEqual([true, false, true, true]);
  });
});

describe('NDArray text and time dtypes', () => {
  it('reads S as bytes without trailing NULs, and writes NUL-padded', () => {
    const S4 = new DType({ name: 'bytes', itemsize: 4, byteorder: '|' });
    const bytes = new Uint8Array([104, 105, 0, 0, 97, 0, 99, 100]);
    const a = new NDArray({ buffer: bytes, dtype: S4, shape: [2] });
    expect(a.get(0)).toEqual(new Uint8Array([104, 105]));
    expect(a.get(1)).toEqual(new Uint8Array([97, 0, 99, 100]));
    a.set(1, 'xyz');
    expect(Array.from(bytes.subarray(4))).toEqual([120, 121, 122, 0]);
    a.set(0, 'toolong'); // NumPy truncates: np.array([b''], 'S4')[0] = b'toolong' gives b'tool'
    expect(Array.from(bytes.subarray(0, 4))).toEqual([116, 111, 111, 108]);
  });

  it('reads U as strings of UCS4 code points in either byte order', () => {
    const U2 = new DType({ name: 'str', itemsize: 8, byteorder: '<' });
    const text = new Uint32Array([0x1f600, 0x61, 0x62, 0]);
    const a = new NDArray({ buffer: text, dtype: U2, shape: [2] });
    expect(a.toArray()).toEqual(['\u{1f600}a', 'b']);
    const bigU1 = new DType({ name: 'str', itemsize: 4, byteorder: '>' });
    expect(new NDArray({ buffer: new Uint8Array([0, 0, 0, 0x41]), dtype: bigU1, shape: [] }).get()).toBe('A');
    a.set(1, 'xyz');
    expect(Array.from(text.subarray(2))).toEqual([0x78, 0x79]);
  });

  it('reads V as a copy of all its bytes', () => {
    const V3 = new DType({ name: 'void', itemsize: 3, byteorder: '|' });
    const bytes = new Uint8Array([1, 0, 0]);
    const value = new NDArray({ buffer: bytes, dtype: V3, shape: [] }).get() as Uint8Array;
    expect(value).toEqual(new Uint8Array([1, 0, 0]));
    value[0] = 9;
    expect(bytes[0]).toBe(1);
  });

  it('views typestr dtypes: |S3, <U2, <M8[D], >i2', () => {
    const bytes = new NDArray({ buffer: new Uint8Array([97, 98, 99, 100, 0, 0]), dtype: dtype('|S3'), shape: [2] });
    expect(bytes.toArray()).toEqual([new Uint8Array([97, 98, 99]), new Uint8Array([100])]);
    const text = new NDArray({ buffer: new Uint32Array([104, 105, 33, 0]), dtype: dtype('<U2'), shape: [2] });
    expect(text.toArray()).toEqual(['hi', '!']);
    const dates = new NDArray({ buffer: new BigInt64Array([18262n]), dtype: dtype('<M8[D]'), shape: [1] });
    expect(dates.get(0)).toBe(18262n);
    const big = new NDArray({ buffer: new Uint8Array([0xff, 0xfe]), dtype: dtype('>i2'), shape: [] });
    expect(big.get()).toBe(-2);
  });

  it('refuses a dtype without a size (S0)', () => {
    expect(() => new NDArray({ buffer: new ArrayBuffer(4), dtype: dtype('S0'), shape: [1] })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_DTYPE', message: 'expected a dtype with a size, got S0 (itemsize 0)' }),
    );
  });

  it('reads datetime64 and timedelta64 as bigint (NaT is the int64 minimum)', () => {
    const M8 = new DType({ name: 'datetime64', itemsize: 8, byteorder: '=', unit: 's' });
    const a = new NDArray({ buffer: new BigInt64Array([86400n, -(2n ** 63n)]), dtype: M8, shape: [2] });
    expect(a.toArray()).toEqual([86400n, -(2n ** 63n)]);
    const m8 = new DType({ name: 'timedelta64', itemsize: 8, byteorder: '>', unit: 'ms' });
    expect(new NDArray({ buffer: new Uint8Array([0, 0, 0, 0, 0, 0, 1, 0]), dtype: m8, shape: [] }).get()).toBe(256n);
  });
});
