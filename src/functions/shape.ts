// Shape functions (NumPy 2.4): concatenate, stack, vstack, hstack, squeeze,
// expandDims, ravel, flatten, flip, swapaxes, moveaxis, broadcastArrays.
// Views where NumPy returns views (strides only, no element touched); the
// joins copy each input into its slot of the result with the native cast
// kernel, so large inputs move at memory speed.
import { describeValue, makeError } from '../base/errors.js';
import { type DType, type DTypeLike } from '../dtype/dtype.js';
import { type Casting, arrayCastingError, canCast, parseCasting } from '../dtype/casting.js';
import { type WeakKind, promoteTypes, resultType } from '../dtype/promotion.js';
import { NDArray, checkViewableDType } from '../array/ndarray.js';
import { broadcastShapes } from '../array/broadcast.js';
import { contiguousStrides } from '../base/validate.js';
import { arrayOperand, weakKindOf } from '../ufunc/operands.js';
import { isNDArray, uninitializedArray } from '../ufunc/arrays.js';
import { castInto } from '../ufunc/engine.js';
import { type ArrayFunction, arrayFunction, elementsOf, type FunctionKwargs } from './array-function.js';
import type { ArrayOperand, BroadcastArraysFunction, JoinFunction, StackFunction, ViewOutput } from './signatures.js';
import { normalizeAxisIndex, normalizeAxisTuple } from './axes.js';

// ---------------------------------------------------------------------------
// Small helpers shared by creation.ts and selection.ts.

/** @internal An NDArray from an argument (NDArray, array-like or JS scalar). */
export function toArray(value: unknown, what = 'a'): NDArray {
  return arrayOperand(value, what);
}

/**
 * @internal A C-contiguous, native-order version of `a` (itself when it is
 * one); the copy runs in the native cast kernel for numeric dtypes.
 */
export function contiguous(a: NDArray): NDArray {
  if (a.flags.cContiguous && a.dtype.isNative) return a;
  if ('biufc'.includes(a.dtype.kind) && a.dtype.name !== 'longdouble') {
    const out = uninitializedArray(a.shape, a.dtype.newByteOrder('='));
    if (out.size > 0) castInto(a, out);
    return out;
  }
  return a.copy();
}

/** @internal A view of `a` with a new layout (same memory). */
export function relayout(a: NDArray, shape: readonly number[], strides: readonly number[], byteOffset = a.byteOffset, readonly = a.readonly): NDArray {
  return a._derive({ shape: [...shape], strides: [...strides], byteOffset }, readonly);
}

/** @internal A shape as Python prints a tuple: (2, 3), (3,), (). */
export function tupleText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** @internal Checks an `order` argument: 'C', 'F', 'A' or 'K' (NumPy's message). */
export function checkOrder(order: unknown, allowed: readonly string[] = ['C', 'F', 'A', 'K']): string {
  if (order === undefined || order === null) return 'K';
  if (typeof order !== 'string' || !allowed.includes(order.toUpperCase())) {
    const list = allowed.length === 4 ? "'C', 'F', 'A', or 'K'" : allowed.length === 2 ? "'C' or 'F'" : allowed.map((o) => `'${o}'`).join(', ');
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `order must be one of ${list} (got ${typeof order === 'string' ? `'${order}'` : describeValue(order)})`);
  }
  return order.toUpperCase();
}

/** @internal Strides of a fresh array in C or F order. */
export function orderedStrides(shape: readonly number[], itemsize: number, order: string): number[] {
  if (order !== 'F') return contiguousStrides(shape, itemsize);
  const reversed = contiguousStrides([...shape].reverse(), itemsize).reverse();
  return reversed;
}

function checkOut(out: unknown, name: string): NDArray | undefined {
  if (out === undefined || out === null) return undefined;
  if (!(out instanceof NDArray)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}: out must be an NDArray, got ${describeValue(out)}`);
  out._checkWritable();
  return out;
}

// ---------------------------------------------------------------------------
// Joining

function sequenceOf(arrays: unknown, name: string): unknown[] {
  if (Array.isArray(arrays)) return arrays;
  if (arrays instanceof NDArray) return arrays.ndim === 0 ? [arrays] : [...arrays].map((item) => item);
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}: expected a sequence of arrays, got ${describeValue(arrays)}`);
}

