// test_umath.py, float and complex division: TestDivision (the non-integer
// tests) and TestRemainder. Registered on the umath port by umath.test.ts.
import { expect } from 'vitest';
import {
  NDArray, add, asarray, concatenate, divide, divmod, equal, errstate, floor_divide, fmod, isinf, isnan, multiply, negative, nextafter, ones,
  power, remainder, resultType, signbit, zeros,
} from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { assertAlmostEqual, assertArrayEqual, dtypeOfChar } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

const FLOATS = ['e', 'f', 'd', 'g'];
const ALL_INTEGER = [...'bBhHiIlLqQnNpP'];

/** np.array(value, dtype=char): a 0-d array (NumPy's strong scalar). */
const scalar = (value: unknown, char: string): NDArray => asarray(value as never, { dtype: dtypeOfChar(char) });
const num = (value: unknown): number => Number(value instanceof NDArray ? value.get() : (value as number | bigint));
const truthy = (value: unknown): boolean => Boolean(value instanceof NDArray ? value.get() : value);

/** The error `fn` raises is NumPy's FloatingPointError (a RangeError with a code). */
const fpe = (fn: () => unknown, match?: RegExp): void => void raises('FloatingPointError', fn, match);

/** with warnings.catch_warnings(): ignore the warnings `fn` gives. */
const ignoringWarnings = (fn: () => void): void => void captureWarnings(fn);

/** NumPy's scalar results keep their dtype; ndinterop's 0-d results are JS values, made 0-d arrays of the result dtype again. */
const strong = (results: [unknown, unknown], a: NDArray, b: NDArray): [NDArray, NDArray] =>
  results.map((r) => asarray(r as never, { dtype: resultType(a, b) })) as [NDArray, NDArray];

const floorDivideAndRemainder = (x: unknown, y: unknown): [unknown, unknown] => [floor_divide(x, y), remainder(x, y)];
const divmodPair = (x: unknown, y: unknown): [unknown, unknown] => divmod(x, y) as [unknown, unknown];
const ops: [string, (x: unknown, y: unknown) => [unknown, unknown]][] = [['floor_divide_and_remainder', floorDivideAndRemainder], ['divmod', divmodPair]];

