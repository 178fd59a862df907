// matmul.async, vecdot.async, matvec.async, vecmat.async: the same results,
// errors and warnings as the synchronous calls, with the product on the
// libuv thread pool and its memory pinned (ERR_BUSY) until the promise
// settles. Also the native entry point's own argument checks, and the
// thread split of large products (results independent of it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NDArray, NotImplemented, add, asarray, errstate, matmul, matvec, vecdot, vecmat } from '../../src/index.js';
import { native } from '../../src/base/native.js';
import { expectError, expectRejection, expectSameRejection, thrown } from '../helpers/expect-error.js';

/** Deterministic pseudo-random values in [-1, 1) (a small LCG). */
function randomArray(shape: number[], dtype = 'float64', seed = 1): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let state = seed >>> 0;
  const data = Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return dtype.startsWith('int') ? (state >>> 24) - 128 : state / 2 ** 31 - 1;
  });
  return asarray(data, { dtype: dtype as 'float64' }).reshape(shape);
}

function bytesOf(value: unknown): unknown {
  if (value instanceof NDArray) return { shape: value.shape, dtype: value.dtype.name, bytes: [...new Uint8Array(value.copy().buffer)] };
  return value;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('gufunc.async gives the sync results', () => {
  const a = randomArray([3, 4], 'float64', 1);
  const b = randomArray([4, 5], 'float64', 2);
  const batch = randomArray([6, 3, 4], 'float64', 3);
  const v = randomArray([4], 'float64', 4);
  const calls: [string, () => unknown, () => Promise<unknown>][] = [
    ['matmul 2-d', () => matmul(a, b), () => matmul.async(a, b)],
    ['matmul batched, broadcast', () => matmul(batch, b), () => matmul.async(batch, b)],
    ['matmul 1-d @ 2-d', () => matmul(v, b), () => matmul.async(v, b)],
    ['matmul 1-d @ 1-d (a scalar)', () => matmul(v, v), () => matmul.async(v, v)],
    ['matmul on transposed views', () => matmul(b.T, a.T), () => matmul.async(b.T, a.T)],
    ['matmul float64 inputs computed in float32 (dtype)', () => matmul([[1.5, 2], [3, 4]], [[5], [6]], { dtype: 'float32' }), () => matmul.async([[1.5, 2], [3, 4]], [[5], [6]], { dtype: 'float32' })],
    ['matmul int32', () => matmul(randomArray([5, 7], 'int32', 8), randomArray([7, 3], 'int32', 9)), () => matmul.async(randomArray([5, 7], 'int32', 8), randomArray([7, 3], 'int32', 9))],
    ['matmul mixed dtypes (cast inputs)', () => matmul(randomArray([3, 4], 'int16'), b), () => matmul.async(randomArray([3, 4], 'int16'), b)],
    ['matmul with axes', () => matmul(batch, b, { axes: [[-2, -1], [0, 1], [-2, -1]] }), () => matmul.async(batch, b, { axes: [[-2, -1], [0, 1], [-2, -1]] })],
    ['vecdot', () => vecdot(batch, v), () => vecdot.async(batch, v)],
    ['vecdot of two vectors (a scalar)', () => vecdot(v, v), () => vecdot.async(v, v)],
    ['vecdot complex (conjugates the first)', () => vecdot([1, { re: 0, im: 2 }], [{ re: 0, im: 1 }, 3]), () => vecdot.async([1, { re: 0, im: 2 }], [{ re: 0, im: 1 }, 3])],
    ['vecdot keepdims', () => vecdot(a, v, { keepdims: true }), () => vecdot.async(a, v, { keepdims: true })],
    ['matvec', () => matvec(batch, v), () => matvec.async(batch, v)],
    ['vecmat', () => vecmat(v, b), () => vecmat.async(v, b)],
    ['vecmat float16', () => vecmat(v.astype('float16'), b.astype('float16')), () => vecmat.async(v.astype('float16'), b.astype('float16'))],
  ];
  for (const [label, sync, run] of calls) {
    it(label, async () => {
      const expected = sync();
      const promise = run();
      expect(promise).toBeInstanceOf(Promise);
      expect(bytesOf(await promise)).toEqual(bytesOf(expected));
    });
  }

  it('with out given: resolves to out, written in place', async () => {
    const out = asarray(new Float64Array(15)).reshape([3, 5]);
    const result = await matmul.async(a, b, { out });
    expect(result).toBe(out);
    expect(bytesOf(out)).toEqual(bytesOf(matmul(a, b)));
  });

  it('with out overlapping an input: as if the input were copied first', async () => {
    const square = randomArray([4, 4], 'float64', 7);
    const expected = matmul(square, square) as NDArray;
    const copy = square.copy();
    await matmul.async(copy, copy, { out: copy });
    expect(bytesOf(copy)).toEqual(bytesOf(expected));
  });

  it('a large product (split across the thread pool) equals the sync one bit for bit', async () => {
    const x = randomArray([300, 200], 'float64', 11);
    const y = randomArray([200, 260], 'float64', 12);
    expect(bytesOf(await matmul.async(x, y))).toEqual(bytesOf(matmul(x, y)));
  });

  it('resolves to what an __array_ufunc__ override returns; sync calls inside it run', async () => {
    class Tagged {
      __array_ufunc__(ufunc: unknown, method: string, inputs: unknown[]) {
        if (ufunc !== matmul || method !== '__call__') return NotImplemented;
        return { tagged: (matmul(inputs[1], [[2]]) as NDArray).toArray() };
      }
    }
    expect(await matmul.async(new Tagged(), [[3]])).toEqual({ tagged: [[6n]] });
  });
});

describe('gufunc.async errors and warnings', () => {
  const a = randomArray([2, 3]);

  it('rejects with the sync error for bad arguments, never throwing synchronously', async () => {
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = matmul.async(a, a))).not.toThrow();
    await expectSameRejection(() => matmul(a, a), () => pending!);
    await expectSameRejection(() => vecdot(a, [1, 2]), () => vecdot.async(a, [1, 2]));
    await expectSameRejection(() => matvec(a, a, { where: true }), () => matvec.async(a, a, { where: true }));
    await expectSameRejection(() => vecmat(['x'], a), () => vecmat.async(['x'], a));
    await expectSameRejection(() => matmul(a, a.T, { out: asarray([1, 2]) }), () => matmul.async(a, a.T, { out: asarray([1, 2]) }));
  });

  it('rejects the methods gufuncs do not have with the sync error', async () => {
    await expectSameRejection(() => matmul.reduce(a), () => matmul.reduce.async(a));
    await expectSameRejection(() => vecdot.accumulate(a), () => vecdot.accumulate.async(a));
    await expectSameRejection(() => matvec.reduceat(a, [0]), () => matvec.reduceat.async(a, [0]));
    await expectSameRejection(() => vecmat.outer(a, a), () => vecmat.outer.async(a, a));
    await expectSameRejection(() => matmul.at(a, [0]), () => matmul.at.async(a, [0]));
  });

  it("rejects when the call's errstate says raise, even if it changed since", async () => {
    const pending = errstate({ invalid: 'raise' }, () => matmul.async([[Infinity, 1]], [[0], [1]]));
    await expectRejection(pending, RangeError, 'ERR_FLOATING_POINT', 'invalid value encountered in matmul');
  });

  it('warns after completion as the sync call does', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const pending = matmul.async([[1e308]], [[10]]);
    expect(warn).not.toHaveBeenCalled();
    expect(bytesOf(await pending)).toEqual(bytesOf(asarray([[Infinity]])));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toBe('overflow encountered in matmul');
  });
});

