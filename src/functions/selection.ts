// Selection and comparison (NumPy 2.4): where, nonzero, clip, take,
// compress, isclose, allclose, arrayEqual, and NDArray's boolean-mask and
// integer-array indexing methods (a.take, a.compress, a.getMask, a.nonzero).
// Elementwise work goes through the native ufuncs (where's masked copy,
// clip's maximum/minimum, isclose's arithmetic); where's common case,
// nonzero and the gathers (take, compress, getMask) are native kernels
// (native/core/kernels/select.cc).
import { describeValue, makeError } from '../base/errors.js';
import { type DType } from '../dtype/dtype.js';
import { type WeakKind, int64, resultType } from '../dtype/promotion.js';
import { type Casting, arrayCastingError, canCast } from '../dtype/casting.js';
import { NDArray, asClassOf } from '../array/ndarray.js';
import { broadcastShapes } from '../array/broadcast.js';
import { type Scalar } from '../dtype/elements.js';
import { isNDArray, uninitializedArray } from '../ufunc/arrays.js';
import { castCopy, castInto } from '../ufunc/engine.js';
import { valuesAt, writeAll } from '../ufunc/element-loops.js';
import { defaultScalarType, fitsInteger, scalarArray, weakKindOf } from '../ufunc/operands.js';
import { absolute, add, equal, greater_equal, isfinite, isnan, less_equal, logical_and, logical_or, maximum, minimum, multiply, not_equal, positive, subtract } from '../ufunc/ufuncs.js';
import { errstate } from '../ufunc/errstate.js';
import { native } from '../base/native.js';
import { anyPending } from '../base/busy.js';
import { baseArrayOverridden } from '../ufunc/dispatch.js';
import { activeRecorder } from '../ufunc/record.js';
import { arrayFunction } from './array-function.js';
import { contiguous, publicAs, toArray } from './shape.js';
import { normalizeAxisIndex } from './axes.js';
import type { AllcloseFunction, ArrayOperand, ClipFunction, CompressFunction, IscloseFunction, TakeFunction, WhereFunction } from './signatures.js';

// The ufuncs' typed overloads do not see this module's unknown-typed operands.
type AnyUfunc = (...args: unknown[]) => unknown;

// ---------------------------------------------------------------------------
// Helpers

// The truth value of every element, as a bool array (NumPy's nonzero test).
function truthOf(a: NDArray): NDArray {
  return a.dtype.kind === 'b' ? a : (not_equal(a, 0) as NDArray);
}


// Bytes of a C-contiguous array.
function bytesOf(a: NDArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.size * a.itemsize);
}

// A C-contiguous, native-order copy of `a` (itself when it is one) whose
// data is aligned for typed access (at most 8 bytes).
function alignedContiguous(a: NDArray): NDArray {
  const c = contiguous(a);
  return c.byteOffset % Math.min(c.itemsize, 8) === 0 ? c : c.copy();
}

// The int64 elements of a fresh int64 array, for the native kernels.
function int64View(a: NDArray): BigInt64Array {
  return new BigInt64Array(a.buffer as ArrayBuffer, a.byteOffset, a.size);
}

/** The C-order coordinates of the true elements of a bool array (ndim >= 1), one int64 array per axis. */
function trueCoordinates(mask: NDArray): NDArray[] {
  const bytes = bytesOf(contiguous(mask));
  const count = native.countNonzero(bytes);
  const coords = mask.shape.map(() => uninitializedArray([count], int64));
  native.nonzeroCoordinates(bytes, mask.shape, coords.map(int64View));
  return coords;
}

/** Flat (C-order) positions of the true elements of a bool array, as int64. */
function truePositions(mask: NDArray): NDArray {
  return trueCoordinates(mask.reshape(mask.size))[0]!;
}

// The dtype and operands of several inputs, NEP 50 style: arrays are strong,
// JS scalars weak.
function operandTypes(values: readonly unknown[]): DType {
  const strong: DType[] = [];
  const weak: WeakKind[] = [];
  for (const value of values) {
    const kind = isNDArray(value) || Array.isArray(value) ? undefined : weakKindOf(value);
    if (kind) weak.push(kind);
    else strong.push(toArray(value).dtype);
  }
  return resultType(strong, weak);
}

