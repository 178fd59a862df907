// Deferred exports: toDlpack makes a capsule that holds the array and builds
// the native DLManagedTensor only when native code asks for `handle`. Taken
// back by fromDlpack on the same thread it never becomes a native tensor, yet
// it follows every rule of a native capsule: consumed once, `used_` names,
// NumPy's readonly rule for legacy tensors, zero strides for empty arrays.
import { describe, expect, it } from 'vitest';
import { BufferError, DLPackCapsule, fromDlpack, memoryStats, NDArray, toDlpack } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import { collectGarbage, producer } from '../helpers/producer.js';

const consumedMessage = 'the DLPack capsule was already consumed';

function grid(): NDArray {
  // 3 x 4 int32, viewed with a negative stride and an offset: rows 2, 1, 0 of columns 1..2.
  const base = new NDArray({ buffer: new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), dtype: 'int32', shape: [3, 4] });
  return new NDArray({ buffer: base.buffer, dtype: 'int32', shape: [3, 2], strides: [-16, 4], byteOffset: 36 });
}

describe('a capsule from toDlpack builds no native tensor until its handle is read', () => {
  it('counts no live export while deferred, one once the handle went to native code', async () => {
    await collectGarbage();
    const before = memoryStats();
    const capsule = toDlpack(grid(), { maxVersion: [1, 3] });
    expect(memoryStats()).toEqual(before);
    const seen = producer.consumeCapsule(capsule.handle);
    expect(memoryStats().liveExports).toBe(before.liveExports + 1);
    expect(seen).toMatchObject({ ndim: 2, code: 0, bits: 32, shape: [3, 2], strides: [-4, 1] });
    expect(capsule.name).toBe('used_dltensor_versioned');
    producer.release(seen.held);
    await collectGarbage();
    expect(memoryStats()).toEqual(before);
  });

  it('reports its kind and state before anything consumed it', () => {
    const versioned = toDlpack(grid(), { maxVersion: [1, 0] });
    const legacy = toDlpack(grid());
    expect([versioned.versioned, versioned.consumed, versioned.name]).toEqual([true, false, 'dltensor_versioned']);
    expect([legacy.versioned, legacy.consumed, legacy.name]).toEqual([false, false, 'dltensor']);
    expect(DLPackCapsule.isCapsule(legacy)).toBe(true);
  });
});

describe('fromDlpack takes a deferred capsule back as the same memory', () => {
  it('with the same buffer, byteOffset, shape and byte strides', () => {
    const a = grid();
    const b = fromDlpack(toDlpack(a, { maxVersion: [1, 3] }));
    expect(b.buffer).toBe(a.buffer);
    expect([b.byteOffset, b.shape, b.strides]).toEqual([36, [3, 2], [-16, 4]]);
    expect(b.toArray()).toEqual([
      [9, 10],
      [5, 6],
      [1, 2],
    ]);
    expect([b.dtype.name, b.readonly, b.copied, b.device]).toEqual(['int32', false, false, [1, 0]]);
  });

  it('read-only when the array is, and always for legacy tensors (NumPy imports those read-only)', () => {
    const a = grid();
    const readonly = new NDArray({ buffer: a.buffer, dtype: 'int32', shape: [2], readonly: true });
    expect(fromDlpack(toDlpack(a, { maxVersion: [1, 3] })).readonly).toBe(false);
    expect(fromDlpack(toDlpack(readonly, { maxVersion: [1, 3] })).readonly).toBe(true);
    expect(fromDlpack(toDlpack(a)).readonly).toBe(true);
    expect(fromDlpack(a).readonly).toBe(false); // fromDlpack asks for maxVersion [1, 3]
  });

  it('an empty array comes back over an empty buffer of its own, with zero strides (as NumPy exports them)', () => {
    const a = new NDArray({ buffer: new Float64Array(6), dtype: 'float64', shape: [3, 0, 2], byteOffset: 8 });
    for (const b of [fromDlpack(toDlpack(a, { maxVersion: [1, 3] })), fromDlpack(a)]) {
      expect(b.buffer).not.toBe(a.buffer);
      expect([b.buffer.byteLength, b.byteOffset, b.shape, b.strides]).toEqual([0, 0, [3, 0, 2], [0, 0, 0]]);
    }
  });

  it('shares SharedArrayBuffer memory too', () => {
    const buffer = new SharedArrayBuffer(16);
    const a = new NDArray({ buffer, dtype: 'uint16', shape: [4], byteOffset: 8 });
    const b = fromDlpack(toDlpack(a, { maxVersion: [1, 3] }));
    expect([b.buffer, b.byteOffset]).toEqual([buffer, 8]);
    b.set(3, 7);
    expect(new Uint16Array(buffer)[7]).toBe(7);
  });

  it('copy: true gives a C-ordered copy marked copied and writable', () => {
    const a = grid();
    const b = fromDlpack(toDlpack(a), { copy: true });
    expect(b.buffer).not.toBe(a.buffer);
    expect([b.copied, b.readonly]).toEqual([true, false]);
    expect(b.toArray()).toEqual([
      [9, 10],
      [5, 6],
      [1, 2],
    ]);
  });
});

