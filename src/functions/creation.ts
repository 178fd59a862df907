// Creation functions (NumPy 2.4): zeros, ones, empty, full, the *Like
// variants, arange, linspace, eye, identity, frombuffer and array. Each takes
// NEP 35's `like` option. Fills run in the native cast kernel (a 0-d value
// broadcast over the result), so large results fill at memory speed.
import { describeValue, makeError } from '../base/errors.js';
import { type DType, type DTypeLike, dtypeByName, littleEndianHost } from '../dtype/dtype.js';
import { float64, int64 } from '../dtype/promotion.js';
import { NDArray, type BufferSource, bufferWindow, checkViewableDType } from '../array/ndarray.js';
import { allocateBuffer, allocateForOverwrite } from '../base/memory.js';
import { shapeSize } from '../array/broadcast.js';
import { maxDims } from '../base/validate.js';
import { asarray } from '../interop/asarray.js';
import { type Scalar } from '../dtype/elements.js';
import { defaultScalarType, scalarArray, weakKindOf } from '../ufunc/operands.js';
import { castInto } from '../ufunc/engine.js';
import { writerFor } from '../ufunc/arrays.js';
import { add, floor, multiply } from '../ufunc/ufuncs.js';
import { arrayFunction } from './array-function.js';
import { checkOrder, orderedStrides, publicAs, toArray, tupleText } from './shape.js';
import type { ArangeFunction, ArrayFunctionCall, EyeFunction, FilledFunction, FrombufferFunction, FullFunction, FullLikeFunction, IdentityFunction, LikeFunction, LinspaceFunction } from './signatures.js';

/** A shape: one length, or one per axis. */
export type ShapeLike = number | readonly number[];

/** Options shared by zeros, ones, empty and full. */
export interface CreationOptions {
  /** The element type (default float64; for full, the fill value's type). */
  readonly dtype?: DTypeLike | null;
  /** Memory layout: 'C' (row-major, default) or 'F' (column-major). */
  readonly order?: 'C' | 'F';
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

/** Options of the *Like functions. */
export interface LikeOptions {
  /** The element type (default: the prototype's). */
  readonly dtype?: DTypeLike | null;
  /** 'K' (default: keep the prototype's layout where it is F-contiguous), 'A', 'C' or 'F'. */
  readonly order?: 'C' | 'F' | 'A' | 'K';
  /** A shape overriding the prototype's. */
  readonly shape?: ShapeLike | null;
}

function shapeOf(shape: unknown): number[] {
  const list = typeof shape === 'number' || typeof shape === 'bigint' ? [shape] : shape;
  if (!Array.isArray(list)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected shape to be an integer or an array of integers, got ${describeValue(shape)}`);
  }
  if (list.length > maxDims) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `maximum supported dimension for an ndarray is currently ${maxDims}, found ${list.length}`);
  return list.map((n: unknown) => {
    const value = typeof n === 'bigint' ? Number(n) : n;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected shape entries to be integers, got ${describeValue(n)}`);
    }
    if (value < 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'negative dimensions are not allowed');
    return value;
  });
}

function dtypeOr(spec: unknown, fallback: DType): DType {
  return spec === undefined || spec === null ? fallback : checkViewableDType(spec);
}

function fresh(shape: readonly number[], dt: DType, order: string, overwritten = false): NDArray {
  const size = shapeSize(shape);
  if (!Number.isSafeInteger(size * dt.itemsize)) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.');
  return NDArray._fromValidated({
    // Memory every element of which the caller writes may come from the
    // result pool: warm, not zeroed (src/base/memory.ts).
    buffer: overwritten ? allocateForOverwrite(size * dt.itemsize) : allocateBuffer(size * dt.itemsize),
    byteOffset: 0,
    dtype: dt,
    shape,
    strides: orderedStrides(shape, dt.itemsize, order === 'F' ? 'F' : 'C'),
    readonly: false,
  });
}

const castable = (dt: DType): boolean => 'biufc'.includes(dt.kind) && dt.name !== 'longdouble';

