// The public Ufunc object: a function with NumPy's attributes and methods,
// built around a UfuncCore.
import { inspect } from 'node:util';
import { callUfunc, type UfuncCore, type UfuncCallOptions, type UfuncValue, type Scalar } from './call.js';
import { accumulate, at, outer, reduce, reduceat, type AccumulateOptions, type ReduceOptions } from './methods.js';
import { activeRecorder, withoutRecording } from './record.js';
import { attachAsync } from './async.js';
import type { UfuncKwargs } from './dispatch.js';

export type { AccumulateOptions, ReduceOptions };

/**
 * Any ufunc, untyped: what an override handler (`__array_ufunc__`,
 * ufuncDispatch.register) receives, so it can pass the inputs and kwargs it
 * got straight on. The exported ufuncs have precise types (UnaryUfunc,
 * BinaryUfunc, UnaryPairUfunc, BinaryPairUfunc, Gufunc in signatures.ts).
 *
 * @typeParam R - What a call returns.
 */
export interface Ufunc<R = unknown> {
  (...args: unknown[]): R;
  /** NumPy's name of the ufunc: 'add', 'matmul'. */
  readonly name: string;
  /** The number of inputs. */
  readonly nin: number;
  /** The number of outputs. */
  readonly nout: number;
  /** nin + nout: the positional arguments a call may take. */
  readonly nargs: number;
  /** The number of loops (the length of `types`). */
  readonly ntypes: number;
  /** NumPy's identity: the value reductions start from, or null. */
  readonly identity: Scalar | null;
  /** Loop signatures in NumPy's notation, e.g. 'dd->d'. */
  readonly types: readonly string[];
  /** NumPy's core signature: null for elementwise ufuncs, '(n),(n)->()' style for generalized ones. */
  readonly signature: string | null;
  /**
   * The same call with its kernels on the libuv thread pool: resolves to
   * what the call returns; argument errors and errstate 'raise' reject it.
   * Until it settles, the memory it writes (its outputs) cannot be read or
   * written, and the memory it reads cannot be written: such uses throw (or
   * reject) TypeError `ERR_BUSY` naming this call, e.g. `add.async()`.
   */
  async(...args: unknown[]): Promise<R>;
  /** NumPy's ufunc.reduce: applies a binary ufunc along `axis`, reducing it (e.g. add.reduce is a sum). */
  reduce: AsyncMethod<[a: unknown, options?: ReduceOptions | UfuncKwargs], R>;
  /** NumPy's ufunc.accumulate: the running results of reduce along one axis (e.g. add.accumulate is a cumulative sum). */
  accumulate: AsyncMethod<[a: unknown, options?: AccumulateOptions | UfuncKwargs], R>;
  /** NumPy's ufunc.reduceat: reductions over the slices of one axis that start at `indices`. */
  reduceat: AsyncMethod<[a: unknown, indices: unknown, options?: AccumulateOptions | UfuncKwargs], R>;
  /** NumPy's ufunc.outer: the ufunc applied to every pair of elements of `a` and `b` (result shape a.shape + b.shape). */
  outer: AsyncMethod<[a: unknown, b: unknown, options?: UfuncCallOptions | UfuncKwargs], R>;
  /** NumPy's ufunc.at: unbuffered in-place application at `indices` of `a` (repeated indices apply repeatedly). */
  at: AsyncMethod<[a: unknown, indices: unknown, b?: unknown], void>;
}

/**
 * A ufunc method, callable directly or as `method.async(...)` (a Promise of
 * the same result; its memory is busy until it settles, as for `Ufunc.async`).
 *
 * @typeParam A - The method's arguments.
 * @typeParam T - What a call returns.
 */
export interface AsyncMethod<A extends unknown[], T> {
  (...args: A): T;
  /** The same call with its kernels on the libuv thread pool: a Promise of its result. */
  async(...args: A): Promise<T>;
}

// A synchronous call made while an async call records its work (from a
// getter, an __array_ufunc__ override, ...) must really run.
function sync<T>(fn: () => T): T {
  return activeRecorder ? withoutRecording(fn) : fn();
}

const cores = new WeakMap<object, UfuncCore>();

/** The core behind a Ufunc object (undefined for anything else). */
export function coreOf(value: unknown): UfuncCore | undefined {
  return typeof value === 'function' ? cores.get(value) : undefined;
}

function constant(target: object, key: string | symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: key !== 'name', configurable: false, writable: false });
}

export function makeUfunc<R = UfuncValue>(core: UfuncCore): Ufunc<R> {
  const ufunc = function (...args: unknown[]): unknown {
    return activeRecorder ? withoutRecording(() => callUfunc(core, ufunc, args)) : callUfunc(core, ufunc, args);
  } as unknown as Ufunc<R>;
  Object.defineProperty(ufunc, 'name', { value: core.name });
  constant(ufunc, 'nin', core.nin);
  constant(ufunc, 'nout', core.nout);
  constant(ufunc, 'nargs', core.nargs);
  constant(ufunc, 'ntypes', core.types.length);
  constant(ufunc, 'identity', core.identity);
  constant(ufunc, 'types', Object.freeze([...core.types]));
  constant(ufunc, 'signature', null);
  constant(ufunc, 'reduce', (a: unknown, options?: ReduceOptions) => sync(() => reduce(core, ufunc, a, options)));
  constant(ufunc, 'accumulate', (a: unknown, options?: AccumulateOptions) => sync(() => accumulate(core, ufunc, a, options)));
  constant(ufunc, 'reduceat', (a: unknown, indices: unknown, options?: AccumulateOptions) => sync(() => reduceat(core, ufunc, a, indices, options)));
  constant(ufunc, 'outer', (...args: [a: unknown, b: unknown, options?: UfuncCallOptions]) =>
    sync(() => outer(core, ufunc, args[0], args[1], args[2], args.length)),
  );
  constant(ufunc, 'at', (...args: unknown[]) => sync(() => at(core, ufunc, args[0], args[1], args[2], args.length)));
  constant(ufunc, 'toString', () => `<ufunc '${core.name}'>`);
  constant(ufunc, inspect.custom, () => `<ufunc '${core.name}'>`);
  attachAsync(core, ufunc);
  cores.set(ufunc, core);
  return ufunc;
}
