// test_umath.py: TestPower, TestFloat_power, TestLog, TestExp,
// TestComplexFunctions (the non-object tests), TestAttributes and the
// remaining single cases. Registered on the umath port by umath.test.ts.
import { expect } from 'vitest';
import { NDArray, add, asarray, empty, errstate, ufuncs } from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { asComplex, assertAlmostEqual, assertArrayAlmostEqualNulp, assertArrayEqual, dtypeOfChar, elementsOf, mayShareMemory, uniform } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

type Complex = { re: number; im: number };
type AnyUfunc = ((...args: unknown[]) => unknown) & { reduce: (a: unknown, o?: object) => unknown; types: string[]; nin: number; nout: number; identity: unknown; ntypes: number };
const fn = ufuncs as unknown as Record<string, AnyUfunc>;
const c = (re: number, im = 0): Complex => ({ re, im });
const cx = (values: Complex[], dtype = 'complex128'): NDArray => asarray(values as never, { dtype });
const F = (value: number): NDArray => asarray(value, { dtype: 'float64' });

// Complex arithmetic for the tests' own expected values (Python's complex operators).
const cmul = (a: Complex, b: Complex): Complex => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
const cdiv = (a: Complex, b: Complex): Complex => {
  const d = b.re * b.re + b.im * b.im;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
};
const cpow = (a: Complex, n: number): Complex => {
  let r = c(1);
  for (let i = 0; i < Math.abs(n); i++) r = cmul(r, a);
  return n < 0 ? cdiv(c(1), r) : r;
};
const cabs = (a: Complex): number => Math.hypot(a.re, a.im);


/** assert_complex_equal: real parts and imaginary parts equal as arrays (NaN equals NaN). */
function complexEqual(x: unknown, y: unknown): void {
  const a = elementsOf(x).map(asComplex);
  const b = elementsOf(y).map(asComplex);
  expect(a.map((z) => z.re + 0)).toEqual(b.map((z) => z.re + 0));
  expect(a.map((z) => z.im + 0)).toEqual(b.map((z) => z.im + 0));
}

/** assert_allclose(actual, desired, rtol) on complex or real values. */
function allclose(actual: unknown, desired: unknown, rtol: number): void {
  const a = elementsOf(actual).map(asComplex);
  const d = elementsOf(desired).map(asComplex);
  a.forEach((z, i) => expect(cabs(c(z.re - d[i]!.re, z.im - d[i]!.im))).toBeLessThanOrEqual(rtol * cabs(d[i]!)));
}

