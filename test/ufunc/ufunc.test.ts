// Ufunc calls and methods: expected values are NumPy 2.4's (from the shared
// fact sheet and checked in python3), written out by hand.
import { afterEach, describe, expect, it } from 'vitest';
import {
  NDArray, add, asarray, divide, divmod, equal, errstate, floor_divide, fmax, fmod, frexp, maximum, multiply,
  negative, power, remainder, seterr, sqrt, subtract, ufuncDispatch, ufuncs, logical_and,
} from '../../src/index.js';
import { viewOf } from '../../src/ufunc/arrays.js';
import { captureWarnings as captureAll } from '../helpers/warnings.js';

const arr = (values: unknown[], dtype: string): NDArray => asarray(values as never, { dtype });
const values = (x: unknown): unknown => (x instanceof NDArray ? x.toArray() : x);

// Warnings as 'Type: message' lines.
function captureWarnings(fn: () => void): string[] {
  return captureAll(fn).map((warning) => `${warning.name}: ${warning.message}`);
}

afterEach(() => {
  seterr({ divide: 'warn', over: 'warn', under: 'ignore', invalid: 'warn' });
});

describe('ufunc objects', () => {
  it("carry NumPy's attributes", () => {
    expect([add.name, add.nin, add.nout, add.nargs, add.identity]).toEqual(['add', 2, 1, 3, 0]);
    expect([divmod.nin, divmod.nout, divmod.nargs, divmod.identity]).toEqual([2, 2, 4, null]);
    expect([multiply.identity, maximum.identity, ufuncs.logical_and.identity, ufuncs.bitwise_and.identity]).toEqual([1, null, true, -1]);
    expect(add.types).toContain('dd->d');
    expect(add.ntypes).toBe(add.types.length);
    expect(String(add)).toBe("<ufunc 'add'>");
  });

  it('exports NumPy aliases as the same objects', () => {
    expect(ufuncs.abs).toBe(ufuncs.absolute);
    expect(ufuncs.true_divide).toBe(divide);
    expect(ufuncs.mod).toBe(remainder);
    expect(ufuncs.pow).toBe(power);
    expect(ufuncs.bitwise_not).toBe(ufuncs.invert);
  });
});

describe('calls', () => {
  it('broadcasts and promotes (int8 + uint8 -> int16)', () => {
    const r = add(arr([[1], [2]], 'int8'), arr([10, 20, 30], 'uint8')) as NDArray;
    expect(r.dtype.name).toBe('int16');
    expect(r.toArray()).toEqual([[11, 21, 31], [12, 22, 32]]);
  });

  it('returns JS scalars for 0-d results and the out array itself when given', () => {
    expect(add(1, 2)).toBe(3n);
    expect(add(1.5, 2)).toBe(3.5);
    expect(equal(arr([1], 'int32'), 1)).toBeInstanceOf(NDArray);
    const out = arr([0, 0], 'float64');
    expect(add(arr([1, 2], 'float64'), 1, { out })).toBe(out);
    expect(add(arr([1, 2], 'float64'), 1, { out: [out] })).toBe(out);
    expect(out.toArray()).toEqual([2, 3]);
  });

  it('returns one value per output for divmod and frexp', () => {
    const [q, r] = divmod(arr([7, -7, 7, -7], 'int32'), arr([2, 2, -2, -2], 'int32'));
    expect([values(q), values(r)]).toEqual([[3, -4, -4, 3], [1, 1, -1, -1]]);
    const [mantissa, exponent] = frexp(arr([8], 'float64'));
    expect([values(mantissa), values(exponent)]).toEqual([[0.5], [4]]);
  });

  it('keeps masked slots of out with where', () => {
    const out = arr([9, 9, 9], 'float64');
    add(arr([1, 2, 3], 'float64'), 1, { out, where: arr([true, false, true], 'bool') });
    expect(out.toArray()).toEqual([2, 9, 4]);
  });

  it('gives the result as if inputs were copied when out overlaps them', () => {
    const a = arr([0, 1, 2, 3, 4], 'float64');
    const head = viewOf(a, a.byteOffset, [4], [8]);
    const tail = viewOf(a, a.byteOffset + 8, [4], [8]);
    add(head, tail, { out: tail });
    expect(a.toArray()).toEqual([0, 1, 3, 5, 7]);
  });

  it('casts results into out when the casting rule allows', () => {
    const out = arr([0, 0], 'float32');
    add(arr([1, 2], 'int32'), arr([1, 2], 'int32'), { out });
    expect(out.toArray()).toEqual([2, 4]);
  });

  it('selects the loop with dtype', () => {
    const r = add(arr([1], 'int8'), arr([2], 'int8'), { dtype: 'float32' }) as NDArray;
    expect(r.dtype.name).toBe('float32');
  });
});

