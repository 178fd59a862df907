// Shape functions against NumPy 2.4 (python3 at test time), plus overrides.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, type ArrayFunction, type FunctionKwargs } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import { type Case, allDTypes, hasNumpy, layouts, mk, runCases, skipReason } from './numpy-cases.js';

const d = describe.skipIf(!hasNumpy);
if (!hasNumpy) console.warn(skipReason);

d('joins match NumPy', () => {
  it('concatenate over dtypes, layouts, axes, dtype/out/casting and errors', () => {
    const cases: Case[] = [];
    for (const dt of allDTypes) {
      for (const layout of layouts) {
        const a = `mk('${dt}', [2, 3], '${layout}')`;
        const b = `mk('${dt}', [2, 4], 'rev')`;
        cases.push({ label: 'axis 1', js: () => nd.concatenate([mk(dt, [2, 3], layout), mk(dt, [2, 4], 'rev')], 1), py: `np.concatenate([${a}, ${b}], 1)` });
        cases.push({ label: 'axis -2', js: () => nd.concatenate([mk(dt, [2, 3], layout), mk(dt, [1, 3], layout)], { axis: -2 }), py: `np.concatenate([${a}, mk('${dt}', [1, 3], '${layout}')], axis=-2)` });
        cases.push({ label: 'axis None', js: () => nd.concatenate([mk(dt, [2, 3], layout), mk(dt, [4], layout)], null), py: `np.concatenate([${a}, mk('${dt}', [4], '${layout}')], None)` });
      }
    }
    for (const [x, y] of [['int8', 'uint8'], ['int16', 'float16'], ['bool', 'int32'], ['uint64', 'int64'], ['float32', 'complex64'], ['int64', 'float32']]) {
      cases.push({ label: 'promote', js: () => nd.concatenate([mk(x, [3]), mk(y, [2])]), py: `np.concatenate([mk('${x}', [3]), mk('${y}', [2])])` });
    }
    cases.push(
      { label: 'empty input', js: () => nd.concatenate([mk('int8', [0, 3]), mk('int8', [2, 3])]), py: "np.concatenate([mk('int8', [0, 3]), mk('int8', [2, 3])])" },
      { label: 'all empty', js: () => nd.concatenate([mk('float32', [2, 0]), mk('float32', [2, 0])], 1), py: "np.concatenate([mk('float32', [2, 0]), mk('float32', [2, 0])], 1)" },
      { label: 'dtype', js: () => nd.concatenate([mk('int8', [3]), mk('int16', [2])], { dtype: 'float32' }), py: "np.concatenate([mk('int8', [3]), mk('int16', [2])], dtype='float32')" },
      { label: 'dtype unsafe', js: () => nd.concatenate([mk('float64', [3])], { dtype: 'int8', casting: 'unsafe' }), py: "np.concatenate([mk('float64', [3])], dtype='int8', casting='unsafe')" },
      { label: 'dtype same_kind', js: () => nd.concatenate([mk('float64', [2])], { dtype: 'int32' }), py: "np.concatenate([mk('float64', [2])], dtype='int32')" },
      { label: 'out', js: () => { const out = nd.zeros([5], 'float32'); nd.concatenate([mk('int8', [3]), mk('int8', [2])], { out }); return out; }, py: "(lambda out: (np.concatenate([mk('int8', [3]), mk('int8', [2])], out=out), out)[1])(np.zeros(5, 'float32'))" },
      { label: 'out and dtype', js: () => nd.concatenate([mk('int8', [2])], { out: nd.zeros(2), dtype: 'float32' }), py: "np.concatenate([mk('int8', [2])], out=np.zeros(2), dtype='float32')" },
      { label: 'out wrong shape', js: () => nd.concatenate([mk('int8', [2])], { out: nd.zeros(3) }), py: "np.concatenate([mk('int8', [2])], out=np.zeros(3))" },
      { label: 'nothing', js: () => nd.concatenate([]), py: 'np.concatenate([])' },
      { label: '0-d', js: () => nd.concatenate([mk('float64', []), mk('float64', [2])]), py: "np.concatenate([mk('float64', []), mk('float64', [2])])" },
      { label: 'ndim mismatch', js: () => nd.concatenate([mk('float64', [2]), mk('float64', [2, 2])]), py: "np.concatenate([mk('float64', [2]), mk('float64', [2, 2])])" },
      { label: 'shape mismatch', js: () => nd.concatenate([mk('float64', [2, 3]), mk('float64', [2, 2])]), py: "np.concatenate([mk('float64', [2, 3]), mk('float64', [2, 2])])" },
      { label: 'axis out of range', js: () => nd.concatenate([mk('float64', [2]), mk('float64', [2])], 1), py: "np.concatenate([mk('float64', [2]), mk('float64', [2])], 1)" },
      { label: 'lists', js: () => nd.concatenate([[1, 2], [3]]), py: 'np.concatenate([[1, 2], [3]])' },
      // NEP 50: a JS scalar is weak, as a Python float is (test_nep50_in_concat_and_choose's first half)
      { label: 'weak scalar', js: () => nd.concatenate([nd.asarray(1, { dtype: 'float32' }), 1.5] as never, { axis: null }), py: "np.concatenate([np.float32(1), 1.5], axis=None)" },
      { label: 'weak int', js: () => nd.concatenate([mk('int8', [2]), 3] as never, { axis: null }), py: "np.concatenate([mk('int8', [2]), 3], axis=None)" },
    );
    runCases(cases);
  });

  it('stack, vstack, hstack', () => {
    const cases: Case[] = [];
    for (const dt of ['bool', 'int16', 'uint32', 'float16', 'complex128']) {
      for (const axis of [0, 1, 2, -1, -3]) {
        cases.push({ label: 'stack', js: () => nd.stack([mk(dt, [2, 3]), mk(dt, [2, 3], 'rev')], axis), py: `np.stack([mk('${dt}', [2, 3]), mk('${dt}', [2, 3], 'rev')], ${axis})` });
      }
      cases.push({ label: 'vstack 1d', js: () => nd.vstack([mk(dt, [3]), mk(dt, [3], 'strided')]), py: `np.vstack([mk('${dt}', [3]), mk('${dt}', [3], 'strided')])` });
      cases.push({ label: 'vstack 2d', js: () => nd.vstack([mk(dt, [2, 3]), mk(dt, [3])]), py: `np.vstack([mk('${dt}', [2, 3]), mk('${dt}', [3])])` });
      cases.push({ label: 'hstack 1d', js: () => nd.hstack([mk(dt, [3]), mk(dt, [2], 'rev')]), py: `np.hstack([mk('${dt}', [3]), mk('${dt}', [2], 'rev')])` });
      cases.push({ label: 'hstack 2d', js: () => nd.hstack([mk(dt, [2, 3], 'T'), mk(dt, [2, 1])]), py: `np.hstack([mk('${dt}', [2, 3], 'T'), mk('${dt}', [2, 1])])` });
    }
    cases.push(
      { label: 'stack 0-d', js: () => nd.stack([mk('int8', []), mk('int8', [])]), py: "np.stack([mk('int8', []), mk('int8', [])])" },
      { label: 'stack dtype', js: () => nd.stack([mk('int8', [2]), mk('int8', [2])], { axis: 1, dtype: 'float64' }), py: "np.stack([mk('int8', [2]), mk('int8', [2])], axis=1, dtype='float64')" },
      { label: 'stack out', js: () => { const out = nd.zeros([2, 2], 'int32'); nd.stack([mk('int8', [2]), mk('int8', [2], 'rev')], { out }); return out; }, py: "(lambda out: (np.stack([mk('int8', [2]), mk('int8', [2], 'rev')], out=out), out)[1])(np.zeros((2, 2), 'int32'))" },
      { label: 'stack empty', js: () => nd.stack([]), py: 'np.stack([])' },
      { label: 'stack shapes', js: () => nd.stack([mk('int8', [2]), mk('int8', [3])]), py: "np.stack([mk('int8', [2]), mk('int8', [3])])" },
      { label: 'stack axis', js: () => nd.stack([mk('int8', [2])], 2), py: "np.stack([mk('int8', [2])], 2)" },
      { label: 'vstack empty', js: () => nd.vstack([]), py: 'np.vstack([])' },
      { label: 'hstack empty', js: () => nd.hstack([]), py: 'np.hstack([])' },
      { label: 'hstack 0-d', js: () => nd.hstack([mk('int8', []), mk('int8', [2])]), py: "np.hstack([mk('int8', []), mk('int8', [2])])" },
      { label: 'vstack dtype', js: () => nd.vstack([mk('int8', [2]), mk('int8', [2])], { dtype: 'uint16' }), py: "np.vstack([mk('int8', [2]), mk('int8', [2])], dtype='uint16')", message: false },
      { label: 'vstack casting', js: () => nd.vstack([mk('float32', [2])], { dtype: 'int16', casting: 'unsafe' }), py: "np.vstack([mk('float32', [2])], dtype='int16', casting='unsafe')" },
    );
    runCases(cases);
  });
});

