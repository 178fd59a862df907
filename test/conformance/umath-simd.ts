// test_umath.py: the SIMD-path tests (_gen_alignment_data offsets, the AVX
// classes, strided transcendental loops), complex branch cuts and the
// promotion corner cases. Registered on the umath port by umath.test.ts.
import { expect } from 'vitest';
import { NDArray, arange, asarray, empty, errstate, maximum, minimum, ufuncs } from '../../src/index.js';
import type { Port } from './harness.js';
import { assertArrayAlmostEqualNulp, assertArrayEqual, randomIntegers, uniform } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

type Complex = { re: number; im: number };
type AnyUfunc = (...args: unknown[]) => unknown;
const fn = ufuncs as unknown as Record<string, AnyUfunc>;
const values = (a: unknown): number[] => (a as NDArray).toArray() as number[];
/** inp.max() and inp.min(): the reductions of a 1-d float array. */
const reduceMax = (a: NDArray): number => maximum.reduce(a) as number;
const reduceMin = (a: NDArray): number => minimum.reduce(a) as number;

/** _gen_alignment_data(dtype, type='unary', max_size): (out, inp, msg) at offsets 0-2, in place, shifted and aliased. */
function* genAlignmentData(dtype: string, maxSize: number): Generator<[NDArray, NDArray, string]> {
  for (let o = 0; o < 3; o++) {
    for (let s = o + 2; s < Math.max(o + 3, maxSize); s++) {
      const inp = (): NDArray => arange(s, { dtype }).slice(`${o}:`);
      const out = empty([s], dtype).slice(`${o}:`);
      const msg = (a: number, b: number, size: number, kind: string) => `unary offset=(${a}, ${b}), size=${size}, dtype=${dtype}, ${kind}`;
      yield [out, inp(), msg(o, o, s, 'out of place')];
      const d = inp();
      yield [d, d, msg(o, o, s, 'in place')];
      yield [out.slice('1:'), inp().slice(':-1'), msg(o + 1, o, s - 1, 'out of place')];
      yield [out.slice(':-1'), inp().slice('1:'), msg(o, o + 1, s - 1, 'out of place')];
      const base1 = inp();
      yield [base1.slice(':-1'), base1.slice('1:'), msg(o, o + 1, s - 1, 'aliased')];
      const base2 = inp();
      yield [base2.slice('1:'), base2.slice(':-1'), msg(o + 1, o, s - 1, 'aliased')];
    }
  }
}

/** The distance in units in the last place between float32 or float64 values (NumPy's nulp_diff). */
function ulpDiff(x: number, y: number, dtype: string): number {
  if (Number.isNaN(x) && Number.isNaN(y)) return 0;
  if (x === y) return 0;
  const ordered = (v: number): bigint => {
    if (dtype === 'float32') {
      const i = new Int32Array(new Float32Array([v]).buffer)[0]!;
      return BigInt(i < 0 ? -2147483648 - i : i);
    }
    const i = new BigInt64Array(new Float64Array([v]).buffer)[0]!;
    return i < 0n ? -(2n ** 63n) - i : i;
  };
  const d = ordered(x) - ordered(y);
  return Number(d < 0n ? -d : d);
}

/** assert_array_max_ulp(a, b, maxulp). */
function maxUlp(a: unknown, b: unknown, maxulp: number, dtype: string): void {
  const x = values(a);
  const y = values(b);
  let worst = 0;
  x.forEach((v, i) => (worst = Math.max(worst, ulpDiff(v, y[i]!, dtype))));
  expect(worst).toBeLessThanOrEqual(maxulp);
}

