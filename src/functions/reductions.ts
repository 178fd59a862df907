// NumPy's reductions as array functions (np.sum, np.mean, np.argmax, ...)
// and as NDArray methods. Each is built on the ufunc machinery: sum is
// add.reduce (NumPy's pairwise float summation and accumulator dtypes come
// from there), mean/var/std follow numpy/_core/_methods.py step by step
// (sum in the accumulator dtype, divide by the count as an intp would),
// cumsum/cumprod are add/multiply.accumulate. argmin/argmax scan rows with
// the reduced axis last, natively (the array itself when it is laid out so,
// else a contiguous copy).
import { describeValue, makeError } from '../base/errors.js';
import { type DType, type DTypeLike, dtype as toDType, dtypeRepr } from '../dtype/dtype.js';
import { bool as boolType, complex128, float32, float64, int64, uint64 } from '../dtype/promotion.js';
import { native } from '../base/native.js';
import type { Scalar } from '../dtype/elements.js';
import { NDArray } from '../array/ndarray.js';
import { formatShape, shapeSize, shapesEqual } from '../array/broadcast.js';
import { emptyArray, uninitializedArray, viewOf } from '../ufunc/arrays.js';
import { arrayOperand, readScalar, scalarArray } from '../ufunc/operands.js';
import { castInto } from '../ufunc/engine.js';
import { parseDType } from '../ufunc/call.js';
import { add, divide, logical_and, logical_or, maximum, minimum, multiply, sqrt, square, subtract } from '../ufunc/ufuncs.js';
import { type ArrayFunctionMembers, type FunctionKwargs, arrayFunction } from './array-function.js';
import { checkOptions, normalizeAxisIndex, normalizeAxisTuple } from './axes.js';
import type { ArgReduceFunction, CumulativeFunction, CumulativeMethodOf, LogicalReduceFunction, MeanFunction, MinMaxFunction, ReductionMethodOf, SumFunction, VarFunction } from './signatures.js';

/** An axis, a list of axes, or null for all of them. */
export type AxisOption = number | readonly number[] | null;

/** Options of sum and prod (NumPy's keywords). */
export interface SumOptions {
  /** Axis or axes to reduce; null or absent reduces all. */
  axis?: AxisOption;
  /** Accumulator and result dtype (default: int64/uint64 for bool and small integers, else the input's). */
  dtype?: DTypeLike | null;
  /** Array to write the result into (its shape must be the result's). */
  out?: NDArray | null;
  /** Keep reduced axes as length 1. */
  keepdims?: boolean;
  /** Starting value of every reduction. */
  initial?: number | bigint | boolean;
  /** Boolean mask (broadcast against the input): elements to include. */
  where?: unknown;
}

/** Options of min and max. */
export interface MinMaxOptions {
  /** Axis or axes to reduce; null or absent reduces all. */
  axis?: AxisOption;
  /** An array of the result's shape to write into (returned). */
  out?: NDArray | null;
  /** Keep reduced axes as length 1, so the result broadcasts against the input. */
  keepdims?: boolean;
  /** Starting value (required with `where` or for empty reductions). */
  initial?: number | bigint | boolean;
  /** A boolean mask (broadcast to the input): only elements where it is true take part. */
  where?: unknown;
}

/** Options of all and any. */
export interface LogicalReduceOptions {
  /** Axis or axes to reduce; null or absent reduces all. */
  axis?: AxisOption;
  /** An array of the result's shape to write into (returned). */
  out?: NDArray | null;
  /** Keep reduced axes as length 1, so the result broadcasts against the input. */
  keepdims?: boolean;
  /** A boolean mask (broadcast to the input): only elements where it is true take part. */
  where?: unknown;
}

/** Options of mean. */
export interface MeanOptions {
  /** Axis or axes to reduce; null or absent reduces all. */
  axis?: AxisOption;
  /** Accumulator dtype (default float64 for bool and integers, float32 for float16, else the input's). */
  dtype?: DTypeLike | null;
  /** An array of the result's shape to write into (returned). */
  out?: NDArray | null;
  /** Keep reduced axes as length 1, so the result broadcasts against the input. */
  keepdims?: boolean;
  /** A boolean mask (broadcast to the input): only elements where it is true take part. */
  where?: unknown;
}