// A JS scalar as a 0-d array of `dt`; an integer `dt` cannot hold stays in
// its own type (where then wraps it with an unsafe cast, as NumPy does).
function asOperand(value: unknown, dt: DType): NDArray {
  const kind = isNDArray(value) || Array.isArray(value) ? undefined : weakKindOf(value);
  if (kind === undefined) return toArray(value);
  if (kind === 'int' && !fitsInteger(value, dt)) return scalarArray(value, defaultScalarType(value, kind));
  return scalarArray(value, dt);
}

function unwrap0d(a: NDArray): NDArray | Scalar {
  return a.ndim === 0 ? a.get() : a;
}

// ---------------------------------------------------------------------------
// where, nonzero

function nonzeroOf(a: NDArray): NDArray[] {
  if (a.ndim === 0) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.');
  }
  return trueCoordinates(truthOf(a));
}

/**
 * NumPy's `nonzero(a)`: one int64 array per axis holding the indices of the
 * nonzero (true) elements, in C order. 0-d input is an error, as in NumPy 2.
 */
export const nonzero = publicAs<(a: ArrayOperand) => NDArray<'int64'>[]>(arrayFunction(
  { name: 'nonzero', optionsAt: 1, relevant: ([a]) => [a] },
  (a: unknown): NDArray[] => nonzeroOf(toArray(a)),
));


// The mask as C-contiguous bytes of the result's shape, when it already is one.
function contiguousMask(mask: NDArray, shape: readonly number[]): Uint8Array | undefined {
  if (mask.ndim !== shape.length || mask.shape.some((n, i) => n !== shape[i]) || !mask.flags.cContiguous) return undefined;
  return bytesOf(mask);
}

// An operand's bytes for the native select: the whole array when it is
// contiguous at the result's shape, or its one element when 0-d; undefined
// when it is neither or not already in the result dtype.
function selectOperand(a: NDArray, out: NDArray): { bytes: Uint8Array; step: 0 | 1 } | undefined {
  if (!a.dtype.equals(out.dtype) || a.dtype.byteorder !== out.dtype.byteorder) return undefined;
  const scalar = a.ndim === 0;
  if (!scalar && (a.ndim !== out.ndim || a.shape.some((n, i) => n !== out.shape[i]) || !a.flags.cContiguous)) return undefined;
  if (a.byteOffset % Math.min(a.itemsize, 8) !== 0) return undefined;
  return { bytes: new Uint8Array(a.buffer, a.byteOffset, (scalar ? 1 : a.size) * a.itemsize), step: scalar ? 0 : 1 };
}

// where's common case in one native pass: mask, x, y contiguous at the
// result's shape (or 0-d), already in the result dtype.
function selectDirectly(out: NDArray, mask: Uint8Array | undefined, x: NDArray, y: NDArray): boolean {
  if (!mask || ![1, 2, 4, 8, 16].includes(out.itemsize)) return false;
  const xs = selectOperand(x, out);
  const ys = selectOperand(y, out);
  if (!xs || !ys) return false;
  native.selectWhere(mask, xs.bytes, xs.step, ys.bytes, ys.step, bytesOf(out), out.itemsize);
  return true;
}

/**
 * NumPy's `where(condition, [x, y])`: with x and y, the elements of x where
 * the condition holds and of y elsewhere, broadcast together; the dtype is
 * x's and y's result type (JS scalars are weak, NEP 50). With the condition
 * only, `nonzero(condition)`.
 */
export const where = publicAs<WhereFunction>(arrayFunction(
  { name: 'where', optionsAt: 3, relevant: ([condition, x, y]) => [condition, x, y] },
  (condition: unknown, x: unknown, y: unknown): NDArray[] | NDArray | Scalar => {
    if (x === undefined && y === undefined) return nonzeroOf(toArray(condition, 'condition'));
    if (x === undefined || y === undefined) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'either both or neither of x and y should be given');
    const mask = truthOf(toArray(condition, 'condition'));
    const dt = operandTypes([x, y]);
    const xs = asOperand(x, dt);
    const ys = asOperand(y, dt);
    const shape = broadcastShapes([mask.shape, xs.shape, ys.shape]);
    const out = uninitializedArray(shape, dt);
    if (out.size === 0) return out;
    if (selectDirectly(out, contiguousMask(mask, shape), xs, ys)) return out;
    if (!dt.numeric) {
      // Strings, voids, datetimes: element by element (no native loop copies them).
      const chosen = valuesAt(mask, shape);
      const xv = valuesAt(castCopy(xs, dt), shape);
      const yv = valuesAt(castCopy(ys, dt), shape);
      writeAll(out, chosen.map((c, i) => (c ? xv[i] : yv[i])));
      return out;
    }
    castInto(ys, out);
    // maximum(x, x) is x for every dtype (NaN and -0 included): the masked
    // native loop copies x's elements (converted to dt) where the mask holds.
    maximum(xs, xs, { out, where: mask, dtype: dt, casting: 'unsafe' });
    return out;
  },
));


