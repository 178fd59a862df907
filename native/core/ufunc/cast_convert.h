// Float -> integer conversion exactly as NumPy's C casts behave on x86-64.
// C leaves NaN, inf and out-of-range values undefined; NumPy's compiled code
// truncates with cvttsd2si/cvttss2si (the "integer indefinite" value for
// anything unrepresentable, raising FE_INVALID) and derives the other widths
// from the 32- and 64-bit conversions:
//   int8/uint8/int16/uint16: the 32-bit result, wrapped;
//   uint32/uint64: values >= 2^31 (2^63) are shifted down by that amount,
//   converted, and the top bit flipped back.
// float -> uint32 has a second form: NumPy's contiguous cast loop is
// auto-vectorized 4 elements at a time and its scalar tail converts through
// int64 instead (floatToUInt32Scalar), so the two disagree for NaN, infinities
// and out-of-range values. castExec reproduces that split.
// Checked against NumPy 2.4 on x86-64 (test/ufunc/kernels-cast.test.ts).
#pragma once

#include <cfenv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>
#endif

namespace ndinterop {

#if defined(__x86_64__) || defined(_M_X64)
inline int32_t truncateToInt32(double x) { return _mm_cvttsd_si32(_mm_set_sd(x)); }
inline int64_t truncateToInt64(double x) { return _mm_cvttsd_si64(_mm_set_sd(x)); }
inline int32_t truncateToInt32(float x) { return _mm_cvttss_si32(_mm_set_ss(x)); }
inline int64_t truncateToInt64(float x) { return _mm_cvttss_si64(_mm_set_ss(x)); }
#else
// Same results elsewhere, spelled out.
template <class Int, class F>
inline Int truncateChecked(F x) {
  const F limit = static_cast<F>(std::numeric_limits<Int>::max()) + F(1);  // 2^31 or 2^63, exact
  if (!(x >= -limit && x < limit)) {
    std::feraiseexcept(FE_INVALID);
    return std::numeric_limits<Int>::min();
  }
  return static_cast<Int>(x);
}
inline int32_t truncateToInt32(double x) { return truncateChecked<int32_t>(x); }
inline int64_t truncateToInt64(double x) { return truncateChecked<int64_t>(x); }
inline int32_t truncateToInt32(float x) { return truncateChecked<int32_t>(x); }
inline int64_t truncateToInt64(float x) { return truncateChecked<int64_t>(x); }
#endif

// long double -> integer as NumPy's compiled casts do it on x86-64: x87
// fistp of 16, 32 or 64 bits truncates, and gives the smallest integer of
// that width (raising FE_INVALID) for NaN and anything out of range. int8 and
// uint8 go through the 16-bit form, uint16 the 32-bit one, uint32 the 64-bit
// one, uint64 shifts values >= 2^63 down first (checked against NumPy 2.4).
template <class Int>
inline Int fistpTruncate(long double x) {
  const long double truncated = std::trunc(x);
  constexpr long double kLow = static_cast<long double>(std::numeric_limits<Int>::min());
  if (!(truncated >= kLow && truncated < -kLow)) {
    std::feraiseexcept(FE_INVALID);
    return std::numeric_limits<Int>::min();
  }
  return static_cast<Int>(truncated);
}

template <class To>
inline To longDoubleToInteger(long double x) {
  if constexpr (std::is_same_v<To, bool>) {
    return x != 0;
  } else if constexpr (sizeof(To) == 1 || std::is_same_v<To, int16_t>) {
    return static_cast<To>(fistpTruncate<int16_t>(x));
  } else if constexpr (std::is_same_v<To, uint16_t> || std::is_same_v<To, int32_t>) {
    return static_cast<To>(fistpTruncate<int32_t>(x));
  } else if constexpr (std::is_same_v<To, uint32_t> || std::is_same_v<To, int64_t>) {
    return static_cast<To>(fistpTruncate<int64_t>(x));
  } else {
    static_assert(std::is_same_v<To, uint64_t>);
    constexpr long double kTwo63 = 9223372036854775808.0L;
    if (x >= kTwo63) return static_cast<uint64_t>(fistpTruncate<int64_t>(x - kTwo63)) ^ 0x8000000000000000ull;
    return static_cast<uint64_t>(fistpTruncate<int64_t>(x));
  }
}

// F is float, double or long double; To is bool or a fixed-width integer.
template <class To, class F>
inline To floatToInteger(F x) {
  if constexpr (std::is_same_v<F, long double>) {
    return longDoubleToInteger<To>(x);
  } else if constexpr (std::is_same_v<To, bool>) {
    return x != 0;
  } else if constexpr (sizeof(To) < 4) {
    return static_cast<To>(truncateToInt32(x));
  } else if constexpr (std::is_same_v<To, int32_t>) {
    return truncateToInt32(x);
  } else if constexpr (std::is_same_v<To, int64_t>) {
    return truncateToInt64(x);
  } else if constexpr (std::is_same_v<To, uint32_t>) {
    constexpr F kTwo31 = F(2147483648.0);
    if (x >= kTwo31) return static_cast<uint32_t>(truncateToInt32(F(x - kTwo31))) ^ 0x80000000u;
    return static_cast<uint32_t>(truncateToInt32(x));
  } else {
    static_assert(std::is_same_v<To, uint64_t>);
    constexpr F kTwo63 = F(9223372036854775808.0);
    if (x >= kTwo63) return static_cast<uint64_t>(truncateToInt64(F(x - kTwo63))) ^ 0x8000000000000000ull;
    return static_cast<uint64_t>(truncateToInt64(x));
  }
}

// The scalar-tail form of float -> uint32: the low 32 bits of the int64 conversion.
template <class F>
inline uint32_t floatToUInt32Scalar(F x) {
  return static_cast<uint32_t>(truncateToInt64(x));
}

}  // namespace ndinterop
