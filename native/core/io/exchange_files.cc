#include "core/io/exchange_files.h"

#include <cerrno>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ndinterop::io {

bool exchangeFiles(const char* a, const char* b) {
#if defined(__linux__) && defined(SYS_renameat2)
  constexpr unsigned kRenameExchange = 1U << 1;  // RENAME_EXCHANGE (linux/fs.h)
  return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, kRenameExchange) == 0;
#else
  (void)a;
  (void)b;
  errno = ENOSYS;
  return false;
#endif
}

}  // namespace ndinterop::io
