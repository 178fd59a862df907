// The pure-JS path for the smallest, commonest calls: the arithmetic and
// comparison ufuncs on small C-contiguous arrays of the dtypes with a
// TypedArray of their own (float64, float32, int32; NDArray's smallSize
// elements at most), of one shape, or one array and a JS number, with no
// options or `{ out }` alone; and add.reduce along the last axis of such an
// array of one or two dimensions (tryTinyReduce, at the end). Crossing into
// native code costs more than the arithmetic there.
//
// It makes the general path's choices (the same loop selection) and only
// computes: results are bit-identical to the kernels. float32 +,-,* computed
// in float64 round once, exactly; int32 and float32 inputs of a float64 loop
// convert exactly. Any float result that could carry a floating-point flag
// (non-finite; for a product also subnormal or zero) leaves the path before
// anything is written, so the native loop runs and errstate sees its flags.
// Results of more than 64 bytes are JS arrays until their memory is asked
// for (SmallStore in array/ndarray.ts).
// Comparisons raise none (the kernels clear 'invalid' from NaNs, as NumPy's do).
import { NDArray, type SmallStore, newArrayStore, smallSize, storeIsArray, storeOf, storeScratch } from '../array/ndarray.js';
import { broadcastShapes, shapeSize } from '../array/broadcast.js';
import { filledStrides } from '../base/validate.js';
import { activeRecorder } from './record.js';
import { anyPending } from '../base/busy.js';
import { baseArrayOverridden } from './dispatch.js';
import { dtypeByName, type DType } from '../dtype/dtype.js';
import type { OperandType } from './loop-selection.js';
import { type UfuncCore, selectLoop } from './call.js';

/** tryTinyCall's answer when the call must take another path. */
export const NotTiny: unique symbol = Symbol('ndinterop.NotTiny');

type Arithmetic = 'add' | 'subtract' | 'multiply';
type Comparison = 'less' | 'less_equal' | 'greater' | 'greater_equal' | 'equal' | 'not_equal';
const arithmetic: ReadonlySet<string> = new Set<Arithmetic>(['add', 'subtract', 'multiply']);
const comparisons: ReadonlySet<string> = new Set<Comparison>(['less', 'less_equal', 'greater', 'greater_equal', 'equal', 'not_equal']);

/** True for the ufuncs this path computes. */
export function isTinyUfunc(name: string): boolean {
  return arithmetic.has(name) || comparisons.has(name);
}

const minNormal: Readonly<Record<string, number>> = { float64: 2.2250738585072014e-308, float32: 1.1754943508222875e-38 };
const bool = dtypeByName('bool')!;

type Numbers = SmallStore | Float64Array;
// A JS number operand repeated, or a broadcast operand laid out in the
// result's shape: the loops read both operands by index.
const operandScratch = [new Float64Array(smallSize), new Float64Array(smallSize)];

const contiguous1d: Readonly<Record<number, readonly number[]>> = { 1: Object.freeze([1]), 4: Object.freeze([4]), 8: Object.freeze([8]) };

function resultArray(shape: readonly number[], dt: DType, elements: SmallStore | Uint8Array): NDArray {
  const strides = shape.length === 1 ? contiguous1d[dt.itemsize]! : Object.freeze(filledStrides(shape, dt.itemsize));
  return NDArray._fromValidated({ store: elements, byteOffset: 0, dtype: dt, shape, strides, readonly: false, frozen: true });
}

function plain(value: unknown): value is NDArray {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === NDArray.prototype;
}

// `{ out }` alone: the out array (null for none or null), NotTiny for anything else.
function outOption(options: unknown): NDArray | null | typeof NotTiny {
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return NotTiny;
  let out: unknown = null;
  for (const key in options) {
    if (key !== 'out') return NotTiny;
    out = (options as { out?: unknown }).out;
  }
  if (out === undefined || out === null) return null;
  return plain(out) && !out.readonly ? out : NotTiny;
}

const typeScratch: OperandType[] = [undefined!, undefined!];
const noShape: readonly number[] = Object.freeze([]);

