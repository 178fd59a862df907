// Issue 13: a zero-copy DLPack export keeps the memory itself alive until the
// consumer's deleter runs, whatever JS does meanwhile. The consumer is the
// producer fixture's sumLater: a native thread that reads every byte of the
// tensor after the test has transferred, dropped and collected everything it
// could, and only then calls the deleter. Expected sums are computed in JS
// before the export. Memory that cannot be held (a resizable ArrayBuffer,
// which shrinks in place) is refused.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { add, asarray, BufferError, fromDlpack, memoryStats, NDArray, toDlpack, toDlpackPointer } from '../../src/index.js';
import { native, type NativeDlpackExportArgs } from '../../src/base/native.js';
import { expectError } from '../helpers/expect-error.js';
import { collectGarbage, producer } from '../helpers/producer.js';
import { startWorker } from '../helpers/workers.js';

// 32 MiB, as reported: large enough that the allocator returns freed memory
// to the system, so a read after the free faults instead of seeing stale data.
const large = 32 * 1024 * 1024;

/** A fresh buffer of pseudo-random bytes and their sum. */
function filled(length: number): { buffer: ArrayBuffer; sum: bigint } {
  const buffer = new ArrayBuffer(length);
  const words = new Uint32Array(buffer);
  let state = 2463534242;
  for (let i = 0; i < words.length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  const bytes = new Uint8Array(buffer);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 1) sum += bytes[i]!;
  return { buffer, sum: BigInt(sum) };
}

/** Allocates and touches memory, so that freed pages would be reused. */
function churn(): void {
  for (let i = 0; i < 4; i += 1) new Uint8Array(8 * 1024 * 1024).fill(0xa5);
}

