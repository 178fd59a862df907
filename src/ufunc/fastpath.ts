// The ufunc call's quick paths past the general one: accumulate of
// add/subtract/multiply in JS (sequential along its axis, where a native call
// per step would cost more than the arithmetic), and the lane for the
// commonest calls of any size (below). The smallest calls take tiny.ts first.
import { NDArray, type SmallStore, smallDTypes, smallSize, storeOf } from '../array/ndarray.js';
import type { NDArray as Array_ } from './arrays.js';
import { filledStrides } from '../base/validate.js';
import { activeRecorder } from './record.js';
import { anyPending } from '../base/busy.js';
import { baseArrayOverridden } from './dispatch.js';
import { broadcastShapes, broadcastStrides, shapeSize, shapesEqual } from '../array/broadcast.js';
import { handleFloatingPointFlags } from './errstate.js';
import type { OperandType } from './loop-selection.js';
import type { InputCast } from './record.js';
import { type LoopOperand, uninitializedArray } from './arrays.js';
import { readScalar, scratchScalar } from './operands.js';
import { type UfuncCore, fusableCast, selectLoop } from './call.js';

/** The operations this path computes. */
export type FastOp = 'add' | 'subtract' | 'multiply';
const minNormal: Record<string, number> = { float64: 2.2250738585072014e-308, float32: 1.1754943508222875e-38 };

type View = Float64Array | Float32Array | Int32Array;

const contiguousStrides1d: Record<number, readonly number[]> = { 8: Object.freeze([8]), 4: Object.freeze([4]), 1: Object.freeze([1]) };


function wholeView(a: Array_): View {
  const length = Math.floor(a.buffer.byteLength / a.dtype.itemsize);
  switch (a.dtype.name) {
    case 'float64':
      return new Float64Array(a.buffer, 0, length);
    case 'float32':
      return new Float32Array(a.buffer, 0, length);
    default:
      return new Int32Array(a.buffer, 0, length);
  }
}

function elementLayout(a: Array_): { start: number; strides: number[] } | undefined {
  const size = a.dtype.itemsize;
  if (a.byteOffset % size !== 0 || a.strides.some((s) => s % size !== 0)) return undefined;
  return { start: a.byteOffset / size, strides: a.strides.map((s) => s / size) };
}

/**
 * accumulate for add/subtract/multiply on float64/float32/int32 in JS: the
 * loop is sequential along the axis, so one native call per step would cost
 * far more than the arithmetic. Returns false (having written nothing useful)
 * when the general path must run: other dtypes, or results that could carry
 * floating-point flags.
 */
export function tryFastAccumulate(op: FastOp, source: Array_, accumulator: Array_, axis: number): boolean {
  if (activeRecorder) return false; // async: the kernels run off the main thread instead
  if (source.dtype !== accumulator.dtype || !smallDTypes.has(source.dtype.name)) return false;
  const src = elementLayout(source);
  const acc = elementLayout(accumulator);
  if (!src || !acc) return false;
  const x = wholeView(source);
  const r = wholeView(accumulator);
  const shape = source.shape;
  const n = shape[axis]!;
  const lanes = shape.filter((_, d) => d !== axis);
  const laneSrcStrides = src.strides.filter((_, d) => d !== axis);
  const laneAccStrides = acc.strides.filter((_, d) => d !== axis);
  const stepSrc = src.strides[axis]!;
  const stepAcc = acc.strides[axis]!;
  const integer = r instanceof Int32Array;
  const tiny = minNormal[source.dtype.name] ?? 0;
  let clean = true;
  walkLanes(lanes, laneSrcStrides, laneAccStrides, src.start, acc.start, (s, o) => {
    let value = x[s]!;
    r[o] = value;
    for (let k = 1; k < n; k++) {
      const next = x[s + k * stepSrc]!;
      if (integer) value = op === 'add' ? (value + next) | 0 : op === 'subtract' ? (value - next) | 0 : Math.imul(value, next);
      else {
        value = op === 'add' ? value + next : op === 'subtract' ? value - next : value * next;
        r[o + k * stepAcc] = value;
        value = r[o + k * stepAcc]!; // round to the element type each step
        if (!(Math.abs(value) >= tiny) && (value !== 0 || op === 'multiply')) clean = false;
        if (value === Infinity || value === -Infinity) clean = false;
        continue;
      }
      r[o + k * stepAcc] = value;
    }
  });
  return clean;
}

