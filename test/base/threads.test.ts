// Threads and lifetimes: the addon in several worker_threads at once, memory
// crossing threads as raw DLPack pointers, deleters called from native
// threads, and workers that exit or are terminated while they hold imports
// and exports. Expected counts come from the producer fixture's own atomic
// deleter counters and from what each step created, never from ndinterop.
import { afterAll, describe, expect, it } from 'vitest';
import { asarray, fromDlpackPointer, memoryStats, toDlpack, toDlpackPointer } from '../../src/index.js';
import { collectGarbage, producer } from '../helpers/producer.js';
import { type TestWorker, startWorker } from '../helpers/workers.js';

interface Stats {
  liveImports: number;
  liveExports: number;
  externalBytes: number;
}

const started: TestWorker[] = [];
function worker(): TestWorker {
  const started_ = startWorker();
  started.push(started_);
  return started_;
}

afterAll(async () => {
  await Promise.all(started.map((w) => w.worker.terminate()));
});

function waitForChurn(w: TestWorker): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (message: { churning?: boolean }) => {
      if (message.churning) {
        w.worker.off('message', listener);
        resolve();
      }
    };
    w.worker.on('message', listener);
    w.worker.once('error', reject);
    void w.exited.then((code) => reject(new Error(`worker exited (${code}) before churning`)));
  });
}

// Terminates churning workers at different moments: a call interrupted by
// termination must not abort the process (node-addon-api has to swallow the
// exception it cannot throw: NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS).
async function repeatedChurnTerminations(times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const w = worker();
    const churning = waitForChurn(w);
    void w.call('churn').catch(() => undefined);
    await churning;
    await new Promise((resolve) => setTimeout(resolve, 5 + 15 * (i % 4)));
    expect(await w.worker.terminate()).toBe(1);
  }
}

describe('the addon is context-aware', () => {
  it('loads in four workers at once, each with its own memoryStats', async () => {
    await collectGarbage();
    const mainBefore = memoryStats();
    const workers = [worker(), worker(), worker(), worker()];
    const counts = [1, 2, 3, 4];
    const held = await Promise.all(workers.map((w, i) => w.call<number>('importFromProducer', { count: counts[i] })));
    expect(held).toEqual(counts);
    const stats = await Promise.all(workers.map((w) => w.call<Stats>('stats')));
    expect(stats.map((s) => s.liveImports)).toEqual(counts);
    expect(stats.map((s) => s.externalBytes)).toEqual(counts.map((n) => n * 16));
    expect(memoryStats()).toEqual(mainBefore);

    const afterDrop = await Promise.all(workers.map((w) => w.call<Stats>('drop')));
    expect(afterDrop).toEqual(counts.map(() => ({ liveImports: 0, liveExports: 0, externalBytes: 0 })));
    await Promise.all(workers.map((w) => w.worker.terminate()));
  });

  it("frees what a worker still holds when it exits (producer deleters run exactly once)", async () => {
    const before = producer.counters();
    const w = worker();
    await w.call('importFromProducer', { count: 5 });
    await w.call('exportCapsules', { count: 3 });
    expect(await w.call<Stats>('stats')).toMatchObject({ liveImports: 5, liveExports: 3 });
    await w.worker.terminate();
    const after = producer.counters();
    expect(after.produced - before.produced).toBe(5);
    expect(after.deleterCalls - before.deleterCalls).toBe(5);
    expect(after.repeatedDeleterCalls).toBe(before.repeatedDeleterCalls);
  });

  it('survives terminate() in the middle of creating imports and exports', async () => {
    const before = producer.counters();
    const w = worker();
    const churning = waitForChurn(w);
    void w.call('churn').catch(() => undefined); // never answers: terminated mid-loop
    await churning;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await w.worker.terminate()).toBe(1);
    await repeatedChurnTerminations(8);
    const after = producer.counters();
    expect(after.produced - before.produced).toBeGreaterThan(0);
    expect(after.deleterCalls - before.deleterCalls).toBe(after.produced - before.produced);
    expect(after.repeatedDeleterCalls).toBe(before.repeatedDeleterCalls);
  });
});

describe('memory crossing threads as DLPack pointers', () => {
  // Only copies: a zero-copy export of JS memory points into the worker's
  // heap, which Node frees with the worker (see docs/reliability.md).
  it('keeps a copied worker export valid after the worker is gone', async () => {
    const w = worker();
    const pointer = await w.call<bigint>('exportPointer', { values: [1.5, -2.5, 3.25], versioned: true, copy: true });
    await w.worker.terminate();
    await collectGarbage();
    const before = memoryStats();
    const imported = fromDlpackPointer(pointer, { versioned: true });
    expect(imported.toArray()).toEqual([1.5, -2.5, 3.25]);
    expect(memoryStats().liveImports).toBe(before.liveImports + 1);
  });

  it('imports and releases on a worker what the main thread exported', async () => {
    await collectGarbage();
    const before = memoryStats();
    const versionedPointer = toDlpackPointer(asarray(new Float64Array([4, 5, 6])), { versioned: true });
    const legacyPointer = toDlpackPointer(asarray(new Int32Array([7, -8])), { versioned: false });
    expect(memoryStats().liveExports).toBe(before.liveExports + 2);
    const w = worker();
    expect(await w.call('importPointer', { pointer: versionedPointer, versioned: true })).toEqual([4, 5, 6]);
    expect(await w.call('importPointer', { pointer: legacyPointer, versioned: false })).toEqual([7, -8]);
    const workerStats = await w.call<Stats>('drop');
    expect(workerStats.liveImports).toBe(0);
    // The worker's GC ran the main thread's deleters on the worker thread.
    expect(memoryStats().liveExports).toBe(before.liveExports);
  });

  it('accepts the deleter of an export from a foreign native thread', async () => {
    await collectGarbage();
    const before = memoryStats();
    const fromPointer = producer.consumePointer(toDlpackPointer(asarray(new Float32Array([1, 2])), { versioned: true }), true);
    const fromCapsule = producer.consumeCapsule(toDlpack(asarray(new Uint8Array([9])), { maxVersion: [1, 3] }).handle);
    expect(memoryStats().liveExports).toBe(before.liveExports + 2);
    producer.release(fromPointer.held, true);
    producer.release(fromCapsule.held, true);
    expect(memoryStats().liveExports).toBe(before.liveExports);
  });
});
