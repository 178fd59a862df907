// float16 (IEEE binary16) and bfloat16 as bit patterns, with conversions that
// round to nearest even. The float16 conversions raise the same floating-point
// flags NumPy's npy_half conversions set (overflow on a finite value that
// becomes inf, underflow on an inexact subnormal or a nonzero value that
// becomes zero). bfloat16 conversions raise no flags, like ml_dtypes.
#pragma once

#include <cfenv>
#include <cstdint>
#include <cstring>

namespace ndinterop {

struct Half {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

namespace half_detail {

inline uint32_t floatBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
inline float floatFromBits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}
inline uint64_t doubleBits(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
inline double doubleFromBits(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// Kept out of line: the flag paths are rare and must not slow the loops.
[[gnu::noinline, gnu::cold]] inline void raiseFlag(int flag) { std::feraiseexcept(flag); }

// Rounds `significand >> shift` to nearest even; `inexact` reports lost bits.
template <class Bits>
inline uint32_t roundShift(Bits significand, int shift, bool& inexact) {
  const Bits kept = significand >> shift;
  const Bits rest = significand & ((Bits(1) << shift) - 1);
  const Bits halfway = Bits(1) << (shift - 1);
  inexact = rest != 0;
  uint32_t result = static_cast<uint32_t>(kept);
  if (rest > halfway || (rest == halfway && (kept & 1))) ++result;
  return result;
}

}  // namespace half_detail

// binary16 <- binary32. Values from 65520 up overflow to inf.
inline uint16_t floatToHalfBits(float value) {
  using namespace half_detail;
  const uint32_t bits = floatBits(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude >= 0x7f800000u) {
    if (magnitude == 0x7f800000u) return sign | 0x7c00u;
    uint16_t nan = static_cast<uint16_t>(0x7c00u + ((magnitude & 0x007fffffu) >> 13));
    if (nan == 0x7c00u) ++nan;  // keep it a NaN when the payload is lost
    return sign | nan;
  }
  if (magnitude >= 0x47800000u) {  // >= 2^16: inf however it rounds
    raiseFlag(FE_OVERFLOW);
    return sign | 0x7c00u;
  }
  bool inexact = false;
  if (magnitude < 0x38800000u) {  // below 2^-14: a float16 subnormal or zero
    if (magnitude < 0x33000000u) {  // below 2^-25: rounds to zero
      if (magnitude != 0) raiseFlag(FE_UNDERFLOW);
      return sign;
    }
    const uint32_t exponent = magnitude >> 23;
    const uint32_t significand = (magnitude & 0x007fffffu) | 0x00800000u;
    const uint32_t result = roundShift(significand, static_cast<int>(126 - exponent), inexact);
    if (inexact) raiseFlag(FE_UNDERFLOW);
    return static_cast<uint16_t>(sign | result);
  }
  const uint32_t exponent = (magnitude >> 23) - 127 + 15;
  const uint32_t rounded = roundShift((exponent << 23) | (magnitude & 0x007fffffu), 13, inexact);
  if (rounded >= 0x7c00u) raiseFlag(FE_OVERFLOW);
  return static_cast<uint16_t>(sign | rounded);
}

// binary16 <- binary64, rounded once (not through float).
inline uint16_t doubleToHalfBits(double value) {
  using namespace half_detail;
  const uint64_t bits = doubleBits(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 48) & 0x8000u);
  const uint64_t magnitude = bits & 0x7fffffffffffffffull;
  if (magnitude >= 0x7ff0000000000000ull) {
    if (magnitude == 0x7ff0000000000000ull) return sign | 0x7c00u;
    uint16_t nan = static_cast<uint16_t>(0x7c00u + ((magnitude & 0x000fffffffffffffull) >> 42));
    if (nan == 0x7c00u) ++nan;
    return sign | nan;
  }
  if (magnitude >= 0x40f0000000000000ull) {  // >= 2^16
    raiseFlag(FE_OVERFLOW);
    return sign | 0x7c00u;
  }
  bool inexact = false;
  if (magnitude < 0x3f10000000000000ull) {  // below 2^-14
    if (magnitude < 0x3e60000000000000ull) {  // below 2^-25
      if (magnitude != 0) raiseFlag(FE_UNDERFLOW);
      return sign;
    }
    const uint64_t exponent = magnitude >> 52;
    const uint64_t significand = (magnitude & 0x000fffffffffffffull) | 0x0010000000000000ull;
    const uint32_t result = roundShift(significand, static_cast<int>(1051 - exponent), inexact);
    if (inexact) raiseFlag(FE_UNDERFLOW);
    return static_cast<uint16_t>(sign | result);
  }
  const uint64_t exponent = (magnitude >> 52) - 1023 + 15;
  const uint32_t rounded = roundShift((exponent << 52) | (magnitude & 0x000fffffffffffffull), 42, inexact);
  if (rounded >= 0x7c00u) raiseFlag(FE_OVERFLOW);
  return static_cast<uint16_t>(sign | rounded);
}

inline float halfBitsToFloat(uint16_t half) {
  using namespace half_detail;
  const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
  const uint32_t exponent = (half >> 10) & 0x1fu;
  const uint32_t significand = half & 0x03ffu;
  if (exponent == 0x1fu) return floatFromBits(sign | 0x7f800000u | (significand << 13));
  if (exponent == 0) {
    // Subnormal or zero: significand * 2^-24 is exact in float.
    const float magnitude = static_cast<float>(significand) * 5.9604644775390625e-08f;
    return sign ? -magnitude : magnitude;
  }
  return floatFromBits(sign | ((exponent + 112) << 23) | (significand << 13));
}

inline uint16_t floatToBFloat16Bits(float value) {
  const uint32_t bits = half_detail::floatBits(value);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((bits >> 16) | 0x0040u);  // quiet NaN
  const uint32_t bias = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>((bits + bias) >> 16);
}

// Rounds once: double -> float rounding to odd keeps enough bits that the
// second rounding to bfloat16 is correct.
inline uint16_t doubleToBFloat16Bits(double value) {
  float narrowed = static_cast<float>(value);
  if (static_cast<double>(narrowed) != value && narrowed == narrowed) {
    uint32_t bits = half_detail::floatBits(narrowed);
    const double back = static_cast<double>(narrowed);
    const bool awayFromZero = (value < 0) ? back < value : back > value;
    if (awayFromZero && (bits & 0x7fffffffu) != 0) --bits;  // truncate toward zero
    bits |= 1u;                                               // sticky bit: round to odd
    narrowed = half_detail::floatFromBits(bits);
  }
  return floatToBFloat16Bits(narrowed);
}

inline float bfloat16BitsToFloat(uint16_t value) {
  return half_detail::floatFromBits(static_cast<uint32_t>(value) << 16);
}

}  // namespace ndinterop
