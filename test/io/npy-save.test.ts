// Saving: atomic writes, the paths np.save uses, the async forms, in-memory
// forms, and what is refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NDArray, NpzFile, add, load, loadAsync, save, saveAsync, savez, savezAsync, savezCompressedAsync, toNpy, toNpz } from '../../src/index.js';
import { expectError, expectRejection } from '../helpers/expect-error.js';

const directory = mkdtempSync(join(tmpdir(), 'ndinterop-save-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const ints = (values: number[]): NDArray => new NDArray({ buffer: Int32Array.from(values), dtype: 'int32', shape: [values.length] });

describe('save', () => {
  it("appends '.npy' (savez: '.npz') when the path lacks it, as NumPy does, and returns the path", () => {
    expect(save(join(directory, 'plain'), ints([1]))).toBe(join(directory, 'plain.npy'));
    expect(save(join(directory, 'given.npy'), ints([1]))).toBe(join(directory, 'given.npy'));
    expect(savez(join(directory, 'archive'), [ints([1])])).toBe(join(directory, 'archive.npz'));
    expect(save(pathToFileURL(join(directory, 'url.npy')), ints([1]))).toBe(join(directory, 'url.npy'));
  });

  it('replaces the target atomically and leaves no temporary file behind', () => {
    const path = join(directory, 'atomic.npy');
    save(path, ints([1, 2]));
    save(path, ints([3, 4, 5]));
    expect((load(path) as NDArray).toArray()).toEqual([3, 4, 5]);
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the old file when a save fails', () => {
    const path = join(directory, 'kept.npy');
    save(path, ints([1, 2]));
    const before = readFileSync(path);
    const disposed = ints([9]);
    disposed[Symbol.dispose]();
    expectError(() => save(path, disposed), TypeError, 'ERR_DETACHED', 'this array has been disposed');
    expect(readFileSync(path)).toEqual(before);
    expectError(() => save(join(directory, 'no-such-dir', 'x.npy'), ints([1])), Error, 'ENOENT', /no such file or directory/);
  });

  it('refuses what is not an array, and unsaveable dtypes', () => {
    expectError(() => toNpy([1, 2] as unknown as NDArray), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an NDArray, got array of length 2');
    expectError(() => toNpz({ a: 3 as unknown as NDArray }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected the member "a" to be an NDArray, got 3');
    expectError(() => save(5 as unknown as string, ints([1])), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a path (string or file: URL), got 5');
  });

  it('writes in-memory forms that load back equal', () => {
    const a = ints([1, 2, 3]);
    expect((load(toNpy(a)) as NDArray).toArray()).toEqual([1, 2, 3]);
    const npz = load(toNpz({ a, b: a }, { compress: true })) as NpzFile;
    expect(npz.files).toEqual(['a', 'b']);
    expect([...npz].map(([name, array]) => [name, array.toArray()])).toEqual([
      ['a', [1, 2, 3]],
      ['b', [1, 2, 3]],
    ]);
  });
});

describe('async forms', () => {
  it('saveAsync and loadAsync round-trip, and the array is busy while it is written out', async () => {
    const a = ints([4, 5, 6]);
    const path = join(directory, 'async.npy');
    const pending = saveAsync(path, a);
    expectError(() => a.set(0, 1), TypeError, 'ERR_BUSY', 'cannot write to this array: its memory is in use by a pending async ufunc call until its promise settles');
    expect(await pending).toBe(path);
    a.set(0, 1);
    expect(((await loadAsync(path)) as NDArray).toArray()).toEqual([4, 5, 6]);
  });

  it('savezAsync, savezCompressedAsync and NpzFile.getAsync round-trip', async () => {
    const arrays = { x: ints([1, 2]), y: ints([3]) };
    for (const write of [savezAsync, savezCompressedAsync]) {
      const path = await write(join(directory, `async-${write.name}.npz`), arrays);
      const npz = (await loadAsync(path)) as NpzFile;
      expect((await npz.getAsync('x')).toArray()).toEqual([1, 2]);
      expect((await npz.getAsync('y.npy')).toArray()).toEqual([3]);
      npz.close();
    }
  });

  it('rejects as the sync forms throw', async () => {
    const path = join(directory, 'bad.npy');
    writeFileSync(path, 'not a numpy file');
    await expectRejection(
      loadAsync(path),
      Error,
      'ERR_NPY_INVALID',
      "not a .npy or .npz file: expected the magic string b'\\x93NUMPY' or a zip archive (b'PK\\x03\\x04'), got b'not a '",
    );
    await expect(loadAsync(join(directory, 'missing.npy'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(join(directory, 'missing.npy'))).toBe(false);
  });

  it('saves ufunc results', async () => {
    const a = add(ints([1, 2]), ints([10, 20])) as NDArray;
    await saveAsync(join(directory, 'sum.npy'), a);
    expect((load(join(directory, 'sum.npy')) as NDArray).toArray()).toEqual([11, 22]);
  });
});
