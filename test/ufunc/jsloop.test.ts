// The generated JS loops of createUfunc ufuncs: every layout (contiguous,
// broadcast, reversed, transposed, unaligned, masked, 0-d, empty) gives the
// element function's values at the right places, and results are stored as
// the dtype's element writer stores them. Expected values are written out by
// hand from the element functions below.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray, createUfunc } from '../../src/index.js';

const arr = (values: unknown[], dtype: string): NDArray => asarray(values as never, { dtype });
const fma = createUfunc({ name: 'fma', nin: 2, nout: 1, loops: { 'dd->d': (x, y) => (x as number) * (y as number) + 1 } });

describe('createUfunc loops: layouts', () => {
  it('computes every element of contiguous operands', () => {
    const a = asarray(Float64Array.from({ length: 1000 }, (_, i) => i));
    const b = asarray(Float64Array.from({ length: 1000 }, (_, i) => 2 * i));
    const r = fma(a, b) as NDArray;
    const got = r.toTypedArray() as Float64Array;
    for (const i of [0, 1, 499, 999]) expect(got[i]).toBe(i * 2 * i + 1);
  });

  it('broadcasts a column against a row', () => {
    const r = fma(arr([[1], [2], [3]], 'float64'), arr([10, 20, 30, 40], 'float64')) as NDArray;
    expect(r.toArray()).toEqual([
      [11, 21, 31, 41],
      [21, 41, 61, 81],
      [31, 61, 91, 121],
    ]);
  });

  it('reads reversed and transposed views and writes a strided output', () => {
    const a = arr([1, 2, 3, 4], 'float64').slice('::-1');
    const m = arr([[1, 2], [3, 4]], 'float64').transpose();
    expect((fma(a, 2) as NDArray).toArray()).toEqual([9, 7, 5, 3]);
    expect((fma(m, m) as NDArray).toArray()).toEqual([[2, 10], [5, 17]]);
    const out = arr([0, 0, 0, 0, 0, 0, 0, 0], 'float64');
    fma(arr([1, 2, 3, 4], 'float64'), 3, { out: out.slice('1::2') });
    expect(out.toArray()).toEqual([0, 4, 0, 7, 0, 10, 0, 13]);
  });

  it('reads and writes operands that are not aligned for their dtype', () => {
    const bytes = new ArrayBuffer(8 * 3 + 1);
    const unaligned = new NDArray({ buffer: bytes, byteOffset: 1, dtype: 'float64', shape: [3] });
    new DataView(bytes).setFloat64(1, 1.5, true);
    new DataView(bytes).setFloat64(9, -2, true);
    new DataView(bytes).setFloat64(17, 4, true);
    expect((fma(unaligned, 2) as NDArray).toArray()).toEqual([4, -3, 9]);
    fma(arr([1, 2, 3], 'float64'), 1, { out: unaligned });
    expect(unaligned.toArray()).toEqual([2, 3, 4]);
  });

  it('skips masked elements and calls nothing for an empty array', () => {
    const out = arr([7, 7, 7], 'float64');
    fma(arr([1, 2, 3], 'float64'), 1, { out, where: arr([true, false, true], 'bool') });
    expect(out.toArray()).toEqual([2, 7, 4]);
    let calls = 0;
    const counted = createUfunc({ name: 'counted', nin: 1, nout: 1, loops: { 'd->d': (x) => (calls++, x) } });
    counted(arr([], 'float64'));
    expect(calls).toBe(0);
    expect(counted(2.5)).toBe(2.5);
    expect(calls).toBe(1);
  });

  it('gives the same values when one function meets many layouts in turn', () => {
    const m = arr([[1, 2, 3], [4, 5, 6]], 'float64');
    for (let round = 0; round < 3; round += 1) {
      expect((fma(m, 1) as NDArray).toArray()).toEqual([[2, 3, 4], [5, 6, 7]]);
      expect((fma(m.transpose(), arr([1, 2], 'float64')) as NDArray).toArray()).toEqual([[2, 9], [3, 11], [4, 13]]);
      expect((fma(m.slice(':', '::2'), m.slice(':', '::-2')) as NDArray).toArray()).toEqual([[4, 4], [25, 25]]);
    }
  });
});

