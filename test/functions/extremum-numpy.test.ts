// max/min (maximum/minimum.reduce) and argmax/argmin on long rows, against
// NumPy's own results: the native kernels take vector lanes, split rows of
// 2^18 elements and more between two threads, and summarise argmax rows
// block by block (4096 elements), so the cases sit on those paths and their
// edges: NaN anywhere (a NaN wins; see elementsOf on its bits),
// +0.0 against -0.0 (which one the result holds), ties (the first index),
// strided views (the serial loop), short rows along either axis, integers.
// No case may raise a floating-point warning, as in NumPy.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { type NDArray, asarray, errstate } from '../../src/index.js';
import { native } from '../../src/base/native.js';
import { expectError } from '../helpers/expect-error.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';

interface Case {
  name: string;
  dtype: string;
  /** Python building `a` from `rng` (np.random.default_rng(11)). */
  build: string;
  /** A Python slice applied to `a` before reducing, e.g. '::3'. */
  slice?: string;
  axis?: number;
}

const long = 300_001;
const cases: Case[] = [];
for (const dtype of ['float64', 'float32']) {
  cases.push(
    { name: 'normal', dtype, build: `a = rng.standard_normal(${long})` },
    { name: 'short (one block, no split)', dtype, build: 'a = rng.standard_normal(777)' },
    { name: 'lane tail only', dtype, build: 'a = rng.standard_normal(13)' },
    { name: '-nan then nan', dtype, build: `a = rng.standard_normal(${long}); a[200000] = -np.nan; a[250000] = np.nan` },
    { name: 'nan in the second half', dtype, build: `a = rng.standard_normal(${long}); a[290000] = np.nan` },
    { name: 'nan first', dtype, build: `a = rng.standard_normal(${long}); a[0] = np.nan` },
    { name: 'nan last', dtype, build: `a = rng.standard_normal(${long}); a[-1] = -np.nan` },
    { name: 'zeros of both signs at the top', dtype, build: `a = -rng.random(${long}) - 1; a[1000] = -0.0; a[150001] = 0.0; a[299999] = -0.0` },
    { name: 'zeros of both signs at the bottom', dtype, build: `a = rng.random(${long}) + 1; a[5] = 0.0; a[160000] = -0.0` },
    { name: 'all zeros, -0.0 first', dtype, build: `a = np.zeros(${long}); a[::2] = -0.0` },
    { name: 'ties', dtype, build: `a = rng.integers(-40, 40, ${long}).astype(float)` },
    { name: 'infinities', dtype, build: `a = rng.standard_normal(${long}); a[7] = np.inf; a[9] = -np.inf; a[100000] = np.inf; a[100001] = -np.inf` },
    { name: 'strided view', dtype, build: `a = rng.standard_normal(${long}); a[30000] = np.nan`, slice: '::3' },
    { name: 'reversed view', dtype, build: `a = rng.standard_normal(${long})`, slice: '::-1' },
    { name: 'rows, axis 1', dtype, build: 'a = rng.integers(-9, 9, (40, 5000)).astype(float); a[3, 77] = np.nan; a[5, :] = -0.0', axis: 1 },
    { name: 'columns, axis 0', dtype, build: 'a = rng.integers(-9, 9, (5000, 40)).astype(float); a[77, 3] = np.nan', axis: 0 },
  );
}
for (const dtype of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool']) {
  cases.push(
    { name: 'random', dtype, build: `a = rng.integers(0, 2**62, ${long}, dtype=np.uint64).view(np.int64)` },
    { name: 'rows, axis 1', dtype, build: 'a = rng.integers(-2**62, 2**62, (30, 9000))', axis: 1 },
  );
}

