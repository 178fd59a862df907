// The extremum of a run of elements in vector lanes: maximum.reduce and
// minimum.reduce of floats (compare_ops.h) and argmax/argmin
// (arg_extremum.cc). A serial running extremum chains every element on the
// one before; GCC vectorizes no float min/max reduction without
// -ffast-math, not even one spelt as independent scalar lanes, so the lanes
// are GCC vector types. Included only by those two files (unnamed
// namespace: each has its own copy).
#ifndef NDINTEROP_CORE_KERNELS_EXTREMUM_LANES_H
#define NDINTEROP_CORE_KERNELS_EXTREMUM_LANES_H

#include <cstddef>
#include <cstring>
#include <type_traits>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define NDINTEROP_LANE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define NDINTEROP_LANE_CLONES
#endif

namespace ndinterop::kernels {
namespace {

// The larger (kMax) or smaller of x and best; best on a tie or a NaN x.
template <class T, bool kMax>
inline T better(T x, T best) {
  if constexpr (kMax) return x > best ? x : best;
  else return x < best ? x : best;
}

// The extremum of `start` and the `count` elements of T at `in` (any
// alignment), ignoring NaNs; `nan` tells whether the elements held one
// (floats). Which of equal values it returns is unspecified (+0.0 or -0.0).
// The vector compares raise "invalid" on a NaN: callers put the flag back.
template <class T, bool kMax>
NDINTEROP_LANE_CLONES T laneExtremum(T start, const char* in, ptrdiff_t count, bool& nan) {
  typedef T Vec __attribute__((vector_size(32)));
  using Mask = decltype(Vec{} != Vec{});
  constexpr ptrdiff_t kPer = 32 / static_cast<ptrdiff_t>(sizeof(T));
  constexpr ptrdiff_t kUnroll = 4;
  constexpr ptrdiff_t kWidth = static_cast<ptrdiff_t>(sizeof(T));
  Vec best[kUnroll];
  for (ptrdiff_t u = 0; u < kUnroll; ++u) {
    for (ptrdiff_t k = 0; k < kPer; ++k) best[u][k] = start;
  }
  Mask seen = {};
  ptrdiff_t i = 0;
  for (; i + kUnroll * kPer <= count; i += kUnroll * kPer) {
    for (ptrdiff_t u = 0; u < kUnroll; ++u) {
      Vec x;
      std::memcpy(&x, in + (i + u * kPer) * kWidth, sizeof x);
      if constexpr (std::is_floating_point_v<T>) seen |= x != x;
      if constexpr (kMax) best[u] = x > best[u] ? x : best[u];
      else best[u] = x < best[u] ? x : best[u];
    }
  }
  T value = start;
  bool anyNan = false;
  for (ptrdiff_t u = 0; u < kUnroll; ++u) {
    for (ptrdiff_t k = 0; k < kPer; ++k) value = better<T, kMax>(best[u][k], value);
  }
  for (ptrdiff_t k = 0; k < kPer; ++k) anyNan = anyNan || seen[k] != 0;
  for (; i < count; ++i) {
    T x;
    std::memcpy(&x, in + i * kWidth, sizeof x);
    if constexpr (std::is_floating_point_v<T>) anyNan = anyNan || x != x;
    value = better<T, kMax>(x, value);
  }
  nan = anyNan;
  return value;
}

}  // namespace
}  // namespace ndinterop::kernels

#endif  // NDINTEROP_CORE_KERNELS_EXTREMUM_LANES_H
