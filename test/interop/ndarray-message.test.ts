// Sending arrays to other threads: toMessage / fromMessage, through
// structuredClone and real worker_threads, and the refusal of a plain
// structuredClone / postMessage of ndinterop objects. Expected layouts and
// byte counts are worked out by hand from the source view.
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BufferError,
  DLPackCapsule,
  NDArray,
  asarray,
  dtype,
  fromArrayInterface,
  fromDlpack,
  fromMessage,
  sin,
  toDlpack,
  toMessage,
  type NDArrayMessage,
} from '../../src/index.js';
import { expectError, thrown } from '../helpers/expect-error.js';
import { collectGarbage, producer } from '../helpers/producer.js';
import { type TestWorker, startWorker } from '../helpers/workers.js';

const started: TestWorker[] = [];
function worker(): TestWorker {
  const w = startWorker();
  started.push(w);
  return w;
}
afterAll(async () => {
  await Promise.all(started.map((w) => w.worker.terminate()));
});

/** What the receiving side of postMessage(message, message.transfer) gets. */
function received(message: NDArrayMessage): NDArrayMessage {
  return structuredClone(message, { transfer: message.transfer });
}

function roundTrip(a: NDArray): NDArray {
  return fromMessage(received(toMessage(a)));
}

function float64(values: number[], shape: number[] = [values.length]): NDArray {
  return asarray(new Float64Array(values)).reshape(shape);
}

function bytesOf(...values: number[]): ArrayBuffer {
  return new Uint8Array(values).buffer;
}

// Big-endian int32 [1, -2, 3].
function bigEndianInt32(): NDArray {
  const view = new DataView(new ArrayBuffer(12));
  [1, -2, 3].forEach((v, i) => view.setInt32(4 * i, v, false));
  return new NDArray({ buffer: view.buffer, dtype: '>i4', shape: [3] });
}

function structured(): NDArray {
  const view = new DataView(new ArrayBuffer(24));
  view.setInt32(0, 7, true);
  view.setFloat64(4, 1.5, true);
  view.setInt32(12, -1, true);
  view.setFloat64(16, 2.5, true);
  return fromArrayInterface({ version: 3, shape: [2], typestr: '|V12', descr: [['a', '<i4'], ['b', '<f8']], data: view.buffer, strides: null });
}

const cases: Array<[string, () => NDArray]> = [
  ['C-contiguous float64', () => float64([1, 2, 3, 4, 5, 6], [2, 3])],
  ['Fortran-order (a transpose)', () => float64([1, 2, 3, 4, 5, 6], [2, 3]).T],
  ['non-contiguous (every other column)', () => float64([0, 1, 2, 3, 4, 5, 6, 7], [2, 4]).slice(':', '::2')],
  ['negative strides', () => float64([1, 2, 3, 4, 5, 6], [2, 3]).slice('::-1', '::-1')],
  ['byte-swapped int32', bigEndianInt32],
  ['0-d', () => float64([2.5], [])],
  ['empty', () => float64([], [0, 3])],
  ['bool', () => new NDArray({ buffer: bytesOf(1, 0, 1), dtype: 'bool', shape: [3] })],
  ['int64 beyond 2^53', () => asarray(new BigInt64Array([2n ** 62n + 1n, -5n]))],
  ['uint64', () => asarray(new BigUint64Array([2n ** 64n - 1n]))],
  ['complex128', () => new NDArray({ buffer: new Float64Array([1, 2, 3, -4]).buffer, dtype: 'complex128', shape: [2] })],
  ['complex64, byte-swapped', () => new NDArray({ buffer: new ArrayBuffer(16), dtype: '>c8', shape: [2] })],
  ['float16', () => new NDArray({ buffer: new Uint16Array([0x3c00, 0xc000]).buffer, dtype: 'float16', shape: [2] })],
  ['bfloat16', () => float64([1.5, -2]).astype('bfloat16')],
  ['bytes S3', () => new NDArray({ buffer: bytesOf(97, 98, 0, 99, 0, 0), dtype: 'S3', shape: [2] })],
  ['str U2', () => new NDArray({ buffer: new Uint32Array([104, 105, 0x1f600, 0]).buffer, dtype: '<U2', shape: [2] })],
  ['void V2', () => new NDArray({ buffer: bytesOf(1, 2, 3, 4), dtype: 'V2', shape: [2] })],
  ['datetime64[s]', () => new NDArray({ buffer: new BigInt64Array([0n, 86400n]).buffer, dtype: 'M8[s]', shape: [2] })],
  ['timedelta64[ms], big-endian', () => new NDArray({ buffer: new ArrayBuffer(16), dtype: '>m8[ms]', shape: [2] })],
  ['structured [a <i4, b <f8]', structured],
  ['read-only broadcast', () => float64([1, 2, 3]).broadcastTo([4, 3])],
];

