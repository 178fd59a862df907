// Issue 19's list of differences from NumPy 2.4, one test each, with NumPy's
// behaviour (checked with python3 and NumPy 2.4.6) as the expectation.
import { describe, expect, it } from 'vitest';
import {
  BufferError,
  NDArray,
  add,
  asarray,
  divmod,
  dtype,
  equal,
  errstate,
  floor_divide,
  fromArrayInterface,
  fromDlpack,
  hypot,
  isfinite,
  isinf,
  isnan,
  maximum,
  modf,
  multiply,
  power,
  sign,
  sqrt,
  tanh,
} from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import { captureWarnings } from '../helpers/warnings.js';

const int64 = (values: number[]): NDArray => asarray(values, { dtype: 'int64' });
const float64 = (values: number[]): NDArray => asarray(values, { dtype: 'float64' });
const bits32 = (a: NDArray): number => new DataView(a.buffer, a.byteOffset).getUint32(0, true);

// An override that reports what it was called with.
class Reporter {
  __array_ufunc__(_ufunc: unknown, method: string, _inputs: unknown[], kwargs: Record<string, unknown>): unknown {
    return { method, keys: Object.keys(kwargs), out: kwargs.out };
  }
}

describe('A: DLPack export ignores the strides of size-1 axes (NumPy: strides of size-1 dimensions are ignored)', () => {
  it('exports shape [10, 5, 1] with byte strides [8, 80, 4]', () => {
    const x = new NDArray({ buffer: new Float64Array(100).fill(1.5), dtype: 'float64', shape: [10, 5, 1], strides: [8, 80, 4] });
    const y = fromDlpack(x);
    expect(y.shape).toEqual([10, 5, 1]);
    expect(y.toArray()).toEqual(x.toArray());
  });
  it('still refuses an odd stride on a longer axis', () => {
    const x = new NDArray({ buffer: new ArrayBuffer(40), dtype: 'int32', shape: [5], strides: [5] });
    expect(() => fromDlpack(x)).toThrow(BufferError);
  });
});

describe('B: a where mask keeps the masked slots of out', () => {
  it('add(int64, int64, { out: float64, where: [true, false] }) gives [4, 9]', () => {
    const out = float64([9, 9]);
    add(int64([1, 2]), int64([3, 4]), { out, where: [true, false] });
    expect(out.toArray()).toEqual([4, 9]);
  });
});

describe('C: an override may be called with out as a single array', () => {
  it('an NDArray subclass handing `out` on as one array computes', () => {
    class Sub extends NDArray {
      __array_ufunc__(ufunc: never, method: never, inputs: unknown[], kwargs: Record<string, unknown>): unknown {
        const plain = (x: unknown): unknown => (x instanceof Sub ? asarray(x.toTypedArray()) : x);
        const out = (kwargs.out as unknown[] | undefined)?.[0];
        return (NDArray.prototype as unknown as { __array_ufunc__: (...a: unknown[]) => unknown }).__array_ufunc__.call(this, ufunc, method, inputs.map(plain), { ...kwargs, out });
      }
    }
    const a = new Sub({ buffer: new Float64Array([1, 2]), dtype: 'float64', shape: [2] });
    const out = float64([0, 0]);
    expect(add(a, 1, { out })).toBe(out);
    expect(out.toArray()).toEqual([2, 3]);
  });
  it('out given as one object reaches the override as a one-entry list', () => {
    const reporter = new Reporter();
    expect(add(1, 2, { out: reporter as never })).toEqual({ method: '__call__', keys: ['out'], out: [reporter] });
  });
});

describe('D: argument errors come before any override (NumPy raises its TypeError first)', () => {
  const r = new Reporter();
  it('an unknown option', () => {
    expectError(() => multiply(1, r, { foo: 'bar' }), TypeError, 'ERR_INVALID_ARG_VALUE', /^multiply\(\) got an unexpected option 'foo'/);
  });
  it('too few inputs: the options object is never an input', () => {
    expectError(() => multiply(r, { out: [] }), TypeError, 'ERR_INVALID_ARG_COUNT', 'multiply() takes from 2 to 3 positional arguments but 1 was given');
  });
  it('outer with one operand', () => {
    expectError(() => (multiply.outer as (...a: unknown[]) => unknown)(r), TypeError, 'ERR_INVALID_ARG_COUNT', 'exactly two arguments expected');
  });
  it('at with one argument', () => {
    expectError(() => (multiply.at as (...a: unknown[]) => unknown)(r), TypeError, 'ERR_INVALID_ARG_COUNT', 'at() takes at least 2 arguments (1 given)');
  });
  it('out: null for a ufunc with two outputs', () => {
    expectError(() => modf(float64([1.5]), { out: null }), TypeError, 'ERR_INVALID_ARG_TYPE', "'out' must be a tuple of arrays");
    expectError(() => modf(r, { out: null }), TypeError, 'ERR_INVALID_ARG_TYPE', "'out' must be a tuple of arrays");
  });
});