/**
 * The result of `core(...args)` computed in JS, or NotTiny. Returns NotTiny
 * whenever an async call is pending (the general path refuses inputs it
 * writes) or a handler is registered for NDArray (the general path
 * dispatches to it), each one compare when not so.
 */
export function tryTinyCall(core: UfuncCore, args: readonly unknown[]): unknown {
  const a = args[0];
  const b = args[1];
  // The operands first: most calls that leave do so here, for an array too large.
  let x: SmallStore | undefined;
  let y: SmallStore | undefined;
  if (plain(a)) {
    x = a._smallElements();
    if (x === undefined) return NotTiny;
    typeScratch[0] = a.dtype;
  } else if (typeof a === 'number') {
    typeScratch[0] = Number.isInteger(a) && !Object.is(a, -0) ? 'int' : 'float';
  } else {
    return NotTiny;
  }
  if (plain(b)) {
    y = b._smallElements();
    if (y === undefined) return NotTiny;
    typeScratch[1] = b.dtype;
  } else if (typeof b === 'number') {
    if (x === undefined) return NotTiny; // scalars alone take their default dtypes: the general path
    typeScratch[1] = Number.isInteger(b) && !Object.is(b, -0) ? 'int' : 'float';
  } else {
    return NotTiny;
  }
  if (activeRecorder || anyPending() || baseArrayOverridden()) return NotTiny;
  const count = args.length;
  let out: NDArray | null = null;
  if (count === 3) {
    const given = outOption(args[2]);
    if (given === NotTiny) return NotTiny;
    out = given;
  } else if (count !== 2) {
    return NotTiny;
  }
  // The call's shape: one operand's, or both broadcast.
  let shape = x !== undefined ? (a as NDArray).shape : (b as NDArray).shape;
  let broadcast = false;
  if (x !== undefined && y !== undefined && !sameShape(shape, (b as NDArray).shape)) {
    try {
      shape = broadcastShapes([shape, (b as NDArray).shape]);
    } catch {
      return NotTiny; // the general path names the shapes
    }
    broadcast = true;
  }
  const compare = comparisons.has(core.name);
  // NumPy compares an integer array with a JS integer exactly, whatever its size.
  if (compare && (x === undefined || y === undefined) && typeof (x === undefined ? a : b) === 'number' && ((x === undefined ? b : a) as NDArray).dtype.name === 'int32') return NotTiny;
  const loop = selectLoop(core, typeScratch, undefined, 'same_kind');
  const outType = loop.outputs[0]!;
  const loopType = loop.inputs[0]!;
  if (loop.inputs[1] !== loopType && loop.inputs[1]!.name !== loopType.name) return NotTiny;
  const loopName = loopType.name;
  if (loopName !== 'float64' && loopName !== 'float32' && loopName !== 'int32') return NotTiny;
  if (x !== undefined && !exactInto((a as NDArray).dtype, loopName)) return NotTiny;
  if (y !== undefined && !exactInto((b as NDArray).dtype, loopName)) return NotTiny;
  let size = (x ?? y)!.length;
  let first: Numbers | undefined = x;
  let second: Numbers | undefined = y;
  if (broadcast) {
    size = shapeSize(shape);
    if (size > smallSize) return NotTiny;
    first = spread(x!, (a as NDArray).shape, shape, 0);
    second = spread(y!, (b as NDArray).shape, shape, 1);
  } else {
    first ??= scalarInto(a as number, loopName, size, 0);
    second ??= scalarInto(b as number, loopName, size, 1);
    if (first === undefined || second === undefined) return NotTiny;
  }
  let outElements: SmallStore | undefined;
  if (out !== null) {
    if (compare || out.dtype.name !== outType.name || !out.dtype.isNative || !sameShape(out.shape, shape)) return NotTiny;
    outElements = out._smallElements();
    if (outElements === undefined) return NotTiny;
  }
  // Results that will be a JS array store are computed straight into it
  // (float32 rounds in its scratch first), and so are results into an `out`
  // that shares no memory with the inputs (a float call that then leaves the
  // path has written `out`, but the native loop writes all of it again from
  // the same inputs); the rest into the scratch, then copied into `out` or a
  // new store.
  if (compare) {
    const direct = storeIsArray(size, 1);
    const r = direct ? newArrayStore(size, true) : storeScratch.bool;
    compareInto(core.name as Comparison, first, second, r, size);
    return shape.length === 0 ? r[0] === 1 : resultArray(shape, bool, direct ? r : storeOf(storeScratch.bool, size));
  }
  const op = core.name as Arithmetic;
  // (A float32 JS array store would keep unrounded sums: it takes the copy.)
  const intoOut =
    outElements !== undefined &&
    !(loopName === 'float32' && Array.isArray(outElements)) &&
    (x === undefined || !out!._mayShareMemory(a as NDArray)) &&
    (y === undefined || !out!._mayShareMemory(b as NDArray));
  const direct = outElements === undefined && loopName !== 'float32' && storeIsArray(size, outType.itemsize);
  const r = intoOut ? outElements! : direct ? newArrayStore(size) : storeScratch[loopName];
  if (loopName === 'int32') integerInto(op, first, second, r, size);
  else if (!(loopName === 'float64' ? doubleInto(op, first, second, r, size) : floatInto(op, first, second, r, size))) return NotTiny;
  if (outElements !== undefined) {
    if (!intoOut) for (let i = 0; i < size; i++) outElements[i] = r[i]!;
    return out;
  }
  if (shape.length === 0) return r[0]!;
  return resultArray(shape, outType, direct ? r : storeOf(storeScratch[loopName], size));
}

