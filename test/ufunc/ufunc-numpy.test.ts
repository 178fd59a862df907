// Differential tests: replays NumPy's answers from test/fixtures/ufunc-cases.json
// (made by scripts/gen-ufunc-cases.py) against ndinterop's ufuncs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dtype, errstate, ufuncs, type Ufunc } from '../../src/index.js';
import type { DType } from '../../src/dtype/dtype.js';
import { type NDArray, dataViewOf, emptyArray, isNDArray, readerFor, viewOf, writerFor } from '../../src/ufunc/arrays.js';

interface ArrayDesc {
  dtype: string;
  shape: number[];
  data: string;
  layout?: 'c' | 'reversed' | 'strided';
}
type InputDesc = ArrayDesc | { weak: number | boolean | { re: number; im: number } };
interface Case {
  ufunc: string;
  inputs: InputDesc[];
  out?: ArrayDesc[];
  error?: 'TypeError' | 'ValueError' | 'OverflowError';
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ufunc-cases.json', import.meta.url), 'utf8')) as { numpy: string; cases: Case[] };

const transcendental = new Set([
  'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan',
  'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'arctan2', 'hypot', 'cbrt', 'power', 'float_power',
  'logaddexp', 'logaddexp2', 'degrees', 'radians', 'deg2rad', 'rad2deg',
]);
const exactComplex = new Set(['add', 'subtract', 'negative', 'positive', 'conjugate']);
const jsErrorClass = { TypeError: 'TypeError', ValueError: 'RangeError', OverflowError: 'RangeError' } as const;

function bytesOf(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

// Inputs are little-endian bytes in C order; the test machine is little-endian.
function buildInput(desc: InputDesc): unknown {
  if ('weak' in desc) return desc.weak;
  const dt = dtype(desc.dtype);
  const bytes = bytesOf(desc.data);
  const size = dt.itemsize;
  const n = bytes.length / size;
  if (desc.layout === 'reversed' && desc.shape.length === 1) {
    const base = emptyArray([n], dt);
    const target = new Uint8Array(base.buffer);
    for (let i = 0; i < n; i++) target.set(bytes.subarray(i * size, (i + 1) * size), (n - 1 - i) * size);
    return viewOf(base, (n - 1) * size, [n], [-size]);
  }
  if (desc.layout === 'strided' && desc.shape.length === 1) {
    const base = emptyArray([2 * n], dt);
    const target = new Uint8Array(base.buffer);
    for (let i = 0; i < n; i++) target.set(bytes.subarray(i * size, (i + 1) * size), 2 * i * size);
    return viewOf(base, 0, [n], [2 * size]);
  }
  const array = emptyArray(desc.shape, dt);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

function asArray(value: unknown, dt: DType): NDArray {
  if (isNDArray(value)) return value;
  const array = emptyArray([], dt);
  writerFor(dt)(dataViewOf(array.buffer), 0, value);
  return array;
}

function orderedBits(value: number, dt: DType): bigint {
  const view = new DataView(new ArrayBuffer(8));
  let bits: bigint;
  if (dt.itemsize === 8 || dt.name === 'complex128') {
    view.setFloat64(0, value);
    bits = view.getBigInt64(0);
  } else if (dt.name === 'float32' || dt.name === 'complex64') {
    view.setFloat32(0, value);
    bits = BigInt(view.getInt32(0));
  } else {
    // float16: the decoded value is exact in float32, and float32 ulps are finer, so scale down.
    view.setFloat32(0, value);
    bits = BigInt(view.getInt32(0)) >> 13n;
  }
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

// NumPy's own fmax/fmin give either zero for (0, -0): its scalar loop returns
// the first operand, its SIMD loop the second (np.fmax(0., -0.) is 0.0 but
// np.fmax(zeros(20), -zeros(20)) is all -0.0). Zero signs are not compared there.
const zeroSignFree = new Set(['fmax', 'fmin']);

function floatsMatch(actual: number, expected: number, dt: DType, tolerant: boolean, name: string): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
  if (Object.is(actual, expected)) return true;
  if (actual === 0 && expected === 0 && zeroSignFree.has(name)) return true;
  if (!tolerant || !Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  const distance = orderedBits(actual, dt) - orderedBits(expected, dt);
  return (distance < 0n ? -distance : distance) <= 4n;
}

/** First mismatching element as text, or undefined when all match. */
function compare(name: string, actual: NDArray, expected: ArrayDesc, complexInput: boolean): string | undefined {
  const dt = dtype(expected.dtype);
  if (actual.dtype.name !== dt.name) return `dtype ${actual.dtype.name}, NumPy ${dt.name}`;
  if (actual.shape.join() !== expected.shape.join()) return `shape (${actual.shape}), NumPy (${expected.shape})`;
  const reference = emptyArray(expected.shape, dt);
  new Uint8Array(reference.buffer).set(bytesOf(expected.data));
  const read = readerFor(dt);
  // Complex arithmetic beyond + and - is not correctly rounded in NumPy either.
  const tolerant = transcendental.has(name) || ((dt.kind === 'c' || complexInput) && !exactComplex.has(name));
  const strides = actual.strides;
  const count = expected.shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < count; flat++) {
    let offset = actual.byteOffset;
    let rest = flat;
    for (let d = expected.shape.length - 1; d >= 0; d--) {
      offset += (rest % expected.shape[d]!) * strides[d]!;
      rest = Math.floor(rest / expected.shape[d]!);
    }
    const got = read(dataViewOf(actual.buffer), offset);
    const want = read(dataViewOf(reference.buffer), flat * dt.itemsize);
    let same: boolean;
    if (dt.kind === 'f') same = floatsMatch(got as number, want as number, dt, tolerant, name);
    else if (dt.kind === 'c') {
      const [g, w] = [got as { re: number; im: number }, want as { re: number; im: number }];
      same = floatsMatch(g.re, w.re, dt, tolerant, name) && floatsMatch(g.im, w.im, dt, tolerant, name);
    } else same = got === want;
    if (!same) return `element ${flat}: got ${String(JSON.stringify(got, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)))}, NumPy ${JSON.stringify(want, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`;
  }
  return undefined;
}

function describeCase(c: Case): string {
  return c.inputs.map((i) => ('weak' in i ? `weak ${JSON.stringify(i.weak)}` : `${i.dtype}(${i.shape}) ${i.layout ?? 'c'}`)).join(', ');
}

function runCase(c: Case): string | undefined {
  const ufunc = (ufuncs as unknown as Record<string, Ufunc<unknown>>)[c.ufunc]!;
  let result: unknown;
  try {
    result = errstate({ all: 'ignore' }, () => ufunc(...c.inputs.map(buildInput)));
  } catch (error) {
    if (!c.error) return `threw ${(error as Error).name}: ${(error as Error).message}`;
    return (error as Error).name === jsErrorClass[c.error] ? undefined : `threw ${(error as Error).name} (${(error as Error).message}), NumPy ${c.error}`;
  }
  if (c.error) return `returned a result, NumPy raised ${c.error}`;
  const results = ufunc.nout === 1 ? [result] : (result as unknown[]);
  for (let j = 0; j < c.out!.length; j++) {
    const complexInput = c.inputs.some((i) => ('weak' in i ? typeof i.weak === 'object' : i.dtype.startsWith('complex')));
    const mismatch = compare(c.ufunc, asArray(results[j], dtype(c.out![j]!.dtype)), c.out![j]!, complexInput);
    if (mismatch) return `output ${j}: ${mismatch}`;
  }
  return undefined;
}

const byUfunc = new Map<string, Case[]>();
for (const c of fixture.cases) {
  if (!byUfunc.has(c.ufunc)) byUfunc.set(c.ufunc, []);
  byUfunc.get(c.ufunc)!.push(c);
}

describe(`ufuncs agree with NumPy ${fixture.numpy} (fixture from scripts/gen-ufunc-cases.py)`, () => {
  it('has a ufunc object for every ufunc in the fixture', () => {
    const missing = [...byUfunc.keys()].filter((name) => typeof (ufuncs as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it.each([...byUfunc.keys()])('%s: same dtypes, values (exact or within 4 ulp), NaN-ness and error classes', (name) => {
    const failures: string[] = [];
    for (const c of byUfunc.get(name)!) {
      const mismatch = runCase(c);
      if (mismatch) failures.push(`${describeCase(c)} -> ${mismatch}`);
    }
    expect(failures, `${failures.length} mismatches, first: ${failures.slice(0, 6).join(' | ')}`).toEqual([]);
  });
});
