// NumPy's datetime64/timedelta64 ufunc loops (src/ufunc/datetime.ts), the
// units they combine (src/dtype/datetime-units.ts), reductions, and dates
// parsed by asarray. Expected values are NumPy 2.4's, run by hand with
//   m = np.array([5, -5, 0, 'NaT'], 'm8[s]'); one = np.timedelta64(2, 's')
// (outputs copied into each case).
import { describe, expect, it } from 'vitest';
import {
  NDArray, absolute, add, arange, asarray, divide, divmod, equal, errstate, floor_divide, fmax, isfinite, isinf, isnan, isnat, less, maximum,
  minimum, multiply, negative, not_equal, remainder, sign, subtract, concatenate, where,
} from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import { captureWarnings } from '../helpers/warnings.js';

const NAT = -(2n ** 63n);
const td = (values: bigint[], unit = 's'): NDArray => new NDArray({ buffer: BigInt64Array.from(values).buffer, dtype: `m8[${unit}]` as 'float64', shape: [values.length] });
const dt = (values: bigint[], unit = 'D'): NDArray => new NDArray({ buffer: BigInt64Array.from(values).buffer, dtype: `M8[${unit}]` as 'float64', shape: [values.length] });
const m = () => td([5n, -5n, 0n, NAT]);
const one = () => td([2n]);
const text = (r: unknown): string => `${(r as NDArray).dtype.str} ${String(r)}`;
type AnyUfunc = (...args: unknown[]) => unknown;
const quiet = <T>(f: () => T): T => errstate({ all: 'ignore' }, f);

describe('timedelta64 arithmetic', () => {
  it('division by numbers truncates; by timedeltas floors (mm->q) or divides (mm->d)', () => {
    expect(text(floor_divide(m(), 2))).toBe("<m8[s] [    2    -2     0 'NaT']"); // m // 2
    expect(text(divide(m(), 2))).toBe("<m8[s] [    2    -2     0 'NaT']");
    expect(text(floor_divide(td([-5n, 5n, 7n]), 3.0))).toBe('<m8[s] [-1  1  2]'); // [-5, 5, 7] // 3.0
    expect(text(quiet(() => floor_divide(m(), one())))).toBe('<i8 [ 2 -3  0  0]');
    expect(text(divide(m(), one()))).toBe('<f8 [ 2.5 -2.5  0.   nan]');
    expect(text(remainder(m(), one()))).toBe("<m8[s] [    1     1     0 'NaT']");
    expect(text(remainder(m(), td([-2n])))).toBe("<m8[s] [   -1    -1     0 'NaT']");
    const [q, r] = quiet(() => divmod(m(), one())) as NDArray[];
    expect([text(q), text(r)]).toEqual(['<i8 [ 2 -3  0  0]', "<m8[s] [    1     1     0 'NaT']"]);
  });
  it('division by zero: NaT, 0 or inf with the divide flag; NaT // td with the invalid flag', () => {
    const zero = td([0n]);
    const warned = (f: () => unknown) => captureWarnings(() => errstate({ all: 'warn' }, f)).map((w) => w.message);
    expect(warned(() => floor_divide(m(), 0))).toEqual(['divide by zero encountered in floor_divide']);
    expect(text(quiet(() => floor_divide(m(), 0)))).toBe("<m8[s] ['NaT' 'NaT' 'NaT' 'NaT']");
    expect(text(quiet(() => floor_divide(m(), zero)))).toBe('<i8 [0 0 0 0]');
    expect(text(quiet(() => divide(td([5n, NAT]), zero)))).toBe('<f8 [inf nan]');
    expect(text(quiet(() => remainder(m(), zero)))).toBe("<m8[s] ['NaT' 'NaT' 'NaT' 'NaT']");
    expect(warned(() => floor_divide(td([5n, NAT]), one()))).toEqual(['invalid value encountered in floor_divide']);
    errstate({ divide: 'raise' }, () => expectError(() => floor_divide(td([-2n], 'Y'), 0), RangeError, 'ERR_FLOATING_POINT', 'divide by zero encountered in floor_divide'));
  });
  it('products truncate; NaN and inf factors give NaT', () => {
    expect(text(multiply(m(), 2.5))).toBe("<m8[s] [   12   -12     0 'NaT']");
    expect(text(multiply(m(), -1.5))).toBe("<m8[s] [   -7     7     0 'NaT']");
    expect(text(multiply(2, m()))).toBe("<m8[s] [   10   -10     0 'NaT']");
    expect(text(multiply(m(), NaN))).toBe("<m8[s] ['NaT' 'NaT' 'NaT' 'NaT']");
  });
  it('comparisons, extrema, unary loops', () => {
    expect(text(less(m(), one()))).toBe('|b1 [False  True  True False]');
    expect(text(equal(m(), m()))).toBe('|b1 [ True  True  True False]');
    expect(text(not_equal(m(), m()))).toBe('|b1 [False False False  True]');
    expect(text(maximum(m(), one()))).toBe("<m8[s] [    5     2     2 'NaT']");
    expect(text(fmax(m(), one()))).toBe('<m8[s] [5 2 2 2]');
    expect(text(minimum(m(), one()))).toBe("<m8[s] [    2    -5     0 'NaT']");
    expect(text(negative(m()))).toBe("<m8[s] [   -5     5     0 'NaT']");
    expect(text(absolute(m()))).toBe("<m8[s] [    5     5     0 'NaT']");
    expect(text(sign(m()))).toBe('<m8[s] [ 1 -1  0 -1]');
    expect([isnat, isnan, isinf, isfinite].map((f) => text(f(m())))).toEqual([
      '|b1 [False False False  True]', '|b1 [False False False  True]', '|b1 [False False False False]', '|b1 [ True  True  True False]',
    ]);
    expect(text(maximum(m(), 3))).toBe("<m8[s] [    5     3     3 'NaT']");
    expect(text(add(td([1n, 1n]), 1))).toBe('<m8[s] [2 2]');
  });
});

