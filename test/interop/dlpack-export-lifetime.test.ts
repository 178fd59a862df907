// Issue 13: a zero-copy DLPack export keeps the memory itself alive until the
// consumer's deleter runs, whatever JS does meanwhile. The consumer is the
// producer fixture's sumLater: a native thread that reads every byte of the
// tensor after the test has transferred, dropped and collected everything it
// could, and only then calls the deleter. Expected sums are computed in JS
// before the export. Memory that cannot be held (a resizable ArrayBuffer,
// which shrinks in place) is refused.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { asarray, BufferError, fromDlpack, memoryStats, NDArray, toDlpack, toDlpackPointer } from '../../src/index.js';
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

  // KNOWN HOLE (Node >= 21, checked on 22.23): transfer(newLength) of a
  // fixed-length ArrayBuffer makes V8 realloc the SAME BackingStore in place
  // (BackingStore::Reallocate; CanReallocate does not look at other
  // holders), so the held BackingStore no longer protects the exported
  // bytes: the consumer's read faults. Not protected yet; Node 20 has no
  // transfer. Un-skip when fixed.
  it.skip('while JS moves the memory with ArrayBuffer.prototype.transfer(newLength) (known hole on Node >= 21: V8 reallocates in place)', async () => {
    for (const grow of [4096, -4096]) {
      const { expected, read } = await exportThenRead(exportRoutes[0]![1], (buffer) => {
        let moved: ArrayBuffer | null = transfer!.call(buffer, buffer.byteLength + grow);
        moved = null;
        void moved;
      });
      expect(read).toBe(expected);
    }
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
    expect(memoryStats()).toEqual({ liveImports: 0, liveExports: 0, externalBytes: 0 });
  });
});
