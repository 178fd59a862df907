// The lane (src/ufunc/fastpath.ts tryFastCall, methods.ts tryFastReduce):
// common calls of any size skip the general path's bookkeeping. Expected
// values are NumPy 2.4's (quoted next to each) or hand arithmetic; the
// differential part checks that every lane call gives byte for byte what the
// same call through the general path gives (an explicit `casting` option
// sends a call there), across dtypes, sizes and layouts.
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray, add, asarray, divide, equal, errstate, greater, greater_equal, less, less_equal, multiply, not_equal, sin, subtract, ufuncDispatch } from '../../src/index.js';

const general = { casting: 'same_kind' } as const;
const bytesOf = (a: NDArray) => {
  const c = a.copy();
  return Array.from(new Uint8Array(c.buffer, c.byteOffset, c.size * c.dtype.itemsize));
};
function expectSame(lane: unknown, reference: unknown): void {
  expect(lane).toBeInstanceOf(NDArray);
  const [x, y] = [lane as NDArray, reference as NDArray];
  expect(x.dtype.name).toBe(y.dtype.name);
  expect(x.shape).toEqual(y.shape);
  expect(bytesOf(x)).toEqual(bytesOf(y));
}

function sample(n: number, dtype: string): NDArray {
  const values = Array.from({ length: n }, (_, i) => ((i * 37) % 101) - (dtype.startsWith('u') ? 0 : 50) + (dtype.startsWith('float') ? 0.25 : 0));
  return asarray(values, { dtype: dtype as never });
}

describe('the lane gives what the general path gives', () => {
  for (const dtype of ['float64', 'float32', 'int32', 'int8', 'uint16', 'int64', 'complex128']) {
    // Past 2^17 elements the kernels split and stream: checked on two dtypes.
    for (const n of dtype === 'float64' || dtype === 'int32' ? [1, 8, 100, 1000, 140_000] : [1, 8, 100, 1000]) {
      it(`${dtype}, ${n} elements: calls with arrays, scalars, out, broadcasts, comparisons, casts`, () => {
        const a = sample(n, dtype);
        const b = sample(n, dtype).slice('::-1').copy();
        expectSame(add(a, b), add(a, b, general));
        expectSame(subtract(a, 3), subtract(a, 3, general));
        expectSame(multiply(2.5, a), multiply(2.5, a, general));
        const out = add(a, b, general) as NDArray;
        const out2 = out.copy();
        expect(add(a, b, { out })).toBe(out);
        add(a, b, { out: out2, ...general });
        expectSame(out, out2);
        if (dtype !== 'complex128') expectSame(less(a, b), less(a, b, general));
        expectSame(sin(a), sin(a, general));
        const rows = n >= 100 ? 10 : 1;
        const col = a.slice(`:${rows}`).copy().reshape([rows, 1]);
        const row = b.slice(`:${n / rows}`).copy().reshape([1, n / rows]);
        expectSame(multiply(col, row), multiply(col, row, general));
        expectSame(add(a.slice('::2'), b.slice('1::2')), add(a.slice('::2'), b.slice('1::2'), general));
      });
    }
  }

  it('reductions over one axis, in every dtype and layout', () => {
    for (const dtype of ['float64', 'float32', 'int32', 'int8', 'uint16', 'int64', 'complex128', 'bool']) {
      for (const n of dtype === 'float64' || dtype === 'int32' ? [1, 7, 8, 9, 100, 1000, 140_000] : [1, 7, 8, 9, 100, 1000]) {
        const a = sample(n, dtype === 'bool' ? 'int8' : dtype).astype(dtype as never);
        for (const f of [add, multiply]) {
          const lane = f.reduce(a);
          const reference = f.reduce(a, { keepdims: false });
          if (lane instanceof NDArray) expectSame(lane, reference);
          else if (typeof lane === 'object') expect(lane).toEqual(reference); // complex { re, im }
          else expect(Object.is(lane, reference)).toBe(true);
        }
        if (n % 10 === 0) {
          const m = a.reshape([10, n / 10]);
          for (const axis of [0, 1, -1]) expectSame(add.reduce(m, { axis }), add.reduce(m, { axis, keepdims: false }));
          expectSame(add.reduce(m.slice('::-1'), { axis: 1 }), add.reduce(m.slice('::-1'), { axis: 1, keepdims: false }));
        }
      }
    }
  });
});

