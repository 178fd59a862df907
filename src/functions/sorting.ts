// NumPy's sort, argsort and unique as array functions, and NDArray's
// in-place sort. Real numbers (bool, integers, float16/32/64) go to the
// native LSD radix sort (native/core/kernels/sort.cc), which is stable, so
// every kind NumPy accepts gets a valid result and the stable kinds exactly
// NumPy's; NaN sorts last. Complex numbers are sorted in JS with NumPy's
// order (lexicographic, NaNs last by NumPy's rule).
import { describeValue, makeError } from '../base/errors.js';
import { native } from '../base/native.js';
import { type DType, dtypeRepr } from '../dtype/dtype.js';
import { float32 as dtypeFloat32, int64 } from '../dtype/promotion.js';
import { NDArray, asClassOf } from '../array/ndarray.js';
import { uninitializedArray } from '../ufunc/arrays.js';
import { arrayOperand } from '../ufunc/operands.js';
import { castInto } from '../ufunc/engine.js';
import { type FunctionKwargs, arrayFunction } from './array-function.js';
import { checkOptions, normalizeAxisIndex } from './axes.js';
import { callImplementation, contiguousAlong } from './reductions.js';
import type { SortFunction, UniqueFunction } from './signatures.js';
import type { ArrayResult } from '../ufunc/signatures.js';

/** NumPy's sort kinds; the stable ones keep equal elements in order. */
export type SortKind = 'quicksort' | 'mergesort' | 'heapsort' | 'stable';

/** Options of sort and argsort. */
export interface SortOptions {
  /** Axis to sort along (default -1); null sorts the flattened array. */
  axis?: number | null;
  /** Algorithm (default 'quicksort'); 'stable' and 'mergesort' keep ties in order. */
  kind?: SortKind | null;
  /** Whether the sort must be stable (NumPy's `stable=`; not together with kind). */
  stable?: boolean | null;
  /** Field order for structured arrays (unsupported: NumPy's error for arrays without fields). */
  order?: unknown;
}

/** Options of unique. */
export interface UniqueOptions {
  /** Also return the index of each unique value's first occurrence. */
  returnIndex?: boolean;
  /** Also return the indices that rebuild the input from the unique values. */
  returnInverse?: boolean;
  /** Also return how often each unique value occurs. */
  returnCounts?: boolean;
  /** Unique subarrays along this axis; null (default) flattens. */
  axis?: number | null;
  /** Whether NaNs collapse into one (default true; without axis). */
  equalNan?: boolean;
  /** Accepted for NumPy compatibility: results are always sorted. */
  sorted?: boolean;
}

const sortNames = new Set(['axis', 'kind', 'stable', 'order']);
const uniqueNames = new Set(['returnIndex', 'returnInverse', 'returnCounts', 'axis', 'equalNan', 'sorted']);

/** Checks kind/stable/order as NumPy does; the sort itself is the same (stable) for every kind. */
function checkKind(options: FunctionKwargs, a: NDArray): void {
  const { kind, stable, order } = options;
  if (kind !== undefined && kind !== null && stable !== undefined && stable !== null) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', "`kind` and keyword parameters can't be provided at the same time. Use only one of them.");
  }
  if (kind !== undefined && kind !== null) {
    // NumPy reads the first letter: q(uicksort), h(eapsort), m(ergesort), s(table).
    const first = typeof kind === 'string' ? kind.charAt(0).toLowerCase() : '';
    if (!'qhms'.includes(first) || first === '') {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `sort kind must be one of 'quick', 'heap', or 'stable' (got ${pyRepr(kind)})`);
    }
  }
  if (stable !== undefined && stable !== null && typeof stable !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `stable must be a boolean or null, got ${describeValue(stable)}`);
  }
  if (order !== undefined && order !== null && !a.dtype.fields) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'Cannot specify order when the array has no fields.');
  }
}

function pyRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : describeValue(value);
}

/** The native sort's kind code for a dtype, or undefined when JS sorts it. */
function nativeKind(dt: DType): 0 | 1 | 2 | undefined {
  if (dt.kind === 'b' || dt.kind === 'u') return 0;
  if (dt.kind === 'i') return 1;
  if (dt.kind === 'f' && dt.name !== 'bfloat16') return 2;
  return undefined;
}

