import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DType, NDArray, asarray, dtype } from '../../src/index.js';
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
  { python: "np.array(['2020-01-01', 'NaT', '1969-12-31'], dtype='M8[D]')", build: () => timeArray('datetime64', 'D', [18262n, -(2n ** 63n), -1n]) },
  { python: "np.array([0, 1, -1], dtype='M8[ns]')", build: () => timeArray('datetime64', 'ns', [0n, 1n, -1n]) },
  { python: "np.array([0, 1], dtype='M8[25s]')", build: () => timeArray('datetime64', '25s', [0n, 1n]) },
  { python: "np.array([0, 1, 2**40], dtype='M8[us]')", build: () => timeArray('datetime64', 'us', [0n, 1n, 2n ** 40n]) },
  { python: "np.array([0, 1, -13], dtype='M8[M]')", build: () => timeArray('datetime64', 'M', [0n, 1n, -13n]) },
  { python: "np.array([0, 30], dtype='M8[Y]')", build: () => timeArray('datetime64', 'Y', [0n, 30n]) },
  { python: "np.array([0, 1], dtype='M8[W]')", build: () => timeArray('datetime64', 'W', [0n, 1n]) },
  { python: "np.array([0, 1], dtype='M8[h]')", build: () => timeArray('datetime64', 'h', [0n, 1n]) },
  { python: "np.array([0, 1], dtype='M8[m]')", build: () => timeArray('datetime64', 'm', [0n, 1n]) },
  { python: "np.array([0, 123456789], dtype='M8[ms]')", build: () => timeArray('datetime64', 'ms', [0n, 123456789n]) },
  { python: "np.array([0], dtype='M8[ps]')", build: () => timeArray('datetime64', 'ps', [0n]) },
  { python: "np.array([-10**6 * 86400, 951782400], dtype='M8[s]')", build: () => timeArray('datetime64', 's', [-(10n ** 6n) * 86400n, 951782400n]) },
  { python: "np.array([10**5 * 365 * 86400], dtype='M8[s]')", build: () => timeArray('datetime64', 's', [10n ** 5n * 365n * 86400n]) },
  { python: "np.array(0, dtype='M8[s]')", build: () => new NDArray({ buffer: new BigInt64Array(1), dtype: dtype('M8[s]'), shape: [] }) },
  { python: "np.array(['NaT'], dtype='M8')", build: () => timeArray('datetime64', '', [-(2n ** 63n)]) },
  { python: "np.array([1, 2], dtype='m8')", build: () => timeArray('timedelta64', '', [1n, 2n]) },
  { python: "np.array([b'a\\x00b', b\"it's\", b'\\n\\xff'])", build: () => bytesArray(4, [[97, 0, 98], [105, 116, 39, 115], [10, 255]]) },
  { python: "np.array([1.5, 2.5], dtype='>f4')", build: () => new NDArray({ buffer: new Uint8Array([0x3f, 0xc0, 0, 0, 0x40, 0x20, 0, 0]), dtype: dtype('>f4'), shape: [2] }) },
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

const scalarCases: Array<[string, () => NDArray]> = [
  ['np.array(1.0)', () => asarray(1, { dtype: 'float64' })],
  ['np.array(1e16)', () => asarray(1e16, { dtype: 'float64' })],
  ['np.array(1.5e-5)', () => asarray(1.5e-5)],
  ['np.array(123.456)', () => asarray(123.456)],
  ['np.array(-0.0)', () => asarray(-0)],
  ['np.array(1e-4)', () => asarray(1e-4)],
  ['np.array(0.00012345678901234567)', () => asarray(0.00012345678901234567)],
  ['np.array(9999999999999998.0)', () => asarray(9999999999999998, { dtype: 'float64' })],
  ['np.array(-np.inf)', () => asarray(-Infinity)],
  ['np.array(0.1, dtype=np.float32)', () => asarray(0.1, { dtype: 'float32' })],
  ['np.array(1e20, dtype=np.float32)', () => asarray(1e20, { dtype: 'float32' })],
  ['np.array(0.1, dtype=np.float16)', () => asarray(0.1, { dtype: 'float16' })],
  ['np.array(1+2j)', () => asarray({ re: 1, im: 2 })],
  ['np.array(2j)', () => asarray({ re: 0, im: 2 })],
  ['np.array(complex(-0.0, -2))', () => asarray({ re: -0, im: -2 })],
  ['np.array(complex(1.5, -2))', () => asarray({ re: 1.5, im: -2 })],
  ['np.array(complex(np.nan, 1))', () => asarray({ re: NaN, im: 1 })],
  ['np.array(complex(1, np.inf))', () => asarray({ re: 1, im: Infinity })],
  ['np.array(0j)', () => asarray({ re: 0, im: 0 })],
  ['np.array(True)', () => asarray(true)],
  ['np.array(3, np.int8)', () => asarray(3, { dtype: 'int8' })],
  ["np.array(5, 'm8[s]')", () => new NDArray({ buffer: new BigInt64Array([5n]), dtype: dtype('m8[s]'), shape: [] })],
  ["np.array(5, 'm8[ms]')", () => new NDArray({ buffer: new BigInt64Array([5n]), dtype: dtype('m8[ms]'), shape: [] })],
  ["np.array(5, 'm8')", () => new NDArray({ buffer: new BigInt64Array([5n]), dtype: dtype('m8'), shape: [] })],
  ["np.array('NaT', 'm8[s]')", () => new NDArray({ buffer: new BigInt64Array([-(2n ** 63n)]), dtype: dtype('m8[s]'), shape: [] })],
  ["np.array(5, 'm8[25s]')", () => new NDArray({ buffer: new BigInt64Array([5n]), dtype: dtype('m8[25s]'), shape: [] })],
  ["np.array(0, 'M8[s]')", () => new NDArray({ buffer: new BigInt64Array([0n]), dtype: dtype('M8[s]'), shape: [] })],
  ["np.array(b'ab')", () => new NDArray({ buffer: new Uint8Array([97, 98]), dtype: dtype('S2'), shape: [] })],
  ["np.array('ab')", () => new NDArray({ buffer: new Uint32Array([97, 98]), dtype: dtype('<U2'), shape: [] })],
];

describe.skipIf(!hasNumpy)('String() of 0-d arrays matches NumPy str (the scalar)', () => {
  const expected = hasNumpy ? numpyJson<string[]>(`print(json.dumps([str(a) for a in [${scalarCases.map((c) => c[0]).join(', ')}]]))`) : [];
  it.each(scalarCases.map((c, i) => [c[0], i] as const))('%s', (_python, i) => {
    expect(String(scalarCases[i]![1]())).toBe(expected[i]);
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
