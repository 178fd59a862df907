#include "core/base/low_priority.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ndinterop {
namespace {

#if defined(__linux__)
// One companion serves one calling thread: the caller hands it a task and
// sleeps until it is done, so a companion never has two tasks at once.
class Companion {
 public:
  Companion() {
    std::thread([this] { serve(); }).detach();
  }

  void run(const std::function<void()>& fn) {
    std::unique_lock<std::mutex> lock(mutex_);
    task_ = &fn;
    done_ = false;
    changed_.notify_all();
    changed_.wait(lock, [this] { return done_; });
  }

 private:
  void serve() {
    // setpriority with a thread id sets that one thread's nice value; going
    // up needs no privilege.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kLowPriorityNice);
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return task_ != nullptr; });
      const std::function<void()>* task = task_;
      lock.unlock();
      (*task)();
      lock.lock();
      task_ = nullptr;
      done_ = true;
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  const std::function<void()>* task_ = nullptr;
  bool done_ = false;
};
#endif

}  // namespace

void runAtLowPriority(const std::function<void()>& fn) {
#if defined(__linux__)
  // Leaked on purpose, like the thread pool: the detached companion may be
  // waiting at exit.
  thread_local Companion* companion = new Companion;
  companion->run(fn);
#else
  fn();
#endif
}

}  // namespace ndinterop
