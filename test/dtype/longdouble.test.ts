// longdouble / clongdouble elements: reading gives the nearest float64,
// writing is exact, 0-d str() gives NumPy's shortest exact digits, and the
// dtype's names and promotion are NumPy's on x86-64. Expected values come
// from NumPy run on the same bytes.
import { describe, expect, it } from 'vitest';
import { NDArray, dtype, resultType, ufuncs } from '../../src/index.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';

const onX86 = process.arch === 'x64';
const skip = !hasNumpy || !onX86;
const why = !onX86 ? 'longdouble is x87 extended only on x86-64' : skipReason;
const title = (text: string): string => `${text}${skip ? ` (${why})` : ''}`;

function fromHex(hex: string, typestr: string): NDArray {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const dt = dtype(typestr);
  return new NDArray({ buffer: bytes.buffer, dtype: dt, shape: [bytes.length / dt.itemsize] });
}

function valueBytes(a: NDArray, index: number): string {
  const view = new Uint8Array(a.buffer as ArrayBuffer, a.byteOffset + index * a.itemsize, 10);
  return Buffer.from(view).toString('hex');
}

// Values as Python source for np.longdouble(...): exact fractions, values past
// float64's range and precision, subnormals, signed zeros, NaN, infinities.
const sources = [
  '1', '-2.5', '0.1', "'0.1'", 'np.longdouble(1)/3', "'1e4000'", "'-1e-4000'", "'3.3e-4950'", '1e16', '1e15',
  '0.0001', '1e-5', '2**64 - 1', '2**63 + 1', "'1.0000000000000000001'", '-0.0', 'np.inf', '-np.inf', 'np.nan',
  '123456789.125', "'9.99999999999999999e-5'", '2.0**-1074', "'2.4e-324'", "'1.7976931348623157e308'", "'1.79769313486231580793e308'",
];

describe.skipIf(skip)(title('reading longdouble elements'), () => {
  const numpy = skip
    ? { hex: '', floats: [] as string[], texts: [] as string[] }
    : numpyJson<{ hex: string; floats: string[]; texts: string[] }>(`
a = np.array([np.longdouble(${sources.join('), np.longdouble(')})], dtype='g')
print(json.dumps(dict(hex=a.tobytes().hex(), floats=[repr(float(x)) for x in a], texts=[str(x) for x in a])))`);
  const a = skip ? undefined : fromHex(numpy.hex, '<f16');

  sources.forEach((source, i) => {
    it(`get() of np.longdouble(${source}) is float(x), the nearest float64`, () => {
      const expected = numpy.floats[i]!;
      const value = a!.get(i) as number;
      if (expected === 'nan') expect(value).toBeNaN();
      else if (expected === 'inf') expect(value).toBe(Infinity);
      else if (expected === '-inf') expect(value).toBe(-Infinity);
      else expect(Object.is(value, Number(expected)), `${value} vs ${expected}`).toBe(true);
    });

    it(`toString() of a 0-d np.longdouble(${source}) is NumPy's str: exact shortest digits`, () => {
      const element = a!.slice(i);
      expect(element.ndim).toBe(0);
      expect(element.toString()).toBe(numpy.texts[i]);
    });
  });
});