// Writes `value` (a JS scalar or an array broadcast to the result) into every element of `out`.
// Writes every element of `out` (so `out` may be pooled memory: fresh(..., true)).
function fillWith(out: NDArray, value: unknown): NDArray {
  if (out.size === 0) return out;
  const source = value instanceof NDArray || Array.isArray(value) ? toArray(value, 'fill_value') : undefined;
  if (source) {
    if (source.ndim > out.ndim || source.shape.some((n, i) => n !== 1 && n !== out.shape[out.ndim - source.ndim + i])) {
      throw makeError(RangeError, 'ERR_BROADCAST', `could not broadcast input array from shape ${tupleText(source.shape)} into shape ${tupleText(out.shape)}`);
    }
    if (castable(source.dtype) && castable(out.dtype)) castInto(source, out);
    else fillSlowly(out, (i) => source.reshape(-1).get(i % source.size));
    return out;
  }
  if (castable(out.dtype) && weakKindOf(value) !== undefined) {
    fillContiguous(out, scalarOf(value, out.dtype));
    return out;
  }
  fillSlowly(out, () => value);
  return out;
}


// A 0-d array holding `value`, in `dt` when it fits it, else in the value's
// own type (the cast then converts as NumPy's unsafe fill does).
function scalarOf(value: unknown, dt: DType): NDArray {
  const kind = weakKindOf(value)!;
  if (kind === 'float' || kind === 'complex') return scalarArray(value, defaultScalarType(value, kind));
  if (dt.kind === 'i' || dt.kind === 'u') {
    try {
      return scalarArray(value, dt);
    } catch {
      throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `Python integer ${String(value)} out of bounds for ${dt.name}`);
    }
  }
  return scalarArray(value, kind === 'bool' ? dtypeByName('bool')! : defaultScalarType(value, kind));
}

// Fills a fresh (C- or F-contiguous) array with one value: the value is cast
// into the first element, then the filled bytes are copied onto the rest,
// doubling each time (memcpy speed; no per-element work).
function fillContiguous(out: NDArray, value: NDArray): void {
  const first = out._derive({ shape: [], strides: [], byteOffset: out.byteOffset });
  castInto(value, first);
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.nbytes);
  for (let filled = out.itemsize; filled < bytes.length; filled *= 2) {
    bytes.copyWithin(filled, 0, Math.min(filled, bytes.length - filled));
  }
}

function fillSlowly(out: NDArray, valueAt: (i: number) => unknown): void {
  const write = writerFor(out.dtype);
  const view = new DataView(out.buffer);
  let i = 0;
  out._forEachOffset((offset) => write(view, offset, valueAt(i++)));
}

function creationOrder(order: unknown): string {
  return checkOrder(order ?? 'C', ['C', 'F']);
}

/** NumPy's `zeros(shape, dtype=float, order='C', *, like=None)`: a new array of zeros. */
export const zeros = publicAs<FilledFunction>(arrayFunction(
  { name: 'zeros', optionsAt: 3, relevant: () => [], like: true },
  (shape: ShapeLike, dtype: DTypeLike | null | undefined, order: 'C' | 'F' | undefined, options: CreationOptions): NDArray => {
    return fresh(shapeOf(shape), dtypeOr(dtype ?? options.dtype, float64), creationOrder(order ?? options.order));
  },
));


/** NumPy's `ones(shape, dtype=None, order='C', *, like=None)`: a new array of ones (float64 by default). */
export const ones = publicAs<FilledFunction>(arrayFunction(
  { name: 'ones', optionsAt: 3, relevant: () => [], like: true },
  (shape: ShapeLike, dtype: DTypeLike | null | undefined, order: 'C' | 'F' | undefined, options: CreationOptions): NDArray => {
    const out = fresh(shapeOf(shape), dtypeOr(dtype ?? options.dtype, float64), creationOrder(order ?? options.order), true);
    return fillWith(out, out.dtype.kind === 'b' ? true : 1);
  },
));


/**
 * NumPy's `empty(shape, dtype=float, order='C', *, like=None)`. NumPy leaves
 * the contents unspecified; ndinterop's are zeros (JS memory is always
 * initialised), which is one valid value of "unspecified".
 */
export const empty = publicAs<FilledFunction>(arrayFunction(
  { name: 'empty', optionsAt: 3, relevant: () => [], like: true },
  (shape: ShapeLike, dtype: DTypeLike | null | undefined, order: 'C' | 'F' | undefined, options: CreationOptions): NDArray => {
    return fresh(shapeOf(shape), dtypeOr(dtype ?? options.dtype, float64), creationOrder(order ?? options.order));
  },
));


