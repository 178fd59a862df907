// Memory lifetime: the producer's deleter runs exactly once — after GC of
// the last view, after disposal, for capsules never consumed — exports keep
// their memory alive until the consumer's deleter (from any thread), and
// worker threads can hand tensors to each other as DLPack pointers.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DLPackCapsule, fromDlpack, fromDlpackPointer, memoryStats, NDArray, toDlpack, toDlpackPointer } from '../../src/index.js';
import { buildProducer } from '../fixtures/producer/build.mjs';
import { collectGarbage, deleterCallsDuring, producer } from '../helpers/producer.js';

const f64 = (values: number[]) => new Uint8Array(new Float64Array(values).buffer);
const tensor = (values: number[], versioned = true) =>
  producer.makeTensor({ versioned, code: 2, bits: 64, shape: [values.length], strides: [1], bytes: f64(values) });

describe('imports: the producer deleter runs exactly once', () => {
  it('not while any view of the memory is alive, then once after GC', async () => {
    await collectGarbage();
    const before = producer.counters().deleterCalls;
    let a: NDArray | null = fromDlpack(tensor([1, 2, 3]).tensor as object);
    let view: NDArray | null = new NDArray({ buffer: a.buffer, dtype: 'float64', shape: [2], byteOffset: 8 });
    a = null;
    await collectGarbage();
    expect(producer.counters().deleterCalls).toBe(before);
    expect(view.toArray()).toEqual([2, 3]);
    view = null;
    await collectGarbage();
    expect(producer.counters().deleterCalls).toBe(before + 1);
  });

  it('for a capsule that is never consumed, when it is collected', async () => {
    expect(
      await deleterCallsDuring(() => {
        new DLPackCapsule(tensor([1]).tensor as object);
        tensor([2], false); // a bare native capsule, never wrapped
      }),
    ).toBe(2);
  });

  it('when a capsule is disposed, once, and never again at GC', async () => {
    expect(
      await deleterCallsDuring(() => {
        const capsule = new DLPackCapsule(tensor([1]).tensor as object);
        const before = producer.counters().deleterCalls;
        capsule[Symbol.dispose]();
        expect(producer.counters().deleterCalls).toBe(before + 1);
        expect(capsule.consumed).toBe(true);
        capsule[Symbol.dispose]();
        expect(producer.counters().deleterCalls).toBe(before + 1);
      }),
    ).toBe(1);
  });

  it('with `using`-style disposal after a consumer took the tensor: nothing more', async () => {
    let a: NDArray | null = null;
    const calls = await deleterCallsDuring(() => {
      const capsule = new DLPackCapsule(tensor([4, 5]).tensor as object);
      a = fromDlpack(capsule);
      capsule[Symbol.dispose]();
    });
    expect(calls).toBe(0);
    expect(a!.toArray()).toEqual([4, 5]);
    const before = producer.counters().deleterCalls;
    a = null;
    await collectGarbage();
    expect(producer.counters().deleterCalls - before).toBe(1);
    expect(producer.counters().repeatedDeleterCalls).toBe(0);
  });
});

describe('exports keep their memory alive until the consumer is done', () => {
  it('after the JS side dropped every reference', async () => {
    await collectGarbage();
    let a: NDArray | null = new NDArray({ buffer: new Float64Array([6, 7, 8]), dtype: 'float64', shape: [3] });
    const seen = producer.consumeCapsule(toDlpack(a, { maxVersion: [1, 3] }).handle);
    a = null;
    for (let i = 0; i < 3; i += 1) {
      // allocate so that freed memory would be reused and overwritten
      new Float64Array(1024).fill(-1);
      await collectGarbage();
    }
    expect(memoryStats().liveExports).toBe(1);
    expect(producer.peek(seen.address, 24)).toEqual(f64([6, 7, 8]));
    producer.release(seen.held);
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });

  it('when the consumer calls the deleter from another thread', async () => {
    await collectGarbage();
    const a = new NDArray({ buffer: new Float64Array([1]), dtype: 'float64', shape: [1] });
    const pointers = [toDlpackPointer(a, { versioned: true }), toDlpackPointer(a, { versioned: false })];
    expect(memoryStats().liveExports).toBe(2);
    producer.release(producer.consumePointer(pointers[0]!, true).held, true);
    producer.release(producer.consumePointer(pointers[1]!, false).held, true);
    expect(memoryStats().liveExports).toBe(0);
    await collectGarbage();
    expect(memoryStats()).toEqual({ liveImports: 0, liveExports: 0, externalBytes: 0, liveMappings: 0, mappedBytes: 0 });
  });

  it('unconsumed export capsules release their hold when collected or disposed', async () => {
    await collectGarbage();
    const a = new NDArray({ buffer: new Float64Array([1]), dtype: 'float64', shape: [1] });
    // Reading `handle` builds the native tensor (toDlpack defers it).
    void toDlpack(a, { maxVersion: [1, 3] }).handle;
    const disposed = toDlpack(a);
    void disposed.handle;
    expect(memoryStats().liveExports).toBe(2);
    disposed[Symbol.dispose]();
    expect(memoryStats().liveExports).toBe(1);
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });

  it('an import of our own export reuses the very same ArrayBuffer and releases the export at once', async () => {
    await collectGarbage();
    for (const shared of [false, true]) {
      const buffer = shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8);
      const a = new NDArray({ buffer, dtype: 'int32', shape: [2] });
      for (const maxVersion of [[1, 3], null] as const) {
        const b = fromDlpack(toDlpack(a, { maxVersion }));
        expect(b.buffer).toBe(buffer);
        expect(b.readonly).toBe(maxVersion === null); // legacy imports are read-only (NumPy's rule)
        expect(memoryStats()).toEqual({ liveImports: 0, liveExports: 0, externalBytes: 0, liveMappings: 0, mappedBytes: 0 });
      }
      const view = new NDArray({ buffer, dtype: 'int32', shape: [1], byteOffset: 4 });
      const c = fromDlpack(view);
      expect(c.byteOffset).toBe(4);
      c.set(0, 20);
      expect(a.get(1)).toBe(20);
    }
    await collectGarbage();
    expect(memoryStats()).toEqual({ liveImports: 0, liveExports: 0, externalBytes: 0, liveMappings: 0, mappedBytes: 0 });
  });
});

