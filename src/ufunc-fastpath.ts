// A pure-JS path for the smallest, commonest calls: add/subtract/multiply of
// two small C-contiguous arrays of one native dtype (float64, float32, int32)
// and the same shape, without options. Crossing into native code costs more
// than the arithmetic there. Results are bit-identical to the kernels (float32
// +,-,* computed in float64 round once, exactly); any result that could carry
// a floating-point flag (non-finite, subnormal, or a zero from a product)
// falls back to the native path so errstate sees the kernel's flags.
import { NDArray } from './ndarray.js';
import { type NDArray as Array_, emptyArray } from './ufunc-arrays.js';
import { activeRecorder } from './ufunc-record.js';

type Op = 'add' | 'subtract' | 'multiply';
const maxSize = 64;
const fastTypes = new Set(['float64', 'float32', 'int32']);
const minNormal: Record<string, number> = { float64: 2.2250738585072014e-308, float32: 1.1754943508222875e-38 };

type View = Float64Array | Float32Array | Int32Array;

function typedView(a: Array_, length: number): View {
  switch (a.dtype.name) {
    case 'float64':
      return new Float64Array(a.buffer, a.byteOffset, length);
    case 'float32':
      return new Float32Array(a.buffer, a.byteOffset, length);
    default:
      return new Int32Array(a.buffer, a.byteOffset, length);
  }
}

function eligible(a: unknown, b: unknown): a is Array_ {
  if (!(a instanceof NDArray) || !(b instanceof NDArray)) return false;
  if (Object.getPrototypeOf(a) !== NDArray.prototype || Object.getPrototypeOf(b) !== NDArray.prototype) return false;
  const dt = a.dtype;
  if (dt !== b.dtype || !fastTypes.has(dt.name) || !dt.isNative) return false;
  const shape = a.shape;
  const other = b.shape;
  if (shape.length === 0 || shape.length !== other.length) return false;
  let size = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== other[i]) return false;
    size *= shape[i]!;
  }
  if (size === 0 || size > maxSize) return false;
  if (a.byteOffset % dt.itemsize !== 0 || b.byteOffset % dt.itemsize !== 0) return false;
  if (!a.flags.cContiguous || !b.flags.cContiguous) return false;
  a._dataView(); // NDArray's errors for disposed or detached memory
  b._dataView();
  return true;
}

/** The result of `op(a, b)` computed in JS, or undefined when this call must take the general path. */
export function tryFastBinary(op: Op, a: unknown, b: unknown): NDArray | undefined {
  if (activeRecorder || !eligible(a, b)) return undefined;
  const bb = b as Array_;
  const size = a.size;
  const result = emptyArray(a.shape, a.dtype);
  const x = typedView(a, size);
  const y = typedView(bb, size);
  const r = typedView(result, size);
  if (r instanceof Int32Array) {
    if (op === 'add') for (let i = 0; i < size; i++) r[i] = (x[i]! + y[i]!) | 0;
    else if (op === 'subtract') for (let i = 0; i < size; i++) r[i] = (x[i]! - y[i]!) | 0;
    else for (let i = 0; i < size; i++) r[i] = Math.imul(x[i]!, y[i]!);
    return result;
  }
  if (op === 'add') for (let i = 0; i < size; i++) r[i] = x[i]! + y[i]!;
  else if (op === 'subtract') for (let i = 0; i < size; i++) r[i] = x[i]! - y[i]!;
  else for (let i = 0; i < size; i++) r[i] = x[i]! * y[i]!;
  const tiny = minNormal[a.dtype.name]!;
  for (let i = 0; i < size; i++) {
    const v = r[i]!;
    if (!(Math.abs(v) >= tiny) && (v !== 0 || op === 'multiply')) return undefined;
    if (v === Infinity || v === -Infinity) return undefined;
  }
  return result;
}

export const fastBinaryOps: ReadonlySet<string> = new Set<Op>(['add', 'subtract', 'multiply']);

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
export function tryFastAccumulate(op: string, source: Array_, accumulator: Array_, axis: number): boolean {
  if (activeRecorder) return false; // async: the kernels run off the main thread instead
  if (!fastBinaryOps.has(op) || source.dtype !== accumulator.dtype || !fastTypes.has(source.dtype.name)) return false;
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