describe('fromMessage(toMessage(a)) gives back dtype, shape, values and the readonly flag', () => {
  it.each(cases)('%s', (_, make) => {
    const a = make();
    const b = roundTrip(a);
    expect(b.dtype.str).toBe(a.dtype.str);
    expect(b.dtype.fullName).toBe(a.dtype.fullName);
    expect(b.dtype.equals(a.dtype)).toBe(true);
    expect(b.dtype.descr).toEqual(a.dtype.descr);
    expect(b.shape).toEqual(a.shape);
    expect(b.readonly).toBe(a.readonly);
    expect(b.toArray()).toEqual(a.toArray());
  });

  it('keeps the readonly flag of a read-only array', () => {
    const a = new NDArray({ buffer: new Float64Array([1, 2]).buffer, dtype: 'float64', shape: [2], readonly: true });
    expect(roundTrip(a).readonly).toBe(true);
    expect(roundTrip(float64([1, 2])).readonly).toBe(false);
  });
});

describe('a copy sends only the bytes the view reaches', () => {
  it('keeps the strides of a dense view in any order, with only its bytes', () => {
    const source = float64([1, 2, 3, 4, 5, 6], [2, 3]);
    const fortran = toMessage(source.T);
    expect(fortran).toMatchObject({ strides: [8, 24], offset: 0, shape: [3, 2] });
    expect(fortran.data.byteLength).toBe(48);
    const reversed = toMessage(source.slice('::-1', '::-1'));
    expect(reversed).toMatchObject({ strides: [-24, -8], offset: 40 });
    expect(reversed.data.byteLength).toBe(48);
  });

  it('sends one row of a larger buffer as just that row', () => {
    const row = float64([0, 1, 2, 3, 4, 5, 6, 7, 8], [3, 3]).slice(1);
    const message = toMessage(row);
    expect(message.data.byteLength).toBe(24);
    expect(message).toMatchObject({ strides: [8], offset: 0 });
    expect(fromMessage(received(message)).toArray()).toEqual([3, 4, 5]);
  });

  it('gathers a view with gaps in C order', () => {
    const a = float64([0, 1, 2, 3, 4, 5, 6, 7], [2, 4]).slice(':', '::2');
    const message = toMessage(a);
    expect(message.data.byteLength).toBe(32);
    expect(message).toMatchObject({ strides: [16, 8], offset: 0 });
    expect(fromMessage(received(message)).toArray()).toEqual([[0, 2], [4, 6]]);
  });

  it('sends a broadcast view as its source bytes with zero strides', () => {
    const message = toMessage(float64([1, 2, 3]).broadcastTo([1000, 3]));
    expect(message.data.byteLength).toBe(24);
    expect(message).toMatchObject({ strides: [0, 8], readonly: true });
  });

  it('sends an empty array as an empty buffer', () => {
    const message = toMessage(float64([], [0, 3]));
    expect(message.data.byteLength).toBe(0);
    expect(roundTrip(float64([], [0, 3])).shape).toEqual([0, 3]);
  });

  it('leaves the source untouched and lists the fresh copy for transfer', () => {
    const a = float64([1, 2, 3]);
    const message = toMessage(a);
    expect(message.data).not.toBe(a.buffer);
    expect(message.transfer).toEqual([message.data]);
    received(message);
    expect(a.toArray()).toEqual([1, 2, 3]);
  });

  it('copies memory imported through DLPack', () => {
    const { tensor } = producer.makeTensor({ shape: [2], code: 2, bits: 64, bytes: new Uint8Array(new Float64Array([4, 5]).buffer) });
    const imported = fromDlpack(tensor as object);
    expect(roundTrip(imported).toArray()).toEqual([4, 5]);
  });
});

