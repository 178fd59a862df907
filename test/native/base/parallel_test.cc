// The process-wide thread pool (native/core/base/parallel.h): every part runs
// exactly once, on distinct threads when the machine has several cores; a
// busy pool and a SerialScope make runParallel refuse (the caller then runs
// the work itself).
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "check.h"
#include "core/base/parallel.h"

using namespace ndinterop;

TEST(every_part_runs_once) {
  const size_t width = parallelWidth();
  CHECK(width >= 1);
  if (width < 2) return;  // a 1-core machine never splits
  for (int round = 0; round < 200; ++round) {
    std::vector<std::atomic<int>> runs(width);
    std::vector<std::thread::id> ranOn(width);
    const bool ran = runParallel(width, [&](size_t part) {
      runs[part]++;
      ranOn[part] = std::this_thread::get_id();
    });
    CHECK(ran);
    for (auto& count : runs) CHECK(count.load() == 1);
    CHECK(ranOn[0] == std::this_thread::get_id());  // part 0 runs on the caller
  }
}

TEST(parts_run_on_pool_threads_when_they_start_in_time) {
  const size_t width = parallelWidth();
  if (width < 2) return;
  // Part 0 waits until every other part has started, so none can be left
  // for the caller: each must run on its own pool thread, concurrently.
  for (int round = 0; round < 50; ++round) {
    std::atomic<size_t> started{0};
    std::mutex mutex;
    std::set<std::thread::id> threads;
    const bool ran = runParallel(width, [&](size_t part) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        threads.insert(std::this_thread::get_id());
      }
      if (part == 0) {
        while (started.load() < width - 1) std::this_thread::yield();
      } else {
        started++;
      }
    });
    CHECK(ran);
    CHECK(threads.size() == width);
  }
}

TEST(a_part_no_pool_thread_started_runs_on_the_caller) {
  const size_t width = parallelWidth();
  if (width < 2) return;
  // Part 0 is instant, so over many rounds the caller finishes it before a
  // pool thread wakes at least once and then runs that part itself; every
  // part still runs exactly once.
  size_t onCaller = 0;
  for (int round = 0; round < 2000 && onCaller == 0; ++round) {
    std::vector<std::atomic<int>> runs(width);
    std::vector<std::thread::id> ranOn(width);
    CHECK(runParallel(width, [&](size_t part) {
      runs[part]++;
      ranOn[part] = std::this_thread::get_id();
    }));
    for (auto& count : runs) CHECK(count.load() == 1);
    for (size_t part = 1; part < width; ++part) onCaller += ranOn[part] == std::this_thread::get_id();
  }
  CHECK(onCaller > 0);
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
