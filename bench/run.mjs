// npm run bench: ndinterop against NumPy (python3, same data, same shapes,
// same dtypes), plain JS loops and npm array libraries, interleaved in one
// run. Prints medians with spread and ratios (ndinterop / NumPy; lower is
// better), and writes bench/results.md. Never part of `npm test`.
//
//   node bench/run.mjs [--passes 7] [--quick] [--only name,name]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { buildCases } from './cases.mjs';
import { seededFloat64 } from './seeded.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const passes = Number(option('--passes', args.includes('--quick') ? '3' : '7'));
const only = option('--only', '')?.split(',').filter(Boolean) ?? [];
// The files group (.npy/.npz) has its own runner: whole-file timings, writes bench/results-npy.md.
if (only.includes('npy')) {
  await import('./npy.mjs');
  if (only.length === 1) process.exit(0);
}
// The array functions (bench/functions-results.mjs): `--only functions` runs them alone and
// writes bench/results-functions.md.
if (only.length === 1 && only[0] === 'functions') {
  await (await import('./functions-results.mjs')).main(['--passes', String(option('--passes', '5'))]);
  process.exit(0);
}
// The sizes sweep (bench/sizes.mjs): `--only sizes` runs it alone; a full run ends with it.
if (only.length === 1 && only[0] === 'sizes') {
  await (await import('./sizes.mjs')).main(['--passes', String(option('--passes', '5'))]);
  process.exit(0);
}

const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const requireHere = createRequire(import.meta.url);
const optional = (name) => {
  try {
    return requireHere(name);
  } catch {
    return null;
  }
};
const peers = {
  ndarray: optional('ndarray'),
  ndarrayOps: optional('ndarray-ops'),
  stdlibAdd: optional('@stdlib/math-strided-ops-add'),
};

// Seeded inputs (xorshift; uniform in [0, 100)), shared with NumPy via files.

// Every contender's large inputs live in memory ndinterop allocated, as
// NumPy's live in memory NumPy allocated: both get transparent huge pages
// (src/base/memory.ts). A plain `new Float64Array(1e7)` has 4 KiB pages, and reading
// two of them costs every JS contender alike 2-4 ms more per call here (TLB
// misses); the 'plain memory' case measures that.
const owned = (typed) => new typed.constructor(nd.asarray(typed).copy().buffer);

const workDir = mkdtempSync(join(tmpdir(), 'ndinterop-bench-'));
const inputs = new Map();
function inputsFor(n) {
  if (!inputs.has(n)) {
    const plainA = seededFloat64(n, 12345);
    const plainB = seededFloat64(n, 54321);
    const a = owned(plainA);
    const b = owned(plainB);
    const pathA = join(workDir, `a-${n}.f64`);
    const pathB = join(workDir, `b-${n}.f64`);
    writeFileSync(pathA, new Uint8Array(a.buffer));
    writeFileSync(pathB, new Uint8Array(b.buffer));
    inputs.set(n, { a, b, plainA, plainB, pathA, pathB });
  }
  return inputs.get(n);
}

// The NumPy peer: one long-lived python3 process answering timing requests.
// OpenBLAS's idle threads spin for ~0.1 s of CPU after every BLAS call
// (measured: a 256x256 matmul, then 0.1 s of CPU during a 0.3 s sleep), which
// on 2 cores steals a core from whatever the bench times next. A short
// OPENBLAS_THREAD_TIMEOUT puts them to sleep at once; NumPy's matmul still
// uses all its threads.
const python = spawn('python3', [join(here, 'numpy_peer.py')], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, OPENBLAS_THREAD_TIMEOUT: process.env.OPENBLAS_THREAD_TIMEOUT ?? '4' },
});
const answers = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
async function timeNumpy(name, n, reps, warmSeconds = 0) {
  const { pathA, pathB } = inputsFor(n);
  python.stdin.write(JSON.stringify({ case: name, n, reps, warm: warmSeconds, a: pathA, b: pathB }) + '\n');
  const { value, done } = await answers.next();
  if (done) throw new Error('the NumPy peer exited');
  return JSON.parse(value).ns;
}
const numpyVersion = await new Promise((resolve) => {
  const child = spawn('python3', ['-c', 'import numpy; print(numpy.__version__)']);
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  child.on('close', () => resolve(text.trim() || 'unavailable'));
});

