#include "core/base/parallel.h"

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace ndinterop {
namespace {

size_t widthFromEnvironment() {
  if (const char* text = std::getenv("NDINTEROP_NUM_THREADS")) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end != text && *end == '\0' && value >= 1) return static_cast<size_t>(value < 64 ? value : 64);
  }
  const unsigned cores = std::thread::hardware_concurrency();
  if (cores == 0) return 1;
  return cores < 8 ? cores : 8;
}

// Helper threads wait for a generation number to change, then claim a part
// and run it. The caller runs part 0, then claims every part no helper has
// claimed yet and runs it too: a helper the machine schedules late (two
// shared cores, one busy with V8's concurrent marking) then costs nothing,
// instead of holding the caller until it gets a core only to find no work
// left. The caller waits only for parts helpers have claimed. The pool is
// created on first use and lives until the process ends (its threads are
// detached, so exit never waits for or destroys them).
class Pool {
 public:
  explicit Pool(size_t helpers) {
    for (size_t i = 0; i < helpers; ++i) std::thread([this, i] { serve(i + 1); }).detach();
  }

  bool run(size_t parts, const std::function<void(size_t)>& fn) {
    std::unique_lock<std::mutex> exclusive(busy_, std::try_to_lock);
    if (!exclusive.owns_lock()) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = &fn;
      parts_ = parts;
      claimed_.assign(parts, false);
      claimed_[0] = true;
      running_ = 0;
      ++generation_;
    }
    wake_.notify_all();
    fn(0);
    for (size_t part = 1; part < parts; ++part) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (claimed_[part]) continue;
        claimed_[part] = true;
      }
      fn(part);
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return running_ == 0; });
    task_ = nullptr;
    parts_ = 0;
    return true;
  }

 private:
  void serve(size_t part) {
    size_t seen = 0;
    for (;;) {
      const std::function<void(size_t)>* task = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        // The caller may have run this part already (or finished entirely:
        // then parts_ is 0).
        if (part >= parts_ || claimed_[part]) continue;
        claimed_[part] = true;
        ++running_;
        task = task_;
      }
      (*task)(part);
      std::lock_guard<std::mutex> lock(mutex_);
      if (--running_ == 0) done_.notify_one();
    }
  }

  std::mutex busy_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(size_t)>* task_ = nullptr;
  size_t parts_ = 0;
  std::vector<bool> claimed_;  // per part of the current generation
  size_t running_ = 0;         // parts helpers have claimed and not finished
  size_t generation_ = 0;
};

thread_local bool serialOnly = false;

}  // namespace

SerialScope::SerialScope() : previous_(serialOnly) { serialOnly = true; }

SerialScope::~SerialScope() { serialOnly = previous_; }

size_t parallelWidth() {
  static const size_t width = widthFromEnvironment();
  return width;
}

bool runParallel(size_t parts, const std::function<void(size_t)>& fn) {
  if (parts <= 1 || parts > parallelWidth() || serialOnly) return false;
  // Leaked on purpose: detached threads may still be waiting at exit.
  static Pool* pool = new Pool(parallelWidth() - 1);
  return pool->run(parts, fn);
}

}  // namespace ndinterop