describe('memory of a pending gufunc.async call is busy until it settles', () => {
  const busy = 'its memory is in use by a pending async ufunc call until its promise settles';
  const written = `its memory is being written by a pending matmul.async() call until its promise settles`;
  const a = randomArray([4, 4], 'float64', 21);

  it("refuses writes to the output and the inputs, lets the inputs be read", async () => {
    const out = asarray(new Float64Array(16)).reshape([4, 4]);
    const input = a.copy();
    const pending = matmul.async(input, a, { out });
    expectError(() => out.set(0, 0, 1), TypeError, 'ERR_BUSY', `cannot write to this array: ${written}`);
    expectError(() => matmul(a, a, { out }), TypeError, 'ERR_BUSY', `out[0] cannot be written: ${written}`);
    expectError(() => input.set(0, 0, 1), TypeError, 'ERR_BUSY', `cannot write to this array: ${busy}`);
    expect(bytesOf(matmul(input, a))).toEqual(bytesOf(matmul(a, a)));
    await pending;
    expect(bytesOf(out)).toEqual(bytesOf(matmul(a, a)));
    out.set(0, 0, 1);
    input.set(0, 0, 1);
  });

  it('rejects a second async call writing the same out, and one reading it', async () => {
    const out = asarray(new Float64Array(16)).reshape([4, 4]);
    const row = out.slice(0);
    const first = matmul.async(a, a, { out });
    await expectRejection(vecmat.async(a.slice(0), a, { out: row }), TypeError, 'ERR_BUSY', `out[0] cannot be written: ${written}`);
    await expectRejection(matmul.async(out, a), TypeError, 'ERR_BUSY', `matmul.async() cannot read an input: ${written}`);
    await expectRejection(add.async(out, 1), TypeError, 'ERR_BUSY', `add.async() cannot read an input: ${written}`);
    await first;
    expect(bytesOf(await matmul.async(out, a))).toEqual(bytesOf(matmul(out, a)));
  });

  it('releases the memory when the call rejects', async () => {
    const out = asarray(new Float64Array(1)).reshape([1, 1]);
    await expect(errstate({ over: 'raise' }, () => matmul.async([[1e308]], [[10]], { out }))).rejects.toThrow('overflow encountered in matmul');
    out.set(0, 0, 1);
  });

  it('runs many concurrent calls (more than the pool has threads) correctly, reading one input', async () => {
    const big = randomArray([64, 64], 'float64', 31);
    const others = Array.from({ length: 12 }, (_, i) => randomArray([64, 8], 'float64', 40 + i));
    const results = await Promise.all(others.map((o) => matmul.async(big, o)));
    results.forEach((r, i) => expect(bytesOf(r)).toEqual(bytesOf(matmul(big, others[i]))));
    const vectors = await Promise.all([vecdot.async(big, big), matvec.async(big, big.slice(0)), vecmat.async(big.slice(1), big)]);
    expect(bytesOf(vectors[0])).toEqual(bytesOf(vecdot(big, big)));
    expect(bytesOf(vectors[1])).toEqual(bytesOf(matvec(big, big.slice(0))));
    expect(bytesOf(vectors[2])).toEqual(bytesOf(vecmat(big.slice(1), big)));
  });

  it('memory of a resizable ArrayBuffer is refused, as for elementwise ufuncs', async () => {
    const buffer = new ArrayBuffer(32, { maxByteLength: 64 });
    const m = asarray(new Float64Array(buffer)).reshape([2, 2]);
    await expect(matmul.async(m, m)).rejects.toThrow('async ufuncs cannot use memory of a resizable ArrayBuffer');
    expect(bytesOf(matmul(m, m))).toEqual(bytesOf(asarray([[0, 0], [0, 0]], { dtype: 'float64' })));
  });
});

