// Creation functions against NumPy 2.4 (python3 at test time), plus NEP 18 /
// NEP 35 overrides.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, NotImplemented, type ArrayFunction, type FunctionKwargs } from '../../src/index.js';
import { type Case, allDTypes, hasNumpy, mk, runCases, skipReason } from './numpy-cases.js';
import { collectGarbage } from '../helpers/gc.js';

const d = describe.skipIf(!hasNumpy);
if (!hasNumpy) console.warn(skipReason);

d('creation matches NumPy', () => {
  it('zeros, ones, empty, full over dtypes, shapes and orders', () => {
    const cases: Case[] = [];
    for (const dt of allDTypes) {
      for (const shape of [[], [0], [3], [2, 3], [2, 0, 4]]) {
        const s = JSON.stringify(shape);
        cases.push({ label: 'zeros', js: () => nd.zeros(shape, dt), py: `np.zeros(${s}, '${dt}')` });
        cases.push({ label: 'ones', js: () => nd.ones(shape, { dtype: dt }), py: `np.ones(${s}, dtype='${dt}')` });
        cases.push({ label: 'empty', js: () => nd.empty(shape, dt), py: `np.zeros(${s}, '${dt}')` });
        cases.push({ label: 'full', js: () => nd.full(shape, 3, dt), py: `np.full(${s}, 3, '${dt}')` });
      }
      cases.push({ label: 'full F', js: () => nd.full([2, 3], 7, { dtype: dt, order: 'F' }), py: `np.full((2, 3), 7, '${dt}', order='F')` });
    }
    cases.push(
      { label: 'zeros int', js: () => nd.zeros(4), py: 'np.zeros(4)' },
      { label: 'ones F', js: () => nd.ones([2, 3], 'int16', 'F').T, py: "np.ones((2, 3), 'int16', 'F').T" },
      { label: 'full default int', js: () => nd.full([2], 5), py: 'np.full(2, 5)' },
      { label: 'full default float', js: () => nd.full([2], 2.5), py: 'np.full(2, 2.5)' },
      { label: 'full bool', js: () => nd.full([2], true), py: 'np.full(2, True)' },
      { label: 'full complex', js: () => nd.full([2], { re: 1, im: -2 }), py: 'np.full(2, 1-2j)' },
      { label: 'full complex, options after', js: () => nd.full([2], { re: 1, im: -2 }, { dtype: 'complex64' }), py: "np.full(2, 1-2j, 'complex64')" },
      { label: 'full complex, dtype positional', js: () => nd.full([2], { re: 0.5, im: 3 }, 'complex64'), py: "np.full(2, 0.5+3j, 'complex64')" },
      { label: 'fullLike complex', js: () => nd.fullLike(nd.zeros(2, 'complex128'), { re: 1, im: 1 }), py: "np.full_like(np.zeros(2, 'complex128'), 1+1j)" },
      { label: 'where complex scalar', js: () => nd.where(nd.asarray([true, false]), { re: 1, im: 2 }, 0), py: 'np.where([True, False], 1+2j, 0)' },
      { label: 'full bigint', js: () => nd.full([2], 2n ** 62n), py: 'np.full(2, 2**62)' },
      { label: 'full array fill', js: () => nd.full([2, 3], nd.arange(3)), py: 'np.full((2, 3), np.arange(3))' },
      { label: 'full float into int', js: () => nd.full([2], 2.7, 'int32'), py: "np.full(2, 2.7, 'int32')" },
      { label: 'full -1 into uint8', js: () => nd.full([2], -1, 'uint8'), py: "np.full(2, -1, 'uint8')" },
      { label: 'full nan', js: () => nd.full([2], NaN, 'float16'), py: "np.full(2, np.nan, 'float16')" },
      { label: 'full bad broadcast', js: () => nd.full([2], [1, 2, 3]), py: 'np.full((2,), [1, 2, 3])', message: false },
      { label: 'zeros negative', js: () => nd.zeros([2, -1]), py: 'np.zeros((2, -1))' },
      { label: 'zeros bad order', js: () => nd.zeros(3, { order: 'X' as 'C' }), py: "np.zeros(3, order='X')", message: false },
    );
    runCases(cases);
  });

  it('the *Like functions keep dtype, shape and layout', () => {
    const cases: Case[] = [];
    for (const dt of ['bool', 'int8', 'uint32', 'float16', 'float64', 'complex64']) {
      for (const layout of ['c', 'rev', 'T'] as const) {
        const src = `mk('${dt}', [2, 3], '${layout}')`;
        cases.push({ label: 'zerosLike', js: () => nd.zerosLike(mk(dt, [2, 3], layout)), py: `np.zeros_like(${src})` });
        cases.push({ label: 'onesLike', js: () => nd.onesLike(mk(dt, [2, 3], layout)), py: `np.ones_like(${src})` });
        cases.push({ label: 'emptyLike', js: () => nd.emptyLike(mk(dt, [2, 3], layout)).shape, py: `list(np.empty_like(${src}).shape)` });
        cases.push({ label: 'fullLike', js: () => nd.fullLike(mk(dt, [2, 3], layout), 2.5), py: `np.full_like(${src}, 2.5)` });
      }
    }
    cases.push(
      { label: 'zerosLike dtype', js: () => nd.zerosLike(mk('int8', [3]), 'float32'), py: "np.zeros_like(mk('int8', [3]), 'float32')" },
      { label: 'onesLike shape', js: () => nd.onesLike(mk('int8', [3]), { shape: [2, 2] }), py: "np.ones_like(mk('int8', [3]), shape=(2, 2))" },
      { label: 'fullLike list', js: () => nd.fullLike([1, 2], 7), py: 'np.full_like([1, 2], 7)' },
      { label: 'fullLike nan int', js: () => nd.fullLike(mk('int32', [2]), 3.9), py: "np.full_like(mk('int32', [2]), 3.9)" },
      { label: 'zerosLike order F', js: () => nd.zerosLike(mk('int8', [2, 3]), { order: 'F' }).strides, py: "list(np.zeros_like(mk('int8', [2, 3]), order='F').strides)" },
      { label: 'zerosLike K of T', js: () => nd.zerosLike(mk('int16', [2, 3], 'T')).strides, py: "list(np.zeros_like(mk('int16', [2, 3], 'T')).strides)" },
    );
    runCases(cases);
  });

  it('arange: default dtypes, float fill, negative steps, errors', () => {
    const cases: Case[] = [
      { label: 'arange stop', js: () => nd.arange(5), py: 'np.arange(5)' },
      { label: 'arange 0', js: () => nd.arange(0), py: 'np.arange(0)' },
      { label: 'arange start stop', js: () => nd.arange(2, 9), py: 'np.arange(2, 9)' },
      { label: 'arange step', js: () => nd.arange(2, 9, 3), py: 'np.arange(2, 9, 3)' },
      { label: 'arange neg step', js: () => nd.arange(9, 2, -2), py: 'np.arange(9, 2, -2)' },
      { label: 'arange empty', js: () => nd.arange(10, 0), py: 'np.arange(10, 0)' },
      { label: 'arange float', js: () => nd.arange(0, 1, 0.1), py: 'np.arange(0, 1, 0.1)' },
      { label: 'arange float start', js: () => nd.arange(0.5, 4), py: 'np.arange(0.5, 4)' },
      { label: 'arange float neg', js: () => nd.arange(1, -1, -0.3), py: 'np.arange(1, -1, -0.3)' },
      { label: 'arange f32', js: () => nd.arange(0, 2, 0.3, 'float32'), py: "np.arange(0, 2, 0.3, 'float32')" },
      { label: 'arange f16', js: () => nd.arange(0, 20, 0.7, { dtype: 'float16' }), py: "np.arange(0, 20, 0.7, dtype='float16')" },
      { label: 'arange int8', js: () => nd.arange(-3, 5, { dtype: 'int8' }), py: "np.arange(-3, 5, dtype='int8')" },
      { label: 'arange uint16', js: () => nd.arange(3, { dtype: 'uint16' }), py: "np.arange(3, dtype='uint16')" },
      { label: 'arange float to int', js: () => nd.arange(0.5, 5, { dtype: 'int64' }), py: "np.arange(0.5, 5, dtype='int64')" },
      { label: 'arange complex', js: () => nd.arange(0, 3, { dtype: 'complex128' }), py: "np.arange(0, 3, dtype='complex128')" },
      { label: 'arange bigint', js: () => nd.arange(2n ** 60n, 2n ** 60n + 3n), py: 'np.arange(2**60, 2**60 + 3)' },
      { label: 'arange step 0', js: () => nd.arange(0, 5, 0), py: 'np.arange(0, 5, 0)' },
      { label: 'arange large float', js: () => nd.arange(0, 1000, 0.37), py: 'np.arange(0, 1000, 0.37)' },
    ];
    runCases(cases);
  });

  it('linspace: num, endpoint, retstep, dtype', () => {
    const cases: Case[] = [
      { label: 'default', js: () => nd.linspace(0, 1), py: 'np.linspace(0, 1)' },
      { label: 'num', js: () => nd.linspace(2, 3, 5), py: 'np.linspace(2, 3, 5)' },
      { label: 'no endpoint', js: () => nd.linspace(2, 3, { num: 5, endpoint: false }), py: 'np.linspace(2, 3, num=5, endpoint=False)' },
      { label: 'retstep', js: () => nd.linspace(0, 10, 4, { retstep: true }), py: 'np.linspace(0, 10, 4, retstep=True)' },
      { label: 'retstep 1', js: () => nd.linspace(0, 1, 1, { retstep: true }), py: 'np.linspace(0, 1, 1, retstep=True)' },
      { label: 'num 0', js: () => nd.linspace(0, 1, 0), py: 'np.linspace(0, 1, 0)' },
      { label: 'reverse', js: () => nd.linspace(5, -5, 7), py: 'np.linspace(5, -5, 7)' },
      { label: 'same', js: () => nd.linspace(3, 3, 4), py: 'np.linspace(3, 3, 4)' },
      { label: 'int dtype', js: () => nd.linspace(0, 10, 5, { dtype: 'int64' }), py: 'np.linspace(0, 10, 5, dtype=int)' },
      { label: 'neg int dtype', js: () => nd.linspace(-3, 3, 4, { dtype: 'int32' }), py: "np.linspace(-3, 3, 4, dtype='int32')" },
      { label: 'f32', js: () => nd.linspace(0, 1, 7, { dtype: 'float32' }), py: "np.linspace(0, 1, 7, dtype='float32')" },
      { label: 'tiny', js: () => nd.linspace(0, 1e-320, 3), py: 'np.linspace(0, 1e-320, 3)' },
      { label: 'negative num', js: () => nd.linspace(0, 1, -1), py: 'np.linspace(0, 1, -1)' },
    ];
    runCases(cases);
  });

  it('eye, identity', () => {
    const cases: Case[] = [];
    for (const [n, m, k] of [[3, null, 0], [3, 4, 1], [4, 2, -1], [2, 3, 5], [3, 3, -4], [0, null, 0], [1, 5, 4]] as const) {
      cases.push({ label: 'eye', js: () => nd.eye(n, m, k), py: `np.eye(${n}, ${m === null ? 'None' : m}, ${k})` });
    }
    cases.push(
      { label: 'eye dtype order', js: () => nd.eye(3, { k: 1, dtype: 'int8', order: 'F' }).T, py: "np.eye(3, k=1, dtype='int8', order='F').T" },
      { label: 'eye bool', js: () => nd.eye(2, { dtype: 'bool' }), py: "np.eye(2, dtype=bool)" },
      { label: 'eye complex', js: () => nd.eye(2, { dtype: 'complex64' }), py: "np.eye(2, dtype='complex64')" },
      { label: 'identity', js: () => nd.identity(3), py: 'np.identity(3)' },
      { label: 'identity dtype', js: () => nd.identity(2, 'uint16'), py: "np.identity(2, 'uint16')" },
    );
    runCases(cases);
  });

  it('frombuffer and array', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const cases: Case[] = [
      { label: 'frombuffer u1', js: () => nd.frombuffer(bytes, 'uint8'), py: "np.frombuffer(bytes([1,2,3,4,5,6,7,8]), 'uint8')" },
      { label: 'frombuffer i2', js: () => nd.frombuffer(bytes, { dtype: 'int16', offset: 2 }), py: "np.frombuffer(bytes([1,2,3,4,5,6,7,8]), 'int16', offset=2)" },
      { label: 'frombuffer count', js: () => nd.frombuffer(bytes.buffer, 'uint16', 2, 1), py: "np.frombuffer(bytes([1,2,3,4,5,6,7,8]), 'uint16', 2, 1)" },
      { label: 'frombuffer f8', js: () => nd.frombuffer(bytes), py: 'np.frombuffer(bytes([1,2,3,4,5,6,7,8]))' },
      { label: 'frombuffer big-endian', js: () => nd.frombuffer(bytes, '>i4').astype('int32'), py: "np.frombuffer(bytes([1,2,3,4,5,6,7,8]), '>i4').astype('int32')" },
      { label: 'frombuffer odd', js: () => nd.frombuffer(bytes.subarray(0, 3), 'int16'), py: "np.frombuffer(b'abc', 'int16')" },
      { label: 'frombuffer offset', js: () => nd.frombuffer(bytes.subarray(0, 4), 'int16', { offset: 5 }), py: "np.frombuffer(b'abcd', 'int16', offset=5)" },
      { label: 'frombuffer count big', js: () => nd.frombuffer(bytes.subarray(0, 4), 'int16', { count: 3 }), py: "np.frombuffer(b'abcd', 'int16', count=3)" },
      { label: 'frombuffer empty', js: () => nd.frombuffer(new Uint8Array(0), 'int16'), py: "np.frombuffer(b'', 'int16')" },
      { label: 'array nested', js: () => nd.array([[1.5, 2], [3, 4]]), py: 'np.array([[1.5, 2], [3, 4]])' },
      { label: 'array dtype', js: () => nd.array([1, 2, 3], 'int8'), py: "np.array([1, 2, 3], 'int8')" },
      { label: 'array ndmin', js: () => nd.array([1.5, 2], { ndmin: 3 }), py: 'np.array([1.5, 2], ndmin=3)' },
      { label: 'array of view', js: () => nd.array(mk('int16', [2, 3], 'rev')), py: "np.array(mk('int16', [2, 3], 'rev'))" },
      { label: 'array F keeps', js: () => nd.array(mk('int16', [2, 3], 'T')).strides, py: "list(np.array(mk('int16', [2, 3], 'T')).strides)" },
      { label: 'array order C', js: () => nd.array(mk('int16', [2, 3], 'T'), { order: 'C' }).strides, py: "list(np.array(mk('int16', [2, 3], 'T'), order='C').strides)" },
      { label: 'array scalar', js: () => nd.array(2.5), py: 'np.array(2.5)' },
    ];
    runCases(cases);
  });
});