describe('lane results, against NumPy', () => {
  it('int32 with a float scalar computes in float64: np.add(int32 [1, 2, 3], 2.5) -> [3.5, 4.5, 5.5]', () => {
    const r = add(asarray(Int32Array.from([1, 2, 3])), 2.5) as NDArray;
    expect(r.dtype.name).toBe('float64');
    expect(r.toArray()).toEqual([3.5, 4.5, 5.5]);
    expect((sin(asarray(Int32Array.from([0, 0]))) as NDArray).dtype.name).toBe('float64');
  });

  it('comparisons with NaN are false: np.less([1, nan, 3], [2, 2, nan]) -> [True, False, False]', () => {
    const r = less(asarray([1, NaN, 3]), asarray([2, 2, NaN])) as NDArray;
    expect(r.dtype.name).toBe('bool');
    expect(r.toArray()).toEqual([true, false, false]);
  });

  it('broadcasts (2,1) * (1,3) -> [[10, 20, 30], [20, 40, 60]]', () => {
    expect((multiply(asarray([[1], [2]], { dtype: 'float64' }), asarray([[10, 20, 30]], { dtype: 'float64' })) as NDArray).toArray()).toEqual([
      [10, 20, 30],
      [20, 40, 60],
    ]);
  });

  it('int32 sums in int64 without wrapping: np.add.reduce(int32 [2147483647, 1]) -> 2147483648', () => {
    expect(add.reduce(asarray(Int32Array.from([2147483647, 1])))).toBe(2147483648n);
    const m = asarray(Int32Array.from([1, 2, 3, 2147483647, 1, 0])).reshape([2, 3]);
    const r = add.reduce(m, { axis: 1 }) as NDArray;
    expect(r.dtype.name).toBe('int64');
    expect(r.toArray()).toEqual([6n, 2147483648n]);
  });

  it('reduces along axis 1 and 0: [[0.5, 0.25, 2], [1, 1, 1]] -> [2.75, 3] and [1.5, 1.25, 3]', () => {
    const m = asarray([
      [0.5, 0.25, 2],
      [1, 1, 1],
    ]);
    const r = add.reduce(m, { axis: 1 }) as NDArray;
    expect(r.toArray()).toEqual([2.75, 3]);
    expect(r.base).toBe(null);
    expect(r.shape).toEqual([2]);
    expect((add.reduce(m) as NDArray).toArray()).toEqual([1.5, 1.25, 3]);
    expect(add.reduce(asarray([0.5, 0.25]))).toBe(0.75);
    expect(multiply.reduce(asarray([0.5, 4, 3]))).toBe(6);
  });

  it('a 0-d result is a JS scalar', () => {
    expect(add(asarray(2.5), 1)).toBe(3.5);
    expect(less(asarray(2.5), asarray(3))).toBe(true);
  });

  it('in place (out is an input) and partial overlap read the inputs before writing, like NumPy', () => {
    const a = asarray([1, 2, 3], { dtype: 'float64' });
    expect(add(a, a, { out: a })).toBe(a);
    expect(a.toArray()).toEqual([2, 4, 6]);
    // x = [1, 2, 3, 4]; np.add(x[:3], 1, out=x[1:]) -> x == [1, 2, 3, 4]
    const x = asarray([1, 2, 3, 4], { dtype: 'float64' });
    add(x.slice(':3'), asarray([0, 0, 0], { dtype: 'float64' }), { out: x.slice('1:') });
    expect(x.toArray()).toEqual([1, 1, 2, 3]);
    const y = asarray([1, 2, 3, 4], { dtype: 'float64' });
    add(y.slice(':3'), 1, { out: y.slice('1:') });
    expect(y.toArray()).toEqual([1, 2, 3, 4]);
  });
});

describe('floating-point flags and warnings', () => {
  it('raise through errstate exactly as on the general path', () => {
    const a = asarray([1, 2, 3, 4, 5, 6, 7, 8], { dtype: 'float64' });
    expect(() => errstate({ divide: 'raise' }, () => divide(a, 0))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'divide by zero encountered in divide' }),
    );
    expect(() => errstate({ invalid: 'raise' }, () => divide(asarray([0, 1], { dtype: 'float64' }), asarray([0, 1], { dtype: 'float64' }), { out: asarray([9, 9], { dtype: 'float64' }) }))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'invalid value encountered in divide' }),
    );
    expect(() => errstate({ over: 'raise' }, () => add.reduce(asarray([1e308, 1e308], { dtype: 'float64' })))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'overflow encountered in reduce' }),
    );
    expect(() => errstate({ over: 'raise' }, () => add.reduce(asarray([1e308, 1e308, 1e308, 0], { dtype: 'float64' }).reshape([2, 2]), { axis: 0 }))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'overflow encountered in reduce' }),
    );
    expect(errstate({ divide: 'ignore' }, () => (divide(asarray([1, -1], { dtype: 'float64' }), 0) as NDArray).toArray())).toEqual([Infinity, -Infinity]);
  });

  it('a float32 scalar overflow warns once (the conversion runs once)', () => {
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on('warning', listener);
    try {
      const r = errstate({ over: 'raise' }, () => {
        try {
          return add(asarray(Float32Array.from([1, 2])), 1e300);
        } catch (error) {
          return error;
        }
      });
      expect(r).toEqual(expect.objectContaining({ code: 'ERR_FLOATING_POINT', message: 'overflow encountered in cast' }));
    } finally {
      process.off('warning', listener);
    }
  });
});