// The dtype np.array(fill_value) would have.
function valueDType(value: unknown): DType {
  if (value instanceof NDArray) return value.dtype;
  if (Array.isArray(value)) return asarray(value as Scalar[]).dtype;
  const kind = weakKindOf(value);
  if (kind === undefined) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected fill_value to be a number, bigint, boolean, { re, im } or an array, got ${describeValue(value)}`);
  return defaultScalarType(value, kind);
}

/**
 * NumPy's `full(shape, fill_value, dtype=None, order='C', *, like=None)`:
 * a new array filled with `fill_value` (a scalar, or an array broadcast to
 * `shape`). The default dtype is the fill value's: integer-valued numbers
 * and bigints give int64, other numbers float64, booleans bool.
 */
export const full = publicAs<FullFunction>(arrayFunction(
  { name: 'full', optionsAt: 4, relevant: () => [], like: true },
  (shape: ShapeLike, fillValue: unknown, dtype: DTypeLike | null | undefined, order: 'C' | 'F' | undefined, options: CreationOptions): NDArray => {
    const dt = dtypeOr(dtype ?? options.dtype, valueDType(fillValue));
    return fillWith(fresh(shapeOf(shape), dt, creationOrder(order ?? options.order), true), fillValue);
  },
));


function likeLayout(prototype: NDArray, options: LikeOptions, dtype: unknown, order: unknown, shape: unknown, overwritten = false): NDArray {
  const dt = dtypeOr(dtype ?? options.dtype, prototype.dtype);
  const resolved = checkOrder(order ?? options.order ?? 'K');
  const given = shape ?? options.shape;
  const newShape = given === undefined || given === null ? [...prototype.shape] : shapeOf(given);
  const sameNdim = newShape.length === prototype.ndim;
  const fortran =
    resolved === 'F' || ((resolved === 'A' || resolved === 'K') && sameNdim && prototype.flags.fContiguous && !prototype.flags.cContiguous);
  return fresh(newShape, dt, fortran ? 'F' : 'C', overwritten);
}

/** NumPy's `zeros_like(a, dtype=None, order='K', subok=True, shape=None)`. */
export const zerosLike = publicAs<LikeFunction>(arrayFunction(
  { name: 'zerosLike', optionsAt: 4, relevant: ([a]) => [a] },
  (a: unknown, dtype: DTypeLike | null | undefined, order: string | undefined, shape: ShapeLike | undefined, options: LikeOptions): NDArray =>
    likeLayout(toArray(a), options, dtype, order, shape),
));


/** NumPy's `ones_like(a, dtype=None, order='K', subok=True, shape=None)`. */
export const onesLike = publicAs<LikeFunction>(arrayFunction(
  { name: 'onesLike', optionsAt: 4, relevant: ([a]) => [a] },
  (a: unknown, dtype: DTypeLike | null | undefined, order: string | undefined, shape: ShapeLike | undefined, options: LikeOptions): NDArray => {
    const out = likeLayout(toArray(a), options, dtype, order, shape, true);
    return fillWith(out, out.dtype.kind === 'b' ? true : 1);
  },
));


/** NumPy's `empty_like(prototype, dtype=None, order='K', subok=True, shape=None)` (zero-filled, as {@link empty}). */
export const emptyLike = publicAs<LikeFunction>(arrayFunction(
  { name: 'emptyLike', optionsAt: 4, relevant: ([a]) => [a] },
  (a: unknown, dtype: DTypeLike | null | undefined, order: string | undefined, shape: ShapeLike | undefined, options: LikeOptions): NDArray =>
    likeLayout(toArray(a, 'prototype'), options, dtype, order, shape),
));


/** NumPy's `full_like(a, fill_value, dtype=None, order='K', subok=True, shape=None)`: the fill converts to `a`'s dtype (unsafe casting). */
export const fullLike = publicAs<FullLikeFunction>(arrayFunction(
  { name: 'fullLike', optionsAt: 5, relevant: ([a]) => [a] },
  (a: unknown, fillValue: unknown, dtype: DTypeLike | null | undefined, order: string | undefined, shape: ShapeLike | undefined, options: LikeOptions): NDArray => {
    const out = likeLayout(toArray(a), options, dtype, order, shape);
    if (out.size === 0) return out;
    if (!(fillValue instanceof NDArray) && !Array.isArray(fillValue) && castable(out.dtype) && weakKindOf(fillValue) !== undefined) {
      // full_like assigns through a cast like np.copyto(..., casting='unsafe').
      fillContiguous(out, scalarArray(fillValue, valueDType(fillValue)));
      return out;
    }
    return fillWith(out, fillValue);
  },
));


// ---------------------------------------------------------------------------
// Ranges

function checkNumber(value: unknown, what: string): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${what} to be a number or bigint, got ${describeValue(value)}`);
}

