// Small calls of the arithmetic and comparison ufuncs run in JS (src/ufunc/tiny.ts)
// unless a result could carry a floating-point flag. Every case here is
// computed by NumPy in the same run: the result's dtype and bytes, its
// RuntimeWarnings and any error must match, for each of the three dtypes the
// path computes in, mixed dtypes, JS-number operands, `out` (also an input),
// 0-d and 2-d shapes, broadcasting, NaN, signed zeros, infinities, subnormals, overflow and
// int32 wrapping, each side of the size limit. A JS number is NumPy's Python int when it is integer-valued
// (-0 aside), a Python float otherwise, as ndinterop reads it.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, asarray } from '../../src/index.js';
import { smallSize } from '../../src/array/ndarray.js';
import { captureWarnings } from '../helpers/warnings.js';
import { hasNumpy, numpyJson, skipReason } from './ufunc-numpy.js';

type Operand = { array: { dtype: string; shape: number[]; hex: string } } | { scalar: number | 'nan' | 'inf' | '-inf' | '-0' };

interface Case {
  op: string;
  a: Operand;
  b: Operand;
  out: 'none' | 'fresh' | 'a';
  outShape?: number[];
  dtype?: string;
  hex?: string;
  scalar?: boolean;
  warnings?: string[];
  error?: string;
}

const ops = ['add', 'subtract', 'multiply', 'less', 'less_equal', 'greater', 'greater_equal', 'equal', 'not_equal'];

const script = `
import warnings, itertools
rng = np.random.default_rng(7)
ops = ${JSON.stringify(ops)}
specials = {
  'float64': [np.nan, -0.0, 0.0, np.inf, -np.inf, 5e-324, 1e308, -1e308, 1e-200, 2.5, -3.0],
  'float32': [np.nan, -0.0, 0.0, np.inf, -np.inf, 1e-45, 3e38, -3e38, 1e-30, 2.5, -3.0],
  'int32': [2**31 - 1, -2**31, 0, -1, 65536, 46341, 7],
}
def values(dtype, shape, special):
    n = int(np.prod(shape))
    if dtype == 'int32':
        v = rng.integers(-1000, 1000, n)
    else:
        v = rng.standard_normal(n) * 10
    v = v.astype(dtype)
    if special and n:
        pool = specials[dtype]
        for i in range(n):
            if rng.random() < 0.5:
                v[i] = pool[rng.integers(0, len(pool))]
    return v.reshape(shape)
def arr(dtype, shape, special):
    v = values(dtype, shape, special)
    return v, {'array': {'dtype': dtype, 'shape': list(shape), 'hex': v.tobytes().hex()}}
def scal(x):
    # A JS number is a Python int when it is integer-valued (-0 aside), as ndinterop reads it.
    if isinstance(x, float) and np.isfinite(x) and x.is_integer() and not (x == 0 and np.signbit(x)): x = int(x)
    if isinstance(x, float) and np.isnan(x): return x, {'scalar': 'nan'}
    if x == np.inf: return x, {'scalar': 'inf'}
    if x == -np.inf: return x, {'scalar': '-inf'}
    if isinstance(x, float) and x == 0 and np.signbit(x): return x, {'scalar': '-0'}
    return x, {'scalar': x}
cases = []
def run(op, a, b, out):
    (av, aj), (bv, bj) = a, b
    f = getattr(np, op)
    c = {'op': op, 'a': aj, 'b': bj, 'out': out}
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            if out == 'none':
                r = f(av, bv)
            else:
                probe = f(av, bv) if out == 'fresh' else None
                if out == 'fresh':
                    target = np.zeros_like(np.asarray(probe))
                    c['outShape'] = list(target.shape)
                else:
                    target = av
                    if np.result_type(f(av, bv)) != av.dtype: return
                w.clear()
                r = f(av, bv, out=target)
        c['warnings'] = sorted(str(x.message) for x in w)
        ra = np.asarray(r)
        c['dtype'] = str(ra.dtype)
        c['hex'] = ra.tobytes().hex()
        c['scalar'] = not isinstance(r, np.ndarray)
    except Exception as e:
        c['error'] = type(e).__name__
    cases.append(c)
shapes = [(), (1,), (5,), (${smallSize},), (${smallSize + 1},), (3, 4)]
dtypes = ['float64', 'float32', 'int32']
for op in ops:
    for shape in shapes:
        for special in (False, True):
            for da, db in itertools.product(dtypes, dtypes):
                if special or da == db:
                    run(op, arr(da, shape, special), arr(db, shape, special), 'none')
            for d in dtypes:
                run(op, arr(d, shape, special), arr(d, shape, special), 'fresh')
                run(op, arr(d, shape, special), arr(d, shape, special), 'a')
        for d in dtypes:
            for s in [2.5, 3, -0.0, np.nan, np.inf, 1e18, 2**31, -7, 1e-40, 0.1]:
                run(op, arr(d, shape, True), scal(s), 'none')
                run(op, scal(s), arr(d, shape, True), 'none')
            run(op, arr(d, shape, True), scal(2.5), 'a')
            run(op, arr(d, shape, True), scal(3), 'a')
for op in ops:
    for sa, sb in [((2, 1), (1, 4)), ((3, 1), (4,)), ((), (5,)), ((1,), (6,)), ((${smallSize / 8}, 8), (8,)), ((${smallSize / 8 + 1}, 8), (8,)), ((2, 1, 3), (4, 1)), ((3,), (4,))]:
        for da, db in [('float64', 'float64'), ('int32', 'int32'), ('float32', 'float32'), ('int32', 'float64'), ('float32', 'float64')]:
            for special in (False, True):
                run(op, arr(da, sa, special), arr(db, sb, special), 'none')
                run(op, arr(db, sb, special), arr(da, sa, special), 'fresh')
print(json.dumps(cases))
`;

