// `npm run bench -- --only functions`: the array-function benchmarks
// (bench/functions.mjs: reductions and sorting; bench/functions-shape.mjs:
// creation, shape and selection; bench/functions-dispatch.mjs: the cost of
// __array_function__ dispatch with no override), NumPy timed in the same run.
// Writes bench/results-functions.md with the machine, the date and the load.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));

export async function main(argv = []) {
  const at = argv.indexOf('--passes');
  const passes = at >= 0 ? argv[at + 1] : '5';
  const load = loadavg()[0].toFixed(1);
  const reductions = await (await import('./functions.mjs')).main(['--passes', passes]);
  const shapes = await (await import('./functions-shape.mjs')).main(['--passes', passes]);
  const dispatch = await (await import('./functions-dispatch.mjs')).main(['--passes', '9']);
  const numpy = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).stdout.trim();
  const row = ([name, ours, theirs]) => `| ${name} | ${ours.toFixed(2)} | ${theirs.toFixed(2)} | ${(ours / theirs).toFixed(2)} |`;
  const lines = [
    '# Array functions against NumPy',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores` +
      ` (1-minute load average ${load} at the start, then ${loadavg()[0].toFixed(1)}: the machine was shared); Node ${process.version}, NumPy ${numpy}.`,
    `Median of ${passes} passes per case; NumPy (python3) timed in the same run on the same data, in turns with ndinterop (one NumPy call after each of ours, which goes first alternating: bench/interleave.mjs). Ratio = ndinterop / NumPy, lower is better.`,
    '',
    '| case | ndinterop ms | NumPy ms | ratio |',
    '|---|---|---|---|',
    ...reductions.map(row),
    ...shapes.map(row),
    '',
    '## Dispatch cost with no override',
    '',
    'The public function against `func.implementation` (the same default implementation without `__array_function__` dispatch), tiny inputs, interleaved passes, median ns per call.',
    '',
    '| call | public ns | implementation ns | difference ns | ratio |',
    '|---|---|---|---|---|',
    ...dispatch.map(([name, x, y, d, r]) => `| ${name} | ${x.toFixed(0)} | ${y.toFixed(0)} | ${d.toFixed(0)} | ${r.toFixed(3)} |`),
    '',
  ];
  writeFileSync(join(here, 'results-functions.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}
