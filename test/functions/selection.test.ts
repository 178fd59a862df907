// Selection and comparison functions against NumPy 2.4 (python3 at test
// time), boolean-mask and integer-array indexing, and overrides.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, type ArrayFunction, type FunctionKwargs } from '../../src/index.js';
import { type Case, allDTypes, hasNumpy, layouts, mk, runCases, skipReason } from './numpy-cases.js';

const d = describe.skipIf(!hasNumpy);
if (!hasNumpy) console.warn(skipReason);

d('selection matches NumPy', () => {
  it('where with three arguments: dtypes, weak scalars, broadcasting, layouts', () => {
    const cases: Case[] = [];
    for (const dt of allDTypes) {
      for (const layout of layouts) {
        const cond = `mk('int8', [2, 3], '${layout}')`;
        cases.push({
          label: 'arrays',
          js: () => nd.where(mk('int8', [2, 3], layout), mk(dt, [2, 3], 'rev'), mk(dt, [3])),
          py: `np.where(${cond}, mk('${dt}', [2, 3], 'rev'), mk('${dt}', [3]))`,
        });
        cases.push({ label: 'weak', js: () => nd.where(mk('bool', [2, 3], layout), mk(dt, [2, 3], layout), 1), py: `np.where(mk('bool', [2, 3], '${layout}'), mk('${dt}', [2, 3], '${layout}'), 1)` });
      }
      cases.push({ label: 'cond of dtype', js: () => nd.where(mk(dt, [5]), 1.5, -1), py: `np.where(mk('${dt}', [5]), 1.5, -1)` });
    }
    for (const [x, y] of [['int8', 'uint8'], ['int16', 'float32'], ['bool', 'int64'], ['uint64', 'int64'], ['float16', 'complex64']]) {
      cases.push({ label: 'promote', js: () => nd.where(mk('bool', [4]), mk(x, [4]), mk(y, [1])), py: `np.where(mk('bool', [4]), mk('${x}', [4]), mk('${y}', [1]))` });
    }
    cases.push(
      { label: 'scalars', js: () => nd.where(true, 1, 2.5), py: 'np.where(True, 1, 2.5)' },
      { label: 'lists', js: () => nd.where([true, false], [1, 2], [3, 4]), py: 'np.where([True, False], [1, 2], [3, 4])' },
      { label: 'nan', js: () => nd.where([true, false, true], [NaN, 1, -0], 5), py: 'np.where([True, False, True], [np.nan, 1., -0.], 5)' },
      { label: 'empty', js: () => nd.where(mk('bool', [0, 3]), mk('int8', [3]), 0), py: "np.where(mk('bool', [0, 3]), mk('int8', [3]), 0)" },
      { label: 'bad broadcast', js: () => nd.where(mk('bool', [2]), mk('int8', [3]), 0), py: "np.where(mk('bool', [2]), mk('int8', [3]), 0)", message: false },
      { label: 'only x', js: () => nd.where([true], [1] as unknown as never, undefined as never), py: 'np.where([True], [1])' },
      { label: 'int8 weak overflow', js: () => nd.where(mk('bool', [2]), mk('int8', [2]), 300), py: "np.where(mk('bool', [2]), mk('int8', [2]), 300)", message: false },
    );
    runCases(cases);
  });

  it('nonzero and where with one argument', () => {
    const cases: Case[] = [];
    for (const dt of allDTypes) {
      for (const layout of layouts) {
        cases.push({ label: 'nonzero', js: () => nd.nonzero(mk(dt, [3, 4], layout)), py: `np.nonzero(mk('${dt}', [3, 4], '${layout}'))` });
      }
      cases.push({ label: 'where 1', js: () => nd.where(mk(dt, [2, 2, 3], 'rev')), py: `np.where(mk('${dt}', [2, 2, 3], 'rev'))` });
    }
    cases.push(
      { label: 'nonzero empty', js: () => nd.nonzero(mk('float64', [0, 3])), py: "np.nonzero(mk('float64', [0, 3]))" },
      { label: 'nonzero nan', js: () => nd.nonzero([NaN, 0, -0, 1]), py: 'np.nonzero([np.nan, 0., -0., 1.])' },
      { label: 'nonzero 0-d', js: () => nd.nonzero(mk('float64', [])), py: "np.nonzero(mk('float64', []))" },
      { label: 'method', js: () => mk('int32', [5]).nonzero(), py: "mk('int32', [5]).nonzero()" },
    );
    runCases(cases);
  });

  it('clip: bounds, weak scalars, NaN, out, errors', () => {
    const cases: Case[] = [];
    for (const dt of ['int8', 'uint8', 'int16', 'uint32', 'int64', 'float16', 'float32', 'float64']) {
      for (const layout of layouts) {
        const src = `mk('${dt}', [2, 5], '${layout}')`;
        cases.push({ label: 'both', js: () => nd.clip(mk(dt, [2, 5], layout), 1, 4), py: `np.clip(${src}, 1, 4)` });
        cases.push({ label: 'min only', js: () => nd.clip(mk(dt, [2, 5], layout), 2, null), py: `np.clip(${src}, 2, None)` });
        cases.push({ label: 'max kw', js: () => nd.clip(mk(dt, [2, 5], layout), { max: 3 }), py: `np.clip(${src}, max=3)` });
        cases.push({ label: 'array bounds', js: () => nd.clip(mk(dt, [2, 5], layout), mk(dt, [5]), mk(dt, [2, 1])), py: `np.clip(${src}, mk('${dt}', [5]), mk('${dt}', [2, 1]))` });
      }
    }
    cases.push(
      { label: 'float bound on int', js: () => nd.clip(mk('int32', [5]), 0.5, 3), py: "np.clip(mk('int32', [5]), 0.5, 3)" },
      { label: 'nan in a', js: () => nd.clip([NaN, 1, 5], 2, 4), py: 'np.clip([np.nan, 1., 5.], 2, 4)' },
      { label: 'nan bound', js: () => nd.clip([1, 5], NaN, 4), py: 'np.clip([1., 5.], np.nan, 4)' },
      { label: 'lo > hi', js: () => nd.clip(mk('float64', [5]), 3, 1), py: "np.clip(mk('float64', [5]), 3, 1)" },
      { label: 'none', js: () => nd.clip(mk('int16', [3]), null, null), py: "np.clip(mk('int16', [3]), None, None)" },
      { label: 'scalar', js: () => nd.clip(7, 1, 3), py: 'np.clip(7, 1, 3)' },
      { label: 'out', js: () => { const out = nd.zeros([5]); nd.clip(mk('int8', [5]), 0, 2, out); return out; }, py: "(lambda out: (np.clip(mk('int8', [5]), 0, 2, out), out)[1])(np.zeros(5))" },
      { label: 'method', js: () => mk('float32', [5]).clip(-1, 1), py: "mk('float32', [5]).clip(-1, 1)" },
    );
    runCases(cases);
  });

  it('take: axes, modes, index shapes, out, errors', () => {
    const cases: Case[] = [];
    for (const dt of allDTypes) {
      for (const layout of layouts) {
        const src = `mk('${dt}', [3, 4], '${layout}')`;
        cases.push({ label: 'flat', js: () => nd.take(mk(dt, [3, 4], layout), [0, 5, -1, 11]), py: `np.take(${src}, [0, 5, -1, 11])` });
        cases.push({ label: 'axis 1', js: () => nd.take(mk(dt, [3, 4], layout), [[3, 0], [-2, 1]], 1), py: `np.take(${src}, [[3, 0], [-2, 1]], 1)` });
        cases.push({ label: 'axis 0', js: () => nd.take(mk(dt, [3, 4], layout), mk('int32', [2]), { axis: 0 }), py: `np.take(${src}, mk('int32', [2]), axis=0)` });
      }
    }
    const src = "mk('int16', [2, 3, 4])";
    const a = () => mk('int16', [2, 3, 4]);
    cases.push(
      { label: 'axis -1', js: () => nd.take(a(), [1, 1, 0], -1), py: `np.take(${src}, [1, 1, 0], -1)` },
      { label: 'axis 1 scalar', js: () => nd.take(a(), 2, 1), py: `np.take(${src}, 2, 1)` },
      { label: 'scalar result', js: () => nd.take(a(), 7), py: `np.take(${src}, 7)` },
      { label: 'wrap', js: () => nd.take(a(), [5, -7, 30], { axis: 2, mode: 'wrap' }), py: `np.take(${src}, [5, -7, 30], axis=2, mode='wrap')` },
      { label: 'clip', js: () => nd.take(a(), [5, -7, 30], { axis: 2, mode: 'clip' }), py: `np.take(${src}, [5, -7, 30], axis=2, mode='clip')` },
      { label: 'raise', js: () => nd.take(a(), [5], { axis: 2 }), py: `np.take(${src}, [5], axis=2)` },
      { label: 'raise neg', js: () => nd.take(a(), [-25]), py: `np.take(${src}, [-25])` },
      { label: 'bad mode', js: () => nd.take(a(), [1], { mode: 'x' as 'raise' }), py: `np.take(${src}, [1], mode='x')` },
      { label: 'bad axis', js: () => nd.take(a(), [0], 3), py: `np.take(${src}, [0], 3)` },
      { label: 'empty indices', js: () => nd.take(a(), [], 1), py: `np.take(${src}, np.array([], dtype=int), 1)` },
      { label: 'float indices', js: () => nd.take(a(), [1.5, 2]), py: `np.take(${src}, [1.5, 2])` },
      { label: 'out', js: () => { const out = nd.zeros([2], 'int8'); nd.take(a(), [3, 4], { out, mode: 'clip' }); return out; }, py: `(lambda out: (np.take(${src}, [3, 4], out=out, mode='clip'), out)[1])(np.zeros(2, 'int8'))` },
      { label: 'out unsafe', js: () => nd.take(a(), [3, 4], { out: nd.zeros([2], 'float32') }), py: `np.take(${src}, [3, 4], out=np.zeros(2, 'float32'))` },
      { label: 'method', js: () => a().take([0, 1], { axis: 1 }), py: `${src}.take([0, 1], axis=1)` },
      { label: 'take from empty', js: () => nd.take(mk('int8', [0]), [0], { mode: 'wrap' }), py: "np.take(mk('int8', [0]), [0], mode='wrap')" },
    );
    runCases(cases);
  });

  it('compress and boolean-mask indexing', () => {
    const cases: Case[] = [];
    for (const dt of allDTypes) {
      for (const layout of layouts) {
        const src = `mk('${dt}', [3, 4], '${layout}')`;
        cases.push({ label: 'flat', js: () => nd.compress([true, false, true, true, false, true], mk(dt, [3, 4], layout)), py: `np.compress([True, False, True, True, False, True], ${src})` });
        cases.push({ label: 'axis 1', js: () => nd.compress(mk('int8', [4]), mk(dt, [3, 4], layout), 1), py: `np.compress(mk('int8', [4]), ${src}, 1)` });
        cases.push({ label: 'mask 2d', js: () => mk(dt, [3, 4], layout).getMask(mk('bool', [3, 4], 'rev')), py: `${src}[mk('bool', [3, 4], 'rev')]` });
        cases.push({ label: 'mask rows', js: () => mk(dt, [3, 4], layout).getMask([true, false, true]), py: `${src}[np.array([True, False, True])]` });
      }
    }
    cases.push(
      { label: 'compress short', js: () => nd.compress([false, true], mk('int8', [2, 3]), 1), py: "np.compress([False, True], mk('int8', [2, 3]), 1)" },
      { label: 'compress long', js: () => nd.compress([1, 0, 1, 1], [1, 2]), py: 'np.compress([1, 0, 1, 1], [1., 2.])' },
      { label: 'compress 2d cond', js: () => nd.compress([[1, 0]], [1, 2]), py: 'np.compress([[1, 0]], [1., 2.])' },
      { label: 'compress method', js: () => mk('float32', [2, 3]).compress([true, false, true], { axis: 1 }), py: "mk('float32', [2, 3]).compress([True, False, True], axis=1)" },
      { label: 'mask mismatch', js: () => mk('int8', [3]).getMask([true, false]), py: "mk('int8', [3])[np.array([True, False])]" },
      { label: 'mask all false', js: () => mk('int8', [2, 3]).getMask(mk('bool', [2, 3]).astype('bool').getMask ? nd.zeros([2, 3], 'bool') : nd.zeros([2, 3], 'bool')), py: "mk('int8', [2, 3])[np.zeros((2, 3), bool)]" },
      { label: 'mask 3d lead', js: () => mk('uint16', [2, 3, 2]).getMask(mk('bool', [2, 3])), py: "mk('uint16', [2, 3, 2])[mk('bool', [2, 3])]" },
    );
    runCases(cases);
  });

  it('isclose, allclose, arrayEqual', () => {
    const pairs: [string, string, unknown, unknown][] = [
      ['[1., 2., 3.]', '[1., 2.00001, 3.1]', [1, 2, 3], [1, 2.00001, 3.1]],
      ['[np.inf, -np.inf, np.nan, 1e-9]', '[np.inf, np.inf, np.nan, 0.]', [Infinity, -Infinity, NaN, 1e-9], [Infinity, Infinity, NaN, 0]],
      ['[1e10, 1e-7]', '[1.00001e10, 1e-8]', [1e10, 1e-7], [1.00001e10, 1e-8]],
    ];
    const cases: Case[] = [];
    for (const [pa, pb, ja, jb] of pairs) {
      cases.push(
        { label: 'isclose', js: () => nd.isclose(ja, jb), py: `np.isclose(${pa}, ${pb})` },
        { label: 'isclose nan', js: () => nd.isclose(ja, jb, { equal_nan: true }), py: `np.isclose(${pa}, ${pb}, equal_nan=True)` },
        { label: 'isclose tol', js: () => nd.isclose(ja, jb, 0.1, 0), py: `np.isclose(${pa}, ${pb}, 0.1, 0)` },
        { label: 'allclose', js: () => nd.allclose(ja, jb), py: `np.allclose(${pa}, ${pb})` },
        { label: 'allclose tol', js: () => nd.allclose(ja, jb, { rtol: 0.1, equal_nan: true }), py: `np.allclose(${pa}, ${pb}, rtol=0.1, equal_nan=True)` },
        { label: 'arrayEqual', js: () => nd.arrayEqual(ja, jb), py: `np.array_equal(${pa}, ${pb})` },
        { label: 'arrayEqual self nan', js: () => nd.arrayEqual(ja, ja, true), py: `np.array_equal(${pa}, ${pa}, equal_nan=True)` },
        { label: 'arrayEqual self', js: () => nd.arrayEqual(ja, ja), py: `np.array_equal(${pa}, ${pa})` },
      );
    }
    for (const dt of allDTypes) {
      cases.push(
        { label: 'isclose dtypes', js: () => nd.isclose(mk(dt, [6]), mk(dt, [6], 'rev')), py: `np.isclose(mk('${dt}', [6]), mk('${dt}', [6], 'rev'))` },
        { label: 'isclose int weak', js: () => nd.isclose(mk(dt, [6]), 1), py: `np.isclose(mk('${dt}', [6]), 1)` },
        { label: 'arrayEqual dtypes', js: () => nd.arrayEqual(mk(dt, [2, 3]), mk(dt, [2, 3], 'c')), py: `np.array_equal(mk('${dt}', [2, 3]), mk('${dt}', [2, 3], 'c'))` },
        { label: 'arrayEqual layouts', js: () => nd.arrayEqual(mk(dt, [2, 3]), mk(dt, [2, 3], 'T')), py: `np.array_equal(mk('${dt}', [2, 3]), mk('${dt}', [2, 3], 'T'))` },
      );
    }
    cases.push(
      { label: 'isclose scalar', js: () => nd.isclose(1, 1 + 1e-9), py: 'np.isclose(1, 1 + 1e-9)' },
      { label: 'isclose broadcast', js: () => nd.isclose(mk('float32', [2, 3]), mk('float64', [3])), py: "np.isclose(mk('float32', [2, 3]), mk('float64', [3]))" },
      { label: 'isclose bad broadcast', js: () => nd.isclose(mk('float32', [2]), mk('float64', [3])), py: "np.isclose(mk('float32', [2]), mk('float64', [3]))", message: false },
      { label: 'arrayEqual shapes', js: () => nd.arrayEqual(mk('int8', [2]), mk('int8', [3])), py: "np.array_equal(mk('int8', [2]), mk('int8', [3]))" },
      { label: 'arrayEqual broadcastable', js: () => nd.arrayEqual(mk('int8', [1]), mk('int8', [2])), py: "np.array_equal(mk('int8', [1]), mk('int8', [2]))" },
      { label: 'arrayEqual empty', js: () => nd.arrayEqual(mk('int8', [0]), mk('float32', [0])), py: "np.array_equal(mk('int8', [0]), mk('float32', [0]))" },
    );
    runCases(cases);
  });
});

