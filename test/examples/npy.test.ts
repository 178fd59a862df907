// The files examples (examples/npy-*.mjs, shown in docs/guides/files.md) run
// and print what the guide says they print.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const run = (name: string): string => execFileSync(process.execPath, [join(root, 'examples', name)], { encoding: 'utf8' });

describe('files examples', () => {
  it('npy-load.mjs loads a NumPy file in three lines', () => {
    expect(run('npy-load.mjs')).toBe('<f8 [ 2, 3 ] [ [ 0, 1, 2 ], [ 3, 4, 5 ] ]\n');
  });

  it('npy-mmap.mjs maps a file, counted in memoryStats()', () => {
    const lines = run('npy-mmap.mjs').split('\n');
    expect(lines[0]).toBe('[ 1000, 1000 ] true 499999.5');
    expect(lines[1]).toBe('{ liveMappings: 1, mappedBytes: 8000000 }');
    expect(lines[2]).toBe('501');
  });

  it('npy-npz.mjs saves and reads an archive by name', () => {
    expect(run('npy-npz.mjs')).toBe("true\n[ 'weights', 'labels' ]\n[ 3, 1, 2 ]\nweights <f4 [ 3 ]\nlabels <i4 [ 3 ]\n");
  });

  it('npy-async.mjs saves and loads off the main thread, and in memory', () => {
    expect(run('npy-async.mjs')).toBe('<i2 [ [ 1, 2 ], [ 3, 4 ] ]\ntrue 136 [ [ 1, 2 ], [ 3, 4 ] ]\n');
  });
});
