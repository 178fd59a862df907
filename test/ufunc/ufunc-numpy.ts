// Runs a Python snippet with NumPy and parses the JSON it prints, for tests
// that take their expected values from NumPy itself. `hasNumpy` is false when
// python3 or NumPy is missing; suites then skip with a message.
import { spawnSync } from 'node:child_process';
import type { NDArray } from '../../src/index.js';

function probe(): boolean {
  const result = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return result.status === 0;
}

export const hasNumpy = probe();
export const skipReason = 'python3 with NumPy is not installed; NumPy-differential tests skipped';

export function numpyJson<T>(script: string): T {
  const result = spawnSync('python3', ['-c', `import json, numpy as np\n${script}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/**
 * Runs a Python snippet with NumPy and returns the bytes it writes to stdout
 * (arrays written with tobytes(), then often a JSON tail); empty when NumPy
 * is missing, for suites that skip then.
 */
export function numpyBytes(script: string): Buffer {
  if (!hasNumpy) return Buffer.alloc(0);
  const result = spawnSync('python3', ['-c', script], { maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout;
}

/** An array's elements as little-endian bytes in C order, in hex: NumPy's a.tobytes().hex() for a native array. */
export function hexOf(a: NDArray): string {
  const c = a.flags.cContiguous && a.dtype.isNative ? a : a.astype(a.dtype.newByteOrder('<'));
  return Buffer.from(c.buffer, c.byteOffset, c.nbytes).toString('hex');
}
