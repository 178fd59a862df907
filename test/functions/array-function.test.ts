// NEP 18 dispatch, checked against NumPy 2.4's behaviour (recorded from
// python3: the order of calls, the `types` tuple, the TypeError text, and
// NEP 35's `like`), with a toy array function so the protocol is tested on
// its own; the real functions have their own override tests.
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray, NotImplemented, asarray, functionDispatch, type FunctionKwargs } from '../../src/index.js';
import { arrayFunction, elementsOf, type ArrayFunction, type ArrayFunctionType } from '../../src/functions/array-function.js';
import { expectError } from '../helpers/expect-error.js';

type Call = { who: string; types: string[]; args: unknown[]; kwargs: FunctionKwargs };
const calls: Call[] = [];

// concat(arrays, options): dispatches on each element, like np.concatenate.
const concat = arrayFunction(
  { name: 'concat', optionsAt: 1, relevant: ([arrays]) => elementsOf(arrays) },
  (arrays: unknown, options: FunctionKwargs) => ({ impl: 'concat', arrays, options }),
);
// full(shape, fill?, options): a creation function with like=.
const full = arrayFunction(
  { name: 'full', optionsAt: 2, relevant: () => [], like: true },
  (shape: unknown, fill: unknown, options: FunctionKwargs) => ({ impl: 'full', shape, fill, options }),
);

const names = (types: readonly ArrayFunctionType[]) => types.map((t) => t.name);

class A {
  __array_function__(func: ArrayFunction, types: readonly ArrayFunctionType[], args: unknown[], kwargs: FunctionKwargs): unknown {
    calls.push({ who: this.constructor.name, types: names(types), args, kwargs });
    return NotImplemented;
  }
}
class B extends A {}
class Wins {
  __array_function__(func: ArrayFunction, types: readonly ArrayFunctionType[], args: unknown[], kwargs: FunctionKwargs): unknown {
    calls.push({ who: 'Wins', types: names(types), args, kwargs });
    return `Wins handled ${func.name}`;
  }
}

afterEach(() => {
  calls.length = 0;
});

describe('no override', () => {
  it('calls the default implementation with every positional slot and the options', () => {
    const a = asarray(new Float64Array([1, 2]));
    expect(concat([a, 1, [2]], { axis: 0 })).toEqual({ impl: 'concat', arrays: [a, 1, [2]], options: { axis: 0 } });
    expect(full([2])).toEqual({ impl: 'full', shape: [2], fill: undefined, options: {} });
    expect(full([2], { dtype: 'int8' })).toEqual({ impl: 'full', shape: [2], fill: undefined, options: { dtype: 'int8' } });
    expect(full([2], 7, undefined)).toEqual({ impl: 'full', shape: [2], fill: 7, options: {} });
  });

  it('treats a plain object with array protocol members as an argument, not options', () => {
    const arrayLike = { __array_interface__: { shape: [1], typestr: '<f8', data: new Float64Array(1), version: 3 } };
    expect(full(arrayLike)).toEqual({ impl: 'full', shape: arrayLike, fill: undefined, options: {} });
  });

  it('refuses extra positional arguments', () => {
    expectError(() => (concat as (...a: unknown[]) => unknown)([1], [2], {}), TypeError, 'ERR_INVALID_ARG_TYPE', /concat\(\) takes at most 1 positional arguments/);
  });

  it('exposes the default implementation and the name', () => {
    expect(concat.name).toBe('concat');
    expect((concat.implementation as (...a: unknown[]) => unknown)([1], { axis: 1 })).toEqual({ impl: 'concat', arrays: [1], options: { axis: 1 } });
  });

  it('plain NDArrays, subclasses without an override and NDArray subclasses that call super dispatch to the default', () => {
    class Sub extends NDArray {}
    const sub = asarray(new Float64Array(2)) as NDArray;
    Object.setPrototypeOf(sub, Sub.prototype);
    expect(concat([sub, asarray([1])])).toMatchObject({ impl: 'concat' });
  });
});

