// clip's one-pass native path (contiguous float32/float64, number bounds)
// against NumPy's clip, element bits included: NaN elements and bounds, a
// low bound above the high one, +0.0/-0.0 meeting a zero bound, infinities,
// one-sided bounds, float32 bounds that round; then the calls that keep the
// general path (views, out, subclasses) give the same results.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, asarray } from '../../src/index.js';
import { native } from '../../src/base/native.js';
import { expectError } from '../helpers/expect-error.js';
import { captureWarnings } from '../helpers/warnings.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';

const data = [NaN, -0, 0, -1.5, 2.5, Infinity, -Infinity, 10, 49.99, 50, 51, 1e-46, 3.4e38, -7, 0.1];
const bounds: [number | null, number | null][] = [
  [10, 50],
  [0, 0],
  [-0, -0],
  [0, null],
  [null, -0],
  [NaN, 5],
  [-1, NaN],
  [50, 10],
  [-Infinity, Infinity],
  [0.1, 0.30000000000000004],
  [1e-46, 3.4e38],
];

function bitsOf(a: NDArray): string {
  const copy = a.copy();
  return Buffer.from(new Uint8Array(copy.buffer as ArrayBuffer, copy.byteOffset, copy.size * copy.itemsize)).toString('hex');
}

describe.skipIf(!hasNumpy)(`clip matches NumPy bit for bit (${hasNumpy ? 'python3' : skipReason})`, () => {
  const cases = ['float64', 'float32'].flatMap((dtype) => bounds.map(([lo, hi]) => ({ dtype, lo, hi })));
  const py = (v: number | null): string => (v === null ? 'None' : Number.isNaN(v) ? "float('nan')" : Object.is(v, -0) ? '-0.0' : v === Infinity ? "float('inf')" : v === -Infinity ? "-float('inf')" : String(v));
  const want = hasNumpy
    ? numpyJson<string[]>(`import warnings
warnings.simplefilter('error')
data = [${data.map((v) => py(v)).join(', ')}]
out = []
for dtype, lo, hi in [${cases.map((c) => `('${c.dtype}', ${py(c.lo)}, ${py(c.hi)})`).join(', ')}]:
    a = np.array(data, dtype=np.float64).astype(dtype)
    out.append(np.clip(a, lo, hi).tobytes().hex())
print(json.dumps(out))`)
    : [];

  it.each(cases.map((c, i) => [`${c.dtype} [${c.lo}, ${c.hi}]`, i] as const))('%s', (_, i) => {
    const { dtype, lo, hi } = cases[i]!;
    const a = asarray(new Float64Array(data)).astype(dtype);
    const warnings = captureWarnings(() => {
      const result = nd.clip(a, lo, hi) as NDArray;
      expect(result.dtype.name).toBe(dtype);
      expect(bitsOf(result)).toBe(want[i]);
      // The general path (a strided view of the same values) agrees.
      const doubled = asarray(new Float64Array(data.flatMap((v) => [v, 0]))).astype(dtype).slice('::2');
      expect(bitsOf(nd.clip(doubled, lo, hi) as NDArray)).toBe(want[i]);
    });
    expect(warnings).toEqual([]);
  });

  it('a 2-d array, a long one, and out (general path)', () => {
    const want2 = numpyJson<{ two: string; long: string }>(`a = np.arange(-6, 6, dtype=np.float64).reshape(3, 4) / 4
l = np.sin(np.arange(300001, dtype=np.float64)) * 3
print(json.dumps({'two': np.clip(a, -0.5, 0.75).tobytes().hex(), 'long': np.clip(l.astype(np.float32), -1, 2.5).tobytes().hex()}))`);
    const two = nd.divide(nd.arange(-6, 6, 1, 'float64').reshape(3, 4), 4) as NDArray;
    expect(bitsOf(nd.clip(two, -0.5, 0.75) as NDArray)).toBe(want2.two);
    const long = nd.multiply(nd.sin(nd.arange(300001, { dtype: 'float64' })), 3) as NDArray;
    expect(bitsOf(nd.clip(long.astype('float32'), -1, 2.5) as NDArray)).toBe(want2.long);
    const target = nd.zeros([3, 4]);
    expect(nd.clip(two, -0.5, 0.75, target)).toBe(target);
    expect(bitsOf(target)).toBe(want2.two);
  });
});