d('views match NumPy', () => {
  it('squeeze, expandDims, flip, swapaxes, moveaxis', () => {
    const cases: Case[] = [];
    for (const layout of layouts) {
      const src = `mk('int16', [1, 3, 1, 2], '${layout}')`;
      const a = () => mk('int16', [1, 3, 1, 2], layout);
      cases.push(
        { label: 'squeeze', js: () => nd.squeeze(a()), py: `np.squeeze(${src})` },
        { label: 'squeeze axis', js: () => nd.squeeze(a(), 2), py: `np.squeeze(${src}, 2)` },
        { label: 'squeeze axes', js: () => nd.squeeze(a(), { axis: [0, -2] }), py: `np.squeeze(${src}, axis=(0, -2))` },
        { label: 'squeeze bad', js: () => nd.squeeze(a(), 1), py: `np.squeeze(${src}, 1)` },
        { label: 'squeeze dup', js: () => nd.squeeze(a(), [0, 0]), py: `np.squeeze(${src}, (0, 0))` },
        { label: 'squeeze range', js: () => nd.squeeze(a(), 4), py: `np.squeeze(${src}, 4)` },
        { label: 'expandDims', js: () => nd.expandDims(a(), 0), py: `np.expand_dims(${src}, 0)` },
        { label: 'expandDims neg', js: () => nd.expandDims(a(), -1), py: `np.expand_dims(${src}, -1)` },
        { label: 'expandDims tuple', js: () => nd.expandDims(a(), [1, 5]), py: `np.expand_dims(${src}, (1, 5))` },
        { label: 'expandDims range', js: () => nd.expandDims(a(), 6), py: `np.expand_dims(${src}, 6)` },
        { label: 'expandDims dup', js: () => nd.expandDims(a(), [0, 0]), py: `np.expand_dims(${src}, (0, 0))` },
        { label: 'flip', js: () => nd.flip(a()), py: `np.flip(${src})` },
        { label: 'flip axis', js: () => nd.flip(a(), 1), py: `np.flip(${src}, 1)` },
        { label: 'flip axes', js: () => nd.flip(a(), { axis: [1, -1] }), py: `np.flip(${src}, axis=(1, -1))` },
        { label: 'flip range', js: () => nd.flip(a(), -5), py: `np.flip(${src}, -5)` },
        { label: 'swapaxes', js: () => nd.swapaxes(a(), 1, 3), py: `np.swapaxes(${src}, 1, 3)` },
        { label: 'swapaxes neg', js: () => nd.swapaxes(a(), -1, 0), py: `np.swapaxes(${src}, -1, 0)` },
        { label: 'swapaxes range', js: () => nd.swapaxes(a(), 0, 4), py: `np.swapaxes(${src}, 0, 4)` },
        { label: 'moveaxis', js: () => nd.moveaxis(a(), 1, -1), py: `np.moveaxis(${src}, 1, -1)` },
        { label: 'moveaxis many', js: () => nd.moveaxis(a(), [0, 1], [3, 0]), py: `np.moveaxis(${src}, [0, 1], [3, 0])` },
        { label: 'moveaxis count', js: () => nd.moveaxis(a(), [0, 1], [0]), py: `np.moveaxis(${src}, [0, 1], [0])` },
        { label: 'moveaxis dup src', js: () => nd.moveaxis(a(), [0, 0], [0, 1]), py: `np.moveaxis(${src}, [0, 0], [0, 1])` },
        { label: 'moveaxis dup dst', js: () => nd.moveaxis(a(), [0, 1], [1, 1]), py: `np.moveaxis(${src}, [0, 1], [1, 1])` },
        { label: 'moveaxis range', js: () => nd.moveaxis(a(), 4, 0), py: `np.moveaxis(${src}, 4, 0)` },
      );
    }
    cases.push(
      { label: 'squeeze 0-d', js: () => nd.squeeze(mk('float64', [])), py: "np.squeeze(mk('float64', []))" },
      { label: 'flip 0-d', js: () => nd.flip(mk('float64', [])), py: "np.asarray(np.flip(mk('float64', [])))" },
      { label: 'flip empty', js: () => nd.flip(mk('float64', [0, 2]), 0), py: "np.flip(mk('float64', [0, 2]), 0)" },
      { label: 'expandDims 0-d', js: () => nd.expandDims(mk('float64', []), 0), py: "np.expand_dims(mk('float64', []), 0)" },
    );
    runCases(cases);
  });

  it('ravel and flatten in every order; views where NumPy gives views', () => {
    const cases: Case[] = [];
    for (const layout of layouts) {
      for (const order of ['C', 'F', 'A', 'K'] as const) {
        const src = `mk('float32', [2, 3, 2], '${layout}')`;
        cases.push({ label: 'ravel', js: () => nd.ravel(mk('float32', [2, 3, 2], layout), order), py: `np.ravel(${src}, '${order}')` });
        cases.push({ label: 'flatten', js: () => mk('float32', [2, 3, 2], layout).flatten(order), py: `${src}.flatten('${order}')` });
        cases.push({
          label: 'ravel shares memory',
          js: () => { const x = mk('float32', [2, 3, 2], layout); return nd.ravel(x, order).buffer === x.buffer; },
          py: `(lambda x: np.shares_memory(np.ravel(x, '${order}'), x))(${src})`,
        });
      }
    }
    cases.push(
      { label: 'ravel bad order', js: () => nd.ravel(mk('float32', [2]), 'X' as 'C'), py: "np.ravel(mk('float32', [2]), 'X')" },
      { label: 'ravel 0-d', js: () => nd.ravel(mk('int8', [])), py: "np.ravel(mk('int8', []))" },
    );
    runCases(cases);
  });

  it('broadcastArrays', () => {
    const cases: Case[] = [
      { label: 'two', js: () => nd.broadcastArrays(mk('int8', [3]), mk('float32', [2, 1])), py: "np.broadcast_arrays(mk('int8', [3]), mk('float32', [2, 1]))" },
      { label: 'three', js: () => nd.broadcastArrays(mk('int8', [1, 3], 'rev'), mk('uint16', [2, 1, 1]), mk('bool', [])), py: "np.broadcast_arrays(mk('int8', [1, 3], 'rev'), mk('uint16', [2, 1, 1]), mk('bool', []))" },
      { label: 'one', js: () => nd.broadcastArrays(mk('int8', [3])), py: "np.broadcast_arrays(mk('int8', [3]))" },
      { label: 'none', js: () => nd.broadcastArrays(), py: 'np.broadcast_arrays()' },
      { label: 'empty', js: () => nd.broadcastArrays(mk('int8', [0, 1]), mk('int8', [3])), py: "np.broadcast_arrays(mk('int8', [0, 1]), mk('int8', [3]))" },
      { label: 'mismatch', js: () => nd.broadcastArrays(mk('int8', [2]), mk('int8', [3])), py: "np.broadcast_arrays(mk('int8', [2]), mk('int8', [3]))" },
      { label: 'mismatch 3', js: () => nd.broadcastArrays(mk('int8', [1]), mk('int8', [2, 1]), mk('int8', [3, 1])), py: "np.broadcast_arrays(mk('int8', [1]), mk('int8', [2, 1]), mk('int8', [3, 1]))" },
    ];
    runCases(cases);
  });
});

