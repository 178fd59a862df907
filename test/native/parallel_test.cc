// The process-wide thread pool (native/core/parallel.h): every part runs
// exactly once, on distinct threads when the machine has several cores; a
// busy pool and a SerialScope make runParallel refuse (the caller then runs
// the work itself).
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "check.h"
#include "core/parallel.h"

using namespace ndinterop;

TEST(every_part_runs_once) {
  const size_t width = parallelWidth();
  CHECK(width >= 1);
  if (width < 2) return;  // a 1-core machine never splits
  for (int round = 0; round < 200; ++round) {
    std::vector<std::atomic<int>> runs(width);
    std::mutex mutex;
    std::set<std::thread::id> threads;
    const bool ran = runParallel(width, [&](size_t part) {
      runs[part]++;
      std::lock_guard<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
    });
    CHECK(ran);
    for (auto& count : runs) CHECK(count.load() == 1);
    CHECK(threads.size() == width);
    CHECK(threads.count(std::this_thread::get_id()) == 1);  // part 0 runs on the caller
  }
}

TEST(refuses_one_part_too_many_parts_and_serial_scopes) {
  int calls = 0;
  CHECK(!runParallel(1, [&](size_t) { ++calls; }));
  CHECK(!runParallel(parallelWidth() + 1, [&](size_t) { ++calls; }));
  {
    SerialScope serial;
    CHECK(!runParallel(2, [&](size_t) { ++calls; }));
    {
      SerialScope nested;
      CHECK(!runParallel(2, [&](size_t) { ++calls; }));
    }
    CHECK(!runParallel(2, [&](size_t) { ++calls; }));  // still inside the outer scope
  }
  CHECK(calls == 0);
  if (parallelWidth() >= 2) CHECK(runParallel(2, [&](size_t) {}));  // scope ended
}

TEST(a_busy_pool_refuses_instead_of_waiting) {
  if (parallelWidth() < 2) return;
  std::atomic<bool> innerRan{false};
  std::atomic<int> innerRefused{0};
  const bool ran = runParallel(2, [&](size_t) {
    // Both parts ask the pool again while it is busy with the outer call.
    if (!runParallel(2, [&](size_t) { innerRan = true; })) innerRefused++;
  });
  CHECK(ran);
  CHECK(!innerRan.load());
  CHECK(innerRefused.load() == 2);
}

TEST(scopes_are_per_thread) {
  if (parallelWidth() < 2) return;
  SerialScope serial;
  bool otherThread = false;
  std::thread([&] { otherThread = runParallel(2, [](size_t) {}); }).join();
  CHECK(otherThread);
}

TEST_MAIN()