describe('creation semantics without NumPy', () => {
  it('array copies by default, asarray does not; copy: false refuses a conversion', () => {
    const a = nd.asarray(new Float64Array([1, 2, 3]));
    const copied = nd.array(a);
    copied.set(0, 9);
    expect(a.get(0)).toBe(1);
    expect(nd.array(a, { copy: false })).toBe(a);
    expect(() => nd.array(a, { dtype: 'int32', copy: false })).toThrow(/Unable to avoid copy/);
  });

  it('arange of int64 and uint64 around the 32-bit boundary, both ways (pooled memory, two fill paths)', () => {
    // Expected values by BigInt arithmetic: start + i * step for every i.
    const range = (start: number, stop: number, step: number): bigint[] => {
      const out: bigint[] = [];
      for (let v = BigInt(start); step > 0 ? v < BigInt(stop) : v > BigInt(stop); v += BigInt(step)) out.push(v);
      return out;
    };
    const cases: [number, number, number][] = [
      [2 ** 31 - 3, 2 ** 31, 1],
      [2 ** 31 - 3, 2 ** 31 + 3, 1],
      [-(2 ** 31), -(2 ** 31) + 3, 1],
      [-(2 ** 31) + 2, -(2 ** 31) - 3, -1],
      [5, -7, -3],
      [-(2 ** 40), 2 ** 40, 2 ** 38],
    ];
    for (const [start, stop, step] of cases) {
      for (let round = 0; round < 2; round += 1) {
        // The second round meets pool memory a first result left behind.
        expect(nd.arange(start, stop, step).toArray(), `${start} ${stop} ${step}`).toEqual(range(start, stop, step));
      }
    }
    expect(nd.arange(2 ** 32 - 2, 2 ** 32 + 1, 1, 'uint64').toArray()).toEqual([4294967294n, 4294967295n, 4294967296n]);
    expect(nd.arange(0, 3, 1, 'uint64').toArray()).toEqual([0n, 1n, 2n]);
  });

  it('ones, full and onesLike overwrite pooled memory in full; zeros and empty never take it', async () => {
    // Results of 16 KiB and more go back to the native pool when collected;
    // the next ones/full may get that memory, still holding the old values.
    const n = 1 << 16;
    for (let round = 0; round < 3; round += 1) {
      nd.full(n, 7.5);
      nd.full([n], -3, 'int32');
      await collectGarbage();
      expect(Array.from(nd.ones(n).toTypedArray() as Float64Array).every((v) => v === 1)).toBe(true);
      expect(Array.from(nd.full([n], 2, 'int32').toTypedArray() as Int32Array).every((v) => v === 2)).toBe(true);
      expect(Array.from(nd.onesLike(nd.empty(n)).toTypedArray() as Float64Array).every((v) => v === 1)).toBe(true);
      nd.full(n, 9.25);
      await collectGarbage();
      expect(Array.from(nd.zeros(n).toTypedArray() as Float64Array).every((v) => v === 0)).toBe(true);
      expect(Array.from(nd.empty(n).toTypedArray() as Float64Array).every((v) => v === 0)).toBe(true);
    }
  });

  it('frombuffer views the memory without copying', () => {
    const memory = new Float32Array([1, 2, 3, 4]);
    const view = nd.frombuffer(memory, 'float32', { offset: 4 });
    memory[1] = 20;
    expect(view.toArray()).toEqual([20, 3, 4]);
  });
});

