// What `durable` changes: the fsync calls a save makes (counted through a
// mocked node:fs), and that a failing fsync leaves no temporary file and the
// old target in place. Without it a save makes no fsync at all, as np.save.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const fsyncs = vi.hoisted(() => ({ sync: 0, async: 0, failNext: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const failure = (): NodeJS.ErrnoException => Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
  return {
    ...fs,
    fsyncSync(fd: number): void {
      fsyncs.sync += 1;
      if (fsyncs.failNext) {
        fsyncs.failNext = false;
        throw failure();
      }
      fs.fsyncSync(fd);
    },
    fsync(fd: number, callback: (error: NodeJS.ErrnoException | null) => void): void {
      fsyncs.async += 1;
      if (fsyncs.failNext) {
        fsyncs.failNext = false;
        queueMicrotask(() => callback(failure()));
        return;
      }
      fs.fsync(fd, callback);
    },
  };
});

const { NDArray, save, saveAsync, savez, savezCompressedAsync, toNpy } = await import('../../src/index.js');

const directory = mkdtempSync(join(tmpdir(), 'ndinterop-durable-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  fsyncs.sync = 0;
  fsyncs.async = 0;
  fsyncs.failNext = false;
});

const ints = (values: number[]): InstanceType<typeof NDArray> => new NDArray({ buffer: Int32Array.from(values), dtype: 'int32', shape: [values.length] });
const temporaries = (): string[] => readdirSync(directory).filter((name) => name.endsWith('.tmp'));
// The file, then its directory (POSIX only: Windows cannot fsync a directory).
const durableSyncs = process.platform === 'win32' ? 1 : 2;

describe('save without durable', () => {
  it('never calls fsync, as np.save', async () => {
    save(join(directory, 'a.npy'), ints([1]));
    savez(join(directory, 'b.npz'), { a: ints([1]) }, { durable: false });
    await saveAsync(join(directory, 'c.npy'), ints([1]));
    await savezCompressedAsync(join(directory, 'd.npz'), { a: ints([1]) });
    expect(fsyncs).toEqual({ sync: 0, async: 0, failNext: false });
  });
});

describe('save with durable: true', () => {
  it('flushes the file and then its directory', async () => {
    save(join(directory, 'e.npy'), ints([1]), { durable: true });
    expect(fsyncs.sync).toBe(durableSyncs);
    await saveAsync(join(directory, 'f.npy'), ints([1]), { durable: true });
    expect(fsyncs.async).toBe(durableSyncs);
  });

  it('removes its temporary file and keeps the old target when fsync fails', async () => {
    const path = join(directory, 'kept.npy');
    save(path, ints([1, 2]));
    fsyncs.failNext = true;
    expect(() => save(path, ints([3]), { durable: true })).toThrow(expect.objectContaining({ code: 'EIO', message: 'EIO: i/o error, fsync' }));
    expect(readFileSync(path)).toEqual(Buffer.from(toNpy(ints([1, 2]))));
    fsyncs.failNext = true;
    await expect(saveAsync(path, ints([4]), { durable: true })).rejects.toMatchObject({ code: 'EIO', message: 'EIO: i/o error, fsync' });
    expect(readFileSync(path)).toEqual(Buffer.from(toNpy(ints([1, 2]))));
    expect(temporaries()).toEqual([]);
  });
});
