// ufunc.async and the .async methods: the same results, errors and warnings
// as the synchronous calls, with the kernels on the libuv thread pool and
// the memory they use pinned (ERR_BUSY for writes, safe detaches) until the
// promise settles.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BufferError,
  NDArray,
  add,
  asarray,
  createUfunc,
  divide,
  divmod,
  equal,
  errstate,
  fromDlpack,
  logical_and,
  maximum,
  multiply,
  power,
  sin,
  sqrt,
  subtract,
  toDlpack,
  type Ufunc,
} from '../../src/index.js';
import { expectError, expectRejection, expectSameRejection, thrown } from '../helpers/expect-error.js';
import { collectGarbage, deleterCallsDuring, producer } from '../helpers/producer.js';
import { startWorker } from '../helpers/workers.js';
import { hasNumpy, numpyJson, skipReason } from './ufunc-numpy.js';

function bytesOf(a: NDArray): number[] {
  const out: number[] = [];
  const view = new DataView(a.buffer);
  a._forEachOffset((offset) => {
    for (let i = 0; i < a.dtype.itemsize; i++) out.push(view.getUint8(offset + i));
  });
  return out;
}

/** Same kind of value; arrays with the same dtype, shape and bytes. */
function expectIdentical(actual: unknown, expected: unknown): void {
  if (expected instanceof NDArray) {
    expect(actual).toBeInstanceOf(NDArray);
    const a = actual as NDArray;
    expect(a.dtype.name).toBe(expected.dtype.name);
    expect(a.shape).toEqual(expected.shape);
    expect(bytesOf(a)).toEqual(bytesOf(expected));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    expected.forEach((entry, i) => expectIdentical((actual as unknown[])[i], entry));
  } else {
    expect(actual).toStrictEqual(expected);
  }
}

function float64(values: number[], shape?: number[]): NDArray {
  const a = asarray(new Float64Array(values));
  return shape ? a.reshape(shape) : a;
}

const matrix = float64([1.5, -2, 3.25, 0.1, 7, -0.5, 9, 1e-3, 2, 4, -6, 8], [3, 4]);
const row = float64([10, 20, 30, 40]);
const column = float64([1, 2, 3], [3, 1]);
const ints = asarray(new Int32Array([7, -3, 12, 5, 0, -8]));
const small = asarray(new Int16Array([3, 1, 4, 1, 5, 9]));
const halves = asarray(new Uint16Array([0x3c00, 0x4000, 0x4200]), { dtype: 'float16' });
const mask = asarray([true, false, true, true]);