/** Transfers `buffer` to a fresh worker, which drops it, collects and exits. */
async function transferToWorkerThatDrops(buffer: ArrayBuffer): Promise<void> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.once('message', (buffer) => {
       buffer = null;
       globalThis.gc?.();
       setImmediate(() => { globalThis.gc?.(); parentPort.close(); });
     });`,
    { eval: true },
  );
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.postMessage(buffer, [buffer]);
  await exited;
}

type Consumed = { held: object };
// The ways a native consumer can receive an export.
const exportRoutes: [string, (a: NDArray) => Consumed][] = [
  ['toDlpack (versioned capsule)', (a) => producer.consumeCapsule(toDlpack(a, { maxVersion: [1, 3] }).handle)],
  ['__dlpack__ (legacy capsule)', (a) => producer.consumeCapsule((a.__dlpack__() as { handle: object }).handle)],
  ['toDlpackPointer (versioned)', (a) => producer.consumePointer(toDlpackPointer(a, { versioned: true }), true)],
  ['toDlpackPointer (legacy)', (a) => producer.consumePointer(toDlpackPointer(a, { versioned: false }), false)],
];

/**
 * Exports a fresh array through `route` to a consumer thread, lets `meanwhile`
 * take the memory away from JS, collects, then has the thread read. Returns
 * the expected and the read sum; checks that nothing stays counted.
 */
async function exportThenRead(
  route: (a: NDArray) => Consumed,
  meanwhile: (buffer: ArrayBuffer) => void | Promise<void>,
  length = large,
): Promise<{ expected: bigint; read: bigint }> {
  await collectGarbage();
  const baseline = memoryStats();
  let { buffer, sum } = filled(length) as { buffer: ArrayBuffer | null; sum: bigint };
  let a: NDArray | null = new NDArray({ buffer: buffer!, dtype: 'uint8', shape: [length] });
  const job = producer.sumLater(route(a).held, 100);
  expect(memoryStats().liveExports).toBe(baseline.liveExports + 1);
  await meanwhile(buffer!);
  a = null;
  buffer = null;
  await collectGarbage();
  churn();
  await collectGarbage();
  const read = producer.joinSum(job);
  await collectGarbage();
  expect(memoryStats()).toEqual(baseline);
  return { expected: sum, read };
}

describe('an export keeps its memory alive until the consumer deleter runs', () => {
  for (const [name, route] of exportRoutes) {
    describe(`through ${name}`, () => {
      it('while JS transfers the buffer to a worker (postMessage) that drops it and exits', async () => {
        const { expected, read } = await exportThenRead(route, transferToWorkerThatDrops);
        expect(read).toBe(expected);
      });

      it('while JS transfers the buffer with structuredClone and drops the clone', async () => {
        const { expected, read } = await exportThenRead(route, (buffer) => {
          let clone: ArrayBuffer | null = structuredClone(buffer, { transfer: [buffer] });
          expect(buffer.byteLength).toBe(0); // detached
          clone = null;
          void clone;
        });
        expect(read).toBe(expected);
      });

      it('after every JS object involved (array, buffer, capsule) is collected', async () => {
        const { expected, read } = await exportThenRead(route, () => {});
        expect(read).toBe(expected);
      });
    });
  }

  const transfer = (ArrayBuffer.prototype as { transfer?: (length?: number) => ArrayBuffer }).transfer;
  const noTransfer = typeof transfer !== 'function';
  const transferNote = noTransfer ? ` (skipped: Node ${process.versions.node} has no ArrayBuffer.prototype.transfer)` : '';
  it.skipIf(noTransfer)(`while JS moves the memory with ArrayBuffer.prototype.transfer() of the same length${transferNote}`, async () => {
    const { expected, read } = await exportThenRead(exportRoutes[0]![1], (buffer) => {
      let moved: ArrayBuffer | null = transfer!.call(buffer);
      expect(buffer.byteLength).toBe(0);
      moved = null;
      void moved;
    });
    expect(read).toBe(expected);
  });
});

// Issue 13, the one hole a held BackingStore cannot close: on Node >= 21,
// transfer(newLength) / transferToFixedLength(newLength) of a fixed-length
// ArrayBuffer with another length makes V8 realloc that very BackingStore in
// place (BackingStore::Reallocate), so a holder would read freed memory (a
// segfault with a 32 MiB export and +-4096 on Node 22). ndinterop refuses
// those while native code holds the memory (src/base/transfer-guard.ts).
describe('a transfer to a new length of memory native code holds is refused', () => {
  type Transfer = (this: ArrayBuffer, newLength?: number) => ArrayBuffer;
  const proto = ArrayBuffer.prototype as unknown as { transfer?: Transfer; transferToFixedLength?: Transfer };
  const noTransfer = typeof proto.transfer !== 'function';
  const note = noTransfer
    ? ` (skipped: Node ${process.versions.node} has no ArrayBuffer.prototype.transfer, so nothing can reallocate held memory)`
    : '';
  const transfer = (buffer: ArrayBuffer, newLength?: number) => proto.transfer!.call(buffer, newLength);
  const toFixed = (buffer: ArrayBuffer, newLength?: number) => proto.transferToFixedLength!.call(buffer, newLength);
  const refusal = (method: string, newLength: number, byteLength: number) =>
    `cannot ${method}(${newLength}) this ArrayBuffer of ${byteLength} bytes: native code holds its memory ` +
    '(a DLPack export whose deleter has not run, or a pending .async ufunc call): V8 would reallocate that memory ' +
    'in place under them. Release the export (or await the call) first, or transfer to the same length';

  // The native query the guard asks runs on every Node.
  it('native.heldNatively: true while an export or a pending .async call holds the memory, false after', async () => {
    const { buffer } = filled(4096);
    expect(native.heldNatively(buffer)).toBe(false);
    const a = new NDArray({ buffer, dtype: 'uint8', shape: [4096] });
    const first = producer.consumeCapsule(toDlpack(a, { maxVersion: [1, 3] }).handle);
    const second = producer.consumePointer(toDlpackPointer(a, { versioned: false }), false);
    expect(native.heldNatively(buffer)).toBe(true);
    expect(native.heldNatively(new Uint8Array(buffer, 16))).toBe(true); // a view's buffer
    producer.release(first.held, true);
    expect(native.heldNatively(buffer)).toBe(true); // the second export still holds it
    producer.release(second.held);
    expect(native.heldNatively(buffer)).toBe(false);
    const x = new Float64Array(1 << 16).fill(1);
    const pending = add.async(asarray(x), asarray(x));
    expect(native.heldNatively(x.buffer)).toBe(true);
    await pending;
    expect(native.heldNatively(x.buffer)).toBe(false);
    expect(native.heldNatively({})).toBe(false);
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });

  it.skipIf(noTransfer)(`the wrappers keep the originals' name and length${note}`, () => {
    expect(proto.transfer!.name).toBe('transfer');
    expect(proto.transfer!.length).toBe(0);
    expect(proto.transferToFixedLength!.name).toBe('transferToFixedLength');
    expect(proto.transferToFixedLength!.length).toBe(0);
    expect(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'transfer')!.enumerable).toBe(false);
  });

  for (const [name, route] of exportRoutes) {
    it.skipIf(noTransfer)(`refused while an export through ${name} is held; the consumer still reads every byte${note}`, async () => {
      const { expected, read } = await exportThenRead(route, (buffer) => {
        const length = buffer.byteLength;
        for (const grow of [4096, -4096]) {
          expectError(() => transfer(buffer, length + grow), BufferError, 'ERR_BUFFER', refusal('transfer', length + grow, length));
          expectError(() => toFixed(buffer, length + grow), BufferError, 'ERR_BUFFER', refusal('transferToFixedLength', length + grow, length));
        }
        expectError(() => transfer(buffer, 0), BufferError, 'ERR_BUFFER', refusal('transfer', 0, length));
        expect(buffer.byteLength).toBe(length); // not detached: the refusal happens before V8 sees the call
      });
      expect(read).toBe(expected);
    });
  }

  it.skipIf(noTransfer)(`same-length transfers stay allowed, and the moved buffer is still guarded${note}`, async () => {
    const { expected, read } = await exportThenRead(exportRoutes[0]![1], (buffer) => {
      const length = buffer.byteLength;
      const moved = toFixed(transfer(transfer(buffer), length), length);
      expect(buffer.byteLength).toBe(0);
      expect(moved.byteLength).toBe(length);
      expect(native.heldNatively(moved)).toBe(true);
      expectError(() => transfer(moved, length + 4096), BufferError, 'ERR_BUFFER', refusal('transfer', length + 4096, length));
    });
    expect(read).toBe(expected);
  });

  it.skipIf(noTransfer)(`refused in a worker the held buffer was moved to (the holds are counted process-wide)${note}`, async () => {
    const w = startWorker();
    try {
      const { expected, read } = await exportThenRead(exportRoutes[2]![1], async (buffer) => {
        const length = buffer.byteLength;
        const answer = await w.call<string>('resizeTransfer', { buffer, newLength: length - 4096 }, [buffer]);
        expect(answer).toBe(`BufferError ERR_BUFFER: ${refusal('transfer', length - 4096, length)}`);
      });
      expect(read).toBe(expected);
    } finally {
      await w.worker.terminate();
    }
  });

  it.skipIf(noTransfer)(`allowed once the consumer's deleter ran, from this thread or another${note}`, async () => {
    for (const onOtherThread of [false, true]) {
      const { buffer } = filled(1024 * 1024);
      const head = new Uint8Array(buffer.slice(0, 64));
      const seen = producer.consumePointer(toDlpackPointer(new NDArray({ buffer, dtype: 'uint8', shape: [buffer.byteLength] }), { versioned: true }), true);
      expect(native.heldNatively(buffer)).toBe(true);
      expect(() => transfer(buffer, 2 * buffer.byteLength)).toThrow(BufferError);
      producer.release(seen.held, onOtherThread);
      expect(native.heldNatively(buffer)).toBe(false);
      const grown = transfer(buffer, 2 * 1024 * 1024);
      expect(grown.byteLength).toBe(2 * 1024 * 1024);
      expect(new Uint8Array(grown, 0, 64)).toEqual(head);
      expect(toFixed(grown, 64).byteLength).toBe(64);
    }
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });

  it.skipIf(noTransfer)(`allowed for buffers nothing exported, and for copies${note}`, () => {
    const plain = new ArrayBuffer(64);
    expect(native.heldNatively(plain)).toBe(false);
    expect(transfer(plain, 128).byteLength).toBe(128);
    const { buffer } = filled(64);
    const a = new NDArray({ buffer, dtype: 'uint8', shape: [64] });
    const seen = producer.consumeCapsule(toDlpack(a, { maxVersion: [1, 3], copy: true }).handle);
    expect(native.heldNatively(buffer)).toBe(false); // the export holds its own copy
    expect(transfer(buffer, 32).byteLength).toBe(32);
    producer.release(seen.held);
  });

  it.skipIf(noTransfer)(`refused while a pending .async call uses the memory, allowed once it settles${note}`, async () => {
    const n = 1 << 20;
    const x = new Float64Array(n).fill(1.5);
    const y = new Float64Array(n).fill(2);
    const pending = add.async(asarray(x), asarray(y));
    expectError(() => transfer(x.buffer as ArrayBuffer, 8), BufferError, 'ERR_BUFFER', refusal('transfer', 8, n * 8));
    expectError(() => toFixed(y.buffer as ArrayBuffer, 16), BufferError, 'ERR_BUFFER', refusal('transferToFixedLength', 16, n * 8));
    const sum = await pending;
    expect(sum.get(n - 1)).toBe(3.5);
    expect(native.heldNatively(x.buffer)).toBe(false);
    expect(transfer(x.buffer as ArrayBuffer, 8).byteLength).toBe(8);
  });

  it.skipIf(noTransfer)(`other arguments behave as the originals'${note}`, () => {
    const { buffer } = filled(64);
    const seen = producer.consumeCapsule(toDlpack(new NDArray({ buffer, dtype: 'uint8', shape: [64] }), { maxVersion: [1, 3] }).handle);
    expect(() => transfer(buffer, -1)).toThrow(RangeError);
    expect(() => proto.transfer!.call(new SharedArrayBuffer(8) as never, 4)).toThrow(TypeError);
    let calls = 0;
    const length = { valueOf: () => ((calls += 1), 64) };
    const moved = proto.transfer!.call(buffer, length as never);
    expect(calls).toBe(1);
    expect(moved.byteLength).toBe(64);
    expectError(() => transfer(moved, '32' as never), BufferError, 'ERR_BUFFER', refusal('transfer', 32, 64));
    producer.release(seen.held);
    expect(transfer(moved, '32' as never).byteLength).toBe(32);
  });
});

