// The sizes sweep (issue 15 part A): per-call cost of every common call form
// at every size, float64 and int32, against NumPy (python3, bench/sizes_peer.py)
// in the same run, passes interleaved. Then matmul at 1 and 2 threads (one
// child process per thread count: both libraries read their thread setting
// at start). Each path is warmed until two timed batches in a row agree
// within 3% (at least 0.2 s, at most 3 s) and the warm-up is printed. Not a
// test. Writes bench/results-sizes.md (machine and date) unless filtered.
//
//   node bench/sizes.mjs [--passes 5] [--forms add,less] [--dtypes int32]
//                        [--sizes 8,100] [--no-matmul] [--matmul-only]
//   (also `npm run bench -- --only sizes`; a full `npm run bench` ends with it)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededFloat64 } from './seeded.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export const sweepSizes = [8, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];
export const sweepDTypes = ['float64', 'int32'];

// Each form: a label, and a maker of the JS call from the inputs.
// `rows` x `cols` = n for the two 2-d forms ((rows,1)*(1,cols) and the axis-1 reduce).
export const forms = [
  { name: 'add', label: 'add(a, b)', js: ({ nd, A, B }) => () => nd.add(A, B) },
  { name: 'add_out', label: 'add(a, b, { out })', js: ({ nd, A, B, O }) => () => nd.add(A, B, { out: O }) },
  { name: 'add_scalar', label: 'add(a, 2.5)', js: ({ nd, A }) => () => nd.add(A, 2.5) },
  { name: 'multiply_outer', label: 'multiply (r,1)*(1,c)', js: ({ nd, COL, ROW }) => () => nd.multiply(COL, ROW) },
  { name: 'reduce', label: 'add.reduce(a)', js: ({ nd, A }) => () => nd.add.reduce(A) },
  { name: 'reduce_axis1', label: 'add.reduce(m, { axis: 1 })', js: ({ nd, M }) => () => nd.add.reduce(M, { axis: 1 }) },
  { name: 'sin', label: 'sin(a)', js: ({ nd, A }) => () => nd.sin(A) },
  { name: 'astype', label: "a.astype('float32')", js: ({ A }) => () => A.astype('float32') },
  { name: 'less', label: 'less(a, b)', js: ({ nd, A, B }) => () => nd.less(A, B) },
];

/** rows x cols = n, as square as the factors allow. */
export function gridOf(n) {
  let rows = Math.floor(Math.sqrt(n));
  while (n % rows !== 0) rows -= 1;
  return [rows, n / rows];
}


const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const formatTime = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;

function timed(fn, reps) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - start) / reps;
}

// Warm-up to a steady state: batches until two in a row agree within 3%.
function settle(fn, reps) {
  const begin = process.hrtime.bigint();
  const batches = [];
  for (;;) {
    batches.push(timed(fn, reps));
    const elapsed = Number(process.hrtime.bigint() - begin) / 1e9;
    const k = batches.length;
    if (k >= 2 && elapsed >= 0.2 && Math.abs(batches[k - 1] - batches[k - 2]) <= 0.03 * batches[k - 2]) break;
    if (elapsed >= 3) break;
  }
  return { calls: batches.length * reps, seconds: Number(process.hrtime.bigint() - begin) / 1e9, first: batches[0], last: batches.at(-1) };
}

// About 20 ms of work per timed batch, estimated from one call.
function repsFor(fn) {
  const once = timed(fn, 1);
  const few = timed(fn, 3);
  return Math.max(1, Math.min(200_000, Math.round(2e7 / Math.max(1, Math.min(once, few)))));
}