describe('NumPy semantics', () => {
  it('wraps integer overflow silently', () => {
    expect(values(add(arr([127], 'int8'), 1))).toEqual([-128]);
    expect(values(subtract(arr([0], 'uint8'), 1))).toEqual([255]);
    expect(values(add(arr([200], 'uint8'), 255))).toEqual([199]);
  });

  it('divides integers by zero to 0 with a divide warning', () => {
    const warnings = captureWarnings(() => {
      expect(values(floor_divide(arr([7, -7], 'int32'), 0))).toEqual([0, 0]);
    });
    expect(warnings).toEqual(['RuntimeWarning: divide by zero encountered in floor_divide']);
  });

  it('takes the divisor sign in remainder and the dividend sign in fmod', () => {
    const a = arr([7, -7, 7, -7], 'int64');
    const b = arr([2, 2, -2, -2], 'int64');
    expect(values(remainder(a, b))).toEqual([1n, 1n, -1n, -1n]);
    expect(values(fmod(a, b))).toEqual([1n, -1n, 1n, -1n]);
  });

  it('refuses negative integer powers of integers', () => {
    expect(() => power(arr([2], 'int32'), -1)).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_UFUNC_VALUE', message: 'Integers to negative integer powers are not allowed.' }),
    );
    expect(values(power(arr([2], 'int32'), 3))).toEqual([8]);
  });

  it('propagates NaN through maximum but not fmax', () => {
    expect(maximum.reduce(arr([1, NaN, 3], 'float64'))).toBeNaN();
    expect(fmax.reduce(arr([1, NaN, 3], 'float64'))).toBe(3);
  });

  it("refuses bool subtract and negative with NumPy's messages, and computes bool add as or", () => {
    const b = arr([true, false], 'bool');
    expect(() => subtract(b, b)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_UFUNC_TYPE', message: expect.stringMatching(/^numpy boolean subtract, the `-` operator, is not supported/) }),
    );
    expect(() => negative(b)).toThrow(expect.objectContaining({ code: 'ERR_UFUNC_TYPE' }));
    expect(values(add(b, b))).toEqual([true, false]);
  });

  it('warns for sqrt(-1) and raises under errstate raise', () => {
    expect(captureWarnings(() => expect(sqrt(-1)).toBeNaN())).toEqual(['RuntimeWarning: invalid value encountered in sqrt']);
    expect(() => errstate({ divide: 'raise' }, () => divide(arr([1], 'float64'), 0))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'divide by zero encountered in divide' }),
    );
  });

  it('treats JS scalars as weak Python scalars (NEP 50)', () => {
    expect((add(arr([1], 'uint8'), 255) as NDArray).dtype.name).toBe('uint8');
    expect((add(arr([1], 'float32'), 1.5) as NDArray).dtype.name).toBe('float32');
    expect((add(arr([1], 'int8'), 1.5) as NDArray).dtype.name).toBe('float64');
    expect((add(arr([true], 'bool'), 1) as NDArray).dtype.name).toBe('int64');
    expect((add(arr([1], 'float32'), { re: 0, im: 1 }) as NDArray).dtype.name).toBe('complex64');
    expect(() => add(arr([1], 'uint8'), 300)).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_BOUNDS', message: 'Python integer 300 out of bounds for uint8' }),
    );
    expect(values(equal(arr([1], 'uint8'), 300))).toEqual([false]);
    expect(values(logical_and(arr([2, 0], 'uint8'), -1))).toEqual([true, false]);
  });
});

