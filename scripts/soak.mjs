#!/usr/bin/env node
// Leak soak: a million import/export/view/GC cycles across every DLPack dtype
// and both DLPack versions, through the producer fixture and (when python3
// with NumPy is there) an embedded NumPy. Fails unless memoryStats() is back
// to zero, every producer deleter ran exactly once, every tracked NumPy
// deleter ran exactly once; prints the RSS it measured.
//
//   npm run build:ts && node --expose-gc scripts/soak.mjs [cycles] [gcEvery]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProducer } from '../test/fixtures/producer/build.mjs';
import { buildPyBridge, infoPath } from '../test/fixtures/pybridge/build.mjs';
import { runSoak } from './soak/cycles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cycles = Number(process.argv[2] ?? 1_000_000);
const gcEvery = Number(process.argv[3] ?? 2000);

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) {
  console.error('dist/ is missing: npm run build:ts first');
  process.exit(2);
}
const ndi = await import('../dist/esm/index.js');
const producer = require(buildProducer());

function loadNumpy() {
  buildPyBridge({ log: () => {} });
  const info = JSON.parse(readFileSync(infoPath, 'utf8'));
  if (info.status !== 'built') {
    console.log(`== NumPy paths skipped: ${info.reason}`);
    return null;
  }
  const bridge = require(info.addon);
  const versions = bridge.initialize({ home: info.home, sysPath: info.sysPath, prelude: readFileSync(info.prelude, 'utf8') });
  console.log(`== NumPy ${versions.numpy} (Python ${versions.python}) in-process`);
  return bridge;
}
const numpy = loadNumpy();

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const started = Date.now();
const result = await runSoak({
  ndi,
  producer,
  numpy,
  cycles,
  gcEvery,
  onProgress(done, rss) {
    if (done % (gcEvery * 50) === 0) console.log(`   ${done} cycles, RSS ${mb(rss)}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  },
});

const { rss } = result;
console.log(`== ${result.cycles} cycles in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(result.paths)}`);
console.log(`   memoryStats at the end: ${JSON.stringify(result.memoryStats)}`);
console.log(`   producer: ${result.producerTensors} tensors, ${result.producerDeleterCalls} deleter calls, ${result.producerRepeatedCalls} repeated`);
console.log(`   NumPy: ${result.numpyTracked} exports tracked, deleter calls per export: ${[...new Set(result.numpyDeleterCalls)].join(', ') || 'none'}`);
console.log(`   RSS: start ${mb(rss.start)}, after warm-up ${mb(rss.afterWarmup)}, max ${mb(rss.max)}, end ${mb(rss.end)}; ` +
  `growth after warm-up ${mb(rss.max - rss.afterWarmup)} (bound over the whole run)`);

const failures = [];
const stats = result.memoryStats;
if (stats.liveImports !== 0 || stats.liveExports !== 0 || stats.externalBytes !== 0) failures.push('memoryStats did not return to zero');
if (result.producerDeleterCalls !== result.producerTensors) failures.push('producer deleters did not run exactly once each');
if (result.producerRepeatedCalls !== 0) failures.push('a producer deleter ran twice');
if (result.numpyDeleterCalls.some((calls) => calls !== 1)) failures.push('a NumPy deleter did not run exactly once');
if (failures.length > 0) {
  console.log(`soak FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('soak passed');