const isIntegral = (v: number | bigint): boolean => typeof v === 'bigint' || (Number.isInteger(v) && !Object.is(v, -0));

/** Options of {@link arange}. */
export interface ArangeOptions {
  /** The result dtype; absent: int64 for integer bounds and step, else float64 (NumPy's rule). */
  readonly dtype?: DTypeLike | null;
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

/**
 * NumPy's `arange([start,] stop[, step], dtype=None, *, like=None)`: evenly
 * spaced values in [start, stop). Integer-valued numbers and bigints give
 * int64 (NumPy's default for Python ints), any other number float64. Values
 * are `start + i * delta` with delta computed in the result dtype, as NumPy
 * fills them.
 */
export const arange = publicAs<ArangeFunction>(arrayFunction(
  { name: 'arange', optionsAt: 4, relevant: () => [], like: true },
  (a: unknown, b: unknown, c: unknown, dtype: DTypeLike | null | undefined, options: ArangeOptions): NDArray => {
    if (a === undefined) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arange() requires stop to be specified.');
    const first = checkNumber(a, 'start');
    const [start, stop] = b === undefined || b === null ? [0, first] : [first, checkNumber(b, 'stop')];
    const step = c === undefined || c === null ? 1 : checkNumber(c, 'step');
    const integral = isIntegral(start) && isIntegral(stop) && isIntegral(step);
    const dt = dtypeOr(dtype ?? options.dtype, integral ? int64 : float64);
    if (Number(step) === 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'division by zero');
    let length: number;
    if (integral) {
      const [s, e, d] = [BigInt(start), BigInt(stop), BigInt(step)];
      const span = e - s;
      const count = d > 0n ? (span + d - 1n) / d : (span + d + 1n) / d;
      length = Number(count > 0n ? count : 0n);
    } else {
      length = Math.ceil((Number(stop) - Number(start)) / Number(step));
      if (!Number.isFinite(length)) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'arange: cannot compute length');
      length = Math.max(length, 0);
    }
    if (length > 2 ** 40) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'Maximum allowed size exceeded');
    // Every path below writes every element.
    const out = fresh([length], dt, 'C', true);
    if (length === 0) return out;
    if (dt.kind === 'i' || dt.kind === 'u' || dt.kind === 'm' || dt.kind === 'M') {
      // NumPy stores start and start + step in the dtype, then steps by their
      // difference (datetime64/timedelta64: int64 counts in the dtype's unit).
      const s = integral ? BigInt(start) : BigInt(Math.trunc(Number(start)));
      const d = integral ? BigInt(step) : BigInt(Math.trunc(Number(start) + Number(step))) - s;
      fillIntegerRange(out, s, d, length);
      return out;
    }
    if (dt.name === 'float64' && dt.isNative) {
      const x0 = Number(start);
      const delta = x0 + Number(step) - x0;
      const data = new Float64Array(out.buffer, out.byteOffset, length);
      for (let i = 0; i < length; i += 1) data[i] = x0 + i * delta;
      return out;
    }
    // Floats (and complex, bool): NumPy stores start and start + step in the
    // result dtype and fills a[i] = a[0] + i * (a[1] - a[0]).
    const base = fresh([Math.min(2, length)], dt, 'C');
    castInto(scalarArray(Number(start), float64), relayout1(base, 0));
    if (length > 1) castInto(scalarArray(Number(start) + Number(step), float64), relayout1(base, 1));
    if (dt.kind === 'b') {
      if (length > 2) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arange() is only supported for booleans when the result has at most length 2.');
      castInto(base, out);
      return out;
    }
    const x0 = relayout1(base, 0);
    const delta = length > 1 ? add(relayout1(base, 1), multiply(x0, -1, { dtype: dt }), { dtype: dt }) : 0;
    const indices = fresh([length], dt, 'C');
    fillIndices(indices);
    multiply(indices, delta, { out: indices, dtype: dt, casting: 'unsafe' });
    add(indices, x0, { out, dtype: dt, casting: 'unsafe' });
    return out;
  },
));


