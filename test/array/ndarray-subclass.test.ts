// NDArray subclasses keep their class through views and ufunc results, as
// NumPy's view casting and __array_wrap__ do. Expected classes are NumPy
// 2.4's for `class S(np.ndarray)` and `class T(np.ndarray): __array_priority__ = 5`:
//   np.add(a, s), np.add(s, a), np.add(1, s), np.add([1,2,3], s) -> S; np.add(s, t), np.add(t, s) -> T
//   np.add.reduce(s) (0-d), reduce(axis=0), keepdims, accumulate, outer(s, a), outer(a, s), reduceat -> S
//   np.matmul(s, a), np.matmul(a, s), np.divmod(s, 2)[1] -> S; np.add(s, a, out=ndarray) -> ndarray
//   s.T, s.astype('i4'), s.copy(), s.reshape(3, 1) -> S
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, divmod, matmul } from '../../src/index.js';

class S extends NDArray<'float64'> {
  unit = 'm';
  __array_finalize__(source: NDArray): void {
    this.unit = source instanceof S ? source.unit : 'm';
  }
}
class T extends NDArray<'float64'> {
  get __array_priority__(): number {
    return 5;
  }
}

function make<C extends typeof S | typeof T>(Class: C): InstanceType<C> {
  return new Class({ buffer: new Float64Array([0, 1, 2]), dtype: 'float64', shape: [3] }) as InstanceType<C>;
}

describe('NDArray subclasses', () => {
  const a = asarray([0, 1, 2], { dtype: 'float64' });
  const s = make(S);
  s.unit = 'km';
  const t = make(T);

  it('keep their class through views, copies and astype, with __array_finalize__ called', () => {
    for (const view of [s.slice('1:'), s.T, s.transpose(), s.reshape(3, 1), s.broadcastTo([2, 3]), s.copy(), s.astype('int32')]) {
      expect(view).toBeInstanceOf(S);
      expect((view as unknown as S).unit).toBe('km');
    }
    expect(s.astype('int32').toArray()).toEqual([0, 1, 2]);
  });

  it('give ufunc results the class of the first subclass input', () => {
    for (const result of [add(a, s), add(s, a), add(1, s), add([1, 2, 3], s)]) {
      expect(result).toBeInstanceOf(S);
      expect((result as S).unit).toBe('km');
    }
  });

  it('give ufunc results the class with the highest __array_priority__', () => {
    expect(add(s, t)).toBeInstanceOf(T);
    expect(add(t, s)).toBeInstanceOf(T);
  });

  it('wrap the results of ufunc methods and gufuncs, 0-d ones included', () => {
    const reduced = add.reduce(s);
    expect(reduced).toBeInstanceOf(S);
    expect((reduced as S).shape).toEqual([]);
    expect(add.reduce(s.reshape(1, 3), { axis: 0 })).toBeInstanceOf(S);
    expect(add.reduce(s, { keepdims: true })).toBeInstanceOf(S);
    expect(add.accumulate(s)).toBeInstanceOf(S);
    expect(add.outer(s, a)).toBeInstanceOf(S);
    expect(add.outer(a, s)).toBeInstanceOf(S);
    expect(add.reduceat(s, [0, 1])).toBeInstanceOf(S);
    expect(matmul(s, a)).toBeInstanceOf(S);
    expect(matmul(a, s)).toBeInstanceOf(S);
    expect(divmod(s, 2)[1]).toBeInstanceOf(S);
  });

  it('leave results written to out as out', () => {
    const out = asarray([0, 0, 0], { dtype: 'float64' });
    const result = add(s, a, { out });
    expect(result).toBe(out);
    expect(Object.getPrototypeOf(result)).toBe(NDArray.prototype);
  });

  it('wrap .async results too', async () => {
    expect(await add.async(s, 1)).toBeInstanceOf(S);
    expect(await add.reduce.async(s, { keepdims: true })).toBeInstanceOf(S);
  });

  it('leave plain NDArray results plain (0-d as JS scalars)', () => {
    expect(Object.getPrototypeOf(add(a, a))).toBe(NDArray.prototype);
    expect(add.reduce(a)).toBe(3);
  });
});