// ---------------------------------------------------------------------------
// clip

/** Options of {@link clip}: NumPy's keyword forms of the bounds, and ufunc keywords. */
export interface ClipOptions {
  /** Lower bound (instead of the positional one); null or absent: none. */
  readonly min?: unknown;
  /** Upper bound (instead of the positional one); null or absent: none. */
  readonly max?: unknown;
  /** An array of the result's shape to write into (returned). */
  readonly out?: NDArray | null;
  /** A boolean mask: only elements where it is true are clipped into `out`. */
  readonly where?: unknown;
  /** The result dtype (NumPy's ufunc `dtype`). */
  readonly dtype?: import('../dtype/dtype.js').DTypeLike;
  /** Casting rule for the inputs into the result (default 'same_kind'). */
  readonly casting?: Casting;
}

// clip of a float32/float64 NDArray (not a subclass, nothing overriding
// NDArray's ufuncs, no async call pending) with JS-number bounds and no
// ufunc keyword, natively (native/core/kernels/select.h): one pass for a
// C-contiguous array, a copy first for a view. This is also what gives
// NumPy's clip loop semantics with both bounds (an element equal to a bound
// stays, its zero's sign included), which maximum-then-minimum does not.
// `out` is written directly when it is a C-contiguous array of the same
// dtype and shape. The bounds are weak Python floats (NEP 50): the result
// keeps the array's dtype and a float32 bound is rounded to float32 (one
// that overflows float32 takes the general path).
function clipDirectly(a: unknown, lo: unknown, hi: unknown, out: NDArray | undefined, options: object): NDArray | undefined {
  if (!(a instanceof NDArray) || Object.getPrototypeOf(a) !== NDArray.prototype || Object.keys(options).length > 0) return undefined;
  const dt = a.dtype;
  if ((dt.name !== 'float64' && dt.name !== 'float32') || !dt.isNative || a.ndim === 0 || a.size === 0) return undefined;
  if ((lo !== null && typeof lo !== 'number') || (hi !== null && typeof hi !== 'number')) return undefined;
  if (out !== undefined) {
    const fits = out.dtype.equals(dt) && out.dtype.isNative && out.ndim === a.ndim && out.shape.every((n, d) => n === a.shape[d]);
    if (!fits || !out.flags.cContiguous || out.byteOffset % dt.itemsize !== 0) return undefined;
  }
  if (activeRecorder || anyPending() || baseArrayOverridden()) return undefined;
  const bound = (b: number | null): number | null | undefined => {
    if (b === null || dt.itemsize === 8) return b;
    const rounded = Math.fround(b);
    return Number.isFinite(b) && !Number.isFinite(rounded) ? undefined : rounded;
  };
  const low = bound(lo);
  const high = bound(hi);
  if (low === undefined || high === undefined) return undefined;
  out?._checkWritable();
  out?._dataView(); // the checks every write makes (read-only, disposed, busy)
  const source = a.flags.cContiguous && a.byteOffset % dt.itemsize === 0 ? a : a.copy();
  source._dataView(); // the checks every read makes (disposed, shrunk buffer)
  const result = out ?? uninitializedArray(a.shape, dt);
  const bytes = a.size * dt.itemsize;
  native.clipContiguous(new Uint8Array(source.buffer, source.byteOffset, bytes), new Uint8Array(result.buffer, result.byteOffset, bytes), dt.itemsize as 4 | 8, low, high);
  return result;
}

