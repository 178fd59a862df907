// Memory for large results, kept warm between calls.
//
// A fresh large result costs the kernel huge-page faults that zero all of it
// before the ufunc writes it again: a large share of an allocating add
// (bench/results-decisions.md: result pool).
// NumPy's allocator pays the same. V8 cannot reuse an ArrayBuffer's memory
// itself, since it frees it only at a later GC. This pool keeps blocks
// released by the GC (any thread may release one), and the next result of the
// same size takes a block whose pages are already mapped. Cached blocks of
// 4 MiB and more are marked MADV_FREE, so under memory pressure the kernel
// may reclaim them (a reclaimed page reads back as zeros); the pool also caps
// what it keeps. (Smaller results gain too: V8's own allocation would zero
// them with memset, or map fresh pages.)
//
// A pooled block's contents are unspecified: only results the caller writes
// completely before anything reads them may use it.
#pragma once

#include <cstddef>

namespace ndinterop {

struct ResultPoolStats {
  size_t cachedBytes;   // blocks kept for reuse
  size_t cachedBlocks;
  size_t limitBytes;    // most the pool keeps; 0: pooling is off
  size_t hits;          // blocks handed out again
  size_t misses;        // blocks mapped fresh
};

class ResultPool {
 public:
  // Blocks of kHugeBytes and more are whole multiples of kGranule (the huge
  // page size), aligned to it and advised for huge pages; smaller blocks are
  // whole multiples of kSmallGranule.
  static constexpr size_t kGranule = size_t{1} << 21;
  static constexpr size_t kSmallGranule = size_t{1} << 14;
  static constexpr size_t kHugeBytes = size_t{4} << 20;

  explicit ResultPool(size_t limitBytes);
  ~ResultPool();
  ResultPool(const ResultPool&) = delete;
  ResultPool& operator=(const ResultPool&) = delete;

  // The process-wide pool (never destroyed: blocks may come back from V8's
  // threads while the process exits). Its limit is NDINTEROP_POOL_BYTES when
  // set (0 turns pooling off), else 256 MiB.
  static ResultPool& shared();

  // A block of capacity(bytes) bytes; nullptr when bytes
  // is 0, pooling is off, or the system has no memory to map.
  void* take(size_t bytes);
  // Takes back a block from take() of the same `bytes`; any thread may call it.
  void give(void* block, size_t bytes);
  // Unmaps every cached block.
  void trim();
  void setLimit(size_t limitBytes);
  ResultPoolStats stats() const;

  static size_t capacity(size_t bytes);

 private:
  struct State;
  State* state_;
};

}  // namespace ndinterop
