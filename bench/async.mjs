// Event-loop responsiveness of async ufuncs (not a test): the main thread's
// event-loop delay while a 1e8-element float64 add (and add.reduce) runs,
// synchronously and with .async. Two measures:
//   - perf_hooks.monitorEventLoopDelay (resolution 1 ms): max and p99 of how
//     late its timer fired;
//   - the longest gap between consecutive setImmediate ticks of a ping loop,
//     timed with process.hrtime (finer than the histogram's 1 ms timer).
// Each case runs once unmeasured first (JIT tiers, first-touch page faults of
// the arrays, the thread pool's first use), then --passes measured passes;
// the table shows the median pass and the worst. Writes bench/results-async.md.
//
//   npm run build:ts && node --expose-gc bench/async.mjs [--size 1e8] [--passes 5]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pbkdf2 } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const size = Number(option('--size', '1e8'));
const passes = Number(option('--passes', '5'));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));

function filled(n, seed) {
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = ((i * 2654435761 + seed) % 1000003) / 1000;
  return nd.asarray(data);
}

// Runs `start()` (which returns a value or a promise) while measuring.
async function measure(start) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let longestGap = 0n;
  let ticks = 0;
  let running = true;
  let last = process.hrtime.bigint();
  const ping = () => {
    const now = process.hrtime.bigint();
    if (now - last > longestGap) longestGap = now - last;
    last = now;
    ticks += 1;
    if (running) setImmediate(ping);
  };
  histogram.enable();
  // Let the histogram's timer and the ping loop start before the operation.
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.reset();
  last = process.hrtime.bigint();
  setImmediate(ping);
  await new Promise((resolve) => setImmediate(resolve));
  const t0 = process.hrtime.bigint();
  const pending = start();
  const syncPart = Number(process.hrtime.bigint() - t0) / 1e6;
  await pending;
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  // One more tick so a gap that ends at completion is counted.
  await new Promise((resolve) => setImmediate(resolve));
  running = false;
  histogram.disable();
  return {
    elapsed,
    maxDelay: histogram.max / 1e6,
    p99Delay: histogram.percentile(99) / 1e6,
    longestGap: Number(longestGap) / 1e6,
    ticks,
    syncPart,
  };
}

const a = filled(size, 1);
const b = filled(size, 7);
const out = nd.asarray(new Float64Array(size));
const cases = [
  ['add(a, b, { out })', () => nd.add(a, b, { out })],
  ['add.async(a, b, { out })', () => nd.add.async(a, b, { out })],
  ['add(a, b) (allocating)', () => nd.add(a, b)],
  ['add.async(a, b) (allocating)', () => nd.add.async(a, b)],
  ['add.reduce(a)', () => nd.add.reduce(a)],
  ['add.reduce.async(a)', () => nd.add.reduce.async(a)],
];

// Baselines: the same measurement with no ndinterop work, idle and with
// one libuv pool thread busy on something else (pbkdf2), for the noise of
// this machine (other processes competing for its cores).
const idle = () => new Promise((resolve) => setTimeout(resolve, 200));
const poolBusy = () => new Promise((resolve) => pbkdf2('secret', 'salt', 200000, 64, 'sha512', resolve));
cases.unshift(['baseline: idle 200 ms', idle], ['baseline: pbkdf2 on the libuv pool', poolBusy]);

const rows = [];
for (const [name, run] of cases) {
  const results = [];
  globalThis.gc?.();
  await measure(run); // warm-up, not counted
  for (let p = 0; p < passes; p++) {
    globalThis.gc?.();
    results.push(await measure(run));
  }
  const worst = (key) => Math.max(...results.map((r) => r[key]));
  const median = (key) => results.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(results.length / 2)];
  const row = {
    name,
    elapsed: median('elapsed'),
    maxDelay: median('maxDelay'),
    maxDelayWorst: worst('maxDelay'),
    p99Delay: median('p99Delay'),
    longestGap: median('longestGap'),
    longestGapWorst: worst('longestGap'),
    ticks: median('ticks'),
    syncPart: median('syncPart'),
  };
  rows.push(row);
  console.log(
    `${name.padEnd(32)} time ${row.elapsed.toFixed(1).padStart(8)} ms   loop delay max ${row.maxDelay.toFixed(2).padStart(8)} ms (worst ${row.maxDelayWorst.toFixed(2)})  p99 ${row.p99Delay.toFixed(2).padStart(6)} ms   longest tick gap ${row.longestGap.toFixed(3).padStart(9)} ms (worst ${row.longestGapWorst.toFixed(3)})   sync part ${row.syncPart.toFixed(3)} ms`,
  );
}

const table = [
  '| operation | time | longest setImmediate gap | worst pass | loop delay max | worst pass | p99 | ticks during the op |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| \`${r.name}\` | ${r.elapsed.toFixed(1)} ms | ${r.longestGap.toFixed(3)} ms | ${r.longestGapWorst.toFixed(3)} ms | ${r.maxDelay.toFixed(2)} ms | ${r.maxDelayWorst.toFixed(2)} ms | ${r.p99Delay.toFixed(2)} ms | ${r.ticks} |`,
  ),
];
const report = `# Async ufuncs: event-loop delay during a ${size.toExponential(0)}-element float64 operation

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)};
load average when the run ended ${loadavg().map((x) => x.toFixed(2)).join(', ')} (the machine is shared).
One warm-up pass, then ${passes} measured passes per row: each cell is the median pass, the
"worst pass" columns the largest value of any pass.
Written by \`node bench/async.mjs\` (not a test).

${table.join('\n')}

The histogram is \`perf_hooks.monitorEventLoopDelay({ resolution: 1 })\`:
the interval between firings of its 1 ms timer (so 1 ms when on time). The tick gap is the longest time between two
consecutive \`setImmediate\` callbacks of a ping loop that runs for the whole
operation; for a synchronous call it is the call itself.
`;
writeFileSync(join(here, 'results-async.md'), report);
console.log('wrote bench/results-async.md');
