// The result pool (native/core/base/result_pool.h, src/base/memory.ts): results of
// 4 MiB and more reuse the memory of collected results. A reused block holds
// a dead result's bytes, so every path that takes one must overwrite it in
// full; these tests fill the pool with a sentinel first and then check every
// element of the new results against values computed independently.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { native } from '../../src/base/native.js';
import { expectError } from '../helpers/expect-error.js';
import { collectGarbage } from '../helpers/gc.js';

const MiB = 1 << 20;
const n = (8 * MiB) / 8; // float64 elements of one 8 MiB result

const stats = () => {
  const [cachedBytes, cachedBlocks, limitBytes, hits, misses] = native.resultPoolStats();
  return { cachedBytes, cachedBlocks, limitBytes, hits, misses };
};


// Leaves `count` dead results of `bytes` bytes, every byte 0xff (a NaN
// pattern for floats, -1 for integers), in the pool.
async function poisonPool(bytes: number, count = 3): Promise<void> {
  await collectGarbage();
  native.resultPoolTrim(); // only these blocks in the cache
  let results: nd.NDArray[] = [];
  const ones = nd.asarray(new Uint8Array(bytes).fill(0xff));
  for (let i = 0; i < count; i += 1) results.push(nd.bitwise_or(ones, 0xff) as nd.NDArray);
  expect(new Uint8Array(results[0]!.buffer)[bytes - 1]).toBe(0xff);
  results = [];
  const deadline = Date.now() + 10_000;
  while (stats().cachedBytes < count * bytes && Date.now() < deadline) await collectGarbage();
  expect(stats().cachedBytes).toBe(count * bytes);
}

const ramp = (length: number, scale: number) => Float64Array.from({ length }, (_, i) => (i % 1000) * scale);