const maxExact = 2 ** 53;

// start + i * step for i < length, wrapped to the integer dtype of `out` (fresh, C order).
function fillIntegerRange(out: NDArray, start: bigint, step: bigint, length: number): void {
  const dt = out.dtype;
  const last = start + BigInt(length - 1) * step;
  const exact = [start, last].every((v) => v > -BigInt(maxExact) && v < BigInt(maxExact));
  if (!exact || !dt.isNative) {
    const write = writerFor(dt);
    const view = new DataView(out.buffer);
    for (let i = 0; i < length; i += 1) {
      const v = start + BigInt(i) * step;
      const wrapped = dt.kind === 'u' ? BigInt.asUintN(8 * dt.itemsize, v) : BigInt.asIntN(8 * dt.itemsize, v);
      write(view, out.byteOffset + i * dt.itemsize, dt.itemsize === 8 ? wrapped : Number(wrapped));
    }
    return;
  }
  const s = Number(start);
  const d = Number(step);
  if (dt.itemsize === 8) {
    // Two 32-bit words per element: ToUint32 keeps the low word, floor(v / 2^32) is the high word (two's complement).
    const words = new Int32Array(out.buffer, out.byteOffset, 2 * length);
    const [low, high] = littleEndianHost ? [0, 1] : [1, 0];
    if ([s, s + (length - 1) * d].every((v) => v >= -(2 ** 31) && v < 2 ** 31)) {
      // Every value fits in 32 bits: the high word is the sign's.
      for (let i = 0; i < length; i += 1) {
        const v = s + i * d;
        words[2 * i + low] = v;
        words[2 * i + high] = v >> 31;
      }
      return;
    }
    for (let i = 0; i < length; i += 1) {
      const v = s + i * d;
      words[2 * i + low] = v >>> 0;
      words[2 * i + high] = Math.floor(v / 4294967296);
    }
    return;
  }
  const Typed = { 1: dt.kind === 'u' ? Uint8Array : Int8Array, 2: dt.kind === 'u' ? Uint16Array : Int16Array, 4: dt.kind === 'u' ? Uint32Array : Int32Array }[dt.itemsize as 1 | 2 | 4];
  const data = new (Typed as Int32ArrayConstructor)(out.buffer as ArrayBuffer, out.byteOffset, length);
  for (let i = 0; i < length; i += 1) data[i] = s + i * d;
}

// A 0-d view of element i of a 1-d array.
function relayout1(a: NDArray, i: number): NDArray {
  return a._derive({ shape: [], strides: [], byteOffset: a.byteOffset + i * a.strides[0]! });
}

// 0, 1, 2, ... into a 1-d float/complex array.
function fillIndices(out: NDArray): void {
  const n = out.shape[0]!;
  if (out.dtype.name === 'float64') {
    const data = new Float64Array(out.buffer, out.byteOffset, n);
    for (let i = 0; i < n; i += 1) data[i] = i;
    return;
  }
  const scratch = new Float64Array(n);
  for (let i = 0; i < n; i += 1) scratch[i] = i;
  castInto(asarray(scratch), out);
}

/** Options of {@link linspace}. */
export interface LinspaceOptions {
  /** Number of samples (default 50). */
  readonly num?: number;
  /** Whether `stop` is the last sample (default true). */
  readonly endpoint?: boolean;
  /** Return `[samples, step]` instead of the samples. */
  readonly retstep?: boolean;
  /** The result dtype (default float64, or complex128 for complex bounds). */
  readonly dtype?: DTypeLike | null;
  /** The axis of the result the samples lie along, when start/stop are arrays (default 0). */
  readonly axis?: number;
}

/**
 * NumPy's `linspace(start, stop, num=50, endpoint=True, retstep=False,
 * dtype=None, axis=0)`: `num` evenly spaced samples over [start, stop]
 * (float64 unless `dtype`; integer dtypes floor, as NumPy 2 does). Computed
 * as NumPy does: `i * step + start`, or `i / div * delta + start` when the
 * step is zero, with the last sample set to `stop` exactly.
 */