/** Options of var and std. */
export interface VarOptions extends MeanOptions {
  /** Delta degrees of freedom: the divisor is N - ddof (default 0). */
  ddof?: number;
  /** A precomputed mean (with keepdims shape) to use instead of computing it. */
  mean?: unknown;
  /** The array API's name for ddof (not both). */
  correction?: number;
}

/** Options of argmin and argmax. */
export interface ArgReduceOptions {
  /** One axis; null or absent searches the flattened array. */
  axis?: number | null;
  /** An int64 array of the result's shape to write into. */
  out?: NDArray | null;
  /** Keep the searched axis as length 1. */
  keepdims?: boolean;
}

/** Options of cumsum and cumprod. */
export interface CumulativeOptions {
  /** One axis; null or absent works on the flattened array. */
  axis?: number | null;
  /** Accumulator and result dtype (default: int64 for bool and smaller integers, else the input's). */
  dtype?: DTypeLike | null;
  /** An array of the input's shape (flattened shape with axis null) to write into. */
  out?: NDArray | null;
}

/** What a reduction returns: a JS scalar for a 0-d result without `out`, else an NDArray. */
export type ReductionResult = NDArray | Scalar;

type ReduceUfunc = typeof add;

const sumNames = new Set(['axis', 'dtype', 'out', 'keepdims', 'initial', 'where']);
const minMaxNames = new Set(['axis', 'out', 'keepdims', 'initial', 'where']);
const logicalNames = new Set(['axis', 'out', 'keepdims', 'where']);
const meanNames = new Set(['axis', 'dtype', 'out', 'keepdims', 'where']);
const varNames = new Set(['axis', 'dtype', 'out', 'ddof', 'keepdims', 'where', 'mean', 'correction']);
const argNames = new Set(['axis', 'out', 'keepdims']);
const cumulativeNames = new Set(['axis', 'dtype', 'out']);

