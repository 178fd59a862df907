// Every numeric ufunc of NumPy 2.4 as a Ufunc object, exported by name (and
// NumPy's aliases), plus createUfunc for ufuncs whose loops are JS functions.
import { describeValue, makeError } from '../base/errors.js';
import { NotImplemented, ufuncDispatch as dispatchRegistry } from './dispatch.js';
import { UfuncCore, type LoopRunner, type Scalar } from './call.js';
import type { UfuncOf, UnaryUfunc } from './signatures.js';
import type { ArrayUfuncHandler } from './dispatch.js';
import { type Ufunc, makeUfunc } from './object.js';
import { builtin, loopSetOf } from './builtin.js';
import { type ElementFunction, runElementFunction } from './jsloop.js';
import { weakKindOf } from './operands.js';
import type { DTypeNameOf, ElementInputOf, ElementOf } from '../dtype/spelling.js';

// Every elementwise ufunc, and NumPy's aliases: generated with the native
// table from one source (scripts/gen-ufunc-types.py).
export * from './table.generated.js';
// generalized ufuncs (core dimensions): src/ufunc/gufunc.ts
export { matmul, vecdot, matvec, vecmat } from './gufunc.js';

/**
 * Test element-wise for NaT (not a time) and return result as a boolean array. NumPy's `isnat`: 1 input, 1 output, for
 * datetime64 and timedelta64 only (its loops are the datetime ones: src/ufunc/datetime.ts).
 */
export const isnat = builtin<UnaryUfunc<'bool'>>('isnat', 1, 1);

type TypeChars<S extends string> = S extends `${infer C}${infer Rest}` ? [C, ...TypeChars<Rest>] : [];
type LoopInputs<Chars extends string[]> = { [K in keyof Chars]: ElementOf<DTypeNameOf<Chars[K]>> };
type LoopOutputs<Chars extends string[]> = { [K in keyof Chars]: ElementInputOf<DTypeNameOf<Chars[K]>> };

/**
 * The element function of a loop signature, typed by its type characters:
 * for 'll->l' `(a: bigint, b: bigint) => number | bigint | boolean` (what
 * int64 elements read as, and what an int64 element can be written from),
 * for 'dd->d' numbers, '?' booleans, 'D' Complex; with several outputs, a
 * tuple of them. A signature the types cannot read gives ElementFunction.
 * @typeParam Signature - The loop signature, e.g. 'dd->d'.
 */
export type LoopFunction<Signature extends string> = Signature extends `${infer In}->${infer Out}`
  ? (...inputs: LoopInputs<TypeChars<In>>) => TypeChars<Out> extends [string] ? LoopOutputs<TypeChars<Out>>[0] : LoopOutputs<TypeChars<Out>>
  : ElementFunction;

/**
 * Definition of a user ufunc: element functions keyed by NumPy loop signature ('dd->d'), in priority order.
 *
 * @typeParam Nin - The number of inputs, as a literal type.
 * @typeParam Nout - The number of outputs, as a literal type.
 * @typeParam Signatures - The loop signatures (inferred from `loops`' keys), which type each element function.
 */
export interface UfuncDefinition<Nin extends number = number, Nout extends number = number, Signatures extends string = string> {
  /** The ufunc's name (its `name`, and what errors name). */
  readonly name: string;
  /** Number of inputs: 1 and 2 give a typed UnaryUfunc/BinaryUfunc (with nout 1) or a pair ufunc (nout 2). */
  readonly nin: Nin;
  /** Number of outputs (1 or more). */
  readonly nout: Nout;
  /** Reductions start from this value; null (default) for none. */
  readonly identity?: Scalar | null;
  /**
   * The element functions, keyed by NumPy loop signature ('dd->d'); loop
   * selection tries them in this order. Each gets its inputs as that
   * signature's types read (LoopFunction).
   */
  readonly loops: { readonly [S in Signatures]: LoopFunction<S> };
}

function invalidDefinition(message: string): TypeError {
  return makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `createUfunc: ${message}`);
}

function checkCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 32) {
    throw invalidDefinition(`${what} must be an integer from 1 to 32, got ${describeValue(value)}`);
  }
  return value;
}