// Each case builds fresh operands (outputs are written) and calls one method.
const cases: [string, (u: 'sync' | 'async') => unknown][] = [
  ['add of contiguous float64', (u) => (u === 'sync' ? add(matrix, matrix) : add.async(matrix, matrix))],
  ['add broadcasting (3,1) with (4,)', (u) => (u === 'sync' ? add(column, row) : add.async(column, row))],
  ['subtract on strided and reversed views', (u) => (u === 'sync' ? subtract(matrix.slice('::2'), matrix.slice('::-2')) : subtract.async(matrix.slice('::2'), matrix.slice('::-2')))],
  ['add on a transposed view', (u) => (u === 'sync' ? add(matrix.transpose(), row.reshape([4, 1])) : add.async(matrix.transpose(), row.reshape([4, 1])))],
  ['multiply int32 by int16 (promotion)', (u) => (u === 'sync' ? multiply(ints, small) : multiply.async(ints, small))],
  ['add float16 (half loop)', (u) => (u === 'sync' ? add(halves, halves) : add.async(halves, halves))],
  ['add int32 and a weak float scalar', (u) => (u === 'sync' ? add(ints, 0.5) : add.async(ints, 0.5))],
  ['add of two JS scalars (a 0-d result is a JS scalar)', (u) => (u === 'sync' ? add(1, 2.5) : add.async(1, 2.5))],
  ['divmod (two outputs) of scalars', (u) => (u === 'sync' ? divmod(7, -2) : divmod.async(7, -2))],
  ['divmod of arrays', (u) => (u === 'sync' ? divmod(ints, 3) : divmod.async(ints, 3))],
  ['power int32 by a non-negative int8 array (cast exponent, checked first)', (u) => {
    const e = asarray(new Int8Array([1, 2, 0, 3, 1, 2]));
    return u === 'sync' ? power(ints, e) : power.async(ints, e);
  }],
  ['equal of int8 with an int beyond its range', (u) => {
    const a = asarray(new Int8Array([1, 127, -128]));
    return u === 'sync' ? equal(a, 1000) : equal.async(a, 1000);
  }],
  ['logical_and of floats', (u) => (u === 'sync' ? logical_and(row, mask) : logical_and.async(row, mask))],
  ['sqrt with out of another dtype and a where mask', (u) => {
    const out = asarray(new Float32Array([-1, -1, -1, -1]));
    return u === 'sync' ? sqrt(row, { out, where: mask }) : sqrt.async(row, { out, where: mask });
  }],
  ['add with an out that is also an input (in place)', (u) => {
    const a = float64([1, 2, 3]);
    return u === 'sync' ? add(a, a, { out: a }) : add.async(a, a, { out: a });
  }],
  ['add with partially overlapping input and output', (u) => {
    const a = float64([1, 2, 3, 4, 5]);
    return u === 'sync' ? add(a.slice(':4'), 1, { out: a.slice('1:') }) : add.async(a.slice(':4'), 1, { out: a.slice('1:') });
  }],
  ['add.reduce over axis 0', (u) => (u === 'sync' ? add.reduce(matrix) : add.reduce.async(matrix))],
  ['add.reduce over all axes (scalar)', (u) => (u === 'sync' ? add.reduce(matrix, { axis: null }) : add.reduce.async(matrix, { axis: null }))],
  ['add.reduce of int16 (accumulates in int64)', (u) => (u === 'sync' ? add.reduce(small) : add.reduce.async(small))],
  ['multiply.reduce with keepdims, dtype and where/initial', (u) => {
    const o = { axis: 1, keepdims: true, dtype: 'float32', where: mask, initial: 2 } as const;
    return u === 'sync' ? multiply.reduce(matrix, o) : multiply.reduce.async(matrix, o);
  }],
  ['maximum.reduce (no identity: starts from the first element)', (u) => (u === 'sync' ? maximum.reduce(matrix, { axis: 1 }) : maximum.reduce.async(matrix, { axis: 1 }))],
  ['add.reduce into an out of another dtype', (u) => {
    const out = asarray(new Float32Array(4));
    return u === 'sync' ? add.reduce(matrix, { out }) : add.reduce.async(matrix, { out });
  }],
  ['add.accumulate along axis 1 of int32', (u) => {
    const a = ints.reshape([2, 3]);
    return u === 'sync' ? add.accumulate(a, { axis: 1 }) : add.accumulate.async(a, { axis: 1 });
  }],
  ['multiply.accumulate of float64 (JS fast path when sync)', (u) => (u === 'sync' ? multiply.accumulate(row) : multiply.accumulate.async(row))],
  ['add.reduceat', (u) => (u === 'sync' ? add.reduceat(matrix, [0, 2, 1], { axis: 1 }) : add.reduceat.async(matrix, [0, 2, 1], { axis: 1 }))],
  ['multiply.outer', (u) => (u === 'sync' ? multiply.outer(column.reshape([3]), row) : multiply.outer.async(column.reshape([3]), row))],
  ['add.at with repeated indices', (u) => {
    const a = float64([1, 2, 3, 4]);
    const result = u === 'sync' ? add.at(a, [0, 0, 3], 1.5) : add.at.async(a, [0, 0, 3], 1.5);
    return result instanceof Promise ? result.then(() => a) : a;
  }],
  ['subtract.at into int8 (cast in and out)', (u) => {
    const a = asarray(new Int8Array([10, 20, 30]));
    const result = u === 'sync' ? subtract.at(a, [2, 1], 3) : subtract.at.async(a, [2, 1], 3);
    return result instanceof Promise ? result.then(() => a) : a;
  }],
];

describe('async calls resolve to exactly what the sync call returns', () => {
  it.each(cases)('%s', async (_, call) => {
    const expected = await call('sync');
    const pending = call('async');
    expect(pending).toBeInstanceOf(Promise);
    expectIdentical(await pending, expected);
  });
});

