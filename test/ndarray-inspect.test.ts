import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DType, NDArray, asarray, dtype } from '../src/index.js';
import { hasNumpy, numpyJson } from './ndarray-numpy.js';

// Each case: a Python expression building an array, and the same array built here.
interface Case {
  python: string;
  build: () => NDArray;
}

const f64 = (values: number[], shape?: number[]): NDArray => {
  const a = asarray(Float64Array.from(values));
  return shape ? a.reshape(shape) : a;
};
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const cases: Case[] = [
  { python: 'np.array([1.5, 2.25])', build: () => f64([1.5, 2.25]) },
  { python: 'np.array([1., 2.])', build: () => f64([1, 2]) },
  { python: 'np.array([0.001953125, 1.])', build: () => f64([0.001953125, 1]) },
  { python: 'np.array([1e-5, 1.])', build: () => f64([1e-5, 1]) },
  { python: 'np.array([1.5e-5, 1.])', build: () => f64([1.5e-5, 1]) },
  { python: 'np.array([np.nan, 1., -np.inf])', build: () => f64([NaN, 1, -Infinity]) },
  { python: 'np.array([np.nan, np.inf])', build: () => f64([NaN, Infinity]) },
  { python: 'np.array([0.1 + 0.2])', build: () => f64([0.1 + 0.2]) },
  { python: 'np.array([1e8, 1.])', build: () => f64([1e8, 1]) },
  { python: 'np.array([1e100, 1.])', build: () => f64([1e100, 1]) },
  { python: 'np.array([-1.5, 2.])', build: () => f64([-1.5, 2]) },
  { python: 'np.array([1.23456789012, 2.])', build: () => f64([1.23456789012, 2]) },
  { python: 'np.array([123456.789, 0.001])', build: () => f64([123456.789, 0.001]) },
  { python: 'np.array([-0.0, 0.0])', build: () => f64([-0, 0]) },
  { python: 'np.array([0.0, 1e-5, -2.5e-7])', build: () => f64([0, 1e-5, -2.5e-7]) },
  { python: 'np.array([9.999999999e-5, 3.14159265358979])', build: () => f64([9.999999999e-5, 3.14159265358979]) },
  { python: 'np.array([99999999.5, 1.])', build: () => f64([99999999.5, 1]) },
  { python: 'np.array([1e16, 1.])', build: () => f64([1e16, 1]) },
  { python: 'np.array(1.5)', build: () => asarray(1.5) },
  { python: 'np.array(np.nan)', build: () => asarray(NaN) },
  { python: 'np.arange(30.)', build: () => f64(range(30)) },
  { python: 'np.arange(2000.)', build: () => f64(range(2000)) },
  { python: 'np.arange(2000)', build: () => asarray(range(2000).map(BigInt)) },
  { python: 'np.arange(24).reshape(2, 3, 4)', build: () => asarray(range(24).map(BigInt)).reshape(2, 3, 4) },
  { python: 'np.arange(24.).reshape(4, 6) / 7', build: () => f64(range(24).map((i) => i / 7), [4, 6]) },
  { python: 'np.arange(3000.).reshape(1000, 3)', build: () => f64(range(3000), [1000, 3]) },
  { python: 'np.arange(4000).reshape(20, 200) % 7', build: () => asarray(range(4000).map((i) => BigInt(i % 7))).reshape(20, 200) },
  { python: 'np.array([0.1], dtype=np.float32)', build: () => asarray([0.1], { dtype: 'float32' }) },
  { python: 'np.array([1/3, 2/3, 100], dtype=np.float32)', build: () => asarray([1 / 3, 2 / 3, 100], { dtype: 'float32' }) },
  { python: 'np.array([0.1, 65504, 1e-3], dtype=np.float16)', build: () => asarray([0.1, 65504, 1e-3], { dtype: 'float16' }) },
  { python: 'np.array(3, dtype=np.int32)', build: () => asarray(3, { dtype: 'int32' }) },
  { python: 'np.array([1, -10, 100], dtype=np.int8)', build: () => asarray([1, -10, 100], { dtype: 'int8' }) },
  { python: 'np.array([1, 2], dtype=np.uint64)', build: () => asarray([1n, 2n], { dtype: 'uint64' }) },
  { python: 'np.array([2**64 - 1], dtype=np.uint64)', build: () => asarray([2n ** 64n - 1n]) },
  { python: 'np.array([], dtype=np.int32)', build: () => asarray([], { dtype: 'int32' }) },
  { python: 'np.array([])', build: () => asarray([]) },
  { python: 'np.zeros((0, 3))', build: () => asarray(new Float64Array(0)).reshape(0, 3) },
  { python: 'np.array([True, True])', build: () => asarray([true, true]) },
  { python: 'np.array([True, False])', build: () => asarray([true, false]) },
  { python: 'np.array(True)', build: () => asarray(true) },
  { python: 'np.array([1+2j, 3-4.5j])', build: () => asarray([{ re: 1, im: 2 }, { re: 3, im: -4.5 }]) },
  { python: 'np.array([np.nan+1j, 1])', build: () => asarray([{ re: NaN, im: 1 }, 1]) },
  { python: 'np.array([1e-9+1j, 2])', build: () => asarray([{ re: 1e-9, im: 1 }, 2]) },
  { python: 'np.array([1+2j], dtype=np.complex64)', build: () => asarray([{ re: 1, im: 2 }], { dtype: 'complex64' }) },
  { python: 'np.array([1., 2.]).astype(">f8")', build: () => f64([1, 2]).astype(dtype('float64').newByteOrder('>')) },
  { python: 'np.array([1, 2], dtype=">i4")', build: () => asarray([1, 2], { dtype: dtype('int32').newByteOrder('>') }) },
  { python: 'np.arange(40.).astype(np.float32) * 1.1', build: () => asarray(range(40).map((i) => Math.fround(i) * Math.fround(1.1)), { dtype: 'float32' }) },
  { python: "np.array([b'ab', b'c'])", build: () => bytesArray(2, [[97, 98], [99]]) },
  { python: "np.array(['ab', 'c'])", build: () => strArray(2, ['ab', 'c']) },
  { python: "np.array([\"it's\", 'x'])", build: () => strArray(4, ["it's", 'x']) },
  { python: 'np.array([1, 2], dtype="m8[s]")', build: () => timeArray('timedelta64', 's', [1n, 2n]) },
  { python: 'np.array([1, "NaT"], dtype="m8[s]")', build: () => timeArray('timedelta64', 's', [1n, -(2n ** 63n)]) },
];