function startPeer(env = {}) {
  const python = spawn('python3', [join(here, 'sizes_peer.py')], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const answers = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
  return {
    async time(request) {
      python.stdin.write(JSON.stringify(request) + '\n');
      const { value, done } = await answers.next();
      if (done) throw new Error('the NumPy peer exited');
      return JSON.parse(value);
    },
    close: () => python.stdin.end(),
  };
}

const describeWarm = (w) => `${w.calls} calls, ${w.seconds.toFixed(2)} s, ${formatTime(w.first)} -> ${formatTime(w.last)}`;

async function measure({ peer, request, fn, passes, log }) {
  const reps = repsFor(fn);
  const jsWarm = settle(fn, reps);
  const npFirst = await peer.time({ ...request, reps: Math.max(1, Math.round(reps)), settle: true });
  const npReps = Math.max(1, Math.min(200_000, Math.round(2e7 / Math.max(1, npFirst.ns))));
  const ours = [];
  const theirs = [];
  for (let p = 0; p < passes; p++) {
    ours.push(timed(fn, reps));
    theirs.push((await peer.time({ ...request, reps: npReps })).ns);
  }
  const result = { ours: median(ours), numpy: median(theirs) };
  result.ratio = result.ours / result.numpy;
  log(`    warm-up: ndinterop ${describeWarm(jsWarm)}; numpy ${describeWarm(npFirst.warm)}`);
  return result;
}

function writeInputs(workDir, n) {
  const a = seededFloat64(n, 12345);
  const b = seededFloat64(n, 54321);
  const pathA = join(workDir, `a-${n}.f64`);
  const pathB = join(workDir, `b-${n}.f64`);
  writeFileSync(pathA, new Uint8Array(a.buffer));
  writeFileSync(pathB, new Uint8Array(b.buffer));
  return { a, b, pathA, pathB };
}

function typed(nd, values, dtype) {
  // Memory ndinterop allocated (huge pages for large blocks), as NumPy's is NumPy's.
  if (dtype === 'float64') return nd.asarray(values).copy();
  return nd.asarray(Int32Array.from(values, (v) => Math.trunc(v * 10))).copy();
}

/** The elementwise/reduction sweep; returns rows { form, dtype, n, ours, numpy, ratio }. */
export async function runSweep(nd, { passes = 5, formNames, dtypes = sweepDTypes, sizes = sweepSizes, log = console.log } = {}) {
  const workDir = mkdtempSync(join(tmpdir(), 'ndinterop-sizes-'));
  const peer = startPeer();
  const rows = [];
  try {
    for (const n of sizes) {
      const { a, b, pathA, pathB } = writeInputs(workDir, n);
      const [rowsN, colsN] = gridOf(n);
      for (const dtype of dtypes) {
        const A = typed(nd, a, dtype);
        const B = typed(nd, b, dtype);
        const O = A.copy();
        const M = A.reshape([rowsN, colsN]);
        const COL = A.slice(`:${rowsN}`).copy().reshape([rowsN, 1]);
        const ROW = B.slice(`:${colsN}`).copy().reshape([1, colsN]);
        for (const form of forms) {
          if (formNames && !formNames.includes(form.name)) continue;
          const fn = form.js({ nd, A, B, O, M, COL, ROW });
          const request = { form: form.name, dtype, n, rows: rowsN, cols: colsN, a: pathA, b: pathB };
          log(`${form.label.padEnd(28)} ${dtype.padEnd(8)} n=${String(n).padEnd(9)}`);
          const r = await measure({ peer, request, fn, passes, log });
          log(`    ndinterop ${formatTime(r.ours).padStart(10)}  numpy ${formatTime(r.numpy).padStart(10)}  ratio ${r.ratio.toFixed(2)} ${r.ratio <= 1 ? 'meets' : 'MISSES'}`);
          rows.push({ form: form.name, label: form.label, dtype, n, ...r });
        }
      }
    }
  } finally {
    peer.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  return rows;
}

const matmulCases = [
  { name: 'matmul', label: 'matmul (256,256)@(256,256)', n: 256 * 256, rows: 256, cols: 256, shape: [256, 256] },
  { name: 'matmul_batched', label: 'matmul (1000,4,4)@(1000,4,4)', n: 16_000, rows: 4, cols: 4, shape: [1000, 4, 4] },
];

/** Matmul in this process: the caller set NDINTEROP_NUM_THREADS / OPENBLAS_NUM_THREADS before start. */
export async function runMatmul(nd, { passes = 7, threads, log = console.log } = {}) {
  const workDir = mkdtempSync(join(tmpdir(), 'ndinterop-sizes-'));
  // NumPy's OpenBLAS as shipped: no core-type or cache-size overrides.
  const peerEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OPENBLAS_THREAD_TIMEOUT: '4' };
  delete peerEnv.OPENBLAS_CORETYPE;
  delete peerEnv.OPENBLAS_L2_SIZE;
  const python = spawn('python3', [join(here, 'sizes_peer.py')], { stdio: ['pipe', 'pipe', 'inherit'], env: peerEnv });
  const answers = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
  const peer = {
    async time(request) {
      python.stdin.write(JSON.stringify(request) + '\n');
      const { value, done } = await answers.next();
      if (done) throw new Error('the NumPy peer exited');
      return JSON.parse(value);
    },
  };
  const rows = [];
  try {
    for (const c of matmulCases) {
      const { a, b, pathA, pathB } = writeInputs(workDir, c.n);
      const A = nd.asarray(a).copy().reshape(c.shape);
      const B = nd.asarray(b).copy().reshape(c.shape);
      const fn = () => nd.matmul(A, B);
      log(`${c.label.padEnd(28)} threads=${threads}`);
      const r = await measure({ peer, request: { form: c.name, dtype: 'float64', n: c.n, rows: c.rows, cols: c.cols, a: pathA, b: pathB }, fn, passes, log });
      log(`    ndinterop ${formatTime(r.ours).padStart(10)}  numpy ${formatTime(r.numpy).padStart(10)}  ratio ${r.ratio.toFixed(2)} ${r.ratio <= 1 ? 'meets' : 'MISSES'}`);
      rows.push({ form: c.name, label: c.label, threads, ...r });
    }
  } finally {
    python.stdin.end();
    rmSync(workDir, { recursive: true, force: true });
  }
  return rows;
}

// Runs runMatmul in a child process with both libraries at `threads` threads.
function matmulInChild(threads, passes, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--matmul-child', String(threads), '--passes', String(passes)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NDINTEROP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) },
    });
    let text = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"matmulRows"')) text = line;
      else log(line);
    });
    child.on('close', (code) => (code === 0 && text ? resolve(JSON.parse(text).matmulRows) : reject(new Error(`matmul child exited with ${code}`))));
  });
}

