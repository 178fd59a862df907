// 'r' maps private and writable although the array is read-only: JS can
// always reach an ArrayBuffer's bytes through a TypedArray of its own, and a
// write to a PROT_READ page would kill the process with SIGSEGV. Private
// pages make such a write change only this process's copy, never the file.
#include "core/io/mapped_file.h"

#include <cerrno>
#include <cstring>

#if defined(_WIN32)

namespace ndinterop::io {

bool mapFileRegion(int, MapMode, uint64_t, uint64_t, MappedRegion*, std::string* error) {
  *error = "memory-mapped loading is not supported on Windows yet";
  return false;
}

void unmapRegion(const MappedRegion&) {}

}  // namespace ndinterop::io

#else

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ndinterop::io {

bool mapFileRegion(int fd, MapMode mode, uint64_t offset, uint64_t length, MappedRegion* out, std::string* error) {
  struct stat info;
  if (fstat(fd, &info) != 0) {
    *error = std::string("cannot read the file's size: ") + std::strerror(errno);
    return false;
  }
  const uint64_t fileSize = static_cast<uint64_t>(info.st_size);
  if (length == 0 || offset > fileSize || length > fileSize - offset) {
    *error = "cannot map bytes " + std::to_string(offset) + ".." + std::to_string(offset + length) + " of a file of " + std::to_string(fileSize) + " bytes";
    return false;
  }
  const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  const uint64_t start = offset - offset % page;
  const uint64_t mappingLength = length + (offset - start);
  const int protection = PROT_READ | PROT_WRITE;
  const int flags = mode == MapMode::kReadWrite ? MAP_SHARED : MAP_PRIVATE;
  void* mapping = mmap(nullptr, static_cast<size_t>(mappingLength), protection, flags, fd, static_cast<off_t>(start));
  if (mapping == MAP_FAILED) {
    *error = std::string("mmap failed: ") + std::strerror(errno);
    return false;
  }
  out->mapping = mapping;
  out->mappingLength = static_cast<size_t>(mappingLength);
  out->data = static_cast<uint8_t*>(mapping) + (offset - start);
  out->length = static_cast<size_t>(length);
  return true;
}

void unmapRegion(const MappedRegion& region) {
  if (region.mapping != nullptr) munmap(region.mapping, region.mappingLength);
}

}  // namespace ndinterop::io

#endif