// The inputs go through files (raw bytes): as JSON they would be over 100 MB.
const dir = mkdtempSync(join(tmpdir(), 'ndinterop-extremum-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = `
import base64, os
out = []
for i, c in enumerate(json.loads(${JSON.stringify(JSON.stringify(cases))})):
    rng = np.random.default_rng(11)
    exec(c['build'])
    a = np.ascontiguousarray(a).astype(c['dtype'])
    v = eval('a[' + c['slice'] + ']') if c.get('slice') else a
    axis = c.get('axis')
    a.tofile(os.path.join(${JSON.stringify(dir)}, f'{i}.bin'))
    r = {'shape': list(a.shape)}
    for op in ('max', 'min'):
        res = getattr(np, op)(v, axis=axis, keepdims=True)
        r[op] = base64.b64encode(res.tobytes()).decode()
    for op in ('argmax', 'argmin'):
        r[op] = np.asarray(getattr(np, op)(v, axis=axis)).ravel().tolist()
    out.append(r)
print(json.dumps(out))
`;

interface Expected {
  shape: number[];
  max: string;
  min: string;
  argmax: number[];
  argmin: number[];
}

// A result's elements as text from its bytes: exact bits for integers, and
// for floats the value with the sign of zero, any NaN as 'nan'. NumPy's SIMD
// reductions give some NaN, not always the first one's sign and payload
// (which one varies with the length and the CPU); ndinterop keeps the first.
function elementsOf(base64: string, dtype: string): string[] {
  const raw = Buffer.from(base64, 'base64');
  const bytes = new Uint8Array(raw.length);
  bytes.set(raw);
  if (dtype !== 'float64' && dtype !== 'float32') return [raw.toString('hex')];
  const values = dtype === 'float64' ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
  return Array.from(values, (v) => (Number.isNaN(v) ? 'nan' : Object.is(v, -0) ? '-0' : String(v)));
}

function bytesOf(a: NDArray): string {
  const copy = a.copy();
  return Buffer.from(new Uint8Array(copy.buffer as ArrayBuffer, copy.byteOffset, copy.size * copy.itemsize)).toString('base64');
}

describe.skipIf(!hasNumpy)(`max, min, argmax, argmin on long rows match NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const expected = hasNumpy ? numpyJson<Expected[]>(script) : [];

  it.each(cases.map((c, i) => [`${c.dtype} ${c.name}`, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const want = expected[i]!;
    const raw = readFileSync(join(dir, `${i}.bin`));
    const bytes = new Uint8Array(raw.length);
    bytes.set(raw);
    let a = new nd.NDArray({ buffer: bytes.buffer, dtype: c.dtype, shape: want.shape });
    if (c.slice) a = a.slice(c.slice);
    const axis = c.axis ?? null;
    errstate({ all: 'raise' }, () => {
      expect(elementsOf(bytesOf(nd.max(a, axis, { keepdims: true }) as NDArray), c.dtype)).toEqual(elementsOf(want.max, c.dtype));
      expect(elementsOf(bytesOf(nd.min(a, axis, { keepdims: true }) as NDArray), c.dtype)).toEqual(elementsOf(want.min, c.dtype));
      const argmax = nd.argmax(a, axis);
      const argmin = nd.argmin(a, axis);
      expect(typeof argmax === 'number' ? [argmax] : Array.from((argmax as NDArray).toTypedArray() as BigInt64Array, Number)).toEqual(want.argmax);
      expect(typeof argmin === 'number' ? [argmin] : Array.from((argmin as NDArray).toTypedArray() as BigInt64Array, Number)).toEqual(want.argmin);
    });
  });
});

describe('argmax and argmin by hand', () => {
  it('take the first of equal extremes, -0.0 and +0.0 alike, and the first NaN', () => {
    expect(nd.argmax(asarray([1, 3, 3, 2]))).toBe(1);
    expect(nd.argmin(asarray([0, -0, -0, 1]))).toBe(0);
    expect(nd.argmax(asarray([1, NaN, 5, NaN]))).toBe(1);
    expect(nd.argmin(asarray([NaN, -1]))).toBe(0);
  });
  it('read any nonzero bool byte as true', () => {
    const bools = new nd.NDArray({ buffer: new Uint8Array([2, 1, 0]).buffer, dtype: 'bool', shape: [3] });
    expect(nd.argmin(bools)).toBe(2);
    expect(nd.argmax(bools)).toBe(0);
    const allTrue = new nd.NDArray({ buffer: new Uint8Array([2, 1]).buffer, dtype: 'bool', shape: [2] });
    expect(nd.argmin(allTrue)).toBe(0);
  });
  it('cover longdouble, clongdouble, float16 and byte-swapped input', () => {
    expect(nd.argmax(asarray([1, 5, 2], { dtype: 'longdouble' }))).toBe(1);
    expect(nd.argmin(asarray([1, NaN, -2], { dtype: 'longdouble' }))).toBe(1);
    expect(nd.argmax(asarray([1, 5, 2], { dtype: 'clongdouble' }))).toBe(1);
    expect(nd.argmax(asarray([1, 5, 2], { dtype: 'float16' }))).toBe(1);
    expect(nd.argmax(asarray([1, 5, 2], { dtype: '>f8' }))).toBe(1);
    expect(nd.argmin(asarray([300, 5, 2], { dtype: '>i2' }))).toBe(2);
  });
});

describe('the argExtremumRows binding checks its arguments', () => {
  const out = new BigInt64Array(2);
  const data = new Uint8Array(new ArrayBuffer(32));
  it('refuses a kind/width it has no loop for, an empty row and short buffers', () => {
    expectError(() => native.argExtremumRows(2, 2, data, 2, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: unsupported kind or width');
    expectError(() => native.argExtremumRows(1, 3, data, 2, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: unsupported kind or width');
    expectError(() => native.argExtremumRows(1, 16, data, 2, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: unsupported kind or width');
    expectError(() => native.argExtremumRows(3 as 2, 8, data, 2, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: unsupported kind or width');
    expectError(() => native.argExtremumRows(2, 8, data, 0, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: length must be at least 1');
    expectError(() => native.argExtremumRows(2, 8, data, 3, 2, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: data is shorter than rows * length elements');
    expectError(() => native.argExtremumRows(2, 8, data, 1, 5, true, new BigInt64Array(5)), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: data is shorter than rows * length elements');
    expectError(() => native.argExtremumRows(2, 8, data, 1, 4, true, new BigInt64Array(3)), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: out is shorter than rows');
  });
  it('refuses misaligned data and wrong buffer types', () => {
    expectError(() => native.argExtremumRows(2, 8, new Uint8Array(new ArrayBuffer(40), 4, 32), 2, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: data is not aligned to its element width');
    expectError(() => native.argExtremumRows(2, 8, new Float64Array(4) as never, 2, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: data must be a Uint8Array');
    expectError(() => native.argExtremumRows(2, 8, data, 2, 1, true, new Float64Array(2) as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: out must be a BigInt64Array');
    expectError(() => native.argExtremumRows(2, 8, data, -1, 1, true, out), TypeError, 'ERR_INVALID_ARG_TYPE', 'argExtremumRows: length must be a non-negative integer');
  });
  it('writes one index per row', () => {
    const rows = new Float64Array([3, 9, 1, 9, -1, -5, 0, 2]);
    native.argExtremumRows(2, 8, new Uint8Array(rows.buffer), 4, 2, true, out);
    expect(Array.from(out)).toEqual([1n, 3n]);
    native.argExtremumRows(2, 8, new Uint8Array(rows.buffer), 4, 2, false, out);
    expect(Array.from(out)).toEqual([2n, 1n]);
  });
});
