// The `npy` group of npm run bench (node bench/run.mjs --only npy, or run
// this file): .npy/.npz load and save against NumPy, interleaved pass by
// pass in one run, the page cache warm. NumPy runs in one long-lived python3
// process timing each call itself (time.perf_counter around the call only).
// Also the event-loop delay (perf_hooks.monitorEventLoopDelay) while
// loadAsync reads a 1 GB file. Writes bench/results-npy.md.
//
//   npm run build:ts && node --expose-gc bench/npy.mjs [--size 1e8] [--compressed-size 1e6] [--passes 5]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const size = Number(option('--size', '1e8'));
const compressedSize = Number(option('--compressed-size', '1e6'));
const passes = Number(option('--passes', '5'));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const gc = globalThis.gc ?? (() => {});

const work = mkdtempSync(join(tmpdir(), 'ndinterop-bench-npy-'));
const python = spawn('python3', ['-u', '-c', `
import sys, time, os, numpy as np
import { seededFloat64 } from './seeded.mjs';
print(np.__version__, flush=True)
for line in sys.stdin:
    op, path = line.split()
    start = time.perf_counter()
    if op == 'load': a = np.load(path)
    elif op == 'mmap': a = np.load(path, mmap_mode='r')
    elif op == 'save': np.save(path, keep)
    elif op == 'save-fsync':
        with open(path, 'wb') as f:
            np.save(f, keep); f.flush(); os.fsync(f.fileno())
    elif op == 'savez-compressed': np.savez_compressed(path, a=keep_small)
    elif op == 'load-npz':
        with np.load(path) as z: a = z['a']
    elif op == 'keep': keep = np.load(path); keep_small = keep[:${compressedSize}].copy()
    elapsed = time.perf_counter() - start
    a = None
    print(elapsed, flush=True)
`], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
const numpyVersion = (await lines.next()).value;
async function numpy(op, path) {
  python.stdin.write(`${op} ${path}\n`);
  return Number((await lines.next()).value) * 1e3;
}
function time(fn) {
  gc();
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, result };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];


const big = nd.asarray(seededFloat64(size, 12345));
const bigPath = nd.save(join(work, 'big.npy'), big);
const small = big.slice(`:${compressedSize}`).copy();
const tinyPath = nd.save(join(work, 'tiny.npy'), nd.asarray(new Float64Array(1)));
const npzPath = nd.savezCompressed(join(work, 'small.npz'), { a: small });
await numpy('keep', bigPath);

const cases = [
  { label: `load ${size.toExponential()} float64 .npy`, target: 1, nd: () => nd.load(bigPath), np: () => numpy('load', bigPath) },
  { label: "load mmapMode 'r' (same file)", target: 1, nd: () => nd.load(bigPath, { mmapMode: 'r' }), np: () => numpy('mmap', bigPath) },
  { label: "load mmapMode 'r' of a 1-element file", nd: () => nd.load(tinyPath, { mmapMode: 'r' }), np: () => numpy('mmap', tinyPath) },
  { label: `save ${size.toExponential()} float64 (atomic: fsync + rename) vs np.save`, target: 1, nd: () => nd.save(join(work, 'out.npy'), big), np: () => numpy('save', join(work, 'np-out.npy')) },
  { label: '  the same vs np.save + fsync', nd: () => nd.save(join(work, 'out.npy'), big), np: () => numpy('save-fsync', join(work, 'np-out.npy')) },
  { label: `savezCompressed ${compressedSize.toExponential()} float64`, target: 1, nd: () => nd.savezCompressed(join(work, 'out.npz'), { a: small }), np: () => numpy('savez-compressed', join(work, 'np-out.npz')) },
  {
    label: 'load that compressed member',
    target: 1,
    nd: () => {
      const npz = nd.load(npzPath);
      const a = npz.get('a');
      npz.close();
      return a;
    },
    np: () => numpy('load-npz', npzPath),
  },
];

const rows = [];
for (const c of cases) {
  c.nd();
  await c.np();
  const mine = [];
  const theirs = [];
  for (let pass = 0; pass < passes; pass++) {
    mine.push(time(c.nd).ms);
    theirs.push(await c.np());
  }
  const row = { ...c, ndMs: median(mine), npMs: median(theirs) };
  row.ratio = row.ndMs / row.npMs;
  rows.push(row);
  const verdict = c.target === undefined ? '' : row.ratio <= c.target ? 'meets' : 'MISSES';
  console.log(`${c.label.padEnd(58)} ndinterop ${row.ndMs.toFixed(2).padStart(9)} ms  numpy ${row.npMs.toFixed(2).padStart(9)} ms  ratio ${row.ratio.toFixed(2)} ${verdict}`);
}
python.stdin.end();

// Event-loop delay while a 1 GB file loads: loadAsync against load.
const gbPath = nd.save(join(work, 'gb.npy'), nd.asarray(new Float64Array(1.25e8).fill(1)));
async function loopDelay(run) {
  gc();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let longest = 0;
  let last = process.hrtime.bigint();
  let ticking = true;
  const tick = () => {
    const now = process.hrtime.bigint();
    longest = Math.max(longest, Number(now - last) / 1e6);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const start = process.hrtime.bigint();
  await run();
  const total = Number(process.hrtime.bigint() - start) / 1e6;
  // Let the tick loop and the histogram's timer see the gap that ends here.
  await new Promise((resolve) => setTimeout(resolve, 5));
  ticking = false;
  histogram.disable();
  return { total, max: histogram.max / 1e6, p99: histogram.percentile(99) / 1e6, longest };
}
await loopDelay(() => nd.loadAsync(gbPath));
const delays = [];
for (const [label, run] of [
  ['load (sync)', async () => nd.load(gbPath)],
  ['loadAsync', () => nd.loadAsync(gbPath)],
]) {
  const samples = [];
  for (let pass = 0; pass < 3; pass++) samples.push(await loopDelay(run));
  const worst = samples.reduce((a, b) => (b.longest > a.longest ? b : a));
  delays.push({ label, total: median(samples.map((s) => s.total)), max: worst.max, p99: median(samples.map((s) => s.p99)), longest: worst.longest });
  console.log(`1 GB ${label.padEnd(12)} takes ${delays.at(-1).total.toFixed(0)} ms; event loop: longest gap ${worst.longest.toFixed(1)} ms, histogram max ${worst.max.toFixed(1)} ms`);
}
rmSync(work, { recursive: true, force: true });

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`;
const report = [
  '# .npy / .npz benchmark (bench/npy.mjs)',
  '',
  `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine}; Node ${process.version}, NumPy ${numpyVersion}; median of ${passes} interleaved passes, page cache warm.`,
  'The machine was shared with other jobs while this ran: treat the numbers as noisy.',
  '',
  '| case | target | ndinterop | NumPy | ratio |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.label.trim()} | ${r.target === undefined ? '' : `≤ ${r.target}`} | ${r.ndMs.toFixed(2)} ms | ${r.npMs.toFixed(2)} ms | ${r.ratio.toFixed(2)} |`),
  '',
  'Event-loop delay while a 1 GB float64 .npy loads (longest gap between setImmediate ticks; monitorEventLoopDelay max, worst of 3):',
  '',
  '| call | time (median) | longest gap | histogram max |',
  '|---|---|---|---|',
  ...delays.map((d) => `| ${d.label} | ${d.total.toFixed(0)} ms | ${d.longest.toFixed(1)} ms | ${d.max.toFixed(1)} ms |`),
  '',
];
writeFileSync(join(here, 'results-npy.md'), report.join('\n'));
console.log('\n' + report.join('\n'));
