// Reductions and sorting against NumPy, in the same run (issue 17 targets:
// sum/mean of 1e7 float64 <= 1.0x NumPy's time, sort of 1e7 float64 <= 1.0x
// np.sort). Prints one line per case: median ms (ours, NumPy) and the ratio;
// the two sides are timed in turns (bench/interleave.mjs).
//   node bench/functions.mjs [--passes 5] [--size 10000000]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleaved } from './interleave.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Rows [case, ndinterop ms, NumPy ms] (medians), for bench/run.mjs --only functions. */
export async function main(argv = process.argv.slice(2)) {
  const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
  const arg = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const passes = arg('--passes', 5);
  const size = arg('--size', 1e7);

  // Same data on both sides: a seeded generator in NumPy, sent over as bytes.
  const py = spawnSync('python3', ['-c', `import numpy as np, sys
a = np.random.default_rng(1).standard_normal(${size})
sys.stdout.buffer.write(a.tobytes())`], { maxBuffer: size * 8 + 1024 });
  if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
  const bytes = new Float64Array(py.stdout.buffer.slice(py.stdout.byteOffset, py.stdout.byteOffset + size * 8));
  const a = nd.asarray(bytes);
  const ints = nd.asarray(BigInt64Array.from({ length: size }, (_, i) => BigInt((i * 2654435761) % 1000003)));

  const cases = [
    ['sum float64', () => nd.sum(a), 'a.sum()'],
    ['mean float64', () => nd.mean(a), 'a.mean()'],
    ['std float64', () => nd.std(a), 'a.std()'],
    ['max float64', () => nd.max(a), 'a.max()'],
    ['argmax float64', () => nd.argmax(a), 'a.argmax()'],
    ['sort float64', () => nd.sort(a), 'np.sort(a)'],
    ['sort float64 stable', () => nd.sort(a, { kind: 'stable' }), "np.sort(a, kind='stable')"],
    ['argsort float64', () => nd.argsort(a), 'np.argsort(a)'],
    ['sort int64', () => nd.sort(ints), 'np.sort(n)'],
  ];

  const setup = `a = np.random.default_rng(1).standard_normal(${size})
n = (np.arange(${size}, dtype=np.int64) * 2654435761) % 1000003`;
  const rows = await interleaved({ setup, cases, passes });
  return rows.map(([name, ours, numpy]) => [`${name} (${size})`, ours, numpy]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log('| case | ndinterop ms | NumPy ms | ratio |');
  console.log('|---|---|---|---|');
  for (const [name, x, y] of await main()) console.log(`| ${name} | ${x.toFixed(1)} | ${y.toFixed(1)} | ${(x / y).toFixed(2)} |`);
}