const numpyVersion = () =>
  new Promise((resolve) => {
    const child = spawn('python3', ['-c', 'import numpy; print(numpy.__version__)']);
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('close', () => resolve(text.trim() || 'unavailable'));
  });

function report(rows, matmulRows, passes, npVersion) {
  const cell = (r) => (r ? `${formatTime(r.ours)} / ${formatTime(r.numpy)} (**${r.ratio.toFixed(2)}**)`.replace(/\*\*(\d+\.\d+)\*\*/, (_, x) => (Number(x) <= 1 ? x : `**${x}**`)) : '—');
  const lines = [
    '# Per-call cost across sizes',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}, NumPy ${npVersion}.`,
    `Written by \`node bench/sizes.mjs\` (also \`npm run bench -- --only sizes\`); not a test. Each path is warmed until two`,
    `timed batches in a row agree within 3%, then ${passes} passes alternate between ndinterop and NumPy; each cell is`,
    `ndinterop's median time per call / NumPy's (ratio; lower is better, misses of the <= 1.0 target in bold).`,
    `The machine is shared with other work, so single cells can move by 10-30% between runs.`,
    '',
  ];
  for (const dtype of sweepDTypes) {
    const sub = rows.filter((r) => r.dtype === dtype);
    if (sub.length === 0) continue;
    const sizes = [...new Set(sub.map((r) => r.n))];
    const used = forms.filter((f) => sub.some((r) => r.form === f.name));
    lines.push(`## ${dtype}`, '', `| call | ${sizes.map((n) => String(n)).join(' | ')} |`, `|---|${sizes.map(() => '---').join('|')}|`);
    for (const f of used) {
      lines.push(`| \`${f.label}\` | ${sizes.map((n) => cell(sub.find((r) => r.form === f.name && r.n === n))).join(' | ')} |`);
    }
    lines.push('');
  }
  if (matmulRows.length) {
    lines.push('## matmul (float64)', '', 'NumPy with its bundled OpenBLAS (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset); OPENBLAS_NUM_THREADS and NDINTEROP_NUM_THREADS set to the thread count.', '');
    lines.push('| call | threads | ndinterop / NumPy (ratio) |', '|---|---|---|');
    for (const r of matmulRows) lines.push(`| \`${r.label}\` | ${r.threads} | ${cell(r)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The whole sweep as `npm run bench -- --only sizes` runs it. */
export async function main(args = process.argv.slice(2)) {
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const list = (name) => option(name, '')?.split(',').filter(Boolean);
  const passes = Number(option('--passes', '5'));
  const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
  if (args.includes('--matmul-child')) {
    const rows = await runMatmul(nd, { passes, threads: Number(option('--matmul-child', '1')) });
    console.log(JSON.stringify({ matmulRows: rows }));
    return;
  }
  const formNames = list('--forms')?.length ? list('--forms') : undefined;
  const dtypes = list('--dtypes')?.length ? list('--dtypes') : sweepDTypes;
  const sizes = list('--sizes')?.length ? list('--sizes').map(Number) : sweepSizes;
  const filtered = formNames || dtypes !== sweepDTypes || sizes !== sweepSizes || args.includes('--no-matmul') || args.includes('--matmul-only');
  const rows = args.includes('--matmul-only') ? [] : await runSweep(nd, { passes, formNames, dtypes, sizes });
  const matmulRows = [];
  if (!args.includes('--no-matmul')) for (const threads of [1, 2]) matmulRows.push(...(await matmulInChild(threads, Math.max(passes, 7), console.log)));
  const text = report(rows, matmulRows, passes, await numpyVersion());
  if (!filtered) writeFileSync(join(here, 'results-sizes.md'), text + '\n');
  console.log('\n' + text);
  const all = [...rows, ...matmulRows];
  console.log(`\n${all.filter((r) => r.ratio <= 1).length} of ${all.length} at or under 1.0`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
