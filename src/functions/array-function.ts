// NEP 18 override dispatch for array functions (`sum`, `concatenate`, ...):
// an operand whose class defines `__array_function__`, or whose class has a
// handler registered with `functionDispatch.register`, may take over the call.
// NEP 35's `like` option sends a creation function to `like`'s class.
//
// Every public array function is made by `arrayFunction`, which splits the
// call into positional arguments and an options object, asks the function's
// `relevant` callback which arguments may override, and calls the default
// implementation when none does. The no-override path costs a few property
// reads per relevant argument.
import { describeValue, makeError } from '../base/errors.js';
import { NDArray } from '../array/ndarray.js';
import { NotImplemented } from '../ufunc/dispatch.js';

/** The options object of an array-function call, as an override sees it. */
export type FunctionKwargs = Record<string, unknown>;

/** A class, as the `types` list of `__array_function__` holds it. */
export type ArrayFunctionType = abstract new (...args: never[]) => unknown;

/**
 * The signature of `__array_function__` methods (called with the overriding
 * operand as `this`) and of handlers given to `functionDispatch.register`
 * (which get it as `self`). Return `NotImplemented` to decline.
 */
export type ArrayFunctionHandler = (
  func: ArrayFunction,
  types: readonly ArrayFunctionType[],
  args: unknown[],
  kwargs: FunctionKwargs,
  self: unknown,
) => unknown;

/** What every public array function carries besides being callable. */
export interface ArrayFunctionMembers {
  /** The function's name, as in error messages: `'concatenate'`. */
  readonly name: string;
  /**
   * The default implementation without dispatch, called as the function is
   * (`func.implementation(...args, kwargs)` with what `__array_function__`
   * received): what an override calls to compute on arrays it has unwrapped
   * (NumPy's `func._implementation`). It checks its arguments at run time as
   * the function does; its result is whatever the function returns for them
   * (an NDArray, a scalar, a list or tuple of arrays), so a caller narrows it.
   * (Method syntax: an implementation with typed parameters still fits.)
   */
  implementation(...args: unknown[]): unknown;
}

/**
 * An array function: callable, dispatching through `__array_function__`.
 * @typeParam F - The function's call signature (its arguments and result).
 */
export type ArrayFunction<F extends (...args: never[]) => unknown = (...args: never[]) => unknown> = F & ArrayFunctionMembers;

/** How `arrayFunction` reads a call. */
export interface ArrayFunctionSpec {
  /** The public name. */
  readonly name: string;
  /**
   * How many positional arguments the function takes at most; the
   * implementation gets the options object at this index.
   */
  readonly optionsAt: number;
  /**
   * The arguments that may override (NumPy's dispatcher): given the
   * positional arguments and the options, yields the candidate values.
   * Sequences of arrays yield each element.
   */
  readonly relevant: (args: readonly unknown[], kwargs: FunctionKwargs) => Iterable<unknown>;
  /** Whether the function takes NEP 35's `like` option (creation functions). */
  readonly like?: boolean;
}

type Constructor = abstract new (...args: never[]) => unknown;

const registry = new Map<object, ArrayFunctionHandler>();

/**
 * NDArray's own `__array_function__` (src/protocols.ts attaches it): computes
 * the function when every overriding type is NDArray or a subclass, else
 * returns NotImplemented, as `ndarray.__array_function__` does.
 */
export function ndarrayArrayFunction(
  this: unknown,
  func: ArrayFunction,
  types: readonly ArrayFunctionType[],
  args: unknown[],
  kwargs: FunctionKwargs,
): unknown {
  for (const type of types) {
    if (type !== NDArray && !(type.prototype instanceof NDArray)) return NotImplemented;
  }
  return func.implementation(...args, kwargs);
}

interface Implementer {
  readonly operand: object;
  /** The operand's own prototype: its exact type for ordering. */
  readonly type: object;
  readonly handler: ArrayFunctionHandler;
  /** NDArray's default method: does not count as an override on its own. */
  readonly isDefault: boolean;
}