describe('exports made by a worker outlive the worker', () => {
  it('its own memory: the worker exports, drops everything and exits; the consumer reads later', async () => {
    await collectGarbage();
    const w = startWorker();
    const { pointer, sum } = await w.call<{ pointer: bigint; sum: bigint }>('exportFilled', { length: large, versioned: true });
    await w.worker.terminate();
    const job = producer.sumLater(producer.consumePointer(pointer, true).held, 100);
    churn();
    expect(producer.joinSum(job)).toBe(sum);
  });

  it("a re-export of a producer's host tensor: the producer's deleter waits for the export, then runs once", async () => {
    await collectGarbage();
    const { buffer, sum } = filled(1024 * 1024);
    const made = producer.makeTensor({ versioned: true, code: 1, bits: 8, shape: [buffer.byteLength], strides: [1], bytes: new Uint8Array(buffer), asPointer: true });
    const before = producer.counters().deleterCalls;
    const w = startWorker();
    const pointer = await w.call<bigint>('reexport', { pointer: made.tensor, versioned: true });
    await w.worker.terminate();
    expect(producer.counters().deleterCalls).toBe(before); // the export still holds the tensor
    const job = producer.sumLater(producer.consumePointer(pointer, true).held, 100);
    churn();
    expect(producer.joinSum(job)).toBe(sum);
    expect(producer.counters().deleterCalls - before).toBe(1);
    expect(producer.counters().repeatedDeleterCalls).toBe(0);
  });

  it("a re-export of a producer's device tensor: the export shares the tensor, whose deleter runs once after both", async () => {
    const made = producer.makeTensor({ versioned: true, code: 2, bits: 32, shape: [4], strides: [1], deviceType: 2, asPointer: true });
    const before = producer.counters().deleterCalls;
    const w = startWorker();
    const pointer = await w.call<bigint>('reexport', { pointer: made.tensor, versioned: true });
    await w.worker.terminate();
    expect(producer.counters().deleterCalls).toBe(before);
    const seen = producer.consumePointer(pointer, true);
    expect(seen.deviceType).toBe(2);
    expect(seen.address).toBe(made.address);
    producer.release(seen.held, true);
    expect(producer.counters().deleterCalls - before).toBe(1);
    expect(producer.counters().repeatedDeleterCalls).toBe(0);
  });

  it('a pointer-form view (fromArrayInterface) over worker memory: the tensor stays safe to release, the data is the owner\'s', async () => {
    // The export holds the view's ArrayBuffer memory, and so its owner, for
    // as long as the worker lives. At worker exit Node releases the owner
    // (a JS object of that worker), so the bytes are only as valid as the
    // owner's memory outside JS: here a worker ArrayBuffer, gone with it.
    // The tensor itself (shape, strides, deleter) stays valid.
    const w = startWorker();
    const { pointer } = await w.call<{ pointer: bigint }>('exportFilled', { length: 64, versioned: false, pointerView: true });
    await w.worker.terminate();
    const seen = producer.consumePointer(pointer, false);
    expect(seen.shape).toEqual([64]);
    producer.release(seen.held, true);
  });
});