interface JoinOptions {
  readonly out?: unknown;
  readonly dtype?: DTypeLike | null;
  readonly casting?: Casting;
}

/**
 * @internal Gives an array function its public call signature (optional
 * positional arguments, a trailing options object) in place of its
 * implementation's, which always receives every slot.
 */
export function publicAs<F extends (...args: never[]) => unknown>(fn: ArrayFunction): ArrayFunction<F> {
  return fn as unknown as ArrayFunction<F>;
}

/** An axis argument: one axis or several. */
export type AxisLike = number | readonly number[];
/** A memory order: 'C' (row-major), 'F' (column-major), 'A' or 'K'. */
export type Order = 'C' | 'F' | 'A' | 'K';

function joinTarget(
  inputs: readonly NDArray[],
  shape: number[],
  options: JoinOptions,
  name: string,
  weak: readonly (WeakKind | undefined)[] = [],
): { out: NDArray; casting: Casting } {
  const out = checkOut(options.out, name);
  if (out && options.dtype !== undefined && options.dtype !== null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}() only takes \`out\` or \`dtype\` as an argument, but both were provided.`);
  }
  const casting = parseCasting(options.casting ?? 'same_kind');
  let dt: DType;
  if (out) {
    if (out.ndim !== shape.length || out.shape.some((n, i) => n !== shape[i])) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'Output array is the wrong shape');
    }
    dt = out.dtype;
  } else if (options.dtype !== undefined && options.dtype !== null) {
    dt = checkViewableDType(options.dtype);
  } else {
    const kinds = weak.filter((k): k is WeakKind => k !== undefined);
    // JS scalars among the inputs are weak (NEP 50): [float32 array, 1.5] stays float32.
    dt = kinds.length > 0 && kinds.length < inputs.length
      ? resultType(inputs.filter((_, i) => weak[i] === undefined).map((a) => a.dtype), kinds)
      : inputs.map((a) => a.dtype).reduce((x, y) => promoteTypes(x, y));
  }
  for (const a of inputs) if (!canCast(a.dtype, dt, casting)) throw arrayCastingError(a.dtype, dt, casting);
  return { out: out ?? uninitializedArray(shape, dt), casting };
}

// Copies the inputs into `out` one after another along `axis`.
function fill(out: NDArray, inputs: readonly NDArray[], axis: number): NDArray {
  let at = 0;
  for (const a of inputs) {
    const n = a.shape[axis]!;
    if (n !== 0 && a.size !== 0) {
      const slot = relayout(out, a.shape, out.strides, out.byteOffset + at * out.strides[axis]!, false);
      castInto(a, slot);
    }
    at += n;
  }
  return out;
}

function concatenateArrays(inputs: NDArray[], axis: unknown, options: JoinOptions, name = 'concatenate', weak: readonly (WeakKind | undefined)[] = []): NDArray {
  if (inputs.length === 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'need at least one array to concatenate');
  if (axis === null) {
    inputs = inputs.map((a) => ravelImpl(a, 'C'));
    axis = 0;
  }
  const first = inputs[0]!;
  if (first.ndim === 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'zero-dimensional arrays cannot be concatenated');
  const ndim = first.ndim;
  const along = normalizeAxisIndex(axis ?? 0, ndim);
  const shape = [...first.shape];
  inputs.forEach((a, index) => {
    if (index === 0) return;
    if (a.ndim !== ndim) {
      throw makeError(
        RangeError,
        'ERR_INVALID_ARG_VALUE',
        `all the input arrays must have same number of dimensions, but the array at index 0 has ${ndim} dimension(s) and the array at index ${index} has ${a.ndim} dimension(s)`,
      );
    }
    for (let d = 0; d < ndim; d += 1) {
      if (d !== along && a.shape[d] !== first.shape[d]) {
        throw makeError(
          RangeError,
          'ERR_INVALID_ARG_VALUE',
          `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${d}, the array at index 0 has size ${first.shape[d]} and the array at index ${index} has size ${a.shape[d]}`,
        );
      }
    }
    shape[along] = shape[along]! + a.shape[along]!;
  });
  const { out } = joinTarget(inputs, shape, options, name, weak);
  return fill(out, inputs, along);
}

