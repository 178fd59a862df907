// Async ufuncs: `ufunc.async(...)` and `.async` on reduce, accumulate,
// reduceat, outer and at. The synchronous pipeline runs as usual (argument
// checks, NEP 13 dispatch, loop selection, broadcasting, output allocation)
// with a recorder installed (src/ufunc/record.ts): its kernel calls are
// captured in order instead of run, then handed to native.ufuncExecAsync,
// which pins their memory and runs them on the libuv thread pool. Flag
// checks are replayed afterwards under the errstate of the call, so warnings
// and errors come out exactly as the synchronous call would raise them.
import { makeError } from '../base/errors.js';
import { type ErrorSettings, FP_DIVIDE, FP_INVALID, FP_OVERFLOW, FP_UNDERFLOW, errstate, geterr, handleFloatingPointFlags } from './errstate.js';
import { checkNotBusy, checkNotWritten, markBusy } from '../base/busy.js';
import { native, type NativeAsyncStep } from '../base/native.js';
import { isDetached } from '../array/ndarray.js';
import type { DispatchUfunc } from './dispatch.js';
import { type LoopOperand, type NDArray } from './arrays.js';
import { nativeUfuncTable } from './engine.js';
import { readScalar } from './operands.js';
import { type RecordedCastOperand, type InputCasts, type Recorder, withRecorder, withoutRecording } from './record.js';
import { callUfunc, type UfuncCallOptions, type UfuncCore } from './call.js';
import { type AccumulateOptions, type ReduceOptions, accumulate, at, outer, reduce, reduceat } from './methods.js';

type Memory = ArrayBuffer | SharedArrayBuffer;

/** A 0-d result's value, read once the work has run. */
class DeferredScalar {
  constructor(readonly array: NDArray) {}
}

/** A flag check of the pipeline: its label and the flags JS itself raised there. */
interface Check {
  readonly what: string;
  readonly jsFlags: number;
}

function raiseMaskOf(settings: ErrorSettings): number {
  return (
    (settings.divide === 'raise' ? FP_DIVIDE : 0) |
    (settings.over === 'raise' ? FP_OVERFLOW : 0) |
    (settings.under === 'raise' ? FP_UNDERFLOW : 0) |
    (settings.invalid === 'raise' ? FP_INVALID : 0)
  );
}

/** Collects one async call's kernel calls and flag checks. */
class BatchRecorder implements Recorder {
  private steps: NativeAsyncStep[] = [];
  private checks: Check[] = [];
  private readonly read = new Set<Memory>();
  private readonly written = new Set<Memory>();
  private readonly raiseMask: number;

  constructor(
    private readonly settings: ErrorSettings,
    readonly label: string,
  ) {
    this.raiseMask = raiseMaskOf(settings);
  }

  exec(name: string, typeIndex: number, operands: LoopOperand[], shape: readonly number[], where?: LoopOperand, casts?: InputCasts): number {
    const nin = nativeUfuncTable()[name]?.nin ?? operands.length - 1;
    operands.forEach((operand, i) => (i < nin ? this.read : this.written).add(operand.buffer));
    if (where) this.read.add(where.buffer);
    this.steps.push({ op: 'exec', name, typeIndex, operands, shape: [...shape], ...(where ? { where } : {}), ...(casts ? { casts } : {}) });
    return 0;
  }

  gufunc(name: string, typeIndex: number, buffers: readonly Memory[], params: Float64Array): number {
    this.read.add(buffers[0]!);
    this.read.add(buffers[1]!);
    this.written.add(buffers[2]!);
    this.steps.push({ op: 'gufunc', name, typeIndex, buffers: [...buffers], params: params.slice() });
    return 0;
  }

  cast(source: RecordedCastOperand, destination: RecordedCastOperand, shape: readonly number[]): number {
    this.read.add(source.buffer);
    this.written.add(destination.buffer);
    this.steps.push({ op: 'cast', source, destination, shape: [...shape] });
    return 0;
  }

  checkpoint(flags: number, what: string): boolean {
    // Flags JS raised itself (a weak scalar overflowing a narrow float) that
    // raise under this errstate are raised now, as the sync call would.
    if ((flags & this.raiseMask) !== 0) return false;
    this.steps.push({ op: 'check', raiseMask: this.raiseMask });
    this.checks.push({ what, jsFlags: flags });
    return true;
  }

  deferScalar(a: NDArray): unknown {
    return new DeferredScalar(a);
  }

  beforeAccess(buffer: Memory): void {
    if (this.read.has(buffer) || this.written.has(buffer)) this.flush();
  }

