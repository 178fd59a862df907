// Asynchronous ufuncs compute on a libuv thread while the event loop runs
// on another core. On two cores, a third thread that wakes up (one of V8's
// garbage-collection helpers, say) takes one of them for a scheduler tick,
// and when it lands beside the JS thread the event loop stalls
// that long. Work that runs at a lower priority is what the scheduler
// preempts instead. libuv's threads cannot be lowered and raised again
// (raising a thread's priority back needs privileges), so each calling
// thread gets a companion thread that stays at nice +10 and runs the work
// while the caller waits. Lowered, the longest event-loop gap stays near the
// idle baseline instead of now and then a whole tick
// (bench/results-decisions.md: low-priority companion, from bench/async.mjs).
#pragma once

#include <functional>

namespace ndinterop {

// Runs fn on the calling thread's low-priority companion (created on first
// use, kept for the life of the process) and returns when it has finished.
// Where priorities cannot be lowered per thread, fn runs on the caller.
void runAtLowPriority(const std::function<void()>& fn);

// The nice value companion threads run at (Linux), for tests.
constexpr int kLowPriorityNice = 10;

}  // namespace ndinterop
