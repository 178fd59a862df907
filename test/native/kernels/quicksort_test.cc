// The vector quicksort (native/core/kernels/quicksort.h) against std::sort
// as the reference: every length up to 300 (each leaf network size, each
// tail of a partition), the distributions that break quicksorts (sorted,
// reversed, all equal, few distinct values, the extremes of int64, organ
// pipe), and lengths past the two-thread split (2^20).
#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "check.h"
#include "core/kernels/quicksort.h"

using ndinterop::kernels::quicksortInt64;

namespace {

std::vector<int64_t> make(int kind, int64_t n, std::mt19937_64& rng) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; i++) {
    int64_t& x = v[size_t(i)];
    switch (kind) {
      case 0: x = int64_t(rng()); break;                                        // full range
      case 1: x = int64_t(rng() % 4); break;                                    // few distinct
      case 2: x = 42; break;                                                    // all equal
      case 3: x = i; break;                                                     // sorted
      case 4: x = n - i; break;                                                 // reversed
      case 5: x = (rng() & 1) ? INT64_MAX : INT64_MIN; break;                   // the extremes
      case 6: x = INT64_MIN + int64_t(rng() % 3); break;                        // next to the minimum
      case 7: x = i < n / 2 ? i : n - i; break;                                 // organ pipe
      case 8: x = int64_t(rng() % 1000) - 500; break;                           // many duplicates
      default: x = (i % 7 == 0) ? int64_t(rng()) : int64_t(i); break;           // nearly sorted
    }
  }
  return v;
}

bool sortsLikeStd(int kind, int64_t n, std::mt19937_64& rng) {
  std::vector<int64_t> v = make(kind, n, rng);
  std::vector<int64_t> want = v;
  std::sort(want.begin(), want.end());
  quicksortInt64(v.data(), n);
  return v == want;
}

}  // namespace

TEST(every_length_to_300_every_distribution) {
  std::mt19937_64 rng(7);
  for (int kind = 0; kind < 10; kind++) {
    for (int64_t n = 0; n <= 300; n++) CHECK(sortsLikeStd(kind, n, rng));
  }
}

TEST(mid_lengths) {
  std::mt19937_64 rng(8);
  for (int kind = 0; kind < 10; kind++) {
    for (int64_t n : {1000, 1023, 4097, 65537, 100003}) CHECK(sortsLikeStd(kind, n, rng));
  }
}

TEST(past_the_two_thread_split) {
  std::mt19937_64 rng(9);
  for (int kind : {0, 1, 2, 4, 5, 8}) CHECK(sortsLikeStd(kind, (int64_t(1) << 20) + 13, rng));
}

TEST(no_write_outside_the_range) {
  // Guards around the range catch a full-width store past either end.
  std::mt19937_64 rng(10);
  for (int64_t n : {2, 5, 33, 64, 65, 67, 131, 1000}) {
    std::vector<int64_t> v = make(0, n + 8, rng);
    const std::vector<int64_t> before = v;
    quicksortInt64(v.data() + 4, n);
    for (int i = 0; i < 4; i++) {
      CHECK(v[size_t(i)] == before[size_t(i)]);
      CHECK(v[size_t(n + 4 + i)] == before[size_t(n + 4 + i)]);
    }
    CHECK(std::is_sorted(v.begin() + 4, v.begin() + 4 + n));
  }
}

TEST_MAIN()