function operand(o: Operand): NDArray | number {
  if ('scalar' in o) {
    const s = o.scalar;
    return s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === '-0' ? -0 : s;
  }
  const bytes = Buffer.from(o.array.hex, 'hex');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new NDArray({ buffer: copy.buffer, dtype: o.array.dtype, shape: o.array.shape });
}

function hexOf(value: unknown, dtype: string): string {
  if (value instanceof NDArray) {
    const c = value.copy();
    return Buffer.from(c.buffer as ArrayBuffer, c.byteOffset, c.size * c.itemsize).toString('hex');
  }
  // A 0-d result as a JS scalar: written back in the dtype NumPy gave.
  return Buffer.from((asarray(value as number | boolean, { dtype }) as NDArray).copy().buffer as ArrayBuffer).toString('hex');
}

describe.skipIf(!hasNumpy)(`small arithmetic and comparison calls match NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const cases = hasNumpy ? numpyJson<Case[]>(script) : [];

  it('covers every op, dtype and call form', () => {
    expect(cases.length).toBeGreaterThan(2000);
    const arithmetic = ['add', 'subtract', 'multiply'];
    for (const op of ops) {
      // An input as `out` only where the result has the input's dtype (never a comparison's bool).
      for (const out of arithmetic.includes(op) ? ['none', 'fresh', 'a'] : ['none', 'fresh']) {
        expect(cases.some((c) => c.op === op && c.out === out && c.error === undefined)).toBe(true);
      }
    }
  });

  it.each(ops)('%s', (op) => {
    const mismatches: string[] = [];
    for (const c of cases.filter((x) => x.op === op)) {
      const a = operand(c.a);
      const b = operand(c.b);
      const ufunc = (nd as unknown as Record<string, (...args: unknown[]) => unknown>)[op]!;
      const label = `${op}(${JSON.stringify(c.a).slice(0, 80)}, ${JSON.stringify(c.b).slice(0, 80)}, out=${c.out})`;
      let result: unknown;
      let error: unknown;
      const warnings = captureWarnings(() => {
        try {
          if (c.out === 'none') result = ufunc(a, b);
          else if (c.out === 'a') result = ufunc(a, b, { out: a });
          else result = ufunc(a, b, { out: nd.zeros(c.outShape!, { dtype: c.dtype! }) });
        } catch (e) {
          error = e;
        }
      });
      if (c.error !== undefined) {
        if (error === undefined) mismatches.push(`${label}: NumPy raised ${c.error}, we returned`);
        continue;
      }
      if (error !== undefined) {
        mismatches.push(`${label}: threw ${String(error)}`);
        continue;
      }
      const isArray = result instanceof NDArray;
      if (c.out === 'none' && isArray === c.scalar) mismatches.push(`${label}: scalar ${!isArray}, NumPy ${c.scalar}`);
      if (isArray && (result as NDArray).dtype.name !== c.dtype) mismatches.push(`${label}: dtype ${(result as NDArray).dtype.name}, NumPy ${c.dtype}`);
      if (hexOf(result, c.dtype!) !== c.hex) mismatches.push(`${label}: bytes ${hexOf(result, c.dtype!)}, NumPy ${c.hex}`);
      const messages = warnings.map((w) => w.message).sort();
      if (JSON.stringify(messages) !== JSON.stringify(c.warnings)) mismatches.push(`${label}: warnings ${JSON.stringify(messages)}, NumPy ${JSON.stringify(c.warnings)}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