describe('creation functions dispatch (NEP 18, NEP 35 like=)', () => {
  class Duck {
    static seen: { name: string; args: unknown[]; kwargs: FunctionKwargs }[] = [];
    __array_function__(func: ArrayFunction, _types: unknown, args: unknown[], kwargs: FunctionKwargs): unknown {
      Duck.seen.push({ name: func.name, args, kwargs });
      return `duck ${func.name}`;
    }
  }
  const duck = new Duck();

  it('like= sends every creation function to the like object, without like in kwargs', () => {
    const calls: [string, () => unknown][] = [
      ['zeros', () => nd.zeros(3, { like: duck })],
      ['ones', () => nd.ones(3, { like: duck })],
      ['empty', () => nd.empty(3, { like: duck })],
      ['full', () => nd.full(3, 1, { like: duck })],
      ['arange', () => nd.arange(3, { like: duck })],
      ['eye', () => nd.eye(3, { like: duck })],
      ['identity', () => nd.identity(3, { like: duck })],
      ['frombuffer', () => nd.frombuffer(new Uint8Array(8), { like: duck })],
      ['array', () => nd.array([1], { like: duck })],
    ];
    for (const [name, call] of calls) {
      Duck.seen.length = 0;
      expect(call()).toBe(`duck ${name}`);
      expect(Duck.seen[0]!.name).toBe(name);
      expect('like' in Duck.seen[0]!.kwargs).toBe(false);
    }
    expect(nd.zeros(2, { like: nd.zeros(1) })).toBeInstanceOf(NDArray);
  });

  it('the *Like functions and linspace dispatch on their array arguments', () => {
    const calls: [string, () => unknown][] = [
      ['zerosLike', () => nd.zerosLike(duck)],
      ['onesLike', () => nd.onesLike(duck)],
      ['emptyLike', () => nd.emptyLike(duck)],
      ['fullLike', () => nd.fullLike(duck, 1)],
      ['linspace', () => nd.linspace(0, duck)],
    ];
    for (const [name, call] of calls) expect(call()).toBe(`duck ${name}`);
  });

  it('an override can call the default implementation', () => {
    class Wrapper {
      constructor(readonly inner: NDArray) {}
      __array_function__(func: ArrayFunction, _types: unknown, args: unknown[], kwargs: FunctionKwargs): unknown {
        const unwrapped = args.map((x) => (x instanceof Wrapper ? x.inner : x));
        return new Wrapper((func.implementation as (...a: unknown[]) => NDArray)(...unwrapped, kwargs));
      }
    }
    const w = nd.onesLike(new Wrapper(nd.zeros([2], 'int8'))) as unknown as Wrapper;
    expect(w).toBeInstanceOf(Wrapper);
    expect(w.inner.toArray()).toEqual([1, 1]);
    expect(w.inner.dtype.name).toBe('int8');
  });

  it('NotImplemented from every override is a TypeError', () => {
    class No {
      __array_function__(): unknown {
        return NotImplemented;
      }
    }
    expect(() => nd.zerosLike(new No())).toThrow("no implementation found for 'ndinterop.zerosLike' on types that implement __array_function__: [<class 'No'>]");
  });
});
