// The `npy` group of npm run bench (node bench/run.mjs --only npy, or run
// this file): .npy/.npz load and save against NumPy, interleaved pass by
// pass in one run, the page cache warm. NumPy runs in one long-lived python3
// process timing each call itself (time.perf_counter around the calls only).
// Memory-mapping is timed over a batch of calls on files of 8 B, 8 MB, 80 MB
// and 800 MB, to show it is O(1) in the file's size. Also the event-loop
// delay (perf_hooks.monitorEventLoopDelay and a setImmediate ticker) while
// load and loadAsync read a 1 GB file. Writes bench/results-npy.md.
//
//   npm run build:ts && node --expose-gc bench/npy.mjs [--quick] [--size 1e8] [--compressed-size 1e6] [--passes 5] [--filter text]
//
// --quick: 1e7 elements and a 128 MB event-loop file, for a fast look (the
// results file says which sizes it used).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seededFloat64 } from './seeded.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const quick = args.includes('--quick');
// --filter text: only the cases whose label contains it, no event-loop part, no results file.
const filter = option('--filter', undefined);
const size = Number(option('--size', quick ? '1e7' : '1e8'));
const compressedSize = Number(option('--compressed-size', '1e6'));
const passes = Number(option('--passes', '5'));
const loopFileElements = quick ? 1.6e7 : 1.25e8;
// Memory-mapping calls per timed sample (each is ~0.1 ms).
const mapBatch = 20;
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const gc = globalThis.gc ?? (() => {});
const loadAtStart = loadavg()[0];

