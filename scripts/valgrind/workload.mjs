// The workload scripts/valgrind.sh runs under memcheck. Small counts: under
// valgrind with --jitless every JS operation is ~100x slower.
//  - the soak cycles (scripts/soak/cycles.mjs) without NumPy: producer
//    imports, exports consumed here and on a pthread or dropped unconsumed,
//    pointer round trips, every DLPack dtype, both versions;
//  - strided views: negative strides, slices, transposes, reads and copies;
//  - two workers that load the addon, export, import, and exit while still
//    holding the imports (the environment cleanup must release them);
//  - results on the result pool (native/core/base/result_pool.h): collected,
//    handed out again, written in full, one transferred to a worker.
// Exits non-zero when a value read is wrong or something was not released.
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { buildProducer } from '../../test/fixtures/producer/build.mjs';
import { runSoak } from '../soak/cycles.mjs';

const ndi = await import('../../dist/esm/index.js');
const producer = createRequire(import.meta.url)(buildProducer());

function fail(message) {
  console.error(`workload: ${message}`);
  process.exit(1);
}

function views() {
  const base = ndi.asarray(new Float64Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
  const reversed = new ndi.NDArray({ buffer: base.buffer, dtype: 'float64', shape: [3, 4], strides: [-32, -8], byteOffset: 88 });
  if (reversed.get(0, 0) !== 11 || reversed.get(2, 3) !== 0) fail('negative-stride view read wrong values');
  const copied = reversed.transpose().copy().toArray();
  if (JSON.stringify(copied[0]) !== '[11,7,3]') fail(`transposed copy read ${JSON.stringify(copied[0])}`);
  for (const name of ['int8', 'uint16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'complex128']) {
    ndi.asarray([[1, 2, 3], [4, 5, 6]], { dtype: name }).transpose().copy().toArray();
  }
}

// A worker: exports (consumed and released on a pthread), then imports and
// exits holding the imports and two native export capsules nobody consumed,
// whose napi_refs the environment's cleanup hook must delete.
async function holdAndExit() {
  const held = [];
  for (let i = 0; i < 2; i += 1) {
    const unconsumed = ndi.toDlpack(ndi.asarray([i]), { maxVersion: i === 0 ? [1, 3] : null });
    void unconsumed.handle; // builds the native tensor
    held.push(unconsumed);
  }
  for (let i = 0; i < 3; i += 1) {
    const capsule = ndi.toDlpack(ndi.asarray([i, i + 1]), { maxVersion: [1, 3] });
    producer.release(producer.consumeCapsule(capsule.handle).held, true);
    const { tensor } = producer.makeTensor({ versioned: i % 2 === 0, shape: [4], code: 2, bits: 32, bytes: new Uint8Array(16), freeHeader: true });
    held.push(ndi.fromDlpack(tensor));
  }
  parentPort.postMessage(ndi.memoryStats());
  globalThis.heldUntilExit = held;
}

// Results of 256 KiB and more live on pool blocks whose V8 deleter returns
// them; a reused block must read back exactly the new values.
async function pooledResults() {
  const { native } = await import('../../dist/esm/base/native.js');
  const n = 40_000; // 320 KB of float64
  const a = ndi.asarray(Float64Array.from({ length: n }, (_, i) => i % 97));
  for (let round = 0; round < 6; round += 1) {
    let results = [];
    for (let i = 0; i < 4; i += 1) results.push(ndi.add(a, round * 4 + i));
    results.forEach((r, i) => {
      const values = r.toTypedArray();
      if (values[n - 1] !== ((n - 1) % 97) + round * 4 + i || values[0] !== round * 4 + i) fail('a pooled result read wrong values');
    });
    results = [];
    globalThis.gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [, , , hits] = native.resultPoolStats();
  if (hits === 0) fail('no pooled block was ever reused');
  // A pooled buffer transferred to a worker, which sums it and exits.
  const buffer = ndi.add(a, 1).buffer;
  const worker = new Worker(
    `require('node:worker_threads').parentPort.once('message', (b) => {
       const v = new Float64Array(b); let s = 0; for (let i = 0; i < v.length; i += 1) s += v[i];
       require('node:worker_threads').parentPort.postMessage(s);
     });`,
    { eval: true },
  );
  const sum = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage(buffer, [buffer]);
  let expected = 0;
  for (let i = 0; i < n; i += 1) expected += (i % 97) + 1;
  if ((await sum) !== expected) fail('a transferred pooled buffer read wrong values in the worker');
  await worker.terminate();
}

async function workers(count) {
  const before = producer.counters();
  const exits = [];
  for (let i = 0; i < count; ++i) {
    const worker = new Worker(fileURLToPath(import.meta.url));
    exits.push(new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
    }));
  }
  await Promise.all(exits);
  const after = producer.counters();
  if (after.deleterCalls - before.deleterCalls !== 3 * count) fail('a worker exit did not release its imports');
}

if (isMainThread) {
  views();
  const result = await runSoak({ ndi, producer, numpy: null, cycles: 180, gcEvery: 30 });
  const stats = result.memoryStats;
  if (stats.liveImports !== 0 || stats.liveExports !== 0) fail(`memoryStats after the cycles: ${JSON.stringify(stats)}`);
  if (result.producerDeleterCalls !== result.producerTensors) fail('producer deleters did not run exactly once');
  await workers(2);
  await pooledResults();
  console.log(`workload done: ${result.cycles} DLPack cycles ${JSON.stringify(result.paths)}, views, 2 workers, pooled results`);
} else {
  await holdAndExit();
}
