// Reductions and sorting against NumPy 2.4: each case runs in python3 (one
// process for the whole table) and here, and the results must be equal
// (floats bit-for-bit, NaN included). Then overrides (NEP 18), methods and
// NumPy's errors.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, NotImplemented, asarray, functionDispatch } from '../../src/index.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';
import { expectError } from '../helpers/expect-error.js';

type Case = { op: string; dtype: string; data: unknown[]; shape: number[]; view?: string[]; args?: unknown[]; kw?: Record<string, unknown> };

const ints = [3, -1, 4, 1, -5, 9, 2, 6, -5, 3, 5, 0];
const floats = [3.5, -1.25, NaN, 1e10, -0.5, 9.75, 2, 6.5, -5, 3.5, 1e-3, 0.1];
const noNan = floats.map((v) => (Number.isNaN(v) ? 7.25 : v));
const bools = [true, false, true, true, false, true, false, false, true, true, true, false];
const realTypes = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'bool'];

function dataFor(dtype: string, nan = true): unknown[] {
  if (dtype === 'bool') return bools;
  if (dtype.startsWith('uint')) return ints.map((v) => Math.abs(v));
  if (dtype.startsWith('int')) return ints;
  return nan ? floats : noNan;
}

const cases: Case[] = [];
for (const dtype of realTypes) {
  const nanFree = dataFor(dtype, false);
  const data = dataFor(dtype);
  for (const op of ['sum', 'prod', 'min', 'max', 'mean', 'var', 'std', 'argmin', 'argmax', 'all', 'any', 'cumsum', 'cumprod']) {
    const d = op === 'prod' || op === 'cumprod' ? nanFree.map((v) => (typeof v === 'number' ? (Math.abs(v) > 5 ? 2 : v) : v)) : data;
    cases.push({ op, dtype, data: d, shape: [12] });
    cases.push({ op, dtype, data: d, shape: [3, 4], args: [op.startsWith('arg') || op.startsWith('cum') ? 1 : [0, 1]] });
    cases.push({ op, dtype, data: d, shape: [3, 4], view: ['::-1', '1::2'], args: [0] });
    cases.push({ op, dtype, data: d, shape: [2, 3, 2], args: [-2] });
    if (!op.startsWith('arg') && !op.startsWith('cum')) cases.push({ op, dtype, data: d, shape: [2, 3, 2], args: [[0, 2]], kw: { keepdims: true } });
  }
  for (const op of ['sort', 'argsort']) {
    for (const kind of ['stable', 'quicksort', 'mergesort', 'heapsort']) {
      if (op === 'argsort' && kind !== 'stable' && kind !== 'mergesort') continue; // ties unordered in NumPy
      cases.push({ op, dtype, data: nanFree, shape: [12], kw: { kind } });
    }
    cases.push({ op, dtype, data, shape: [3, 4], args: [0], kw: { kind: 'stable' } });
    cases.push({ op, dtype, data, shape: [3, 4], view: [':', '::-1'], kw: { kind: 'stable' } });
    cases.push({ op, dtype, data, shape: [3, 4], args: [null], kw: { kind: 'stable' } });
  }
  cases.push({ op: 'unique', dtype, data, shape: [3, 4] });
  cases.push({ op: 'unique', dtype, data, shape: [12], kw: { returnIndex: true, returnInverse: true, returnCounts: true } });
}
// Keywords: dtype, where, initial, ddof, empty reductions with identity.
cases.push({ op: 'sum', dtype: 'int8', data: [100, 100, 100], shape: [3], kw: { dtype: 'int8' } });
cases.push({ op: 'sum', dtype: 'float64', data: noNan, shape: [3, 4], args: [1], kw: { where: [true, false, true, true], initial: 2.5 } });
cases.push({ op: 'max', dtype: 'float64', data: noNan, shape: [3, 4], args: [0], kw: { where: [[true, false, true, true]], initial: -1 } });
cases.push({ op: 'mean', dtype: 'float32', data: noNan, shape: [3, 4], args: [1], kw: { where: [[true, false, true, true], [true, true, true, true], [false, true, false, true]] } });
cases.push({ op: 'var', dtype: 'float64', data: noNan, shape: [3, 4], args: [0], kw: { ddof: 1 } });
cases.push({ op: 'std', dtype: 'int32', data: ints, shape: [3, 4], args: [1], kw: { ddof: 2, keepdims: true } });
cases.push({ op: 'mean', dtype: 'int16', data: ints, shape: [3, 4], kw: { dtype: 'float32' } });
cases.push({ op: 'sum', dtype: 'float64', data: [], shape: [0, 3], args: [0] });
cases.push({ op: 'prod', dtype: 'int32', data: [], shape: [0] });
cases.push({ op: 'argmax', dtype: 'float64', data: [], shape: [0, 3], args: [1] });
cases.push({ op: 'cumsum', dtype: 'float64', data: [4], shape: [] });
cases.push({ op: 'sum', dtype: 'float64', data: [4], shape: [], args: [0] });
cases.push({ op: 'sort', dtype: 'float64', data: [], shape: [0, 2] });
cases.push({ op: 'unique', dtype: 'float64', data: [NaN, 1, NaN, 1, 2], shape: [5], kw: { equalNan: false, returnCounts: true } });
cases.push({ op: 'unique', dtype: 'int32', data: [1, 2, 1, 2, 0, 5, 1, 2], shape: [4, 2], kw: { axis: 0, returnIndex: true, returnInverse: true, returnCounts: true } });
cases.push({ op: 'unique', dtype: 'int32', data: [1, 2, 1, 2, 0, 5, 1, 2], shape: [2, 4], kw: { axis: 1 } });
for (const dtype of ['complex64', 'complex128']) {
  const data = [
    [1, 2],
    [1, -1],
    [NaN, 0],
    [0, NaN],
    [-3, 4],
    [1, 2],
  ];
  for (const op of ['sum', 'prod', 'mean', 'var', 'std', 'argmin', 'argmax', 'cumsum', 'sort', 'argsort', 'unique']) {
    const kw = op === 'sort' || op === 'argsort' ? { kind: 'stable' } : undefined;
    cases.push({ op, dtype, data, shape: [6], kw });
    cases.push({ op, dtype, data: data.slice(0, 2).concat([[5, 5], [2, -2]]), shape: [2, 2], args: op === 'unique' ? [] : [0], kw });
  }
}