function bytesArray(size: number, items: number[][]): NDArray {
  const S = new DType({ name: 'bytes', itemsize: size, byteorder: '|' });
  const a = new NDArray({ buffer: new ArrayBuffer(size * items.length), dtype: S, shape: [items.length] });
  items.forEach((bytes, i) => a.set(i, new Uint8Array(bytes)));
  return a;
}

function strArray(chars: number, items: string[]): NDArray {
  const U = new DType({ name: 'str', itemsize: 4 * chars, byteorder: '=' });
  const a = new NDArray({ buffer: new ArrayBuffer(4 * chars * items.length), dtype: U, shape: [items.length] });
  items.forEach((text, i) => a.set(i, text));
  return a;
}

function timeArray(name: 'timedelta64' | 'datetime64', unit: string, values: bigint[]): NDArray {
  const dt = new DType({ name, itemsize: 8, byteorder: '=', unit });
  return new NDArray({ buffer: BigInt64Array.from(values), dtype: dt, shape: [values.length] });
}

describe.skipIf(!hasNumpy)('util.inspect and toString match NumPy repr and str', () => {
  const expected = hasNumpy
    ? numpyJson<Array<[string, string]>>(`print(json.dumps([[repr(a), str(a)] for a in [${cases.map((c) => c.python).join(', ')}]]))`)
    : [];
  it.each(cases.map((c, i) => [c.python, i] as const))('%s', (_python, i) => {
    const a = cases[i]!.build();
    expect(inspect(a)).toBe(expected[i]![0]);
    expect(String(a)).toBe(expected[i]![1]);
  });
});

describe('inspect of arrays whose data cannot be read', () => {
  it('shows metadata for device arrays', () => {
    const gpu = NDArray._fromValidated({ buffer: new ArrayBuffer(0), byteOffset: 0, dtype: dtype('float32'), shape: [2, 2], strides: [8, 4], readonly: false, device: [2, 0], opaque: true });
    expect(inspect(gpu)).toBe('array(<data on device CUDA:0>, shape=(2, 2), dtype=float32)');
  });
  it('shows metadata for detached buffers', () => {
    const buffer = new ArrayBuffer(8);
    const a = new NDArray({ buffer, dtype: 'float64', shape: [1] });
    structuredClone(buffer, { transfer: [buffer] });
    expect(inspect(a)).toBe('array(<the ArrayBuffer behind this array has been detached (transferred)>, shape=(1,), dtype=float64)');
  });
});
