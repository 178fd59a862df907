// The executor hook of the ufunc pipeline. While an async ufunc call records
// its work (src/ufunc/async.ts), `activeRecorder` is set and the pipeline's
// native kernel calls, floating-point flag checks and scalar reads go to it
// instead of running. Outside that short synchronous window it is null and
// every hook is one null check.
import type { LoopOperand, NDArray } from './arrays.js';

/** A cast kernel operand: a loop operand with its dtype id. */
export interface RecordedCastOperand extends LoopOperand {
  readonly dtype: number;
  readonly byteSwapped?: boolean;
}

/** An input the native engine converts chunk by chunk: it is stored in DTypeId `dtype` instead of the loop's dtype. */
export interface InputCast {
  readonly dtype: number;
  readonly byteSwapped: boolean;
}

/** Per input: undefined, or the dtype it is stored in when the loop converts it (fused casting). */
export type InputCasts = readonly (InputCast | undefined)[];

export interface Recorder {
  /** Records a ufuncExec call; returns the flags the pipeline sees now (0). */
  exec(name: string, typeIndex: number, operands: LoopOperand[], shape: readonly number[], where?: LoopOperand, casts?: InputCasts): number;
  /** Records a gufuncExec call (`params` may be reused by the caller: the recorder copies it); returns 0. */
  gufunc(name: string, typeIndex: number, buffers: readonly (ArrayBuffer | SharedArrayBuffer)[], params: Float64Array): number;
  /** Records a castExec call; returns 0. */
  cast(source: RecordedCastOperand, destination: RecordedCastOperand, shape: readonly number[]): number;
  /** Records the pipeline's flag check for what ran since the last one; false when it must be handled now. */
  checkpoint(flags: number, what: string): boolean;
  /** A placeholder for the scalar in `a`, read when the work has run. */
  deferScalar(a: NDArray): unknown;
  /** Called before JS reads or writes `buffer` directly: runs pending work on it first. */
  beforeAccess(buffer: ArrayBuffer | SharedArrayBuffer): void;
}

export let activeRecorder: Recorder | null = null;

/** Installs `recorder` (null: none); returns the one it replaces. */
export function setRecorder(recorder: Recorder | null): Recorder | null {
  const previous = activeRecorder;
  activeRecorder = recorder;
  return previous;
}

/** Runs `fn` with recording off: a synchronous ufunc call made from user code (a getter, an override) while an async call records. */
export function withoutRecording<T>(fn: () => T): T {
  const previous = setRecorder(null);
  try {
    return fn();
  } finally {
    activeRecorder = previous;
  }
}
