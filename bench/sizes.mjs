// Per-call cost across sizes (not a test): ndinterop and NumPy (python3,
// timeit in a subprocess) for float64 arrays of 8 to 1e5 elements, where
// fixed per-call costs and result allocation weigh most. Each cell is the
// best of 5 repeats of a timed loop, in nanoseconds per call.
// Writes bench/results-sizes.md.
//
//   npm run build:ts && node bench/sizes.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));

const sizes = [8, 100, 1000, 10_000, 100_000];
const ops = [
  ['add(a, b)', (A, B) => nd.add(A, B), 'np.add(a, b)'],
  ['add(a, b, out)', (A, B, O) => nd.add(A, B, { out: O }), 'np.add(a, b, out=o)'],
  ['add(a, 1)', (A) => nd.add(A, 1), 'np.add(a, 1)'],
  ['add.reduce(a)', (A) => nd.add.reduce(A), 'np.add.reduce(a)'],
  ['sin(a)', (A) => nd.sin(A), 'np.sin(a)'],
];
const repsFor = (n) => (n <= 1000 ? 100_000 : n <= 10_000 ? 20_000 : 2_000);

function timeJs(fn, reps) {
  for (let i = 0; i < reps / 5; i++) fn();
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / reps);
  }
  return best;
}

const numpyScript = `
import json, sys, timeit
import numpy as np
sizes, ops = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out = []
for n in sizes:
    a = (np.arange(n) % 1000) + 0.5
    b = np.full(n, 2.0)
    o = np.empty(n)
    reps = 100000 if n <= 1000 else 20000 if n <= 10000 else 2000
    row = []
    for stmt in ops:
        timeit.timeit(stmt, globals=dict(np=np, a=a, b=b, o=o), number=reps // 5)
        row.append(min(timeit.repeat(stmt, globals=dict(np=np, a=a, b=b, o=o), number=reps, repeat=5)) / reps * 1e9)
    out.append(row)
print(json.dumps(out))
`;
const numpy = JSON.parse(execFileSync('python3', ['-c', numpyScript, JSON.stringify(sizes), JSON.stringify(ops.map((op) => op[2]))], { encoding: 'utf8' }));

const rows = [];
sizes.forEach((n, s) => {
  const A = nd.asarray(Float64Array.from({ length: n }, (_, i) => (i % 1000) + 0.5));
  const B = nd.asarray(new Float64Array(n).fill(2));
  const O = nd.asarray(new Float64Array(n));
  const cells = ops.map(([, fn], k) => {
    const ours = timeJs(() => fn(A, B, O), repsFor(n));
    return { ours, numpy: numpy[s][k] };
  });
  rows.push({ n, cells });
  console.log(String(n).padStart(7), cells.map((c) => `${c.ours.toFixed(0).padStart(8)} (${(c.ours / c.numpy).toFixed(2)})`).join(' '));
});

const format = (ns) => (ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
const report = `# Per-call cost across sizes

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.
Written by \`node bench/sizes.mjs\` (not a test). float64 arrays; each cell is
ndinterop's time per call, NumPy's, and the ratio (best of 5 timed loops each).

| elements | ${ops.map((op) => `\`${op[0]}\``).join(' | ')} |
|---:|${ops.map(() => '---').join('|')}|
${rows.map((r) => `| ${r.n} | ${r.cells.map((c) => `${format(c.ours)} / ${format(c.numpy)} (${(c.ours / c.numpy).toFixed(2)})`).join(' | ')} |`).join('\n')}
`;
writeFileSync(join(here, 'results-sizes.md'), report);
console.log('wrote bench/results-sizes.md');
