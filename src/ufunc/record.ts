// The executor hook of the ufunc pipeline. While an async ufunc call records
// its work (src/ufunc/async.ts), `activeRecorder` is set and the pipeline's
// native kernel calls, floating-point flag checks and scalar reads go to it
// instead of running. Outside that short synchronous window it is null and
// every hook is one null check.
//
// Why module state and not a context argument: the recorder is consulted at
// the bottom of the pipeline (engine, casts, errstate checks, scalar reads,
// direct buffer access; eight modules), under every ufunc entry point and
// method. Passing it explicitly would add a parameter to each function on
// the way down, on the tiny-call path too, for a mode that is almost never
// on. How it is bounded instead:
// - only this module writes it, and only through withRecorder and
//   withoutRecording, which restore the previous value in `finally`;
// - withRecorder's window is synchronous (the recorded call itself), so the
//   mode never spans an await and no other task can observe it;
// - user code that runs inside the window (getters, __array_ufunc__
//   overrides, createUfunc loops) reaches the pipeline only through a public
//   ufunc or method, and each of those runs withoutRecording.
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
  /** The async call recording, for messages: 'add.reduce.async()'. */
  readonly label: string;
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

/** Runs `fn` (synchronously) with its pipeline work going to `recorder`; null: recording off. */
export function withRecorder<T>(recorder: Recorder | null, fn: () => T): T {
  const previous = activeRecorder;
  activeRecorder = recorder;
  try {
    return fn();
  } finally {
    activeRecorder = previous;
  }
}

/** Runs `fn` with recording off: a synchronous ufunc call made from user code (a getter, an override) while an async call records. */
export function withoutRecording<T>(fn: () => T): T {
  return withRecorder(null, fn);
}
