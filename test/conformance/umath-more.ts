// test_umath.py: the smaller function classes (TestCbrt, TestExp2,
// TestLogAddExp/TestLogAddExp2, TestLog1p, TestExpm1, TestHypot*,
// TestArctan2SpecialValues, TestLdexp, TestMaximum/TestMinimum/TestFmax/
// TestFmin, TestBool). Registered on the umath port by umath.test.ts.
import { expect } from 'vitest';
import { NDArray, asarray, concatenate, empty, errstate, isinf, isnan, logical_or, nextafter, negative, ufuncs } from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { assertAlmostEqual, assertArrayEqual, dtypeOfChar } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

type AnyUfunc = ((...args: unknown[]) => unknown) & { reduce: (a: unknown, o?: object) => unknown; identity: unknown };
const fn = ufuncs as unknown as Record<string, AnyUfunc>;

/** A Python float: a 0-d float64 array (the JS number 2 would be a Python int; -0 would lose its sign). */
const F = (value: number): NDArray => asarray(value, { dtype: 'float64' });
const arr = (values: unknown, char: string): NDArray => asarray(values as never, { dtype: dtypeOfChar(char) || char });
const value = (x: unknown): number => Number(x instanceof NDArray ? x.get() : x);
const truthy = (x: unknown): boolean => Boolean(x instanceof NDArray ? x.get() : x);

/** assert_equal in the arrays' own precision: equal element-wise, or both NaN. */
function sameValues(actual: unknown, desired: unknown): void {
  const same = logical_or(fn.equal!(actual, desired), fn.logical_and!(isnan(actual), isnan(desired)));
  expect(same instanceof NDArray ? (same.toArray() as boolean[]).flat() : [same]).not.toContain(false);
}

const PI = Math.PI;

