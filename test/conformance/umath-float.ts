// test_umath.py, floating-point classes: TestLog2, TestSpecialFloats (the
// special-value tables), TestFPClass, TestLDExp, TestFRExp,
// TestRoundingFunctions::test_output_dtype and TestBitwiseUFuncs::test_bitwise_count.
// Registered on the umath port by umath.test.ts.
import { expect } from 'vitest';
import { NDArray, arange, asarray, dtype as toDType, errstate, ones, spacing, ufuncs, zeros } from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { assertAlmostEqual, assertArrayEqual, dtypeOfChar, randomIntegers } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

type AnyUfunc = (...args: unknown[]) => unknown;
const fn = ufuncs as unknown as Record<string, AnyUfunc>;
const parameters = (id: string): string[] => /\[(.*)\]$/.exec(id)![1]!.split('-');

/** np.array(values, dtype=char). */
const arr = (values: unknown, char: string): NDArray => asarray(values as never, { dtype: dtypeOfChar(char) || char });

/** assert_array_max_ulp(a, b, maxulp): |a - b| within maxulp units in the last place of b (NaN and inf must match). */
function assertArrayMaxUlp(a: NDArray, b: NDArray, maxulp: number): void {
  const ulps = (spacing(b) as NDArray).astype('float64').toArray() as number[];
  const as = a.astype('float64').toArray() as number[];
  const bs = b.astype('float64').toArray() as number[];
  bs.forEach((y, i) => {
    const x = as[i]!;
    if (!Number.isFinite(y)) expect(x).toBe(y);
    else expect(Math.abs(x - y)).toBeLessThanOrEqual(maxulp * Math.abs(ulps[i]!));
  });
}

/** with assert_no_warnings(): fn(). */
function noWarnings(body: () => unknown): void {
  expect(captureWarnings(() => void body())).toEqual([]);
}

/** The float64 -NaN (sign bit set), built from its bytes. */
const NEG_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