// NumPy's clip loop is min(max(x, lo), hi) where max and min keep their
// first operand on a tie, while the maximum and minimum ufuncs of
// float32/float64 give the second (so -0.0 clipped to [0.0, 0.0] would
// become 0.0). Ties change only the sign of a zero, so where the result of a
// real float array is zero it is computed again with the loop's rule.
function fixZeroTies(x: unknown, lo: unknown, hi: unknown, result: unknown, only: unknown): void {
  if (!isNDArray(x) || !isNDArray(result) || x.dtype.kind !== 'f') return;
  const ufunc = (u: unknown) => u as AnyUfunc;
  let zero = ufunc(equal)(result, 0);
  if (only !== undefined) zero = ufunc(logical_and)(zero, only);
  const choose = where as unknown as AnyUfunc;
  const low = choose(ufunc(greater_equal)(x, lo), x, lo);
  const exact = choose(ufunc(less_equal)(low, hi), low, hi);
  ufunc(positive)(exact, { out: result, where: zero, casting: 'unsafe' });
}

/**
 * NumPy's `clip(a, a_min=None, a_max=None, out=None, *, min=None, max=None,
 * **kwargs)`: each element limited to [a_min, a_max] (`minimum(maximum(a,
 * a_min), a_max)`; NaN propagates; with both bounds an element equal to one
 * stays as it is, as in NumPy's clip loop). Either bound may be null; with
 * both null the result is a copy of `a`.
 */
export const clip = publicAs<ClipFunction<ClipOptions>>(arrayFunction(
  {
    name: 'clip',
    optionsAt: 4,
    relevant: ([a, aMin, aMax, out], kwargs) => [a, aMin, aMax, out ?? kwargs.out, kwargs.min, kwargs.max],
  },
  (a: unknown, aMin: unknown, aMax: unknown, outArg: NDArray | null | undefined, options: ClipOptions): NDArray | Scalar => {
    if (aMin !== undefined && aMin !== null && options.min !== undefined && options.min !== null) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Passed more than one argument for the same bound: `a_min` and `min` (use one of them)');
    }
    if (aMax !== undefined && aMax !== null && options.max !== undefined && options.max !== null) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Passed more than one argument for the same bound: `a_max` and `max` (use one of them)');
    }
    const lo = aMin ?? options.min ?? null;
    const hi = aMax ?? options.max ?? null;
    const out = outArg ?? options.out ?? undefined;
    const { min: _min, max: _max, out: _out, ...ufuncOptions } = options;
    const array = isNDArray(a) || Array.isArray(a) ? toArray(a) : a;
    const common = ufuncOptions;
    if (lo === null && hi === null) {
      const copy = asOperand(array, operandTypes([array]));
      if (out) {
        castInto(copy, out);
        return out;
      }
      return unwrap0d(copy.copy());
    }
    const direct = clipDirectly(array, lo, hi, out, ufuncOptions);
    if (direct) return direct;
    let result: unknown = array;
    if (lo !== null) result = (maximum as AnyUfunc)(result, lo, { ...common, out });
    if (hi !== null) result = (minimum as AnyUfunc)(result, hi, { ...common, out: out ?? (isNDArray(result) && result !== array ? result : undefined) });
    if (lo !== null && hi !== null) fixZeroTies(array, lo, hi, result, common.where);
    return result as NDArray | Scalar;
  },
));


// ---------------------------------------------------------------------------
// take, compress

/** Options of {@link take}. */
export interface TakeOptions {
  /** The axis to take along; null (default) takes from the flattened array. */
  readonly axis?: number | null;
  /** Where to put the result (its shape must be the result's). */
  readonly out?: NDArray | null;
  /** Out-of-range indices: 'raise' (default), 'wrap' (modulo) or 'clip' (to the ends). */
  readonly mode?: 'raise' | 'wrap' | 'clip';
}

function checkMode(mode: unknown): 'raise' | 'wrap' | 'clip' {
  if (mode === undefined || mode === null) return 'raise';
  if (mode === 'raise' || mode === 'wrap' || mode === 'clip') return mode;
  throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `clipmode must be one of 'clip', 'raise', or 'wrap' (got ${typeof mode === 'string' ? `'${mode}'` : describeValue(mode)})`);
}

const takeModes = { raise: 0, wrap: 1, clip: 2 } as const;

