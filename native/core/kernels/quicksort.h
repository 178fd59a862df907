// In-place ascending sort of signed 64-bit integers: a quicksort whose
// partitions and leaves run in AVX2 vectors when the CPU has them (the
// scheme NumPy's default sort uses through x86-simd-sort: a partition that
// compresses each vector's lanes to the two ends through a permutation
// table, bitonic networks in registers for runs of at most 64), and
// std::sort otherwise. Large inputs are split once and the halves sorted on
// two threads of the pool.
//
// Not stable. The callers sort bit patterns (sort.cc maps floats to integer
// keys), where equal keys are equal bits, so the result is the same as a
// stable sort's.
#pragma once

#include <cstdint>

namespace ndinterop::kernels {

void quicksortInt64(int64_t* data, int64_t n);

}  // namespace ndinterop::kernels
