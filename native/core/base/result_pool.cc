#include "core/base/result_pool.h"

#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define NDINTEROP_HAS_MMAP 1
#endif

namespace ndinterop {

// A mapped block: outside the unnamed namespace because ResultPool::State
// (declared in the header) holds them.
struct PooledBlock {
  void* data;
  size_t capacity;
};

namespace {

constexpr size_t kDefaultLimit = size_t{256} << 20;

#if defined(NDINTEROP_HAS_MMAP)
// Maps `capacity` bytes. Large blocks are aligned to the granule (one granule
// more is mapped, then the unaligned head and tail go back to the system)
// and advised for huge pages.
void* mapBlock(size_t capacity) {
  if (capacity < ResultPool::kHugeBytes) {
    void* block = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return block == MAP_FAILED ? nullptr : block;
  }
  const size_t span = capacity + ResultPool::kGranule;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + ResultPool::kGranule - 1) & ~(uintptr_t{ResultPool::kGranule} - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t end = aligned + capacity;
  if (start + span > end) munmap(reinterpret_cast<void*>(end), start + span - end);
  void* block = reinterpret_cast<void*>(aligned);
#if defined(MADV_HUGEPAGE)
  madvise(block, capacity, MADV_HUGEPAGE);
#endif
  return block;
}

// Unmapping a large block takes milliseconds (bench/results-decisions.md:
// unmapping), and V8 often frees buffers on the JS thread, inside a
// garbage collection: blocks of this size and more are unmapped by a
// background thread instead.
constexpr size_t kBackgroundUnmapBytes = size_t{32} << 20;

class Unmapper {
 public:
  void add(const PooledBlock& block) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(block);
      if (!started_) {
        started_ = true;
        std::thread([this] { serve(); }).detach();
      }
    }
    ready_.notify_one();
  }

 private:
  void serve() {
    for (;;) {
      std::vector<PooledBlock> work;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty(); });
        work.swap(queue_);
      }
      for (const PooledBlock& block : work) munmap(block.data, block.capacity);
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<PooledBlock> queue_;
  bool started_ = false;
};

void unmap(const PooledBlock& block) {
  if (block.capacity >= kBackgroundUnmapBytes) {
    // Leaked on purpose: its detached thread may be waiting at exit.
    static Unmapper* unmapper = new Unmapper;
    unmapper->add(block);
    return;
  }
  munmap(block.data, block.capacity);
}

// The contents are no longer needed: the kernel may take the pages back under
// memory pressure instead of swapping them; writing a page cancels that.
void markFree(const PooledBlock& block) {
#if defined(MADV_FREE)
  // Small blocks are not worth a system call and a TLB flush per result.
  if (block.capacity >= ResultPool::kHugeBytes) madvise(block.data, block.capacity, MADV_FREE);
#else
  (void)block;
#endif
}
#endif

size_t limitFromEnvironment() {
  const char* text = std::getenv("NDINTEROP_POOL_BYTES");
  if (text == nullptr || *text == '\0') return kDefaultLimit;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  return end != nullptr && *end == '\0' ? static_cast<size_t>(value) : kDefaultLimit;
}

}  // namespace

struct ResultPool::State {
  mutable std::mutex mutex;
  std::vector<PooledBlock> cached;  // oldest first
  size_t cachedBytes = 0;
  size_t limit = 0;
  size_t hits = 0;
  size_t misses = 0;

  // Drops the oldest blocks until the cache fits the limit; returns them for
  // unmapping outside the lock.
  std::vector<PooledBlock> evictOverLimit() {
    std::vector<PooledBlock> evicted;
    size_t drop = 0;
    while (drop < cached.size() && cachedBytes > limit) {
      cachedBytes -= cached[drop].capacity;
      evicted.push_back(cached[drop]);
      ++drop;
    }
    cached.erase(cached.begin(), cached.begin() + static_cast<ptrdiff_t>(drop));
    return evicted;
  }
};

ResultPool::ResultPool(size_t limitBytes) : state_(new State) { state_->limit = limitBytes; }

ResultPool::~ResultPool() {
  trim();
  delete state_;
}

ResultPool& ResultPool::shared() {
  static ResultPool* pool = new ResultPool(limitFromEnvironment());
  return *pool;
}

size_t ResultPool::capacity(size_t bytes) {
  const size_t granule = bytes >= kHugeBytes ? kGranule : kSmallGranule;
  return (bytes + granule - 1) / granule * granule;
}

void* ResultPool::take(size_t bytes) {
#if defined(NDINTEROP_HAS_MMAP)
  if (bytes == 0 || bytes > SIZE_MAX - 2 * kGranule) return nullptr;
  const size_t wanted = capacity(bytes);
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->limit == 0) return nullptr;
    // The most recently returned block of this size is the likeliest to be
    // still in the caches.
    for (size_t i = state_->cached.size(); i-- > 0;) {
      if (state_->cached[i].capacity == wanted) {
        void* data = state_->cached[i].data;
        state_->cached.erase(state_->cached.begin() + static_cast<ptrdiff_t>(i));
        state_->cachedBytes -= wanted;
        ++state_->hits;
        return data;
      }
    }
    ++state_->misses;
  }
  return mapBlock(wanted);
#else
  (void)bytes;
  return nullptr;
#endif
}

void ResultPool::give(void* data, size_t bytes) {
#if defined(NDINTEROP_HAS_MMAP)
  if (data == nullptr) return;
  const PooledBlock block{data, capacity(bytes)};
  std::vector<PooledBlock> released;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (block.capacity > state_->limit) {
      // Too large to keep, or pooling turned off since: straight back.
      released.push_back(block);
    } else {
      // Marked before any take() can hand it out again.
      markFree(block);
      state_->cached.push_back(block);
      state_->cachedBytes += block.capacity;
      released = state_->evictOverLimit();
    }
  }
  for (const PooledBlock& old : released) unmap(old);
#else
  (void)data;
  (void)bytes;
#endif
}

void ResultPool::trim() {
#if defined(NDINTEROP_HAS_MMAP)
  std::vector<PooledBlock> all;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    all.swap(state_->cached);
    state_->cachedBytes = 0;
  }
  for (const PooledBlock& block : all) unmap(block);
#endif
}

void ResultPool::setLimit(size_t limitBytes) {
#if defined(NDINTEROP_HAS_MMAP)
  std::vector<PooledBlock> evicted;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->limit = limitBytes;
    evicted = state_->evictOverLimit();
  }
  for (const PooledBlock& block : evicted) unmap(block);
#else
  (void)limitBytes;
#endif
}

ResultPoolStats ResultPool::stats() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return {state_->cachedBytes, state_->cached.size(), state_->limit, state_->hits, state_->misses};
}

}  // namespace ndinterop