describe('E: floor_divide and divmod flags by zero (NumPy: none for NaN, invalid for divmod(inf, 0))', () => {
  it('floor_divide(NaN, 0.0) and divmod(NaN, 0) raise nothing', () => {
    errstate({ all: 'raise' }, () => {
      expect(floor_divide(NaN, 0)).toBeNaN();
      const [q, r] = divmod(NaN, 0) as [number, number];
      expect(q).toBeNaN();
      expect(r).toBeNaN();
    });
  });
  it('divmod(inf, 0.0) raises invalid (the remainder), floor_divide(inf, 0.0) nothing', () => {
    errstate({ all: 'raise' }, () => {
      expectError(() => divmod(float64([Infinity]), float64([0])), RangeError, 'ERR_FLOATING_POINT', 'invalid value encountered in divmod');
      expect((floor_divide(float64([Infinity]), float64([0])) as NDArray).get(0)).toBe(Infinity);
      expectError(() => floor_divide(float64([1]), float64([0])), RangeError, 'ERR_FLOATING_POINT', 'divide by zero encountered in floor_divide');
      expectError(() => floor_divide(float64([0]), float64([0])), RangeError, 'ERR_FLOATING_POINT', 'invalid value encountered in floor_divide');
    });
  });
});

describe('F, G: classification and equality raise no flag on NaN (also signalling NaN)', () => {
  const withNan = asarray([1, 2, 3, 4, 5, 6, 7, NaN, 9], { dtype: 'float32' });
  it('isinf and isfinite on float32 with a NaN', () => {
    expect(captureWarnings(() => isinf(withNan))).toEqual([]);
    expect(captureWarnings(() => isfinite(withNan))).toEqual([]);
    expect((isfinite(withNan) as NDArray).toArray()).toEqual([true, true, true, true, true, true, true, false, true]);
  });
  it('isnan, sign and equal on signalling NaNs (float64 and float32, 1 and 20 elements)', () => {
    for (const n of [1, 20]) {
      const s64 = new NDArray({ buffer: new BigUint64Array(n).fill(0x7ff4000000000000n), dtype: 'float64', shape: [n] });
      const s32 = new NDArray({ buffer: new Uint32Array(n).fill(0x7fa00000), dtype: 'float32', shape: [n] });
      for (const a of [s64, s32]) {
        expect(captureWarnings(() => isnan(a))).toEqual([]);
        expect(captureWarnings(() => sign(a))).toEqual([]);
        expect(captureWarnings(() => equal(a, a))).toEqual([]);
        expect((equal(a, a) as NDArray).get(0)).toBe(false);
      }
      // sign gives the quieted NaN (NumPy: 0x7fe00000 for 0x7fa00000)
      expect(bits32(sign(s32) as NDArray)).toBe(0x7fe00000);
    }
  });
});

describe('H: maximum.reduce over an empty axis without identity', () => {
  it('refuses a (0, 0) array, whose result is empty too', () => {
    const a = asarray(new Float64Array(0)).reshape([0, 0]);
    expectError(() => maximum.reduce(a, { axis: 0 }), RangeError, 'ERR_UFUNC_VALUE', 'zero-size array to reduction operation maximum which has no identity');
  });
  it('reduces a (3, 0) array along axis 0 (nothing reduced is empty)', () => {
    const a = asarray(new Float64Array(0)).reshape([3, 0]);
    expect((maximum.reduce(a, { axis: 0 }) as NDArray).shape).toEqual([0]);
  });
});

describe('I: dtype fixes the output type only', () => {
  it("equal(1, [1], { dtype: 'bool' }) gives [true]", () => {
    expect((equal(1, [1], { dtype: 'bool' }) as NDArray).toArray()).toEqual([true]);
  });
  it("equal(1, [1], { dtype: 'float64' }) has no loop", () => {
    expectError(() => equal(1, [1], { dtype: 'float64' }), TypeError, 'ERR_UFUNC_TYPE', 'No loop matching the specified signature and casting was found for ufunc equal');
  });
});

describe('J: ufunc.at on a str array', () => {
  it('is a TypeError with a code (no loop), not a plain Error', () => {
    const u = new NDArray({ buffer: new Uint32Array([97]), dtype: '<U1', shape: [1] });
    expectError(() => add.at(u, [0], u), TypeError, 'ERR_UFUNC_TYPE', "ufunc 'add' did not contain a loop with signature matching types (dtype('<U1'), dtype('<U1')) -> None");
  });
});

