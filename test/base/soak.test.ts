// The leak soak, reduced to fit `npm test` (scripts/soak.mjs runs a million
// cycles): every DLPack dtype, both DLPack versions, the producer fixture and
// NumPy in-process, imports, exports, views and GC. Nothing may leak: counters
// back to zero, each deleter exactly once, and RSS after the warm-up within
// a generous bound (the measured growth is printed).
import { describe, expect, it } from 'vitest';
import * as ndi from '../../src/index.js';
import { runSoak } from '../../scripts/soak/cycles.mjs';
import { producer } from '../helpers/producer.js';
import { loadPyBridge, pyBridgeSkipReason } from '../helpers/pybridge.js';

const cycles = 6000;
// Generous: a leak of one 48-byte tensor per cycle alone would not show, but
// a leaked data block or capsule per cycle (>= 128 bytes, 6000 cycles) plus
// allocator noise stays far below; the counters catch the small leaks.
const rssBound = 64 * 2 ** 20;
// Under AddressSanitizer (scripts/sanitize.sh) freed memory sits in ASan's
// quarantine and shadow memory grows with it, so RSS says nothing about leaks
// there; the counters and deleter checks still apply.
const underSanitizer = process.env.NDINTEROP_SANITIZER === '1';

describe('leak soak (reduced)', () => {
  it(`runs ${cycles} import/export/view/GC cycles without leaking`, async () => {
    const numpy = loadPyBridge();
    if (!numpy) console.log(`soak: NumPy paths skipped (${pyBridgeSkipReason()})`);
    const result = await runSoak({ ndi, producer, numpy, cycles, gcEvery: 500 });
    const growth = result.rss.max - result.rss.afterWarmup;
    console.log(`soak: ${cycles} cycles ${JSON.stringify(result.paths)}, RSS growth after warm-up ${(growth / 2 ** 20).toFixed(1)} MB`);

    expect(result.memoryStats).toEqual({ liveImports: 0, liveExports: 0, externalBytes: 0, liveMappings: 0, mappedBytes: 0 });
    expect(result.producerTensors).toBeGreaterThan(0);
    expect(result.producerDeleterCalls).toBe(result.producerTensors);
    expect(result.producerRepeatedCalls).toBe(0);
    if (numpy) {
      expect(result.numpyTracked).toBeGreaterThan(0);
      expect(result.numpyDeleterCalls.every((calls) => calls === 1)).toBe(true);
    }
    if (underSanitizer) console.log('soak: RSS bound not checked under AddressSanitizer (quarantine holds freed memory)');
    else expect(growth).toBeLessThan(rssBound);
  }, 300_000);
});
