// Memory-mapping part of an open file (POSIX mmap). A MappedRegion is owned
// by whoever holds it and released with unmapRegion exactly once; the N-API
// layer gives that ownership to the BackingStore of an ArrayBuffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ndinterop::io {

enum class MapMode : int32_t {
  kReadOnly = 0,     // np.load mmap_mode='r': private pages (see mapFileRegion)
  kReadWrite = 1,    // 'r+': shared, writes reach the file
  kCopyOnWrite = 2,  // 'c': private, writes stay in memory
};

struct MappedRegion {
  void* mapping = nullptr;  // what mmap returned (page-aligned)
  size_t mappingLength = 0;
  uint8_t* data = nullptr;  // the first requested byte: mapping + (offset % page size)
  size_t length = 0;        // the requested bytes
};

// Maps bytes [offset, offset + length) of the open file `fd`; `length` > 0.
// Fails (false, with `error` set) when the file is shorter than offset +
// length or mmap refuses. The file descriptor may be closed afterwards.
bool mapFileRegion(int fd, MapMode mode, uint64_t offset, uint64_t length, MappedRegion* out, std::string* error);

// Unmaps a region from mapFileRegion; safe from any thread.
void unmapRegion(const MappedRegion& region);

}  // namespace ndinterop::io
