// native/core/io: reserving a file's blocks (reserve_space.h) and swapping two
// directory entries (exchange_files.h), checked through stat(2), which the
// code under test never reads.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "check.h"
#include "core/io/exchange_files.h"
#include "core/io/reserve_space.h"

using namespace ndinterop::io;

namespace {

std::string scratchDirectory() {
  char pattern[] = "/tmp/ndinterop-file-ops-XXXXXX";
  const char* made = mkdtemp(pattern);
  return made == nullptr ? std::string() : std::string(made);
}

void writeText(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  if (write(fd, text.data(), text.size()) < 0) perror("write");
  close(fd);
}

off_t sizeOf(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? st.st_size : -1;
}

}  // namespace

TEST(reserve_space_skips_small_files_and_keeps_the_size) {
  const std::string directory = scratchDirectory();
  CHECK(!directory.empty());
  const std::string path = directory + "/reserved";
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(reserveSpace(fd, 0, kReserveSpaceMinBytes - 1) == ReserveResult::kSkipped);
  const ReserveResult result = reserveSpace(fd, 0, kReserveSpaceMinBytes);
#if defined(__linux__)
  // tmpfs and ext4 both allocate; a file system without fallocate skips.
  CHECK(result == ReserveResult::kReserved || result == ReserveResult::kSkipped);
  struct stat st {};
  CHECK(fstat(fd, &st) == 0);
  CHECK(st.st_size == 0);  // KEEP_SIZE: the blocks, not the length
  if (result == ReserveResult::kReserved) CHECK(static_cast<uint64_t>(st.st_blocks) * 512 >= kReserveSpaceMinBytes);
#else
  CHECK(result == ReserveResult::kSkipped);
#endif
  // Offsets past what off_t holds are skipped, not wrapped.
  CHECK(reserveSpace(fd, UINT64_MAX - 10, kReserveSpaceMinBytes) == ReserveResult::kSkipped);
  close(fd);
  unlink(path.c_str());
  rmdir(directory.c_str());
}

TEST(exchange_files_swaps_two_entries) {
  const std::string directory = scratchDirectory();
  CHECK(!directory.empty());
  const std::string a = directory + "/a";
  const std::string b = directory + "/b";
  writeText(a, "one");
  writeText(b, "three");
#if defined(__linux__)
  if (exchangeFiles(a.c_str(), b.c_str())) {
    CHECK(sizeOf(a) == 5 && sizeOf(b) == 3);
  } else {
    CHECK(errno == EINVAL || errno == ENOSYS);  // a file system or kernel without RENAME_EXCHANGE
  }
#endif
  // A missing entry is refused with errno set, and nothing moves.
  const std::string missing = directory + "/missing";
  CHECK(!exchangeFiles(a.c_str(), missing.c_str()));
  CHECK(sizeOf(missing) == -1);
  unlink(a.c_str());
  unlink(b.c_str());
  rmdir(directory.c_str());
}

TEST_MAIN()
