// A small process-wide pool that splits one large elementwise operation
// across the machine's cores. Memory-bound loops gain because one core cannot
// use all of the memory bandwidth (bench/results-decisions.md: parallel add).
#pragma once

#include <cstddef>
#include <functional>

namespace ndinterop {

// How many parts a parallel operation may use: NDINTEROP_NUM_THREADS when
// set (1 turns splitting off), else the number of cores, at most 8.
size_t parallelWidth();

// Runs fn(0) ... fn(parts - 1), each exactly once, and returns when all have
// finished. fn(0) runs on the calling thread, the others on pool threads;
// a part no pool thread has started by the time fn(0) returns runs on the
// calling thread after it, so parts must not wait for one another. Returns false without running anything
// when the pool is already busy with another caller's operation (the caller
// then runs the work itself); parts must be at most parallelWidth().
bool runParallel(size_t parts, const std::function<void(size_t part)>& fn);

// While alive, runParallel refuses work from this thread: asynchronous
// ufuncs already run on a thread-pool thread, and taking the other cores too
// would leave none for the event loop.
class SerialScope {
 public:
  SerialScope();
  ~SerialScope();
  SerialScope(const SerialScope&) = delete;
  SerialScope& operator=(const SerialScope&) = delete;

 private:
  bool previous_;
};

}  // namespace ndinterop