describe.skipIf(!hasNumpy)(`async results match NumPy (${hasNumpy ? 'NumPy found' : skipReason})`, () => {
  const data = hasNumpy
    ? numpyJson<{ x: number[]; sum: number; rows: number[]; sines: number[] }>(`
rng = np.random.default_rng(11)
x = rng.standard_normal(3001) * 10.0 ** rng.integers(-4, 4, 3001)
print(json.dumps({'x': x.tolist(), 'sum': float(np.add.reduce(x)), 'rows': np.add.reduce(x[:3000].reshape(30, 100), axis=1).tolist(), 'sines': np.sin(x[:50]).tolist()}))`)
    : { x: [], sum: 0, rows: [], sines: [] };

  it("add.reduce.async is NumPy's pairwise sum bit for bit", async () => {
    const x = float64(data.x);
    expect(await add.reduce.async(x)).toBe(data.sum);
    expect(((await add.reduce.async(x.slice(':3000').reshape([30, 100]), { axis: 1 })) as NDArray).toArray()).toEqual(data.rows);
  });

  it('sin.async equals the sync sin bit for bit, and np.sin within 4 ulp', async () => {
    const input = float64(data.x.slice(0, 50));
    const got = ((await sin.async(input)) as NDArray).toArray() as number[];
    expect(got).toEqual((sin(input) as NDArray).toArray());
    const bits = (v: number) => new BigInt64Array(new Float64Array([v]).buffer)[0]!;
    got.forEach((v, i) => {
      const d = bits(v) - bits(data.sines[i]!);
      expect(d < 0n ? -d : d).toBeLessThanOrEqual(4n);
    });
  });
});

describe('errstate: flags are handled when the work completes, under the settings of the call', () => {
  const warnings: string[] = [];
  const spy = () => vi.spyOn(process, 'emitWarning').mockImplementation(((message: string) => void warnings.push(message)) as never);
  afterEach(() => {
    vi.restoreAllMocks();
    warnings.length = 0;
  });

  it('warns after completion, not when the call is made', async () => {
    spy();
    const pending = divide.async(row, 0);
    expect(warnings).toEqual([]);
    await pending;
    expect(warnings).toEqual(['divide by zero encountered in divide']);
  });

  it('warns once per category in NumPy order, and for casts as "cast"', async () => {
    spy();
    const out = asarray(new Int8Array(2));
    await divide.async(float64([0, 1]), 0, { out, casting: 'unsafe' });
    expect(warnings).toEqual(['divide by zero encountered in divide', 'invalid value encountered in divide', 'invalid value encountered in cast']);
  });

  it('rejects with the sync error when the errstate of the call says raise, even if it changed since', async () => {
    const pending = errstate({ divide: 'raise' }, () => divide.async(row, 0));
    await expectRejection(pending, RangeError, 'ERR_FLOATING_POINT', 'divide by zero encountered in divide');
  });

  it('ignores what the errstate of the call ignores', async () => {
    spy();
    await errstate({ all: 'ignore' }, () => sqrt.async(-1));
    expect(warnings).toEqual([]);
  });

  it('stops where the sync call raises: a later cast into out does not run', async () => {
    const out = asarray(new Float32Array([7, 7]));
    const sync = asarray(new Float32Array([7, 7]));
    expectError(() => errstate({ invalid: 'raise' }, () => sqrt(float64([-1, 4]), { out: sync })), RangeError, 'ERR_FLOATING_POINT', 'invalid value encountered in sqrt');
    await expectRejection(errstate({ invalid: 'raise' }, () => sqrt.async(float64([-1, 4]), { out })), RangeError, 'ERR_FLOATING_POINT', 'invalid value encountered in sqrt');
    expect(out.toArray()).toEqual(sync.toArray());
    expect(out.toArray()).toEqual([7, 7]);
  });
});