describe.skipIf(skip)(title('writing longdouble elements'), () => {
  const numbers = [0, -0, 1, -2.5, 0.1, 1 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, Infinity, -Infinity, 2 ** 60 + 2 ** 8];
  const integers = [2n ** 64n + 1n, 2n ** 64n - 1n, 2n ** 65n + 3n, -(2n ** 63n) - 1n, 2n ** 70n + 2n ** 6n + 1n, 0n, -7n];
  const expected = skip
    ? { numbers: [] as string[], integers: [] as string[] }
    : numpyJson<{ numbers: string[]; integers: string[] }>(`
nums = [${numbers.map((x) => (Number.isFinite(x) ? (Object.is(x, -0) ? '-0.0' : x.toPrecision(17)) : x > 0 ? 'float("inf")' : 'float("-inf")')).join(', ')}]
ints = [${integers.map(String).join(', ')}]
print(json.dumps(dict(
  numbers=[np.longdouble(x).tobytes()[:10].hex() for x in nums],
  integers=[np.array([x], dtype=object).astype('g').tobytes()[:10].hex() for x in ints])))`);

  it('a number is stored exactly (its float64 value widened)', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(16 * numbers.length), dtype: 'longdouble', shape: [numbers.length] });
    numbers.forEach((x, i) => a.set(i, x));
    numbers.forEach((x, i) => {
      expect(valueBytes(a, i), String(x)).toBe(expected.numbers[i]);
      expect(Object.is(a.get(i), x)).toBe(true);
    });
  });

  it('a bigint keeps 64 significant bits, rounding half to even beyond (NumPy converts Python ints the same way)', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(16 * integers.length), dtype: 'longdouble', shape: [integers.length] });
    integers.forEach((x, i) => a.set(i, x));
    integers.forEach((x, i) => expect(valueBytes(a, i), String(x)).toBe(expected.integers[i]));
  });

  it('a big-endian >f16 element is the same 16 bytes reversed (NumPy byteswap)', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(16), dtype: '>f16', shape: [1] });
    a.set(0, -2.5);
    const little = new NDArray({ buffer: new ArrayBuffer(16), dtype: '<f16', shape: [1] });
    little.set(0, -2.5);
    const big = new Uint8Array(a.buffer as ArrayBuffer);
    const small = new Uint8Array(little.buffer as ArrayBuffer);
    expect([...big].reverse()).toEqual([...small]);
    expect(a.get(0)).toBe(-2.5);
  });

  it('clongdouble elements read and write as { re, im }', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(64), dtype: 'clongdouble', shape: [2] });
    a.set(0, { re: 1.5, im: -2 });
    a.set(1, 3);
    expect(a.get(0)).toEqual({ re: 1.5, im: -2 });
    expect(a.get(1)).toEqual({ re: 3, im: 0 });
    expect(a.slice(0).toString()).toBe('(1.5-2j)');
  });
});

describe('longdouble names and promotion are NumPy\'s on x86-64', () => {
  it("spells the dtypes as np.dtype('g') and np.dtype('G') do", () => {
    const g = dtype('longdouble');
    expect([g.str, g.char, g.kind, g.itemsize, g.fullName, String(g)]).toEqual(['<f16', 'g', 'f', 16, 'float128', 'float128']);
    const G = dtype('G');
    expect([G.str, G.char, G.kind, G.itemsize, G.fullName]).toEqual(['<c32', 'G', 'c', 32, 'complex256']);
    expect(dtype('float128')).toBe(g);
    expect(dtype('complex256')).toBe(G);
    expect(dtype('<f16').name).toBe('longdouble');
  });

  it('promotes like np.result_type', () => {
    expect(resultType('longdouble', 'int64').name).toBe('longdouble');
    expect(resultType('longdouble', 'complex64').name).toBe('clongdouble');
    expect(resultType('longdouble', { re: 0, im: 1 }).name).toBe('clongdouble');
    expect(resultType('clongdouble', 'float64').name).toBe('clongdouble');
    expect(resultType('uint64', 'longdouble').name).toBe('longdouble');
  });

  it('an add of float64 and longdouble arrays computes in longdouble', () => {
    const x = new NDArray({ buffer: new Float64Array([1, 2]).buffer, dtype: 'float64', shape: [2] });
    const y = new NDArray({ buffer: new ArrayBuffer(32), dtype: 'longdouble', shape: [2] });
    y.set(0, 2 ** -60);
    y.set(1, 0.5);
    const sum = ufuncs.add(x, y) as NDArray;
    expect(sum.dtype.name).toBe('longdouble');
    expect(sum.slice(0).toString()).toBe('1.0000000000000000009'); // 1 + 2^-60, which float64 cannot hold
    expect(sum.get(1)).toBe(2.5);
  });
});