// Gathers along `axis` of `a` the positions `indices` (int64, in [-n, n) or
// resolved by `mode`) in one native pass; the result has shape
// a.shape[:axis] + indexShape + a.shape[axis+1:]. Under 'raise' an index
// out of range is NumPy's IndexError.
function gather(a: NDArray, axis: number, indices: NDArray, indexShape: readonly number[], mode: 'raise' | 'wrap' | 'clip'): NDArray {
  const shape = [...a.shape.slice(0, axis), ...indexShape, ...a.shape.slice(axis + 1)];
  const out = uninitializedArray(shape, a.dtype);
  if (out.size === 0) return out;
  const source = alignedContiguous(a);
  const n = a.shape[axis]!;
  let outer = 1;
  for (let d = 0; d < axis; d += 1) outer *= a.shape[d]!;
  const chunk = (a.size / (outer * n)) * a.itemsize;
  if (n === 0) throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', 'cannot do a non-empty take from an empty axes.');
  const values = int64View(indices);
  const bad = native.takeAlong(bytesOf(source), bytesOf(out), values, n, outer, chunk, takeModes[mode]);
  if (bad >= 0) throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `index ${values[bad]} is out of bounds for axis ${axis} with size ${n}`);
  return out;
}

// The indices argument as a C-contiguous, aligned int64 array: any numeric
// array converts (NumPy's take accepts float index lists the same way).
function indexArray(indices: unknown): NDArray {
  const array = toArray(indices, 'indices');
  if (!'biuf'.includes(array.dtype.kind)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `Cannot cast array data from ${array.dtype.toString()} to dtype('int64') according to the rule 'safe'`);
  }
  const ready = array.dtype.name === 'int64' && array.dtype.isNative && array.flags.cContiguous && array.byteOffset % 8 === 0;
  return ready ? array : array.astype('int64');
}

function deliver(result: NDArray, out: NDArray | null | undefined): NDArray | Scalar {
  if (out === undefined || out === null) return unwrap0d(result);
  if (!isNDArray(out)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `out must be an NDArray, got ${describeValue(out)}`);
  // NumPy writes through a copy of out in the source dtype: out's dtype must cast safely to it.
  if (!canCast(out.dtype, result.dtype, 'safe')) throw arrayCastingError(out.dtype, result.dtype, 'safe');
  if (out.ndim !== result.ndim || out.shape.some((n, i) => n !== result.shape[i])) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'output array does not match result of ndarray.take');
  }
  out._checkWritable();
  castInto(result, out);
  return out;
}

function takeImpl(a: NDArray, indices: unknown, axis: number | null | undefined, mode: 'raise' | 'wrap' | 'clip'): NDArray {
  const source = axis === null || axis === undefined ? a.reshape(-1) : a;
  const along = axis === null || axis === undefined ? 0 : normalizeAxisIndex(axis, a.ndim);
  const index = indexArray(indices);
  // A subclass input gives its class (np.take and np.compress keep it); a 0-d result is still a scalar.
  return asClassOf(gather(source, along, index, index.shape, mode), a);
}

/**
 * NumPy's `take(a, indices, axis=None, out=None, mode='raise')`: the
 * elements at `indices` along `axis` (of the flattened array when axis is
 * null). The result has shape `a.shape[:axis] + indices.shape +
 * a.shape[axis+1:]`; a 0-d result is returned as a JS scalar.
 */
export const take = publicAs<TakeFunction<TakeOptions>>(arrayFunction(
  { name: 'take', optionsAt: 3, relevant: ([a], kwargs) => [a, kwargs.out] },
  (a: unknown, indices: unknown, axis: number | null | undefined, options: TakeOptions): NDArray | Scalar => {
    const result = takeImpl(toArray(a), indices, axis ?? options.axis, checkMode(options.mode));
    return deliver(result, options.out);
  },
));


function compressImpl(condition: unknown, a: NDArray, axis: number | null | undefined): NDArray {
  const cond = toArray(condition, 'condition');
  if (cond.ndim !== 1) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'condition must be a 1-d array');
  return takeImpl(a, truePositions(truthOf(cond)), axis, 'raise');
}

/** Options of {@link compress}. */
export interface CompressOptions {
  /** The axis to select along; null (default) selects from the flattened array. */
  readonly axis?: number | null;
  /** An array of the result's shape to write into (returned). */
  readonly out?: NDArray | null;
}

/**
 * NumPy's `compress(condition, a, axis=None, out=None)`: the slices of `a`
 * along `axis` where the 1-d `condition` is true (a shorter condition
 * counts as false beyond its end).
 */