export function portPower(port: Port): void {
  const P = 'TestPower::';
  port.case(`${P}test_power_complex`, () => {
    const xs = [c(1, 2), c(2, 3), c(3, 4)];
    const x = cx(xs);
    assertArrayEqual(fn.power!(x, 0), cx([c(1), c(1), c(1)]));
    assertArrayEqual(fn.power!(x, 1), x);
    assertAlmostEqual(fn.power!(x, 2), [c(-3, 4), c(-5, 12), c(-7, 24)]);
    assertAlmostEqual(fn.power!(x, 3), xs.map((z) => cpow(z, 3)));
    assertAlmostEqual(fn.power!(x, 4), xs.map((z) => cpow(z, 4)));
    assertAlmostEqual(fn.power!(x, -1), xs.map((z) => cdiv(c(1), z)));
    assertAlmostEqual(fn.power!(x, -2), xs.map((z) => cdiv(c(1), cpow(z, 2))));
    assertAlmostEqual(fn.power!(x, -3), [cdiv(c(-11, 2), c(125)), cdiv(c(-46, -9), c(2197)), cdiv(c(-117, -44), c(15625))]);
    assertAlmostEqual(fn.power!(x, 0.5), xs.map((z) => fn.sqrt!(z)));
    const x14 = fn.power!(x, 14) as NDArray;
    const norm = cdiv(c(1), x14.get(0) as Complex);
    assertAlmostEqual(fn.multiply!(x14, norm), [c(-76443, 16124), c(23161315, 58317492), c(5583548873, 2465133864)].map((z) => cmul(z, norm)));
    // Ticket #836
    for (const z0 of [c(0, Infinity), c(1, Infinity)]) {
      const z = cx([z0]);
      errstate({ invalid: 'ignore' }, () => {
        complexEqual(fn.power!(z, 1), z);
        complexEqual(fn.power!(z, 2), fn.multiply!(z, z));
        complexEqual(fn.power!(z, 3), fn.multiply!(fn.multiply!(z, z), z));
      });
    }
  });
  port.case(`${P}test_power_zero`, () => {
    // ticket #1271
    const zero = cx([c(0)]);
    const one = cx([c(1)]);
    const cnan = cx([c(NaN, NaN)]);
    // positive powers
    for (const v of [0.33, 0.5, 1, 1.5, 2, 3, 4, 5, 6.6]) complexEqual(fn.power!(zero, v), zero);
    // zero power
    complexEqual(fn.power!(zero, 0), one);
    errstate({ invalid: 'ignore' }, () => {
      complexEqual(fn.power!(zero, c(0, 1)), cnan);
      // negative power
      for (const v of [0.33, 0.5, 1, 1.5, 2, 3, 4, 5, 6.6]) complexEqual(fn.power!(zero, -v), cnan);
      complexEqual(fn.power!(zero, c(-1, 0.2)), cnan);
    });
  });
  port.case(`${P}test_zero_power_nonzero`, () => {
    // Testing 0^{Non-zero} issue 18378
    const zero = cx([c(0, 0)]);
    const cnan = cx([c(NaN, NaN)]);
    // Complex powers with positive real part will not generate a warning
    expect(captureWarnings(() => {
      for (const e of [c(1, 4), c(2, -3), c(1, 1), c(1, 0), c(1, -1)]) complexEqual(fn.power!(zero, e), zero);
    })).toEqual([]);
    // Complex powers will negative real part or 0 (provided imaginary part is not zero) generate a NaN and a RuntimeWarning
    const r = captureWarnings(() => {
      for (const e of [c(-1, 1), c(-2, -3), c(-7, 0), c(0, 1), c(0, -1)]) complexEqual(fn.power!(zero, e), cnan);
    });
    expect(r.length).toBe(5);
    expect(r.every((w) => w.name === 'RuntimeWarning')).toBe(true);
  });
  port.case(`${P}test_fast_power`, () => {
    const x = asarray([1, 2, 3], { dtype: 'int16' });
    // x**2.0: the Python float 2.0 (a float64 0-d here; both are float64 against int16)
    const res = fn.power!(x, F(2)) as NDArray;
    expect((fn.power!(x, 2.00001) as NDArray).dtype.name).toBe(res.dtype.name);
    assertArrayEqual(res, [1, 4, 9]);
    // check the inplace operation on the casted copy doesn't mess with x
    expect(mayShareMemory(res, x)).toBe(false);
    assertArrayEqual(x, [1, 2, 3]);
    // Check that the fast path ignores 1-element not 0-d arrays
    expect((fn.power!(x, asarray([[[2]]])) as NDArray).shape).toEqual([1, 1, 3]);
  });
  port.case(`${P}test_integer_power`, () => {
    const a = asarray([15, 15], { dtype: 'int64' });
    assertArrayEqual(fn.power!(a, a), asarray([437893890380859375n, 437893890380859375n], { dtype: 'int64' }));
  });
  const arange = (start: number, stop: number, dtype: string): NDArray => asarray(Array.from({ length: stop - start }, (_, i) => start + i)).astype(dtype);
  port.case(`${P}test_integer_power_with_integer_zero_exponent`, () => {
    for (const dt of 'bhilqnp') {
      const a = arange(-10, 10, dtypeOfChar(dt));
      assertArrayEqual(fn.power!(a, 0), asarray(Array(20).fill(1), { dtype: a.dtype.name }));
    }
    for (const dt of 'BHILQNP') {
      const a = arange(0, 10, dtypeOfChar(dt));
      assertArrayEqual(fn.power!(a, 0), asarray(Array(10).fill(1), { dtype: a.dtype.name }));
    }
  });
  port.case(`${P}test_integer_power_of_1`, () => {
    for (const dt of 'bBhHiIlLqQnNpP') assertArrayEqual(fn.power!(1, arange(0, 10, dtypeOfChar(dt))), Array(10).fill(1));
  });
  port.case(`${P}test_integer_power_of_zero`, () => {
    for (const dt of 'bBhHiIlLqQnNpP') assertArrayEqual(fn.power!(0, arange(1, 10, dtypeOfChar(dt))), Array(9).fill(0));
  });
  port.case(`${P}test_integer_to_negative_power`, () => {
    for (const dt of 'bhilqnp') {
      const dtype = dtypeOfChar(dt);
      const a = asarray([0, 1, 2, 3], { dtype });
      const b = asarray([0, 1, 2, -3], { dtype });
      const one = asarray(1, { dtype });
      const minusone = asarray(-1, { dtype });
      raises('ValueError', () => fn.power!(a, b));
      raises('ValueError', () => fn.power!(a, minusone));
      raises('ValueError', () => fn.power!(one, b));
      raises('ValueError', () => fn.power!(one, minusone));
    }
  });
  port.case(`${P}test_float_to_inf_power`, () => {
    for (const dt of ['float32', 'float64']) {
      const a = asarray([1, 1, 2, 2, -2, -2, Infinity, -Infinity], { dtype: dt });
      const b = asarray([Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity], { dtype: dt });
      assertArrayEqual(fn.power!(a, b), asarray([1, 1, Infinity, 0, Infinity, 0, Infinity, 0], { dtype: dt }));
    }
  });
  port.case(`${P}test_power_fast_paths`, () => {
    // gh-26055
    const maxUlp = (result: NDArray, expected: NDArray, maxulp: number): void => {
      const r = result.toArray() as number[];
      const e = expected.toArray() as number[];
      const sp = (fn.spacing!(expected) as NDArray).toArray() as number[];
      e.forEach((y, i) => {
        if (!Number.isFinite(y)) expect(r[i]).toBe(y);
        else expect(Math.abs(r[i]! - y)).toBeLessThanOrEqual(maxulp * Math.abs(sp[i]!));
      });
    };
    for (const dt of ['float32', 'float64']) {
      let a = asarray([0, 1.1, 2, 12e12, -10, Infinity, -Infinity], { dtype: dt });
      const expected = asarray([0.0, 1.21, 4, 1.44e26, 100, Infinity, Infinity], { dtype: 'float64' });
      maxUlp(fn.power!(a, F(2)) as NDArray, expected.astype(dt), 1);
      a = asarray([0, 1.1, 2, 12e12], { dtype: dt });
      maxUlp(fn.power!(a, 0.5) as NDArray, (fn.sqrt!(a) as NDArray).astype(dt), 1);
    }
  });
  port.case('TestFloat_power::test_type_conversion', () => {
    const argType = '?bhilBHILefdgFDG';
    const resType = 'ddddddddddddgDDG';
    [...argType].forEach((dtin, i) => {
      const arg = asarray([dtin === '?' ? true : 1] as never, { dtype: dtypeOfChar(dtin) });
      const res = fn.float_power!(arg, arg) as NDArray;
      expect(res.dtype.name, `dtin: ${dtin}, dtout: ${resType[i]}`).toBe(dtypeOfChar(resType[i]!));
    });
  });

  // ---- TestLog, TestExp ----------------------------------------------------------
  const log2 = 0.69314718055994530943;
  port.case('TestLog::test_log_values', () => {
    const x = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
    const y = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const dt of ['f', 'd', 'g']) {
      const dtype = dtypeOfChar(dt);
      assertAlmostEqual(fn.log!(asarray(x, { dtype })), fn.multiply!(asarray(y, { dtype }), log2));
    }
    // test aliasing(issue #17761)
    const x2 = asarray([2, 0.9375, 3, 0.9475, 1.054697], { dtype: 'float64' });
    const xf = fn.log!(x2);
    assertAlmostEqual(fn.log!(x2, { out: x2 }), xf);
  });
  port.case('TestLog::test_log_values_maxofdtype', () => {
    // test log() of max for dtype does not raise (x86-64: longdouble too)
    for (const dt of ['float32', 'float64', 'longdouble']) {
      errstate({ all: 'raise' }, () => {
        const x = empty([], dt);
        fn.nextafter!(asarray(Infinity, { dtype: dt }), asarray(0, { dtype: dt }), { out: x }); // np.finfo(dt).max
        fn.log!(x);
      });
    }
  });
  port.case('TestLog::test_log_strides', () => {
    for (let ii = 2; ii < 100; ii++) {
      const xF64 = uniform(ii, 0.01, 100.0, ii);
      const xSpecial = xF64.copy();
      for (let k = 3; k < ii - 1; k += 4) xSpecial.set(k, 1.0);
      const yTrue = fn.log!(xF64) as NDArray;
      const ySpecial = fn.log!(xSpecial) as NDArray;
      for (const jj of [-4, -3, -2, -1, 1, 2, 3, 4]) {
        assertArrayAlmostEqualNulp(fn.log!(xF64.slice(`::${jj}`)) as NDArray, yTrue.slice(`::${jj}`), 2);
        assertArrayAlmostEqualNulp(fn.log!(xSpecial.slice(`::${jj}`)) as NDArray, ySpecial.slice(`::${jj}`), 2);
      }
    }
  });
  // Reference values were computed with mpmath, with mp.dps = 200 (NumPy's test parameters).
  const precision64: [Complex, Complex][] = [
    [c(1, 1e-12), c(5e-25, 1e-12)],
    [c(1.000000000000001, 3e-8), c(1.5602230246251546e-15, 2.999999999999996e-8)],
    [c(0.9999995000000417, 0.0009999998333333417), c(7.831475869017683e-18, 0.001)],
    [c(0.9999999999999996, 2.999999999999999e-8), c(5.9107901499372034e-18, 3e-8)],
    [c(0.99995000042, -0.009999833), c(-7.015159763822903e-15, -0.009999999665816696)],
  ];
  const precision32: [Complex, Complex][] = [
    [c(1.0, 3e-6), c(4.5e-12, 3e-6)],
    [c(1.0, -2e-5), c(1.9999999e-10, -2e-5)],
    [c(0.9999999, 1e-6), c(-1.192088e-7, 1.0000001e-6)],
  ];
  const seen = { '64': 0, '32': 0 };
  for (const id of port.manifest.ids) {
    const m = /^TestLog::test_log_precision_float(64|32)\[/.exec(id);
    if (!m) continue;
    // the parameters in NumPy's order (float64 ids spell the values, float32 ids number them)
    const [z, wref] = (m[1] === '64' ? precision64 : precision32)[seen[m[1] as '64' | '32']++]!;
    port.case(id, () => {
      if (m[1] === '64') {
        allclose(fn.log!(z), wref, 1e-15);
      } else {
        // np.complex64 values: z and wref rounded to complex64 first
        const z32 = cx([z], 'complex64');
        const w32 = (cx([wref], 'complex64').toArray() as Complex[])[0]!;
        allclose(fn.log!(z32.reshape([])), w32, 1e-6);
      }
    });
  }
  port.case('TestExp::test_exp_values', () => {
    const x = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
    const y = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const dt of ['f', 'd', 'g']) {
      const dtype = dtypeOfChar(dt);
      assertAlmostEqual(fn.exp!(fn.multiply!(asarray(y, { dtype }), log2)), asarray(x, { dtype }));
    }
  });
  port.case('TestExp::test_exp_strides', () => {
    for (let ii = 2; ii < 100; ii++) {
      const xF64 = uniform(ii, 0.01, 709.1, ii);
      const yTrue = fn.exp!(xF64) as NDArray;
      for (const jj of [-4, -3, -2, -1, 1, 2, 3, 4]) assertArrayAlmostEqualNulp(fn.exp!(xF64.slice(`::${jj}`)) as NDArray, yTrue.slice(`::${jj}`), 2);
    }
  });

  // ---- TestComplexFunctions -----------------------------------------------------------
  const funcs = ['arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'sin', 'cos', 'tan', 'exp', 'exp2', 'log', 'sqrt', 'log10', 'log2', 'log1p'];
  port.case('TestComplexFunctions::test_it', () => {
    for (const f of funcs) {
      const x = f === 'arccosh' ? 1.5 : 0.5;
      const fr = fn[f]!(x) as number;
      const fz = fn[f]!(c(x)) as Complex;
      expect(Math.abs(fz.re - fr), `real part ${f}`).toBeLessThan(1.5e-7);
      expect(Math.abs(fz.im), `imag part ${f}`).toBeLessThan(1.5e-7);
    }
  });
  port.case('TestComplexFunctions::test_precisions_consistent', () => {
    const z = c(1, 1);
    for (const f of funcs) {
      const fcf = fn[f]!(cx([z], 'complex64').reshape([]));
      const fcd = fn[f]!(cx([z], 'complex128').reshape([]));
      const fcl = fn[f]!(cx([z], 'clongdouble').reshape([]));
      assertAlmostEqual(fcf, fcd, 6);
      assertAlmostEqual(fcl, fcd, 15);
    }
  });
  port.skip(/^TestComplexFunctions::test_against_cmath$/, "Python's cmath module is the reference: no JS equivalent");

  // ---- the rest ---------------------------------------------------------------------------
  port.case('TestAttributes::test_attributes', () => {
    const a = fn.add!;
    expect(a.name).toBe('add');
    expect(a.ntypes).toBeGreaterThanOrEqual(18);
    expect(a.types).toContain('ii->i');
    expect(a.nin).toBe(2);
    expect(a.nout).toBe(1);
    expect(a.identity).toBe(0);
  });
  port.skip(/^TestAttributes::test_doc$/, 'Python-only machinery (inspect.signature, the C-level loop API, pickle, docstrings, the full ufunc list of np)');
  port.case('TestComparisons::test_error_in_equal_reduce', () => {
    // gh-20929: equal.reduce raises a TypeError if an array is passed without specifying the dtype
    const a = asarray([0, 0]);
    expect(fn.equal!.reduce(a, { dtype: 'bool' })).toBe(true);
    raises('TypeError', () => fn.equal!.reduce(a));
  });
  port.case('TestAdd::test_reduce_alignment', () => {
    // gh-9876: a = np.zeros(2, dtype=[('a', np.int32), ('b', np.float64)]); a['a'] = -1; a['b'].sum() == 0
    // the 'b' field: float64 elements 4 bytes into 12-byte records
    const buffer = new ArrayBuffer(24);
    const fieldA = new NDArray({ buffer, byteOffset: 0, dtype: 'int32', shape: [2], strides: [12] });
    const fieldB = new NDArray({ buffer, byteOffset: 4, dtype: 'float64', shape: [2], strides: [12] });
    add(fieldA, 0, { out: fieldA });
    fieldA.set(0, -1);
    fieldA.set(1, -1);
    expect(add.reduce(fieldB)).toBe(0);
  });
  port.skip(/^TestComparisons::test_(ignore_object_identity_in_equal|ignore_object_identity_in_not_equal|object_dtype)$|^TestRoundingFunctions::test_(object_direct|object_indirect|fraction)$/,
    'object dtype (Python objects in arrays): not in ndinterop');
  port.case('TestComparisons::test_object_nonbool_dtype_error', () => {
    const equal = fn.equal! as unknown as (...args: unknown[]) => unknown;
    // bool output dtype is fine of course:
    expect((equal(1, [1], { dtype: 'bool' }) as NDArray).dtype.name).toBe('bool');
    // but the following are examples do not have a loop:
    raises('TypeError', () => equal(1, 1, { dtype: 'int64' }), /No loop matching/);
    raises('TypeError', () => equal(1, 1, { sig: [null, null, 'l'] }), /No loop matching/);
  });
  port.skip(/^TestOut::test_out_subok$/, "positional out arguments (np.add(a, 2, o), np.frexp(d, o1, None)): ufuncs take out in the options object in JS");
  port.skip(/^TestOut::test_out_(wrap_subok|wrap_no_leak)$/, 'ndarray subclasses made with .view(MySubclass), __array_wrap__ and reference counts: no JS equivalent');
}