// The C-contiguous `elements` of shape `from`, repeated into the C order of
// the broadcast shape `to`, in operand scratch `slot`.
function spread(elements: SmallStore, from: readonly number[], to: readonly number[], slot: number): Float64Array {
  const target = operandScratch[slot]!;
  const ndim = to.length;
  const lead = ndim - from.length;
  // Element strides of `elements` over `to`'s dimensions (0 where repeated).
  const strides = stridesScratch;
  let stride = 1;
  for (let d = ndim - 1; d >= 0; d--) {
    const n = d < lead ? 1 : from[d - lead]!;
    strides[d] = n === 1 ? 0 : stride;
    stride *= n;
  }
  const index = indexScratch;
  for (let d = 0; d < ndim; d++) index[d] = 0;
  const size = shapeSize(to);
  // Row by row along the last dimension: a repeated value or a run of
  // consecutive elements (its stride is 0 or 1); the outer index steps once a row.
  const inner = ndim === 0 ? 1 : to[ndim - 1]!;
  const repeated = ndim === 0 || strides[ndim - 1] === 0;
  let at = 0;
  for (let i = 0; i < size; i += inner) {
    // (Plain loops: TypedArray.prototype.fill is a runtime call, dearer than
    // the few stores here.)
    if (repeated) {
      const v = elements[at]!;
      for (let j = 0; j < inner; j++) target[i + j] = v;
    } else {
      for (let j = 0; j < inner; j++) target[i + j] = elements[at + j]!;
    }
    for (let d = ndim - 2; d >= 0; d--) {
      at += strides[d]!;
      if (++index[d]! < to[d]!) break;
      at -= strides[d]! * to[d]!;
      index[d] = 0;
    }
  }
  return target;
}
const stridesScratch: number[] = [];
const indexScratch: number[] = [];

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// An array of dtype `dt` read as the loop's type: its own, or exactly widened to float64.
function exactInto(dt: DType, loop: string): boolean {
  return dt.name === loop || loop === 'float64';
}

// A JS number as `size` copies of its value in the loop's type, or undefined
// when the conversion is not plain (out of range: the general path raises or warns).
function scalarInto(value: number, loop: string, size: number, slot: number): Float64Array | undefined {
  let v = value;
  if (loop === 'float32') {
    v = Math.fround(value);
    if (!Number.isFinite(v) && Number.isFinite(value)) return undefined;
  } else if (loop === 'int32' && (v | 0) !== v) {
    return undefined;
  }
  const scratch = operandScratch[slot]!;
  for (let i = 0; i < size; i++) scratch[i] = v;
  return scratch;
}

