// Fresh memory for results and copies. Buffers of 4 MiB and more get
// transparent huge pages before anything writes them, as NumPy's allocator
// does: filling an 80 MB result otherwise costs ~20k page faults, several
// times the arithmetic (see native/napi/memory.cc).
import { native } from './native.js';

const hugePageThreshold = 4 * 1024 * 1024;

/** A new zero-filled ArrayBuffer of `byteLength` bytes. */
export function allocateBuffer(byteLength: number): ArrayBuffer {
  const buffer = new ArrayBuffer(byteLength);
  if (byteLength >= hugePageThreshold) native.adviseHugePages(buffer);
  return buffer;
}
