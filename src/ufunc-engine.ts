// The bridge to native kernels: elementwise loops and dtype casts, with the
// floating-point flags they raise handed to errstate.
import type { DType } from './dtype.js';
import { handleFloatingPointFlags } from './errstate.js';
import { native } from './native.js';
import { type LoopOperand, type NDArray, emptyArray } from './ufunc-arrays.js';
import { broadcastStrides } from './broadcast.js';
import { activeRecorder } from './ufunc-record.js';

/** One row of the native ufunc table. */
export interface NativeUfuncInfo {
  readonly nin: number;
  readonly nout: number;
  readonly identity: number | boolean | null;
  readonly types: readonly string[];
}

interface CastOperand extends LoopOperand {
  readonly dtype: number;
  readonly byteSwapped?: boolean;
}

interface KernelAddon {
  readonly ufuncTable: Readonly<Record<string, NativeUfuncInfo>>;
  ufuncExec(
    name: string,
    typeIndex: number,
    operands: LoopOperand[],
    shape: readonly number[],
    where?: LoopOperand,
    casts?: readonly ({ readonly dtype: number; readonly byteSwapped: boolean } | undefined)[],
  ): number;
  castExec(src: CastOperand, dst: CastOperand, shape: readonly number[]): number;
}

const kernels = native as unknown as KernelAddon;

export function nativeUfuncTable(): Readonly<Record<string, NativeUfuncInfo>> {
  return kernels.ufuncTable ?? {};
}

/** Runs loop `typeIndex` of native ufunc `name`; returns the fp flags. */
export function execNative(
  name: string,
  typeIndex: number,
  operands: LoopOperand[],
  shape: readonly number[],
  where?: LoopOperand,
  casts?: readonly ({ readonly dtype: number; readonly byteSwapped: boolean } | undefined)[],
): number {
  if (activeRecorder) return activeRecorder.exec(name, typeIndex, operands, shape, where, casts);
  if (casts) return kernels.ufuncExec(name, typeIndex, operands, shape, where, casts);
  return where ? kernels.ufuncExec(name, typeIndex, operands, shape, where) : kernels.ufuncExec(name, typeIndex, operands, shape);
}

function castOperand(a: { buffer: ArrayBuffer | SharedArrayBuffer; byteOffset: number; dtype: DType }, strides: readonly number[]): CastOperand {
  return { buffer: a.buffer, byteOffset: a.byteOffset, strides, dtype: a.dtype.id, byteSwapped: !a.dtype.isNative };
}

/** Casts `src` (broadcast to dst's shape) into `dst` with C-cast semantics, reporting fp flags as 'cast' warnings. */
export function castInto(src: NDArray, dst: NDArray): void {
  const source = castOperand(src, broadcastStrides(src.shape, src.strides, dst.shape));
  const destination = castOperand(dst, dst.strides);
  const flags = activeRecorder ? activeRecorder.cast(source, destination, dst.shape) : kernels.castExec(source, destination, dst.shape);
  handleFloatingPointFlags(flags, 'cast');
}

/** A fresh contiguous copy of `src` converted to `dt`. */
export function castCopy(src: NDArray, dt: DType): NDArray {
  const result = emptyArray(src.shape, dt);
  castInto(src, result);
  return result;
}