describe('argument errors reject with the error the sync call throws', () => {
  const readonlyOut = new NDArray({ buffer: new Float64Array(4), dtype: 'float64', shape: [4], readonly: true });
  const rejections: [string, () => unknown, () => Promise<unknown>][] = [
    ['too many inputs', () => add(1, 2, 3, 4), () => add.async(1, 2, 3, 4)],
    ['an unknown option', () => add(row, row, { axis: 0 }), () => add.async(row, row, { axis: 0 })],
    ['a read-only out', () => add(row, row, { out: readonlyOut }), () => add.async(row, row, { out: readonlyOut })],
    ['shapes that do not broadcast', () => add(row, column.reshape([3])), () => add.async(row, column.reshape([3]))],
    ['an output the result cannot be cast to', () => add(row, row, { out: asarray(new Int32Array(4)) }), () => add.async(row, row, { out: asarray(new Int32Array(4)) })],
    ['an integer to a negative integer power', () => power(ints, asarray(new Int8Array([1, 1, -1, 1, 1, 1]))), () => power.async(ints, asarray(new Int8Array([1, 1, -1, 1, 1, 1])))],
    ['an axis out of range', () => add.reduce(matrix, { axis: 2 }), () => add.reduce.async(matrix, { axis: 2 })],
    ['a reduction without identity over nothing', () => maximum.reduce(float64([])), () => maximum.reduce.async(float64([]))],
    ['accumulate over several axes', () => add.accumulate(matrix, { axis: null } as never), () => add.accumulate.async(matrix, { axis: null } as never)],
    ['a reduceat index out of range', () => add.reduceat(row, [0, 9]), () => add.reduceat.async(row, [0, 9])],
    ['outer of a unary ufunc', () => (sin as unknown as Ufunc).outer(row, row), () => (sin as unknown as Ufunc).outer.async(row, row)],
    ['at on a plain array', () => add.at([1, 2] as never, [0], 1), () => add.at.async([1, 2] as never, [0], 1)],
    ['a string input', () => add('x', 1), () => add.async('x', 1)],
  ];
  it.each(rejections)('%s', async (_, sync, run) => {
    await expectSameRejection(sync, run);
  });

  it('never throws synchronously', () => {
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = add.async())).not.toThrow();
    return expect(pending).rejects.toThrow(TypeError);
  });
});

describe('memory in use by a pending call is busy until the promise settles', () => {
  const busy = 'its memory is in use by a pending async ufunc call until its promise settles';
  const written = (call: string): string => `its memory is being written by a pending ${call} call until its promise settles`;

  it("refuses writes to a pending call's output: set, out of a sync call, at, dispose, zero-copy export", async () => {
    const out = float64([0, 0, 0, 0]);
    const tail = out.slice('1:');
    const pending = add.async(row, row, { out });
    const byAdd = written('add.async()');
    expectError(() => out.set(0, 1), TypeError, 'ERR_BUSY', `cannot write to this array: ${byAdd}`);
    expectError(() => tail.set(0, 1), TypeError, 'ERR_BUSY', `cannot write to this array: ${byAdd}`);
    expectError(() => multiply(row, 2, { out }), TypeError, 'ERR_BUSY', `out[0] cannot be written: ${byAdd}`);
    expectError(() => add.at(out, [0], 1), TypeError, 'ERR_BUSY', `add.at() cannot write to its first argument: ${byAdd}`);
    expectError(() => out[Symbol.dispose](), TypeError, 'ERR_BUSY', `cannot dispose this array: ${byAdd}`);
    expectError(() => toDlpack(out), TypeError, 'ERR_BUSY', `cannot export this array without copying: ${byAdd}`);
    await pending;
    expect(fromDlpack(toDlpack(out, { copy: true })).shape).toEqual([4]);
    out.set(0, 5);
    expect(out.toArray()).toEqual([5, 40, 60, 80]);
    out[Symbol.dispose]();
  });

  it("refuses writes to a pending call's input, and allows reading it", async () => {
    const input = float64([1, 2, 3, 4]);
    const pending = sqrt.async(input);
    expectError(() => input.set(0, 9), TypeError, 'ERR_BUSY', `cannot write to this array: ${busy}`);
    expectError(() => add(row, row, { out: input }), TypeError, 'ERR_BUSY', `out[0] cannot be written: ${busy}`);
    expect((add(input, input) as NDArray).toArray()).toEqual([2, 4, 6, 8]);
    await pending;
    input.set(0, 9);
  });

  it('rejects a second async call writing the same out', async () => {
    const out = float64([0, 0, 0, 0]);
    const first = add.async(row, row, { out });
    await expectRejection(multiply.async(row, row, { out }), TypeError, 'ERR_BUSY', `out[0] cannot be written: ${written('add.async()')}`);
    await first;
    expect(out.toArray()).toEqual([20, 40, 60, 80]);
  });

  it("rejects an async call reading a pending call's output", async () => {
    const out = float64([0, 0, 0, 0]);
    const first = add.async(row, row, { out });
    await expectRejection(sqrt.async(out), TypeError, 'ERR_BUSY', `sqrt.async() cannot read an input: ${written('add.async()')}`);
    await first;
    expect(((await sqrt.async(out)) as NDArray).toArray()).toEqual([20, 40, 60, 80].map(Math.sqrt));
  });

  it('lets concurrent calls read the same input', async () => {
    const results = await Promise.all([sqrt.async(row), add.async(row, row), add.reduce.async(row)]);
    expect((results[0] as NDArray).toArray()).toEqual([10, 20, 30, 40].map(Math.sqrt));
    expect((results[1] as NDArray).toArray()).toEqual([20, 40, 60, 80]);
    expect(results[2]).toBe(100);
  });

  it('releases the memory when the call rejects', async () => {
    const out = float64([0, 0, 0, 0]);
    await expect(errstate({ divide: 'raise' }, () => divide.async(row, 0, { out }))).rejects.toThrow('divide by zero');
    out.set(0, 1);
  });
});