export const compress = publicAs<CompressFunction<CompressOptions>>(arrayFunction(
  { name: 'compress', optionsAt: 3, relevant: ([condition, a], kwargs) => [condition, a, kwargs.out] },
  (condition: unknown, a: unknown, axis: number | null | undefined, options: CompressOptions): NDArray | Scalar => {
    return deliver(compressImpl(condition, toArray(a), axis ?? options.axis), options.out);
  },
));


// ---------------------------------------------------------------------------
// isclose, allclose, arrayEqual

/** Options of {@link isclose} and {@link allclose}. */
export interface IscloseOptions {
  /** Relative tolerance (default 1e-5). */
  readonly rtol?: unknown;
  /** Absolute tolerance (default 1e-8). */
  readonly atol?: unknown;
  /** Whether NaNs compare equal (default false). */
  readonly equal_nan?: boolean;
  /** Alias of equal_nan. */
  readonly equalNan?: boolean;
}

function iscloseImpl(a: unknown, b: unknown, rtol: unknown, atol: unknown, equalNan: boolean): NDArray | boolean {
  const x = isNDArray(a) || Array.isArray(a) ? toArray(a) : a;
  let y = isNDArray(b) || Array.isArray(b) ? toArray(b) : b;
  const rt = Array.isArray(rtol) ? toArray(rtol) : rtol;
  const at = Array.isArray(atol) ? toArray(atol) : atol;
  if (isNDArray(y) && y.dtype.kind !== 'm') {
    const dt = resultType([y.dtype], ['float']);
    if (!y.dtype.equals(dt)) y = y.astype(dt);
  } else if (typeof y === 'number' || typeof y === 'bigint') {
    y = Number(y);
  }
  return errstate({ invalid: 'ignore' }, () => {
    const close = (less_equal as AnyUfunc)((absolute as AnyUfunc)((subtract as AnyUfunc)(x, y)), (add as AnyUfunc)(at, (multiply as AnyUfunc)(rt, (absolute as AnyUfunc)(y))));
    let result = (logical_or as AnyUfunc)((logical_and as AnyUfunc)(close, (isfinite as AnyUfunc)(y)), (equal as AnyUfunc)(x, y));
    if (equalNan) result = (logical_or as AnyUfunc)(result, (logical_and as AnyUfunc)((isnan as AnyUfunc)(x), (isnan as AnyUfunc)(y)));
    return result as NDArray | boolean;
  });
}

/**
 * NumPy's `isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`:
 * elementwise `|a - b| <= atol + rtol * |b|` for finite b, else a == b
 * (NumPy's formula, not symmetric in a and b). A bool array, or a boolean
 * for scalar inputs.
 */
export const isclose = publicAs<IscloseFunction<IscloseOptions>>(arrayFunction(
  { name: 'isclose', optionsAt: 4, relevant: ([a, b, rtol, atol], kwargs) => [a, b, rtol ?? kwargs.rtol, atol ?? kwargs.atol] },
  (a: unknown, b: unknown, rtol: unknown, atol: unknown, options: IscloseOptions): NDArray | boolean =>
    iscloseImpl(a, b, rtol ?? options.rtol ?? 1e-5, atol ?? options.atol ?? 1e-8, options.equal_nan ?? options.equalNan ?? false),
));


function allOf(value: NDArray | boolean | Scalar): boolean {
  if (!isNDArray(value)) return Boolean(value);
  return logical_and.reduce(value, { axis: null }) as boolean;
}

/** NumPy's `allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`: whether every pair is {@link isclose}. */
export const allclose = publicAs<AllcloseFunction<IscloseOptions>>(arrayFunction(
  { name: 'allclose', optionsAt: 4, relevant: ([a, b, rtol, atol], kwargs) => [a, b, rtol ?? kwargs.rtol, atol ?? kwargs.atol] },
  (a: unknown, b: unknown, rtol: unknown, atol: unknown, options: IscloseOptions): boolean =>
    allOf(iscloseImpl(a, b, rtol ?? options.rtol ?? 1e-5, atol ?? options.atol ?? 1e-8, options.equal_nan ?? options.equalNan ?? false)),
));


/**
 * NumPy's `array_equal(a1, a2, equal_nan=False)`: true when both have the
 * same shape and equal elements (NaNs equal each other with equal_nan).
 * Inputs that cannot be arrays give false, as in NumPy.
 */