/** The positional axis, else the option; NumPy's default (None: every axis) when neither is given. */
function axisOf(name: string, positional: unknown, options: FunctionKwargs): unknown {
  if (positional !== undefined && options.axis !== undefined) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}() got multiple values for argument 'axis'`);
  }
  return positional !== undefined ? positional : options.axis ?? null;
}

/** `axis` as ufunc.reduce takes it: null, or a checked list (NumPy's tuple). */
function reduceAxis(axis: unknown, ndim: number, zeroDimAxisZero = false): number[] | null {
  if (axis === null) return null;
  const list = Array.isArray(axis) ? (axis as unknown[]) : [axis];
  // ufunc.reduce lets a 0-d array be reduced over axis 0 (np.sum(np.array(3.), axis=0)).
  if (zeroDimAxisZero && ndim === 0 && list.every((a) => a === 0 || a === -1)) return [];
  return normalizeAxisTuple(list, ndim, "duplicate value in 'axis'");
}

function outOption(value: unknown): NDArray | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof NDArray)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `out must be an NDArray, got ${describeValue(value)}`);
  }
  return value;
}

function present(result: NDArray, out: NDArray | null): ReductionResult {
  if (out) return out;
  return result.shape.length === 0 ? readScalar(result) : result;
}

function ufuncReduce(
  name: string,
  ufunc: ReduceUfunc,
  allowed: ReadonlySet<string>,
  fixedDType?: DType,
): (a: unknown, axis: unknown, options: FunctionKwargs) => ReductionResult {
  return (a, axis, options) => {
    checkOptions(name, options, allowed);
    const array = arrayOperand(a, `${name}() input`);
    const axes = reduceAxis(axisOf(name, axis, options), array.shape.length, true);
    if (fixedDType === undefined && Object.keys(options).every((key) => key === 'axis')) {
      // The forms ufunc.reduce's fast path takes (one numeric axis, no other
      // keyword), which skip the general path's set-up (several µs a call):
      // one axis as a number, and every axis of a C-contiguous NDArray as
      // axis 0 of its flat view, the same pass over the same memory.
      if (axes !== null && axes.length === 1) return ufunc.reduce(array, { axis: axes[0] }) as ReductionResult;
      if (axes === null && array.size > 0 && array.flags.cContiguous && Object.getPrototypeOf(array) === NDArray.prototype) {
        return ufunc.reduce(array.shape.length === 1 ? array : array.reshape(array.size), { axis: 0 }) as ReductionResult;
      }
    }
    const reduceOptions: Record<string, unknown> = { ...options, axis: axes };
    if (fixedDType) reduceOptions.dtype = fixedDType;
    return ufunc.reduce(array, reduceOptions) as ReductionResult;
  };
}

const reductionRelevant = ([a]: readonly unknown[], kwargs: FunctionKwargs): unknown[] => [a, kwargs.out];
const maskedRelevant = ([a]: readonly unknown[], kwargs: FunctionKwargs): unknown[] => [a, kwargs.where, kwargs.out];

/**
 * Sum of elements over the given axes (np.sum): bool and integers smaller
 * than 64 bits accumulate in int64 (uint64 for unsigned), floats with
 * NumPy's pairwise summation (bit-identical to NumPy).
 */
export const sum = arrayFunction(
  { name: 'sum', optionsAt: 2, relevant: reductionRelevant },
  ufuncReduce('sum', add, sumNames) as SumFunction,
);

/** Product of elements over the given axes (np.prod), with sum's accumulator dtypes. */
export const prod = arrayFunction(
  { name: 'prod', optionsAt: 2, relevant: reductionRelevant },
  ufuncReduce('prod', multiply, sumNames) as SumFunction,
);

/** Minimum over the given axes (np.min): NaN propagates; empty without `initial` throws NumPy's ValueError text. */
export const min = arrayFunction(
  { name: 'min', optionsAt: 2, relevant: reductionRelevant },
  ufuncReduce('min', minimum, minMaxNames) as MinMaxFunction,
);

/** Maximum over the given axes (np.max): NaN propagates; empty without `initial` throws NumPy's ValueError text. */
export const max = arrayFunction(
  { name: 'max', optionsAt: 2, relevant: reductionRelevant },
  ufuncReduce('max', maximum, minMaxNames) as MinMaxFunction,
);

/** Whether every element (over the given axes) is truthy (np.all); NaN counts as true. */
export const all = arrayFunction(
  { name: 'all', optionsAt: 2, relevant: maskedRelevant },
  ufuncReduce('all', logical_and as never, logicalNames, boolType) as LogicalReduceFunction,
);

/** Whether any element (over the given axes) is truthy (np.any). */
export const any = arrayFunction(
  { name: 'any', optionsAt: 2, relevant: maskedRelevant },
  ufuncReduce('any', logical_or as never, logicalNames, boolType) as LogicalReduceFunction,
);

// ---------------------------------------------------------------- mean/var/std

const uint8 = toDType('uint8');

const isIntegral = (dt: DType): boolean => dt.kind === 'b' || dt.kind === 'i' || dt.kind === 'u';

/** add.reduce's default accumulator (NumPy's platform-integer rule). */
function sumType(dt: DType): DType {
  if (dt.kind === 'b' || (dt.kind === 'i' && dt.itemsize < 8)) return int64;
  if (dt.kind === 'u' && dt.itemsize < 8) return uint64;
  return dt;
}

interface Counted {
  axes: number[];
  /** Elements per reduction: a float64 0-d array, or one of the keepdims shape when `where` is an array. */
  count: NDArray;
  /** The smallest count (what the warnings test). */
  least: number;
}

/** NumPy's _count_reduce_items, as float64 (exact below 2^53, and the same divide loop as intp). */
function countItems(array: NDArray, axisArg: unknown, where: unknown): Counted {
  const ndim = array.shape.length;
  const axes = reduceAxis(axisArg, ndim) ?? Array.from({ length: ndim }, (_, i) => i);
  if (where === undefined || where === true) {
    const n = axes.reduce((k, d) => k * array.shape[d]!, 1);
    return { axes, count: scalarArray(n, float64), least: n };
  }
  const mask = arrayOperand(where, 'where');
  const full = mask.broadcastTo(array.shape);
  const count = add.reduce(full, { axis: axes, dtype: float64, keepdims: true, out: emptyArray(keptShape(array.shape, axes), float64) }) as NDArray;
  let least = Infinity;
  for (const value of count.toTypedArray() as Float64Array) least = Math.min(least, value);
  return { axes, count, least: count.size === 0 ? Infinity : least };
}

function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((n, d) => (axes.includes(d) ? 1 : n));
}

function resultShape(shape: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? keptShape(shape, axes) : shape.filter((_, d) => !axes.includes(d));
}

/** The count shaped to broadcast against a result of `shape` (dropping reduced axes unless keepdims). */
function countFor(counted: Counted, shape: readonly number[], keepdims: boolean): NDArray {
  const { count, axes } = counted;
  if (count.shape.length === 0 || keepdims) return count;
  return count.reshape(shape.length === 0 ? [] : count.shape.filter((_, d) => !axes.includes(d)));
}

function runtimeWarning(message: string): void {
  process.emitWarning(message, 'RuntimeWarning');
}

function checkOutShape(name: string, out: NDArray, shape: readonly number[]): void {
  if (!shapesEqual(out.shape, shape)) {
    throw makeError(RangeError, 'ERR_BROADCAST', `${name}: output has shape ${formatShape(out.shape)} but the result has shape ${formatShape(shape)}`);
  }
}

function meanImpl(a: unknown, axis: unknown, options: FunctionKwargs): ReductionResult {
  checkOptions('mean', options, meanNames);
  const array = arrayOperand(a, 'mean() input');
  const axisArg = axisOf('mean', axis, options);
  const name = array.dtype.name;
  if (axisArg === null && Object.keys(options).every((key) => key === 'axis') && (name === 'float64' || name === 'float32') &&
      array.size > 0 && array.flags.cContiguous && Object.getPrototypeOf(array) === NDArray.prototype) {
    // The common call, np.mean(a) of a contiguous float array, as NumPy's
    // _mean computes it for a scalar sum: the pairwise sum in the array's
    // type (add.reduce's fast path over the flat view), then
    // a.dtype.type(sum / count) with the count an intp, so the quotient is
    // float64 and rounded once to float32 for float32.
    const total = add.reduce(array.shape.length === 1 ? array : array.reshape(array.size), { axis: 0 }) as number;
    return name === 'float32' ? Math.fround(total / array.size) : total / array.size;
  }
  const out = outOption(options.out);
  const keepdims = options.keepdims === true;
  const counted = countItems(array, axisArg, options.where);
  if (counted.least === 0) runtimeWarning('Mean of empty slice');
  let dtype = parseDType(options.dtype);
  const float16Result = dtype === undefined && array.dtype.name === 'float16';
  if (dtype === undefined) {
    if (isIntegral(array.dtype)) dtype = float64;
    else if (float16Result) dtype = float32;
  }
  const shape = resultShape(array.shape, counted.axes, keepdims);
  const divisor = countFor(counted, shape, keepdims);
  if (out) {
    checkOutShape('mean', out, shape);
    (add.reduce as (...args: unknown[]) => unknown)(array, { axis: counted.axes, dtype, out, keepdims, where: options.where });
    divide(out, divisor, { out, casting: 'unsafe' });
    return out;
  }
  const accType = dtype ?? sumType(array.dtype);
  const total = (add.reduce as (...args: unknown[]) => unknown)(array, { axis: counted.axes, dtype: accType, out: emptyArray(shape, accType), keepdims, where: options.where }) as NDArray;
  if (float16Result && shape.length === 0) {
    // NumPy: float16(float32 sum / intp count), the quotient in float64.
    const quotient = divide(total, divisor, { out: emptyArray([], float64) }) as NDArray;
    const result = emptyArray([], array.dtype);
    castInto(quotient, result);
    return readScalar(result);
  }
  divide(total, divisor, { out: total, casting: 'unsafe' });
  if (float16Result) {
    const result = emptyArray(shape, array.dtype);
    castInto(total, result);
    return result;
  }
  return present(total, null);
}

/**
 * Arithmetic mean over the given axes (np.mean): bool and integers in
 * float64, float16 accumulated in float32, the sum pairwise as np.sum's.
 */
export const mean = arrayFunction(
  { name: 'mean', optionsAt: 2, relevant: maskedRelevant },
  meanImpl as MeanFunction,
);

function realPartType(dt: DType): DType | undefined {
  if (dt.kind !== 'c') return undefined;
  return dt.itemsize === 8 ? float32 : float64;
}

function varImpl(name: 'var' | 'std', a: unknown, axis: unknown, options: FunctionKwargs): ReductionResult {
  checkOptions(name, options, varNames);
  const array = arrayOperand(a, `${name}() input`);
  const axisArg = axisOf(name, axis, options);
  const out = outOption(options.out);
  const keepdims = options.keepdims === true;
  if (options.ddof !== undefined && options.correction !== undefined) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', "ddof and correction can't be provided simultaneously.");
  }
  const ddofValue = options.correction ?? options.ddof ?? 0;
  if (typeof ddofValue !== 'number' || !Number.isFinite(ddofValue)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `ddof must be a number, got ${describeValue(ddofValue)}`);
  }
  const where = options.where;
  const counted = countItems(array, axisArg, where);
  if (ddofValue >= counted.least) runtimeWarning('Degrees of freedom <= 0 for slice');
  let dtype = parseDType(options.dtype);
  if (dtype === undefined && isIntegral(array.dtype)) dtype = float64;
  const kept = keptShape(array.shape, counted.axes);
  let arrmean: NDArray;
  if (options.mean !== undefined && options.mean !== null) {
    arrmean = arrayOperand(options.mean, `${name}() mean`);
  } else {
    const accType = dtype ?? sumType(array.dtype);
    arrmean = (add.reduce as (...args: unknown[]) => unknown)(array, { axis: counted.axes, dtype: accType, keepdims: true, where, out: emptyArray(kept, accType) }) as NDArray;
    divide(arrmean, counted.count, { out: arrmean, casting: 'unsafe' });
  }
  let x = subtract(array, arrmean) as NDArray;
  if (!(x instanceof NDArray)) x = scalarArrayOf(x, array);
  const partType = realPartType(x.dtype);
  if (partType) {
    const re = viewOf(x, x.byteOffset, x.shape, x.strides, partType);
    const im = viewOf(x, x.byteOffset + partType.itemsize, x.shape, x.strides, partType);
    const squares = square(re) as NDArray;
    add(squares, square(im), { out: squares });
    x = squares;
  } else {
    square(x, { out: x });
  }
  const shape = resultShape(array.shape, counted.axes, keepdims);
  const degrees = maximum(subtract(countFor(counted, shape, keepdims), scalarArray(ddofValue, float64)), 0) as NDArray | number;
  const divisor = degrees instanceof NDArray ? degrees : scalarArray(degrees, float64);
  if (out) checkOutShape(name, out, shape);
  const accType = dtype ?? sumType(x.dtype);
  const target = out ?? emptyArray(shape, accType);
  (add.reduce as (...args: unknown[]) => unknown)(x, { axis: counted.axes, dtype, out: target, keepdims, where });
  divide(target, divisor, { out: target, casting: 'unsafe' });
  if (name === 'std') sqrt(target, { out: target, casting: 'unsafe' });
  return present(target, out);
}

function scalarArrayOf(value: unknown, like: NDArray): NDArray {
  return scalarArray(value, like.dtype);
}

/**
 * Variance over the given axes (np.var): the mean of squared deviations
 * from the mean, divided by N - ddof; complex input gives a real variance.
 */
export const variance = arrayFunction(
  { name: 'var', optionsAt: 2, relevant: ([a]: readonly unknown[], kwargs: FunctionKwargs) => [a, kwargs.where, kwargs.out, kwargs.mean] },
  ((a: unknown, axis: unknown, options: FunctionKwargs) => varImpl('var', a, axis, options)) as VarFunction,
);

/** Standard deviation over the given axes (np.std): the square root of var. */
export const std = arrayFunction(
  { name: 'std', optionsAt: 2, relevant: ([a]: readonly unknown[], kwargs: FunctionKwargs) => [a, kwargs.where, kwargs.out, kwargs.mean] },
  ((a: unknown, axis: unknown, options: FunctionKwargs) => varImpl('std', a, axis, options)) as VarFunction,
);

// ---------------------------------------------------------------- argmin/argmax

/** `a` with `axis` moved last, as a fresh C-contiguous array (of `dt`, default a's dtype in native order). */
export function contiguousAlong(a: NDArray, axis: number, dt: DType = a.dtype.newByteOrder('=')): NDArray {
  const ndim = a.shape.length;
  const order = [...Array.from({ length: ndim }, (_, d) => d).filter((d) => d !== axis), axis];
  const moved = ndim === 0 ? a : a.transpose(order);
  const copy = uninitializedArray(moved.shape, dt);
  castInto(moved, copy);
  return copy;
}

// Complex: lexicographic on (re, im); a NaN in either part wins first.
function scanComplexRows(values: Float64Array | Float32Array, rows: number, length: number, wantMax: boolean, out: BigInt64Array): void {
  for (let r = 0; r < rows; r++) {
    const start = r * length;
    let best = 0;
    let re = values[2 * start]!;
    let im = values[2 * start + 1]!;
    if (re === re && im === im) {
      for (let i = 1; i < length; i++) {
        const cre = values[2 * (start + i)]!;
        const cim = values[2 * (start + i) + 1]!;
        if (cre !== cre || cim !== cim) {
          best = i;
          break;
        }
        const better = wantMax ? cre > re || (cre === re && cim > im) : cre < re || (cre === re && cim < im);
        if (better) {
          best = i;
          re = cre;
          im = cim;
        }
      }
    }
    out[r] = BigInt(best);
  }
}

// The kinds the native row scan takes (kernels::SortKind): bool and the
// integers, float16/bfloat16 (widened to float32), float32, float64 and
// longdouble.
function nativeArgKind(dt: DType): 0 | 1 | 2 | undefined {
  if (dt.kind === 'b' || dt.kind === 'u') return 0;
  if (dt.kind === 'i') return 1;
  if (dt.kind === 'f') return 2;
  return undefined;
}

function argReduce(name: 'argmin' | 'argmax', a: unknown, axis: unknown, options: FunctionKwargs): ReductionResult {
  checkOptions(name, options, argNames);
  const wantMax = name === 'argmax';
  const array = arrayOperand(a, `${name}() input`);
  const axisArg = axisOf(name, axis, options);
  if (Array.isArray(axisArg)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}() axis must be an integer or null, got an array`);
  const out = outOption(options.out);
  const keepdims = options.keepdims === true;
  const flat = axisArg === null;
  const source = flat ? array.reshape(array.size) : array;
  const ndim = source.shape.length;
  const reduced = flat ? 0 : ndim === 0 && axisArg === 0 ? -1 : normalizeAxisIndex(axisArg, ndim);
  const length = reduced < 0 ? 1 : source.shape[reduced]!;
  if (length === 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `attempt to get ${name} of an empty sequence`);
  const shape = flat
    ? keepdims
      ? array.shape.map(() => 1)
      : []
    : source.shape.flatMap((n, d) => (d === reduced ? (keepdims ? [1] : []) : [n]));
  if (out && (!shapesEqual(out.shape, shape) || out.dtype.name !== 'int64')) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `output array does not match result of np.${name}.`);
  }
  const result = emptyArray(shape, int64);
  const rows = shapeSize(shape);
  const indices = new BigInt64Array(result.buffer, result.byteOffset, rows);
  if (rows > 0 && reduced >= 0) {
    const dt = source.dtype;
    if (dt.kind === 'c') {
      // clongdouble is compared in complex128 (its parts rounded to doubles).
      const rowsArray = contiguousAlong(source, reduced, dt.itemsize > 16 ? complex128 : dt.newByteOrder('='));
      const storage = dt.itemsize === 8 ? Float32Array : Float64Array;
      scanComplexRows(new storage(rowsArray.buffer as ArrayBuffer, rowsArray.byteOffset, rows * length * 2), rows, length, wantMax, indices);
    } else if (nativeArgKind(dt) !== undefined) {
      // bool goes through a uint8 copy, which reads any nonzero byte as 1.
      const widen = dt.kind === 'f' && dt.itemsize === 2;
      const scanType = widen ? float32 : dt.kind === 'b' ? uint8 : dt.newByteOrder('=');
      const direct = !widen && dt.kind !== 'b' && dt.isNative && reduced === ndim - 1 && source.flags.cContiguous && source.byteOffset % dt.itemsize === 0;
      const rowsArray = direct ? source : contiguousAlong(source, reduced, scanType);
      const bytes = new Uint8Array(rowsArray.buffer as ArrayBuffer, rowsArray.byteOffset, rows * length * scanType.itemsize);
      native.argExtremumRows(nativeArgKind(scanType)!, scanType.itemsize, bytes, length, rows, wantMax, indices);
    } else {
      throw makeError(TypeError, 'ERR_UFUNC_TYPE', `${name}() does not support ${dtypeRepr(dt)}`);
    }
  }
  if (out) {
    castInto(result, out);
    return out;
  }
  return shape.length === 0 ? Number(indices[0] ?? 0n) : result;
}