// Encoding shared by both sides: arrays -> { dtype, shape, values } with NaN/±Inf/-0 as strings, ints as strings.
const pyPrelude = String.raw`
import math
def enc_value(v):
    if isinstance(v, complex): return [enc_value(v.real), enc_value(v.imag)]
    if isinstance(v, bool): return v
    if isinstance(v, int): return str(v)
    if isinstance(v, float):
        if math.isnan(v): return 'NaN'
        if math.isinf(v): return 'Infinity' if v > 0 else '-Infinity'
        if v == 0 and math.copysign(1, v) < 0: return '-0'
        return repr(float(v))
    return v
def enc(r):
    if isinstance(r, tuple): return [enc(x) for x in r]
    a = np.asarray(r)
    vals = a.ravel().tolist()
    return {'dtype': str(a.dtype), 'shape': list(a.shape), 'values': [enc_value(v) for v in vals]}
def snake(k):
    return ''.join('_' + c.lower() if c.isupper() else c for c in k)
def build(c):
    data = c['data']
    if c['dtype'].startswith('complex'):
        data = [complex(*(float(x) if x is not None else float('nan') for x in p)) for p in data]
    else:
        data = [float('nan') if x is None else x for x in data]
    a = np.array(data, dtype=c['dtype']).reshape(c['shape'])
    if c.get('view'):
        a = eval('a[' + ','.join(c['view']) + ']')
    return a
`;

