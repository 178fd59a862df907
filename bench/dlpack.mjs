// DLPack per-call cost, for 1 and 1e7 float64 elements, next to NumPy's
// np.from_dlpack(a) (which is __dlpack__ + import) timed in the same run via
// python3. Never part of `npm test`.
//
//   fromDlpack(a)             NDArray -> NDArray (the `npm run bench` case)
//   fromDlpack(toDlpack(a))   through a (deferred) capsule
//   export to native          toDlpack(a).handle taken by the producer fixture
//                             (a plain-C addon), which calls the deleter at
//                             once (consumeAndRelease: no description of the
//                             tensor is built for JS)
//   import from native        fromDlpack of a producer-fixture capsule
//                             (makeFloat64: no spec object read); the
//                             fixture's own makeFloat64 time is subtracted.
//                             Its 1e7 tensor claims 80 MB over an 8-byte block
//                             that is never read, so the copy into the block
//                             is not what gets timed.
//
// Every column but the last must be O(1): the 1e7 row should match the 1 row.
//
//   npm run build:ts && node bench/dlpack.mjs [--calls 20000]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const { buildProducer } = await import(join(here, '..', 'test', 'fixtures', 'producer', 'build.mjs'));
const producer = createRequire(import.meta.url)(buildProducer());
const at = process.argv.indexOf('--calls');
const calls = at >= 0 ? Number(process.argv[at + 1]) : 20000;
const sizes = [1, 1e7];

function perCall(action, count = calls) {
  for (let i = 0; i < Math.min(count, 2000); i += 1) action(); // warm-up
  const samples = [];
  for (let pass = 0; pass < 5; pass += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) action();
    samples.push(Number(process.hrtime.bigint() - start) / count);
  }
  samples.sort((x, y) => x - y);
  return samples[2]; // median, ns per call
}

function numpyPerCall(size) {
  const script = `
import numpy as np, timeit
a = np.zeros(${size}, dtype='f8')
n = ${calls}
timeit.timeit(lambda: np.from_dlpack(a), number=min(n, 2000))
print(sorted(timeit.repeat(lambda: np.from_dlpack(a), number=n, repeat=5))[2] / n * 1e9)
`;
  try {
    return Number(execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim());
  } catch {
    return Number.NaN;
  }
}

const rows = [];
for (const size of sizes) {
  const a = new nd.NDArray({ buffer: new Float64Array(size), dtype: 'float64', shape: [size] });
  const direct = perCall(() => nd.fromDlpack(a));
  const capsule = perCall(() => nd.fromDlpack(nd.toDlpack(a, { maxVersion: [1, 3] })));
  const toNative = perCall(() => producer.consumeAndRelease(nd.toDlpack(a, { maxVersion: [1, 3] }).handle));
  const foreignCalls = Math.min(calls, 5000);
  const make = perCall(() => producer.makeFloat64(size), foreignCalls);
  const fromNative = perCall(() => nd.fromDlpack(producer.makeFloat64(size)), foreignCalls) - make;
  const numpy = numpyPerCall(size);
  rows.push({ size, direct, capsule, toNative, fromNative, numpy });
}

const fmt = (ns) => (Number.isNaN(ns) ? 'n/a' : ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const ratio = (ns, numpy) => (Number.isNaN(numpy) ? 'n/a' : (ns / numpy).toFixed(2));
console.log(`DLPack per call (median of 5 passes x ${calls} calls; node ${process.version}); (ratio to NumPy)`);
console.log('| elements | NumPy np.from_dlpack(a) | fromDlpack(a) | fromDlpack(toDlpack(a)) | export to native | import from native |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const cell = (ns) => `${fmt(ns)} (${ratio(ns, r.numpy)})`;
  console.log(`| ${r.size} | ${fmt(r.numpy)} | ${cell(r.direct)} | ${cell(r.capsule)} | ${cell(r.toNative)} | ${cell(r.fromNative)} |`);
}
console.log(`memoryStats at the end (before GC): ${JSON.stringify(nd.memoryStats())}`);
