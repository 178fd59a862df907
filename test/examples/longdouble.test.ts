// Runs examples/longdouble.mjs (against dist/) and checks what it prints.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../examples/longdouble.mjs', import.meta.url));

describe('examples/longdouble.mjs', () => {
  it.skipIf(process.arch !== 'x64')('prints the values docs/guides/longdouble.md shows', () => {
    const output = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(output.split('\n')).toEqual([
      '0.33333333333333333334',
      '0.3333333333333333',
      '1.0000000000000000009 true',
      'complex256',
      '<f16 float128',
      '',
    ]);
  });
});