  /**
   * Runs the steps recorded so far on this thread: the pipeline is about to
   * read memory they produce (NumPy's integer-power check on a cast exponent).
   */
  private flush(): void {
    this.checkNotBusy();
    const { steps, checks } = this;
    this.steps = [];
    this.checks = [];
    this.read.clear();
    this.written.clear();
    withoutRecording(() => {
      let flags = 0;
      let check = 0;
      for (const step of steps) {
        if (step.op === 'exec') flags |= native.ufuncExec(step.name, step.typeIndex, step.operands, step.shape, step.where);
        else if (step.op === 'cast') flags |= native.castExec(step.source, step.destination, step.shape);
        else if (step.op === 'gufunc') flags |= native.gufuncExec(step.name, step.typeIndex, step.buffers, step.params);
        else {
          const { what, jsFlags } = checks[check++]!;
          handleFloatingPointFlags(flags | jsFlags, what);
          flags = 0;
        }
      }
    });
  }

  private checkNotBusy(): void {
    for (const buffer of this.written) checkNotBusy(buffer, `${this.label} cannot write an output`);
    for (const buffer of this.read) checkNotWritten(buffer, `${this.label} cannot read an input`);
  }

  /** Runs the recorded steps off the main thread, then raises their flags as the sync call would. */
  async run(): Promise<void> {
    let flags: number[] | undefined;
    if (this.steps.some((step) => step.op !== 'check')) {
      this.checkNotBusy();
      const written = [...this.written];
      const release = markBusy(this.read, written, this.label);
      try {
        flags = await native.ufuncExecAsync(this.steps);
      } finally {
        release();
      }
      if (written.some(isDetached)) {
        throw makeError(
          TypeError,
          'ERR_DETACHED',
          `${this.label}: an output's ArrayBuffer was detached (transferred) while the call ran, so its results are not in this thread's memory`,
        );
      }
    }
    errstate(this.settings, () => {
      // Only the checks the work reached: it stops after one that raises.
      const reached = flags ? flags.length : this.checks.length;
      for (let i = 0; i < reached; i++) handleFloatingPointFlags((flags?.[i] ?? 0) | this.checks[i]!.jsFlags, this.checks[i]!.what);
    });
  }
}

function settle(value: unknown): unknown {
  if (value instanceof DeferredScalar) return readScalar(value.array);
  if (Array.isArray(value) && value.some((entry) => entry instanceof DeferredScalar)) return value.map(settle);
  return value;
}

/**
 * Runs `call` (a synchronous ufunc entry point) with its kernels on the
 * thread pool. Argument errors reject the promise. Ufuncs with JS loops
 * (createUfunc) run synchronously, then resolve.
 */
async function runAsync(core: UfuncCore, label: string, call: () => unknown): Promise<unknown> {
  if (!core.native) return withoutRecording(call);
  const recorder = new BatchRecorder(geterr(), label);
  const value = withRecorder(recorder, call);
  await recorder.run();
  return settle(value);
}

function define(target: object, value: unknown): void {
  Object.defineProperty(target, 'async', { value, enumerable: false, configurable: false, writable: false });
}

/**
 * Gives a generalized ufunc its `.async` form: `call` is its synchronous
 * call. Its methods (reduce, ...) get `.async` forms that reject with the
 * error the synchronous method throws.
 */
export function attachGufuncAsync(
  core: UfuncCore,
  gufunc: object & Record<'reduce' | 'accumulate' | 'reduceat' | 'outer' | 'at', (...args: never[]) => unknown>,
  call: (args: readonly unknown[]) => unknown,
): void {
  const name = core.name;
  define(gufunc, (...args: unknown[]) => runAsync(core, `${name}.async()`, () => call(args)));
  for (const method of ['reduce', 'accumulate', 'reduceat', 'outer', 'at'] as const) {
    const sync = gufunc[method] as (...args: unknown[]) => unknown;
    define(sync, (...args: unknown[]) => runAsync(core, `${name}.${method}.async()`, () => sync(...args)));
  }
}

/** Gives a Ufunc object its `.async` forms (the Ufunc and its methods must already exist). */
export function attachAsync(core: UfuncCore, ufunc: DispatchUfunc & Record<'reduce' | 'accumulate' | 'reduceat' | 'outer' | 'at', object>): void {
  const name = core.name;
  define(ufunc, (...args: unknown[]) => runAsync(core, `${name}.async()`, () => callUfunc(core, ufunc, args)));
  define(ufunc.reduce, (a: unknown, options?: ReduceOptions) => runAsync(core, `${name}.reduce.async()`, () => reduce(core, ufunc, a, options)));
  define(ufunc.accumulate, (a: unknown, options?: AccumulateOptions) =>
    runAsync(core, `${name}.accumulate.async()`, () => accumulate(core, ufunc, a, options)),
  );
  define(ufunc.reduceat, (a: unknown, indices: unknown, options?: AccumulateOptions) =>
    runAsync(core, `${name}.reduceat.async()`, () => reduceat(core, ufunc, a, indices, options)),
  );
  define(ufunc.outer, (...args: [a: unknown, b: unknown, options?: UfuncCallOptions]) =>
    runAsync(core, `${name}.outer.async()`, () => outer(core, ufunc, args[0], args[1], args[2], args.length)),
  );
  define(ufunc.at, (...args: unknown[]) => runAsync(core, `${name}.at.async()`, () => at(core, ufunc, args[0], args[1], args[2], args.length)));
}