describe('selection without NumPy', () => {
  it('a.take(idx, { axis: 0 }) is integer-array indexing; getMask refuses integer masks', () => {
    const a = nd.arange(6).reshape(3, 2);
    expect((a.take([2, 0], { axis: 0 }) as NDArray).toArray()).toEqual([[4n, 5n], [0n, 1n]]);
    expect(() => a.getMask([1, 0, 1])).toThrow(/getMask expects a boolean mask, got int64/);
  });
});

describe('selection functions dispatch (NEP 18)', () => {
  const seen: string[] = [];
  class Duck {
    __array_function__(func: ArrayFunction, types: readonly unknown[], _args: unknown[], _kwargs: FunctionKwargs): unknown {
      seen.push(`${func.name}:${types.length}`);
      return `duck ${func.name}`;
    }
  }
  const duck = new Duck();
  const a = nd.arange(3);

  it('each relevant argument can take over', () => {
    const calls: [string, () => unknown][] = [
      ['where', () => nd.where(a, duck, 0)],
      ['where', () => nd.where(duck)],
      ['nonzero', () => nd.nonzero(duck)],
      ['clip', () => nd.clip(a, duck, 1)],
      ['clip', () => nd.clip(a, { max: duck })],
      ['clip', () => nd.clip(a, 0, 1, { out: duck as unknown as NDArray })],
      ['take', () => nd.take(duck, [0])],
      ['take', () => nd.take(a, [0], { out: duck as unknown as NDArray })],
      ['compress', () => nd.compress(duck, a)],
      ['compress', () => nd.compress([true], a, { out: duck as unknown as NDArray })],
      ['isclose', () => nd.isclose(a, a, duck)],
      ['allclose', () => nd.allclose(duck, a)],
      ['arrayEqual', () => nd.arrayEqual(a, duck)],
    ];
    for (const [name, call] of calls) expect(call()).toBe(`duck ${name}`);
    // take's indices are not relevant, as in NumPy.
    expect(() => nd.take(a, duck)).toThrow();
  });

  // NumPy 2.4 on this machine, for `class Sub(np.ndarray): pass`:
  // type(np.take(s, [0])), np.compress, np.sort, np.argsort (axis None too),
  // np.take along an axis: all Sub; np.take(s, 0) is a float64 scalar.
  it('take, compress, sort and argsort of a subclass give the subclass, as NumPy does', () => {
    class Sub extends NDArray {}
    const s = new Sub({ buffer: new Float64Array([3, 1, 2]), dtype: 'float64', shape: [3] });
    const grid = new Sub({ buffer: new Float64Array([3, 1, 2, 0]), dtype: 'float64', shape: [2, 2] });
    const plain = nd.asarray(new Float64Array([3, 1, 2]));
    const taken = nd.take(s, [0, 2]);
    expect(taken).toBeInstanceOf(Sub);
    expect(taken.toArray()).toEqual([3, 2]);
    expect(nd.take(s, 0)).toBe(3);
    expect(nd.take(grid, [0], 1)).toBeInstanceOf(Sub);
    expect(nd.compress([true, false, true], s)).toBeInstanceOf(Sub);
    const sorted = nd.sort(s);
    expect(sorted).toBeInstanceOf(Sub);
    expect(sorted.toArray()).toEqual([1, 2, 3]);
    expect(nd.sort(grid, null)).toBeInstanceOf(Sub);
    const order = nd.argsort(s, null);
    expect(order).toBeInstanceOf(Sub);
    expect(order.toArray()).toEqual([1n, 2n, 0n]);
    for (const result of [nd.take(plain, [0]), nd.compress([true], plain), nd.sort(plain), nd.argsort(plain)]) expect(result.constructor).toBe(NDArray);
  });

  it('NDArray methods dispatch through their functions', () => {
    class Sub extends NDArray {}
    const sub = new Sub({ buffer: new Float64Array([1, 0, 2]), dtype: 'float64', shape: [3] });
    let called = '';
    nd.functionDispatch.register(Sub, (func) => {
      called = func.name;
      return 'sub';
    });
    try {
      expect(sub.take([0])).toBe('sub');
      expect(called).toBe('take');
      expect(sub.nonzero()).toBe('sub');
      expect(sub.clip(0, 1)).toBe('sub');
    } finally {
      nd.functionDispatch.unregister(Sub);
    }
  });
});
