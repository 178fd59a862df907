// ufuncDispatch.register(NDArray, handler) (issue 13 item 3): a handler
// registered for NDArray itself takes every call with a plain NDArray
// operand, whatever its size: the JS fast paths for tiny arrays (same-shape
// add/subtract/multiply of at most 64 elements, the matmul fast call, the
// accumulate loop) step aside while it is registered, and come back after
// unregister. Expected values are computed by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray, NotImplemented, add, asarray, createUfunc, matmul, multiply, sqrt, subtract, ufuncDispatch, type UfuncMethod } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

interface Seen {
  readonly ufunc: string;
  readonly method: UfuncMethod;
  readonly inputs: number;
}

const seen: Seen[] = [];
const handled = Symbol('handled by the NDArray handler');

function registerRecorder(): void {
  ufuncDispatch.register(NDArray, (ufunc, method, inputs) => {
    seen.push({ ufunc: ufunc.name, method, inputs: inputs.length });
    return handled;
  });
}

function float64(n: number, start = 1): NDArray {
  return asarray(Float64Array.from({ length: n }, (_, i) => start + i));
}

afterEach(() => {
  ufuncDispatch.unregister(NDArray);
  seen.length = 0;
});

describe('a handler registered for NDArray takes calls of every size', () => {
  it.each([8, 64, 65])('add, subtract and multiply of two same-shape float64 arrays of %i elements', (n) => {
    registerRecorder();
    const a = float64(n);
    expect(add(a, a)).toBe(handled);
    expect(subtract(a, a)).toBe(handled);
    expect(multiply(a, a)).toBe(handled);
    expect(seen).toEqual(['add', 'subtract', 'multiply'].map((ufunc) => ({ ufunc, method: '__call__', inputs: 2 })));
  });

  it.each(['float32', 'int32'] as const)('the %s fast path of 8 elements', (dtype) => {
    registerRecorder();
    const a = float64(8).astype(dtype);
    expect(add(a, a)).toBe(handled);
    expect(seen).toEqual([{ ufunc: 'add', method: '__call__', inputs: 2 }]);
  });

  it('the matmul fast call (2 by 2) and its general call', () => {
    registerRecorder();
    const m = float64(4).reshape(2, 2);
    expect(matmul(m, m)).toBe(handled);
    expect(matmul(m, m, { out: asarray(new Float64Array(4)).reshape(2, 2) })).toBe(handled);
    expect(seen).toEqual([
      { ufunc: 'matmul', method: '__call__', inputs: 2 },
      { ufunc: 'matmul', method: '__call__', inputs: 2 },
    ]);
  });

  it('reduce, accumulate (with its JS loop), reduceat, outer and at', () => {
    registerRecorder();
    const a = float64(8);
    expect(add.reduce(a)).toBe(handled);
    expect(add.accumulate(a)).toBe(handled);
    expect(add.reduceat(a, [0, 4])).toBe(handled);
    expect(multiply.outer(a, a)).toBe(handled);
    expect(add.at(a, [0], 1)).toBe(handled);
    expect(seen.map((s) => `${s.ufunc}.${s.method}`)).toEqual(['add.reduce', 'add.accumulate', 'add.reduceat', 'multiply.outer', 'add.at']);
  });

  it('one-input ufuncs and ufuncs made with createUfunc', () => {
    registerRecorder();
    const twice = createUfunc({ name: 'twice', nin: 1, nout: 1, loops: { 'd->d': (x) => 2 * (x as number) } });
    const a = float64(8);
    expect(sqrt(a)).toBe(handled);
    expect(twice(a)).toBe(handled);
    expect(seen).toEqual([
      { ufunc: 'sqrt', method: '__call__', inputs: 1 },
      { ufunc: 'twice', method: '__call__', inputs: 1 },
    ]);
  });

  it('async forms call it too, and resolve to its result', async () => {
    registerRecorder();
    const a = float64(8);
    await expect(add.async(a, a)).resolves.toBe(handled);
    await expect(add.reduce.async(a)).resolves.toBe(handled);
    expect(seen.map((s) => `${s.ufunc}.${s.method}`)).toEqual(['add.__call__', 'add.reduce']);
  });

  it('declining everywhere gives the usual all-NotImplemented error', () => {
    ufuncDispatch.register(NDArray, () => NotImplemented);
    const a = asarray([1, 2], { dtype: 'float64' });
    expectError(
      () => add(a, a),
      TypeError,
      'ERR_UFUNC_TYPE',
      "operand type(s) all returned NotImplemented from __array_ufunc__(<ufunc 'add'>, '__call__', array([1., 2.]), array([1., 2.])): 'NDArray', 'NDArray'",
    );
  });
});

describe('after unregister(NDArray) the fast paths compute again', () => {
  it('gives NumPy results for 8, 64 and 65 elements and for matmul', () => {
    registerRecorder();
    expect(ufuncDispatch.unregister(NDArray)).toBe(true);
    for (const n of [8, 64, 65]) {
      const a = float64(n);
      const sum = add(a, a) as NDArray;
      expect([sum.size, sum.get(0), sum.get(n - 1)]).toEqual([n, 2, 2 * n]);
      expect((multiply(a, a) as NDArray).get(n - 1)).toBe(n * n);
    }
    const m = float64(4).reshape(2, 2);
    expect((matmul(m, m) as NDArray).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect((add.accumulate(float64(4)) as NDArray).toArray()).toEqual([1, 3, 6, 10]);
    expect(seen).toEqual([]);
  });
});

describe('NDArray.prototype.__array_ufunc__ replaced by assignment', () => {
  it.each([8, 65])('takes add of two float64 arrays of %i elements too, and the fast path returns once restored', (n) => {
    const prototype = NDArray.prototype as unknown as { __array_ufunc__: unknown };
    const original = prototype.__array_ufunc__;
    prototype.__array_ufunc__ = (ufunc: { name: string }, method: UfuncMethod) => {
      seen.push({ ufunc: ufunc.name, method, inputs: 2 });
      return handled;
    };
    try {
      const a = float64(n);
      expect(add(a, a)).toBe(handled);
      expect(seen).toEqual([{ ufunc: 'add', method: '__call__', inputs: 2 }]);
    } finally {
      prototype.__array_ufunc__ = original;
    }
    expect((add(float64(n), float64(n)) as NDArray).get(n - 1)).toBe(2 * n);
  });
});
