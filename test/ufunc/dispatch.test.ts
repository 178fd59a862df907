import { afterEach, describe, expect, it } from 'vitest';
import { NotImplemented, add, sqrt, divmod, ufuncDispatch, type UfuncKwargs, type UfuncMethod } from '../../src/index.js';
import { emptyArray } from '../../src/ufunc/arrays.js';
import { dtype } from '../../src/index.js';

type Call = { who: string; method: UfuncMethod; inputs: unknown[]; kwargs: UfuncKwargs; ufunc: string };
const calls: Call[] = [];

class A {
  __array_ufunc__(ufunc: { name: string }, method: UfuncMethod, inputs: unknown[], kwargs: UfuncKwargs): unknown {
    calls.push({ who: this.constructor.name, method, inputs, kwargs, ufunc: ufunc.name });
    return NotImplemented;
  }
}
class SubA extends A {}
class B extends A {}
class Answers {
  __array_ufunc__(_ufunc: unknown, method: UfuncMethod): unknown {
    calls.push({ who: 'Answers', method, inputs: [], kwargs: {}, ufunc: '' });
    return `answered ${method}`;
  }
}
class OptOut {}
(OptOut.prototype as unknown as { __array_ufunc__: null }).__array_ufunc__ = null;

afterEach(() => {
  calls.length = 0;
});

const f8 = () => emptyArray([3], dtype('float64'));

describe('NEP 13 dispatch order', () => {
  it('calls subclasses before superclasses, otherwise left to right, then raises NumPy\'s TypeError', () => {
    expect(() => add(new A(), new SubA())).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        code: 'ERR_UFUNC_TYPE',
        message: "operand type(s) all returned NotImplemented from __array_ufunc__(<ufunc 'add'>, '__call__', A {}, SubA {}): 'A', 'SubA'",
      }),
    );
    expect(calls.map((c) => c.who)).toEqual(['SubA', 'A']);
  });

  it('asks unrelated classes left to right and each type only once', () => {
    expect(() => add(new B(), new SubA())).toThrow(TypeError);
    expect(calls.map((c) => c.who)).toEqual(['B', 'SubA']);
    calls.length = 0;
    expect(() => add(new A(), new A())).toThrow(TypeError);
    expect(calls.map((c) => c.who)).toEqual(['A']);
  });

  it('returns the first result that is not NotImplemented, unchanged', () => {
    expect(add(new A(), new Answers())).toBe('answered __call__');
    expect(calls.map((c) => c.who)).toEqual(['A', 'Answers']);
  });

  it('lists inputs, options and the types of inputs and outputs in the all-declined message', () => {
    const out = f8();
    expect(() => add(new A(), 1, { out })).toThrow(
      /^operand type\(s\) all returned NotImplemented from __array_ufunc__\(<ufunc 'add'>, '__call__', A \{\}, 1, out=\(.*,\)\): 'A', 'number', 'NDArray'$/,
    );
  });

  it('refuses an operand whose class sets __array_ufunc__ to null before calling any override', () => {
    expect(() => add(new A(), new OptOut())).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_UFUNC_TYPE', message: "operand 'OptOut' does not support ufuncs (__array_ufunc__=null)" }),
    );
    expect(calls).toEqual([]);
  });

  it('looks __array_ufunc__ up on the class, not on the instance', () => {
    const instance = new (class Plain {})();
    Object.defineProperty(instance, '__array_ufunc__', { value: () => 'instance method' });
    expect(() => add(instance, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });

  it('takes overrides from out and where too', () => {
    expect(add(1, 2, { out: new Answers() as never })).toBe('answered __call__');
    expect(add(1, 2, { where: new Answers() })).toBe('answered __call__');
  });
});

describe('kwargs an override receives', () => {
  it('always gets out as an array; out: null and [null] are dropped; only given options are passed', () => {
    const out = f8();
    expect(() => add(new A(), 1, { out, casting: 'unsafe' })).toThrow(TypeError);
    expect(calls[0]!.kwargs).toEqual({ casting: 'unsafe', out: [out] });
    expect(calls[0]!.inputs).toHaveLength(2);
    calls.length = 0;
    expect(() => add(new A(), 1, { out: null, dtype: 'float32' })).toThrow(TypeError);
    expect(calls[0]!.kwargs).toEqual({ dtype: 'float32' });
    calls.length = 0;
    expect(() => sqrt(new A(), { out: [null] })).toThrow(TypeError);
    expect(calls[0]!.kwargs).toEqual({});
    calls.length = 0;
    expect(() => divmod(new A(), 2, { out: [null, out] })).toThrow(TypeError);
    expect(calls[0]!.kwargs).toEqual({ out: [null, out] });
  });

  it('passes each method its name, inputs and options', () => {
    const a = new A();
    expect(() => add.reduce(a, { axis: 0, keepdims: false, initial: 5 })).toThrow(TypeError);
    expect(() => add.accumulate(a, { axis: 0 })).toThrow(TypeError);
    expect(() => add.reduceat(a, [0, 2], { axis: 0 })).toThrow(TypeError);
    expect(() => add.outer(a, 2)).toThrow(TypeError);
    expect(() => add.at(a, [0], 1)).toThrow(TypeError);
    expect(calls.map((c) => [c.method, c.inputs.length, c.kwargs])).toEqual([
      ['reduce', 1, { axis: 0, keepdims: false, initial: 5 }],
      ['accumulate', 1, { axis: 0 }],
      ['reduceat', 2, { axis: 0 }],
      ['outer', 2, {}],
      ['at', 3, {}],
    ]);
  });

  it('names the method in the all-declined message', () => {
    expect(() => add.reduce(new A(), { axis: 0 })).toThrow("__array_ufunc__(<ufunc 'add'>, 'reduce', A {}, axis=0): 'A'");
  });
});

describe('ufuncDispatch.register', () => {
  class Foreign {}
  class SubForeign extends Foreign {}
  afterEach(() => {
    ufuncDispatch.unregister(Foreign);
    ufuncDispatch.unregister(SubForeign);
  });

  it('lets a handler take over ufuncs for a class it does not own, with the same arguments plus self', () => {
    const seen: unknown[] = [];
    const x = new Foreign();
    ufuncDispatch.register(Foreign, (ufunc, method, inputs, kwargs, self) => {
      seen.push(ufunc, method, inputs, kwargs, self);
      return 'handled';
    });
    expect(add(x, 1, { dtype: 'float32' })).toBe('handled');
    expect(seen).toEqual([add, '__call__', [x, 1], { dtype: 'float32' }, x]);
  });

  it('applies to subclasses, and a subclass registration goes first', () => {
    const order: string[] = [];
    ufuncDispatch.register(Foreign, () => (order.push('Foreign'), NotImplemented));
    ufuncDispatch.register(SubForeign, () => (order.push('SubForeign'), NotImplemented));
    expect(() => add(new Foreign(), new SubForeign())).toThrow(TypeError);
    expect(order).toEqual(['SubForeign', 'Foreign']);
  });

  it('stops after unregister', () => {
    ufuncDispatch.register(Foreign, () => 'handled');
    expect(ufuncDispatch.unregister(Foreign)).toBe(true);
    expect(ufuncDispatch.unregister(Foreign)).toBe(false);
    expect(() => add(new Foreign(), 1)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }));
  });

  it('rejects what is not a class or not a handler', () => {
    expect(() => ufuncDispatch.register(3 as never, () => 0)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'ufuncDispatch.register expects a class, got 3' }),
    );
    expect(() => ufuncDispatch.register(Foreign, 'x' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE', message: 'ufuncDispatch.register expects a handler function, got "x"' }),
    );
  });
});
