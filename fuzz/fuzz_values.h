// Helpers shared by the fuzz targets: integers drawn so that small values,
// boundary values (0, -1, powers of two around 2^31, 2^53, 2^63) and
// arbitrary 64-bit patterns are all common.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <limits>

namespace ndinterop_fuzz {

inline int64_t interestingInt64(FuzzedDataProvider& input) {
  static constexpr int64_t kBoundaries[] = {
      0,
      1,
      -1,
      2,
      int64_t{1} << 31,
      (int64_t{1} << 31) - 1,
      int64_t{1} << 32,
      int64_t{1} << 53,
      (int64_t{1} << 53) - 1,
      (int64_t{1} << 53) + 1,
      int64_t{1} << 62,
      std::numeric_limits<int64_t>::max(),
      std::numeric_limits<int64_t>::max() - 1,
      std::numeric_limits<int64_t>::min(),
      std::numeric_limits<int64_t>::min() + 1,
      -(int64_t{1} << 62),
  };
  switch (input.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      return input.ConsumeIntegralInRange<int64_t>(-16, 16);
    case 1:
      return input.PickValueInArray(kBoundaries);
    case 2:
      return input.ConsumeIntegralInRange<int64_t>(-70000, 70000);
    default:
      return input.ConsumeIntegral<int64_t>();
  }
}

// Traps (a "crash" libFuzzer reports with the input) when a property fails.
inline void require(bool property) {
  if (!property) __builtin_trap();
}

}  // namespace ndinterop_fuzz