export function portFloat(port: Port): void {
  // ---- TestLog2 ---------------------------------------------------------
  for (const dt of ['f', 'd', 'g']) {
    port.case(`TestLog2::test_log2_values[${dt}]`, () => {
      const x = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
      const y = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      assertAlmostEqual(fn.log2!(arr(x, dt)), arr(y, dt));
    });
  }
  for (let i = 1; i <= 64; i++) {
    port.case(`TestLog2::test_log2_ints[${i}]`, () => {
      // a good log2 implementation should provide this, might fail on OS with bad libm
      expect(fn.log2!(arr(2 ** i, 'd')), `at exponent ${i}`).toBe(i);
    });
  }
  port.case('TestLog2::test_log2_special', () => {
    expect(fn.log2!(arr(1, 'd'))).toBe(0);
    expect(fn.log2!(Infinity)).toBe(Infinity);
    expect(Number.isNaN(fn.log2!(NaN))).toBe(true);
    const w = captureWarnings(() => {
      expect(Number.isNaN(fn.log2!(arr(-1, 'd')))).toBe(true);
      expect(Number.isNaN(fn.log2!(-Infinity))).toBe(true);
      expect(fn.log2!(arr(0, 'd'))).toBe(-Infinity);
    });
    expect(w.map((x) => x.name)).toEqual(['RuntimeWarning', 'RuntimeWarning', 'RuntimeWarning']);
  });

  // ---- TestSpecialFloats ------------------------------------------------
  const S = 'TestSpecialFloats::';
  port.case(`${S}test_exp_values`, () => {
    errstate({ under: 'raise', over: 'raise' }, () => {
      const x = [NaN, NaN, Infinity, 0];
      const y = [NaN, NEG_NAN, Infinity, -Infinity];
      for (const dt of ['e', 'f', 'd', 'g']) assertArrayEqual(fn.exp!(arr(y, dt)), arr(x, dt));
    });
  });
  port.case(`${S}test_exp_exceptions`, () => {
    errstate({ over: 'raise' }, () => {
      raises('FloatingPointError', () => fn.exp!(arr(11.0899, 'e')));
      raises('FloatingPointError', () => fn.exp!(arr(100, 'f')));
      raises('FloatingPointError', () => fn.exp!(arr(1e19, 'f')));
      raises('FloatingPointError', () => fn.exp!(arr(800, 'd')));
      raises('FloatingPointError', () => fn.exp!(arr(1e19, 'd')));
    });
    errstate({ under: 'raise' }, () => {
      raises('FloatingPointError', () => fn.exp!(arr(-17.5, 'e')));
      raises('FloatingPointError', () => fn.exp!(arr(-1000, 'f')));
      raises('FloatingPointError', () => fn.exp!(arr(-1e19, 'f')));
      raises('FloatingPointError', () => fn.exp!(arr(-1000, 'd')));
      raises('FloatingPointError', () => fn.exp!(arr(-1e19, 'd')));
    });
  });
  port.case(`${S}test_log_values`, () => {
    errstate({ all: 'ignore' }, () => {
      const x = [NaN, NaN, Infinity, NaN, -Infinity, NaN];
      const y = [NaN, NEG_NAN, Infinity, -Infinity, 0.0, -1.0];
      const y1p = [NaN, NEG_NAN, Infinity, -Infinity, -1.0, -2.0];
      for (const dt of ['e', 'f', 'd', 'g']) {
        const xf = arr(x, dt);
        assertArrayEqual(fn.log!(arr(y, dt)), xf);
        assertArrayEqual(fn.log2!(arr(y, dt)), xf);
        assertArrayEqual(fn.log10!(arr(y, dt)), xf);
        assertArrayEqual(fn.log1p!(arr(y1p, dt)), xf);
      }
    });
    errstate({ divide: 'raise' }, () => {
      for (const dt of ['e', 'f', 'd']) {
        raises('FloatingPointError', () => fn.log!(arr(0.0, dt)));
        raises('FloatingPointError', () => fn.log2!(arr(0.0, dt)));
        raises('FloatingPointError', () => fn.log10!(arr(0.0, dt)));
        raises('FloatingPointError', () => fn.log1p!(arr(-1.0, dt)));
      }
    });
    errstate({ invalid: 'raise' }, () => {
      for (const dt of ['e', 'f', 'd']) {
        for (const [name, values] of [['log', [-Infinity, -1.0]], ['log2', [-Infinity, -1.0]], ['log10', [-Infinity, -1.0]], ['log1p', [-Infinity, -2.0]]] as const) {
          for (const v of values) raises('FloatingPointError', () => fn[name]!(arr(v, dt)));
        }
      }
    });
    // See https://github.com/numpy/numpy/issues/18005
    noWarnings(() => fn.log!(arr(1e9, 'float32')));
  });
  for (const dtype of ['e', 'f', 'd', 'g']) {
    port.case(`${S}test_sincos_values[${dtype}]`, () => {
      errstate({ all: 'ignore' }, () => {
        const xf = arr([NaN, NaN, NaN, NaN], dtype);
        const yf = arr([NaN, NEG_NAN, Infinity, -Infinity], dtype);
        assertArrayEqual(fn.sin!(yf), xf);
        assertArrayEqual(fn.cos!(yf), xf);
      });
    });
    port.case(`${S}test_sqrt_values[${dtype}]`, () => {
      errstate({ all: 'ignore' }, () => {
        const xf = arr([NaN, NaN, Infinity, NaN, 0], dtype);
        const yf = arr([NaN, NEG_NAN, Infinity, -Infinity, 0], dtype);
        assertArrayEqual(fn.sqrt!(yf), xf);
      });
    });
  }
  port.case(`${S}test_sincos_underflow`, () => {
    errstate({ under: 'raise' }, () => {
      // float.fromhex("0x1.f37f47a03f82ap-511")
      const underflowTrigger = arr(0x1f37f47a03f82a * 2 ** (-511 - 52), 'd');
      fn.sin!(underflowTrigger);
      fn.cos!(underflowTrigger);
    });
  });
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${S}test_sincos_errors[`)) continue;
    const [, value, dtype, name] = /\[(-?inf)-(\w)-(\w+)\]$/.exec(id)!;
    port.case(id, () => {
      errstate({ invalid: 'raise' }, () => {
        raises('FloatingPointError', () => fn[name!]!(arr([value === 'inf' ? Infinity : -Infinity], dtype)));
      });
    });
  }
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${S}test_sincos_overlaps[`)) continue;
    const [, stride, dtype, name] = /\[(-?\d+)-(\w)-(\w+)\]$/.exec(id)!;
    port.case(id, () => {
      const N = 100;
      const M = Math.trunc(N / Math.abs(Number(stride)));
      // rng.standard_normal(N): any values do (the test compares two computations).
      const x = arr(randomIntegers(N, 2000, 42).map((v) => (v - 1000) / 300), dtype);
      const y = fn[name]!(x.slice(`::${stride}`));
      fn[name]!(x.slice(`::${stride}`), { out: x.slice(`:${M}`) });
      assertArrayEqual(x.slice(`:${M}`), y);
    });
  }
  port.case(`${S}test_abs_values`, () => {
    const x = [NaN, NaN, Infinity, Infinity, 0, 0, 1.0, 1.0];
    const y = [NaN, NEG_NAN, Infinity, -Infinity, 0, -0, -1.0, 1.0];
    for (const dt of ['e', 'f', 'd', 'g']) assertArrayEqual(fn.abs!(arr(y, dt)), arr(x, dt));
  });
  port.case(`${S}test_square_values`, () => {
    const x = [NaN, NaN, Infinity, Infinity];
    const y = [NaN, NEG_NAN, Infinity, -Infinity];
    errstate({ all: 'ignore' }, () => {
      for (const dt of ['e', 'f', 'd', 'g']) assertArrayEqual(fn.square!(arr(y, dt)), arr(x, dt));
    });
    errstate({ over: 'raise' }, () => {
      raises('FloatingPointError', () => fn.square!(arr(1e3, 'e')));
      raises('FloatingPointError', () => fn.square!(arr(1e32, 'f')));
      raises('FloatingPointError', () => fn.square!(arr(1e200, 'd')));
    });
  });
  port.case(`${S}test_reciprocal_values`, () => {
    errstate({ all: 'ignore' }, () => {
      const x = [NaN, NaN, 0.0, -0.0, Infinity, -Infinity];
      const y = [NaN, NEG_NAN, Infinity, -Infinity, 0, -0];
      for (const dt of ['e', 'f', 'd', 'g']) assertArrayEqual(fn.reciprocal!(arr(y, dt)), arr(x, dt));
    });
    errstate({ divide: 'raise' }, () => {
      for (const dt of ['e', 'f', 'd', 'g']) raises('FloatingPointError', () => fn.reciprocal!(arr(-0.0, dt)));
    });
  });
  /** The special-value table checks: `out` for `in_` in e, f, d, then each of `raising` raises under `state`. */
  const table = (name: string, inValues: number[], outValues: number[], ignore: boolean, raising: number[] = [], state: object = { invalid: 'raise' }, raiseDTypes = ['e', 'f', 'd']): void => {
    const check = (): void => {
      for (const dt of ['e', 'f', 'd']) assertArrayEqual(fn[name]!(arr(inValues, dt)), arr(outValues, dt));
    };
    if (ignore) errstate({ all: 'ignore' }, check);
    else check();
    for (const value of raising) {
      errstate(state, () => {
        for (const dt of raiseDTypes) raises('FloatingPointError', () => fn[name]!(arr(value, dt)));
      });
    }
  };
  port.case(`${S}test_tan`, () => table('tan', [NaN, NEG_NAN, 0.0, -0.0, Infinity, -Infinity], [NaN, NaN, 0.0, -0.0, NaN, NaN], true, [Infinity, -Infinity]));
  port.case(`${S}test_arcsincos`, () => {
    table('arcsin', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, NaN, NaN], true, [Infinity, -Infinity, 2.0, -2.0]);
    table('arccos', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, NaN, NaN], true, [Infinity, -Infinity, 2.0, -2.0]);
  });
  port.case(`${S}test_arctan`, () => table('arctan', [NaN, NEG_NAN], [NaN, NaN], true));
  port.case(`${S}test_sinh`, () => {
    table('sinh', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, Infinity, -Infinity], false);
    errstate({ over: 'raise' }, () => {
      raises('FloatingPointError', () => fn.sinh!(arr(12.0, 'e')));
      raises('FloatingPointError', () => fn.sinh!(arr(120.0, 'f')));
      raises('FloatingPointError', () => fn.sinh!(arr(1200.0, 'd')));
    });
  });
  port.case(`${S}test_cosh`, () => {
    table('cosh', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, Infinity, Infinity], false);
    errstate({ over: 'raise' }, () => {
      raises('FloatingPointError', () => fn.cosh!(arr(12.0, 'e')));
      raises('FloatingPointError', () => fn.cosh!(arr(120.0, 'f')));
      raises('FloatingPointError', () => fn.cosh!(arr(1200.0, 'd')));
    });
  });
  port.case(`${S}test_tanh`, () => {
    for (const dt of ['e', 'f', 'd']) {
      assertArrayMaxUlp(fn.tanh!(arr([NaN, NEG_NAN, Infinity, -Infinity], dt)) as NDArray, arr([NaN, NaN, 1.0, -1.0], dt), 3);
    }
  });
  port.case(`${S}test_arcsinh`, () => table('arcsinh', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, Infinity, -Infinity], false));
  port.case(`${S}test_arccosh`, () => table('arccosh', [NaN, NEG_NAN, Infinity, -Infinity, 1.0, 0.0], [NaN, NaN, Infinity, NaN, 0.0, NaN], true, [0.0, -Infinity]));
  port.case(`${S}test_arctanh`, () => {
    table('arctanh', [NaN, NEG_NAN, Infinity, -Infinity, 1.0, -1.0, 2.0], [NaN, NaN, NaN, NaN, Infinity, -Infinity, NaN], true,
      [1.01, Infinity, -Infinity, 1.0, -1.0], { invalid: 'raise', divide: 'raise' });
    // Make sure glibc < 2.18 atanh is not used, issue 25087
    // Python's -1j is -(0+1j): real part -0.0.
    const z = fn.arctanh!({ re: -0, im: -1 }) as { re: number };
    expect(fn.signbit!(z.re)).toBe(true);
  });
  port.case(`${S}test_exp2`, () => table('exp2', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, Infinity, 0.0], true, [2000.0, -2000.0], { over: 'raise', under: 'raise' }));
  port.case(`${S}test_expm1`, () => table('expm1', [NaN, NEG_NAN, Infinity, -Infinity], [NaN, NaN, Infinity, -1.0], true, [200.0, 2000.0], { over: 'raise' }, ['e', 'f']));
  const smallestSubnormal: Record<string, number> = { e: 2 ** -24, f: 2 ** -149, d: 2 ** -1074 };
  for (const dtype of ['e', 'f', 'd']) {
    port.case(`${S}test_divide_spurious_fpexception[${dtype}]`, () => {
      // gh-25097: no overflow warning when the divisor is denormal.
      noWarnings(() => fn.divide!(zeros(128 + 1, dtypeOfChar(dtype)), arr(smallestSubnormal[dtype], dtype)));
    });
  }

  // ---- TestFPClass ------------------------------------------------------
  const nan = [true, true, false, false, false, false, false, false, false, false];
  const inf = [false, false, true, true, false, false, false, false, false, false];
  const sign = [false, true, false, true, true, false, true, false, false, true];
  const finite = [false, false, false, false, true, true, true, true, true, true];
  const strided = (values: boolean[], spec: string): NDArray => asarray(values).slice(spec);
  for (const stride of [-5, -4, -3, -2, -1, 1, 2, 4, 5, 6, 7, 8, 9, 10]) {
    port.case(`TestFPClass::test_fpclass[${stride}]`, () => {
      const f64 = arr([NaN, NEG_NAN, Infinity, -Infinity, -1.0, 1.0, -0.0, 0.0, 2.2251e-308, -2.2251e-308], 'd');
      const f32 = arr([NaN, NEG_NAN, Infinity, -Infinity, -1.0, 1.0, -0.0, 0.0, 1.4013e-45, -1.4013e-45], 'f');
      const s = `::${stride}`;
      for (const [name, table] of [['isnan', nan], ['isinf', inf], ['signbit', sign], ['isfinite', finite]] as const) {
        assertArrayEqual(fn[name]!(f32.slice(s)), strided(table, s));
        assertArrayEqual(fn[name]!(f64.slice(s)), strided(table, s));
      }
    });
  }
  for (const dtype of ['d', 'f']) {
    port.case(`TestFPClass::test_fp_noncontiguous[${dtype}]`, () => {
      const data = arr([NaN, NEG_NAN, Infinity, -Infinity, -1.0, 1.0, -0.0, 0.0, 2.2251e-308, -2.2251e-308], dtype);
      const out = zeros(data.shape, 'bool');
      const ncontigIn = data.slice('1::3');
      const ncontigOut = out.slice('1::3');
      const contigIn = ncontigIn.copy();
      expect(ncontigIn.flags.cContiguous).toBe(false);
      expect(ncontigOut.flags.cContiguous).toBe(false);
      expect(contigIn.flags.cContiguous).toBe(true);
      const tables = [['isnan', nan], ['isinf', inf], ['signbit', sign], ['isfinite', finite]] as const;
      // ncontig in, ncontig out; contig in, ncontig out; ncontig in, contig out
      for (const [name, table] of tables) assertArrayEqual(fn[name]!(ncontigIn, { out: ncontigOut }), strided(table, '1::3'));
      for (const [name, table] of tables) assertArrayEqual(fn[name]!(contigIn, { out: ncontigOut }), strided(table, '1::3'));
      for (const [name, table] of tables) assertArrayEqual(fn[name]!(ncontigIn), strided(table, '1::3'));
      // contig in, contig out, nd stride: np.array(np.array_split(data, 2)) is data as 2 x 5
      const dataSplit = data.reshape([2, 5]);
      const split = (table: readonly boolean[]): NDArray => asarray(table as boolean[]).reshape([2, 5]);
      for (const [name, table] of tables) assertArrayEqual(fn[name]!(dataSplit), split(table));
    });
  }

  // ---- TestLDExp / TestFRExp ---------------------------------------------
  for (const id of port.manifest.ids) {
    const ld = id.startsWith('TestLDExp::test_ldexp[');
    if (!ld && !id.startsWith('TestFRExp::test_frexp[')) continue;
    // ids are "<dtype>-<stride>" with a negative stride written "f--4".
    const [, dtype, stride] = /^\[?(\w)-(-?\d+)\]$/.exec(/\[.*\]$/.exec(id)![0])!;
    const s = `::${stride}`;
    if (ld) {
      port.case(id, () => {
        const mant = arr([0.125, 0.25, 0.5, 1, 1, 2, 4, 8], dtype!);
        const exp = arr([3, 2, 1, 0, 0, -1, -2, -3], 'i');
        const out = zeros(8, dtypeOfChar(dtype!));
        const expected = (ones(8, dtypeOfChar(dtype!)) as NDArray).slice(s);
        assertArrayEqual(fn.ldexp!(mant.slice(s), exp.slice(s), { out: out.slice(s) }), expected);
        assertArrayEqual(out.slice(s), expected);
      });
    } else {
      port.case(id, () => {
        const a = arr([NaN, NaN, Infinity, -Infinity, 0.0, -0.0, 1.0, -1.0], dtype!);
        const mantTrue = arr([NaN, NaN, Infinity, -Infinity, 0.0, -0.0, 0.5, -0.5], dtype!);
        const expTrue = arr([0, 0, 0, 0, 0, 0, 1, 1], 'i');
        const outMant = ones(8, dtypeOfChar(dtype!)) as NDArray;
        const outExp = arr(Array(8).fill(2), 'i');
        const [mant, exp] = fn.frexp!(a.slice(s), { out: [outMant.slice(s), outExp.slice(s)] }) as [NDArray, NDArray];
        assertArrayEqual(mantTrue.slice(s), mant);
        assertArrayEqual(expTrue.slice(s), exp);
        assertArrayEqual(outMant.slice(s), mantTrue.slice(s));
        assertArrayEqual(outExp.slice(s), expTrue.slice(s));
      });
    }
  }

  // ---- TestRoundingFunctions::test_output_dtype ----------------------------
  for (const id of port.manifest.ids) {
    if (!id.startsWith('TestRoundingFunctions::test_output_dtype[')) continue;
    const [dtype, name] = parameters(id) as [string, string];
    port.case(id, () => {
      const a = asarray([-2, 0, 4, 8]).astype(dtype);
      const result = fn[name]!(a) as NDArray;
      assertArrayEqual(a, result);
      expect(result.dtype.name).toBe(toDType(dtype).name);
    });
  }

  // ---- TestBitwiseUFuncs::test_bitwise_count ---------------------------------
  const bitwiseChars = ['?', ...'bBhHiIlLqQnNpP', 'O'];
  for (const id of port.manifest.ids) {
    if (!id.startsWith('TestBitwiseUFuncs::test_bitwise_count[')) continue;
    const [param, bits] = parameters(id) as [string, string];
    const char = bitwiseChars[Number(/\d+$/.exec(param)![0])]!;
    if (char === 'O') continue;
    port.case(id, () => {
      const dtype = dtypeOfChar(char);
      const bitsize = Number(bits);
      const signed = toDType(dtype).kind === 'i';
      const value = (n: bigint): NDArray => asarray(dtype === 'bool' ? n !== 0n : n, { dtype });
      for (let i = 1; i < bitsize; i++) {
        const num = 2n ** BigInt(i) - 1n;
        expect(Number(fn.bitwise_count!(value(num))), `bitwise_count for ${num}`).toBe(i);
        if (signed) expect(Number(fn.bitwise_count!(value(-num))), `bitwise_count for ${num}`).toBe(i);
      }
      const a = asarray(Array.from({ length: bitsize - 1 }, (_, k) => (dtype === 'bool' ? true : 2n ** BigInt(k + 1) - 1n)), { dtype });
      const counts = fn.bitwise_count!(a) as NDArray;
      const expected = arange(1, bitsize, { dtype }) as NDArray;
      expect((fn.equal!(counts, expected) as NDArray).toArray(), `array bitwise_count for ${dtype}`).toEqual(Array(bitsize - 1).fill(true));
    });
  }
}