describe.skipIf(!hasNumpy)(`clip's general path keeps tied elements as NumPy's clip loop does (${hasNumpy ? 'python3' : skipReason})`, () => {
  // The general path (0-d array bounds, float16, longdouble) goes through
  // maximum and minimum, whose float32/float64 loops give the second operand
  // on a tie; NumPy's clip keeps the element. Values and sign bits compared
  // (a longdouble's padding bytes are not part of its value).
  const dtypes = ['float16', 'float32', 'float64', 'longdouble'];
  const pairs: [number, number][] = [[-0, -0], [0, 0], [-0, 0], [0, -0], [1, -0], [-1, 0], [10, 50]];
  const values = [0, -0, 1, -1, 10, 50, NaN, 20];
  const py = (v: number): string => (Number.isNaN(v) ? "float('nan')" : Object.is(v, -0) ? '-0.0' : String(v));
  const want = hasNumpy
    ? numpyJson<[number | null, boolean][][]>(`out = []
for dt in ${JSON.stringify(dtypes)}:
    a = np.array([${values.map(py).join(', ')}], dtype=dt)
    for lo, hi in [${pairs.map(([l, h]) => `(${py(l)}, ${py(h)})`).join(', ')}]:
        for arrays in (False, True):
            l, h = (np.array(lo, dtype=dt), np.array(hi, dtype=dt)) if arrays else (lo, hi)
            r = np.clip(a, l, h)
            out.append([[None if np.isnan(x) else float(x), bool(np.signbit(x))] for x in r])
print(json.dumps(out))`)
    : [];
  const cases = dtypes.flatMap((dtype) => pairs.flatMap(([lo, hi]) => [false, true].map((arrays) => ({ dtype, lo, hi, arrays }))));

  it.each(cases.map((c, i) => [`${c.dtype} [${c.lo}, ${c.hi}]${c.arrays ? ' 0-d array bounds' : ''}`, i] as const))('%s', (_, i) => {
    const { dtype, lo, hi, arrays } = cases[i]!;
    const a = asarray(values, { dtype: dtype as 'float64' });
    const bound = (v: number) => (arrays ? asarray(v, { dtype: dtype as 'float64' }) : v);
    const r = nd.clip(a, bound(lo), bound(hi)) as NDArray;
    const got = values.map((_, k) => {
      const x = Number(r.get(k));
      return [Number.isNaN(x) ? null : x, Object.is(x, -0) || x < 0 || (Number.isNaN(x) && (nd.signbit(r.slice(`${k}:${k + 1}`)) as NDArray).get(0) === true)];
    });
    expect(got).toEqual(want[i]);
  });

  it('maximum and minimum of longdouble keep the first operand on ties (float16 too; float32/float64 the second)', () => {
    const ties = numpyJson<Record<string, boolean[]>>(`out = {}
for dt in ${JSON.stringify(dtypes)}:
    a = np.array([0.0, -0.0], dtype=dt); b = np.array([-0.0, 0.0], dtype=dt)
    out[dt] = [bool(x) for x in np.concatenate([np.signbit(np.maximum(a, b)), np.signbit(np.minimum(a, b))])]
print(json.dumps(out))`);
    for (const dtype of dtypes) {
      const a = asarray([0, -0], { dtype: dtype as 'float64' });
      const b = asarray([-0, 0], { dtype: dtype as 'float64' });
      const signs = [...(nd.signbit(nd.maximum(a, b)) as NDArray).toArray(), ...(nd.signbit(nd.minimum(a, b)) as NDArray).toArray()];
      expect([dtype, signs]).toEqual([dtype, ties[dtype]]);
    }
  });
});

describe('clip fast path by hand', () => {
  it('keeps a subclass through the general path', () => {
    class Tagged extends NDArray {}
    const t = new Tagged({ buffer: new Float64Array([1, 5, 9]), dtype: 'float64', shape: [3] });
    const clipped = nd.clip(t, 2, 8);
    expect(clipped).toBeInstanceOf(Tagged);
    expect((clipped as NDArray).toArray()).toEqual([2, 5, 8]);
  });
  it('the binding checks its buffers and bounds', () => {
    const x = new Uint8Array(new ArrayBuffer(32));
    expectError(() => native.clipContiguous(x, new Uint8Array(16), 8, 0, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'clipContiguous: x is not whole elements, out is shorter than x, or one is not aligned to the width');
    expectError(() => native.clipContiguous(new Uint8Array(new ArrayBuffer(40), 4, 32), x, 8, 0, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'clipContiguous: x is not whole elements, out is shorter than x, or one is not aligned to the width');
    expectError(() => native.clipContiguous(new Uint8Array(12), new Uint8Array(12), 8, 0, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'clipContiguous: x is not whole elements, out is shorter than x, or one is not aligned to the width');
    expectError(() => native.clipContiguous(x, x, 2 as 4, 0, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'clipContiguous: width must be 4 or 8');
    expectError(() => native.clipContiguous(x, x, 8, '1' as never, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'clipContiguous: lo must be a number or null');
    expectError(() => native.clipContiguous(x, x, 8, 0, undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'clipContiguous: hi must be a number or null');
  });
});