function encValue(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && 're' in v) return [encValue((v as { re: number }).re), encValue((v as { im: number }).im)];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    if (Object.is(v, -0)) return '-0';
    return v;
  }
  return v;
}

function flatValues(a: NDArray): unknown[] {
  const out: unknown[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else out.push(x);
  };
  walk(a.toArray());
  return out;
}

function enc(r: unknown, dtypeOfScalar: string): unknown {
  if (Array.isArray(r)) return r.map((x) => enc(x, dtypeOfScalar));
  if (r instanceof NDArray) return { dtype: r.dtype.name, shape: [...r.shape], values: flatValues(r).map(encValue) };
  return { dtype: dtypeOfScalar, shape: [], values: [encValue(r)] };
}

function normalisePy(value: unknown): unknown {
  // Python ints are strings, floats repr strings: compare numbers as numbers.
  if (Array.isArray(value)) return value.map(normalisePy);
  if (value && typeof value === 'object') {
    const o = value as { dtype: string; shape: number[]; values: unknown[] };
    return { dtype: o.dtype, shape: o.shape, values: o.values.map((v) => normaliseScalar(v, o.dtype)) };
  }
  return value;
}

function normaliseScalar(v: unknown, dtype: string): unknown {
  if (Array.isArray(v)) return v.map((x) => normaliseScalar(x, 'float64'));
  if (typeof v !== 'string' || ['NaN', 'Infinity', '-Infinity', '-0'].includes(v)) return v;
  if (dtype.startsWith('int') || dtype.startsWith('uint')) return v;
  return Number(v);
}

function jsValue(v: unknown, dtype: string): unknown {
  if (dtype.startsWith('complex')) {
    const [re, im] = v as [number, number];
    return { re: re ?? NaN, im: im ?? NaN };
  }
  return v;
}

const functions: Record<string, (...args: unknown[]) => unknown> = {
  sum: nd.sum,
  prod: nd.prod,
  min: nd.min,
  max: nd.max,
  mean: nd.mean,
  var: nd.variance,
  std: nd.std,
  argmin: nd.argmin,
  argmax: nd.argmax,
  all: nd.all,
  any: nd.any,
  cumsum: nd.cumsum,
  cumprod: nd.cumprod,
  sort: nd.sort,
  argsort: nd.argsort,
  unique: nd.unique,
} as unknown as Record<string, (...args: unknown[]) => unknown>;

function buildJs(c: Case): NDArray {
  const values = c.data.map((v) => jsValue(v, c.dtype));
  let a = asarray(values as never, { dtype: c.dtype as never }).reshape(c.shape);
  if (c.view) a = a.slice(...c.view);
  return a;
}

function runJs(c: Case): unknown {
  const a = buildJs(c);
  const args = [a, ...(c.args ?? [])];
  if (c.kw) args.push(c.kw);
  const r = functions[c.op]!(...args);
  // Scalars: their dtype is what NumPy would report; compare values only.
  return enc(r, '?');
}

function scalarsUntyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scalarsUntyped);
  const o = value as { dtype: string; shape: number[]; values: unknown[] };
  const values = o.values.map((v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : typeof v === 'bigint' ? Number(v) : v));
  return o.shape.length === 0 ? { shape: [], values } : { dtype: o.dtype, shape: o.shape, values };
}