// The worker loads the addon and the fixture directly (no TS in workers).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const native = workerData.addon ? require(workerData.addon) : require(workerData.nodeGypBuild)(workerData.root);
const producer = require(workerData.producerPath);
const turn = () => new Promise((resolve) => setImmediate(resolve));
async function collect() { for (let i = 0; i < 4; i += 1) { global.gc(); await turn(); } }
let kept = null;
parentPort.on('message', async (message) => {
  if (message.task === 'import-read-drop') {
    let parts = native.dlpackImportPointer(message.pointer, message.versioned, 2, false);
    const value = new Float64Array(parts.buffer, parts.byteOffset, 1)[0];
    parts = null;
    await collect();
    parentPort.postMessage({ value, stats: native.dlpackMemoryStats() });
  } else if (message.task === 'import-and-keep') {
    kept = native.dlpackImportPointer(message.pointer, true, 2, false);
    parentPort.postMessage({ value: new Float64Array(kept.buffer, kept.byteOffset, 1)[0] });
  } else if (message.task === 'unconsumed-capsule') {
    kept = producer.makeTensor({ shape: [1], strides: [1], bytes: new Uint8Array(4) });
    parentPort.postMessage({});
  } else if (message.task === 'export') {
    const buffer = new Float64Array([41, 42]).buffer;
    kept = buffer;
    const args = [buffer, 0, 2, 64, 8, [2], [8], [1, 0], 0, true, message.copy];
    parentPort.postMessage({ pointer: native.dlpackExportPointer(...args) });
  } else if (message.task === 'stats') {
    await collect();
    parentPort.postMessage(native.dlpackMemoryStats());
  }
});
`;

function startWorker() {
  const requireHere = createRequire(import.meta.url);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      addon: process.env.NDINTEROP_ADDON ?? null,
      nodeGypBuild: requireHere.resolve('node-gyp-build'),
      root: new URL('../..', import.meta.url).pathname,
      producerPath: buildProducer(),
    },
  });
  const ask = <T>(message: object) =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(message);
    });
  return { worker, ask };
}

describe('worker threads exchange tensors as DLPack pointers', () => {
  it('a worker imports what the main thread exported; its deleter reaches the main thread', async () => {
    await collectGarbage();
    const { worker, ask } = startWorker();
    try {
      const a = new NDArray({ buffer: new Float64Array([3.5]), dtype: 'float64', shape: [1] });
      for (const versioned of [true, false]) {
        const pointer = toDlpackPointer(a, { versioned });
        const reply = await ask<{ value: number; stats: { liveImports: number } }>({ task: 'import-read-drop', pointer, versioned });
        expect(reply.value).toBe(3.5);
        expect(reply.stats.liveImports).toBe(0);
      }
      await collectGarbage();
      expect(memoryStats().liveExports).toBe(0);
    } finally {
      await worker.terminate();
    }
  });

  it('the main thread imports what a worker exported; the deleter is queued back to the worker', async () => {
    const { worker, ask } = startWorker();
    try {
      const { pointer } = await ask<{ pointer: bigint }>({ task: 'export', copy: false });
      expect((await ask<{ liveExports: number }>({ task: 'stats' })).liveExports).toBe(1);
      (() => {
        const b = fromDlpackPointer(pointer, { versioned: true });
        expect(b.toArray()).toEqual([41, 42]);
      })();
      await collectGarbage();
      expect((await ask<{ liveExports: number }>({ task: 'stats' })).liveExports).toBe(0);
    } finally {
      await worker.terminate();
    }
  });

  it('a copy: true export outlives the worker that made it', async () => {
    const { worker, ask } = startWorker();
    const { pointer } = await ask<{ pointer: bigint }>({ task: 'export', copy: true });
    await worker.terminate();
    const b = fromDlpackPointer(pointer, { versioned: true });
    expect(b.toArray()).toEqual([41, 42]);
  });

  it('a terminating worker releases the tensors it still holds', async () => {
    await collectGarbage();
    const before = producer.counters().deleterCalls;
    const { worker, ask } = startWorker();
    const made = tensor([9]);
    const pointer = producer.makeTensor({ code: 2, bits: 64, shape: [1], strides: [1], bytes: f64([9]), asPointer: true }).tensor as bigint;
    expect((await ask<{ value: number }>({ task: 'import-and-keep', pointer })).value).toBe(9);
    await ask({ task: 'unconsumed-capsule' });
    await worker.terminate();
    new DLPackCapsule(made.tensor as object)[Symbol.dispose]();
    expect(producer.counters().deleterCalls - before).toBe(3);
    expect(producer.counters().repeatedDeleterCalls).toBe(0);
  });
});