describe('the kernel paths and the thread split do not change results', () => {
  it('each row of a large float64 product equals the product of that row alone, bit for bit', () => {
    // The full product takes the packed, tiled (and threaded) path; a single
    // row takes the direct path. Both sum every element in order p = 0, 1, ...
    const x = randomArray([150, 120], 'float64', 51);
    const y = randomArray([120, 140], 'float64', 52);
    const full = matmul(x, y) as NDArray;
    for (const i of [0, 1, 5, 71, 149]) {
      const row = matmul(x.slice(`${i}:${i + 1}`), y) as NDArray;
      expect(bytesOf(full.slice(`${i}:${i + 1}`))).toEqual(bytesOf(row));
    }
  });

  it('writing into out views (wider rows, reversed rows, a column slice) gives the same bits as a new result', () => {
    const x = randomArray([30, 40], 'float64', 53);
    const y = randomArray([40, 50], 'float64', 54);
    const expected = bytesOf(matmul(x, y));
    const wide = asarray(new Float64Array(30 * 64)).reshape([30, 64]);
    matmul(x, y, { out: wide.slice(':', ':50') });
    expect(bytesOf(wide.slice(':', ':50'))).toEqual(expected);
    expect(wide.slice(':', '50:').toArray().flat().every((v) => v === 0)).toBe(true);
    const reversed = asarray(new Float64Array(30 * 50)).reshape([30, 50]);
    matmul(x, y, { out: reversed.slice('::-1') });
    expect(bytesOf(reversed.slice('::-1'))).toEqual(expected);
    const transposed = asarray(new Float64Array(50 * 30)).reshape([50, 30]);
    matmul(x, y, { out: transposed.T });
    expect(bytesOf(transposed.T)).toEqual(expected);
  });

  it('a large batch of small products equals each product alone', () => {
    const x = randomArray([2000, 3, 5], 'int32', 61);
    const y = randomArray([2000, 5, 2], 'int32', 62);
    const full = matmul(x, y) as NDArray;
    for (const i of [0, 999, 1999]) expect(bytesOf(full.slice(i))).toEqual(bytesOf(matmul(x.slice(i), y.slice(i))));
  });
});