describe('detaching, transferring or dropping operands while the work runs is safe', () => {
  const n = 1 << 20;
  const ramp = () => asarray(new Float64Array(n).map((_, i) => i));

  it('an input transferred by structuredClone: the call still computes from its memory', async () => {
    const a = ramp();
    const pending = add.async(a, 1);
    const moved = structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
    expect(a.buffer.byteLength).toBe(0);
    const result = (await pending) as NDArray;
    const values = new Float64Array(result.buffer);
    expect(values[0]).toBe(1);
    expect(values[n - 1]).toBe(n);
    expect(new Float64Array(moved)[n - 1]).toBe(n - 1);
  });

  it('an output transferred through postMessage: rejects ERR_DETACHED, the results land in the moved memory', async () => {
    const a = ramp();
    const out = asarray(new Float64Array(n));
    const pending = add.async(a, a, { out });
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<ArrayBuffer>((resolve) => port2.once('message', resolve));
    port1.postMessage(out.buffer, [out.buffer as ArrayBuffer]);
    await expectRejection(
      pending,
      TypeError,
      'ERR_DETACHED',
      "add.async(): an output's ArrayBuffer was detached (transferred) while the call ran, so its results are not in this thread's memory",
    );
    const moved = new Float64Array(await received);
    expect(moved[n - 1]).toBe(2 * (n - 1));
    port1.close();
  });

  it('inputs and outputs nobody references any more are kept alive until the work is done', async () => {
    const start = () => add.reduce.async(ramp().slice('::2'));
    const pending = start();
    await collectGarbage();
    expect(await pending).toBe((n / 2) * (n / 2 - 1));
  });

  it("a dropped DLPack import's deleter waits for the work, and runs once afterwards", async () => {
    const values = new Float64Array(n).map((_, i) => i);
    const calls = await deleterCallsDuring(async () => {
      const before = producer.counters().deleterCalls;
      const pending = (() => {
        const { tensor } = producer.makeTensor({ versioned: true, shape: [n], code: 2, bits: 64, bytes: new Uint8Array(values.buffer) });
        return sin.async(fromDlpack(tensor)).then((result) => {
          // The import is unreachable from JS since the call; only the work held it.
          expect(producer.counters().deleterCalls - before).toBe(0);
          return result;
        });
      })();
      (globalThis as { gc?: () => void }).gc?.();
      expect(producer.counters().deleterCalls - before).toBe(0);
      expect(((await pending) as NDArray).get(n - 1)).toBe(Math.sin(n - 1));
    });
    expect(calls).toBe(1);
  });

  it('a busy DLPack import cannot be disposed until the work is done', async () => {
    const { tensor } = producer.makeTensor({ versioned: true, shape: [4], code: 2, bits: 64, bytes: new Uint8Array(new Float64Array([1, 4, 9, 16]).buffer) });
    const imported = fromDlpack(tensor);
    const pending = sqrt.async(imported);
    expectError(() => imported[Symbol.dispose](), TypeError, 'ERR_BUSY', 'cannot dispose this array: its memory is in use by a pending async ufunc call until its promise settles');
    await pending;
    imported[Symbol.dispose]();
  });

  it('a shared (and growable) SharedArrayBuffer works as input and output', async () => {
    const shared = new SharedArrayBuffer(32, { maxByteLength: 64 } as never);
    new Float64Array(shared).set([1, 4, 9, 16]);
    const a = asarray(new Float64Array(shared));
    const pending = sqrt.async(a, { out: a });
    (shared as unknown as { grow(n: number): void }).grow(64);
    await pending;
    expect(a.toArray()).toEqual([1, 2, 3, 4]);
  });

  it('memory of a resizable ArrayBuffer is refused (V8 decommits a shrunk tail whoever uses it); sync calls take it', async () => {
    const resizable = new ArrayBuffer(32, { maxByteLength: 64 } as never);
    new Float64Array(resizable).set([1, 4, 9, 16]);
    const a = asarray(new Float64Array(resizable));
    await expectRejection(
      sqrt.async(a),
      BufferError,
      'ERR_BUFFER',
      'async ufuncs cannot use memory of a resizable ArrayBuffer (shrinking it while the work runs would take the memory away); use a fixed-length ArrayBuffer or a SharedArrayBuffer',
    );
    expect((sqrt(a) as NDArray).toArray()).toEqual([1, 2, 3, 4]);
  });
});