/** Options of {@link concatenate} and {@link stack}. */
export interface ConcatenateOptions {
  /** The axis to join along (default 0); null joins the flattened inputs. */
  readonly axis?: number | null;
  /** Where to write the result (its shape must be the result's). */
  readonly out?: NDArray | null;
  /** The result dtype (not together with `out`). */
  readonly dtype?: DTypeLike | null;
  /** Casting rule from the inputs to the result dtype (default 'same_kind'). */
  readonly casting?: Casting;
}

/**
 * NumPy's `concatenate(arrays, axis=0, out=None, *, dtype=None,
 * casting='same_kind')`: joins arrays along an existing axis (null: the
 * flattened arrays). The result dtype is the inputs' promoted dtype unless
 * `dtype` or `out` says otherwise.
 */
export const concatenate = publicAs<JoinFunction<ConcatenateOptions>>(arrayFunction(
  { name: 'concatenate', optionsAt: 2, relevant: ([arrays], kwargs) => [...elementsOf(arrays), kwargs.out] },
  (arrays: unknown, axis: number | null | undefined, options: ConcatenateOptions): NDArray => {
    const items = sequenceOf(arrays, 'concatenate');
    const weak = items.map((a) => (isNDArray(a) || Array.isArray(a) ? undefined : weakKindOf(a)));
    const inputs = items.map((a) => toArray(a, 'concatenate: each array'));
    return concatenateArrays(inputs, axis === undefined ? (options.axis === undefined ? 0 : options.axis) : axis, options, 'concatenate', weak);
  },
));


/** Options of {@link vstack} and {@link hstack}. */
export interface StackOptions {
  /** The result dtype (default: the inputs' promoted type). */
  readonly dtype?: DTypeLike | null;
  /** Casting rule for the inputs into the result (default 'same_kind'). */
  readonly casting?: Casting;
}

/**
 * NumPy's `stack(arrays, axis=0, out=None, *, dtype=None, casting='same_kind')`:
 * joins arrays of one shape along a new axis.
 */
export const stack = publicAs<
  JoinFunction<
    Omit<ConcatenateOptions, 'axis'> & {
      /** The new axis in the result along which the inputs are stacked (default 0). */
      readonly axis?: number;
    }
  >
>(arrayFunction(
  { name: 'stack', optionsAt: 2, relevant: ([arrays], kwargs) => [...elementsOf(arrays), kwargs.out] },
  (arrays: unknown, axis: number | undefined, options: Omit<ConcatenateOptions, 'axis'> & { readonly axis?: number }): NDArray => {
    const inputs = sequenceOf(arrays, 'stack').map((a) => toArray(a, 'stack: each array'));
    if (inputs.length === 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'need at least one array to stack');
    const shape = inputs[0]!.shape;
    if (inputs.some((a) => a.ndim !== shape.length || a.shape.some((n, i) => n !== shape[i]))) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'all input arrays must have the same shape');
    }
    const at = normalizeAxisIndex(axis ?? options.axis ?? 0, shape.length + 1);
    const expanded = inputs.map((a) => insertAxes(a, [at]));
    return concatenateArrays(expanded, at, options, 'stack');
  },
));


function atLeast(a: NDArray, ndim: number): NDArray {
  if (a.ndim >= ndim) return a;
  if (a.ndim === 0) return relayout(a, ndim === 1 ? [1] : [1, 1], ndim === 1 ? [0] : [0, 0]);
  return relayout(a, [1, ...a.shape], [0, ...a.strides]);
}

/** NumPy's `vstack(tup, *, dtype=None, casting='same_kind')`: stacks rows (1-d inputs become rows). */
export const vstack = publicAs<StackFunction<StackOptions>>(arrayFunction(
  { name: 'vstack', optionsAt: 1, relevant: ([tup]) => elementsOf(tup) },
  (tup: unknown, options: StackOptions): NDArray => {
    const inputs = sequenceOf(tup, 'vstack').map((a) => atLeast(toArray(a, 'vstack: each array'), 2));
    return concatenateArrays(inputs, 0, options, 'concatenate');
  },
));