/** Index of the minimum along an axis (np.argmin; flattened when axis is null): the first minimum, or the first NaN. */
export const argmin = arrayFunction(
  { name: 'argmin', optionsAt: 2, relevant: reductionRelevant },
  ((a: unknown, axis: unknown, options: FunctionKwargs) => argReduce('argmin', a, axis, options)) as ArgReduceFunction,
);

/** Index of the maximum along an axis (np.argmax; flattened when axis is null): the first maximum, or the first NaN. */
export const argmax = arrayFunction(
  { name: 'argmax', optionsAt: 2, relevant: reductionRelevant },
  ((a: unknown, axis: unknown, options: FunctionKwargs) => argReduce('argmax', a, axis, options)) as ArgReduceFunction,
);

// ---------------------------------------------------------------- cumsum/cumprod

function cumulative(name: 'cumsum' | 'cumprod', ufunc: ReduceUfunc): (a: unknown, axis: unknown, options: FunctionKwargs) => NDArray {
  return (a, axis, options) => {
    checkOptions(name, options, cumulativeNames);
    const array = arrayOperand(a, `${name}() input`);
    const axisArg = axisOf(name, axis, options);
    // NumPy ravels for axis=None and treats a 0-d input as 1-d.
    const source = axisArg === null || array.shape.length === 0 ? array.reshape(array.size) : array;
    const index = axisArg === null ? 0 : normalizeAxisIndex(axisArg, source.shape.length);
    return ufunc.accumulate(source, { axis: index, dtype: (options.dtype ?? undefined) as DTypeLike | undefined, out: outOption(options.out) ?? undefined }) as NDArray;
  };
}

