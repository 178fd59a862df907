// What the CPU offers, for the kernels that choose a vector path at run time
// (core/kernels/quicksort.cc, core/kernels/select.cc).
#pragma once

namespace ndinterop {

#if defined(__x86_64__)
// AVX2 and POPCNT (the compress-by-table loops use both).
inline bool hasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  return has;
}
#endif

}  // namespace ndinterop