describe('{ transfer: true } moves the ArrayBuffer', () => {
  it('detaches the source buffer at once, for every view of it', () => {
    const a = float64([1, 2, 3, 4]);
    const other = a.slice('1:');
    const message = toMessage(a.slice('::2'), { transfer: true });
    expect(a.buffer.byteLength).toBe(0);
    expectError(() => other.toArray(), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
    expect(message).toMatchObject({ strides: [16], offset: 0 });
    expect(message.data.byteLength).toBe(32);
    expect(message.transfer).toEqual([message.data]);
    expect(fromMessage(received(message)).toArray()).toEqual([1, 3]);
  });

  it('is allowed for a buffer exported through DLPack (the export then reports the detach)', () => {
    const a = float64([1, 2]);
    const capsule = toDlpack(a);
    expect(fromMessage(received(toMessage(a, { transfer: true }))).toArray()).toEqual([1, 2]);
    expectError(() => fromDlpack(capsule), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
  });

  it("refuses memory its owner made untransferable, and leaves it usable", () => {
    const pooled = asarray(Buffer.from('abcdef'));
    const message =
      "cannot transfer this array's ArrayBuffer: its owner marked it untransferable (Node's Buffer pool, external memory of other addons); send a copy with toMessage(a) instead";
    expectError(() => toMessage(pooled, { transfer: true }), BufferError, 'ERR_NOT_TRANSFERABLE', message);
    expect(pooled.toArray()).toEqual([97, 98, 99, 100, 101, 102]);
  });

  it('moves memory imported through DLPack: the producer deleter waits for the receiver', async () => {
    await collectGarbage(); // deleters of earlier tests' imports run first
    const before = producer.counters().deleterCalls;
    // float64 [1, 2], little-endian
    const bytes = new Uint8Array([0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40]);
    let imported: NDArray | undefined = fromDlpack(producer.makeTensor({ shape: [2], code: 2, bits: 64, bytes }).tensor as object);
    const message = toMessage(imported, { transfer: true });
    expect(imported.buffer.byteLength).toBe(0);
    imported = undefined;
    let received: NDArray | undefined = fromMessage(structuredClone(message, { transfer: message.transfer as ArrayBuffer[] }));
    await collectGarbage();
    expect(producer.counters().deleterCalls).toBe(before);
    expect(received.toArray()).toEqual([1, 2]);
    received = undefined;
    message.transfer.length = 0;
    (message as { data?: unknown }).data = undefined;
    await collectGarbage();
    expect(producer.counters().deleterCalls).toBe(before + 1);
  });
});

describe('a SharedArrayBuffer is shared, never copied', () => {
  it('puts the same buffer in the message and nothing in the transfer list', () => {
    const shared = new Float64Array(new SharedArrayBuffer(32));
    const a = asarray(shared).slice('1:');
    for (const transfer of [false, true]) {
      const message = toMessage(a, { transfer });
      expect(message.data).toBe(shared.buffer);
      expect(message).toMatchObject({ offset: 8, strides: [8], transfer: [] });
    }
  });
});

describe('refusals', () => {
  it('rejects what is not an NDArray, and bad options', () => {
    expectError(() => toMessage({} as NDArray), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an NDArray, got an instance of Object');
    expectError(() => toMessage(float64([1]), null as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected toMessage options to be an object, got null');
    expectError(() => toMessage(float64([1]), { transfer: 1 as never }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected transfer to be a boolean, got 1');
  });

  it('refuses a device array', () => {
    const { tensor } = producer.makeTensor({ shape: [2], code: 2, bits: 32, deviceType: 2 });
    const device = fromDlpack(tensor as object);
    expectError(
      () => toMessage(device),
      BufferError,
      'ERR_BUFFER',
      'cannot send an array on device CUDA:0 in a message: its data is not readable from JS (copy it to the CPU with its producer first)',
    );
  });

  it('refuses a disposed array and a detached buffer', () => {
    const disposed = float64([1]);
    disposed[Symbol.dispose]();
    expectError(() => toMessage(disposed), TypeError, 'ERR_DETACHED', 'this array has been disposed');
    const a = float64([1, 2]);
    toMessage(a, { transfer: true });
    expectError(() => toMessage(a), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
  });

  it('refuses to transfer or share memory a pending async call uses, but copies it', async () => {
    const a = asarray(new Float64Array(1 << 16));
    const pending = sin.async(a);
    const busy = 'its memory is in use by a pending async ufunc call until its promise settles';
    expectError(() => toMessage(a, { transfer: true }), TypeError, 'ERR_BUSY', `cannot transfer this array: ${busy}`);
    expect(toMessage(a).data.byteLength).toBe(8 << 16);
    await pending;
    const shared = asarray(new Float64Array(new SharedArrayBuffer(8 << 16)));
    const pendingShared = sin.async(shared);
    expectError(() => toMessage(shared), TypeError, 'ERR_BUSY', `cannot share this array with another thread: ${busy}`);
    await pendingShared;
  });
});

describe('fromMessage checks its input like any external description', () => {
  const good = (): NDArrayMessage => toMessage(float64([1, 2, 3]));

  it.each([
    ['null', null, 'expected a message made by toMessage(), got null'],
    ['an array', [], 'expected a message made by toMessage(), got array of length 0'],
    ['a number', 3, 'expected a message made by toMessage(), got 3'],
  ])('rejects %s', (_, value, message) => {
    expectError(() => fromMessage(value as never), TypeError, 'ERR_INVALID_ARG_TYPE', message);
  });

  it('rejects data that is not an ArrayBuffer or SharedArrayBuffer (the pointer form included)', () => {
    const expected = (what: string) => `expected message data to be an ArrayBuffer or SharedArrayBuffer, got ${what}`;
    expectError(() => fromMessage({ ...good(), data: undefined } as never), TypeError, 'ERR_INVALID_ARG_TYPE', expected('undefined'));
    expectError(() => fromMessage({ ...good(), data: new Float64Array(3) } as never), TypeError, 'ERR_INVALID_ARG_TYPE', expected('an instance of Float64Array'));
    expectError(() => fromMessage({ ...good(), data: [1n, false] } as never), TypeError, 'ERR_INVALID_ARG_TYPE', expected('array of length 2'));
  });

  it('rejects a message whose buffer was transferred away', () => {
    const message = good();
    received(message);
    expectError(
      () => fromMessage(message),
      TypeError,
      'ERR_DETACHED',
      'the ArrayBuffer of this message has been transferred (posted with message.transfer); rebuild the array from the message the receiver got',
    );
  });

  it('rejects a view outside its data, with the array interface check', () => {
    const error = thrown(() => fromMessage({ ...good(), offset: 8 }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.code).toBe('ERR_OUT_OF_BOUNDS');
    expect(error.message).toMatch(/^__array_interface__ describes memory outside its data: /);
    expectError(() => fromMessage({ ...good(), shape: [4], strides: [8] }), RangeError, 'ERR_OUT_OF_BOUNDS', /outside its data/);
  });

  it('rejects malformed keys with the array interface messages', () => {
    expectError(() => fromMessage({ ...good(), typestr: 7 } as never), TypeError, 'ERR_INVALID_ARG_TYPE', "expected __array_interface__ typestr to be a string like '<f8', got 7");
    expectError(() => fromMessage({ ...good(), shape: [-1] }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected __array_interface__ shape[0] to be >= 0, got -1');
    expectError(() => fromMessage({ ...good(), strides: [8, 8] }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected __array_interface__ strides to have one entry per dimension (1), got 2');
    expectError(() => fromMessage({ ...good(), readonly: 'no' } as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected __array_interface__ readonly to be a boolean, got "no"');
    expectError(() => fromMessage({ ...good(), version: 2 } as never), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected __array_interface__ version 3, got 2');
  });

  it('accepts dtypeName only for a dtype typestr cannot name, of the same size', () => {
    const message = toMessage(float64([1.5]).astype('bfloat16'));
    expect(message).toMatchObject({ typestr: '<V2', dtypeName: 'bfloat16' });
    expectError(() => fromMessage({ ...message, dtypeName: 'float16' }), TypeError, 'ERR_INVALID_DTYPE', `message dtypeName "float16" disagrees with typestr '<V2' (expected a dtype typestr cannot name, of the typestr's itemsize 2)`);
    expectError(() => fromMessage({ ...message, dtypeName: 3 } as never), TypeError, 'ERR_INVALID_ARG_TYPE', "expected message dtypeName to be a dtype name like 'bfloat16', got 3");
    expectError(() => fromMessage({ ...good(), dtypeName: 'bfloat16' }), TypeError, 'ERR_INVALID_DTYPE', /disagrees with typestr '<f8'/);
  });

  it('reads each key once: a getter cannot show the check one buffer and the view another', () => {
    const message = good();
    let reads = 0;
    const tricky = { ...message, get data() {
      reads += 1;
      return reads === 1 ? message.data : [0x1000n, false];
    } };
    expect(fromMessage(tricky as never).toArray()).toEqual([1, 2, 3]);
    expect(reads).toBe(1);
    const throwing = { ...message, get shape(): number[] {
      throw new Error('no');
    } };
    expectError(() => fromMessage(throwing), TypeError, 'ERR_ARRAY_INTERFACE_GETTER', 'reading message.shape threw Error: no');
  });
});

describe('structuredClone and postMessage of ndinterop objects fail, saying what to send', () => {
  it.each([
    ['an NDArray', () => float64([1, 2]), /^Symbol\(NDArray cannot be structured-cloned; send toMessage\(a\) and rebuild it with fromMessage\(message\)\) could not be cloned\.$/],
    ['a 0-d view', () => float64([1, 2]).slice(0) as unknown as NDArray, /NDArray cannot be structured-cloned/],
    ['a DType', () => dtype('float64'), /^Symbol\(DType cannot be structured-cloned; send dtype\.str and rebuild it with dtype\(str\) \(structured: in its array, toMessage\(a\)\)\) could not be cloned\.$/],
    ['a DLPackCapsule', () => toDlpack(float64([1])), /^Symbol\(DLPackCapsule cannot be structured-cloned; send the array with toMessage\(a\), or give native code a pointer: toDlpackPointer\(a\)\) could not be cloned\.$/],
    ['an object holding an NDArray', () => ({ payload: float64([1]) }), /NDArray cannot be structured-cloned/],
  ])('%s', (_, make, message) => {
    const error = thrown(() => structuredClone(make()));
    expect(error.name).toBe('DataCloneError');
    expect(error.message).toMatch(message);
  });

  it('fails postMessage to a worker the same way', async () => {
    const w = worker();
    const error = thrown(() => w.worker.postMessage(float64([1, 2])));
    expect(error.name).toBe('DataCloneError');
    expect(error.message).toMatch(/NDArray cannot be structured-cloned/);
    await w.worker.terminate();
  });

  it('keeps inspect, JSON and Object.keys sensible', () => {
    const a = float64([1, 2]);
    expect(inspect(a)).toBe('array([1., 2.])');
    expect(inspect(dtype('float64'))).toBe("dtype('float64')");
    expect(JSON.stringify(a)).toBe('[1,2]');
    expect(JSON.parse(JSON.stringify(dtype('float64')))).not.toHaveProperty('noStructuredClone');
    expect(Object.keys(a)).toEqual(['noStructuredClone', 'byteOffset', 'dtype', 'shape', 'strides', 'readonly', 'device', 'base', 'copied']);
    expect(DLPackCapsule.isCapsule(toDlpack(a))).toBe(true);
  });
});

describe('real worker_threads round trips', () => {
  it('shares a SharedArrayBuffer: a write in the worker is seen here', async () => {
    const w = worker();
    const a = asarray(new Float64Array(new SharedArrayBuffer(48))).reshape(2, 3);
    const message = toMessage(a);
    expect(await w.call('writeMessage', { message, indices: [1, 2], value: 7.5 }, message.transfer)).toEqual([[0, 0, 0], [0, 0, 7.5]]);
    expect(a.get(1, 2)).toBe(7.5);
  });

  it('transfers an ArrayBuffer: detached here, intact there', async () => {
    const w = worker();
    const a = float64([1, 2, 3, 4, 5, 6], [2, 3]).T;
    const message = toMessage(a, { transfer: true });
    const described = await w.call('describeMessage', { message }, message.transfer);
    expect(message.data.byteLength).toBe(0);
    expect(described).toEqual({ typestr: '<f8', name: 'float64', shape: [3, 2], strides: [8, 24], readonly: false, shared: false, values: [[1, 4], [2, 5], [3, 6]] });
  });

  it('transfers a large result from the result pool', async () => {
    const w = worker();
    const a = sin(asarray(new Float64Array(1 << 16).fill(Math.PI / 2))) as NDArray;
    const message = toMessage(a, { transfer: true });
    const described = await w.call<{ values: number[] }>('describeMessage', { message }, message.transfer);
    expect(described.values.length).toBe(1 << 16);
    expect(described.values.every((v) => v === 1)).toBe(true);
  });

  it.each([
    ['negative strides', () => float64([1, 2, 3, 4, 5, 6], [2, 3]).slice(':', '::-1'), { typestr: '<f8', shape: [2, 3], strides: [24, -8], values: [[3, 2, 1], [6, 5, 4]] }],
    ['byte-swapped int32', bigEndianInt32, { typestr: '>i4', name: '>i4', values: [1, -2, 3] }],
    ['0-d', () => float64([2.5], []), { shape: [], strides: [], values: 2.5 }],
    ['int64', () => asarray(new BigInt64Array([2n ** 62n, -1n])), { typestr: '<i8', values: ['4611686018427387904', -1] }],
    ['complex128', () => new NDArray({ buffer: new Float64Array([1, NaN]).buffer, dtype: 'complex128', shape: [1] }), { typestr: '<c16', values: [{ re: 1, im: 'NaN' }] }],
    ['read-only', () => float64([1, 2]).broadcastTo([2, 2]), { readonly: true, strides: [0, 8], values: [[1, 2], [1, 2]] }],
  ])('copies %s', async (_, make, expected) => {
    const w = worker();
    const message = toMessage(make());
    expect(await w.call('describeMessage', { message }, message.transfer)).toMatchObject(expected);
  });

  it('gets an array back from the worker', async () => {
    const w = worker();
    const message = toMessage(structured());
    const reply = await w.call<NDArrayMessage>('echoMessage', { message, transfer: true }, message.transfer);
    const back = fromMessage(reply);
    expect(back.dtype.descr).toEqual([['a', '<i4'], ['b', '<f8']]);
    expect(back.toArray()).toEqual(structured().toArray());
  });
});
