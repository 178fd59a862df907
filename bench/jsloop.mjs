// createUfunc loops against hand-written JS loops over the same typed arrays
// (issue 15: <= 2x), 1e6 float64 elements: one output, two outputs, a
// broadcast (1000, 1) + (1000,) and a strided view a[::2]. Interleaved
// passes; each cell is the median per call, the ratio is against the hand
// loop of the same run. Writes bench/results-jsloop.md. Not a test.
//
//   npm run build:ts && node bench/jsloop.mjs [--passes 9]
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
const at = process.argv.indexOf('--passes');
const passes = at >= 0 ? Number(process.argv[at + 1]) : 9;
const N = 1_000_000;

function seeded(n, seed) {
  const out = new Float64Array(n);
  let state = seed;
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state / 2147483648) * 100;
  }
  return out;
}
const a = seeded(N, 1);
const b = seeded(N, 2);
const big = seeded(2 * N, 3);
const A = nd.asarray(a);
const B = nd.asarray(b);

const fma = (x, y) => x * y + 1;
const divmod = (x) => {
  const q = Math.floor(x / 7);
  return [q, x - 7 * q];
};
const user1 = nd.ufuncDispatch.createUfunc({ name: 'fma1', nin: 2, nout: 1, loops: { 'dd->d': fma } });
const user2 = nd.ufuncDispatch.createUfunc({ name: 'divmod7', nin: 1, nout: 2, loops: { 'd->dd': divmod } });

const out1 = new Float64Array(N);
const outQ = new Float64Array(N);
const outR = new Float64Array(N);
const O1 = nd.asarray(out1);
const OQ = nd.asarray(outQ);
const OR = nd.asarray(outR);
const rows = 1000;
const cols = N / rows;
const M = A.reshape([rows, cols]);
const col = nd.asarray(b.subarray(0, rows)).reshape([rows, 1]);
const row = nd.asarray(b.subarray(0, cols));
const V = nd.asarray(big).slice('::2');

const cases = [
  {
    label: "user ufunc 'dd->d' x*y+1, 1e6, out given",
    user: () => user1(A, B, { out: O1 }),
    hand: () => {
      for (let i = 0; i < N; i++) out1[i] = fma(a[i], b[i]);
    },
  },
  {
    label: "user ufunc 'dd->d' x*y+1, 1e6 (allocating)",
    user: () => user1(A, B),
    hand: () => {
      const out = new Float64Array(N);
      for (let i = 0; i < N; i++) out[i] = fma(a[i], b[i]);
      return out;
    },
  },
  {
    label: "user ufunc 'd->dd' floor divmod by 7, 1e6, two outputs given",
    user: () => user2(A, { out: [OQ, OR] }),
    hand: () => {
      for (let i = 0; i < N; i++) {
        const r = divmod(a[i]);
        outQ[i] = r[0];
        outR[i] = r[1];
      }
    },
  },
  {
    label: 'user ufunc broadcast (1000,1000) + (1000,1) and + (1000,)',
    user: () => {
      user1(M, col, { out: O1.reshape([rows, cols]) });
      user1(M, row, { out: O1.reshape([rows, cols]) });
    },
    hand: () => {
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out1[r * cols + c] = fma(a[r * cols + c], b[r]);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out1[r * cols + c] = fma(a[r * cols + c], b[c]);
    },
  },
  {
    label: 'user ufunc on a strided view big[::2] (1e6 of 2e6)',
    user: () => user1(V, V, { out: O1 }),
    hand: () => {
      for (let i = 0; i < N; i++) out1[i] = fma(big[2 * i], big[2 * i]);
    },
  },
];

const time = (fn, reps) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - start) / reps;
};
const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
const results = [];
for (const c of cases) {
  for (let i = 0; i < 20; i++) {
    c.user();
    c.hand();
  }
  const user = [];
  const hand = [];
  for (let p = 0; p < passes; p++) {
    user.push(time(c.user, 3));
    hand.push(time(c.hand, 3));
  }
  const r = { label: c.label, user: median(user), hand: median(hand) };
  r.ratio = r.user / r.hand;
  results.push(r);
  console.log(`${c.label.padEnd(64)} user ${(r.user / 1e6).toFixed(2)} ms  hand ${(r.hand / 1e6).toFixed(2)} ms  ratio ${r.ratio.toFixed(2)} ${r.ratio <= 2 ? 'meets' : 'MISSES'}`);
}
const lines = [
  '# createUfunc loops against hand-written JS loops',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared); Node ${process.version}; ${passes} interleaved passes of 3 calls, medians. Target: ratio <= 2 (issue 15). Written by \`node bench/jsloop.mjs\`.`,
  '',
  '| case | user ufunc | hand loop | ratio |',
  '|---|---:|---:|---:|',
  ...results.map((r) => `| ${r.label} | ${(r.user / 1e6).toFixed(2)} ms | ${(r.hand / 1e6).toFixed(2)} ms | ${r.ratio.toFixed(2)} |`),
  '',
];
writeFileSync(join(here, 'results-jsloop.md'), lines.join('\n'));