describe('shape functions without NumPy', () => {
  it('views share memory; flatten copies', () => {
    const a = nd.arange(6).reshape(2, 3);
    for (const view of [nd.flip(a), nd.swapaxes(a, 0, 1), nd.moveaxis(a, 0, 1), nd.expandDims(a, 0), nd.squeeze(nd.expandDims(a, 0)), nd.ravel(a)]) {
      expect(view.buffer).toBe(a.buffer);
    }
    expect(a.flatten().buffer).not.toBe(a.buffer);
    expect(a.ravel('F').toArray()).toEqual([0n, 3n, 1n, 4n, 2n, 5n]);
    expect(nd.broadcastArrays(a, nd.arange(3))[1]!.readonly).toBe(true);
    expect(nd.broadcastArrays(a, nd.arange(3))[0]).toBe(a);
  });

  it('methods are non-enumerable properties of NDArray.prototype', () => {
    for (const name of ['flatten', 'ravel', 'squeeze', 'swapaxes']) {
      const descriptor = Object.getOwnPropertyDescriptor(NDArray.prototype, name)!;
      expect(descriptor.enumerable).toBe(false);
      expect(descriptor.writable).toBe(true);
    }
    const a = nd.zeros([1, 2, 1]);
    expect(a.squeeze().shape).toEqual([2]);
    expect(a.swapaxes(0, 1).shape).toEqual([2, 1, 1]);
  });
});