export const arrayEqual = publicAs<(a1: ArrayOperand, a2: ArrayOperand, equalNan?: boolean | { readonly equal_nan?: boolean; readonly equalNan?: boolean }) => boolean>(arrayFunction(
  { name: 'arrayEqual', optionsAt: 3, relevant: ([a1, a2]) => [a1, a2] },
  (a1: unknown, a2: unknown, equalNanArg: boolean | undefined, options: { readonly equal_nan?: boolean; readonly equalNan?: boolean }): boolean => {
    let x: NDArray;
    let y: NDArray;
    try {
      x = toArray(a1, 'a1');
      y = toArray(a2, 'a2');
    } catch {
      return false;
    }
    if (x.ndim !== y.ndim || x.shape.some((n, i) => n !== y.shape[i])) return false;
    const equalNan = equalNanArg ?? options.equal_nan ?? options.equalNan ?? false;
    let eq = equal(x, y) as NDArray | boolean;
    if (equalNan && ('fc'.includes(x.dtype.kind) || 'fc'.includes(y.dtype.kind))) {
      const xNan = isnan(x) as NDArray | boolean;
      const yNan = isnan(y) as NDArray | boolean;
      if (!allOf(equal(xNan, yNan) as NDArray | boolean)) return false;
      eq = logical_or(eq, xNan) as NDArray | boolean;
    }
    return allOf(eq);
  },
));


// ---------------------------------------------------------------------------
// Indexing methods

/**
 * NumPy's boolean-mask indexing `a[mask]`: the elements (or sub-arrays) at
 * the true positions of `mask`, whose shape must equal the leading axes of
 * `a`; the result is a new 1-d array (ndim - mask.ndim + 1 dimensions).
 */
function getMask(this: NDArray, mask: unknown): NDArray {
  const m = toArray(mask, 'mask');
  if (m.dtype.kind !== 'b') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `getMask expects a boolean mask, got ${m.dtype.name} (use a.take(indices, { axis: 0 }) for integer indices)`);
  }
  if (m.ndim > this.ndim) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `too many indices for array: array is ${this.ndim}-dimensional, but ${m.ndim} were indexed`);
  }
  for (let d = 0; d < m.ndim; d += 1) {
    if (m.shape[d] !== this.shape[d]) {
      throw makeError(
        RangeError,
        'ERR_OUT_OF_BOUNDS',
        `boolean index did not match indexed array along axis ${d}; size of axis is ${this.shape[d]} but size of corresponding boolean axis is ${m.shape[d]}`,
      );
    }
  }
  const lead = m.size;
  const flat = this.reshape([lead, ...this.shape.slice(m.ndim)]);
  const positions = truePositions(m);
  return gather(flat, 0, positions, positions.shape, 'raise');
}

/** @internal Selection methods attached to NDArray.prototype by src/protocols.ts. */
export const selectionMethods = {
  take(this: NDArray, indices: unknown, options: TakeOptions = {}): NDArray | Scalar {
    return take(this, indices as never, options);
  },
  compress(this: NDArray, condition: unknown, options: CompressOptions = {}): NDArray | Scalar {
    return compress(condition as never, this, options);
  },
  nonzero(this: NDArray): NDArray[] {
    return nonzero(this);
  },
  clip(this: NDArray, min?: unknown, max?: unknown, options: ClipOptions = {}): NDArray | Scalar {
    return clip(this, min ?? null, max ?? null, options);
  },
  getMask,
};

declare module '../array/ndarray.js' {
  interface NDArray {
    /** Integer-array indexing: {@link take} on this array (`a.take(idx, { axis: 0 })` is NumPy's `a[idx]`). */
    take(indices: unknown, options?: TakeOptions): NDArray | Scalar;
    /** The slices where a 1-d condition is true: {@link compress}. */
    compress(condition: unknown, options?: CompressOptions): NDArray | Scalar;
    /** Indices of the nonzero elements, one int64 array per axis: {@link nonzero}. */
    nonzero(): NDArray[];
    /** Limits the elements to [min, max]: {@link clip}. */
    clip(min?: unknown, max?: unknown, options?: ClipOptions): NDArray | Scalar;
    /**
     * Boolean-mask indexing, NumPy's `a[mask]`: `mask` (bool, shaped like
     * the leading axes of this array) selects elements or sub-arrays; the
     * result is a new array with the selected ones along axis 0.
     */
    getMask(mask: unknown): NDArray;
  }
}