describe.skipIf(!hasNumpy)(`reductions and sorting match NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const payload = JSON.stringify(cases.map((c) => ({ ...c, data: c.data.map((v) => (Array.isArray(v) ? v.map((x) => (Number.isNaN(x) ? null : x)) : typeof v === 'number' && Number.isNaN(v) ? null : v)) })));
  const expected = hasNumpy
    ? numpyJson<unknown[]>(`${pyPrelude}
import warnings
warnings.simplefilter('ignore')
cases = json.loads(${JSON.stringify(payload)})
out = []
for c in cases:
    a = build(c)
    kw = {snake(k): v for k, v in (c.get('kw') or {}).items()}
    for k in ('where',):
        if k in kw: kw[k] = np.array(kw[k])
    args = [tuple(x) if isinstance(x, list) else x for x in (c.get('args') or [])]
    try:
        r = getattr(np, c['op'])(a, *args, **kw)
        if isinstance(r, tuple) or hasattr(r, '_fields'): r = tuple(r)
        out.append(enc(r))
    except Exception as e:
        out.append({'error': type(e).__name__ + ': ' + str(e)})
print(json.dumps(out))`)
    : [];

  it.each(cases.map((c, i) => [`${c.op} ${c.dtype} ${JSON.stringify(c.shape)}${c.view ? ` view ${c.view.join(',')}` : ''} ${JSON.stringify(c.args ?? [])} ${JSON.stringify(c.kw ?? {})}`, i] as const))('%s', (_, i) => {
    const want = expected[i] as { error?: string };
    if (want.error) {
      expect(() => runJs(cases[i]!)).toThrow();
      return;
    }
    const got = runJs(cases[i]!);
    expect(scalarsUntyped(got)).toEqual(scalarsUntyped(normalisePy(want)));
  });

  it('float64 sums and means of 100001 values are bit-identical to NumPy (pairwise order)', () => {
    const gen = 'rng = np.random.default_rng(5)\na = rng.standard_normal(100001) * 1e3\n';
    const data = numpyJson<number[]>(`${gen}print(json.dumps(a.tolist()))`);
    const want = numpyJson<string[]>(`${gen}b = a[:100000].reshape(400, 250)\nprint(json.dumps([repr(float(x)) for x in [a.sum(), a.mean(), a.std(), b.sum(), b.sum(axis=0)[7], b.sum(axis=1)[7], a[::-3].sum()]]))`);
    const a = asarray(new Float64Array(data));
    const b = a.slice('0:100000').reshape(400, 250);
    const got = [nd.sum(a), nd.mean(a), nd.std(a), nd.sum(b), (nd.sum(b, 0) as NDArray).get(7), (nd.sum(b, 1) as NDArray).get(7), nd.sum(a.slice('::-3'))];
    expect(got).toEqual(want.map(Number));
  });

  it('sum and mean of contiguous float32/float64 (the flat fast path) equal NumPy, counts past 2^24 included', () => {
    // x = float32(arange(n) * 0.37 + 1.1), built the same way on both sides;
    // at n = 2^24 + 1 a float32 count would round (NumPy divides by an intp:
    // the quotient is float64, rounded once to float32).
    const sizes = [3, 1000, 2 ** 24 + 1];
    const want = numpyJson<{ f32: string[]; f64: string[]; sum32: string[] }>(`out = {'f32': [], 'f64': [], 'sum32': []}
for n in ${JSON.stringify(sizes)}:
    x = np.arange(n, dtype=np.float32) * np.float32(0.37) + np.float32(1.1)
    out['f32'].append(repr(float(np.mean(x)))); out['sum32'].append(repr(float(np.sum(x))))
    out['f64'].append(repr(float(np.mean(x.astype(np.float64).reshape(-1, 1)))))
print(json.dumps(out))`);
    sizes.forEach((n, i) => {
      const x = nd.add(nd.multiply(nd.arange(n, { dtype: 'float32' }), 0.37), 1.1) as NDArray;
      expect(x.dtype.name).toBe('float32');
      expect(nd.mean(x)).toBe(Number(want.f32[i]));
      expect(nd.sum(x)).toBe(Number(want.sum32[i]));
      expect(nd.mean(x.astype('float64').reshape(-1, 1))).toBe(Number(want.f64[i]));
    });
  });

  it('sorts 100000 random float64 (with NaN, -0) and int64 as np.sort / stable argsort', () => {
    const want = numpyJson<{ s: string[]; i: number[]; n: string[]; ni: number[] }>(`rng = np.random.default_rng(9)
a = rng.standard_normal(100000); a[::97] = np.nan; a[5::101] = 0.0; a[7::103] = -0.0; a[::89] = np.round(a[::89])
n = rng.integers(-2**62, 2**62, 100000)
print(json.dumps({'s': [repr(float(x)) for x in np.sort(a, kind='stable')], 'i': np.argsort(a, kind='stable').tolist(), 'n': [str(x) for x in np.sort(n)], 'ni': np.argsort(n, kind='stable').tolist(),
  'a': [repr(float(x)) for x in a], 'na': [str(x) for x in n]}))`) as unknown as { s: string[]; i: number[]; n: string[]; ni: number[]; a: string[]; na: string[] };
    const a = asarray(new Float64Array(want.a.map(Number)));
    const sorted = nd.sort(a, { kind: 'stable' });
    expect(Array.from(sorted.toTypedArray() as Float64Array, (x) => (Object.is(x, -0) ? '-0.0' : Number.isNaN(x) ? 'nan' : x))).toEqual(
      want.s.map((x) => (x === '-0.0' ? '-0.0' : x === 'nan' ? 'nan' : Number(x))),
    );
    expect(Array.from(nd.argsort(a).toTypedArray() as BigInt64Array, Number)).toEqual(want.i);
    const n = asarray(BigInt64Array.from(want.na.map(BigInt)));
    expect(Array.from(nd.sort(n).toTypedArray() as BigInt64Array, String)).toEqual(want.n);
    expect(Array.from(nd.argsort(n).toTypedArray() as BigInt64Array, Number)).toEqual(want.ni);
  });
});

describe('methods', () => {
  it('a.sum(), a.mean(axis), a.argsort() and in-place a.sort() call the functions', () => {
    const a = asarray([[3, 1, 2], [9, 7, 8]], { dtype: 'float64' });
    expect(a.sum()).toBe(30);
    expect((a.mean(1) as NDArray).toArray()).toEqual([2, 8]);
    expect(a.max({ axis: 0, keepdims: true }) instanceof NDArray).toBe(true);
    expect(a.argsort().toArray()).toEqual([[1n, 2n, 0n], [1n, 2n, 0n]]);
    expect(a.argmax()).toBe(3);
    expect(a.var()).toBe(58 / 6);
    expect(a.sort(0)).toBeUndefined();
    expect(a.toArray()).toEqual([[3, 1, 2], [9, 7, 8]]);
    a.sort();
    expect(a.toArray()).toEqual([[1, 2, 3], [7, 8, 9]]);
    expect(Object.keys(NDArray.prototype)).not.toContain('sum');
  });
});

describe('errors (NumPy class and message)', () => {
  const a = asarray([[1, 2], [3, 4]], { dtype: 'float64' });
  it('axis out of range is AxisError text; duplicates; unknown options', () => {
    expectError(() => nd.sum(a, 2), RangeError, 'ERR_AXIS', 'axis 2 is out of bounds for array of dimension 2');
    expectError(() => nd.mean(a, -3), RangeError, 'ERR_AXIS', 'axis -3 is out of bounds for array of dimension 2');
    expectError(() => nd.sort(a, 2), RangeError, 'ERR_AXIS', 'axis 2 is out of bounds for array of dimension 2');
    expectError(() => nd.cumsum(a, 2), RangeError, 'ERR_AXIS', 'axis 2 is out of bounds for array of dimension 2');
    expectError(() => nd.sum(a, [0, 0]), RangeError, 'ERR_AXIS', "duplicate value in 'axis'");
    expectError(() => nd.sum(a, { foo: 1 } as never), TypeError, 'ERR_INVALID_ARG_TYPE', "sum() got an unexpected keyword argument 'foo'");
    expectError(() => nd.unique(a, { axis: 2 }), RangeError, 'ERR_AXIS', 'axis 2 is out of bounds for array of dimension 2');
    expectError(() => nd.sort(asarray(3)), RangeError, 'ERR_AXIS', 'axis -1 is out of bounds for array of dimension 0');
  });
  it('empty reductions without identity, argmin of empty, sort kinds', () => {
    expectError(() => nd.max(asarray(new Float64Array(0))), RangeError, 'ERR_UFUNC_VALUE', 'zero-size array to reduction operation maximum which has no identity');
    expectError(() => nd.argmin(asarray(new Float64Array(0))), RangeError, 'ERR_INVALID_ARG_VALUE', 'attempt to get argmin of an empty sequence');
    expectError(() => nd.sort(a, { kind: 'foo' as never }), RangeError, 'ERR_INVALID_ARG_VALUE', "sort kind must be one of 'quick', 'heap', or 'stable' (got 'foo')");
    expectError(() => nd.sort(a, { kind: 'stable', stable: true }), RangeError, 'ERR_INVALID_ARG_VALUE', "`kind` and keyword parameters can't be provided at the same time. Use only one of them.");
    expectError(() => nd.sort(a, { order: 'x' }), RangeError, 'ERR_INVALID_ARG_VALUE', 'Cannot specify order when the array has no fields.');
    expectError(() => nd.argmin(a, { out: asarray(new Float64Array(2)) }), RangeError, 'ERR_INVALID_ARG_VALUE', 'output array does not match result of np.argmin.');
  });
});

describe('overrides (NEP 18)', () => {
  class Units {
    constructor(readonly value: NDArray, readonly unit: string) {}
    __array_function__(func: nd.ArrayFunction, _types: unknown, args: unknown[], kwargs: nd.FunctionKwargs): unknown {
      const unwrapped = args.map((x) => (x instanceof Units ? x.value : x));
      const kw = { ...kwargs };
      if (kw.out instanceof Units) kw.out = kw.out.value;
      if (kw.where instanceof Units) kw.where = kw.where.value;
      if (kw.mean instanceof Units) kw.mean = kw.mean.value;
      const r = (func.implementation as (...a: unknown[]) => unknown)(...unwrapped, kw);
      return { unit: this.unit, func: func.name, r };
    }
  }
  const q = new Units(asarray([3, 1, 2], { dtype: 'float64' }), 'm');
  const fns = [nd.sum, nd.prod, nd.min, nd.max, nd.mean, nd.variance, nd.std, nd.argmin, nd.argmax, nd.all, nd.any, nd.cumsum, nd.cumprod, nd.sort, nd.argsort, nd.unique];
  it.each(fns.map((f) => [f.name, f] as const))('%s dispatches on its array argument', (name, f) => {
    expect((f as (...a: unknown[]) => unknown)(q)).toMatchObject({ unit: 'm', func: name });
  });
  it('out= and where= are relevant where NumPy has them', () => {
    const plain = asarray([1, 2, 3], { dtype: 'float64' });
    const out = new Units(asarray(0, { dtype: 'float64' }), 'out');
    expect(nd.sum(plain, { out: out as never })).toMatchObject({ unit: 'out', func: 'sum' });
    expect(nd.argmax(plain, { out: new Units(asarray(0n), 'out') as never })).toMatchObject({ unit: 'out' });
    const where = new Units(asarray([true, false, true]), 'where');
    expect(nd.mean(plain, { where })).toMatchObject({ unit: 'where', func: 'mean' });
    expect(nd.all(plain, { where })).toMatchObject({ unit: 'where', func: 'all' });
    expect(nd.variance(plain, { mean: new Units(asarray(2), 'mean') })).toMatchObject({ unit: 'mean', func: 'var' });
    // sum's where is not relevant (NumPy's _sum_dispatcher returns (a, out)).
    expect(() => nd.sum(plain, { where: where as never })).toThrow();
  });
  it('a registered handler declining everywhere gives NumPy TypeError', () => {
    class Opaque {}
    functionDispatch.register(Opaque, () => NotImplemented);
    try {
      expectError(() => nd.sort(new Opaque()), TypeError, 'ERR_ARRAY_FUNCTION_TYPE', "no implementation found for 'ndinterop.sort' on types that implement __array_function__: [<class 'Opaque'>]");
    } finally {
      functionDispatch.unregister(Opaque);
    }
  });
});
