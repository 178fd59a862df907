// The bridge to native kernels: elementwise loops and dtype casts, with the
// floating-point flags they raise handed to errstate.
import type { DType } from '../dtype/dtype.js';
import { handleFloatingPointFlags } from './errstate.js';
import { native } from '../base/native.js';
import { type LoopOperand, type NDArray, uninitializedArray } from './arrays.js';
import { broadcastStrides } from '../array/broadcast.js';
import { castElements } from '../array/cast.js';
import { type InputCasts, type RecordedCastOperand, activeRecorder } from './record.js';

/** One row of the native ufunc table. */
export interface NativeUfuncInfo {
  /** Index of the entry, for ufuncExecPacked. */
  readonly id: number;
  readonly nin: number;
  readonly nout: number;
  readonly identity: number | boolean | null;
  readonly types: readonly string[];
}

export function nativeUfuncTable(): Readonly<Record<string, NativeUfuncInfo>> {
  return (native.ufuncTable ?? {}) as Readonly<Record<string, NativeUfuncInfo>>;
}

/** Runs loop `typeIndex` of native ufunc `name`; returns the fp flags. */
export function execNative(
  name: string,
  typeIndex: number,
  operands: LoopOperand[],
  shape: readonly number[],
  where?: LoopOperand,
  casts?: InputCasts,
): number {
  if (activeRecorder) return activeRecorder.exec(name, typeIndex, operands, shape, where, casts);
  return execNativeEntry(tableIds.get(name), name, typeIndex, operands, shape, where, casts);
}

/**
 * execNative for a caller that looked up the entry's id once
 * (nativeUfuncId); an undefined id gets ufuncExec's error for `name`.
 */
export function execNativeEntry(
  id: number | undefined,
  name: string,
  typeIndex: number,
  operands: LoopOperand[],
  shape: readonly number[],
  where?: LoopOperand,
  casts?: InputCasts,
): number {
  if (activeRecorder) return activeRecorder.exec(name, typeIndex, operands, shape, where, casts);
  if (id === undefined) return native.ufuncExec(name, typeIndex, operands, shape, where, casts); // its error
  if (where === undefined && ufuncRun !== undefined && operands.length <= 4 && !swappedCast(casts)) {
    const packed = packRun(id, typeIndex, operands, shape, casts);
    const o = operands;
    switch (o.length) {
      case 2:
        return ufuncRun(packed, o[0]!.buffer, o[1]!.buffer);
      case 3:
        return ufuncRun(packed, o[0]!.buffer, o[1]!.buffer, o[2]!.buffer);
      case 4:
        return ufuncRun(packed, o[0]!.buffer, o[1]!.buffer, o[2]!.buffer, o[3]!.buffer);
    }
  }
  return native.ufuncExecPacked(id, typeIndex, packBuffers(operands, where), packLayout(operands, shape, where, casts));
}

/** The native table entry's id for ufunc `name`, for execNativeEntry; undefined when the addon lacks it. */
export function nativeUfuncId(name: string): number | undefined {
  return tableIds.get(name);
}

// The entries' ids by name, read once (a Map lookup beats a property lookup
// on the table's many keys).
const tableIds = new Map<string, number>(Object.entries(nativeUfuncTable()).map(([name, entry]) => [name, entry.id]));

// native.ufuncRun (contract atop native/napi/ufunc/ufunc.cc): the per-call
// path for calls without a mask, buffers as arguments and no per-call
// allocation on either side. Absent from an older addon build.
type UfuncRun = (layout: Float64Array, ...buffers: (ArrayBuffer | SharedArrayBuffer)[]) => number;
const ufuncRun = (native as unknown as { ufuncRun?: UfuncRun }).ufuncRun;
let runLayout = new Float64Array(64);

function swappedCast(casts: InputCasts | undefined): boolean {
  if (!casts) return false;
  for (const cast of casts) if (cast?.byteSwapped) return true;
  return false;
}