describe('vectorized float comparisons (contiguous operands)', () => {
  it('give NumPy values with NaN, infinities and signed zeros, and raise no flag', () => {
    // np.less(x, y) etc. with x = [nan, 1, -0., inf, 2, nan, -inf, 3] * 40, y = [1, nan, 0., inf, 1, nan, 5, 3] * 40
    const x = [NaN, 1, -0, Infinity, 2, NaN, -Infinity, 3];
    const y = [1, NaN, 0, Infinity, 1, NaN, 5, 3];
    const expected: Record<string, boolean[]> = {
      less: [false, false, false, false, false, false, true, false],
      less_equal: [false, false, true, true, false, false, true, true],
      greater: [false, false, false, false, true, false, false, false],
      greater_equal: [false, false, true, true, true, false, false, true],
      equal: [false, false, true, true, false, false, false, true],
      not_equal: [true, true, false, false, true, true, true, false],
    };
    const fns = { less, less_equal, greater, greater_equal, equal, not_equal };
    for (const dtype of ['float64', 'float32'] as const) {
      const a = asarray(Array.from({ length: 320 }, (_, i) => x[i % 8]!), { dtype });
      const b = asarray(Array.from({ length: 320 }, (_, i) => y[i % 8]!), { dtype });
      for (const [name, f] of Object.entries(fns)) {
        const r = errstate({ all: 'raise' }, () => f(a, b)) as NDArray;
        expect(r.dtype.name).toBe('bool');
        expect(r.toArray()).toEqual(Array.from({ length: 320 }, (_, i) => expected[name]![i % 8]));
      }
    }
  });
});

describe('the lane steps aside', () => {
  afterEach(() => {
    ufuncDispatch.unregister(NDArray);
  });

  it('for unreadable inputs and read-only outputs, which fail with the general path errors', () => {
    const a = asarray([1, 2, 3]);
    a[Symbol.dispose]();
    expect(() => add(a, 1)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED', message: 'this array has been disposed' }));
    expect(() => add.reduce(a)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_DETACHED', message: 'this array has been disposed' }));
    const frozen = new NDArray({ buffer: new Float64Array(3), dtype: 'float64', shape: [3], readonly: true });
    expect(() => add(asarray([1, 2, 3]), 1, { out: frozen })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_READONLY', message: 'output array is read-only' }),
    );
  });

  it('for a handler registered on NDArray, which then takes calls and reductions', () => {
    const seen: string[] = [];
    ufuncDispatch.register(NDArray, (ufunc, method) => {
      seen.push(`${ufunc.name}.${method}`);
      return 'handled';
    });
    const a = asarray(new Float64Array(1000));
    expect(add(a, 1)).toBe('handled');
    expect(add(a, a, { out: a })).toBe('handled');
    expect(add.reduce(a)).toBe('handled');
    expect(seen).toEqual(['add.__call__', 'add.__call__', 'add.reduce']);
  });

  it('for subclasses with their own __array_ufunc__', () => {
    class Tagged extends NDArray {
      __array_ufunc__() {
        return 'tagged';
      }
    }
    const t = new Tagged({ buffer: new Float64Array(4), dtype: 'float64', shape: [4] });
    expect(add(t, 1)).toBe('tagged');
    expect(add.reduce(t)).toBe('tagged');
  });

  it('for byte-swapped inputs, which the general path converts', () => {
    const swapped = asarray([1, 2, 3], { dtype: '>f8' });
    expect((add(swapped, asarray([1, 1, 1])) as NDArray).toArray()).toEqual([2, 3, 4]);
    expect(add.reduce(swapped)).toBe(6);
  });

  it('for options other than out, and `axis: null`', () => {
    const m = asarray([
      [1, 2],
      [3, 4],
    ], { dtype: 'float64' });
    expect(add.reduce(m, { axis: null })).toBe(10);
    expect((add(m, 1, { where: asarray([true, false]), out: m.copy() }) as NDArray).toArray()).toEqual([
      [2, 2],
      [4, 4],
    ]);
  });
});