describe('on the thread pool', () => {
  it('lets the event loop run while a large call is in flight', async () => {
    const big = asarray(new Float64Array(1 << 22).fill(0.5));
    const order: string[] = [];
    const pending = sin.async(big).then(() => order.push('resolved'));
    setImmediate(() => order.push('immediate'));
    await pending;
    expect(order).toEqual(['immediate', 'resolved']);
  });

  it('runs many concurrent calls (more than the pool has threads) correctly', async () => {
    const inputs = Array.from({ length: 24 }, (_, k) => asarray(new Float64Array(10_000).fill(k)));
    const sums = await Promise.all(inputs.map((a) => add.reduce.async(a)));
    expect(sums).toEqual(inputs.map((_, k) => k * 10_000));
  });

  it('runs in a worker, and a worker terminated with calls in flight neither crashes nor leaks', async () => {
    const worker = startWorker();
    expect(await worker.call('asyncSum', { n: 1000 })).toBe(499500);
    await collectGarbage();
    const before = producer.counters().deleterCalls;
    expect(await worker.call('asyncInFlight', { count: 4, n: 1 << 20 })).toBe(4);
    await worker.worker.terminate();
    await worker.exited;
    expect(producer.counters().deleterCalls - before).toBe(4);
  });
});

describe('dispatch and user-defined ufuncs', () => {
  it("returns an __array_ufunc__ override's result in a promise", async () => {
    const seen: string[] = [];
    class Duck {
      __array_ufunc__(ufunc: { name: string }, method: string, inputs: unknown[]): unknown {
        seen.push(`${ufunc.name}.${method}`);
        // A sync call made by the override really runs (it is not recorded).
        return ['handled', add(typeof inputs[1] === 'number' ? inputs[1] : 0, 1)];
      }
    }
    const duck = new Duck();
    expect(await add.async(duck, 41)).toEqual(['handled', 42n]);
    expect(await add.reduce.async(duck)).toEqual(['handled', 1n]);
    expect(seen).toEqual(['add.__call__', 'add.reduce']);
  });

  it('runs a createUfunc ufunc synchronously, then resolves', async () => {
    const hypot = createUfunc({ name: 'hypot2', nin: 2, nout: 1, loops: { 'dd->d': (x, y) => Math.hypot(x as number, y as number) } });
    expectIdentical(await hypot.async(float64([3, 5]), float64([4, 12])), hypot(float64([3, 5]), float64([4, 12])));
    expect(await hypot.reduce.async(float64([3, 4]))).toBe(5);
  });
});