function integerInto(op: Arithmetic, x: Numbers, y: Numbers, r: SmallStore, size: number): void {
  if (op === 'add') for (let i = 0; i < size; i++) r[i] = (x[i]! + y[i]!) | 0;
  else if (op === 'subtract') for (let i = 0; i < size; i++) r[i] = (x[i]! - y[i]!) | 0;
  else for (let i = 0; i < size; i++) r[i] = Math.imul(x[i]!, y[i]!);
}

// Computes into `r`; false when a result could carry a flag (nothing is
// usable then). A product may underflow, so subnormal and zero products
// leave too. A sum or difference of finite numbers raises a flag only when
// it overflows: one that is subnormal is exact, and x86 raises no underflow
// for an exact result (NumPy warns of none). v * 0 is NaN for an infinity or
// NaN and a zero otherwise, so one sum finds either. One function per loop
// dtype, so each sees few kinds of arrays (V8 then inlines the accesses).
function doubleInto(op: Arithmetic, x: Numbers, y: Numbers, r: SmallStore, size: number): boolean {
  if (op === 'multiply') {
    for (let i = 0; i < size; i++) r[i] = x[i]! * y[i]!;
    return productsFlagFree(r, size, minNormal.float64!);
  }
  let nonFinite = 0;
  if (op === 'add') {
    for (let i = 0; i < size; i++) {
      const v = x[i]! + y[i]!;
      r[i] = v;
      nonFinite += v * 0;
    }
  } else {
    for (let i = 0; i < size; i++) {
      const v = x[i]! - y[i]!;
      r[i] = v;
      nonFinite += v * 0;
    }
  }
  return nonFinite === 0;
}

// float32: `r` is a Float32Array (the scratch or out's elements), which
// rounds each result as it is stored (a float32 sum overflows there), so the
// checks read it back.
function floatInto(op: Arithmetic, x: Numbers, y: Numbers, r: SmallStore, size: number): boolean {
  if (op === 'multiply') {
    for (let i = 0; i < size; i++) r[i] = x[i]! * y[i]!;
    return productsFlagFree(r, size, minNormal.float32!);
  }
  if (op === 'add') for (let i = 0; i < size; i++) r[i] = x[i]! + y[i]!;
  else for (let i = 0; i < size; i++) r[i] = x[i]! - y[i]!;
  let nonFinite = 0;
  for (let i = 0; i < size; i++) nonFinite += r[i]! * 0;
  return nonFinite === 0;
}

function productsFlagFree(r: SmallStore, size: number, tiny: number): boolean {
  for (let i = 0; i < size; i++) {
    const v = r[i]!;
    if (!(Math.abs(v) >= tiny) || v === Infinity || v === -Infinity) return false;
  }
  return true;
}

function compareInto(op: Comparison, x: Numbers, y: Numbers, r: Uint8Array | number[], size: number): void {
  switch (op) {
    case 'less':
      for (let i = 0; i < size; i++) r[i] = x[i]! < y[i]! ? 1 : 0;
      return;
    case 'less_equal':
      for (let i = 0; i < size; i++) r[i] = x[i]! <= y[i]! ? 1 : 0;
      return;
    case 'greater':
      for (let i = 0; i < size; i++) r[i] = x[i]! > y[i]! ? 1 : 0;
      return;
    case 'greater_equal':
      for (let i = 0; i < size; i++) r[i] = x[i]! >= y[i]! ? 1 : 0;
      return;
    case 'equal':
      for (let i = 0; i < size; i++) r[i] = x[i]! === y[i]! ? 1 : 0;
      return;
    case 'not_equal':
      for (let i = 0; i < size; i++) r[i] = x[i]! !== y[i]! ? 1 : 0;
  }
}