export function portSimd(port: Port): void {
  port.case('TestPower::test_power_float', () => {
    const x = asarray([1, 2, 3], { dtype: 'float64' });
    assertArrayEqual(fn.power!(x, 0), [1, 1, 1]);
    assertArrayEqual(fn.power!(x, 1), x);
    assertArrayEqual(fn.power!(x, 2), [1, 4, 9]);
    const y = x.copy();
    fn.power!(y, 2, { out: y });
    assertArrayEqual(y, [1, 4, 9]);
    values(fn.power!(x, -1)).forEach((v, i) => expect(Math.abs(v - [1, 0.5, 1 / 3][i]!)).toBeLessThan(1.5e-7));
    values(fn.power!(x, 0.5)).forEach((v, i) => expect(Math.abs(v - [1, Math.SQRT2, Math.sqrt(3)][i]!)).toBeLessThan(1.5e-7));
    for (const [dtype, maxSize] of [['float32', 11], ['float64', 7]] as const) {
      for (const [out, inp, msg] of genAlignmentData(dtype, maxSize)) {
        const exp = values(inp).map((i) => fn.sqrt!(asarray(i, { dtype })) as number);
        values(fn.power!(inp, 0.5)).forEach((v, i) => expect(Math.abs(v - exp[i]!), msg).toBeLessThan(1.5e-7));
        fn.sqrt!(inp, { out });
        expect(values(out), msg).toEqual(exp);
      }
    }
  });
  port.case('TestMinMax::test_minmax_blocked', () => {
    // simd tests on max/min, test all alignments
    for (const [dtype, sz] of [['float32', 15], ['float64', 7]] as const) {
      for (const [, inp, msg] of genAlignmentData(dtype, sz)) {
        for (let i = 0; i < inp.size; i++) {
          // inp[:] = np.arange(inp.size, dtype=dt)
          values(arange(inp.size, { dtype })).forEach((v, k) => inp.set(k, v));
          inp.set(i, NaN);
          captureWarnings(() => {
            expect(Number.isNaN(reduceMax(inp)), msg).toBe(true);
            expect(Number.isNaN(reduceMin(inp)), msg).toBe(true);
          });
          inp.set(i, 1e10);
          expect(reduceMax(inp), msg).toBe(1e10);
          inp.set(i, -1e10);
          expect(reduceMin(inp), msg).toBe(-1e10);
        }
      }
    }
  });
  port.case('TestAbsoluteNegative::test_abs_neg_blocked', () => {
    // simd tests on abs, test all alignments
    for (const [dtype, sz] of [['float32', 11], ['float64', 5]] as const) {
      for (const [out, inp, msg] of genAlignmentData(dtype, sz)) {
        let tgt = values(inp).map((i) => Math.abs(i));
        fn.absolute!(inp, { out });
        expect(values(out), msg).toEqual(tgt);
        expect(values(out).every((v) => v >= 0)).toBe(true);
        tgt = values(inp).map((i) => -1 * i);
        fn.negative!(inp, { out });
        expect(values(out).map((v) => v + 0), msg).toEqual(tgt.map((v) => v + 0));
        for (const v of [NaN, -Infinity, Infinity]) {
          for (let i = 0; i < inp.size; i++) {
            const d = values(arange(inp.size, { dtype }));
            values(arange(inp.size, { dtype })).forEach((k, j) => inp.set(j, -k));
            inp.set(i, v);
            d[i] = v === -Infinity ? -v : v;
            assertArrayEqual(fn.absolute!(inp), d);
            fn.absolute!(inp, { out });
            assertArrayEqual(out, d);
            assertArrayEqual(fn.negative!(inp), fn.multiply!(-1, inp));
            const neg = fn.multiply!(-1, inp);
            fn.negative!(inp, { out });
            assertArrayEqual(out, neg);
          }
        }
      }
    }
  });

  // ---- the AVX classes ------------------------------------------------------------
  const avxUfuncs: Record<string, [number, number, number]> = {
    sqrt: [1, 0, 100], absolute: [0, -100, 100], reciprocal: [1, 1, 100], square: [1, -100, 100],
    rint: [0, -100, 100], floor: [0, -100, 100], ceil: [0, -100, 100], trunc: [0, -100, 100],
  };
  port.case('TestAVXUfuncs::test_avx_based_ufunc', () => {
    let seed = 42;
    for (const [func, [maxulperr, minval, maxval]] of Object.entries(avxUfuncs)) {
      const myfunc = fn[func]!;
      // various array sizes to ensure masking in AVX is tested
      for (let size = 1; size < 32; size++) {
        const xF32 = uniform(size, minval, maxval, seed++, 'float32');
        const xF64 = xF32.astype('float64');
        const yTrue128 = myfunc(xF32.astype('longdouble')) as NDArray;
        if (maxulperr === 0) {
          assertArrayEqual(myfunc(xF32), yTrue128.astype('float32'));
          assertArrayEqual(myfunc(xF64), yTrue128.astype('float64'));
        } else {
          maxUlp(myfunc(xF32), yTrue128.astype('float32'), maxulperr, 'float32');
          maxUlp(myfunc(xF64), yTrue128.astype('float64'), maxulperr, 'float64');
        }
        // various strides to test gather instruction
        if (size > 1) {
          const yTrue32 = myfunc(xF32) as NDArray;
          const yTrue64 = myfunc(xF64) as NDArray;
          for (const jj of [-4, -3, -2, -1, 1, 2, 3, 4]) {
            assertArrayEqual(myfunc(xF64.slice(`::${jj}`)), yTrue64.slice(`::${jj}`));
            assertArrayEqual(myfunc(xF32.slice(`::${jj}`)), yTrue32.slice(`::${jj}`));
          }
        }
      }
    }
  });
  const AVX = 'TestAVXFloat32Transcendental::';
  port.case(`${AVX}test_exp_float32`, () => {
    const xF32 = uniform(1000000, 0.0, 88.1, 42, 'float32');
    maxUlp(fn.exp!(xF32), (fn.exp!(xF32.astype('float64')) as NDArray).astype('float32'), 3, 'float32');
  });
  port.case(`${AVX}test_log_float32`, () => {
    const xF32 = uniform(1000000, 0.0, 1000, 42, 'float32');
    maxUlp(fn.log!(xF32), (fn.log!(xF32.astype('float64')) as NDArray).astype('float32'), 4, 'float32');
  });
  port.case(`${AVX}test_sincos_float32`, () => {
    const N = 1000000;
    const M = N / 20;
    const index = randomIntegers(M, N, 7);
    const xF32 = uniform(N, -100, 100, 42, 'float32');
    // test coverage for elements > 117435.992f for which glibc is used
    const big = randomIntegers(M, 1 << 23, 9).map((v) => 10e10 * (v / (1 << 23)));
    index.forEach((k, i) => xF32.set(k, Math.fround(big[i]!)));
    const xF64 = xF32.astype('float64');
    const sin64 = (fn.sin!(xF64) as NDArray).astype('float32');
    const cos64 = (fn.cos!(xF64) as NDArray).astype('float32');
    maxUlp(fn.sin!(xF32), sin64, 2, 'float32');
    maxUlp(fn.cos!(xF32), cos64, 2, 'float32');
    // test aliasing(issue #17761)
    const tx = xF32.copy();
    maxUlp(fn.sin!(xF32, { out: xF32 }), sin64, 2, 'float32');
    maxUlp(fn.cos!(tx, { out: tx }), cos64, 2, 'float32');
  });
  port.case(`${AVX}test_strided_float32`, () => {
    for (let ii = 2; ii < 100; ii++) {
      const xF32 = uniform(ii, 0.01, 88.1, ii, 'float32');
      const large = xF32.copy();
      for (let k = 3; k < ii - 1; k += 4) large.set(k, 120000.0);
      const expTrue = fn.exp!(xF32) as NDArray;
      const logTrue = fn.log!(xF32) as NDArray;
      const sinTrue = fn.sin!(large) as NDArray;
      const cosTrue = fn.cos!(large) as NDArray;
      for (const jj of [-4, -3, -2, -1, 1, 2, 3, 4]) {
        const s = `::${jj}`;
        assertArrayAlmostEqualNulp(fn.exp!(xF32.slice(s)) as NDArray, expTrue.slice(s), 2);
        assertArrayAlmostEqualNulp(fn.log!(xF32.slice(s)) as NDArray, logTrue.slice(s), 2);
        assertArrayAlmostEqualNulp(fn.sin!(large.slice(s)) as NDArray, sinTrue.slice(s), 2);
        assertArrayAlmostEqualNulp(fn.cos!(large.slice(s)) as NDArray, cosTrue.slice(s), 2);
      }
    }
  });

  // ---- TestComplexFunctions: branch cuts, promotion ------------------------------------
  const c = (re: number, im = 0): Complex => ({ re, im });
  const checkBranchCut = (f: string, x0s: Complex[], dxs: Complex[], reSign = 1, imSign = -1, sigZeroOk = false, dtype = 'complex128'): void => {
    const single = dtype === 'complex64';
    const scale = (single ? 2 ** -23 : 2 ** -52) * (single ? 1e2 : 1e3);
    const atol = single ? 1e-2 : 1e-4;
    const x0 = asarray(x0s as never, { dtype });
    const dx = asarray((dxs.length === 1 && x0s.length > 1 ? x0s.map(() => dxs[0]!) : dxs) as never, { dtype });
    const apply = (x: NDArray): Complex[] => (fn[f]!(x) as NDArray).toArray() as Complex[];
    const step = fn.multiply!(fn.divide!(fn.multiply!(dx, scale), fn.absolute!(dx)), fn.absolute!(x0));
    const y0 = apply(x0);
    const yp = apply(asarray(fn.add!(x0, step) as never, { dtype }));
    const ym = apply(asarray(fn.subtract!(x0, step) as never, { dtype }));
    y0.forEach((z, i) => {
      expect(Math.abs(z.re - yp[i]!.re)).toBeLessThan(atol);
      expect(Math.abs(z.im - yp[i]!.im)).toBeLessThan(atol);
      expect(Math.abs(z.re - ym[i]!.re * reSign)).toBeLessThan(atol);
      expect(Math.abs(z.im - ym[i]!.im * imSign)).toBeLessThan(atol);
    });
    if (sigZeroOk) {
      // check that signed zeros also work as a displacement
      const dxList = dx.toArray() as Complex[];
      (x0.toArray() as Complex[]).forEach((z, i) => {
        for (const part of ['re', 'im'] as const) {
          if (z[part] === 0 && dxList[i]![part] !== 0) {
            const x = { ...z, [part]: -0 };
            const y = apply(asarray([x] as never, { dtype }))[0]!;
            expect(Math.abs(y0[i]!.re - y.re * reSign)).toBeLessThan(atol);
            expect(Math.abs(y0[i]!.im - y.im * imSign)).toBeLessThan(atol);
          }
        }
      });
    }
  };
  const branchCuts = (dtype: string): void => {
    const j = c(0, 1);
    checkBranchCut('log', [c(-0.5)], [j], 1, -1, true, dtype);
    checkBranchCut('log2', [c(-0.5)], [j], 1, -1, true, dtype);
    checkBranchCut('log10', [c(-0.5)], [j], 1, -1, true, dtype);
    checkBranchCut('log1p', [c(-1.5)], [j], 1, -1, true, dtype);
    checkBranchCut('sqrt', [c(-0.5)], [j], 1, -1, true, dtype);
    checkBranchCut('arcsin', [c(-2), c(2)], [j, j], 1, -1, true, dtype);
    checkBranchCut('arccos', [c(-2), c(2)], [j, j], 1, -1, true, dtype);
    checkBranchCut('arctan', [c(0, -2), c(0, 2)], [c(1), c(1)], -1, 1, true, dtype);
    checkBranchCut('arcsinh', [c(0, -2), c(0, 2)], [c(1), c(1)], -1, 1, true, dtype);
    checkBranchCut('arccosh', [c(-1), c(0.5)], [j, j], 1, -1, true, dtype);
    checkBranchCut('arctanh', [c(-2), c(2)], [j, j], 1, -1, true, dtype);
    // check against bogus branch cuts: assert continuity between quadrants
    checkBranchCut('arcsin', [c(0, -2), c(0, 2)], [c(1), c(1)], 1, 1, false, dtype);
    checkBranchCut('arccos', [c(0, -2), c(0, 2)], [c(1), c(1)], 1, 1, false, dtype);
    checkBranchCut('arctan', [c(-2), c(2)], [j, j], 1, 1, false, dtype);
    checkBranchCut('arcsinh', [c(-2), c(2), c(0)], [j, j, c(1)], 1, 1, false, dtype);
    checkBranchCut('arccosh', [c(0, -2), c(0, 2), c(2)], [c(1), c(1), j], 1, 1, false, dtype);
    checkBranchCut('arctanh', [c(0, -2), c(0, 2), c(0)], [c(1), c(1), j], 1, 1, false, dtype);
  };
  port.case('TestComplexFunctions::test_branch_cuts', () => branchCuts('complex128'));
  port.case('TestComplexFunctions::test_branch_cuts_complex64', () => branchCuts('complex64'));
  port.case('TestComplexFunctions::test_promotion_corner_cases', () => {
    // NumPy calls func on scalars; a one-element array resolves the same loop (NEP 50 has no value-based casting).
    errstate({ all: 'ignore' }, () => {
      for (const func of ['arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'sin', 'cos', 'tan', 'exp', 'exp2', 'log', 'sqrt', 'log10', 'log2', 'log1p']) {
        expect((fn[func]!(asarray([1], { dtype: 'float16' })) as NDArray).dtype.name).toBe('float16');
        // Integer to low precision float promotion is a dubious choice:
        expect((fn[func]!(asarray([1], { dtype: 'uint8' })) as NDArray).dtype.name).toBe('float16');
        expect((fn[func]!(asarray([1], { dtype: 'int16' })) as NDArray).dtype.name).toBe('float32');
      }
    });
  });

  // ---- TestComplexFunctions::test_loss_of_precision ------------------------------------
  /** z.real or z.imag of a 1-d contiguous complex array, as a view (NumPy's .real/.imag). */
  const part = (z: NDArray, which: 're' | 'im'): NDArray => {
    const realName = { complex64: 'float32', complex128: 'float64', clongdouble: 'longdouble' }[z.dtype.name]!;
    const c1 = z.copy();
    return new NDArray({ buffer: c1.buffer, byteOffset: c1.byteOffset + (which === 'im' ? c1.itemsize / 2 : 0), dtype: realName, shape: c1.shape, strides: [c1.itemsize] });
  };
  const allBelow = (d: unknown, bound: number, what: string): void => {
    const v = d instanceof NDArray ? (d.astype('float64').toArray() as number[]) : [Number(d)];
    expect(v.every((x) => x < bound), `${what}: max ${Math.max(...v)} >= ${bound}`).toBe(true);
  };
  const logspace = (start: number, stop: number, num: number, endpoint = true): number[] =>
    Array.from({ length: num }, (_, i) => 10 ** (start + ((stop - start) * i) / (endpoint ? num - 1 : num)));
  for (const [id, dtype, realDtype, eps] of [['complex64', 'complex64', 'float32', 2 ** -23], ['complex128', 'complex128', 'float64', 2 ** -52], ['clongdouble', 'clongdouble', 'longdouble', 2 ** -63]] as const) {
    port.case(`TestComplexFunctions::test_loss_of_precision[${id}]`, () => {
      const rel = (a: unknown, b: unknown): unknown => fn.absolute!(fn.subtract!(fn.divide!(a, b), 1));
      const check = (values: number[], rtol: number): void => {
        const x = asarray(values, { dtype: 'float64' }).astype(realDtype);
        let z = x.astype(dtype);
        allBelow(rel(fn.arcsinh!(x), part(fn.arcsinh!(z) as NDArray, 're')), rtol, 'arcsinh');
        z = (fn.multiply!(c(0, 1), x) as NDArray).astype(dtype);
        allBelow(rel(fn.arcsinh!(x), part(fn.arcsin!(z) as NDArray, 'im')), rtol, 'arcsin');
        z = x.astype(dtype);
        allBelow(rel(fn.arctanh!(x), part(fn.arctanh!(z) as NDArray, 're')), rtol, 'arctanh');
        z = (fn.multiply!(c(0, 1), x) as NDArray).astype(dtype);
        allBelow(rel(fn.arctanh!(x), part(fn.arctan!(z) as NDArray, 'im')), rtol, 'arctan');
      };
      // The switchover was chosen as 1e-3; hence there can be up to ~eps/1e-3 of relative cancellation error before it
      const xSeries = logspace(-20, -3.001, 200);
      const xBasic = logspace(-2.999, 0, 10, false);
      check(xSeries, dtype === 'clongdouble' ? 50.0 * eps : 2.1 * eps);
      check(xBasic, (2.0 * eps) / 1e-3);
      // Check a few points
      const z = asarray([c(1e-5, 1e-5)], { dtype });
      const one = (f: string, p: Complex) => fn.absolute!(fn.subtract!(1, fn.divide!(fn[f]!(z), p)));
      allBelow(one('arctanh', c(9.999999999333333333e-6, 1.000000000066666666e-5)), 1e-15, 'arctanh point');
      allBelow(one('arcsinh', c(1.0000000000333333333e-5, 9.999999999666666667e-6)), 1e-15, 'arcsinh point');
      allBelow(one('arctan', c(1.000000000066666666e-5, 9.999999999333333333e-6)), 1e-15, 'arctan point');
      allBelow(one('arcsin', c(9.999999999666666667e-6, 1.0000000000333333333e-5)), 1e-15, 'arcsin point');
      // Check continuity across switchover points
      const checkContinuity = (f: string, pts: Complex[], d: Complex): void => {
        const z0 = asarray(pts as never, { dtype });
        const step = fn.multiply!(fn.multiply!(fn.absolute!(z0), d), eps * 2);
        const zp = fn.add!(z0, step) as NDArray;
        const zm = fn.subtract!(z0, step) as NDArray;
        expect(((fn.not_equal!(zp, zm) as NDArray).toArray() as boolean[]).every(Boolean)).toBe(true);
        // NB: the cancellation error at the switchover is at least eps
        const good = fn.less!(fn.absolute!(fn.subtract!(fn[f]!(zp), fn[f]!(zm))), 2 * eps) as NDArray;
        expect((good.toArray() as boolean[]).every(Boolean), f).toBe(true);
      };
      const pts: Complex[] = [];
      for (const rp of [-1e-3, 0, 1e-3]) for (const ip of [-1e-3, 0, 1e-3]) if (rp !== 0 || ip !== 0) pts.push(c(rp, ip));
      for (const f of ['arcsinh', 'arcsinh', 'arcsin', 'arctanh', 'arctan']) {
        checkContinuity(f, pts, c(1));
        checkContinuity(f, pts, c(0, 1));
        checkContinuity(f, pts, c(1, 1));
      }
    });
  }
}
