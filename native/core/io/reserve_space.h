// Reserving a file's blocks before a large write (fallocate KEEP_SIZE).
//
// np.save does this for data of 16 MiB and more: the file system allocates
// the extents in one step instead of block by block as the write's pages
// arrive, which made an 800 MB np.save about 1.4x faster than a bare write(2)
// of the same bytes on ext4 here (bench/results-npy.md). The file's size is
// left alone, so a write that fails part way never leaves a file longer than
// what was written.
#pragma once

#include <cstdint>

namespace ndinterop::io {

// Below this many bytes the system call costs more than it saves (NumPy's
// threshold).
constexpr uint64_t kReserveSpaceMinBytes = uint64_t{16} << 20;

enum class ReserveResult {
  kReserved = 0,  // the blocks are allocated
  kSkipped = 1,   // too small, or the system or file system cannot (ignored, as NumPy does)
  kNoSpace = 2,   // ENOSPC: the device cannot hold the data; the write would fail part way
};

// Reserves `length` bytes of `fd` from `offset`, keeping the file's size.
ReserveResult reserveSpace(int fd, uint64_t offset, uint64_t length);

}  // namespace ndinterop::io