// Walks the prototype chain from the most derived class: the first
// registration or own `__array_function__` found decides. Instance
// properties are ignored: NumPy looks the attribute up on the type.
function lookup(value: object): { handler: ArrayFunctionHandler; isDefault: boolean } | undefined {
  for (let proto = Object.getPrototypeOf(value) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const registered = registry.get(proto);
    if (registered) return { handler: registered, isDefault: false };
    const descriptor = Object.getOwnPropertyDescriptor(proto, '__array_function__');
    if (!descriptor) continue;
    const member: unknown = descriptor.value;
    if (typeof member !== 'function') return undefined;
    if (member === ndarrayArrayFunction) {
      return { handler: (func, types, args, kwargs, self) => ndarrayArrayFunction.call(self, func, types, args, kwargs), isDefault: true };
    }
    const method = member as (this: unknown, ...a: unknown[]) => unknown;
    return { handler: (func, types, args, kwargs, self) => method.call(self, func, types, args, kwargs), isDefault: false };
  }
  return undefined;
}

// Whether `value` can take part at all; the common case (numbers, plain
// arrays, typed arrays, plain NDArrays) answers without walking the chain.
function candidate(value: unknown): value is object {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  if (registry.size !== 0) return true;
  return '__array_function__' in value;
}

/** Implementers in call order: subclasses before superclasses, else left to right, one per type. */
function collect(values: Iterable<unknown>): Implementer[] | undefined {
  let found: Implementer[] | undefined;
  for (const value of values) {
    if (!candidate(value)) continue;
    const type = Object.getPrototypeOf(value) as object | null;
    if (type === null || found?.some((entry) => entry.type === type)) continue;
    const hit = lookup(value);
    if (!hit) continue;
    const entry: Implementer = { operand: value, type, handler: hit.handler, isDefault: hit.isDefault };
    found ??= [];
    const superIndex = found.findIndex((other) => other.type.isPrototypeOf(type));
    if (superIndex >= 0) found.splice(superIndex, 0, entry);
    else found.push(entry);
  }
  return found;
}

function className(type: object): string {
  const ctor = (type as { constructor?: { name?: string } }).constructor;
  return ctor?.name || 'Object';
}

function typeOf(entry: Implementer): ArrayFunctionType {
  return (entry.type as { constructor: ArrayFunctionType }).constructor;
}

// The protocol keys that make a plain object an array-like rather than options.
const arrayLikeKeys = ['__array_interface__', '__dlpack__', '__array_function__', '__array_ufunc__'];

// A complex scalar is a plain object whose own keys are exactly `re` and
// `im`; no function's options are named so, so it is never read as options
// (`full(3, { re: 1, im: -2 })` fills with 1-2j).
function isComplexScalar(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && 're' in value && 'im' in value;
}

function isOptionsObject(value: unknown): value is FunctionKwargs {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return false;
  return !arrayLikeKeys.some((key) => key in value) && !isComplexScalar(value);
}

// Splits a call into positional arguments and options: the options are the
// last argument when it is a plain object (one without array protocol
// members and not a complex scalar), so optional positional arguments may be left out before them.
function splitCall(spec: ArrayFunctionSpec, callArgs: readonly unknown[]): [unknown[], FunctionKwargs] {
  const count = callArgs.length;
  let args = callArgs as unknown[];
  let kwargs: FunctionKwargs = {};
  if (count > 0) {
    const last = callArgs[count - 1];
    if (isOptionsObject(last)) {
      args = callArgs.slice(0, -1);
      kwargs = last;
    } else if (last === undefined && count === spec.optionsAt + 1) {
      args = callArgs.slice(0, -1);
    }
  }
  if (args.length > spec.optionsAt) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `${spec.name}() takes at most ${spec.optionsAt} positional arguments and an options object (${count} arguments given)`,
    );
  }
  return [args, kwargs];
}

// The implementation sees every positional slot (undefined where left out),
// then the options object.
function callDefault(impl: (...args: never[]) => unknown, spec: ArrayFunctionSpec, args: unknown[], kwargs: FunctionKwargs): unknown {
  const slots = args.length === spec.optionsAt ? args : [...args, ...new Array<undefined>(spec.optionsAt - args.length)];
  return (impl as (...a: unknown[]) => unknown)(...slots, kwargs);
}