/** NumPy's `hstack(tup, *, dtype=None, casting='same_kind')`: stacks columns (1-d inputs are joined end to end). */
export const hstack = publicAs<StackFunction<StackOptions>>(arrayFunction(
  { name: 'hstack', optionsAt: 1, relevant: ([tup]) => elementsOf(tup) },
  (tup: unknown, options: StackOptions): NDArray => {
    const inputs = sequenceOf(tup, 'hstack').map((a) => atLeast(toArray(a, 'hstack: each array'), 1));
    const axis = inputs.length > 0 && inputs[0]!.ndim === 1 ? 0 : 1;
    return concatenateArrays(inputs, axis, options, 'concatenate');
  },
));


// ---------------------------------------------------------------------------
// Views

function insertAxes(a: NDArray, axes: readonly number[]): NDArray {
  const ndim = a.ndim + axes.length;
  const shape: number[] = [];
  const strides: number[] = [];
  let from = 0;
  for (let d = 0; d < ndim; d += 1) {
    if (axes.includes(d)) {
      shape.push(1);
      strides.push(0);
    } else {
      shape.push(a.shape[from]!);
      strides.push(a.strides[from]!);
      from += 1;
    }
  }
  return relayout(a, shape, strides);
}

/** NumPy's `squeeze(a, axis=None)`: removes length-1 axes (all of them, or the ones named). */
export const squeeze = publicAs<<A extends ArrayOperand>(a: A, axis?: AxisLike | null | { readonly axis?: AxisLike | null }) => ViewOutput<A>>(arrayFunction(
  { name: 'squeeze', optionsAt: 2, relevant: ([a]) => [a] },
  (a: unknown, axis: number | readonly number[] | null | undefined, options: { readonly axis?: number | readonly number[] | null }): NDArray => {
    const array = toArray(a);
    const chosen = axis ?? options.axis ?? null;
    let drop: number[];
    if (chosen === null) {
      drop = array.shape.flatMap((n, d) => (n === 1 ? [d] : []));
    } else {
      drop = normalizeAxisTuple(chosen, array.ndim, "duplicate value in 'axis'");
      if (drop.some((d) => array.shape[d] !== 1)) {
        throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot select an axis to squeeze out which has size not equal to one');
      }
    }
    const keep = array.shape.map((_, d) => d).filter((d) => !drop.includes(d));
    return relayout(array, keep.map((d) => array.shape[d]!), keep.map((d) => array.strides[d]!));
  },
));


/** NumPy's `expand_dims(a, axis)`: inserts length-1 axes at the positions `axis` names in the result. */
export const expandDims = publicAs<<A extends ArrayOperand>(a: A, axis: AxisLike | { readonly axis: AxisLike }) => ViewOutput<A>>(arrayFunction(
  { name: 'expandDims', optionsAt: 2, relevant: ([a]) => [a] },
  (a: unknown, axis: number | readonly number[] | undefined, options: { readonly axis?: number | readonly number[] }): NDArray => {
    const array = toArray(a);
    const chosen = axis ?? options.axis;
    if (chosen === undefined) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', "expandDims() missing required argument 'axis'");
    const count = Array.isArray(chosen) ? chosen.length : 1;
    return insertAxes(array, normalizeAxisTuple(chosen, array.ndim + count));
  },
));


// The axis order a 'K' copy walks: memory order by |stride|, largest first.
function memoryOrder(a: NDArray): number[] {
  const axes = a.shape.map((_, d) => d);
  return axes.sort((x, y) => Math.abs(a.strides[y]!) - Math.abs(a.strides[x]!) || x - y);
}

function lowestAddress(a: NDArray): number {
  let offset = a.byteOffset;
  a.shape.forEach((n, d) => {
    if (a.strides[d]! < 0) offset += (n - 1) * a.strides[d]!;
  });
  return offset;
}

// A fresh C-contiguous copy in the same dtype (byte order kept).
function copyOf(a: NDArray): NDArray {
  if (!'biufc'.includes(a.dtype.kind) || a.dtype.name === 'longdouble') return a.copy();
  const out = uninitializedArray(a.shape, a.dtype);
  if (out.size > 0) castInto(a, out);
  return out;
}

