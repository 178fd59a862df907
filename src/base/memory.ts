// Fresh memory for results and copies. Buffers of 4 MiB and more get
// transparent huge pages before anything writes them, as NumPy's allocator
// does: filling a large result otherwise costs a page fault per 4 KiB,
// several times the arithmetic (see native/napi/memory.cc and
// bench/results-decisions.md: huge pages). Results of 16 KiB and
// more that the caller writes in full take warm memory from the native result
// pool instead (native/core/base/result_pool.h): no page faults, no zeroing.
import { native } from './native.js';

const hugePageThreshold = 4 * 1024 * 1024;
// From here on a pooled block beats V8's own allocation, which zeroes with
// memset or maps fresh pages and, per young ArrayBuffer byte, brings the next
// scavenge closer (bench/results-decisions.md: result pool; pool threshold).
const poolThreshold = 16 * 1024;

/** A new zero-filled ArrayBuffer of `byteLength` bytes. */
export function allocateBuffer(byteLength: number): ArrayBuffer {
  const buffer = new ArrayBuffer(byteLength);
  if (byteLength >= hugePageThreshold) native.adviseHugePages(buffer);
  return buffer;
}

/**
 * A new ArrayBuffer whose contents are unspecified (stale data of an earlier,
 * collected result, or zeros): only for memory the caller writes completely
 * before anything can read it.
 */
export function allocateForOverwrite(byteLength: number): ArrayBuffer {
  if (byteLength >= poolThreshold) {
    const pooled = native.allocateForOverwrite(byteLength);
    if (pooled) return pooled;
  }
  return allocateBuffer(byteLength);
}