export const linspace = publicAs<LinspaceFunction>(arrayFunction(
  { name: 'linspace', optionsAt: 3, relevant: ([start, stop]) => [start, stop] },
  (start: unknown, stop: unknown, num: number | undefined, options: LinspaceOptions): NDArray | [NDArray, number] => {
    const count = num ?? options.num ?? 50;
    if (typeof count !== 'number' || !Number.isInteger(count)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected num to be an integer, got ${describeValue(count)}`);
    }
    if (count < 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `Number of samples, ${count}, must be non-negative.`);
    const endpoint = options.endpoint ?? true;
    const s = Number(checkNumber(start, 'start'));
    const e = Number(checkNumber(stop, 'stop'));
    const div = endpoint ? count - 1 : count;
    const delta = e - s;
    // Memory that every element below overwrites (no zero fill, no copy after).
    let result = fresh([count], float64, 'C', true);
    const values = new Float64Array(result.buffer as ArrayBuffer, result.byteOffset, count);
    let step = NaN;
    if (div > 0) {
      step = delta / div;
      if (step === 0) for (let i = 0; i < count; i += 1) values[i] = (i / div) * delta + s;
      else for (let i = 0; i < count; i += 1) values[i] = i * step + s;
    } else {
      for (let i = 0; i < count; i += 1) values[i] = i * delta + s;
    }
    if (endpoint && count > 1) values[count - 1] = e;
    const requested = options.dtype === undefined || options.dtype === null ? undefined : checkViewableDType(options.dtype);
    if (requested && requested.kind !== 'f' && requested.kind !== 'c') {
      const floored = floor(result) as NDArray;
      result = floored.astype(requested) as typeof result;
    } else if (requested) {
      result = result.astype(requested) as typeof result;
    }
    return options.retstep ? [result, step] : result;
  },
));


/** Options of {@link eye}. */
export interface EyeOptions {
  /** Number of columns (default N). */
  readonly M?: number | null;
  /** Diagonal offset: 0 the main diagonal, > 0 above, < 0 below. */
  readonly k?: number;
  /** The element type (default float64). */
  readonly dtype?: DTypeLike | null;
  /** Memory layout: 'C' (row-major, default) or 'F' (column-major). */
  readonly order?: 'C' | 'F';
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

function diagonal(n: number, m: number, k: number, dt: DType, order: string): NDArray {
  const out = fresh([n, m], dt, order);
  const one = scalarArray(dt.kind === 'b' ? true : 1, dt.kind === 'b' ? dtypeByName('bool')! : float64);
  const rows = k >= 0 ? Math.min(n, m - k) : Math.min(n + k, m);
  if (rows <= 0) return out;
  const [rs, cs] = out.strides as [number, number];
  const start = k >= 0 ? k * cs : -k * rs;
  castInto(one, out._derive({ shape: [rows], strides: [rs + cs], byteOffset: start }));
  return out;
}

/** NumPy's `eye(N, M=None, k=0, dtype=float, order='C', *, like=None)`: ones on the k-th diagonal, zeros elsewhere. */
export const eye = publicAs<EyeFunction>(arrayFunction(
  { name: 'eye', optionsAt: 5, relevant: () => [], like: true },
  (N: number, M: number | null | undefined, k: number | undefined, dtype: DTypeLike | null | undefined, order: 'C' | 'F' | undefined, options: EyeOptions): NDArray => {
    const n = shapeOf(N)[0]!;
    const columns = M ?? options.M;
    const m = columns === undefined || columns === null ? n : shapeOf(columns)[0]!;
    const offset = k ?? options.k ?? 0;
    if (typeof offset !== 'number' || !Number.isInteger(offset)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected k to be an integer, got ${describeValue(offset)}`);
    }
    return diagonal(n, m, offset, dtypeOr(dtype ?? options.dtype, float64), creationOrder(order ?? options.order));
  },
));


/** NumPy's `identity(n, dtype=None, *, like=None)`: the n x n identity matrix (float64 by default). */
export const identity = publicAs<IdentityFunction>(arrayFunction(
  { name: 'identity', optionsAt: 2, relevant: () => [], like: true },
  (n: number, dtype: DTypeLike | null | undefined, options: { readonly dtype?: DTypeLike | null; readonly like?: unknown }): NDArray => {
    const size = shapeOf(n)[0]!;
    return diagonal(size, size, 0, dtypeOr(dtype ?? options.dtype, float64), 'C');
  },
));