describe('results on reused pool memory', () => {
  it('the pool is on by default with a 256 MiB limit', () => {
    expect(stats().limitBytes).toBe(256 * MiB);
  });

  it('memory of collected results comes back to the pool and is handed out again', async () => {
    await poisonPool(8 * MiB);
    const before = stats();
    const result = nd.add(nd.asarray(ramp(n, 1)), 1) as nd.NDArray;
    expect(stats().hits).toBe(before.hits + 1);
    expect(stats().cachedBytes).toBe(before.cachedBytes - 8 * MiB);
    expect(result.toTypedArray()[n - 1]).toBe(((n - 1) % 1000) + 1);
  });

  it('every element of an elementwise result is written: same dtype, broadcast, strided, casting', async () => {
    const a = ramp(n, 0.5);
    const b = ramp(n, 2);
    await poisonPool(8 * MiB, 4);
    const sum = (nd.add(nd.asarray(a), nd.asarray(b)) as nd.NDArray).toTypedArray();
    const row = ramp(1024, 3);
    const broadcast = (nd.multiply(nd.asarray(a).reshape([n / 1024, 1024]), nd.asarray(row)) as nd.NDArray).toTypedArray();
    const wide = ramp(2 * n, 1);
    const strided = (nd.subtract(nd.asarray(wide).slice('::2'), 1) as nd.NDArray).toTypedArray();
    const ints = Int32Array.from({ length: n }, (_, i) => i % 977);
    const mixed = (nd.add(nd.asarray(ints), nd.asarray(b)) as nd.NDArray).toTypedArray();
    for (let i = 0; i < n; i += 1) {
      if (sum[i] !== a[i]! + b[i]!) throw new Error(`add: element ${i} is ${sum[i]}`);
      if (broadcast[i] !== a[i]! * row[i % 1024]!) throw new Error(`broadcast multiply: element ${i} is ${broadcast[i]}`);
      if (strided[i] !== wide[2 * i]! - 1) throw new Error(`strided subtract: element ${i} is ${strided[i]}`);
      if (mixed[i] !== ints[i]! + b[i]!) throw new Error(`int32 + float64: element ${i} is ${mixed[i]}`);
    }
  });

  it('float32 results, unary functions and two-output ufuncs are written in full', async () => {
    await poisonPool(8 * MiB, 4);
    const x = Float32Array.from({ length: 2 * n }, (_, i) => (i % 500) - 250);
    const doubled = (nd.add(nd.asarray(x), nd.asarray(x)) as nd.NDArray).toTypedArray();
    const absolute = (nd.absolute(nd.asarray(x)) as nd.NDArray).toTypedArray();
    const [quotient, remainder] = nd.divmod(nd.asarray(ramp(n, 1)), 7) as nd.NDArray[];
    const q = quotient!.toTypedArray();
    const r = remainder!.toTypedArray();
    for (let i = 0; i < 2 * n; i += 1) {
      if (doubled[i] !== 2 * x[i]!) throw new Error(`float32 add: element ${i} is ${doubled[i]}`);
      if (absolute[i] !== Math.abs(x[i]!)) throw new Error(`absolute: element ${i} is ${absolute[i]}`);
    }
    for (let i = 0; i < n; i += 1) {
      const v = i % 1000;
      if (q[i] !== Math.floor(v / 7) || r[i] !== v % 7) throw new Error(`divmod: element ${i} is ${q[i]}, ${r[i]}`);
    }
  });

  it('copies, and results computed through a temporary of the loop dtype, are written in full', async () => {
    await poisonPool(8 * MiB, 4);
    const source = ramp(2 * n, 1);
    const copied = nd.asarray(source).slice('::2').copy().toTypedArray();
    // float64 loop, float32 output: through an 8 MiB float64 temporary.
    const out = nd.asarray(new Float32Array(n));
    nd.add(nd.asarray(source.subarray(0, n)), 0.5, { out, casting: 'same_kind' });
    const narrowed = out.toTypedArray();
    for (let i = 0; i < n; i += 1) {
      if (copied[i] !== source[2 * i]) throw new Error(`copy: element ${i} is ${copied[i]}`);
      if (narrowed[i] !== Math.fround(source[i]! + 0.5)) throw new Error(`out with a cast: element ${i} is ${narrowed[i]}`);
    }
  });

  it('results from 16 KiB up take pool memory too, written in full', async () => {
    const m = (512 * 1024) / 8;
    await poisonPool(512 * 1024, 4);
    const before = stats();
    const a = ramp(m, 0.5);
    const sum = (nd.add(nd.asarray(a), 3) as nd.NDArray).toTypedArray();
    const roots = (nd.sqrt(nd.asarray(a)) as nd.NDArray).toTypedArray();
    expect(stats().hits).toBe(before.hits + 2);
    for (let i = 0; i < m; i += 1) {
      if (sum[i] !== a[i]! + 3) throw new Error(`add: element ${i} is ${sum[i]}`);
      if (roots[i] !== Math.sqrt(a[i]!)) throw new Error(`sqrt: element ${i} is ${roots[i]}`);
    }
    // Below the threshold results are V8's own zero-filled ArrayBuffers.
    const small = nd.add(nd.asarray(ramp(1000, 1)), 1) as nd.NDArray;
    expect(stats().hits).toBe(before.hits + 2);
    expect(small.toTypedArray()[999]).toBe(1000);
  });

  it('masked results never take pool memory: unselected elements of a new result are zero', async () => {
    await poisonPool(8 * MiB, 4);
    const before = stats();
    const where = nd.asarray(Uint8Array.from({ length: n }, (_, i) => i % 3 === 0)).astype('bool');
    const result = (nd.add(nd.asarray(ramp(n, 1)), 1, { where }) as nd.NDArray).toTypedArray();
    expect(stats().hits).toBe(before.hits);
    for (let i = 0; i < n; i += 1) {
      const expected = i % 3 === 0 ? (i % 1000) + 1 : 0;
      if (result[i] !== expected) throw new Error(`masked add: element ${i} is ${result[i]}`);
    }
  });

  it('async results on pool memory are correct', async () => {
    await poisonPool(8 * MiB);
    const a = ramp(n, 0.25);
    const result = ((await nd.add.async(nd.asarray(a), 2)) as nd.NDArray).toTypedArray();
    for (let i = 0; i < n; i += 1) {
      if (result[i] !== a[i]! + 2) throw new Error(`add.async: element ${i} is ${result[i]}`);
    }
  });

  it('a pool buffer transferred to a worker stays valid there and comes back to the pool when freed', async () => {
    const result = nd.add(nd.asarray(ramp(n, 1)), 1) as nd.NDArray;
    const buffer = result.buffer as ArrayBuffer;
    // Everything else collected and the cache emptied: what comes back now
    // is the worker's.
    await collectGarbage();
    native.resultPoolTrim();
    expect(stats().cachedBytes).toBe(0);
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', (buffer) => {
         const view = new Float64Array(buffer);
         let sum = 0;
         for (let i = 0; i < view.length; i += 1) sum += view[i];
         parentPort.postMessage(sum);
       });`,
      { eval: true },
    );
    const answer = new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(buffer, [buffer]);
    let expected = 0;
    for (let i = 0; i < n; i += 1) expected += (i % 1000) + 1;
    expect(await answer).toBe(expected);
    expect(buffer.byteLength).toBe(0); // detached here
    await worker.terminate();
    const deadline = Date.now() + 10_000;
    while (stats().cachedBytes === 0 && Date.now() < deadline) await collectGarbage();
    expect(stats().cachedBytes).toBe(8 * MiB);
  });

  it('the native entry point checks its argument', () => {
    for (const bad of ['8', undefined]) {
      expectError(() => native.allocateForOverwrite(bad as unknown as number), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a byte length');
    }
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      expectError(() => native.allocateForOverwrite(bad), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected a positive integer byte length');
    }
    expectError(() => native.resultPoolTrim(-1), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected a non-negative integer byte limit');
  });

  it('NDINTEROP_POOL_BYTES=0 turns pooling off; results are then zero-filled fresh memory', () => {
    const script = `
      const native = process.env.NDINTEROP_ADDON ? require(process.env.NDINTEROP_ADDON) : require(${JSON.stringify(createRequire(import.meta.url).resolve('node-gyp-build'))})(${JSON.stringify(new URL('../..', import.meta.url).pathname)});
      const limit = native.resultPoolStats()[2];
      const buffer = native.allocateForOverwrite(8 << 20);
      console.log(JSON.stringify({ limit, pooled: buffer !== undefined }));`;
    for (const [setting, expected] of [['0', { limit: 0, pooled: false }], [String(64 * MiB), { limit: 64 * MiB, pooled: true }]] as const) {
      const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, NDINTEROP_POOL_BYTES: setting }, encoding: 'utf8' });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual(expected);
    }
  });
});
