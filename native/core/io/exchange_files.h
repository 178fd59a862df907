// Swapping two directory entries in one step (renameat2 RENAME_EXCHANGE).
//
// Saves write a temporary file and put it in place of the target. rename(2)
// over an existing file does that atomically, but ext4 (auto_da_alloc) then
// writes the new file's data to the disk before returning, so an 800 MB save
// that replaces a file waited for the disk like an fsync (bench/results-npy.md).
// Exchanging the two names is just as atomic for the target name (it holds
// the old file, then the new one) and costs no writeback; the old file, now
// under the temporary name, is then removed.
#pragma once

namespace ndinterop::io {

// Swaps the entries `a` and `b` (paths in the same file system); false with
// errno set when the system or the file system cannot (not Linux, a kernel
// before 3.15, EINVAL from a file system without it, either entry missing).
bool exchangeFiles(const char* a, const char* b);

}  // namespace ndinterop::io
