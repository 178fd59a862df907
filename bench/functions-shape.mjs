// fn-a's array-function benchmarks (creation, shape, selection): ndinterop
// against NumPy (python3) in the same run, same sizes and dtypes. Prints the
// median time of each and the ratio ndinterop / NumPy (lower is better); the
// two sides are timed in turns (bench/interleave.mjs).
//
//   node bench/functions-shape.mjs [--passes 9] [--n 10000000]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleaved } from './interleave.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Rows [case, ndinterop ms, NumPy ms] (medians), for bench/run.mjs --only functions. */
export async function main(args = process.argv.slice(2)) {
  const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const passes = Number(option('--passes', '9'));
  const n = Number(option('--n', '10000000'));

  // Inputs: x = i % 97 (float64), y = -x, cond = i % 3 == 0, both sides.
  const x = nd.fmod(nd.arange(n, { dtype: 'float64' }), 97);
  const y = nd.negative(x);
  const cond = nd.equal(nd.fmod(nd.arange(n), 3), 0);
  const half = n / 2;
  const left = x.slice(`:${half}`).copy();
  const right = y.slice(`${half}:`).copy();
  const idx = nd.fmod(nd.multiply(nd.arange(n / 10), 7919), n);

  const cases = [
    ['concatenate 2 x n/2 float64', () => nd.concatenate([left, right]), 'np.concatenate([left, right])'],
    ['concatenate axis 1 (n/1000, 1000) x 2', () => nd.concatenate([left.reshape(-1, 1000), right.reshape(-1, 1000)], 1), 'np.concatenate([left.reshape(-1, 1000), right.reshape(-1, 1000)], 1)'],
    ['stack 2 x n/2 float64', () => nd.stack([left, right]), 'np.stack([left, right])'],
    ['where(cond, x, y) float64', () => nd.where(cond, x, y), 'np.where(cond, x, y)'],
    ['where(cond, x, 0) float64', () => nd.where(cond, x, 0), 'np.where(cond, x, 0)'],
    ['nonzero(cond)', () => nd.nonzero(cond), 'np.nonzero(cond)'],
    ['clip(x, 10, 50)', () => nd.clip(x, 10, 50), 'np.clip(x, 10, 50)'],
    ['take(x, n/10 indices)', () => nd.take(x, idx), 'np.take(x, idx)'],
    ['x.getMask(cond)  (x[cond])', () => x.getMask(cond), 'x[cond]'],
    ['zeros(n)', () => nd.zeros(n), 'np.zeros(n)'],
    ['ones(n)', () => nd.ones(n), 'np.ones(n)'],
    ['full(n, 2.5)', () => nd.full(n, 2.5), 'np.full(n, 2.5)'],
    ['arange(n) int64', () => nd.arange(n), 'np.arange(n)'],
    ['arange(0, n/10, 0.1) float64', () => nd.arange(0, n / 10, 0.1), 'np.arange(0, n / 10, 0.1)'],
    ['linspace(0, 1, n)', () => nd.linspace(0, 1, n), 'np.linspace(0, 1, n)'],
    ['flip(x).copy()', () => nd.flip(x).copy(), 'np.flip(x).copy()'],
    ['ravel(x2d.T)  (copy)', () => nd.ravel(x.reshape(-1, 1000).T), 'np.ravel(x.reshape(-1, 1000).T)'],
  ];

  const setup = `n = ${n}
x = np.fmod(np.arange(n, dtype='float64'), 97); y = -x; cond = np.fmod(np.arange(n), 3) == 0
half = n // 2; left = x[:half].copy(); right = y[half:].copy()
idx = np.fmod(np.arange(n // 10) * 7919, n).astype(np.int64)`;
  const rows = await interleaved({ setup, cases, passes, env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
  return rows.map(([label, ours, numpy]) => [`${label} (n = ${n})`, ours, numpy]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log('median ms; ratio = ndinterop / NumPy');
  for (const [label, ours, theirs] of await main()) {
    console.log(`${label.padEnd(52)} ${ours.toFixed(2).padStart(10)} ${theirs.toFixed(2).padStart(10)} ${(ours / theirs).toFixed(2).padStart(7)}`);
  }
}