// add.reduce of a small array, in the kernel's order of summation
// (core/kernels/arith.cc pairwiseSum): fewer than 8 elements one after
// another from -0, up to 128 in 8 interleaved partial sums joined as
// ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)) and then the rest; the
// reduction then adds that to the identity, 0. float32 rounds every step
// (Math.fround of a float64 sum of two float32 values is the float32 sum).
function pairwiseSmall(x: SmallStore, start: number, count: number, single: boolean): number {
  const round = single ? Math.fround : (v: number) => v;
  if (count < 8) {
    let sum = -0;
    for (let i = 0; i < count; i++) sum = round(sum + x[start + i]!);
    return round(0 + sum);
  }
  let r0 = x[start]!, r1 = x[start + 1]!, r2 = x[start + 2]!, r3 = x[start + 3]!;
  let r4 = x[start + 4]!, r5 = x[start + 5]!, r6 = x[start + 6]!, r7 = x[start + 7]!;
  let i = 8;
  const whole = count - (count % 8);
  for (; i < whole; i += 8) {
    const at = start + i;
    r0 = round(r0 + x[at]!);
    r1 = round(r1 + x[at + 1]!);
    r2 = round(r2 + x[at + 2]!);
    r3 = round(r3 + x[at + 3]!);
    r4 = round(r4 + x[at + 4]!);
    r5 = round(r5 + x[at + 5]!);
    r6 = round(r6 + x[at + 6]!);
    r7 = round(r7 + x[at + 7]!);
  }
  let sum = round(round(round(r0 + r1) + round(r2 + r3)) + round(round(r4 + r5) + round(r6 + r7)));
  for (; i < count; i++) sum = round(sum + x[start + i]!);
  return round(0 + sum);
}

// One row of `count` elements from `start`: int32 in order (exact in a JS
// number), floats in the kernel's order.
function rowSum(x: SmallStore, start: number, count: number, integer: boolean, single: boolean): number {
  if (!integer) return pairwiseSmall(x, start, count, single);
  let sum = 0;
  for (let i = start, end = start + count; i < end; i++) sum += x[i]!;
  return sum;
}

const int64 = dtypeByName('int64')!;
const float64 = dtypeByName('float64')!;
const float32 = dtypeByName('float32')!;

/**
 * add.reduce along the last axis of a small C-contiguous float64, float32
 * or int32 array of one or two dimensions, computed in JS; NotTiny for
 * anything else. `accumulator` is the reduction's loop type, which the
 * caller chose as the general path does (float64, float32; int64 for int32,
 * whose sums of at most 128 elements are exact in a JS number). A float sum
 * that is not finite may carry a flag: the call then leaves the path, and
 * the kernel runs it with errstate watching.
 */
export function tryTinyReduce(core: UfuncCore, array: NDArray, accumulator: DType): unknown {
  if (core.name !== 'add' || array.shape.length > 2) return NotTiny;
  const x = array._smallElements();
  if (x === undefined) return NotTiny;
  const dt = array.dtype;
  const integer = dt.name === 'int32';
  if (integer ? accumulator !== int64 : accumulator !== dt || (dt !== float64 && dt !== float32)) return NotTiny;
  const single = dt === float32;
  const shape = array.shape;
  const cols = shape[shape.length - 1]!;
  const rows = shape.length === 1 ? 1 : shape[0]!;
  if (shape.length === 1) {
    const sum = rowSum(x, 0, cols, integer, single);
    if (integer) return BigInt(sum);
    return Number.isFinite(sum) ? sum : NotTiny;
  }
  const resultShape = Object.freeze([rows]);
  if (integer) {
    const sums = new BigInt64Array(rows);
    for (let r = 0; r < rows; r++) sums[r] = BigInt(rowSum(x, r * cols, cols, integer, single));
    return NDArray._fromValidated({ buffer: sums.buffer, byteOffset: 0, dtype: int64, shape: resultShape, strides: contiguous1d[8]!, readonly: false, frozen: true });
  }
  const sums = single ? storeScratch.float32 : storeScratch.float64;
  for (let r = 0; r < rows; r++) {
    const sum = rowSum(x, r * cols, cols, integer, single);
    if (!Number.isFinite(sum)) return NotTiny;
    sums[r] = sum;
  }
  return resultArray(resultShape, dt, storeOf(sums, rows));
}