function packRun(id: number, typeIndex: number, operands: readonly LoopOperand[], shape: readonly number[], casts: InputCasts | undefined): Float64Array {
  const ndim = shape.length;
  const needed = 4 + ndim + operands.length * (1 + ndim) + operands.length;
  if (runLayout.length < needed) runLayout = new Float64Array(Math.max(needed, 2 * runLayout.length));
  const out = runLayout;
  out[0] = id;
  out[1] = typeIndex;
  out[2] = ndim;
  out[3] = casts ? 1 : 0;
  let at = 4;
  for (let d = 0; d < ndim; d++) out[at++] = shape[d]!;
  for (let i = 0; i < operands.length; i++) {
    const operand = operands[i]!;
    out[at++] = operand.byteOffset;
    const strides = operand.strides;
    for (let d = 0; d < ndim; d++) out[at++] = strides[d]!;
  }
  if (casts) for (let i = 0; i < operands.length; i++) out[at++] = casts[i]?.dtype ?? -1;
  return out;
}

// ufuncExecPacked's arguments (contract atop native/napi/ufunc/ufunc.cc). The
// layout array is reused: the native call reads it before returning and
// never calls back into JS.
let layout = new Float64Array(64);

function packBuffers(operands: readonly LoopOperand[], where: LoopOperand | undefined): unknown[] {
  const buffers: unknown[] = new Array(operands.length + (where ? 1 : 0));
  for (let i = 0; i < operands.length; i++) buffers[i] = operands[i]!.buffer;
  if (where) buffers[operands.length] = where.buffer;
  return buffers;
}

function packLayout(
  operands: readonly LoopOperand[],
  shape: readonly number[],
  where: LoopOperand | undefined,
  casts: InputCasts | undefined,
): Float64Array {
  const ndim = shape.length;
  const count = operands.length + (where ? 1 : 0);
  const needed = 3 + ndim + count * (1 + ndim) + 2 * operands.length;
  if (layout.length < needed) layout = new Float64Array(Math.max(needed, 2 * layout.length));
  const out = layout;
  out[0] = ndim;
  out[1] = where ? 1 : 0;
  out[2] = casts ? 1 : 0;
  let at = 3;
  for (let d = 0; d < ndim; d++) out[at++] = shape[d]!;
  for (let i = 0; i < count; i++) {
    const operand = i < operands.length ? operands[i]! : where!;
    out[at++] = operand.byteOffset;
    const strides = operand.strides;
    for (let d = 0; d < ndim; d++) out[at++] = strides[d]!;
  }
  if (casts) {
    for (let i = 0; i < operands.length; i++) {
      const cast = casts[i];
      out[at++] = cast ? cast.dtype : -1;
      out[at++] = cast?.byteSwapped ? 1 : 0;
    }
  }
  return out;
}

function castOperand(a: { buffer: ArrayBuffer | SharedArrayBuffer; byteOffset: number; dtype: DType }, strides: readonly number[]): RecordedCastOperand {
  return { buffer: a.buffer, byteOffset: a.byteOffset, strides, dtype: a.dtype.id, byteSwapped: !a.dtype.isNative };
}

// castExec's arguments: `src` broadcast to dst's shape, then `dst`.
function castArgs(src: NDArray, dst: NDArray): [RecordedCastOperand, RecordedCastOperand, readonly number[]] {
  return [castOperand(src, broadcastStrides(src.shape, src.strides, dst.shape)), castOperand(dst, dst.strides), dst.shape];
}

/** Casts `src` (broadcast to dst's shape) into `dst` with C-cast semantics, reporting fp flags as 'cast' warnings. */
export function castInto(src: NDArray, dst: NDArray): void {
  handleFloatingPointFlags(activeRecorder ? activeRecorder.cast(...castArgs(src, dst)) : castFlags(src, dst), 'cast');
}

/** castInto without errstate and without recording: returns the flags the cast raised. */
export function castFlags(src: NDArray, dst: NDArray): number {
  const strides = broadcastStrides(src.shape, src.strides, dst.shape);
  return castElements({ buffer: src.buffer, byteOffset: src.byteOffset, strides, dtype: src.dtype }, dst, dst.shape);
}

/** A fresh contiguous copy of `src` converted to `dt`. */
export function castCopy(src: NDArray, dt: DType): NDArray {
  const result = uninitializedArray(src.shape, dt);
  castInto(src, result);
  return result;
}
