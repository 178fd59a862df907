// Memory in use by pending async ufunc calls. An async call registers every
// buffer it reads (shared) and writes (exclusive, with the call's label)
// until its promise settles. Writers (NDArray mutators, sync ufunc outputs,
// dispose, zero-copy exports) ask checkNotBusy first; readers (element
// access, copies, views, exports, ufunc inputs) ask checkNotWritten. Both
// throw TypeError ERR_BUSY naming the pending call that writes the memory.
import { makeError } from './errors.js';

type Memory = ArrayBuffer | SharedArrayBuffer;

const readers = new WeakMap<Memory, number>();
// At most one pending call writes a buffer (a second one is refused by
// checkNotBusy before it registers), so each entry is that call's label.
const writers = new WeakMap<Memory, string>();
// Registrations alive: lets the common case (nothing pending) skip the
// lookups, at the cost of one integer compare.
let pending = 0;

function busyError(what: string, writer: string | undefined): TypeError {
  const holder = writer === undefined ? 'its memory is in use by a pending async ufunc call' : `its memory is being written by a pending ${writer} call`;
  return makeError(TypeError, 'ERR_BUSY', `${what}: ${holder} until its promise settles`);
}

/** Whether any async ufunc call is pending (fast paths that read memory directly step aside then). */
export function anyPending(): boolean {
  return pending !== 0;
}

// The guards below are one compare when nothing is pending, small enough
// for V8 to inline into every caller; the lookups live in these cold helpers.
function refuseIfBusy(buffer: Memory, what: string): void {
  if (readers.has(buffer) || writers.has(buffer)) throw busyError(what, writers.get(buffer));
}

function refuseIfWritten(buffer: Memory, what: string): void {
  const writer = writers.get(buffer);
  if (writer !== undefined) throw busyError(what, writer);
}

/** Throws TypeError ERR_BUSY when `buffer` is read or written by pending async work (before writing to it). */
export function checkNotBusy(buffer: Memory, what: string): void {
  if (pending !== 0) refuseIfBusy(buffer, what);
}

/** Throws TypeError ERR_BUSY when `buffer` is written by pending async work (before reading it). */
export function checkNotWritten(buffer: Memory, what: string): void {
  if (pending !== 0) refuseIfWritten(buffer, what);
}

function addReader(buffer: Memory): void {
  readers.set(buffer, (readers.get(buffer) ?? 0) + 1);
}

function removeReader(buffer: Memory): void {
  const count = readers.get(buffer)! - 1;
  if (count === 0) readers.delete(buffer);
  else readers.set(buffer, count);
}

/**
 * Marks `read` and `written` busy (a buffer in both counts as written) for
 * the call `label` (e.g. 'add.reduce.async()'); returns the function that
 * releases them. Callers have checked with checkNotBusy / checkNotWritten first.
 */
export function markBusy(read: Iterable<Memory>, written: Iterable<Memory>, label: string): () => void {
  const writes = new Set(written);
  const reads = new Set([...read].filter((b) => !writes.has(b)));
  for (const b of reads) addReader(b);
  for (const b of writes) writers.set(b, label);
  pending += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const b of reads) removeReader(b);
    for (const b of writes) writers.delete(b);
    pending -= 1;
  };
}
