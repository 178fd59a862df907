// a.get(i, j) and a.set(i, j, v) per call against NumPy's a[i, j] read and
// write (issue 15: <= 1.0), on a (100, 100) float64 and int32 array (the
// JS indices change every call). NumPy's side is timed in the same run by
// python3 (timeit, best of 5). Writes bench/results-getset.md. Not a test.
//
//   npm run build:ts && node bench/getset.mjs [--calls 2000000]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const at = process.argv.indexOf('--calls');
const calls = at >= 0 ? Number(process.argv[at + 1]) : 2_000_000;

function perCall(action) {
  for (let i = 0; i < 200_000; i++) action(i); // warm-up
  const samples = [];
  for (let pass = 0; pass < 5; pass++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) action(i);
    samples.push(Number(process.hrtime.bigint() - start) / calls);
  }
  return Math.min(...samples);
}

function numpyPerCall(dtype) {
  const script = `
import numpy as np, timeit
a = np.zeros((100, 100), dtype='${dtype}')
env = {'a': a, 'i': 37, 'j': 61}
n = ${calls}
print(min(timeit.repeat('a[i, j]', globals=env, number=n, repeat=5)) / n * 1e9,
      min(timeit.repeat('a[i, j] = 7', globals=env, number=n, repeat=5)) / n * 1e9)
`;
  return execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
}

const rows = [];
for (const dtype of ['float64', 'int32']) {
  const a = nd.asarray(new (dtype === 'float64' ? Float64Array : Int32Array)(100 * 100)).reshape([100, 100]);
  let sink = 0;
  const get = perCall((i) => {
    sink += a.get(i % 100, (i >> 7) % 100);
  });
  const set = perCall((i) => a.set(i % 100, (i >> 7) % 100, 7));
  const [npGet, npSet] = numpyPerCall(dtype);
  rows.push({ dtype, get, set, npGet, npSet, sink });
  console.log(`${dtype}: get ${get.toFixed(0)} ns (NumPy ${npGet.toFixed(0)} ns, ratio ${(get / npGet).toFixed(2)})  set ${set.toFixed(0)} ns (NumPy ${npSet.toFixed(0)} ns, ratio ${(set / npSet).toFixed(2)})`);
}
const lines = [
  '# get/set per call against NumPy indexing',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared); Node ${process.version}. Best of 5 passes of ${calls} calls; NumPy's a[i, j] (i, j variables) timed by timeit in the same run. Target: ratio <= 1.0 (issue 15). Written by \`node bench/getset.mjs\`.`,
  '',
  '| array (100, 100) | a.get(i, j) | NumPy a[i, j] | ratio | a.set(i, j, 7) | NumPy a[i, j] = 7 | ratio |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.dtype} | ${r.get.toFixed(0)} ns | ${r.npGet.toFixed(0)} ns | ${(r.get / r.npGet).toFixed(2)} | ${r.set.toFixed(0)} ns | ${r.npSet.toFixed(0)} ns | ${(r.set / r.npSet).toFixed(2)} |`),
  '',
];
writeFileSync(join(here, 'results-getset.md'), lines.join('\n'));
