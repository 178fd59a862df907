// DLPack per-call cost: ndinterop's export + import round trip
// (fromDlpack(toDlpack(a))) and export alone, for 1 and 1e7 float64 elements,
// against NumPy's np.from_dlpack(a) (which is also __dlpack__ + import) in the
// same run via python3. Both must be O(1): the 1e7 column should match the 1
// column. Never part of `npm test`.
//
//   npm run build:ts && node bench/dlpack.mjs [--calls 20000]
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const at = process.argv.indexOf('--calls');
const calls = at >= 0 ? Number(process.argv[at + 1]) : 20000;
const sizes = [1, 1e7];

function perCall(action) {
  for (let i = 0; i < Math.min(calls, 2000); i += 1) action(); // warm-up
  const samples = [];
  for (let pass = 0; pass < 5; pass += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) action();
    samples.push(Number(process.hrtime.bigint() - start) / calls);
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
  const roundTrip = perCall(() => nd.fromDlpack(nd.toDlpack(a, { maxVersion: [1, 3] })));
  const exportOnly = perCall(() => nd.toDlpack(a, { maxVersion: [1, 3] })[Symbol.dispose]());
  const numpy = numpyPerCall(size);
  rows.push({ size, roundTrip, exportOnly, numpy });
}

const fmt = (ns) => (Number.isNaN(ns) ? 'n/a' : ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
console.log(`DLPack per call (median of 5 passes x ${calls} calls; node ${process.version})`);
console.log('| elements | ndinterop fromDlpack(toDlpack(a)) | ndinterop toDlpack + dispose | NumPy np.from_dlpack(a) | ratio round trip / NumPy |');
console.log('|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const ratio = Number.isNaN(row.numpy) ? 'n/a' : (row.roundTrip / row.numpy).toFixed(2);
  console.log(`| ${row.size} | ${fmt(row.roundTrip)} | ${fmt(row.exportOnly)} | ${fmt(row.numpy)} | ${ratio} |`);
}
const stats = nd.memoryStats();
console.log(`memoryStats at the end (before GC): ${JSON.stringify(stats)}`);