// NumPy's PyArray_Ravel: a view for C order of a C-contiguous array, F order
// of an F-contiguous one, and K order when the elements lie evenly spaced in
// memory; otherwise a copy in the requested order.
function ravelImpl(a: NDArray, order: string): NDArray {
  const { cContiguous, fContiguous } = a.flags;
  let resolved = order;
  if (order === 'A') resolved = fContiguous && !cContiguous ? 'F' : 'C';
  else if (order === 'K' && cContiguous) resolved = 'C';
  else if (order === 'K' && fContiguous) resolved = 'F';
  if (resolved === 'C') return cContiguous ? a.reshape(-1) : copyOf(a).reshape(-1);
  if (resolved === 'F') return fContiguous ? a.transpose().reshape(-1) : copyOf(a.transpose()).reshape(-1);
  const perm = memoryOrder(a);
  // A view when the elements fill a contiguous block in that order.
  let expected = a.itemsize;
  let contiguousBlock = true;
  for (let i = perm.length - 1; i >= 0 && contiguousBlock; i -= 1) {
    const d = perm[i]!;
    if (a.shape[d] === 1) continue;
    if (a.strides[d] !== expected) contiguousBlock = false;
    expected *= a.shape[d]!;
  }
  if (contiguousBlock) return relayout(a, [a.size], [a.itemsize], lowestAddress(a));
  return copyOf(a.transpose(perm)).reshape(-1);
}

/** NumPy's `ravel(a, order='C')`: the elements as a 1-d array, a view when the layout allows one. */
export const ravel = publicAs<<A extends ArrayOperand>(a: A, order?: Order | { readonly order?: Order }) => ViewOutput<A>>(arrayFunction(
  { name: 'ravel', optionsAt: 2, relevant: ([a]) => [a] },
  (a: unknown, order: Order | undefined, options: { readonly order?: Order }): NDArray => {
    const resolved = checkOrder(order ?? options.order ?? 'C');
    return ravelImpl(toArray(a), resolved);
  },
));


/** NumPy's `a.flatten(order='C')`: a 1-d copy (always a copy). */
export function flatten(this: NDArray, order: Order = 'C'): NDArray {
  const resolved = checkOrder(order);
  const flat = ravelImpl(this, resolved);
  return flat.buffer === this.buffer ? copyOf(flat) : flat;
}

/** NumPy's `flip(m, axis=None)`: a view with the order of elements along the axes reversed (all axes by default). */
export const flip = publicAs<<A extends ArrayOperand>(m: A, axis?: AxisLike | null | { readonly axis?: AxisLike | null }) => ViewOutput<A>>(arrayFunction(
  { name: 'flip', optionsAt: 2, relevant: ([m]) => [m] },
  (m: unknown, axis: number | readonly number[] | null | undefined, options: { readonly axis?: number | readonly number[] | null }): NDArray => {
    const array = toArray(m, 'm');
    const chosen = axis ?? options.axis ?? null;
    const axes = chosen === null ? array.shape.map((_, d) => d) : normalizeAxisTuple(chosen, array.ndim);
    let offset = array.byteOffset;
    const strides = [...array.strides];
    for (const d of axes) {
      if (array.shape[d]! > 0) offset += (array.shape[d]! - 1) * strides[d]!;
      strides[d] = -strides[d]!;
    }
    if (array.size === 0) return relayout(array, array.shape, array.strides);
    return relayout(array, array.shape, strides, offset);
  },
));


/** NumPy's `swapaxes(a, axis1, axis2)`: a view with two axes interchanged. */
export const swapaxes = publicAs<<A extends ArrayOperand>(a: A, axis1: number, axis2: number) => ViewOutput<A>>(arrayFunction(
  { name: 'swapaxes', optionsAt: 3, relevant: ([a]) => [a] },
  (a: unknown, axis1: number, axis2: number): NDArray => {
    const array = toArray(a);
    const first = normalizeAxisIndex(axis1, array.ndim, 'axis1: ');
    const second = normalizeAxisIndex(axis2, array.ndim, 'axis2: ');
    const perm = array.shape.map((_, d) => d);
    perm[first] = second;
    perm[second] = first;
    return array.transpose(perm);
  },
));