/** Options of {@link frombuffer}. */
export interface FrombufferOptions {
  /** The element type of the bytes (default float64). */
  readonly dtype?: DTypeLike | null;
  /** Number of elements to read; -1 (default) reads to the end. */
  readonly count?: number;
  /** Byte offset into the buffer to start at (default 0). */
  readonly offset?: number;
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

/**
 * NumPy's `frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None)`:
 * a 1-d view (no copy) of a buffer's bytes as `dtype` elements. Writable,
 * since JS memory is.
 */
export const frombuffer = publicAs<FrombufferFunction>(arrayFunction(
  { name: 'frombuffer', optionsAt: 4, relevant: () => [], like: true },
  (buffer: BufferSource, dtype: DTypeLike | null | undefined, count: number | undefined, offset: number | undefined, options: FrombufferOptions): NDArray => {
    const dt = dtypeOr(dtype ?? options.dtype, float64);
    const window = bufferWindow(buffer);
    const n = count ?? options.count ?? -1;
    const start = offset ?? options.offset ?? 0;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected count to be an integer, got ${describeValue(n)}`);
    if (typeof start !== 'number' || !Number.isInteger(start)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected offset to be an integer, got ${describeValue(start)}`);
    if (start < 0 || start > window.length) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `offset must be non-negative and no greater than buffer length (${window.length})`);
    }
    const available = window.length - start;
    let length: number;
    if (n < 0) {
      if (available % dt.itemsize !== 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'buffer size must be a multiple of element size');
      length = available / dt.itemsize;
    } else {
      if (available < n * dt.itemsize) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'buffer is smaller than requested size');
      length = n;
    }
    return new NDArray({ buffer: window.buffer, dtype: dt, shape: [length], byteOffset: window.start + start, base: buffer });
  },
));


/** Options of {@link array}. */
export interface ArrayOptions {
  /** The result dtype (default: the input's, or NumPy's type of the values). */
  readonly dtype?: DTypeLike | null;
  /** true (default): always copy; false: never (BufferError when a copy is needed); null: when needed. */
  readonly copy?: boolean | null;
  /** Layout of a copy: 'K' (default), 'A', 'C' or 'F'. */
  readonly order?: 'C' | 'F' | 'A' | 'K';
  /** Minimum number of dimensions: length-1 axes are prepended. */
  readonly ndmin?: number;
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

/**
 * NumPy's `array(object, dtype=None, *, copy=True, order='K', ndmin=0,
 * like=None)`: the copying counterpart of {@link asarray}; takes whatever
 * asarray takes.
 */
export const array = publicAs<ArrayFunctionCall>(arrayFunction(
  { name: 'array', optionsAt: 2, relevant: () => [], like: true },
  (object: unknown, dtype: DTypeLike | null | undefined, options: ArrayOptions): NDArray => {
    const dt = dtype ?? options.dtype ?? undefined;
    const copy = options.copy === undefined ? true : options.copy;
    const order = checkOrder(options.order ?? 'K');
    const ndmin = options.ndmin ?? 0;
    if (typeof ndmin !== 'number' || !Number.isInteger(ndmin)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ndmin to be an integer, got ${describeValue(ndmin)}`);
    if (ndmin > maxDims) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `ndmin bigger than allowable number of dimensions NPY_MAXDIMS (=${maxDims})`);
    const source = asarray(object as Parameters<typeof asarray>[0], { dtype: dt ?? undefined, copy: copy === false ? false : undefined });
    // Nested JS values were converted into fresh memory already; anything
    // else may be a view of the caller's memory.
    const freshMemory = Array.isArray(object) || weakKindOf(object) !== undefined;
    let result = source;
    if (copy === true && !freshMemory) {
      const fortran = order === 'F' || ((order === 'A' || order === 'K') && source.flags.fContiguous && !source.flags.cContiguous);
      const out = fresh(source.shape, source.dtype, fortran ? 'F' : 'C');
      if (out.size > 0) {
        if (castable(source.dtype)) castInto(source, out);
        else new Uint8Array(out.buffer).set(new Uint8Array(source.copy().buffer));
      }
      result = out;
    }
    if (result.ndim < ndmin) {
      const extra = ndmin - result.ndim;
      result = result._derive({ shape: [...new Array<number>(extra).fill(1), ...result.shape], strides: [...new Array<number>(extra).fill(0), ...result.strides], byteOffset: result.byteOffset });
    }
    return result;
  },
));