describe('shape functions dispatch (NEP 18)', () => {
  class Units {
    constructor(readonly value: NDArray, readonly unit: string) {}
    __array_function__(func: ArrayFunction, _types: unknown, args: unknown[], kwargs: FunctionKwargs): unknown {
      const strip = (x: unknown): unknown => (x instanceof Units ? x.value : Array.isArray(x) ? x.map(strip) : x);
      const options = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, strip(v)]));
      const result = (func.implementation as (...a: unknown[]) => unknown)(...args.map(strip), options);
      return Array.isArray(result) ? result.map((r) => new Units(r as NDArray, this.unit)) : new Units(result as NDArray, this.unit);
    }
  }
  const m = (a: NDArray) => new Units(a, 'm');

  it('every shape function hands its relevant arguments to the override', () => {
    const a = nd.arange(6).reshape(2, 3);
    const results: unknown[] = [
      nd.concatenate([a, m(a)]),
      nd.concatenate([a], { out: m(nd.zeros([2, 3])) as unknown as NDArray }),
      nd.stack([m(a), a]),
      nd.vstack([a, m(a)]),
      nd.hstack([m(a), a]),
      nd.squeeze(m(a)),
      nd.expandDims(m(a), 0),
      nd.ravel(m(a)),
      nd.flip(m(a)),
      nd.swapaxes(m(a), 0, 1),
      nd.moveaxis(m(a), 0, 1),
    ];
    for (const r of results) {
      expect(r).toBeInstanceOf(Units);
      expect((r as Units).unit).toBe('m');
    }
    const pair = nd.broadcastArrays(a, m(nd.arange(3))) as unknown as Units[];
    expect(pair.map((u) => u.value.shape)).toEqual([[2, 3], [2, 3]]);
  });

  it('functionDispatch.register takes over for a class it does not own', () => {
    class Foreign {}
    nd.functionDispatch.register(Foreign, (func) => `foreign ${func.name}`);
    try {
      expect(nd.flip(new Foreign())).toBe('foreign flip');
      expect(nd.concatenate([nd.zeros(1), new Foreign()])).toBe('foreign concatenate');
    } finally {
      nd.functionDispatch.unregister(Foreign);
    }
  });
});