describe('bad input', () => {
  it('rejects a wrong number of inputs and unknown options', () => {
    expect(() => add(1)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_COUNT', message: 'add() takes from 2 to 3 positional arguments but 1 was given' }),
    );
    expect(() => add(1, 2, { foo: 1 })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: "add() got an unexpected option 'foo' (expected one of out, where, dtype, casting, signature, sig)" }),
    );
    expect(() => add(1, 2, { casting: 'nope' as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  });

  it('rejects inputs that are not array-like', () => {
    expect(() => add(Symbol('x'), 1)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => sqrt(() => 1)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }));
  });

  it("reports incompatible shapes with NumPy's text, out and where included", () => {
    expect(() => add(arr([1, 2, 3], 'float64'), arr([1, 2, 3, 4], 'float64'))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_BROADCAST', message: 'operands could not be broadcast together with shapes (3,) (4,) ' }),
    );
    const out = arr([0, 0, 0], 'float64');
    expect(() => add(arr([[1, 2, 3], [4, 5, 6]], 'float64'), 1, { out })).toThrow(
      expect.objectContaining({ code: 'ERR_BROADCAST', message: "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)" }),
    );
  });

  it("rejects casts the rule forbids with NumPy's messages", () => {
    expect(() => add(arr([1.5], 'float64'), arr([1], 'float64'), { out: arr([0], 'int32') })).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        code: 'ERR_UFUNC_CASTING',
        message: "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'",
      }),
    );
    expect(() => add(arr([1], 'int32'), arr([1], 'float64'), { casting: 'no' })).toThrow(
      "Cannot cast ufunc 'add' input 0 from dtype('int32') to dtype('float64') with casting rule 'no'",
    );
    expect(() => add(arr([1], 'float64'), 1, { dtype: 'int32' })).toThrow(
      "Cannot cast ufunc 'add' input 0 from dtype('float64') to dtype('int32') with casting rule 'same_kind'",
    );
  });

  it('refuses arrays whose memory was transferred or disposed, inputs and outputs alike', () => {
    const buffer = new ArrayBuffer(16);
    const gone = asarray(new Float64Array(buffer));
    structuredClone(buffer, { transfer: [buffer] });
    const detached = expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED' });
    expect(() => add(gone, gone)).toThrow(detached);
    expect(() => sqrt(gone)).toThrow(detached);
    expect(() => add(arr([1, 2], 'float64'), 1, { out: gone })).toThrow(detached);
    expect(() => add.reduce(gone)).toThrow(detached);
    expect(() => add.at(gone, [0], 1)).toThrow(detached);
    const disposed = arr([1, 2], 'float64');
    disposed[Symbol.dispose]();
    expect(() => add(disposed, 1)).toThrow(detached);
  });

  it('rejects a read-only out, and out entries that are not arrays', () => {
    const readonlyOut = new NDArray({ buffer: new ArrayBuffer(8), dtype: 'float64', shape: [1], readonly: true });
    expect(() => add(arr([1], 'float64'), 1, { out: readonlyOut })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_READONLY', message: 'output array is read-only' }),
    );
    expect(() => add(1, 1, { out: [1] as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => add(1, 1, { out: [null, null] })).toThrow("The 'out' tuple must have exactly one entry per ufunc output");
  });
});

