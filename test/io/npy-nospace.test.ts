// A save to a device without room for it: the blocks are reserved before any
// data is written (fallocate, as np.save does for 16 MiB and more), so the
// save fails at once with Node's ENOSPC error, writes nothing, leaves no
// temporary file, and keeps the old target. Runs on a 4 MiB tmpfs mounted
// for the test (Linux, as root); skips elsewhere, saying why.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NDArray, ones, save, saveAsync, toNpy } from '../../src/index.js';
import { expectError, expectRejection, thrown } from '../helpers/expect-error.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'ndinterop-nospace-'));
function mountSmallFs(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux (fallocate and tmpfs)';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `cannot mount a small tmpfs here (needs root): ${(error as Error).message.split('\n')[0]}`;
  }
}
const skipReason = mountSmallFs();
if (skipReason !== undefined) console.warn(`test/io/npy-nospace.test.ts skipped: ${skipReason}`);
afterAll(() => {
  // umount refuses while a file is open; every test closes its files.
  if (skipReason === undefined) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const ints = (values: number[]): NDArray => new NDArray({ buffer: Int32Array.from(values), dtype: 'int32', shape: [values.length] });

describe.skipIf(skipReason !== undefined)('save on a full device', () => {
  it('fails before writing, with ENOSPC from fallocate, and keeps the old file', async () => {
    const path = join(mountPoint, 'big.npy');
    save(path, ints([1, 2, 3]));
    const big = ones([(17 << 20) / 8], 'float64'); // 17 MiB of data: past the 16 MiB reservation threshold
    const temporary = /^ENOSPC: no space left on device, fallocate '.*\/\.big\.npy\.[0-9a-f]{12}\.tmp' \(17825920 bytes\)$/;
    expectError(() => save(path, big), Error, 'ENOSPC', temporary);
    expect(thrown(() => save(path, big))).toMatchObject({ syscall: 'fallocate', errno: -28 });
    await expectRejection(saveAsync(path, big), Error, 'ENOSPC', temporary);
    expect(readFileSync(path)).toEqual(Buffer.from(toNpy(ints([1, 2, 3]))));
    expect(readdirSync(mountPoint)).toEqual(['big.npy']);
  });

  it('writes a file that fits, at exactly its length (the reservation keeps the size)', () => {
    const path = join(mountPoint, 'fits.npy');
    save(path, ones([(2 << 20) / 8], 'float64'));
    expect(statSync(path).size).toBe(128 + (2 << 20));
  });
});