describe('axis errors: one home (functions/axes.ts), NumPy AxisError text, RangeError ERR_AXIS', () => {
  // Messages as NumPy 2.4 prints them for a (2, 1) array.
  const z = nd.zeros([2, 1]);
  it('out-of-range axes name the argument where NumPy does', () => {
    expectError(() => nd.swapaxes(z, 5, 0), RangeError, 'ERR_AXIS', 'axis1: axis 5 is out of bounds for array of dimension 2');
    expectError(() => nd.swapaxes(z, 0, -3), RangeError, 'ERR_AXIS', 'axis2: axis -3 is out of bounds for array of dimension 2');
    expectError(() => nd.moveaxis(z, 2, 0), RangeError, 'ERR_AXIS', 'source: axis 2 is out of bounds for array of dimension 2');
    expectError(() => nd.moveaxis(z, 0, [3]), RangeError, 'ERR_AXIS', 'destination: axis 3 is out of bounds for array of dimension 2');
    expectError(() => nd.expandDims(z, 4), RangeError, 'ERR_AXIS', 'axis 4 is out of bounds for array of dimension 3');
    expectError(() => nd.concatenate([z, z], 2), RangeError, 'ERR_AXIS', 'axis 2 is out of bounds for array of dimension 2');
    expectError(() => nd.stack([z, z], 4), RangeError, 'ERR_AXIS', 'axis 4 is out of bounds for array of dimension 3');
    expectError(() => nd.take(z, nd.asarray([0]), { axis: 3 }), RangeError, 'ERR_AXIS', 'axis 3 is out of bounds for array of dimension 2');
  });
  it('repeated axes carry each function\'s NumPy text', () => {
    expectError(() => nd.moveaxis(z, [0, 0], [0, 1]), RangeError, 'ERR_AXIS', 'repeated axis in `source` argument');
    expectError(() => nd.squeeze(z, [1, 1]), RangeError, 'ERR_AXIS', "duplicate value in 'axis'");
    expectError(() => nd.expandDims(z, [0, 0]), RangeError, 'ERR_AXIS', 'repeated axis');
  });
  it('a non-integer axis is a TypeError', () => {
    expectError(() => nd.swapaxes(z, 0.5, 0), TypeError, 'ERR_INVALID_ARG_TYPE', 'axis1: axis must be an integer, got 0.5');
  });
});
