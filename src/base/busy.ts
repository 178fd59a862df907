// Memory in use by pending async ufunc calls. An async call registers every
// buffer it reads (shared) and writes (exclusive) until its promise settles;
// NDArray mutators, sync ufunc outputs, dispose and zero-copy DLPack exports
// ask here first and throw ERR_BUSY for busy memory.
import { makeError } from './errors.js';

type Memory = ArrayBuffer | SharedArrayBuffer;

const readers = new WeakMap<Memory, number>();
const writers = new WeakMap<Memory, number>();
// Registrations alive: lets the common case (nothing pending) skip the lookups.
let pending = 0;

function busyError(what: string): TypeError {
  return makeError(TypeError, 'ERR_BUSY', `${what}: its memory is in use by a pending async ufunc call until its promise settles`);
}

/** Throws TypeError ERR_BUSY when `buffer` is read or written by pending async work (before writing to it). */
export function checkNotBusy(buffer: Memory, what: string): void {
  if (pending !== 0 && (readers.has(buffer) || writers.has(buffer))) throw busyError(what);
}

/** Throws ERR_BUSY when `buffer` is written by pending async work (before reading it for new async work). */
export function checkNotWritten(buffer: Memory, what: string): void {
  if (pending !== 0 && writers.has(buffer)) throw busyError(what);
}

function add(map: WeakMap<Memory, number>, buffer: Memory): void {
  map.set(buffer, (map.get(buffer) ?? 0) + 1);
}

function remove(map: WeakMap<Memory, number>, buffer: Memory): void {
  const count = map.get(buffer)! - 1;
  if (count === 0) map.delete(buffer);
  else map.set(buffer, count);
}

/**
 * Marks `read` and `written` busy (a buffer in both counts as written);
 * returns the function that releases them. Callers have checked with
 * checkNotBusy / checkNotWritten first.
 */
export function markBusy(read: Iterable<Memory>, written: Iterable<Memory>): () => void {
  const writes = new Set(written);
  const reads = new Set([...read].filter((b) => !writes.has(b)));
  for (const b of reads) add(readers, b);
  for (const b of writes) add(writers, b);
  pending += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const b of reads) remove(readers, b);
    for (const b of writes) remove(writers, b);
    pending -= 1;
  };
}
