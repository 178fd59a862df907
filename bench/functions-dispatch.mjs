// What __array_function__ dispatch costs when no argument overrides: the
// public function (collects the relevant arguments, finds no override, calls
// the default) against `func.implementation` (the same default, no
// dispatch), on inputs small enough that the dispatch would show. Same
// process, interleaved passes; prints ns per call and the difference.
//   node bench/functions-dispatch.mjs [--passes 9]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './interleave.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Rows [case, public ns, implementation ns, difference ns, ratio]. */
export async function main(argv = process.argv.slice(2)) {
  const nd = await import(join(here, '..', 'dist', 'esm', 'index.js'));
  const at = argv.indexOf('--passes');
  const passes = at >= 0 ? Number(argv[at + 1]) : 9;
  const a = nd.asarray(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]));
  const b = nd.asarray(new Float64Array([8, 7, 6, 5, 4, 3, 2, 1]));
  const cond = nd.asarray([true, false, true, false, true, false, true, false]);
  const cases = [
    ['sum of 8 float64', () => nd.sum(a), () => nd.sum.implementation(a)],
    ['mean of 8 float64', () => nd.mean(a), () => nd.mean.implementation(a)],
    ['concatenate 2 x 8 float64', () => nd.concatenate([a, b]), () => nd.concatenate.implementation([a, b])],
    ['where(cond, a, b), 8 float64', () => nd.where(cond, a, b), () => nd.where.implementation(cond, a, b)],
    ['zeros(8)', () => nd.zeros(8), () => nd.zeros.implementation(8)],
  ];
  const reps = 20000;
  const time = (fn) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    return Number(process.hrtime.bigint() - start) / reps;
  };
  const rows = [];
  for (const [name, viaPublic, viaImplementation] of cases) {
    for (let i = 0; i < 5; i++) {
      time(viaPublic);
      time(viaImplementation);
    }
    const pub = [];
    const impl = [];
    for (let p = 0; p < passes; p++) {
      pub.push(time(viaPublic));
      impl.push(time(viaImplementation));
    }
    const [x, y] = [median(pub), median(impl)];
    rows.push([name, x, y, x - y, x / y]);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, x, y, d, r] of await main()) {
    console.log(`${name.padEnd(32)} public ${x.toFixed(0).padStart(6)} ns  implementation ${y.toFixed(0).padStart(6)} ns  difference ${d.toFixed(0).padStart(5)} ns (${r.toFixed(3)})`);
  }
}
