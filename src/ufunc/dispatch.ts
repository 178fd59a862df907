// NEP 13 override dispatch: objects that are not plain NDArrays may take over
// a ufunc call through `__array_ufunc__` (on their prototype chain) or
// through a handler registered for their class with `ufuncDispatch.register`.
import { inspect } from 'node:util';
import { describeValue, makeError } from '../base/errors.js';
import { NDArray } from '../array/ndarray.js';

/** A handler returns this to decline an operation, like Python's NotImplemented. */
export const NotImplemented: unique symbol = Symbol.for('ndinterop.NotImplemented') as never;

/** Which ufunc method an override is asked to compute: '__call__' for a plain call, or a method's name. */
export type UfuncMethod = '__call__' | 'reduce' | 'accumulate' | 'reduceat' | 'outer' | 'at';

/** The options a ufunc method was called with, as an override sees them (`out` always an array). */
export type UfuncKwargs = Record<string, unknown> & {
  /** The outputs, always as an array (one entry per output) when given. */
  out?: readonly unknown[];
};

import type { AccumulateOptions, ReduceOptions, Ufunc } from './object.js';
import type { UfuncCallOptions } from './call.js';

/** The ufunc an override is asked to compute. */
export type DispatchUfunc = Ufunc<unknown>;

/** The signature of `__array_ufunc__` methods and registered handlers; `self` is the overriding operand. */
export type ArrayUfuncHandler = (
  ufunc: DispatchUfunc,
  method: UfuncMethod,
  inputs: unknown[],
  kwargs: UfuncKwargs,
  self: unknown,
) => unknown;

type Constructor = abstract new (...args: never[]) => unknown;

const registry = new Map<object, ArrayUfuncHandler>();

// Whether a handler is registered for NDArray itself: the JS fast paths for
// tiny calls skip dispatch, so they step aside while one is.
let baseRegistered = false;

const basePrototype = NDArray.prototype as { __array_ufunc__?: unknown };

/**
 * Whether plain NDArray operands dispatch: a handler is registered for
 * NDArray itself, or NDArray.prototype.__array_ufunc__ was replaced.
 */
export function baseArrayOverridden(): boolean {
  return baseRegistered || basePrototype.__array_ufunc__ !== ndarrayArrayUfunc;
}

/**
 * Registers `handler` to take over ufuncs for instances of `cls` (and its
 * subclasses). `cls` may be NDArray itself: every ufunc call, method and
 * generalized ufunc with a plain NDArray operand then goes to the handler,
 * whatever the size (the JS fast paths for tiny arrays step aside).
 */
function register(cls: Constructor, handler: ArrayUfuncHandler): void {
  if (typeof cls !== 'function' || typeof cls.prototype !== 'object' || cls.prototype === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `ufuncDispatch.register expects a class, got ${describeValue(cls)}`);
  }
  if (typeof handler !== 'function') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `ufuncDispatch.register expects a handler function, got ${describeValue(handler)}`);
  }
  registry.set(cls.prototype as object, handler);
  if (cls.prototype === NDArray.prototype) baseRegistered = true;
}

/** Removes a registration; returns whether there was one. */
function unregister(cls: Constructor): boolean {
  if (typeof cls !== 'function') return false;
  const removed = registry.delete(cls.prototype as object);
  if (cls.prototype === NDArray.prototype) baseRegistered = false;
  return removed;
}

interface Override {
  readonly operand: object;
  /** The operand's own prototype: its exact "type" for ordering. */
  readonly type: object;
  /** The registered handler or `__array_ufunc__` found (two plain objects differ by it). */
  readonly source: unknown;
  readonly handler: ArrayUfuncHandler;
}

type Lookup = { readonly source: unknown; readonly handler: ArrayUfuncHandler } | 'opt-out' | undefined;

// Walks the prototype chain from the most derived class: the first
// registration or own `__array_ufunc__` found decides. Instance properties
// are ignored, as NumPy looks the attribute up on the type.
function lookupOverride(value: unknown): Lookup {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  for (let proto = Object.getPrototypeOf(value) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const registered = registry.get(proto);
    if (registered) return { source: registered, handler: registered };
    const descriptor = Object.getOwnPropertyDescriptor(proto, '__array_ufunc__');
    if (!descriptor) continue;
    const member: unknown = descriptor.value;
    if (member === null) return 'opt-out';
    if (member === ndarrayArrayUfunc || typeof member !== 'function') return undefined;
    const handler: ArrayUfuncHandler = (ufunc, method, inputs, kwargs, self) =>
      (member as ArrayUfuncHandler).call(self, ufunc, method, inputs, kwargs, self);
    return { source: member, handler };
  }
  return undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return ctor?.name || 'Object';
}