/** NumPy's `moveaxis(a, source, destination)`: a view with axes moved to new positions, the others keeping their order. */
export const moveaxis = publicAs<<A extends ArrayOperand>(a: A, source: AxisLike, destination: AxisLike) => ViewOutput<A>>(arrayFunction(
  { name: 'moveaxis', optionsAt: 3, relevant: ([a]) => [a] },
  (a: unknown, source: number | readonly number[], destination: number | readonly number[]): NDArray => {
    const array = toArray(a);
    const from = normalizeAxisTuple(source, array.ndim, 'repeated axis in `source` argument', 'source: ');
    const to = normalizeAxisTuple(destination, array.ndim, 'repeated axis in `destination` argument', 'destination: ');
    if (from.length !== to.length) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', '`source` and `destination` arguments must have the same number of elements');
    }
    const order = array.shape.map((_, d) => d).filter((d) => !from.includes(d));
    const pairs = to.map((dest, i) => [dest, from[i]!] as const).sort((x, y) => x[0] - y[0]);
    for (const [dest, src] of pairs) order.splice(dest, 0, src);
    return array.transpose(order);
  },
));


/**
 * NumPy's `broadcast_arrays(*args)`: views of the arguments at their common
 * broadcast shape. Arrays whose shape changes come back read-only (NumPy
 * warns that writing them is deprecated); the others are the inputs' own
 * layout.
 */
export const broadcastArrays = publicAs<BroadcastArraysFunction>(arrayFunction(
  { name: 'broadcastArrays', optionsAt: 64, relevant: (args) => args },
  (...slots: unknown[]): NDArray[] => {
    const values = slots.slice(0, -1);
    while (values.length > 0 && values[values.length - 1] === undefined) values.pop();
    const arrays = values.map((v) => toArray(v, 'broadcastArrays: each argument'));
    let shape: number[];
    try {
      shape = broadcastShapes(arrays.map((a) => a.shape));
    } catch {
      // NumPy names the first pair that does not fit.
      let common: readonly number[] = arrays[0]!.shape;
      let bad = 1;
      for (; bad < arrays.length; bad += 1) {
        try {
          common = broadcastShapes([common, arrays[bad]!.shape]);
        } catch {
          break;
        }
      }
      const clash = arrays.findIndex((a) => {
        try {
          broadcastShapes([a.shape, arrays[bad]!.shape]);
          return false;
        } catch {
          return true;
        }
      });
      throw makeError(
        RangeError,
        'ERR_BROADCAST',
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${clash} with shape ${tupleText(arrays[clash]!.shape)} and arg ${bad} with shape ${tupleText(arrays[bad]!.shape)}.`,
      );
    }
    return arrays.map((a) => (a.ndim === shape.length && a.shape.every((n, i) => n === shape[i]) ? a : a.broadcastTo(shape)));
  },
));


/** @internal Shape methods attached to NDArray.prototype by src/protocols.ts. */
export const shapeMethods = {
  flatten,
  ravel(this: NDArray, order?: Order): NDArray {
    return ravel(this, order);
  },
  squeeze(this: NDArray, axis?: number | readonly number[] | null): NDArray {
    return squeeze(this, axis);
  },
  swapaxes(this: NDArray, axis1: number, axis2: number): NDArray {
    return swapaxes(this, axis1, axis2);
  },
};

declare module '../array/ndarray.js' {
  interface NDArray {
    /** A 1-d copy of the elements in `order` ('C' default, 'F', 'A', 'K'): NumPy's `a.flatten()`. */
    flatten(order?: Order): NDArray;
    /** The elements as a 1-d array, a view when possible: {@link ravel}. */
    ravel(order?: Order): NDArray;
    /** Removes length-1 axes: {@link squeeze}. */
    squeeze(axis?: number | readonly number[] | null): NDArray;
    /** Interchanges two axes (a view): {@link swapaxes}. */
    swapaxes(axis1: number, axis2: number): NDArray;
  }
}

export type { FunctionKwargs };
