// A valgrind memcheck workload for the .npy/.npz native code (native/napi/io,
// native/core/io): headers parsed (good and bad), mappings in every mode,
// unmapped at GC, one shared with a worker, saves that replace a file by
// exchange, durably, large (reserved) and through a link, .npz members mapped and inflated, async load/save.
// scripts/valgrind/workload.mjs covers the rest of the addon. Run with the
// options scripts/valgrind.sh uses:
//
//   NDINTEROP_ADDON=$PWD/build/Release/ndinterop.node valgrind --tool=memcheck \
//     --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
//     --suppressions=scripts/valgrind/node.supp --num-callers=40 --log-file=/tmp/vg-io.log \
//     node --jitless --expose-gc scripts/valgrind/workload-io.mjs
//   node scripts/valgrind/report.mjs /tmp/vg-io.log ndinterop
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
const nd = await import('../../dist/esm/index.js');
const dir = mkdtempSync(join(tmpdir(), 'npy2-vg-'));
const fail = (m) => { console.error('workload:', m); process.exit(1); };
const a = nd.asarray(Float64Array.from({ length: 1000 }, (_, i) => i));
let path = nd.save(join(dir, 'a.npy'), a);
nd.save(path, a); // exchange over an existing file
nd.save(path, a, { durable: true });
for (const mode of ['r', 'r+', 'c']) {
  const m = nd.load(path, { mmapMode: mode });
  if (m.get(999) !== 999) fail('mapped value');
  if (mode !== 'r') m.set(0, 5);
}
const s = nd.load(path, { mmapMode: 'r' });
const w = new Worker(`const { parentPort, workerData } = require('node:worker_threads'); parentPort.postMessage(new Float64Array(workerData)[10]);`, { eval: true, workerData: s.buffer });
const got = await new Promise((r) => w.on('message', r));
if (got !== 10) fail('worker read ' + got);
await new Promise((r) => w.on('exit', r));
for (const bad of ['\x93NUMPY\x01\x00\x10\x00{"descr": 3}    \n', '\x93NUMPY\x09\x00', "\x93NUMPY\x01\x00\x20\x00{'descr': '<f8', 'fortran_order': False, 'shape': (99,), }\n"]) {
  try { nd.load(Buffer.from(bad, 'latin1')); fail('accepted bad'); } catch (e) { if (!e.code) fail('no code'); }
}
const z = nd.savez(join(dir, 'z.npz'), { a, b: a });
const zc = nd.savezCompressed(join(dir, 'zc.npz'), { a });
const f = nd.load(z, { mmapMode: 'r' }); if (f.get('b').get(3) !== 3) fail('npz'); f.close();
const g = nd.load(zc); if (g.get('a').get(4) !== 4) fail('npzc'); g.close();
const r = await nd.loadAsync(path); if (r.get(7) !== 7) fail('async');
await nd.saveAsync(path, a);
// 16 MiB and more: the blocks are reserved (fallocate) before the write.
const big = nd.ones([(16 << 20) / 8 + 1], 'float64');
const bigPath = nd.save(join(dir, 'big.npy'), big);
await nd.saveAsync(bigPath, big);
if (nd.load(bigPath, { mmapMode: 'r' }).get(1 << 21) !== 1) fail('big save');
// Through a symbolic link: the file it names is replaced.
symlinkSync('a.npy', join(dir, 'link.npy'));
nd.save(join(dir, 'link.npy'), a);
for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((res) => setTimeout(res, 20)); }
rmSync(dir, { recursive: true });
console.log('io workload ok', JSON.stringify(nd.memoryStats()));