export function portDivision(port: Port): void {

  // test_division_int_timedelta: np.timedelta64(n, unit) is a 0-d m8 array;
  // a quotient is an int (timedelta // timedelta) or a timedelta (// int).
  const NAT = -(2n ** 63n);
  const td = (n: bigint, unit: string): NDArray => new NDArray({ buffer: BigInt64Array.from([n]).buffer, dtype: `m8[${unit}]` as 'float64', shape: [] });
  const tdCases: [NDArray, NDArray | number, number | NDArray][] = [
    [td(2n, 'Y'), td(2n, 'M'), 12], [td(2n, 'Y'), td(-2n, 'M'), -12], [td(-2n, 'Y'), td(2n, 'M'), -12], [td(-2n, 'Y'), td(-2n, 'M'), 12],
    [td(2n, 'M'), td(-2n, 'Y'), -1], [td(2n, 'Y'), td(0n, 'M'), 0], [td(2n, 'Y'), 2, td(1n, 'Y')], [td(2n, 'Y'), -2, td(-1n, 'Y')],
    [td(-2n, 'Y'), 2, td(-1n, 'Y')], [td(-2n, 'Y'), -2, td(1n, 'Y')], [td(-2n, 'Y'), -2, td(1n, 'Y')], [td(-2n, 'Y'), -3, td(0n, 'Y')],
    [td(-2n, 'Y'), 0, td(NAT, 'Y')],
  ];
  const tdIds = ['dividend0-divisor0-12', 'dividend1-divisor1--12', 'dividend2-divisor2--12', 'dividend3-divisor3-12', 'dividend4-divisor4--1', 'dividend5-divisor5-0',
    'dividend6-2-quotient6', 'dividend7--2-quotient7', 'dividend8-2-quotient8', 'dividend9--2-quotient9', 'dividend10--2-quotient10', 'dividend11--3-quotient11', 'dividend12-0-quotient12'];
  const tdTruthy = (x: NDArray | number): boolean => (typeof x === 'number' ? x !== 0 : x.get() !== 0n);
  const tdIsNat = (q: number | NDArray): boolean => typeof q !== 'number' && q.get() === NAT;
  const tdSame = (x: unknown, y: number | NDArray): boolean => {
    const value = (v: unknown): bigint => (v instanceof NDArray ? (v.get() as bigint) : BigInt(v as number | bigint));
    return value(x) === value(y);
  };
  tdCases.forEach(([dividend, divisor, quotient], k) => {
    port.case(`TestDivision::test_division_int_timedelta[${tdIds[k]}]`, () => {
      // If either divisor is 0 or quotient is Nat, check for division by 0
      if (tdTruthy(divisor) && (typeof quotient === 'number' || !tdIsNat(quotient))) {
        expect(tdSame(floor_divide(dividend, divisor), quotient), 'Timedelta floor division check').toBe(true);
        // Test for arrays as well
        const repeat = (x: NDArray | number): NDArray | number => (x instanceof NDArray ? concatenate(Array.from({ length: 5 }, () => x.reshape(1))) : asarray(Array(5).fill(x)));
        const dividendArray = repeat(dividend) as NDArray;
        const quotientArray = repeat(quotient) as NDArray;
        const eq = equal(floor_divide(dividendArray, divisor), quotientArray) as NDArray;
        expect(eq.toArray().every(Boolean), 'Timedelta arrays floor division check').toBe(true);
      } else {
        errstate({ divide: 'raise', invalid: 'raise' }, () => {
          raises('FloatingPointError', () => floor_divide(dividend, divisor));
        });
      }
    });
  });
  const D = 'TestDivision::';
  port.case(`${D}test_division_int`, () => {
    // int division should follow Python
    const x = asarray([5, 10, 90, 100, -5, -10, -90, -100, -120]);
    assertArrayEqual(divide(x, 100), [0.05, 0.1, 0.9, 1, -0.05, -0.1, -0.9, -1, -1.2]);
    assertArrayEqual(floor_divide(x, 100), [0, 0, 0, 1, -1, -1, -1, -1, -2]);
    assertArrayEqual(remainder(x, 100), [5, 10, 90, 0, 95, 90, 10, 0, 80]);
  });
  port.case(`${D}test_division_complex`, () => {
    // check that implementation is correct
    let x = asarray([{ re: 1, im: 1 }, { re: 1, im: 0.5 }, { re: 1, im: 2 }], { dtype: 'complex128' });
    assertAlmostEqual(divide(power(x, 2), x), x);
    // check overflow, underflow
    x = asarray([1e110, 1e-110], { dtype: 'complex128' });
    const y = divide(power(x, 2), x);
    assertAlmostEqual(divide(y, x), asarray([1, 1], { dtype: 'complex128' }));
  });
  port.case(`${D}test_zero_division_complex`, () => {
    errstate({ invalid: 'ignore', divide: 'ignore' }, () => {
      const x = asarray([0.0], { dtype: 'complex128' });
      const one = asarray(1, { dtype: 'float64' }).reshape([]);
      expect((isinf(divide(one, x)) as NDArray).get(0)).toBe(true);
      expect((isinf(divide({ re: Infinity, im: NaN }, x)) as NDArray).get(0)).toBe(true);
      expect((isinf(divide({ re: NaN, im: Infinity }, x)) as NDArray).get(0)).toBe(true);
      expect((isinf(divide({ re: Infinity, im: Infinity }, x)) as NDArray).get(0)).toBe(true);
      expect((isnan(divide(asarray(0, { dtype: 'float64' }), x)) as NDArray).get(0)).toBe(true);
    });
  });
  port.case(`${D}test_floor_division_complex`, () => {
    // check that floor division, divmod and remainder raises type errors
    const x = asarray([{ re: 0.9, im: 1 }, { re: -0.1, im: 1 }, { re: 0.9, im: 0.5 }, { re: 0.9, im: 2 }], { dtype: 'complex128' });
    raises('TypeError', () => floor_divide(x, 7));
    raises('TypeError', () => divmod(x, 7));
    raises('TypeError', () => remainder(x, 7));
  });
  port.case(`${D}test_floor_division_signed_zero`, () => {
    // Check that the sign bit is correctly set when dividing positive and negative zero by one.
    const x = zeros(10);
    assertArrayEqual(signbit(floor_divide(x, 1)), Array(10).fill(false));
    assertArrayEqual(signbit(floor_divide(negative(x), 1)), Array(10).fill(true));
  });
  for (const dtype of FLOATS) {
    port.case(`${D}test_floor_division_errors[${dtype}]`, () => {
      const fnan = scalar(NaN, dtype);
      const fone = scalar(1.0, dtype);
      const fzer = scalar(0.0, dtype);
      // divide by zero error check
      errstate({ divide: 'raise', invalid: 'ignore' }, () => fpe(() => floor_divide(fone, fzer)));
      errstate({ divide: 'ignore', invalid: 'raise' }, () => floor_divide(fone, fzer));
      // The following already contain a NaN and should not warn
      errstate({ all: 'raise' }, () => {
        floor_divide(fnan, fone);
        floor_divide(fone, fnan);
        floor_divide(fnan, fzer);
        floor_divide(fzer, fnan);
      });
    });
    port.case(`${D}test_floor_division_corner_cases[${dtype}]`, () => {
      // test corner cases like 1.0//0.0 for errors and return vals
      const x = zeros(10, dtypeOfChar(dtype));
      const y = ones(10, dtypeOfChar(dtype));
      const fnan = scalar(NaN, dtype);
      const fone = scalar(1.0, dtype);
      const fzer = scalar(0.0, dtype);
      ignoringWarnings(() => {
        expect(isnan(floor_divide(fnan, fone))).toBe(true);
        expect(isnan(floor_divide(fone, fnan))).toBe(true);
        expect(isnan(floor_divide(fnan, fzer))).toBe(true);
      });
      // verify 1.0//0.0 computations return inf
      errstate({ divide: 'ignore' }, () => {
        const z = floor_divide(y, x);
        expect(((isinf(z) as NDArray).toArray() as boolean[]).every(Boolean)).toBe(true);
      });
    });
  }

  const R = 'TestRemainder::';
  const signs = (dt: string): number[] => ('BHILQNP'.includes(dt) ? [1] : [1, -1]);
  port.case(`${R}test_remainder_basic`, () => {
    const dts = [...ALL_INTEGER, ...FLOATS];
    for (const [opName, op] of ops) {
      for (const dt1 of dts) {
        for (const dt2 of dts) {
          for (const sg1 of signs(dt1)) {
            for (const sg2 of signs(dt2)) {
              const msg = `op: ${opName}, dt1: ${dt1}, dt2: ${dt2}, sg1: ${sg1}, sg2: ${sg2}`;
              const a = scalar(sg1 * 71, dt1);
              const b = scalar(sg2 * 19, dt2);
              const [div, rem] = strong(op(a, b), a, b);
              expect(num(add(multiply(div, b), rem)), msg).toBe(num(a));
              const [bn, rn] = [num(b), num(rem)];
              if (sg2 === -1) expect(bn < rn && rn <= 0, msg).toBe(true);
              else expect(bn > rn && rn >= 0, msg).toBe(true);
            }
          }
        }
      }
    }
  });
  port.case(`${R}test_float_remainder_exact`, () => {
    // test that float results are exact for small integers.
    const nlst = Array.from({ length: 127 }, (_, i) => i - 127);
    const plst = Array.from({ length: 127 }, (_, i) => i + 1);
    const dividend = [...nlst, 0, ...plst];
    const divisor = [...nlst, ...plst];
    const arg = dividend.flatMap((n) => divisor.map((d) => [n, d] as const));
    // Python's divmod on ints, as floats, with signed zeros as NumPy's test writes them.
    const tgtdiv = arg.map(([n, d]) => {
      const q = Math.floor(n / d);
      return q === 0 && (d < 0) !== (n < 0) ? -0 : q;
    });
    const tgtrem = arg.map(([n, d]) => {
      const r = n - Math.floor(n / d) * d;
      return r === 0 && d < 0 ? -0 : r;
    });
    const a = asarray(arg.map(([n]) => n));
    const b = asarray(arg.map(([, d]) => d));
    for (const [opName, op] of ops) {
      for (const dt of FLOATS) {
        const msg = `op: ${opName}, dtype: ${dt}`;
        const [div, rem] = op(a.astype(dtypeOfChar(dt)), b.astype(dtypeOfChar(dt))) as [NDArray, NDArray];
        expect(() => assertArrayEqual(div.astype('float64'), tgtdiv), msg).not.toThrow();
        expect(() => assertArrayEqual(rem.astype('float64'), tgtrem), msg).not.toThrow();
      }
    }
  });
  port.case(`${R}test_float_remainder_roundoff`, () => {
    // gh-6127
    for (const [opName, op] of ops) {
      for (const dt1 of FLOATS) {
        for (const dt2 of FLOATS) {
          for (const sg1 of [1, -1]) {
            for (const sg2 of [1, -1]) {
              const msg = `op: ${opName}, dt1: ${dt1}, dt2: ${dt2}, sg1: ${sg1}, sg2: ${sg2}`;
              const a = scalar(sg1 * 78 * 6e-8, dt1);
              const b = scalar(sg2 * 6e-8, dt2);
              const [div, rem] = strong(op(a, b), a, b);
              // Equal assertion should hold when fmod is used
              expect(num(add(multiply(div, b), rem)), msg).toBe(num(a));
              const [bn, rn] = [num(b), num(rem)];
              if (sg2 === -1) expect(bn < rn && rn <= 0, msg).toBe(true);
              else expect(bn > rn && rn >= 0, msg).toBe(true);
            }
          }
        }
      }
    }
  });
  for (const dtype of FLOATS) {
    port.case(`${R}test_float_divmod_errors[${dtype}]`, () => {
      const fzero = scalar(0.0, dtype);
      const fone = scalar(1.0, dtype);
      const finf = scalar(Infinity, dtype);
      // since divmod is combination of both remainder and divide ops it will set both dividebyzero and invalid flags
      errstate({ divide: 'raise', invalid: 'ignore' }, () => fpe(() => divmod(fone, fzero)));
      errstate({ divide: 'ignore', invalid: 'raise' }, () => fpe(() => divmod(fone, fzero)));
      errstate({ invalid: 'raise' }, () => fpe(() => divmod(fzero, fzero)));
      errstate({ invalid: 'raise' }, () => fpe(() => divmod(finf, finf)));
      errstate({ divide: 'ignore', invalid: 'raise' }, () => fpe(() => divmod(finf, fzero)));
      // inf / 0 does not set any flags, only the modulo creates a NaN
      errstate({ divide: 'raise', invalid: 'ignore' }, () => divmod(finf, fzero));
    });
  }
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${R}test_float_remainder_errors[`)) continue;
    const [, name, dtype] = /\[(\w+)-(\w)\]$/.exec(id)!;
    const fn = name === 'fmod' ? fmod : remainder;
    port.case(id, () => {
      const fzero = scalar(0.0, dtype!);
      const fone = scalar(1.0, dtype!);
      const fnan = scalar(NaN, dtype!);
      // The following already contain a NaN and should not warn.
      errstate({ all: 'raise' }, () => {
        fpe(() => fn(fone, fzero), /invalid value/);
        fn(fnan, fzero);
        fn(fzero, fnan);
        fn(fone, fnan);
        fn(fnan, fone);
      });
    });
  }
  port.case(`${R}test_float_remainder_overflow`, () => {
    const a = scalar(2.2250738585072014e-308, 'd'); // np.finfo(np.float64).tiny
    errstate({ over: 'ignore', invalid: 'ignore' }, () => {
      const [div, mod] = divmod(4, a) as [number, number];
      isinf(div);
      expect(mod === 0).toBe(true);
    });
    errstate({ over: 'raise', invalid: 'ignore' }, () => fpe(() => divmod(4, a)));
    errstate({ invalid: 'raise', over: 'ignore' }, () => fpe(() => divmod(4, a)));
  });
  port.case(`${R}test_float_divmod_corner_cases`, () => {
    for (const dt of FLOATS) {
      const fnan = scalar(NaN, dt);
      const fone = scalar(1.0, dt);
      const fzer = scalar(0.0, dt);
      const finf = scalar(Infinity, dt);
      ignoringWarnings(() => {
        const check = (x: NDArray, y: NDArray, divIs: 'inf' | 'nan'): void => {
          const [div, rem] = divmod(x, y) as [unknown, unknown];
          expect(truthy(divIs === 'inf' ? isinf(div) : isnan(div)), `dt: ${dt}, div: ${String(div)}`).toBe(true);
          expect(truthy(isnan(rem)), `dt: ${dt}, rem: ${String(rem)}`).toBe(true);
        };
        check(fone, fzer, 'inf');
        check(fzer, fzer, 'nan');
        check(finf, finf, 'nan');
        check(finf, fzer, 'inf');
        check(fnan, fone, 'nan');
        check(fone, fnan, 'nan');
        check(fnan, fzer, 'nan');
      });
    }
  });
  port.case(`${R}test_float_remainder_corner_cases`, () => {
    // Check remainder magnitude.
    for (const dt of FLOATS) {
      const b = scalar(1.0, dt);
      const a = nextafter(scalar(0.0, dt), negative(b));
      let rem = remainder(a, b);
      expect(num(rem) <= num(b), `dt: ${dt}`).toBe(true);
      rem = remainder(negative(a), negative(b));
      expect(num(rem) >= -num(b), `dt: ${dt}`).toBe(true);
    }
    // Check nans, inf
    ignoringWarnings(() => {
      for (const dt of FLOATS) {
        const fone = scalar(1.0, dt);
        const fzer = scalar(0.0, dt);
        const finf = scalar(Infinity, dt);
        const fnan = scalar(NaN, dt);
        expect(truthy(isnan(remainder(fone, fzer))), `dt: ${dt}`).toBe(true);
        for (const [x, y, fmodX, fmodY] of [[finf, fone, finf, fone], [finf, finf, finf, fone], [finf, fzer, finf, fzer], [fone, fnan, fone, fnan], [fnan, fzer, fnan, fzer], [fnan, fone, fnan, fone]] as const) {
          expect(truthy(isnan(remainder(x, y))), `dt: ${dt}`).toBe(true);
          expect(truthy(isnan(fmod(fmodX, fmodY))), `dt: ${dt}`).toBe(true);
        }
      }
    });
  });
}
