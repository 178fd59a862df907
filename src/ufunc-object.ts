// The public Ufunc object: a function with NumPy's attributes and methods,
// built around a UfuncCore.
import { inspect } from 'node:util';
import { callUfunc, type UfuncCore, type UfuncCallOptions, type UfuncValue, type Scalar } from './ufunc.js';
import { accumulate, at, outer, reduce, reduceat, type AccumulateOptions, type ReduceOptions } from './ufunc-methods.js';

export type { AccumulateOptions, ReduceOptions };

/**
 * A universal function. Call it with its inputs (arrays, array-likes or JS
 * scalars) and an optional options object: `add(a, b, { out, where, dtype, casting })`.
 * `R` is what a call returns: one value, or an array of them for several outputs.
 */
export interface Ufunc<R = UfuncValue> {
  (...args: unknown[]): R;
  readonly name: string;
  readonly nin: number;
  readonly nout: number;
  readonly nargs: number;
  readonly ntypes: number;
  /** NumPy's identity: the value reductions start from, or null. */
  readonly identity: Scalar | null;
  /** Loop signatures in NumPy's notation, e.g. 'dd->d'. */
  readonly types: readonly string[];
  /** NumPy's core signature: null for elementwise ufuncs, '(n),(n)->()' style for generalized ones. */
  readonly signature: string | null;
  reduce(a: unknown, options?: ReduceOptions): UfuncValue;
  accumulate(a: unknown, options?: AccumulateOptions): UfuncValue;
  reduceat(a: unknown, indices: unknown, options?: AccumulateOptions): UfuncValue;
  outer(a: unknown, b: unknown, options?: UfuncCallOptions): R;
  at(a: unknown, indices: unknown, b?: unknown): void;
}

const cores = new WeakMap<object, UfuncCore>();

/** The core behind a Ufunc object (undefined for anything else). */
export function coreOf(value: unknown): UfuncCore | undefined {
  return typeof value === 'function' ? cores.get(value) : undefined;
}

export function isUfunc(value: unknown): value is Ufunc<unknown> {
  return coreOf(value) !== undefined;
}

function constant(target: object, key: string | symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: key !== 'name', configurable: false, writable: false });
}

export function makeUfunc<R = UfuncValue>(core: UfuncCore): Ufunc<R> {
  const ufunc = function (...args: unknown[]): unknown {
    return callUfunc(core, ufunc, args);
  } as unknown as Ufunc<R>;
  Object.defineProperty(ufunc, 'name', { value: core.name });
  constant(ufunc, 'nin', core.nin);
  constant(ufunc, 'nout', core.nout);
  constant(ufunc, 'nargs', core.nargs);
  constant(ufunc, 'ntypes', core.types.length);
  constant(ufunc, 'identity', core.identity);
  constant(ufunc, 'types', Object.freeze([...core.types]));
  constant(ufunc, 'signature', null);
  constant(ufunc, 'reduce', (a: unknown, options?: ReduceOptions) => reduce(core, ufunc, a, options));
  constant(ufunc, 'accumulate', (a: unknown, options?: AccumulateOptions) => accumulate(core, ufunc, a, options));
  constant(ufunc, 'reduceat', (a: unknown, indices: unknown, options?: AccumulateOptions) => reduceat(core, ufunc, a, indices, options));
  constant(ufunc, 'outer', (a: unknown, b: unknown, options?: UfuncCallOptions) => outer(core, ufunc, a, b, options));
  constant(ufunc, 'at', (...args: unknown[]) => at(core, ufunc, args[0], args[1], args[2], args.length));
  constant(ufunc, 'toString', () => `<ufunc '${core.name}'>`);
  constant(ufunc, inspect.custom, () => `<ufunc '${core.name}'>`);
  cores.set(ufunc, core);
  return ufunc;
}