/**
 * Makes a public array function from its default implementation. The
 * implementation is called with `spec.optionsAt` positional arguments
 * (undefined where the caller left them out) and then the options object
 * (`{}` when none was given). Callers, and overrides calling
 * `func.implementation(...args, kwargs)`, pass options as a trailing plain
 * object.
 */
export function arrayFunction<F extends (...args: never[]) => unknown>(spec: ArrayFunctionSpec, impl: F): ArrayFunction<F> {
  const implementation = ((...callArgs: unknown[]) => {
    const [args, kwargs] = splitCall(spec, callArgs);
    return callDefault(impl, spec, args, kwargs);
  }) as unknown as F;

  const publicFunction = ((...callArgs: unknown[]) => {
    const [args, kwargs] = splitCall(spec, callArgs);
    if (spec.like && kwargs.like !== undefined) return dispatchLike(publicFunction, impl, spec, args, kwargs);
    const implementers = collect(spec.relevant(args, kwargs));
    if (implementers === undefined || implementers.every((entry) => entry.isDefault)) {
      return callDefault(impl, spec, args, kwargs);
    }
    return dispatch(publicFunction, spec, implementers, args, kwargs);
  }) as unknown as ArrayFunction<F>;

  Object.defineProperty(publicFunction, 'name', { value: spec.name });
  Object.defineProperty(publicFunction, 'implementation', { value: implementation, enumerable: true });
  Object.defineProperty(implementation, 'name', { value: spec.name });
  return publicFunction;
}

function dispatch(func: ArrayFunction, spec: ArrayFunctionSpec, implementers: Implementer[], args: unknown[], kwargs: FunctionKwargs): unknown {
  const types = implementers.map(typeOf);
  for (const entry of implementers) {
    const result = entry.handler(func, types, args, kwargs, entry.operand);
    if (result !== NotImplemented) return result;
  }
  const names = implementers.map((entry) => `<class '${className(entry.type)}'>`).join(', ');
  throw makeError(
    TypeError,
    'ERR_ARRAY_FUNCTION_TYPE',
    `no implementation found for 'ndinterop.${spec.name}' on types that implement __array_function__: [${names}]`,
  );
}

// NEP 35: `like` sends the call to like's class, without `like` in kwargs.
function dispatchLike(func: ArrayFunction, impl: (...args: never[]) => unknown, spec: ArrayFunctionSpec, args: unknown[], kwargs: FunctionKwargs): unknown {
  const { like, ...rest } = kwargs;
  const implementers = typeof like === 'object' || typeof like === 'function' ? collect([like]) : undefined;
  if (implementers === undefined) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      'The `like` argument must be an array-like that implements the `__array_function__` protocol.',
    );
  }
  if (implementers[0]!.isDefault) return callDefault(impl, spec, args, rest);
  return dispatch(func, spec, implementers, args, rest);
}

/**
 * Registers `handler` to take over array functions for instances of `cls`
 * and its subclasses, for classes you cannot give an `__array_function__`
 * method. `cls` may be NDArray itself.
 */
function register(cls: Constructor, handler: ArrayFunctionHandler): void {
  if (typeof cls !== 'function' || typeof cls.prototype !== 'object' || cls.prototype === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `functionDispatch.register expects a class, got ${describeValue(cls)}`);
  }
  if (typeof handler !== 'function') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `functionDispatch.register expects a handler function, got ${describeValue(handler)}`);
  }
  registry.set(cls.prototype as object, handler);
}

/** Removes a registration; returns whether there was one. */
function unregister(cls: Constructor): boolean {
  if (typeof cls !== 'function') return false;
  return registry.delete(cls.prototype as object);
}

/** The array-function counterpart of `ufuncDispatch`. */
export const functionDispatch: {
  /** Registers a handler for instances of `cls` (and its subclasses). */
  register(cls: Constructor, handler: ArrayFunctionHandler): void;
  /** Removes a registration; returns whether there was one. */
  unregister(cls: Constructor): boolean;
  /** The value a handler returns to decline. */
  readonly NotImplemented: typeof NotImplemented;
} = { register, unregister, NotImplemented };

/** Relevant-argument helper: the elements of a sequence argument (NumPy dispatches on each array in it). */
export function* elementsOf(sequence: unknown): Iterable<unknown> {
  if (Array.isArray(sequence)) yield* sequence;
  else yield sequence;
}