/** Makes a ufunc whose inner loops are JS element functions; it gets broadcasting, options, methods and dispatch. */
export function createUfunc<const Nin extends number, const Nout extends number, const Signatures extends string>(definition: UfuncDefinition<Nin, Nout, Signatures>): UfuncOf<Nin, Nout> {
  if (typeof definition !== 'object' || definition === null) throw invalidDefinition(`expected a definition object, got ${describeValue(definition)}`);
  const { name, loops } = definition;
  if (typeof name !== 'string' || name === '') throw invalidDefinition(`name must be a non-empty string, got ${describeValue(name)}`);
  const nin = checkCount(definition.nin, 'nin');
  const nout = checkCount(definition.nout, 'nout');
  const identity = definition.identity ?? null;
  if (identity !== null && !weakKindOf(identity)) throw invalidDefinition(`identity must be a JS scalar or null, got ${describeValue(identity)}`);
  if (typeof loops !== 'object' || loops === null) throw invalidDefinition(`loops must be an object of element functions, got ${describeValue(loops)}`);
  // At run time each is checked as an ElementFunction (below); its typed
  // form only narrows what the caller's code sees.
  const untyped = loops as Readonly<Record<string, ElementFunction>>;
  const types = Object.keys(untyped);
  const functions = types.map((signature) => untyped[signature]!);
  const loopSet = loopSetOf(name, nin, nout, types);
  types.forEach((signature, index) => {
    const parsed = loopSet.loops.find((l) => l.index === index);
    if (!parsed || parsed.inputs.length !== nin || parsed.outputs.length !== nout) {
      throw invalidDefinition(`loop '${signature}' is not a signature of ${nin} input and ${nout} output type characters like 'dd->d'`);
    }
    if (typeof functions[index] !== 'function') throw invalidDefinition(`loop '${signature}' must be a function, got ${describeValue(functions[index])}`);
  });
  if (types.length === 0) throw invalidDefinition('loops must define at least one signature');
  const run: LoopRunner = (loop, operands, shape, where) => runElementFunction(name, functions[loop.index]!, loop, operands, shape, where);
  return makeUfunc(new UfuncCore(name, nin, nout, identity, identity !== null, types, loopSet, run)) as unknown as UfuncOf<Nin, Nout>;
}

/** NEP 13 for JS: register overrides for classes you do not own, and make new ufuncs. */
export interface UfuncDispatch {
  /**
   * Registers `handler` to take over every ufunc call and method (`__call__`,
   * `reduce`, `accumulate`, `reduceat`, `outer`, `at`, generalized ufuncs)
   * with an instance of `cls` (or of a subclass) among its operands, the way
   * `__array_ufunc__` does (NEP 13). The handler gets the ufunc, the method
   * name, the inputs and the options as NumPy's kwargs (`out` as an array);
   * it returns the result, or `NotImplemented` to let the next operand's
   * override try. `cls` may be NDArray itself. Throws TypeError
   * ERR_INVALID_ARG_TYPE when `cls` is not a class or `handler` not a function.
   */
  register<T extends object>(cls: abstract new (...args: never[]) => T, handler: ArrayUfuncHandler): void;
  /** Removes the registration of `cls`; returns whether there was one. */
  unregister(cls: abstract new (...args: never[]) => object): boolean;
  /** Makes a ufunc whose inner loops are JS element functions (see createUfunc). */
  createUfunc<const Nin extends number, const Nout extends number, const Signatures extends string>(definition: UfuncDefinition<Nin, Nout, Signatures>): UfuncOf<Nin, Nout>;
  /** The sentinel a handler returns to decline. */
  readonly NotImplemented: typeof NotImplemented;
}

/** NEP 13 for JS: register overrides for classes you do not own, and make new ufuncs. */
export const ufuncDispatch: UfuncDispatch = {
  register(cls, handler) {
    dispatchRegistry.register(cls as never, handler);
  },
  unregister(cls) {
    return dispatchRegistry.unregister(cls as never);
  },
  createUfunc,
  NotImplemented,
};
