// ResultPool (native/core/base/result_pool.h): blocks come back to the next take
// of the same size, the limit bounds what is kept (oldest go first), and
// blocks may be returned from any thread.
#include <sys/mman.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "check.h"
#include "core/base/result_pool.h"

using namespace ndinterop;

constexpr size_t kMiB = size_t{1} << 20;

TEST(capacity_rounds_up_to_whole_huge_pages_or_16_KiB) {
  CHECK(ResultPool::capacity(1) == 16 * 1024);
  CHECK(ResultPool::capacity(16 * 1024) == 16 * 1024);
  CHECK(ResultPool::capacity(16 * 1024 + 1) == 32 * 1024);
  CHECK(ResultPool::capacity(800000) == 49 * 16 * 1024);  // 48.8 granules
  CHECK(ResultPool::capacity(2 * kMiB + 1) == 2 * kMiB + 16 * 1024);
  CHECK(ResultPool::capacity(4 * kMiB - 1) == 4 * kMiB);
  CHECK(ResultPool::capacity(4 * kMiB) == 4 * kMiB);
  CHECK(ResultPool::capacity(4 * kMiB + 1) == 6 * kMiB);
  CHECK(ResultPool::capacity(80000000) == 39 * 2 * kMiB);  // 80 MB: 38.15 huge pages
}

TEST(small_blocks_are_page_aligned_and_reused) {
  ResultPool pool(16 * kMiB);
  char* block = static_cast<char*>(pool.take(800000));
  CHECK(block != nullptr);
  CHECK(reinterpret_cast<uintptr_t>(block) % 4096 == 0);
  std::memset(block, 0x33, 49 * 16 * 1024);
  pool.give(block, 800000);
  CHECK(pool.stats().cachedBytes == 49 * 16 * 1024);
  CHECK(pool.take(49 * 16 * 1024 - 5) == block);  // same 16 KiB class
  CHECK(block[0] == 0x33);  // small cached blocks keep their pages (no MADV_FREE)
  pool.give(block, 800000);
}

TEST(blocks_are_aligned_writable_and_reused) {
  ResultPool pool(64 * kMiB);
  char* block = static_cast<char*>(pool.take(5 * kMiB));
  CHECK(block != nullptr);
  CHECK(reinterpret_cast<uintptr_t>(block) % ResultPool::kGranule == 0);
  std::memset(block, 0x5a, 6 * kMiB);  // the whole rounded capacity is usable
  pool.give(block, 5 * kMiB);
  ResultPoolStats stats = pool.stats();
  CHECK(stats.cachedBytes == 6 * kMiB && stats.cachedBlocks == 1 && stats.hits == 0 && stats.misses == 1);
  // Another size misses; the same rounded size hits and gets the same block.
  void* other = pool.take(7 * kMiB);
  CHECK(other != nullptr && other != block);
  CHECK(pool.take(6 * kMiB - 3) == block);
  stats = pool.stats();
  CHECK(stats.cachedBytes == 0 && stats.hits == 1 && stats.misses == 2);
  pool.give(block, 6 * kMiB - 3);
  pool.give(other, 7 * kMiB);
  CHECK(pool.stats().cachedBlocks == 2);
  pool.trim();
  stats = pool.stats();
  CHECK(stats.cachedBytes == 0 && stats.cachedBlocks == 0);
}

TEST(the_limit_evicts_oldest_first_and_refuses_larger_blocks) {
  ResultPool pool(8 * kMiB);
  void* first = pool.take(4 * kMiB);
  void* second = pool.take(2 * kMiB);
  void* third = pool.take(4 * kMiB);
  void* huge = pool.take(10 * kMiB);
  pool.give(first, 4 * kMiB);
  pool.give(second, 2 * kMiB);
  pool.give(third, 4 * kMiB);  // 10 MiB > 8: the oldest (first) goes
  ResultPoolStats stats = pool.stats();
  CHECK(stats.cachedBytes == 6 * kMiB && stats.cachedBlocks == 2);
  pool.give(huge, 10 * kMiB);  // larger than the limit: never kept
  CHECK(pool.stats().cachedBytes == 6 * kMiB);
  CHECK(pool.take(4 * kMiB) == third);
  CHECK(pool.take(2 * kMiB) == second);
  pool.give(third, 4 * kMiB);
  pool.setLimit(2 * kMiB);  // lowering the limit evicts at once
  CHECK(pool.stats().cachedBytes == 0);
  pool.give(second, 2 * kMiB);
  CHECK(pool.stats().cachedBytes == 2 * kMiB);
}

TEST(a_zero_limit_turns_pooling_off) {
  ResultPool pool(0);
  CHECK(pool.take(4 * kMiB) == nullptr);
  CHECK(pool.take(0) == nullptr);
  ResultPool on(16 * kMiB);
  CHECK(on.take(0) == nullptr);
  void* block = on.take(4 * kMiB);
  on.setLimit(0);
  on.give(block, 4 * kMiB);  // returned after pooling was turned off: unmapped
  CHECK(on.stats().cachedBytes == 0 && on.stats().limitBytes == 0);
  CHECK(on.take(4 * kMiB) == nullptr);
}

TEST(blocks_return_from_many_threads) {
  ResultPool pool(256 * kMiB);
  for (int round = 0; round < 20; ++round) {
    std::vector<void*> blocks;
    for (int i = 0; i < 16; ++i) {
      char* block = static_cast<char*>(pool.take(2 * kMiB));
      CHECK(block != nullptr);
      block[0] = static_cast<char>(i);  // touched: mapped
      blocks.push_back(block);
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (size_t i = static_cast<size_t>(t); i < blocks.size(); i += 4) pool.give(blocks[i], 2 * kMiB);
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(pool.stats().cachedBlocks == 16);
  }
  const ResultPoolStats stats = pool.stats();
  CHECK(stats.misses == 16);  // every later round reused the first round's blocks
  CHECK(stats.hits == 19 * 16);
}

// mincore fails with ENOMEM once no page of the range is mapped any more.
bool mapped(void* block) {
  unsigned char resident = 0;
  return mincore(block, 4096, &resident) == 0 || errno != ENOMEM;
}

TEST(large_blocks_are_unmapped_in_the_background) {
  ResultPool pool(8 * kMiB);
  char* large = static_cast<char*>(pool.take(40 * kMiB));
  char* small = static_cast<char*>(pool.take(10 * kMiB));
  CHECK(large != nullptr && small != nullptr);
  large[0] = small[0] = 1;
  pool.give(small, 10 * kMiB);  // over the limit and under 32 MiB: unmapped at once
  CHECK(!mapped(small));
  pool.give(large, 40 * kMiB);  // over the limit: queued for the background thread
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (mapped(large) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(!mapped(large));
  CHECK(pool.stats().cachedBytes == 0);
}

TEST_MAIN()