describe('reduce', () => {
  const m = () => arr([[1, 2, 3], [4, 5, 6]], 'int32');

  it('reduces along axis 0 by default, along several axes, and with keepdims and initial', () => {
    expect(values(add.reduce(m()))).toEqual([5n, 7n, 9n]);
    expect(add.reduce(m(), { axis: null })).toBe(21n);
    expect(values(add.reduce(m(), { axis: -1, keepdims: true }))).toEqual([[6n], [15n]]);
    expect(add.reduce(arr([1, 2], 'int32'), { initial: 10 })).toBe(13n);
    expect(values(add.reduce(m(), { axis: [] }))).toEqual([[1n, 2n, 3n], [4n, 5n, 6n]]);
    expect(values(maximum.reduce(m(), { axis: [0, 1] }))).toBe(6);
  });

  it('sums small integers and bools in int64, and keeps other dtypes', () => {
    expect(add.reduce(arr([100, 100], 'int8'))).toBe(200n);
    expect(add.reduce(arr([true, true], 'bool'))).toBe(2n);
    expect(multiply.reduce(arr([200, 2], 'uint8'))).toBe(400n);
    expect(maximum.reduce(arr([200, 2], 'uint8'))).toBe(200);
    expect(values(add.reduce(arr([100, 100], 'int8'), { out: arr([0], 'int8').reshape([]) as NDArray }))).toEqual(-56);
  });

  it('uses where with an identity', () => {
    expect(values(add.reduce(arr([[1, 2], [3, 4]], 'int64'), { where: arr([true, false], 'bool') }))).toEqual([4n, 0n]);
  });

  it("raises NumPy's errors", () => {
    expect(() => maximum.reduce(arr([], 'float64'))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_UFUNC_VALUE', message: 'zero-size array to reduction operation maximum which has no identity' }),
    );
    expect(() => add.reduce(m(), { axis: 2 })).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_AXIS', message: 'axis 2 is out of bounds for array of dimension 2' }),
    );
    expect(() => add.reduce(m(), { axis: [0, 0] })).toThrow("duplicate value in 'axis'");
    expect(() => subtract.reduce(m(), { axis: null })).toThrow(
      "reduction operation 'subtract' is not reorderable, so at most one axis may be specified",
    );
    expect(() => maximum.reduce(arr([1, 2], 'int32'), { where: arr([true, false], 'bool') })).toThrow(
      "reduction operation 'maximum' does not have an identity, so to use a where mask one has to specify 'initial'",
    );
    expect(() => sqrt.reduce(arr([1], 'float64'))).toThrow(expect.objectContaining({ name: 'TypeError', message: 'reduce only supported for binary functions' }));
    expect(() => add.reduce(m(), { bogus: 1 } as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  });
});

describe('accumulate, reduceat, outer, at', () => {
  it('accumulates along an axis', () => {
    expect(values(add.accumulate(arr([1, 2, 3], 'int8')))).toEqual([1n, 3n, 6n]);
    expect(values(maximum.accumulate(arr([[1, 5], [3, 2]], 'float64'), { axis: 1 }))).toEqual([[1, 5], [3, 3]]);
    expect(() => add.accumulate(arr([[1]], 'float64'), { axis: null } as never)).toThrow('accumulate does not allow multiple axes');
  });

  it('reduces slices with reduceat', () => {
    const a = arr([0, 1, 2, 3, 4, 5, 6, 7], 'int64');
    expect(values(add.reduceat(a, [0, 4, 1, 5]))).toEqual([6n, 4n, 10n, 18n]);
    expect(() => add.reduceat(a, [0, 8])).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_BOUNDS', message: 'index 8 out-of-bounds in add.reduceat [0, 8)' }),
    );
  });

  it('gives outer the shape a.shape + b.shape', () => {
    const r = multiply.outer(arr([[1, 2, 3], [4, 5, 6]], 'float64'), arr([1, 10, 100, 1000], 'float64')) as NDArray;
    expect(r.shape).toEqual([2, 3, 4]);
    expect(r.get(1, 2, 3)).toBe(6000);
  });

  it('applies at unbuffered, casting unsafely', () => {
    const a = arr([0, 0, 0, 0, 0], 'float64');
    expect(add.at(a, [0, 0, 1, 0], 1)).toBeUndefined();
    expect(a.toArray()).toEqual([3, 1, 0, 0, 0]);
    const u = arr([1, 2], 'uint8');
    add.at(u, [0], 300);
    expect(u.toArray()).toEqual([45, 2]);
    expect(() => add.at(arr([0, 0, 0], 'float64'), [5], 1)).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_BOUNDS', message: 'index 5 is out of bounds for axis 0 with size 3' }),
    );
    expect(() => divmod.at(arr([0], 'float64'), [0], 1)).toThrow('Only single output ufuncs supported at this time');
  });
});