/** Cumulative sum along an axis (np.cumsum; flattened when axis is null), with sum's accumulator dtypes. */
export const cumsum = arrayFunction(
  { name: 'cumsum', optionsAt: 2, relevant: reductionRelevant },
  cumulative('cumsum', add) as CumulativeFunction,
);

/** Cumulative product along an axis (np.cumprod; flattened when axis is null). */
export const cumprod = arrayFunction(
  { name: 'cumprod', optionsAt: 2, relevant: reductionRelevant },
  cumulative('cumprod', multiply) as CumulativeFunction,
);

// ---------------------------------------------------------------- methods

/** Calls a function's default implementation with the arguments given (trailing undefined dropped). */
export function callImplementation(func: Pick<ArrayFunctionMembers, 'implementation'>, args: unknown[]): unknown {
  let count = args.length;
  while (count > 1 && args[count - 1] === undefined) count--;
  return func.implementation(...args.slice(0, count));
}

type AxisMethod<O, R = ReductionResult> = (this: NDArray, axis?: AxisOption | O, options?: O) => R;

function method<O, R = ReductionResult>(func: Pick<ArrayFunctionMembers, 'implementation'>): AxisMethod<O, R> {
  return function (this: NDArray, axis?: AxisOption | O, options?: O): R {
    return callImplementation(func, [this, axis, options]) as R;
  };
}

