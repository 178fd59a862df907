// Atomic saves: the bytes go to a temporary file in the target's directory,
// which is flushed to disk (fsync) and then renamed over the target, so a
// crash leaves either the old file or the whole new one under the target
// name, never a truncated one. A failure removes the temporary file.
import { close, closeSync, fsync, fsyncSync, open, openSync, rename, renameSync, unlink, unlinkSync, write, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

// Writes of at most this many bytes each (Node refuses 2^31 and more).
const writeChunk = 1 << 30;

/** Writes `parts` in order to `path`, atomically. */
export function writeFileAtomic(path: string, parts: readonly Uint8Array[]): void {
  const temporary = temporaryPath(path);
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    for (const part of parts) {
      for (let done = 0; done < part.byteLength; ) {
        done += writeSync(fd, part, done, Math.min(writeChunk, part.byteLength - done));
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temporary);
    } catch {
      // already renamed or gone
    }
    throw error;
  }
}

function call<T>(start: (callback: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

/** writeFileAtomic with every write, the fsync and the rename on the libuv thread pool. */
export async function writeFileAtomicAsync(path: string, parts: readonly Uint8Array[]): Promise<void> {
  const temporary = temporaryPath(path);
  const fd = await call<number>((done) => open(temporary, 'wx', 0o644, done));
  let closed = false;
  try {
    for (const part of parts) {
      for (let done = 0; done < part.byteLength; ) {
        done += await call<number>((callback) => write(fd, part, done, Math.min(writeChunk, part.byteLength - done), null, callback));
      }
    }
    await call<void>((done) => fsync(fd, (error) => done(error, undefined)));
    closed = true;
    await call<void>((done) => close(fd, (error) => done(error ?? null, undefined)));
    await call<void>((done) => rename(temporary, path, (error) => done(error, undefined)));
  } catch (error) {
    if (!closed) await call<void>((done) => close(fd, () => done(null, undefined)));
    await call<void>((done) => unlink(temporary, () => done(null, undefined)));
    throw error;
  }
}
