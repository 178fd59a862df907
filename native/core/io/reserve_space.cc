#include "core/io/reserve_space.h"

#include <cerrno>

#if defined(__linux__)
#include <fcntl.h>
#endif

namespace ndinterop::io {

ReserveResult reserveSpace(int fd, uint64_t offset, uint64_t length) {
  if (length < kReserveSpaceMinBytes) return ReserveResult::kSkipped;
#if defined(__linux__) && defined(FALLOC_FL_KEEP_SIZE)
  if (offset > static_cast<uint64_t>(INT64_MAX) || length > static_cast<uint64_t>(INT64_MAX) - offset) {
    return ReserveResult::kSkipped;
  }
  int result;
  do {
    result = fallocate(fd, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset), static_cast<off_t>(length));
  } while (result != 0 && errno == EINTR);
  if (result == 0) return ReserveResult::kReserved;
  return errno == ENOSPC ? ReserveResult::kNoSpace : ReserveResult::kSkipped;
#else
  (void)fd;
  (void)offset;
  return ReserveResult::kSkipped;
#endif
}

}  // namespace ndinterop::io