/** NDArray's reduction methods (attached in src/protocols.ts); each calls its function's default implementation. */
export const reductionMethods = {
  sum: method<SumOptions>(sum),
  prod: method<SumOptions>(prod),
  min: method<MinMaxOptions>(min),
  max: method<MinMaxOptions>(max),
  mean: method<MeanOptions>(mean),
  var: method<VarOptions>(variance),
  std: method<VarOptions>(std),
  all: method<LogicalReduceOptions>(all),
  any: method<LogicalReduceOptions>(any),
  argmin: method<ArgReduceOptions>(argmin),
  argmax: method<ArgReduceOptions>(argmax),
  cumsum: method<CumulativeOptions, NDArray>(cumsum),
  cumprod: method<CumulativeOptions, NDArray>(cumprod),
};

declare module '../array/ndarray.js' {
  interface NDArray {
    /** Sum over `axis` (all axes by default): `sum(this, axis, options)`, typed as that call. */
    sum: ReductionMethodOf<'sum', SumOptions>;
    /** Product over `axis` (all axes by default): `prod(this, axis, options)`. */
    prod: ReductionMethodOf<'sum', SumOptions>;
    /** Minimum over `axis` (all axes by default), NaN propagating: `min(this, axis, options)`. */
    min: ReductionMethodOf<'same', MinMaxOptions>;
    /** Maximum over `axis` (all axes by default), NaN propagating: `max(this, axis, options)`. */
    max: ReductionMethodOf<'same', MinMaxOptions>;
    /** Arithmetic mean over `axis` (all axes by default): `mean(this, axis, options)`. */
    mean: ReductionMethodOf<'mean', MeanOptions>;
    /** Variance over `axis` with `ddof`: `variance(this, axis, options)` (NumPy's var). */
    var: ReductionMethodOf<'var', VarOptions>;
    /** Standard deviation over `axis` with `ddof`: `std(this, axis, options)`. */
    std: ReductionMethodOf<'var', VarOptions>;
    /** Whether all elements over `axis` are truthy: `all(this, axis, options)`. */
    all: ReductionMethodOf<'bool', LogicalReduceOptions>;
    /** Whether any element over `axis` is truthy: `any(this, axis, options)`. */
    any: ReductionMethodOf<'bool', LogicalReduceOptions>;
    /** Index of the minimum along `axis` (flattened by default): `argmin(this, axis, options)`. */
    argmin: ReductionMethodOf<'index', ArgReduceOptions>;
    /** Index of the maximum along `axis` (flattened by default): `argmax(this, axis, options)`. */
    argmax: ReductionMethodOf<'index', ArgReduceOptions>;
    /** Cumulative sum along `axis` (flattened by default): `cumsum(this, axis, options)`. */
    cumsum: CumulativeMethodOf;
    /** Cumulative product along `axis` (flattened by default): `cumprod(this, axis, options)`. */
    cumprod: CumulativeMethodOf;
  }
}