function checkSortable(name: string, dt: DType): void {
  if (nativeKind(dt) === undefined && dt.kind !== 'c') {
    throw makeError(TypeError, 'ERR_UFUNC_TYPE', `${name}() does not support ${dtypeRepr(dt)}`);
  }
}

// NumPy's complex order: [R + Rj, R + nanj, nan + Rj, nan + nanj], each group lexicographic.
function complexCompare(values: Float64Array | Float32Array, i: number, j: number): number {
  const ar = values[2 * i]!;
  const ai = values[2 * i + 1]!;
  const br = values[2 * j]!;
  const bi = values[2 * j + 1]!;
  const ga = (ar !== ar ? 2 : 0) + (ai !== ai ? 1 : 0);
  const gb = (br !== br ? 2 : 0) + (bi !== bi ? 1 : 0);
  if (ga !== gb) return ga - gb;
  if (ga === 0) return ar < br ? -1 : ar > br ? 1 : ai < bi ? -1 : ai > bi ? 1 : 0;
  if (ga === 1) return ar < br ? -1 : ar > br ? 1 : 0;
  if (ga === 2) return ai < bi ? -1 : ai > bi ? 1 : 0;
  return 0;
}

function complexStorage(rows: NDArray): Float64Array | Float32Array {
  const Ctor = rows.dtype.itemsize === 8 ? Float32Array : Float64Array;
  return new Ctor(rows.buffer as ArrayBuffer, rows.byteOffset, rows.size * 2);
}

/** Stable argsort of every row of a contiguous complex array, into `indices`. */
function complexArgsortRows(rows: NDArray, length: number, indices: BigInt64Array): void {
  const values = complexStorage(rows);
  const count = length === 0 ? 0 : rows.size / length;
  const order: number[] = [];
  for (let r = 0; r < count; r++) {
    const start = r * length;
    order.length = 0;
    for (let i = 0; i < length; i++) order.push(start + i);
    order.sort((i, j) => complexCompare(values, i, j) || i - j);
    for (let i = 0; i < length; i++) indices[start + i] = BigInt(order[i]! - start);
  }
}

function bytesOf(a: NDArray): Uint8Array {
  return new Uint8Array(a.buffer as ArrayBuffer, a.byteOffset, a.size * a.dtype.itemsize);
}

/** Sorts each row (the last axis) of a fresh contiguous array in place. */
function sortRowsInPlace(rows: NDArray, length: number): void {
  if (rows.size === 0) return;
  const kind = nativeKind(rows.dtype);
  if (kind !== undefined) {
    native.sortRows(kind, rows.dtype.itemsize, bytesOf(rows), length, rows.size / length);
    return;
  }
  const indices = new BigInt64Array(rows.size);
  complexArgsortRows(rows, length, indices);
  const values = complexStorage(rows);
  const copy = values.slice();
  for (let k = 0; k < indices.length; k++) {
    const source = k - (k % length) + Number(indices[k]);
    values[2 * k] = copy[2 * source]!;
    values[2 * k + 1] = copy[2 * source + 1]!;
  }
}

/** The stable argsort of each row of a fresh contiguous array, as int64 of its shape. */
function argsortRows(rows: NDArray, length: number): NDArray {
  const result = uninitializedArray(rows.shape, int64);
  const indices = new BigInt64Array(result.buffer as ArrayBuffer, result.byteOffset, result.size);
  if (rows.size === 0) return result;
  const kind = nativeKind(rows.dtype);
  if (kind !== undefined) native.sortRows(kind, rows.dtype.itemsize, bytesOf(rows), length, rows.size / length, indices);
  else complexArgsortRows(rows, length, indices);
  return result;
}

/** Undoes contiguousAlong's move of `axis` to the end, as a fresh C-contiguous array of `dt`. */
function moveBack(rows: NDArray, axis: number, dt: DType): NDArray {
  const ndim = rows.shape.length;
  if (axis === ndim - 1 && rows.dtype === dt) return rows;
  const perm: number[] = [];
  for (let d = 0; d < ndim; d++) perm.push(d < axis ? d : d === axis ? ndim - 1 : d - 1);
  const view = rows.transpose(perm);
  const result = uninitializedArray(view.shape, dt);
  castInto(view, result);
  return result;
}