const work = mkdtempSync(join(tmpdir(), 'ndinterop-bench-npy-'));
const python = spawn(
  'python3',
  [
    '-u',
    '-c',
    `
import sys, time, os, numpy as np
print(np.__version__, flush=True)
for line in sys.stdin:
    op, path, count = line.split()
    count = int(count)
    if op == 'save-new' and os.path.exists(path): os.remove(path)
    start = time.perf_counter()
    for _ in range(count):
        if op == 'load': a = np.load(path)
        elif op == 'mmap': a = np.load(path, mmap_mode='r')
        elif op == 'save' or op == 'save-new': np.save(path, keep)
        elif op == 'save-fsync':
            with open(path, 'wb') as f:
                np.save(f, keep); f.flush(); os.fsync(f.fileno())
        elif op == 'savez-compressed': np.savez_compressed(path, a=keep_small)
        elif op == 'load-npz':
            with np.load(path) as z: a = z['a']
        elif op == 'keep': keep = np.load(path); keep_small = keep[:${compressedSize}].copy()
        a = None
    elapsed = (time.perf_counter() - start) / count
    print(elapsed, flush=True)
`,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
const numpyVersion = (await lines.next()).value;
async function numpy(op, path, count = 1) {
  python.stdin.write(`${op} ${path} ${count}\n`);
  return Number((await lines.next()).value) * 1e3;
}
// Milliseconds per call of `fn`, over `count` calls.
function time(fn, count = 1) {
  gc();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / count;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mb = (elements) => `${((elements * 8) / 1e6).toFixed(0)} MB`;

const big = nd.asarray(seededFloat64(size, 12345));
const bigPath = nd.save(join(work, 'big.npy'), big);
const small = big.slice(`:${compressedSize}`).copy();
const npzPath = nd.savezCompressed(join(work, 'small.npz'), { a: small });
// Saves write what each library loaded from the same file (NumPy's keep is
// np.load's), so both sources sit in memory their own allocator gave.
const loaded = nd.load(bigPath);
await numpy('keep', bigPath);

// Files for the mapping rows: 1 element, and 8 MB, 80 MB, 800 MB (ones; the
// largest is the file the load row reads when --size is 1e8).
const mapSizes = [1, 1e6, 1e7, 1e8];
const mapPaths = mapSizes.map((n) => (n === size ? bigPath : nd.save(join(work, `map-${n}.npy`), nd.ones([n], 'float64'))));

const cases = [
  { label: `load ${size.toExponential()} float64 .npy (${mb(size)})`, target: 1, nd: () => nd.load(bigPath), np: () => numpy('load', bigPath) },
  ...mapSizes.map((n, i) => ({
    label: `load mmapMode 'r', ${n === 1 ? '1 element' : mb(n)}`,
    target: n === 1 ? undefined : 1,
    count: mapBatch,
    nd: () => nd.load(mapPaths[i], { mmapMode: 'r' }),
    np: () => numpy('mmap', mapPaths[i], mapBatch),
  })),
  // A new file for both (the old one removed before the timer starts).
  {
    label: `save ${size.toExponential()} float64 vs np.save`,
    target: 1,
    setup: () => rmSync(join(work, 'out.npy'), { force: true }),
    nd: () => nd.save(join(work, 'out.npy'), loaded),
    np: () => numpy('save-new', join(work, 'np-out.npy')),
  },
  // Replacing an existing file: np.save truncates it and writes into the
  // page cache it frees; an atomic save needs the new file's pages while the
  // old file still holds its own.
  { label: '  the same over an existing file', nd: () => nd.save(join(work, 'out.npy'), loaded), np: () => numpy('save', join(work, 'np-out.npy')) },
  {
    label: '  save { durable: true } vs np.save + fsync',
    nd: () => nd.save(join(work, 'out.npy'), loaded, { durable: true }),
    np: () => numpy('save-fsync', join(work, 'np-out.npy')),
  },
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
for (const c of cases.filter((c) => filter === undefined || c.label.includes(filter))) {
  c.nd();
  await c.np();
  const mine = [];
  const theirs = [];
  // ABBA order: ndinterop first on even passes, NumPy first on odd ones, so
  // neither always runs in the page cache the other has just dirtied.
  for (let pass = 0; pass < passes; pass++) {
    c.setup?.();
    if (pass % 2 === 1) theirs.push(await c.np());
    mine.push(time(c.nd, c.count));
    if (pass % 2 === 0) theirs.push(await c.np());
  }
  const row = { ...c, ndMs: median(mine), npMs: median(theirs) };
  row.ratio = row.ndMs / row.npMs;
  rows.push(row);
  const verdict = c.target === undefined ? '' : row.ratio <= c.target ? 'meets' : 'MISSES';
  console.log(`${c.label.padEnd(52)} ndinterop ${row.ndMs.toFixed(3).padStart(10)} ms  numpy ${row.npMs.toFixed(3).padStart(10)} ms  ratio ${row.ratio.toFixed(2)} ${verdict}`);
}
python.stdin.end();
if (filter !== undefined) {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
const mapRows = rows.filter((r) => r.count === mapBatch);
const mapGrowth = mapRows.at(-1).ndMs / mapRows[1].ndMs;
console.log(`mmapMode 'r': 800 MB takes ${mapGrowth.toFixed(2)}x the time of 8 MB (O(1) in the file size)`);

// Event-loop delay while a large file loads: load (blocks) against loadAsync.
const loopPath = nd.save(join(work, 'loop.npy'), nd.ones([loopFileElements], 'float64'));
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
  return { total, max: histogram.max / 1e6, longest };
}
await loopDelay(() => nd.loadAsync(loopPath));
const delays = [];
for (const [label, run] of [
  ['load (sync)', async () => nd.load(loopPath)],
  ['loadAsync', () => nd.loadAsync(loopPath)],
]) {
  const samples = [];
  for (let pass = 0; pass < 3; pass++) samples.push(await loopDelay(run));
  const worst = samples.reduce((a, b) => (b.longest > a.longest ? b : a));
  delays.push({ label, total: median(samples.map((s) => s.total)), max: worst.max, longest: worst.longest, typical: median(samples.map((s) => s.longest)) });
  const d = delays.at(-1);
  console.log(`${mb(loopFileElements)} ${label.padEnd(12)} takes ${d.total.toFixed(0)} ms; event loop: longest gap ${d.longest.toFixed(1)} ms (median of 3: ${d.typical.toFixed(1)} ms), histogram max ${d.max.toFixed(1)} ms`);
}
rmSync(work, { recursive: true, force: true });

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end`;
const report = [
  '# .npy / .npz benchmark (bench/npy.mjs)',
  '',
  `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine}; Node ${process.version}, NumPy ${numpyVersion}; median of ${passes} interleaved passes (ABBA order), page cache warm${quick ? ' (--quick: reduced sizes)' : ''}.`,
  `Memory-mapping rows are per call, timed over batches of ${mapBatch} calls. Ratio = ndinterop / NumPy (lower is better).`,
  '',
  '| case | target | ndinterop | NumPy | ratio |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.label.trim()} | ${r.target === undefined ? '' : `≤ ${r.target}`} | ${r.ndMs.toFixed(3)} ms | ${r.npMs.toFixed(3)} ms | ${r.ratio.toFixed(2)} |`),
  '',
  `mmapMode 'r' of 800 MB takes ${mapGrowth.toFixed(2)}x the time of 8 MB.`,
  '',
  `Event-loop delay while a ${mb(loopFileElements)} float64 .npy loads (longest gap between setImmediate ticks, worst and median of 3; monitorEventLoopDelay max, worst of 3):`,
  '',
  '| call | time (median) | longest gap (worst) | longest gap (median) | histogram max |',
  '|---|---|---|---|---|',
  ...delays.map((d) => `| ${d.label} | ${d.total.toFixed(0)} ms | ${d.longest.toFixed(1)} ms | ${d.typical.toFixed(1)} ms | ${d.max.toFixed(1)} ms |`),
  '',
];
writeFileSync(join(here, 'results-npy.md'), report.join('\n'));
console.log('\n' + report.join('\n'));