describe('a deferred capsule is consumed at most once', () => {
  it('a second fromDlpack is BufferError ERR_DLPACK_CONSUMED, and the name turns used_', () => {
    const capsule = toDlpack(grid(), { maxVersion: [1, 3] });
    fromDlpack(capsule);
    expect(capsule.name).toBe('used_dltensor_versioned');
    expectError(() => fromDlpack(capsule), BufferError, 'ERR_DLPACK_CONSUMED', consumedMessage);
  });

  it('a disposed capsule cannot be consumed', () => {
    const capsule = toDlpack(grid());
    capsule[Symbol.dispose]();
    expect([capsule.consumed, capsule.name]).toEqual([true, 'used_dltensor']);
    expectError(() => fromDlpack(capsule), BufferError, 'ERR_DLPACK_DISPOSED', 'the DLPack capsule was disposed ([Symbol.dispose]() released its tensor)');
  });

  it('the handle of a used deferred capsule is a used native capsule of the same kind', async () => {
    await collectGarbage();
    const before = memoryStats();
    for (const maxVersion of [[1, 3], null] as const) {
      const capsule = toDlpack(grid(), { maxVersion });
      fromDlpack(capsule);
      expect(producer.inspectCapsule(capsule.handle)).toEqual({ versioned: maxVersion ? 1 : 0, consumed: 1 });
      expectError(() => fromDlpack(capsule.handle), BufferError, 'ERR_DLPACK_CONSUMED', consumedMessage);
    }
    expect(memoryStats()).toEqual(before);
  });

  it('once the handle has been read, the native capsule is what gets consumed', () => {
    const capsule = toDlpack(grid(), { maxVersion: [1, 3] });
    const handle = capsule.handle;
    expect(fromDlpack(capsule).toArray()).toEqual([
      [9, 10],
      [5, 6],
      [1, 2],
    ]);
    expect(producer.inspectCapsule(handle)).toEqual({ versioned: 1, consumed: 1 });
    expect(capsule.handle).toBe(handle);
  });
});

describe('a deferred export whose buffer was detached in the meantime', () => {
  it('is refused on import (TypeError ERR_DETACHED) and is used afterwards', () => {
    const memory = new ArrayBuffer(16);
    const capsule = toDlpack(new NDArray({ buffer: memory, dtype: 'float64', shape: [2] }), { maxVersion: [1, 3] });
    structuredClone(memory, { transfer: [memory] });
    expectError(() => fromDlpack(capsule), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
    expect(capsule.consumed).toBe(true);
  });

  it('cannot hand a native consumer its handle (TypeError ERR_DETACHED)', () => {
    const memory = new ArrayBuffer(16);
    const capsule = toDlpack(new NDArray({ buffer: memory, dtype: 'float64', shape: [2] }), { maxVersion: [1, 3] });
    structuredClone(memory, { transfer: [memory] });
    expectError(() => capsule.handle, TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
    expect(capsule.consumed).toBe(false);
  });
});

describe('fromDlpack(ndarray) goes through __dlpack__ whenever it is not ndinterop’s own', () => {
  it('calls an instance override with NumPy’s options', () => {
    const a = grid();
    const calls: unknown[] = [];
    const other = new NDArray({ buffer: new Uint8Array([7]), dtype: 'uint8', shape: [1] });
    Object.defineProperty(a, '__dlpack__', {
      value: (options: unknown) => {
        calls.push(options);
        return toDlpack(other, { maxVersion: [1, 3] });
      },
    });
    expect(fromDlpack(a).toArray()).toEqual([7]);
    expect(calls).toEqual([{ maxVersion: [1, 3] }]);
  });

  it('accepts device: "cpu" for an array in CPU memory, without copying', () => {
    const a = grid();
    expect(fromDlpack(a, { device: 'cpu' }).buffer).toBe(a.buffer);
  });
});
