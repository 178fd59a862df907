// Atomic saves: the bytes go to a temporary file in the target's directory,
// which then takes the target's place in one step, so a process that crashes
// or is killed at any point leaves either the old file or the whole new one
// under the target name, never a truncated one; a failure removes the
// temporary file. This costs what np.save costs (it does not fsync either).
// The step is rename(2), except that an existing regular file is swapped
// with the temporary one (renameat2 RENAME_EXCHANGE, native/core/io/
// exchange_files.h) and then removed: ext4 writes a file renamed over
// another to the disk before rename returns, which made a plain save as slow
// as an fsync'd one.
//
// A target that is a symbolic link is followed, as np.save's open(path, 'wb')
// follows it: the file the link names (even one not there yet) is replaced,
// and the link stays a link.
//
// Before the data goes out, its blocks are reserved in one step (fallocate,
// as np.save does for 16 MiB and more; native/core/io/reserve_space.h), and a
// device without room for them fails the save before any data is written.
//
// Surviving power loss or a kernel crash needs more: the file's data must
// reach the disk before the rename does, and the rename itself must reach it.
// `durable` asks for that: fsync of the temporary file before the rename,
// then fsync of the directory after it (on POSIX; Windows cannot open a
// directory for fsync, and its rename is journaled by NTFS).
import { close, closeSync, fsync, fsyncSync, open, openSync, readlinkSync, lstatSync, rename, renameSync, unlink, unlinkSync, write, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { native } from '../base/native.js';

// An error shaped as Node's own system errors (as fs would throw it).
function systemError(code: 'ENOSPC' | 'ELOOP', text: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${text}`), { code, errno: -constants.errno[code], syscall, path });
}

// Linux's limit on the links followed in one path lookup (MAXSYMLINKS).
const maxLinks = 40;

/**
 * The file a save to `path` replaces: `path`, or the file its symbolic links
 * lead to, with its lstat (undefined when nothing is there yet). Metadata
 * calls only, made on the calling thread by the async forms too.
 */
function resolveTarget(path: string): { path: string; stats: Stats | undefined } {
  let current = path;
  for (let links = 0; ; links++) {
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isSymbolicLink()) return { path: current, stats };
    if (links === maxLinks) throw systemError('ELOOP', `too many symbolic links encountered, open '${path}'`, 'open', path);
    current = resolve(dirname(current), readlinkSync(current));
  }
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

// Writes of at most this many bytes each (Node refuses 2^31 and more).
const writeChunk = 1 << 30;
// As np.save's open(path, 'wb'): read-write for all, less the umask.
const fileMode = 0o666;
const syncsDirectories = process.platform !== 'win32';

// Whether `temporary` took the place of `path` by exchange (then the old file
// is at `temporary`); only for an existing regular file, since a directory or
// a symbolic link at `path` must meet rename's own rules and errors.
function exchanged(temporary: string, path: string, target: Stats | undefined): boolean {
  return target !== undefined && target.isFile() && native.ioExchangeFiles(temporary, path);
}

function totalBytes(parts: readonly Uint8Array[]): number {
  let total = 0;
  for (const part of parts) total += part.byteLength;
  return total;
}

function reserveSpace(fd: number, temporary: string, parts: readonly Uint8Array[]): void {
  const bytes = totalBytes(parts);
  if (native.ioReserveSpace(fd, 0, bytes) === 2) throw systemError('ENOSPC', `no space left on device, fallocate '${temporary}' (${bytes} bytes)`, 'fallocate', temporary);
}

/** Writes `parts` in order to `path`, atomically; with `durable`, also flushed to disk (file and directory). */
export function writeFileAtomic(linkPath: string, parts: readonly Uint8Array[], durable: boolean): void {
  const { path, stats } = resolveTarget(linkPath);
  const temporary = temporaryPath(path);
  const fd = openSync(temporary, 'wx', fileMode);
  try {
    reserveSpace(fd, temporary, parts);
    for (const part of parts) {
      for (let done = 0; done < part.byteLength; ) {
        done += writeSync(fd, part, done, Math.min(writeChunk, part.byteLength - done));
      }
    }
    if (durable) fsyncSync(fd);
    closeSync(fd);
    // With durable, the rename's own flush costs nothing more: the data is on the disk.
    if (!durable && exchanged(temporary, path, stats)) unlinkSync(temporary);
    else renameSync(temporary, path);
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
  if (durable && syncsDirectories) syncDirectory(dirname(path));
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function call<T>(start: (callback: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

const closeAsync = (fd: number): Promise<void> => call<void>((done) => close(fd, (error) => done(error ?? null, undefined)));
const fsyncAsync = (fd: number): Promise<void> => call<void>((done) => fsync(fd, (error) => done(error, undefined)));

/** writeFileAtomic with every write, fsync and the rename on the libuv thread pool. */
export async function writeFileAtomicAsync(linkPath: string, parts: readonly Uint8Array[], durable: boolean): Promise<void> {
  const { path, stats } = resolveTarget(linkPath);
  const temporary = temporaryPath(path);
  const fd = await call<number>((done) => open(temporary, 'wx', fileMode, done));
  let closed = false;
  try {
    // A metadata call on this thread: about a millisecond for a gigabyte on ext4.
    reserveSpace(fd, temporary, parts);
    for (const part of parts) {
      for (let done = 0; done < part.byteLength; ) {
        done += await call<number>((callback) => write(fd, part, done, Math.min(writeChunk, part.byteLength - done), null, callback));
      }
    }
    if (durable) await fsyncAsync(fd);
    closed = true;
    await closeAsync(fd);
    // The exchange is one metadata system call, made on this thread.
    if (!durable && exchanged(temporary, path, stats)) await call<void>((done) => unlink(temporary, (error) => done(error, undefined)));
    else await call<void>((done) => rename(temporary, path, (error) => done(error, undefined)));
  } catch (error) {
    if (!closed) await call<void>((done) => close(fd, () => done(null, undefined)));
    await call<void>((done) => unlink(temporary, () => done(null, undefined)));
    throw error;
  }
  if (durable && syncsDirectories) {
    const directory = await call<number>((done) => open(dirname(path), 'r', done));
    try {
      await fsyncAsync(directory);
    } finally {
      await closeAsync(directory);
    }
  }
}