describe('also', () => {
  it('initial: null means no initial value (add.reduce([], initial=None) raises)', () => {
    expectError(() => add.reduce([], { initial: null as never }), RangeError, 'ERR_UFUNC_VALUE', 'zero-size array to reduction operation add which has no identity');
    expect(add.reduce([1, 2], { initial: null as never })).toBe(3n);
  });
  it('a byte-swapped dtype option is refused', () => {
    expectError(() => add(float64([1]), float64([2]), { dtype: '>f8' }), TypeError, 'ERR_INVALID_DTYPE', /^The `dtype` and `signature` arguments to ufuncs only select the general DType and not details such as the byte order/);
  });
  it('a bigint too large for float64 is an OverflowError', () => {
    expectError(() => add(float64([1]), 10n ** 400n), RangeError, 'ERR_OUT_OF_BOUNDS', 'int too large to convert to float');
    expectError(() => add(asarray([{ re: 1, im: 0 }]), 10n ** 400n), RangeError, 'ERR_OUT_OF_BOUNDS', 'int too large to convert to float');
  });
  it('tanh of a float32 -nan is +nan (NumPy 0x7fc00000)', () => {
    const a = new NDArray({ buffer: new Uint32Array([0xffc00000]), dtype: 'float32', shape: [1] });
    expect(bits32(tanh(a) as NDArray)).toBe(0x7fc00000);
  });
  it("warns when 'where' is given without 'out', and not with out: null", () => {
    const warnings = captureWarnings(() => add(float64([1, 2]), 1, { where: [true, false] }));
    expect(warnings).toEqual([{ name: 'UserWarning', message: "'where' used without 'out', expect unitialized memory in output. If this is intentional, use out=None." }]);
    expect(captureWarnings(() => add(float64([1, 2]), 1, { where: [true, false], out: null }))).toEqual([]);
  });
  it("accepts the typestr '(0,)f8,' in an interface", () => {
    const a = fromArrayInterface({ version: 3, shape: [2], typestr: '(0,)f8,', data: new ArrayBuffer(0) });
    expect(a.dtype.descr).toEqual([['f0', '<f8', [0]]]);
    expect(a.shape).toEqual([2]);
  });
  it('add of two 0-d arrays gives a scalar', () => {
    expect(add(asarray(1, { dtype: 'float64' }), asarray(2, { dtype: 'float64' }))).toBe(3);
  });
  it("newByteOrder swaps by default and with 'S'", () => {
    expect(dtype('f4').newByteOrder().str).toBe('>f4');
    expect(dtype('f4').newByteOrder('S').str).toBe('>f4');
    expect(dtype('>f4').newByteOrder('S').str).toBe('<f4');
    expect(dtype('u1').newByteOrder().str).toBe('|u1');
    expectError(() => dtype('f4').newByteOrder('x' as never), RangeError, 'ERR_INVALID_ARG_VALUE', 'byteorder not recognized (got "x")');
  });
  it('float64 -> float16 keeps a NaN sign (NumPy 0xfe00)', () => {
    const negativeNan = new NDArray({ buffer: new BigUint64Array([0xfff8000000000000n]), dtype: 'float64', shape: [1] });
    const half = negativeNan.astype('float16');
    expect(new DataView(half.buffer, half.byteOffset).getUint16(0, true)).toBe(0xfe00);
  });
  it('reduce of a 0-d array with axis 0 or -1', () => {
    expect(add.reduce(asarray(5, { dtype: 'float64' }), { axis: 0 })).toBe(5);
    expect(add.reduce(asarray(5, { dtype: 'float64' }), { axis: -1 })).toBe(5);
    expectError(() => add.reduce(asarray(5, { dtype: 'float64' }), { axis: 1 }), RangeError, 'ERR_AXIS', 'axis 1 is out of bounds for array of dimension 0');
  });
  it("NumPy's messages", () => {
    expectError(() => hypot(5), TypeError, 'ERR_INVALID_ARG_COUNT', 'hypot() takes from 2 to 3 positional arguments but 1 was given');
    expectError(() => hypot(1, 2, 3, 4), TypeError, 'ERR_INVALID_ARG_COUNT', 'hypot() takes from 2 to 3 positional arguments but 4 were given');
    expectError(() => sqrt(null), TypeError, 'ERR_INVALID_ARG_TYPE', 'loop of ufunc does not support argument 0 of type null which has no callable sqrt method');
    expectError(() => add(asarray([1], { dtype: 'uint8' }), -1), RangeError, 'ERR_OUT_OF_BOUNDS', 'Python integer -1 out of bounds for uint8');
  });
});

describe('the integer-list rule (docs/guides/conversions.md)', () => {
  it('a JS array of integer numbers is int64, as np.asarray([2, 3])', () => {
    expect(asarray([2, 3]).dtype.name).toBe('int64');
    expect(asarray([2, 3.5]).dtype.name).toBe('float64');
  });
  it('power(int64, [2, 3], { out: int64 }) computes in int64', () => {
    const out = int64([0, 0]);
    power(int64([1, 2]), [2, 3], { out });
    expect(out.toArray()).toEqual([1n, 8n]);
  });
});