describe('units', () => {
  it('the common unit of two', () => {
    expect(text(add(dt([18262n, NAT]), td([1n], 'h')))).toBe("<M8[h] ['2020-01-01T01'           'NaT']");
    expect(text(subtract(dt([18262n, NAT]), dt([18262n, NAT])))).toBe("<m8[D] [    0 'NaT']");
    expect(text(add(dt([50n], 'Y'), td([1n], 'D')))).toBe("<M8[D] ['2020-01-02']");
    expect(text(add(dt([602n], 'M'), td([1n], 'Y')))).toBe("<M8[M] ['2021-03']");
    expect(text(add(td([1n], '2h'), td([1n], '45m')))).toBe('<m8[15m] [11]');
    expect(text(floor_divide(td([2n], 'Y'), td([2n], 'M')))).toBe('<i8 [12]');
  });
  it("NumPy's errors", () => {
    expectError(() => add(td([1n], 'Y'), td([1n], 'D')), TypeError, 'ERR_UFUNC_TYPE',
      'Cannot get a common metadata divisor for Numpy datetime metadata [Y] and [D] because they have incompatible nonlinear base time units.');
    expectError(() => add(dt([1n]), dt([1n])), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'add' did not contain a loop with signature matching types/);
    expectError(() => multiply(m(), m()), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'multiply' did not contain a loop/);
    expectError(() => remainder(m(), 2), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'remainder' did not contain a loop/);
    expectError(() => (isnat as AnyUfunc)(asarray([1.0])), TypeError, 'ERR_UFUNC_TYPE', "ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.");
  });
});

describe('reductions, concatenation, ranges and dates', () => {
  const a = () => new NDArray({ buffer: BigInt64Array.from([5n, 1n, NAT, 3n, 2n, 9n]).buffer, dtype: 'm8[s]', shape: [2, 3] });
  it('maximum/fmax/minimum/add reduce as NumPy', () => {
    expect(text(maximum.reduce(a()))).toBe("<m8[s] [    5     2 'NaT']");
    expect(text(maximum.reduce(a(), { axis: 1 }))).toBe("<m8[s] ['NaT'     9]");
    expect(fmax.reduce(a(), { axis: null })).toBe(9n);
    expect(text(add.reduce(a(), { axis: 1, keepdims: true }))).toBe("<m8[s] [['NaT']\n [   14]]");
    expect(text(add.reduce(a().slice('0:0'), { axis: 0 }))).toBe('<m8[s] [0 0 0]');
    expectError(() => maximum.reduce(a().slice('0:0')), RangeError, 'ERR_UFUNC_VALUE', 'zero-size array to reduction operation maximum which has no identity');
  });
  it('concatenate and where keep the unit', () => {
    const joined = concatenate([td([1n], 'Y'), td([2n, NAT], 'Y')]);
    expect(text(joined)).toBe("<m8[Y] [    1     2 'NaT']");
    expect(text(where([true, false], dt([1n, 2n]), dt([3n, 4n])))).toBe("<M8[D] ['1970-01-02' '1970-01-05']");
    expect(text(concatenate([td([1n], 'h'), td([1n], 'm')]))).toBe('<m8[m] [60  1]'); // np.concatenate: the common unit
  });
  it('dates from ISO text; arange in a timedelta unit', () => {
    const d = asarray(['2010-01-02', '1999-03-14', '1833-03'], { dtype: '>M8[D]' });
    expect(d.toArray()).toEqual([14611n, 10664n, -49979n]);
    expect(String(asarray(['2010', 'NaT'], { dtype: 'M8[M]' }))).toBe("['2010-01'     'NaT']");
    expect(String(asarray(['2010-01-01'], { dtype: 'M8[s]' }))).toBe("['2010-01-01T00:00:00']");
    expectError(() => asarray(['2010-02-30'], { dtype: 'M8[D]' }), RangeError, 'ERR_INVALID_ARG_VALUE', `Error parsing datetime string "2010-02-30" (dates 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' and 'NaT' only)`);
    expect(text(arange(0, 4, 1, 'm8[s]'))).toBe('<m8[s] [0 1 2 3]');
  });
});