function timeJs(fn, reps) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - start) / reps;
}

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => {
  const m = median(xs);
  return Math.max(...xs.map((x) => Math.abs(x - m))) / m;
};
const formatTime = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;

const cases = buildCases({ nd, peers, inputsFor, owned }).filter((c) => only.length === 0 || only.includes(c.name));
const rows = [];
for (const benchCase of cases) {
  const contenders = Object.entries(benchCase.js).filter(([, fn]) => typeof fn === 'function');
  const times = Object.fromEntries([...contenders.map(([k]) => [k, []]), ['numpy', []]]);
  // Warm-up to a steady state, for every contender the same way: JIT tiers,
  // first-touch page faults, NumPy's malloc arenas, ndinterop's result pool
  // (native/core/base/result_pool.h fills with the blocks that circulate between
  // two garbage collections). Each runs for at least 0.25 s and 4 x reps calls.
  const warmUp = (fn) => {
    const start = process.hrtime.bigint();
    let calls = 0;
    while (calls < 4 * benchCase.reps || process.hrtime.bigint() - start < 250_000_000n) {
      fn();
      calls += 1;
    }
  };
  for (const [, fn] of contenders) warmUp(fn);
  await timeNumpy(benchCase.numpy, benchCase.n, 4 * benchCase.reps, 0.25);
  for (let pass = 0; pass < passes; pass++) {
    for (const [name, fn] of contenders) times[name].push(timeJs(fn, benchCase.reps));
    times.numpy.push(await timeNumpy(benchCase.numpy, benchCase.n, benchCase.reps));
  }
  const numpyMedian = median(times.numpy);
  const row = { name: benchCase.name, label: benchCase.label, target: benchCase.target, results: {} };
  for (const [name, series] of Object.entries(times)) {
    row.results[name] = { median: median(series), spread: spread(series), ratio: median(series) / numpyMedian };
  }
  rows.push(row);
  const r = row.results.ndinterop;
  const verdict = r && benchCase.target !== undefined ? (r.ratio <= benchCase.target ? 'meets' : 'MISSES') : '';
  console.log(
    `${benchCase.label.padEnd(44)} ndinterop ${formatTime(r?.median ?? NaN).padStart(10)}  numpy ${formatTime(numpyMedian).padStart(10)}  ratio ${(r?.ratio ?? NaN).toFixed(2)} ${verdict}`,
  );
}
python.stdin.end();
rmSync(workDir, { recursive: true, force: true });

const peerNames = ['ndinterop', 'numpy', 'js loop', 'ndarray-ops', '@stdlib'];
const cell = (row, name) => {
  const r = row.results[name];
  return r ? `${formatTime(r.median)} ±${(r.spread * 100).toFixed(0)}% (${r.ratio.toFixed(2)})` : '—';
};
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
const lines = [
  '# ndinterop benchmark results',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; Node ${process.version}, NumPy ${numpyVersion}; ${passes} passes per case, interleaved.`,
  '',
  'Each cell: median time per call ± largest deviation from the median, and (in parentheses) the ratio to NumPy\'s median from the same run. Lower is better.',
  '',
  `| case | target | ${peerNames.join(' | ')} |`,
  `|---|---|${peerNames.map(() => '---').join('|')}|`,
  ...rows.map((row) => `| ${row.label} | ${row.target === undefined ? '' : `≤ ${row.target}`} | ${peerNames.map((p) => cell(row, p)).join(' | ')} |`),
  '',
];
if (only.length === 0) writeFileSync(join(here, 'results.md'), lines.join('\n'));
console.log('\n' + lines.join('\n'));
if (only.length === 0) await (await import('./sizes.mjs')).main([]);
