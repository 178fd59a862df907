// Runs a NumPy snippet in python3 for tests of NDArray; the snippet prints
// one JSON value. `hasNumpy` lets suites skip (with a reason) without NumPy.
import { execFileSync } from 'node:child_process';

function probe(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasNumpy = probe();
export const noNumpyReason = 'python3 with NumPy is not available: NumPy comparison tests skipped';

/** Evaluates `code` (which must print JSON) with `import numpy as np, json` done. */
export function numpyJson<T>(code: string): T {
  const output = execFileSync('python3', ['-W', 'ignore', '-c', `import numpy as np, json\n${code}`], { encoding: 'utf8' });
  return JSON.parse(output) as T;
}