describe('createUfunc loops: two outputs', () => {
  const divmod7 = createUfunc({
    name: 'divmod7',
    nin: 1,
    nout: 2,
    loops: { 'd->dd': (x) => [Math.floor((x as number) / 7), (x as number) - 7 * Math.floor((x as number) / 7)] },
  });

  it('writes each output', () => {
    const [q, r] = divmod7(arr([20, -1, 7], 'float64')) as NDArray[];
    expect(q!.toArray()).toEqual([2, -1, 1]);
    expect(r!.toArray()).toEqual([6, 6, 0]);
  });

  it('rejects a function that does not return one value per output', () => {
    const bad = createUfunc({ name: 'bad', nin: 1, nout: 2, loops: { 'd->dd': (x) => x } });
    expect(() => bad(arr([1], 'float64'))).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_RETURN_VALUE', message: "loop 'd->dd' of ufunc 'bad' must return an array of 2 values" }),
    );
    const short = createUfunc({ name: 'short', nin: 1, nout: 2, loops: { 'd->dd': (x) => [x] } });
    expect(() => short(arr([1], 'float64'))).toThrow("loop 'd->dd' of ufunc 'short' must return an array of 2 values");
  });
});

describe('createUfunc loops: results are stored as the dtype stores them', () => {
  const toInt = (f: (x: number) => unknown) => createUfunc({ name: 'toInt', nin: 1, nout: 1, loops: { 'd->i': f as never } });

  it('truncates numbers toward zero into integers and refuses those out of range', () => {
    expect((toInt((x) => x + 0.7)(arr([1, -2, 2147483646], 'float64')) as NDArray).toArray()).toEqual([1, -1, 2147483646]);
    expect(() => toInt((x) => x * 1e10)(arr([1], 'float64'))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_BOUNDS', message: 'integer 10000000000 is out of bounds for int32' }),
    );
    expect(() => toInt(() => Number.NaN)(arr([1], 'float64'))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message: 'cannot convert float NaN to integer (int32)' }),
    );
    expect((toInt(() => true)(arr([1], 'float64')) as NDArray).toArray()).toEqual([1]);
    expect((toInt(() => 5n)(arr([1], 'float64')) as NDArray).toArray()).toEqual([5]);
  });

  it('converts booleans, bigints and complex values into float64 and refuses strings', () => {
    const any = (f: (x: number) => unknown) => createUfunc({ name: 'any', nin: 1, nout: 1, loops: { 'd->d': f as never } });
    expect((any((x) => x > 1)(arr([1, 2], 'float64')) as NDArray).toArray()).toEqual([0, 1]);
    expect((any(() => 3n)(arr([1], 'float64')) as NDArray).toArray()).toEqual([3]);
    expect((any(() => ({ re: 2, im: 5 }))(arr([1], 'float64')) as NDArray).toArray()).toEqual([2]);
    expect(() => any(() => 'x')(arr([1], 'float64'))).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'expected a number, bigint or boolean for a float64 element, got "x"' }),
    );
  });

  it('reads and writes bool, int64, uint8, float16 and complex elements', () => {
    const not = createUfunc({ name: 'not', nin: 1, nout: 1, loops: { '?->?': (x) => !x } });
    expect((not(arr([true, false], 'bool')) as NDArray).toArray()).toEqual([false, true]);
    const nonzero = createUfunc({ name: 'nonzero', nin: 1, nout: 1, loops: { 'd->?': (x) => x as number } });
    expect((nonzero(arr([0, 2, Number.NaN], 'float64')) as NDArray).toArray()).toEqual([false, true, true]);
    const big = createUfunc({ name: 'big', nin: 1, nout: 1, loops: { 'q->q': (x) => (x as bigint) * 3n } });
    expect((big(arr([2n ** 61n, -5n], 'int64')) as NDArray).toArray()).toEqual([3n * 2n ** 61n, -15n]);
    expect(() => big(arr([2n ** 62n], 'int64'))).toThrow('integer 13835058055282163712 is out of bounds for int64');
    const wrap = createUfunc({ name: 'wrap', nin: 1, nout: 1, loops: { 'B->B': (x) => (x as number) + 1 } });
    expect(() => wrap(arr([255], 'uint8'))).toThrow('integer 256 is out of bounds for uint8');
    const half = createUfunc({ name: 'half', nin: 1, nout: 1, loops: { 'e->e': (x) => (x as number) + 2 } });
    expect((half(arr([1.5], 'float16')) as NDArray).toArray()).toEqual([3.5]);
    const conj = createUfunc({ name: 'conj', nin: 1, nout: 1, loops: { 'D->D': (z) => ({ re: (z as { re: number }).re, im: -(z as { im: number }).im }) } });
    expect((conj(arr([{ re: 1, im: 2 }], 'complex128')) as NDArray).toArray()).toEqual([{ re: 1, im: -2 }]);
  });
});