interface Prepared {
  source: NDArray;
  axis: number;
}

function prepare(name: string, a: unknown, axis: unknown, options: FunctionKwargs): Prepared {
  checkOptions(name, options, sortNames);
  if (axis !== undefined && options.axis !== undefined) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}() got multiple values for argument 'axis'`);
  }
  const array = arrayOperand(a, `${name}() input`);
  checkKind(options, array);
  checkSortable(name, array.dtype);
  const axisArg = axis !== undefined ? axis : options.axis === undefined ? -1 : options.axis;
  if (axisArg === null) return { source: array.reshape(array.size), axis: 0 };
  return { source: array, axis: normalizeAxisIndex(axisArg, array.shape.length) };
}

function sortImpl(a: unknown, axis: unknown, options: FunctionKwargs): NDArray {
  const { source, axis: along } = prepare('sort', a, axis, options);
  const rows = contiguousAlong(source, along);
  sortRowsInPlace(rows, source.shape[along]!);
  // np.sort and np.argsort of a subclass give the subclass.
  return asClassOf(moveBack(rows, along, source.dtype), source);
}

/**
 * A sorted copy (np.sort) along `axis` (default -1; null flattens). NaN
 * sorts last; complex numbers sort lexicographically. Every kind gives
 * the stable result here: a radix sort for real numbers, or for 8-byte
 * numbers a vector quicksort on two threads whose result has the same bits.
 */
export const sort = arrayFunction(
  { name: 'sort', optionsAt: 2, relevant: ([a]) => [a] },
  sortImpl as SortFunction<never>,
);

function argsortImpl(a: unknown, axis: unknown, options: FunctionKwargs): NDArray {
  const { source, axis: along } = prepare('argsort', a, axis, options);
  const rows = contiguousAlong(source, along);
  const indices = argsortRows(rows, source.shape[along]!);
  return asClassOf(moveBack(indices, along, int64), source);
}

/**
 * Indices that sort `a` along `axis` (np.argsort; default -1, null
 * flattens), as int64. Stable for every kind: ties keep their order.
 */
export const argsort = arrayFunction(
  { name: 'argsort', optionsAt: 2, relevant: ([a]) => [a] },
  argsortImpl as SortFunction<'int64'>,
);

// ---------------------------------------------------------------- unique

/** What unique returns: the values alone, or [values, index?, inverse?, counts?] when any extra is asked for. */
export type UniqueResult = NDArray | NDArray[];

function isNanAt(values: ArrayLike<number>, complex: boolean, i: number): boolean {
  if (!complex) return values[i] !== values[i];
  return values[2 * i] !== values[2 * i] || values[2 * i + 1] !== values[2 * i + 1];
}

function int64Array(values: readonly number[], shape: readonly number[] = [values.length]): NDArray {
  const result = uninitializedArray(shape, int64);
  const view = new BigInt64Array(result.buffer as ArrayBuffer, result.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) view[i] = BigInt(values[i]!);
  return result;
}

/** A contiguous array of `rows` picked (in order) from a contiguous array along axis 0. */
function takeRows(source: NDArray, picks: readonly number[]): NDArray {
  const rowBytes = source.shape.length === 0 ? source.dtype.itemsize : source.strides[0]! || source.dtype.itemsize * source.shape.slice(1).reduce((k, n) => k * n, 1);
  const result = uninitializedArray([picks.length, ...source.shape.slice(1)], source.dtype);
  const from = new Uint8Array(source.buffer as ArrayBuffer, source.byteOffset, source.size * source.dtype.itemsize);
  const to = bytesOf(result);
  picks.forEach((row, k) => to.set(from.subarray(row * rowBytes, (row + 1) * rowBytes), k * rowBytes));
  return result;
}

function elementValues(flat: NDArray): ArrayLike<number | bigint> {
  const dt = flat.dtype;
  if (dt.kind === 'c') return complexStorage(flat);
  if (dt.name === 'float16') {
    const widened = uninitializedArray(flat.shape, dtypeFloat32);
    castInto(flat, widened);
    return new Float32Array(widened.buffer as ArrayBuffer, widened.byteOffset, widened.size);
  }
  return flat.toTypedArray() as unknown as ArrayLike<number | bigint>;
}

function uniqueImpl(ar: unknown, options: FunctionKwargs): UniqueResult {
  checkOptions('unique', options, uniqueNames);
  const array = arrayOperand(ar, 'unique() input');
  checkSortable('unique', array.dtype);
  const wantIndex = options.returnIndex === true;
  const wantInverse = options.returnInverse === true;
  const wantCounts = options.returnCounts === true;
  const equalNan = options.equalNan !== false;
  const axisArg = options.axis ?? null;
  let uniqueValues: NDArray;
  let firsts: number[];
  let inverse: number[];
  let counts: number[];
  let inverseShape: number[];
  if (axisArg === null) {
    const flat = contiguousAlong(array.reshape(array.size), 0);
    const n = flat.size;
    const perm = Array.from(new BigInt64Array(argsortRows(flat, n).buffer as ArrayBuffer, 0, n), Number);
    const sortedValues = elementValues(flat);
    const complex = array.dtype.kind === 'c';
    const equal = (i: number, j: number): boolean =>
      complex
        ? sortedValues[2 * i] === sortedValues[2 * j] && sortedValues[2 * i + 1] === sortedValues[2 * j + 1]
        : sortedValues[i] === sortedValues[j];
    ({ firsts, inverse, counts } = groups(perm, (p, q) => equal(p, q) || (equalNan && isNanAt(sortedValues as ArrayLike<number>, complex, p) && isNanAt(sortedValues as ArrayLike<number>, complex, q))));
    firsts = firsts.map((k) => perm[k]!);
    // Without extras NumPy finds the values with a hash table: each value is
    // its first occurrence (which, for the NaNs of complex arrays, need not
    // come first in sorted order).
    const extras = wantIndex || wantInverse || wantCounts;
    const picks = extras ? firsts : firstOccurrences(inverse, firsts.length);
    uniqueValues = takeRows(flat.reshape([n]), picks);
    inverseShape = [...array.shape];
  } else {
    const axis = normalizeAxisIndex(axisArg, array.shape.length);
    const moved = contiguousAlong(array, axis);
    // moved has `axis` last; put it first: rows are the subarrays along axis.
    const ndim = array.shape.length;
    const rowsFirst = moved.transpose([ndim - 1, ...Array.from({ length: ndim - 1 }, (_, d) => d)]);
    const rowsArray = uninitializedArray(rowsFirst.shape, rowsFirst.dtype);
    castInto(rowsFirst, rowsArray);
    const n = array.shape[axis]!;
    const width = n === 0 ? 0 : rowsArray.size / n;
    const values = elementValues(rowsArray);
    const complex = array.dtype.kind === 'c';
    const per = complex ? 2 : 1;
    const compareElement = (a: number, b: number): number => {
      if (complex) return complexCompare(values as Float64Array, a, b);
      const x = values[a]!;
      const y = values[b]!;
      if (x === y) return 0;
      if (x !== x) return y !== y ? 0 : 1;
      if (y !== y) return -1;
      return x < y ? -1 : 1;
    };
    const compareRows = (p: number, q: number): number => {
      for (let k = 0; k < width; k++) {
        const c = compareElement(p * width + k, q * width + k);
        if (c !== 0) return c;
      }
      return 0;
    };
    const equalRows = (p: number, q: number): boolean => {
      for (let k = 0; k < width; k++) {
        const a = (p * width + k) * per;
        const b = (q * width + k) * per;
        if (values[a] !== values[b]) return false;
        if (complex && values[a + 1] !== values[b + 1]) return false;
      }
      return true;
    };
    const perm = Array.from({ length: n }, (_, i) => i).sort((p, q) => compareRows(p, q) || p - q);
    ({ firsts, inverse, counts } = groups(perm, equalRows));
    firsts = firsts.map((k) => perm[k]!);
    const picked = takeRows(rowsArray, firsts);
    const back = [...Array.from({ length: ndim - 1 }, (_, d) => d + 1)];
    back.splice(axis, 0, 0);
    const view = picked.transpose(back);
    uniqueValues = uninitializedArray(view.shape, view.dtype);
    castInto(view, uniqueValues);
    inverseShape = [n];
  }
  if (uniqueValues.dtype !== array.dtype && array.dtype.isNative === false) {
    const swapped = uninitializedArray(uniqueValues.shape, array.dtype);
    castInto(uniqueValues, swapped);
    uniqueValues = swapped;
  }
  if (!wantIndex && !wantInverse && !wantCounts) return uniqueValues;
  const result = [uniqueValues];
  if (wantIndex) result.push(int64Array(firsts));
  if (wantInverse) result.push(int64Array(inverse, inverseShape));
  if (wantCounts) result.push(int64Array(counts));
  return result;
}

/** Per group, the smallest original position holding it. */
function firstOccurrences(inverse: readonly number[], groupCount: number): number[] {
  const result = new Array<number>(groupCount).fill(-1);
  inverse.forEach((group, position) => {
    if (result[group] === -1) result[group] = position;
  });
  return result;
}

/**
 * Groups of equal elements in sorted order: `perm` lists the elements in
 * sorted order, `same(p, q)` says whether elements p and q are equal.
 * Returns, per group, its first position in `perm` and its size, and per
 * element (original position) its group number.
 */
function groups(perm: readonly number[], same: (p: number, q: number) => boolean): { firsts: number[]; inverse: number[]; counts: number[] } {
  const firsts: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(perm.length);
  for (let k = 0; k < perm.length; k++) {
    if (k === 0 || !same(perm[k - 1]!, perm[k]!)) {
      firsts.push(k);
      counts.push(0);
    }
    counts[counts.length - 1]! += 1;
    inverse[perm[k]!] = firsts.length - 1;
  }
  return { firsts, inverse, counts };
}

/**
 * The sorted unique elements (np.unique), flattened unless `axis` is given
 * (then unique subarrays along it). With returnIndex / returnInverse /
 * returnCounts, returns [values, ...the asked-for int64 arrays] in that
 * order. NaNs collapse into one unless equalNan is false.
 */
export const unique = arrayFunction(
  { name: 'unique', optionsAt: 1, relevant: ([ar]) => [ar] },
  uniqueImpl as UniqueFunction,
);

// ---------------------------------------------------------------- methods

/** `a.sort(axis?, options)`: sorts `a` in place along axis (default -1), like ndarray.sort. */
export function sortInPlace(this: NDArray, axis?: number | SortOptions, options?: SortOptions): undefined {
  const opts = (typeof axis === 'object' && axis !== null ? axis : options ?? {}) as FunctionKwargs;
  const axisArg = typeof axis === 'object' && axis !== null ? undefined : axis;
  if (this.readonly) throw makeError(TypeError, 'ERR_READONLY', 'assignment destination is read-only');
  if (axisArg === null || opts.axis === null) throw makeError(RangeError, 'ERR_AXIS', 'axis must be an integer for an in-place sort');
  const sorted = sortImpl(this, axisArg, opts);
  castInto(sorted, this);
  return undefined;
}

/** NDArray's sorting methods (attached in src/protocols.ts). */
export const sortingMethods = {
  sort: sortInPlace,
  argsort(this: NDArray, axis?: number | null | SortOptions, options?: SortOptions): NDArray {
    return callImplementation(argsort, [this, axis, options]) as NDArray;
  },
};

declare module '../array/ndarray.js' {
  interface NDArray {
    /** Sorts this array in place along `axis` (default -1), like ndarray.sort; returns undefined. */
    sort(axis?: number | SortOptions, options?: SortOptions): undefined;
    /** Indices that sort this array along `axis` (default -1; null flattens): `argsort(this, axis, options)`, int64 (of a subclass, the subclass). */
    argsort<This extends NDArray>(this: This, axis?: number | null | SortOptions, options?: SortOptions): ArrayResult<[This], 'int64'>;
  }
}