describe('native.gufuncExec argument checks', () => {
  const buffer = new ArrayBuffer(32);
  const typeIndex = matmul.types.indexOf('dd->d');
  // 2x2 @ 2x2, no loop dimensions.
  const good = () => new Float64Array([0, 2, 2, 2, 0, 0, 0, 16, 8, 16, 8, 16, 8]);
  const run = (params: unknown, buffers: unknown = [buffer, buffer, new ArrayBuffer(32)], name: unknown = 'matmul', index: unknown = typeIndex) =>
    (native.gufuncExec as (...args: unknown[]) => number)(name, index, buffers, params);

  it('runs a well-formed call', () => {
    const a = new Float64Array([1, 2, 3, 4]);
    const out = new Float64Array(4);
    expect(run(good(), [a.buffer, a.buffer, out.buffer])).toBe(0);
    expect([...out]).toEqual([7, 10, 15, 22]);
  });

  it('refuses bad names, loop indices and buffers', () => {
    expectError(() => run(good(), undefined, 'dot'), TypeError, 'ERR_INVALID_ARG_TYPE', "expected the name of a gufunc, got 'dot'");
    expectError(() => run(good(), undefined, 3), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected the gufunc name as a string');
    expectError(() => run(good(), undefined, 'matmul', 99), RangeError, 'ERR_INVALID_ARG_VALUE', "expected typeIndex in [0, 19) for gufunc 'matmul', got 99");
    expectError(() => run(good(), [buffer, buffer]), TypeError, 'ERR_INVALID_ARG_TYPE', "expected buffers to be 3 buffers (A, B, out) for gufunc 'matmul'");
    expectError(() => run(good(), [buffer, buffer, 5]), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected buffers[2].buffer to be an ArrayBuffer or a TypedArray, got 5');
  });

  it('refuses malformed params', () => {
    expectError(() => run([0, 2, 2, 2]), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected params to be a Float64Array');
    expectError(() => run(new Float64Array([0, 2.5, 2, 2, 0, 0, 0, 16, 8, 16, 8, 16, 8])), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected params[1] to be a safe integer, got 2.5');
    expectError(() => run(new Float64Array([-1])), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected params[0] (the loop ndim) in [0, 64]');
    expectError(() => run(new Float64Array([1, 2, 2, 2])), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected params to hold 17 numbers for 1 loop dimensions, got 4');
    expectError(() => run(new Float64Array([0, 2, -2, 2, 0, 0, 0, 16, 8, 16, 8, 16, 8])), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected params[2] (a size) >= 0, got -2');
  });

  it('refuses operands reaching outside their buffers', () => {
    const params = good();
    params[6] = 8; // out starts at byte 8: its last element ends at byte 40 of 32
    expectError(() => run(params), RangeError, 'ERR_OUT_OF_BOUNDS', 'expected buffers[2] to stay inside its buffer of 32 bytes, but its elements reach bytes 8 to 40');
    const negative = good();
    negative[7] = -16; // A's row stride -16 from offset 0
    expectError(() => run(negative), RangeError, 'ERR_OUT_OF_BOUNDS', 'expected buffers[0] to stay inside its buffer of 32 bytes, but its elements reach bytes -16 to 16');
  });

  it('checks a recorded gufunc step of ufuncExecAsync the same way, prefixed with the step', async () => {
    const params = good();
    params[6] = 8;
    const step = { op: 'gufunc', name: 'matmul', typeIndex, buffers: [buffer, buffer, new ArrayBuffer(32)], params };
    expectError(
      () => native.ufuncExecAsync([step as never]),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'expected steps[0].buffers[2] to stay inside its buffer of 32 bytes, but its elements reach bytes 8 to 40',
    );
    expectError(() => native.ufuncExecAsync([{ ...step, params: [] } as never]), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected steps[0].params to be a Float64Array');
    const a = new Float64Array([1, 2, 3, 4]);
    const out = new Float64Array(4);
    await native.ufuncExecAsync([{ op: 'gufunc', name: 'matmul', typeIndex, buffers: [a, a, out], params: good() }]);
    expect([...out]).toEqual([7, 10, 15, 22]);
  });
});
