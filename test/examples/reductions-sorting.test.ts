// Runs examples/reductions-sorting.mjs (the guide's example) and checks what it prints.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('examples/reductions-sorting.mjs prints the documented results', () => {
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'examples', 'reductions-sorting.mjs')], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.stdout.trim().split('\n')).toEqual([
    '30',
    '[ 12, 8, 10 ]',
    '[ 2, 1 ]',
    '3.405877',
    '3 [ 0n, 0n ]',
    '[ -1, 0, 2, NaN ]',
    '[ 1n, 3n, 0n, 2n ]',
    '[ 1, 2, 3 ] [ 1n, 1n, 3n ]',
    '[ [ 3, 1, 2 ], [ 9, 7, 8 ] ]',
  ]);
});