function walkLanes(
  shape: readonly number[],
  stridesA: readonly number[],
  stridesB: readonly number[],
  startA: number,
  startB: number,
  visit: (a: number, b: number) => void,
): void {
  for (const n of shape) if (n === 0) return;
  const ndim = shape.length;
  const index = new Array<number>(ndim).fill(0);
  let a = startA;
  let b = startB;
  for (;;) {
    visit(a, b);
    let d = ndim - 1;
    for (; d >= 0; d--) {
      index[d]! += 1;
      a += stridesA[d]!;
      b += stridesB[d]!;
      if (index[d]! < shape[d]!) break;
      a -= stridesA[d]! * shape[d]!;
      b -= stridesB[d]! * shape[d]!;
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

// ---------------------------------------------------------------------------
// The lane: the commonest ufunc calls of any size without the general path's
// bookkeeping. `f(a, b)`, `f(a, 2.5)`, `f(a)`, `f(a, b, { out })` with
// plain NDArrays (or JS numbers as weak scalars), one output, a native loop,
// nothing overriding and nothing pending. It makes exactly the choices the
// general path (call.ts computeElementwise) makes: the same loop selection,
// the same fused input casts, the same kernel call and flag handling; it
// only skips steps that cannot apply to such a call (option parsing, NEP 13
// collection, temporaries, overlap copies). Anything else, and every call
// that would raise an argument error, returns NotFast and takes the general
// path, so errors and their order are the general path's.
// ---------------------------------------------------------------------------

/** tryFastCall's answer when the call must take the general path. */
export const NotFast: unique symbol = Symbol('ndinterop.NotFast');

const zeroStrides: (readonly number[])[] = [];
function zerosOf(ndim: number): readonly number[] {
  return (zeroStrides[ndim] ??= Object.freeze(new Array<number>(ndim).fill(0)));
}

// Operand types per input count, reused between calls (selectLoop copies them when it keeps them).
const typeScratch: OperandType[][] = [[], [undefined!], [undefined!, undefined!], [undefined!, undefined!, undefined!]];

function plainArray(value: unknown): value is NDArray {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === NDArray.prototype;
}

/** `{ out }` alone (or nothing): the out array, null for none, NotFast for any other options. */
function laneOut(options: unknown): NDArray | null | typeof NotFast {
  if (options === undefined) return null;
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return NotFast;
  let out: unknown = null;
  for (const key in options) {
    if (key !== 'out') return NotFast;
    out = (options as { out?: unknown }).out;
  }
  if (out === undefined || out === null) return null;
  if (!plainArray(out) || out.readonly) return NotFast;
  return out;
}

/** The call's result, or NotFast. */
export function tryFastCall(core: UfuncCore, args: readonly unknown[]): unknown {
  const nin = core.nin;
  if (!core.native || core.nout !== 1 || nin > 3 || activeRecorder || anyPending() || baseArrayOverridden()) return NotFast;
  const count = args.length;
  let out: NDArray | null = null;
  if (count === nin + 1) {
    const given = laneOut(args[nin]);
    if (given === NotFast) return NotFast;
    out = given;
  } else if (count !== nin) {
    return NotFast;
  }
  const rules = core.rules;
  if (rules.negativeIntPowerError) return NotFast;
  const types = typeScratch[nin]!;
  let anyArray = false;
  for (let i = 0; i < nin; i++) {
    const value = args[i];
    if (typeof value === 'number') {
      if (rules.exactIntComparison) return NotFast;
      types[i] = Number.isInteger(value) && !Object.is(value, -0) ? 'int' : 'float';
    } else if (plainArray(value)) {
      if (!value.dtype.numeric || value.opaque) return NotFast;
      types[i] = value.dtype;
      anyArray = true;
    } else {
      return NotFast;
    }
  }
  if (!anyArray) return NotFast; // scalars alone take their default dtypes: the general path
  // Readable (not disposed, detached, shrunk): else the general path throws NDArray's error.
  for (let i = 0; i < nin; i++) {
    const value = args[i];
    if (typeof value !== 'number' && !readable(value as NDArray)) return NotFast;
  }
  if (out && !readable(out)) return NotFast;
  const loop = selectLoop(core, types, undefined, 'same_kind');
  const outType = loop.outputs[0]!;
  if (out && out.dtype !== outType && !(out.dtype.name === outType.name && out.dtype.isNative)) return NotFast;
  // The call's shape: all inputs alike (the common case) or broadcast.
  let shape: readonly number[] | undefined;
  let same = true;
  for (let i = 0; i < nin; i++) {
    const value = args[i];
    if (typeof value === 'number') continue;
    const s = (value as NDArray).shape;
    if (shape === undefined) shape = s;
    else if (s !== shape && !shapesEqual(s, shape)) same = false;
  }
  if (!same) {
    const shapes: (readonly number[])[] = [];
    for (let i = 0; i < nin; i++) {
      const value = args[i];
      if (typeof value !== 'number') shapes.push((value as NDArray).shape);
    }
    try {
      shape = broadcastShapes(shapes);
    } catch {
      return NotFast;
    }
  }
  const callShape = shape!;
  if (out && out.shape !== callShape && !shapesEqual(out.shape, callShape)) return NotFast;
  // Every check first: nothing below may leave the lane (a weak scalar's
  // conversion can warn, and the general path would warn again).
  let casts: (InputCast | undefined)[] | undefined;
  for (let i = 0; i < nin; i++) {
    const value = args[i];
    if (typeof value === 'number') continue;
    const array = value as NDArray;
    const dt = array.dtype;
    const want = loop.inputs[i]!;
    if (dt !== want && !(dt.name === want.name && dt.isNative)) {
      if (dt.name === want.name || !dt.isNative || !fusableCast(dt, want)) return NotFast; // the general path copies these
      (casts ??= [])[i] = { dtype: dt.id, byteSwapped: false };
    }
    if (out && array !== out && array._mayShareMemory(out) && !sameWalk(array, out)) return NotFast;
  }
  const operands: LoopOperand[] = new Array(nin + 1);
  for (let i = 0; i < nin; i++) {
    const value = args[i];
    if (typeof value === 'number') {
      const scalar = scratchScalar(value, loop.inputs[i]!);
      operands[i] = { buffer: scalar.buffer, byteOffset: scalar.byteOffset, strides: zerosOf(callShape.length) };
      continue;
    }
    const array = value as NDArray;
    const aligned = same || shapesEqual(array.shape, callShape);
    if (casts?.[i] !== undefined && array !== out && loop.inputs[i]!.name === 'float64') {
      // A small int32, float32 (or bool store) input of a float64 loop: its
      // elements convert exactly, so they are converted here into its
      // scratch and the native call needs no cast (the kernels' buffered
      // casting path costs about a microsecond on a small call).
      const elements = array._pendingStore() ?? array._smallElements();
      if (elements !== undefined) {
        const own = filledStrides(array.shape, 8);
        operands[i] = { buffer: stagedInput(i, 'float64', elements), byteOffset: 0, strides: aligned ? own : broadcastStrides(array.shape, own, callShape) };
        casts[i] = undefined;
        continue;
      }
    }
    const store = array === out ? undefined : array._pendingStore();
    if (store !== undefined) {
      const strides = aligned ? array.strides : broadcastStrides(array.shape, array.strides, callShape);
      operands[i] = { buffer: stagedInput(i, array.dtype.name, store), byteOffset: 0, strides };
      continue;
    }
    operands[i] = aligned ? array : { buffer: array.buffer, byteOffset: array.byteOffset, strides: broadcastStrides(array.shape, array.strides, callShape) };
  }
  if (casts !== undefined && casts.every((cast) => cast === undefined)) casts = undefined;
  const size = out === null && callShape.length > 0 ? shapeSize(callShape) : 0;
  const staged = size > 0 && size <= smallSize && resultStaging.views[outType.name] !== undefined;
  if (staged) {
    // Frozen as NDArray keeps them (an input's shape already is).
    const strides = callShape.length === 1 ? contiguousStrides1d[outType.itemsize]! : Object.freeze(filledStrides(callShape, outType.itemsize));
    const shape = Object.isFrozen(callShape) ? callShape : Object.freeze(callShape.slice());
    operands[nin] = { buffer: resultStaging.buffer, byteOffset: 0, strides };
    const flags = casts ? core.run(loop, operands, shape, undefined, casts) : core.run(loop, operands, shape);
    const store = storeOf(resultStaging.views[outType.name]!, size);
    const result = NDArray._fromValidated({ store, byteOffset: 0, dtype: outType, shape, strides, readonly: false, frozen: true });
    handleFloatingPointFlags(flags, core.name);
    return result;
  }
  const result = out ?? uninitializedArray(callShape, outType);
  operands[nin] = result;
  const flags = casts ? core.run(loop, operands, callShape, undefined, casts) : core.run(loop, operands, callShape);
  handleFloatingPointFlags(flags, core.name);
  return out === null && callShape.length === 0 ? readScalar(result) : result;
}

// Nothing is pending here (tryFastCall checked), so _dataView's busy check cannot fail.
function readable(a: NDArray): boolean {
  return a._holdsElements();
}

// Small results and inputs without memory of their own (results of the JS
// paths, SmallStore) go through these buffers, which never leave this module:
// a result of at most smallSize elements of a store dtype is written into the
// result scratch and copied out into a store (an ArrayBuffer of its own would
// cost microseconds: bench/results-decisions.md, Small stores), and a store
// input is copied into its input scratch rather than given memory. Nothing in
// core.run calls back into JS; the result is copied out before the flags are
// handled (an errcall may run ufuncs of its own).
const scratchBytes = smallSize * 8;
interface Staging {
  readonly buffer: ArrayBuffer;
  readonly views: { readonly [name: string]: Float64Array | Float32Array | Int32Array | Uint8Array };
}
function staging(): Staging {
  const buffer = new ArrayBuffer(scratchBytes);
  return {
    buffer,
    views: { float64: new Float64Array(buffer), float32: new Float32Array(buffer), int32: new Int32Array(buffer), bool: new Uint8Array(buffer) },
  };
}
const resultStaging = staging();
const inputStaging = [staging(), staging(), staging()];

function stagedInput(slot: number, dtype: string, store: SmallStore | Uint8Array): ArrayBuffer {
  const staged = inputStaging[slot]!;
  staged.views[dtype]!.set(store);
  return staged.buffer;
}

// Reading and writing the very same elements in step is safe (an in-place call).
function sameWalk(input: NDArray, out: NDArray): boolean {
  return input.byteOffset === out.byteOffset && input.dtype.itemsize === out.dtype.itemsize && shapesEqual(input.shape, out.shape) && shapesEqual(input.strides, out.strides);
}
