// Saving: atomic writes, the paths np.save uses, the async forms, in-memory
// forms, and what is refused.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NDArray, NpzFile, add, load, loadAsync, save, saveAsync, savez, savezAsync, savezCompressed, savezCompressedAsync, toNpy, toNpz } from '../../src/index.js';
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

  it('removes its temporary file when the rename fails, and keeps what was there', () => {
    const taken = join(directory, 'taken.npy');
    mkdirSync(taken);
    mkdirSync(join(directory, 'taken.npz'));
    writeFileSync(join(taken, 'inside'), 'kept');
    expectError(() => save(taken, ints([1])), Error, 'EISDIR', /illegal operation on a directory/);
    expectError(() => savezCompressed(join(directory, 'taken'), { a: ints([1]) }, { durable: true }), Error, 'EISDIR', /illegal operation on a directory/);
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(taken, 'inside'), 'utf8')).toBe('kept');
  });

  it('checks its options, before writing anything', () => {
    const path = join(directory, 'options.npy');
    expectError(() => save(path, ints([1]), { durable: 'yes' } as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected durable to be a boolean, got "yes"');
    expectError(() => savez(path, { a: ints([1]) }, { durable: 1 } as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected durable to be a boolean, got 1');
    expectError(() => savezCompressed(path, { a: ints([1]) }, null as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected options to be an object, got null');
    expectError(() => save(path, ints([1]), true as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected options to be an object, got true');
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(directory, 'options.npz'))).toBe(false);
  });

  it('saves durably (fsync) with the same bytes', () => {
    const a = ints([7, 8, 9]);
    const path = save(join(directory, 'durable.npy'), a, { durable: true });
    expect(readFileSync(path)).toEqual(Buffer.from(toNpy(a)));
    expect(readFileSync(savez(join(directory, 'durable'), { a }, { durable: true }))).toEqual(Buffer.from(toNpz({ a })));
    expect(readFileSync(savez(join(directory, 'plain'), { a }, { durable: false }))).toEqual(Buffer.from(toNpz({ a })));
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

// np.save opens the path with open(path, 'wb'), which follows symbolic links:
// the file a link names is replaced (or made, for a dangling link) and the
// link stays. Checked against NumPy 2.4 on this machine by hand.
describe('save to a symbolic link', () => {
  const links = join(directory, 'links');
  mkdirSync(join(links, 'real'), { recursive: true });
  const temporaries = (): string[] => [...readdirSync(links), ...readdirSync(join(links, 'real'))].filter((name) => name.endsWith('.tmp'));

  it('replaces the file the link names, through relative and chained links, and keeps the links', async () => {
    const target = join(links, 'real', 'data.npy');
    save(target, ints([1]));
    symlinkSync('real/data.npy', join(links, 'latest.npy'));
    symlinkSync(join(links, 'latest.npy'), join(links, 'chained.npy'));
    expect(save(join(links, 'latest.npy'), ints([2, 3]))).toBe(join(links, 'latest.npy'));
    expect(lstatSync(join(links, 'latest.npy')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(links, 'latest.npy'))).toBe('real/data.npy');
    expect((load(target) as NDArray).toArray()).toEqual([2, 3]);
    await saveAsync(join(links, 'chained.npy'), ints([4, 5, 6]));
    expect(lstatSync(join(links, 'chained.npy')).isSymbolicLink()).toBe(true);
    expect((load(target) as NDArray).toArray()).toEqual([4, 5, 6]);
    savez(join(links, 'latest'), { a: ints([7]) }); // '.npz' appended: a new plain file beside the link
    expect(lstatSync(join(links, 'latest.npz')).isFile()).toBe(true);
    expect(temporaries()).toEqual([]);
  });

  it('makes the file a dangling link names, durably too', async () => {
    symlinkSync('real/new.npy', join(links, 'dangling.npy'));
    save(join(links, 'dangling.npy'), ints([8]), { durable: true });
    expect(statSync(join(links, 'real', 'new.npy')).isFile()).toBe(true);
    expect((load(join(links, 'dangling.npy')) as NDArray).toArray()).toEqual([8]);
    symlinkSync('real/new-async.npy', join(links, 'dangling-async.npy'));
    await saveAsync(join(links, 'dangling-async.npy'), ints([9]));
    expect((load(join(links, 'real', 'new-async.npy')) as NDArray).toArray()).toEqual([9]);
    expect(lstatSync(join(links, 'dangling-async.npy')).isSymbolicLink()).toBe(true);
  });

  it('refuses a loop of links as open(2) does (ELOOP), writing nothing', async () => {
    symlinkSync('loop-b.npy', join(links, 'loop-a.npy'));
    symlinkSync('loop-a.npy', join(links, 'loop-b.npy'));
    const loop = join(links, 'loop-a.npy');
    expectError(() => save(loop, ints([1])), Error, 'ELOOP', `ELOOP: too many symbolic links encountered, open '${loop}'`);
    await expectRejection(saveAsync(loop, ints([1])), Error, 'ELOOP', `ELOOP: too many symbolic links encountered, open '${loop}'`);
    expect(readlinkSync(loop)).toBe('loop-b.npy');
    expect(temporaries()).toEqual([]);
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

  it('reject bad options, and remove their temporary file when the rename fails', async () => {
    const path = join(directory, 'async-options.npy');
    await expectRejection(saveAsync(path, ints([1]), { durable: 'no' } as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected durable to be a boolean, got "no"');
    await expectRejection(savezAsync(path, { a: ints([1]) }, 3 as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected options to be an object, got 3');
    await expectRejection(savezCompressedAsync(path, { a: ints([1]) }, { durable: null } as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected durable to be a boolean, got null');
    expect(existsSync(path)).toBe(false);
    mkdirSync(join(directory, 'taken-async.npy'));
    mkdirSync(join(directory, 'taken-async.npz'));
    await expect(saveAsync(join(directory, 'taken-async.npy'), ints([1]), { durable: true })).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(savezAsync(join(directory, 'taken-async'), { a: ints([1]) })).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const durable = await saveAsync(join(directory, 'durable-async.npy'), ints([4, 5]), { durable: true });
    expect((load(durable) as NDArray).toArray()).toEqual([4, 5]);
  });

  it('saves ufunc results', async () => {
    const a = add(ints([1, 2]), ints([10, 20])) as NDArray;
    await saveAsync(join(directory, 'sum.npy'), a);
    expect((load(join(directory, 'sum.npy')) as NDArray).toArray()).toEqual([11, 22]);
  });
});