describe('memory that cannot be held is refused', () => {
  const message =
    'cannot export memory of a resizable ArrayBuffer without copying (shrinking it would take the memory away from the consumer); pass copy: true, or use a fixed-length ArrayBuffer or a SharedArrayBuffer';
  const resizableArray = () => {
    const memory = new ArrayBuffer(16, { maxByteLength: 64 } as never);
    new Float64Array(memory).set([1.5, 2.5]);
    return asarray(new Float64Array(memory));
  };

  it('a zero-copy export of a resizable ArrayBuffer: BufferError ERR_BUFFER from every export path', () => {
    const a = resizableArray();
    expectError(() => toDlpack(a), BufferError, 'ERR_BUFFER', message);
    expectError(() => toDlpack(a, { maxVersion: [1, 3], copy: false }), BufferError, 'ERR_BUFFER', message);
    expectError(() => a.__dlpack__({ maxVersion: [1, 3] }), BufferError, 'ERR_BUFFER', message);
    expectError(() => toDlpackPointer(a, { versioned: true }), BufferError, 'ERR_BUFFER', message);
    expectError(() => fromDlpack(a), BufferError, 'ERR_BUFFER', message);
    // The native entry point refuses too, for callers that skip src/interop/dlpack.ts.
    const args = [a.buffer, 0, 2, 64, 8, [2], [8], [1, 0], 0, true, false] as const;
    expectError(() => native.dlpackExportPointer(...(args as unknown as NativeDlpackExportArgs)), BufferError, 'ERR_BUFFER', message);
    expect(memoryStats().liveExports).toBe(0);
  });

  it('with copy: true it exports a copy the consumer owns alone', async () => {
    const a = resizableArray();
    const seen = producer.consumeCapsule(toDlpack(a, { maxVersion: [1, 3], copy: true }).handle);
    (a.buffer as unknown as { resize(n: number): void }).resize(0);
    expect(producer.peek(seen.address, 16)).toEqual(new Uint8Array(new Float64Array([1.5, 2.5]).buffer));
    producer.release(seen.held);
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });

  it('a growable SharedArrayBuffer only grows: it exports without copying', async () => {
    const memory = new SharedArrayBuffer(16, { maxByteLength: 64 } as never);
    new Float64Array(memory).set([3.5, 4.5]);
    const seen = producer.consumePointer(toDlpackPointer(asarray(new Float64Array(memory)), { versioned: true }), true);
    (memory as unknown as { grow(n: number): void }).grow(64);
    expect(producer.peek(seen.address, 16)).toEqual(new Uint8Array(new Float64Array([3.5, 4.5]).buffer));
    producer.release(seen.held);
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });
});

describe('importing our own export after its buffer was transferred', () => {
  it('gives the exported memory (not the detached buffer), held until the import is collected', async () => {
    await collectGarbage();
    const { buffer } = filled(64);
    const expected = new Uint8Array(buffer.slice(0));
    const capsule = toDlpack(new NDArray({ buffer, dtype: 'uint8', shape: [64] }), { maxVersion: [1, 3] });
    void capsule.handle; // a native tensor, as another thread or addon would receive it
    let moved: ArrayBuffer | null = structuredClone(buffer, { transfer: [buffer] });
    moved = null;
    void moved;
    await collectGarbage();
    let b: NDArray | null = fromDlpack(capsule);
    expect(b.buffer).not.toBe(buffer);
    expect(new Uint8Array(b.toTypedArray() as Uint8Array)).toEqual(expected);
    expect(memoryStats().liveImports).toBe(1);
    b = null;
    await collectGarbage();
    expect(memoryStats()).toEqual({ liveImports: 0, liveExports: 0, externalBytes: 0, liveMappings: 0, mappedBytes: 0 });
  });
});