export function portMoreFunctions(port: Port): void {
  // ---- TestCbrt ------------------------------------------------------------
  port.case('TestCbrt::test_cbrt_scalar', () => {
    assertAlmostEqual(fn.cbrt!(fn.power!(arr(-2.5, 'f'), 3)), -2.5);
  });
  port.case('TestCbrt::test_cbrt', () => {
    const x = asarray([1, 2, -3, Infinity, -Infinity], { dtype: 'float64' });
    assertAlmostEqual(fn.cbrt!(fn.power!(x, 3)), x);
    expect(truthy(isnan(fn.cbrt!(NaN)))).toBe(true);
    expect(fn.cbrt!(Infinity)).toBe(Infinity);
    expect(fn.cbrt!(-Infinity)).toBe(-Infinity);
  });
  port.case('TestExp2::test_exp2_values', () => {
    const x = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
    const y = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const dt of ['f', 'd', 'g']) assertAlmostEqual(fn.exp2!(arr(y, dt)), arr(x, dt));
  });

  // ---- TestLogAddExp / TestLogAddExp2 (setup: invalid='ignore') ---------------
  for (const [cls, name, log] of [['TestLogAddExp2', 'logaddexp2', 'log2'], ['TestLogAddExp', 'logaddexp', 'log']] as const) {
    const ignoring = (body: () => void) => () => errstate({ invalid: 'ignore' }, body);
    port.case(`${cls}::test_${name}_values`, ignoring(() => {
      const x = [1, 2, 3, 4, 5];
      const y = [5, 4, 3, 2, 1];
      const z = [6, 6, 6, 6, 6];
      for (const [dt, dec] of [['f', 6], ['d', 15], ['g', 15]] as const) {
        const xf = fn[log]!(arr(x, dt));
        const yf = fn[log]!(arr(y, dt));
        const zf = fn[log]!(arr(z, dt));
        assertAlmostEqual(fn[name]!(xf, yf), zf, dec);
      }
    }));
    port.case(`${cls}::test_${name}_range`, ignoring(() => {
      const x = [1000000, -1000000, 1000200, -1000200];
      const y = [1000200, -1000200, 1000000, -1000000];
      const z = [1000200, -1000000, 1000200, -1000000];
      for (const dt of ['f', 'd', 'g']) assertAlmostEqual(fn[name]!(arr(x, dt), arr(y, dt)), arr(z, dt));
    }));
    port.case(`${cls}::test_inf`, ignoring(() => {
      const inf = Infinity;
      const x = [inf, -inf, inf, -inf, inf, 1, -inf, 1];
      const y = [inf, inf, -inf, -inf, 1, inf, 1, -inf];
      const z = [inf, inf, inf, -inf, inf, inf, 1, 1];
      errstate({ invalid: 'raise' }, () => {
        for (const dt of ['f', 'd', 'g']) assertArrayEqual(fn[name]!(arr(x, dt), arr(y, dt)), arr(z, dt));
      });
    }));
    port.case(`${cls}::test_nan`, ignoring(() => {
      for (const [a, b] of [[NaN, Infinity], [Infinity, NaN], [NaN, 0], [0, NaN], [NaN, NaN]]) {
        expect(truthy(isnan(fn[name]!(a, b)))).toBe(true);
      }
    }));
    port.case(`${cls}::test_reduce`, ignoring(() => {
      expect(fn[name]!.identity).toBe(-Infinity);
      expect(fn[name]!.reduce(asarray([], { dtype: 'float64' }))).toBe(-Infinity);
      if (name === 'logaddexp2') {
        expect(fn[name]!.reduce([-Infinity])).toBe(-Infinity);
        expect(fn[name]!.reduce(asarray([-Infinity, 0]))).toBe(0);
      }
    }));
  }

  // ---- TestLog1p / TestExpm1 ------------------------------------------------
  port.case('TestLog1p::test_log1p', () => {
    assertAlmostEqual(fn.log1p!(0.2), fn.log!(1.2));
    assertAlmostEqual(fn.log1p!(1e-6), fn.log!(1 + 1e-6));
  });
  port.case('TestLog1p::test_special', () => {
    errstate({ invalid: 'ignore', divide: 'ignore' }, () => {
      expect(fn.log1p!(NaN)).toBeNaN();
      expect(fn.log1p!(Infinity)).toBe(Infinity);
      expect(fn.log1p!(F(-1))).toBe(-Infinity);
      expect(fn.log1p!(F(-2))).toBeNaN();
      expect(fn.log1p!(-Infinity)).toBeNaN();
    });
  });
  port.case('TestExpm1::test_expm1', () => {
    assertAlmostEqual(fn.expm1!(0.2), value(fn.exp!(0.2)) - 1);
    assertAlmostEqual(fn.expm1!(1e-6), value(fn.exp!(1e-6)) - 1);
  });
  port.case('TestExpm1::test_special', () => {
    expect(fn.expm1!(Infinity)).toBe(Infinity);
    expect(Object.is(fn.expm1!(F(0)), 0)).toBe(true);
    expect(Object.is(fn.expm1!(F(-0)), -0)).toBe(true);
    expect(fn.expm1!(-Infinity)).toBe(-1);
  });
  port.case('TestExpm1::test_complex', () => {
    let x = F(1e-12);
    expect(Math.abs(value(x) - value(fn.expm1!(x)))).toBeLessThanOrEqual(1e-7 * 1e-12);
    x = x.astype('complex128');
    const z = fn.expm1!(x) as { re: number; im: number };
    expect(Math.abs(z.re - 1e-12)).toBeLessThanOrEqual(1e-7 * 1e-12);
    expect(z.im).toBe(0);
  });

  // ---- TestHypot, TestHypotSpecialValues --------------------------------------
  port.case('TestHypot::test_simple', () => {
    assertAlmostEqual(fn.hypot!(1, 1), fn.sqrt!(2));
    assertAlmostEqual(fn.hypot!(0, 0), 0);
  });
  port.case('TestHypot::test_reduce', () => {
    assertAlmostEqual(fn.hypot!.reduce(asarray([3, 4], { dtype: 'float64' })), 5);
    assertAlmostEqual(fn.hypot!.reduce(asarray([3, 4, 0], { dtype: 'float64' })), 5);
    assertAlmostEqual(fn.hypot!.reduce(asarray([9, 12, 20], { dtype: 'float64' })), 25);
    expect(fn.hypot!.reduce([])).toBe(0);
  });
  const hypotIs = (check: (x: unknown) => unknown, x: number, y: number): void => {
    errstate({ invalid: 'ignore' }, () => {
      expect(truthy(check(fn.hypot!(F(x), F(y)))), `hypot(${x}, ${y}) is ${String(fn.hypot!(F(x), F(y)))}`).toBe(true);
    });
  };
  port.case('TestHypotSpecialValues::test_nan_outputs', () => {
    hypotIs(isnan, NaN, NaN);
    hypotIs(isnan, NaN, 1);
  });
  port.case('TestHypotSpecialValues::test_nan_outputs2', () => {
    for (const [x, y] of [[NaN, Infinity], [Infinity, NaN], [Infinity, 0], [0, Infinity], [Infinity, Infinity], [Infinity, 23.0]]) hypotIs(isinf, x!, y!);
  });
  port.case('TestHypotSpecialValues::test_no_fpe', () => {
    expect(captureWarnings(() => void fn.hypot!(Infinity, 0))).toEqual([]);
  });

  // ---- TestArctan2SpecialValues ----------------------------------------------
  const atan2 = (x: number, y: number): number => value(fn.arctan2!(F(x), F(y)));
  const isPZero = (x: number, y: number): void => expect(Object.is(atan2(x, y), 0), `arctan(${x}, ${y}) is ${atan2(x, y)}, not +0`).toBe(true);
  const isNZero = (x: number, y: number): void => expect(Object.is(atan2(x, y), -0), `arctan(${x}, ${y}) is ${atan2(x, y)}, not -0`).toBe(true);
  const A = 'TestArctan2SpecialValues::';
  port.case(`${A}test_one_one`, () => {
    assertAlmostEqual(atan2(1, 1), 0.25 * PI);
    assertAlmostEqual(atan2(-1, 1), -0.25 * PI);
    assertAlmostEqual(atan2(1, -1), 0.75 * PI);
  });
  port.case(`${A}test_zero_nzero`, () => {
    assertAlmostEqual(atan2(0, -0), PI);
    assertAlmostEqual(atan2(-0, -0), -PI);
  });
  port.case(`${A}test_zero_pzero`, () => {
    isPZero(0, 0);
    isNZero(-0, 0);
  });
  port.case(`${A}test_zero_negative`, () => {
    assertAlmostEqual(atan2(0, -1), PI);
    assertAlmostEqual(atan2(-0, -1), -PI);
  });
  port.case(`${A}test_zero_positive`, () => {
    isPZero(0, 1);
    isNZero(-0, 1);
  });
  port.case(`${A}test_positive_zero`, () => {
    assertAlmostEqual(atan2(1, 0), 0.5 * PI);
    assertAlmostEqual(atan2(1, -0), 0.5 * PI);
  });
  port.case(`${A}test_negative_zero`, () => {
    assertAlmostEqual(atan2(-1, 0), -0.5 * PI);
    assertAlmostEqual(atan2(-1, -0), -0.5 * PI);
  });
  port.case(`${A}test_any_ninf`, () => {
    assertAlmostEqual(atan2(1, -Infinity), PI);
    assertAlmostEqual(atan2(-1, -Infinity), -PI);
  });
  port.case(`${A}test_any_pinf`, () => {
    isPZero(1, Infinity);
    isNZero(-1, Infinity);
  });
  port.case(`${A}test_inf_any`, () => {
    assertAlmostEqual(atan2(Infinity, 1), 0.5 * PI);
    assertAlmostEqual(atan2(-Infinity, 1), -0.5 * PI);
  });
  port.case(`${A}test_inf_ninf`, () => {
    assertAlmostEqual(atan2(Infinity, -Infinity), 0.75 * PI);
    assertAlmostEqual(atan2(-Infinity, -Infinity), -0.75 * PI);
  });
  port.case(`${A}test_inf_pinf`, () => {
    assertAlmostEqual(atan2(Infinity, Infinity), 0.25 * PI);
    assertAlmostEqual(atan2(-Infinity, Infinity), -0.25 * PI);
  });
  port.case(`${A}test_nan_any`, () => {
    for (const [x, y] of [[NaN, Infinity], [Infinity, NaN], [NaN, NaN]]) expect(Number.isNaN(atan2(x!, y!)), `arctan(${x}, ${y})`).toBe(true);
  });

  // ---- TestLdexp ---------------------------------------------------------------
  port.case('TestLdexp::test_ldexp', () => {
    // The default Python int type should work (ldexp(2., 3): two Python scalars, so the 'dl->d' loop; the JS 2 is a Python int, same loop)
    assertAlmostEqual(fn.ldexp!(2, 3), 16);
    // The following int types should all be accepted
    for (const tp of ['int8', 'int16', 'int32', 'i', 'l']) {
      for (const ft of ['float32', 'float64', 'longdouble']) assertAlmostEqual(fn.ldexp!(asarray(2, { dtype: ft }), asarray(3, { dtype: dtypeOfChar(tp) || tp })), 16);
    }
  });
  port.case('TestLdexp::test_ldexp_overflow', () => {
    // silence warning emitted on overflow
    errstate({ over: 'ignore' }, () => {
      // ldexp(2., imax): two Python scalars (see test_ldexp)
      expect(fn.ldexp!(2, 2n ** 63n - 1n)).toBe(Infinity);
      expect(fn.ldexp!(2, -(2n ** 63n))).toBe(0);
    });
  });

  // ---- TestMaximum / TestMinimum / TestFmax / TestFmin (setup: invalid='ignore') ---
  const seq1 = (): NDArray => asarray(Array.from({ length: 11 }, (_, i) => i));
  type MinMax = { cls: string; name: string; top: number; nanResult: number; isMax: boolean };
  const classes: MinMax[] = [
    { cls: 'TestMaximum', name: 'maximum', top: 10, nanResult: NaN, isMax: true },
    { cls: 'TestMinimum', name: 'minimum', top: 0, nanResult: NaN, isMax: false },
    { cls: 'TestFmax', name: 'fmax', top: 10, nanResult: 9, isMax: true },
    { cls: 'TestFmin', name: 'fmin', top: 0, nanResult: 1, isMax: false },
  ];
  for (const { cls, name, top, nanResult, isMax } of classes) {
    const f = fn[name]!;
    const propagates = name === 'maximum' || name === 'minimum';
    const ignoring = (body: () => void) => () => errstate({ invalid: 'ignore' }, body);
    port.case(`${cls}::test_reduce`, ignoring(() => {
      for (const dt of [...'bBhHiIlLqQnNpP']) {
        expect(value(f.reduce(seq1().astype(dtypeOfChar(dt))))).toBe(top);
        expect(value(f.reduce(seq1().slice('::-1').astype(dtypeOfChar(dt))))).toBe(top);
      }
      for (const dt of [...'efdgFDG']) {
        const tmp1 = seq1().astype(dtypeOfChar(dt));
        const tmp2 = seq1().slice('::-1').astype(dtypeOfChar(dt));
        const real = (x: unknown): number => (typeof x === 'object' && x !== null && 're' in x ? (x as { re: number }).re : value(x));
        expect(real(f.reduce(tmp1))).toBe(top);
        expect(real(f.reduce(tmp2))).toBe(top);
        for (let i = 0; i < 11; i += 2) {
          tmp1.set(i, NaN as never);
          tmp2.set(i, NaN as never);
        }
        expect(real(f.reduce(tmp1))).toBe(nanResult);
        expect(real(f.reduce(tmp2))).toBe(nanResult);
      }
    }));
    port.case(`${cls}::test_reduce_complex`, ignoring(() => {
      const c = (re: number, im: number) => ({ re, im });
      const pick = (a: { re: number; im: number }, b: { re: number; im: number }) => (isMax ? a : b);
      expect(f.reduce(asarray([c(1, 0), c(0, 2)], { dtype: 'complex128' }))).toEqual(pick(c(1, 0), c(0, 2)));
      expect(f.reduce(asarray([c(1, 3), c(0, 2)], { dtype: 'complex128' }))).toEqual(pick(c(1, 3), c(0, 2)));
    }));
    port.case(`${cls}::test_float_nans`, ignoring(() => {
      const arg1 = asarray([0, NaN, NaN]);
      const arg2 = asarray([NaN, 0, NaN]);
      assertArrayEqual(f(arg1, arg2), propagates ? [NaN, NaN, NaN] : [0, 0, NaN]);
    }));
    port.case(`${cls}::test_complex_nans`, ignoring(() => {
      for (const cnan of [{ re: NaN, im: 0 }, { re: 0, im: NaN }, { re: NaN, im: NaN }]) {
        const zero = { re: 0, im: 0 };
        const arg1 = asarray([zero, cnan, cnan], { dtype: 'complex128' });
        const arg2 = asarray([cnan, zero, cnan], { dtype: 'complex128' });
        const out = asarray((propagates ? [NaN, NaN, NaN] : [0, 0, NaN]).map((re) => ({ re, im: 0 })), { dtype: 'complex128' });
        // assert_equal on complex arrays: NaN in either part is a NaN element.
        const res = f(arg1, arg2) as NDArray;
        const isNan = (a: NDArray) => (a.toArray() as { re: number; im: number }[]).map((z) => Number.isNaN(z.re) || Number.isNaN(z.im));
        expect(isNan(res)).toEqual(isNan(out));
        (res.toArray() as { re: number; im: number }[]).forEach((z, i) => {
          if (!isNan(out)[i]) expect(z).toEqual((out.toArray() as object[])[i]);
        });
      }
    }));
    if (propagates) {
      port.case(`${cls}::test_strided_array`, ignoring(() => {
        const arr1 = asarray([-4.0, 1.0, 10.0, 0.0, NaN, -NaN, Infinity, -Infinity]);
        const arr2 = asarray([-2.0, -1.0, NaN, 1.0, 0.0, NaN, 1.0, -3.0]);
        const out = asarray(Array(8).fill(1), { dtype: 'float64' });
        if (isMax) {
          const maxtrue = asarray([-2.0, 1.0, NaN, 1.0, NaN, NaN, Infinity, -3.0]);
          assertArrayEqual(f(arr1, arr2), maxtrue);
          assertArrayEqual(f(arr1.slice('::2'), arr2.slice('::2')), maxtrue.slice('::2'));
          assertArrayEqual(f(arr1.slice(':4:'), arr2.slice('::2')), [-2.0, NaN, 10.0, 1.0]);
          assertArrayEqual(f(arr1.slice('::3'), arr2.slice(':3:')), [-2.0, 0.0, NaN]);
          assertArrayEqual(f(arr1.slice(':6:2'), arr2.slice('::3'), { out: out.slice('::3') }), [-2.0, 10.0, NaN]);
          assertArrayEqual(out, [-2.0, 1.0, 1.0, 10.0, 1.0, 1.0, NaN, 1.0]);
        } else {
          const mintrue = asarray([-4.0, -1.0, NaN, 0.0, NaN, NaN, 1.0, -Infinity]);
          assertArrayEqual(f(arr1, arr2), mintrue);
          assertArrayEqual(f(arr1.slice('::2'), arr2.slice('::2')), mintrue.slice('::2'));
          assertArrayEqual(f(arr1.slice(':4:'), arr2.slice('::2')), [-4.0, NaN, 0.0, 0.0]);
          assertArrayEqual(f(arr1.slice('::3'), arr2.slice(':3:')), [-4.0, -1.0, NaN]);
          assertArrayEqual(f(arr1.slice(':6:2'), arr2.slice('::3'), { out: out.slice('::3') }), [-4.0, 1.0, NaN]);
          assertArrayEqual(out, [-4.0, 1.0, 1.0, 1.0, 1.0, 1.0, NaN, 1.0]);
        }
      }));
    }
    port.case(`${cls}::test_precision`, ignoring(() => {
      for (const dt of ['float16', 'float32', 'float64', 'longdouble']) {
        // np.finfo(dt).max and .min, np.float*(0.1) and the next value up, in the dtype's own precision
        // (0-d results become JS numbers, so each value is written into a 0-d array of dt with out=)
        const into = (compute: (out: NDArray) => unknown): NDArray => {
          const out = empty([], dt);
          compute(out);
          return out;
        };
        const max = into((out) => nextafter(asarray(Infinity, { dtype: dt }), asarray(0, { dtype: dt }), { out }));
        const min = into((out) => negative(max, { out }));
        const d1 = asarray(0.1, { dtype: dt });
        const d1Next = into((out) => nextafter(d1, asarray(Infinity, { dtype: dt }), { out }));
        const inf = isMax ? -Infinity : Infinity;
        const cases: [NDArray, number | NDArray, NDArray | number][] = [
          [min, inf, min],
          [max, inf, max],
          [d1, d1Next, isMax ? d1Next : d1],
          [isMax ? max : min, NaN, propagates ? NaN : isMax ? max : min],
        ];
        for (const [v1, v2, expected] of cases) {
          const list2 = v2 instanceof NDArray ? v2.reshape([1]) : asarray([v2]);
          const want = expected instanceof NDArray ? expected.reshape([1]) : asarray([expected]);
          sameValues(f(v1.reshape([1]), list2), want);
          // np.maximum.reduce([v1, v2]): a NumPy scalar and a Python float in a list make a float64 (or longdouble) array
          const pairDt = v2 instanceof NDArray || dt === 'longdouble' ? dt : 'float64';
          const pair = concatenate([v1.reshape([1]).astype(pairDt), list2.astype(pairDt)]);
          const reduced = empty([], pairDt);
          f.reduce(pair, { out: reduced });
          sameValues(reduced, want.astype(pairDt).reshape([]));
        }
      }
    }));
  }
  port.skip(/^Test(Maximum|Minimum)::test_object_(nans|array)$/, 'object dtype (Python objects in arrays): not in ndinterop');

  // ---- TestBool -------------------------------------------------------------------
  port.case('TestBool::test_exceptions', () => {
    const a = asarray([true]);
    raises('TypeError', () => fn.negative!(a));
    raises('TypeError', () => fn.positive!(a));
    raises('TypeError', () => fn.subtract!(a, a));
  });
  port.case('TestBool::test_truth_table_logical', () => {
    // 2, 3 and 4 serves as true values
    const input1 = [0, 0, 3, 2];
    const input2 = [0, 4, 0, 2];
    for (const char of [...'efdgFDG', ...'bBhHiIlLqQnNpP', '?']) {
      const dtype = dtypeOfChar(char);
      const conv = (v: number[]) => asarray((char === '?' ? v.map(Boolean) : v) as never, { dtype });
      const arg1 = conv(input1);
      const arg2 = conv(input2);
      const truthOf = (r: unknown) => (r as NDArray).astype('bool');
      for (const func of ['logical_or', 'maximum']) assertArrayEqual(truthOf(fn[func]!(arg1, arg2)), [false, true, true, true]);
      for (const func of ['logical_and', 'minimum']) assertArrayEqual(truthOf(fn[func]!(arg1, arg2)), [false, false, false, true]);
      for (const func of ['logical_xor', 'not_equal']) assertArrayEqual(truthOf(fn[func]!(arg1, arg2)), [false, true, true, false]);
    }
  });
  port.case('TestBool::test_truth_table_bitwise', () => {
    const arg1 = [false, false, true, true];
    const arg2 = [false, true, false, true];
    assertArrayEqual(fn.bitwise_or!(arg1, arg2), [false, true, true, true]);
    assertArrayEqual(fn.bitwise_and!(arg1, arg2), [false, false, false, true]);
    assertArrayEqual(fn.bitwise_xor!(arg1, arg2), [false, true, true, false]);
  });
  port.case('TestBool::test_reduce', () => {
    const arrs = [[0, 0, 0, 0], [1, 0, 1, 1], [1, 1, 1, 1], []].map((v) => v.map(Boolean));
    for (const a of arrs) expect(fn.logical_and!.reduce(asarray(a, { dtype: 'bool' }))).toBe(a.every(Boolean));
    for (const a of arrs) expect(fn.logical_or!.reduce(asarray(a, { dtype: 'bool' }))).toBe(a.some(Boolean));
    for (const a of arrs) expect(fn.logical_xor!.reduce(asarray(a, { dtype: 'bool' }))).toBe(a.filter(Boolean).length % 2 === 1);
  });
}
