// runAtLowPriority (native/core/base/low_priority.h): the work runs once, on
// another thread at nice +10 (Linux), with its results visible to the
// caller afterwards; each calling thread has its own companion.
#include <set>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "check.h"
#include "core/base/low_priority.h"

using namespace ndinterop;

TEST(work_runs_once_on_a_lowered_companion) {
  std::thread::id ranOn;
  int nice = 0;
  int runs = 0;
  runAtLowPriority([&] {
    ++runs;
    ranOn = std::this_thread::get_id();
#if defined(__linux__)
    nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
#endif
  });
  CHECK(runs == 1);
#if defined(__linux__)
  CHECK(ranOn != std::this_thread::get_id());
  CHECK(nice == kLowPriorityNice);
  // The caller keeps its own priority.
  CHECK(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))) == 0);
#endif
}

TEST(the_same_companion_serves_later_calls) {
  std::set<std::thread::id> threads;
  long total = 0;
  for (int i = 0; i < 1000; ++i) {
    runAtLowPriority([&] {
      threads.insert(std::this_thread::get_id());
      total += i;
    });
  }
  CHECK(total == 999L * 1000 / 2);
  CHECK(threads.size() == 1);
}

TEST(each_calling_thread_has_its_own_companion) {
  std::vector<std::thread> callers;
  std::vector<std::thread::id> companions(4);
  for (size_t t = 0; t < companions.size(); ++t) {
    callers.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        runAtLowPriority([&] { companions[t] = std::this_thread::get_id(); });
      }
    });
  }
  for (auto& caller : callers) caller.join();
  CHECK(std::set<std::thread::id>(companions.begin(), companions.end()).size() == companions.size());
}

TEST_MAIN()