describe('ufuncDispatch.createUfunc', () => {
  const clampedAdd = ufuncDispatch.createUfunc({
    name: 'clampedAdd',
    nin: 2,
    nout: 1,
    identity: 0,
    loops: { 'll->l': (a, b) => ((a as bigint) + (b as bigint) > 100n ? 100n : (a as bigint) + (b as bigint)), 'dd->d': (a, b) => Math.min((a as number) + (b as number), 100) },
  });

  it('broadcasts, promotes and runs the first loop the operands cast to safely', () => {
    const r = clampedAdd(arr([[1], [90]], 'int32'), arr([5, 50], 'int16')) as NDArray;
    expect(r.dtype.name).toBe('int64');
    expect(r.toArray()).toEqual([[6n, 51n], [95n, 100n]]);
    expect(values(clampedAdd(arr([1.5], 'float32'), 2))).toEqual([3.5]);
  });

  it('gets the methods and options of built-in ufuncs', () => {
    expect(clampedAdd.reduce(arr([60, 30, 20], 'int64'))).toBe(100n);
    expect(values(clampedAdd.accumulate(arr([60, 30, 20], 'int64')))).toEqual([60n, 90n, 100n]);
    const out = arr([7, 7], 'float64');
    clampedAdd(arr([1, 2], 'float64'), 1, { out, where: arr([false, true], 'bool') });
    expect(out.toArray()).toEqual([7, 3]);
    expect(String(clampedAdd)).toBe("<ufunc 'clampedAdd'>");
  });

  it('rejects malformed definitions', () => {
    expect(() => ufuncDispatch.createUfunc({ name: 'f', nin: 2, nout: 1, loops: { 'd->d': Math.abs as never } })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: "createUfunc: loop 'd->d' is not a signature of 2 input and 1 output type characters like 'dd->d'" }),
    );
    expect(() => ufuncDispatch.createUfunc({ name: '', nin: 1, nout: 1, loops: {} })).toThrow('createUfunc: name must be a non-empty string, got ""');
    expect(() => ufuncDispatch.createUfunc({ name: 'f', nin: 0, nout: 1, loops: {} })).toThrow('createUfunc: nin must be an integer from 1 to 32, got 0');
    expect(() => ufuncDispatch.createUfunc({ name: 'f', nin: 1, nout: 1, loops: { 'd->d': 3 as never } })).toThrow("createUfunc: loop 'd->d' must be a function, got 3");
  });
});