/** Overriding operands in call order: subclasses before superclasses, otherwise left to right. */
function collectOverrides(operands: readonly unknown[]): Override[] {
  const found: Override[] = [];
  for (const operand of operands) {
    const lookup = lookupOverride(operand);
    if (lookup === undefined) continue;
    if (lookup === 'opt-out') {
      throw makeError(TypeError, 'ERR_UFUNC_TYPE', `operand '${typeName(operand)}' does not support ufuncs (__array_ufunc__=null)`);
    }
    // Only the first operand of each type takes part.
    const type = Object.getPrototypeOf(operand) as object;
    if (found.some((o) => o.type === type && o.source === lookup.source)) continue;
    const entry = { operand: operand as object, type, source: lookup.source, handler: lookup.handler };
    const superIndex = found.findIndex((o) => o.type !== entry.type && o.type.isPrototypeOf(entry.type));
    if (superIndex >= 0) found.splice(superIndex, 0, entry);
    else found.push(entry);
  }
  return found;
}

function formatForMessage(value: unknown): string {
  return inspect(value, { depth: 0, breakLength: Infinity, compact: true });
}

function allDeclinedError(ufunc: DispatchUfunc, method: UfuncMethod, inputs: readonly unknown[], kwargs: UfuncKwargs): TypeError {
  const args = inputs.map(formatForMessage);
  for (const [key, value] of Object.entries(kwargs)) {
    const shown = key === 'out' ? `(${(value as unknown[]).map(formatForMessage).join(', ')},)` : formatForMessage(value);
    args.push(`${key}=${shown}`);
  }
  const outs = (kwargs.out ?? []) as readonly unknown[];
  const types = [...inputs, ...outs].map((v) => `'${typeName(v)}'`).join(', ');
  return makeError(
    TypeError,
    'ERR_UFUNC_TYPE',
    `operand type(s) all returned NotImplemented from __array_ufunc__(<ufunc '${ufunc.name}'>, '${method}', ${args.join(', ')}): ${types}`,
  );
}

/** Sentinel result of `tryOverride` when no operand overrides the ufunc. */
export const NoOverride: unique symbol = Symbol('ndinterop.NoOverride') as never;

/**
 * Runs NEP 13 dispatch. `operands` are the inputs, then the `out` entries, then `where`.
 * Returns NoOverride when nothing overrides (the caller then computes itself),
 * else the first result that is not NotImplemented; throws when all decline.
 */
export function tryOverride(
  ufunc: DispatchUfunc,
  method: UfuncMethod,
  inputs: unknown[],
  kwargs: UfuncKwargs,
  operands: readonly unknown[],
): unknown {
  const overrides = collectOverrides(operands);
  if (overrides.length === 0) return NoOverride;
  for (const { operand, handler } of overrides) {
    const result = handler(ufunc, method, inputs, kwargs, operand);
    if (result !== NotImplemented) return result;
  }
  throw allDeclinedError(ufunc, method, inputs, kwargs);
}

/**
 * NDArray's own NEP 13 method (src/protocols.ts attaches it as
 * `__array_ufunc__`), which never counts as an override: computes the
 * operation when no other operand overrides it, else returns NotImplemented.
 */
export function ndarrayArrayUfunc(ufunc: DispatchUfunc, method: UfuncMethod, inputs: unknown[], kwargs: UfuncKwargs): unknown {
  // An override may pass `out` on as one array rather than a list: NumPy accepts both.
  const out: unknown = kwargs.out;
  const outs: readonly unknown[] = out === undefined || out === null ? [] : Array.isArray(out) ? out : [out];
  const others = [...inputs, ...outs];
  if (others.some(mayOverride)) return NotImplemented;
  switch (method) {
    case '__call__':
      return ufunc(...inputs, kwargs);
    case 'reduce':
      return ufunc.reduce(inputs[0], kwargs as ReduceOptions);
    case 'accumulate':
      return ufunc.accumulate(inputs[0], kwargs as AccumulateOptions);
    case 'reduceat':
      return ufunc.reduceat(inputs[0], inputs[1], kwargs as AccumulateOptions);
    case 'outer':
      return ufunc.outer(inputs[0], inputs[1], kwargs as UfuncCallOptions);
    case 'at':
      return ufunc.at(inputs[0], inputs[1], ...inputs.slice(2));
    default:
      return NotImplemented;
  }
}

/** True when some value in `values` might override (cheap pre-check for the hot path). */
export function mayOverride(value: unknown): boolean {
  return lookupOverride(value) !== undefined;
}

export const ufuncDispatch = {
  register,
  unregister,
  NotImplemented,
};
