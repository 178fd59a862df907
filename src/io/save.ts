// np.save / np.savez / np.savez_compressed for JS, to a file (atomically) or to a Buffer.
import { describeValue, makeError } from '../base/errors.js';
import { markBusy } from '../base/busy.js';
import { NDArray } from '../array/ndarray.js';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic-write.js';
import { npyParts } from './npy.js';
import { npzMembers, npzMembersAsync, npzParts, type NpzArrays } from './npz.js';
import { pathOf, type PathInput } from './source.js';

/** Options of save, savez, savezCompressed and their async forms. */
export interface SaveOptions {
  /**
   * Also make the file survive power loss or an operating-system crash once
   * the call returns: the file's data is flushed to the disk (fsync) before
   * it is renamed into place, and the directory is flushed after (POSIX).
   * This costs a wait for the disk, usually far longer than the write.
   * Without it (the default, like np.save, which never fsyncs) a save is
   * still atomic against a crashed or killed process; after a power loss
   * the target may hold the old file, the new one, or (on some file
   * systems) an empty or partly written one. Default false.
   */
  readonly durable?: boolean;
}

function checkSaveOptions(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected options to be an object, got ${describeValue(options)}`);
  }
  const { durable } = options as SaveOptions;
  if (durable !== undefined && typeof durable !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected durable to be a boolean, got ${describeValue(durable)}`);
  }
  return durable === true;
}

/** The path a save wrote: it ends with the extension the save appends when missing (load types it by that). */
export type SavedPath<E extends '.npy' | '.npz'> = `${string}${E}`;

// np.save appends '.npy' to a path without it, np.savez '.npz'.
function targetPath<E extends '.npy' | '.npz'>(path: unknown, extension: E): SavedPath<E> {
  const resolved = pathOf(path);
  if (resolved === undefined) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a path (string or file: URL), got ${describeValue(path)}`);
  return resolved.endsWith(extension) ? (resolved as SavedPath<E>) : `${resolved}${extension}`;
}

/**
 * The bytes of `a` as a `.npy` file, exactly as np.save writes them (C order,
 * or Fortran order when only Fortran-contiguous). A Node `Buffer` at run time.
 */
export function toNpy(a: NDArray): Uint8Array {
  return Buffer.concat(npyParts(a));
}

/** The bytes of a `.npz` archive of `arrays` (np.savez; `compress: true` for np.savez_compressed). A Node `Buffer` at run time. */
export function toNpz(arrays: NpzArrays, options: { readonly compress?: boolean } = {}): Uint8Array {
  return Buffer.concat(npzParts(npzMembers(arrays, options.compress === true)));
}

/**
 * Saves `a` as a `.npy` file (np.save; '.npy' is appended when `path` lacks
 * it) and returns the path written. The file is written atomically: to a
 * temporary file in the same directory, then renamed over the target, so a
 * process that crashes or is killed never leaves a truncated file under the
 * target name, and a failed save removes the temporary file and keeps the
 * old one. A symbolic link at `path` is followed, as np.save follows it:
 * the file it names is replaced and the link stays. `{ durable: true }` also
 * flushes it to disk (see SaveOptions).
 */
export function save(path: PathInput, a: NDArray, options: SaveOptions = {}): SavedPath<'.npy'> {
  const durable = checkSaveOptions(options);
  const target = targetPath(path, '.npy');
  writeFileAtomic(target, npyParts(a), durable);
  return target;
}

/** Saves `arrays` as an uncompressed `.npz` archive (np.savez), atomically like save. Returns the path written. */
export function savez(path: PathInput, arrays: NpzArrays, options: SaveOptions = {}): SavedPath<'.npz'> {
  const durable = checkSaveOptions(options);
  const target = targetPath(path, '.npz');
  writeFileAtomic(target, npzParts(npzMembers(arrays, false)), durable);
  return target;
}

/** Saves `arrays` as a deflate-compressed `.npz` archive (np.savez_compressed), atomically like save. Returns the path written. */
export function savezCompressed(path: PathInput, arrays: NpzArrays, options: SaveOptions = {}): SavedPath<'.npz'> {
  const durable = checkSaveOptions(options);
  const target = targetPath(path, '.npz');
  writeFileAtomic(target, npzParts(npzMembers(arrays, true)), durable);
  return target;
}

// Arrays being written out may not be changed until the write settles.
function arraysOf(arrays: NpzArrays | NDArray): NDArray[] {
  if (arrays instanceof NDArray) return [arrays];
  if (typeof arrays !== 'object' || arrays === null) return [];
  return Object.values(arrays).filter((a): a is NDArray => a instanceof NDArray);
}

async function whileBusy<T>(arrays: NpzArrays | NDArray, label: string, run: () => Promise<T>): Promise<T> {
  const release = markBusy(arraysOf(arrays).map((a) => a.buffer), [], label);
  try {
    return await run();
  } finally {
    release();
  }
}

/** `save` with the writes, any fsync and the rename on the libuv thread pool; the array cannot be written until it settles. */
export async function saveAsync(path: PathInput, a: NDArray, options: SaveOptions = {}): Promise<SavedPath<'.npy'>> {
  const durable = checkSaveOptions(options);
  const target = targetPath(path, '.npy');
  const parts = npyParts(a);
  await whileBusy(a, 'saveAsync()', () => writeFileAtomicAsync(target, parts, durable));
  return target;
}

/** `savez` off the main thread (see saveAsync). */
export async function savezAsync(path: PathInput, arrays: NpzArrays, options: SaveOptions = {}): Promise<SavedPath<'.npz'>> {
  const durable = checkSaveOptions(options);
  const target = targetPath(path, '.npz');
  const members = npzMembers(arrays, false);
  await whileBusy(arrays, 'savezAsync()', () => writeFileAtomicAsync(target, npzParts(members), durable));
  return target;
}

/** `savezCompressed` with the deflating and the writes on the libuv thread pool (see saveAsync). */
export async function savezCompressedAsync(path: PathInput, arrays: NpzArrays, options: SaveOptions = {}): Promise<SavedPath<'.npz'>> {
  const durable = checkSaveOptions(options);
  const target = targetPath(path, '.npz');
  await whileBusy(arrays, 'savezCompressedAsync()', async () => writeFileAtomicAsync(target, npzParts(await npzMembersAsync(arrays, true)), durable));
  return target;
}