describe('edge cases', () => {
  it('handles size-0 and 0-d operands', () => {
    const empty = add(asarray(new Float64Array(0)), 1) as NDArray;
    expect(empty.shape).toEqual([0]);
    expect(add.reduce(asarray(new Float64Array(0)))).toBe(0);
    expect(values(add(viewOf(arr([5], 'int16'), 0, [], []), arr([1, 2], 'int16')))).toEqual([6, 7]);
  });

  it('returns complex 0-d results as { re, im }', () => {
    expect(multiply({ re: 0, im: 1 }, { re: 0, im: 1 })).toEqual({ re: -1, im: 0 });
  });

  it('computes on reversed (negative-stride) views, also when they alias out', () => {
    const a = arr([1, 2, 3, 4], 'float64');
    const reversed = viewOf(a, a.byteOffset + 24, [4], [-8]);
    add(a, reversed, { out: a });
    expect(a.toArray()).toEqual([5, 5, 5, 5]);
  });

  it('reduces into out with its dtype and keepdims shape', () => {
    const out = arr([[0], [0]], 'float32');
    expect(add.reduce(arr([[1, 2], [3, 4]], 'int32'), { axis: 1, keepdims: true, out })).toBe(out);
    expect(out.toArray()).toEqual([[3], [7]]);
    expect(() => add.reduce(arr([[1, 2], [3, 4]], 'int32'), { axis: 1, out: arr([0], 'float32').reshape([]) as NDArray })).toThrow(
      'output parameter for reduction operation add has the wrong number of dimensions: Found 0 but expected 1',
    );
  });

  it('applies unary at in place', () => {
    const a = arr([1, 2, 3], 'int32');
    negative.at(a, [0, 2]);
    expect(a.toArray()).toEqual([-1, 2, -3]);
  });

  it('keeps fp warnings of reductions', () => {
    const warnings = captureWarnings(() => multiply.reduce(arr([1e300, 1e300], 'float64')));
    expect(warnings).toEqual(['RuntimeWarning: overflow encountered in reduce']);
  });
});

describe('accumulate on float64/float32/int32 (JS path) matches the sequential NumPy result', () => {
  it('runs along any axis of strided input', () => {
    const m = arr([[1, 2, 3], [4, 5, 6]], 'float64');
    expect(values(add.accumulate(m, { axis: 1 }))).toEqual([[1, 3, 6], [4, 9, 15]]);
    expect(values(multiply.accumulate(m, { axis: 0 }))).toEqual([[1, 2, 3], [4, 10, 18]]);
    const strided = viewOf(arr([1, 9, 2, 9, 3, 9], 'float32'), 0, [3], [8]);
    expect(values(subtract.accumulate(strided))).toEqual([1, -1, -4]);
  });

  it('wraps int32 and rounds float32 at every step', () => {
    expect(values(add.accumulate(arr([2147483647, 1, 1], 'int32'), { dtype: 'int32' }))).toEqual([2147483647, -2147483648, -2147483647]);
    expect(values(add.accumulate(arr([16777216, 1, 1], 'float32')))).toEqual([16777216, 16777216, 16777216]);
  });

  it('still reports floating-point overflow', () => {
    const warnings = captureWarnings(() => {
      expect(values(multiply.accumulate(arr([1e300, 1e300], 'float64')))).toEqual([1e300, Infinity]);
    });
    expect(warnings).toEqual(['RuntimeWarning: overflow encountered in accumulate']);
  });
});

describe('at with a tuple of index arrays', () => {
  it('visits a[i, j] for each pair, repeatedly for repeated pairs', () => {
    const a = arr([[0, 0, 0], [0, 0, 0]], 'float64');
    add.at(a, [[0, 1, 1], [2, 2, 0]], 1);
    expect(a.toArray()).toEqual([[0, 0, 1], [1, 0, 1]]);
    const rows = arr([[0, 0, 0], [0, 0, 0]], 'float64');
    add.at(rows, [[0, 1]], arr([1, 2, 3], 'float64'));
    expect(rows.toArray()).toEqual([[1, 2, 3], [1, 2, 3]]);
  });

  it('names the axis of an out-of-bounds index, and refuses values that do not broadcast', () => {
    expect(() => add.at(arr([[0, 0, 0], [0, 0, 0]], 'float64'), [[0], [5]], 1)).toThrow('index 5 is out of bounds for axis 1 with size 3');
    expect(() => add.at(arr([0, 0, 0], 'float64'), [0, 1], arr([[1, 1], [1, 1], [1, 1]], 'float64'))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_BROADCAST', message: 'array is not broadcastable to correct shape' }),
    );
  });
});