describe('overrides (NEP 18)', () => {
  it('subclasses go before superclasses; one call per type; all NotImplemented is a TypeError naming the types', () => {
    // NumPy: np.concatenate([A(), B()]) calls B's method, then A's, each with
    // types (B, A), then raises this TypeError.
    const a = new A();
    const b = new B();
    expectError(
      () => concat([a, b, new A()], { axis: 0 }),
      TypeError,
      'ERR_ARRAY_FUNCTION_TYPE',
      "no implementation found for 'ndinterop.concat' on types that implement __array_function__: [<class 'B'>, <class 'A'>]",
    );
    expect(calls.map((c) => c.who)).toEqual(['B', 'A']);
    expect(calls[0]!.types).toEqual(['B', 'A']);
    expect(calls[0]!.args).toEqual([[a, b, expect.any(A)]]);
    expect(calls[0]!.kwargs).toEqual({ axis: 0 });
  });

  it('the first result that is not NotImplemented wins, left to right among unrelated types', () => {
    expect(concat([new A(), new Wins()])).toBe('Wins handled concat');
    expect(calls.map((c) => c.who)).toEqual(['A', 'Wins']);
    expect(calls[1]!.types).toEqual(['A', 'Wins']);
  });

  it("NDArray's own method declines when a foreign type takes part, and computes for NDArray subclasses", () => {
    // NumPy: np.concatenate([C_ndarray_subclass, A()]) calls C (which calls
    // super, declining), then A: TypeError listing [C, A].
    class C extends NDArray {
      override __array_function__(func: ArrayFunction, types: readonly ArrayFunctionType[], args: unknown[], kwargs: FunctionKwargs): unknown {
        calls.push({ who: 'C', types: names(types), args, kwargs });
        return super.__array_function__(func, types, args, kwargs);
      }
    }
    const c = asarray(new Float64Array(3)) as NDArray;
    Object.setPrototypeOf(c, C.prototype);
    expectError(() => concat([c, new A()]), TypeError, 'ERR_ARRAY_FUNCTION_TYPE', /\[<class 'C'>, <class 'A'>\]$/);
    expect(calls.map((x) => x.who)).toEqual(['C', 'A']);
    calls.length = 0;
    // NumPy: np.concatenate([c, np.zeros(2)]) gives types (C, ndarray) and computes.
    const plain = asarray(new Float64Array(2));
    expect(concat([c, plain])).toMatchObject({ impl: 'concat' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.types).toEqual(['C', 'NDArray']);
  });

  it('functionDispatch.register takes over classes without the method, and unregister restores', () => {
    class Foreign {}
    const seen: unknown[] = [];
    functionDispatch.register(Foreign, (func, types, args, kwargs, self) => {
      seen.push(func.name, names(types), args.length, kwargs, self);
      return 'registered';
    });
    const f = new Foreign();
    try {
      expect(concat([1, f], { axis: 1 })).toBe('registered');
      expect(seen).toEqual(['concat', ['Foreign'], 1, { axis: 1 }, f]);
    } finally {
      expect(functionDispatch.unregister(Foreign)).toBe(true);
    }
    expect(concat([1, f])).toMatchObject({ impl: 'concat' });
    expect(functionDispatch.unregister(Foreign)).toBe(false);
  });

  it('register refuses what is not a class or a handler', () => {
    expectError(() => functionDispatch.register(42 as never, () => 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'functionDispatch.register expects a class, got 42');
    expectError(() => functionDispatch.register(A, 'x' as never), TypeError, 'ERR_INVALID_ARG_TYPE', /expects a handler function/);
  });

  it('an override can call the default implementation', () => {
    class Unwrap {
      constructor(readonly inner: unknown) {}
      __array_function__(func: ArrayFunction, _types: readonly ArrayFunctionType[], args: unknown[], kwargs: FunctionKwargs): unknown {
        const unwrapped = (args[0] as unknown[]).map((x) => (x instanceof Unwrap ? x.inner : x));
        return (func.implementation as (...a: unknown[]) => unknown)(unwrapped, kwargs);
      }
    }
    expect(concat([new Unwrap(5), 6], { axis: 2 })).toEqual({ impl: 'concat', arrays: [5, 6], options: { axis: 2 } });
  });
});

describe('like (NEP 35)', () => {
  it("sends a creation function to like's class without `like` in kwargs", () => {
    // NumPy: np.zeros(3, like=A()) calls A's method with types (A,), args (3,), kwargs {}.
    const a = new A();
    expectError(() => full(3, { like: a }), TypeError, 'ERR_ARRAY_FUNCTION_TYPE', "no implementation found for 'ndinterop.full' on types that implement __array_function__: [<class 'A'>]");
    expect(calls).toEqual([{ who: 'A', types: ['A'], args: [3], kwargs: {} }]);
    expect(full(3, 1, { like: new Wins(), dtype: 'f4' })).toBe('Wins handled full');
    expect(calls[1]!.kwargs).toEqual({ dtype: 'f4' });
  });

  it('like=NDArray computes by default; like= something without the protocol is a TypeError', () => {
    expect(full(3, { like: asarray([1]), dtype: 'f4' })).toEqual({ impl: 'full', shape: 3, fill: undefined, options: { dtype: 'f4' } });
    const message = 'The `like` argument must be an array-like that implements the `__array_function__` protocol.';
    expectError(() => full(3, { like: [1] }), TypeError, 'ERR_INVALID_ARG_TYPE', message);
    expectError(() => full(3, { like: 5 }), TypeError, 'ERR_INVALID_ARG_TYPE', message);
  });
});
