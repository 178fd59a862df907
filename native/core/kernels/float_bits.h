// Quiet float comparisons done on the bit patterns. SSE's vector compares
// (cmpltps, cmplepd, ...) are signaling: once GCC vectorizes `a < b` they
// raise "invalid" for NaN operands, which NumPy's comparisons never do. On
// integers the same loops still vectorize and raise nothing.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace ndinterop::ufunc {

template <class F>
using FloatBits = std::conditional_t<sizeof(F) == 4, int32_t, int64_t>;

template <class F>
inline FloatBits<F> signedBits(F x) {
  FloatBits<F> bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

template <class F>
inline bool isNanBits(F x) {
  using U = std::make_unsigned_t<FloatBits<F>>;
  const U magnitude = static_cast<U>(signedBits(x)) & (~U(0) >> 1);
  const U infinity = sizeof(F) == 4 ? U(0x7f800000u) : U(0x7ff0000000000000ull);
  return magnitude > infinity;
}

// long double (x87 extended) has no integer of its size; its compares are
// scalar fucomi, which are quiet already, so the C99 quiet macros serve.
inline bool isNanBits(long double x) { return std::isnan(x); }
inline bool quietLess(long double a, long double b) { return std::isless(a, b); }
inline bool quietLessEqual(long double a, long double b) { return std::islessequal(a, b); }
// The magnitude bits of x and of infinity, for classifying without a float
// compare (which would raise "invalid" on a signalling NaN).
template <class F>
inline auto magnitudeBits(F x) {
  using U = std::make_unsigned_t<FloatBits<F>>;
  return static_cast<U>(signedBits(x)) & (~U(0) >> 1);
}
template <class F>
inline auto infinityBits() {
  using U = std::make_unsigned_t<FloatBits<F>>;
  return sizeof(F) == 4 ? U(0x7f800000u) : U(0x7ff0000000000000ull);
}
template <class F>
inline bool isInfBits(F x) {
  return magnitudeBits(x) == infinityBits<F>();
}
template <class F>
inline bool isFiniteBits(F x) {
  return magnitudeBits(x) < infinityBits<F>();
}

// x with its quiet bit set: a signalling NaN becomes the quiet NaN the FPU
// would give, without raising "invalid"; other values are unchanged.
template <class F>
inline F quietedNan(F x) {
  if (!isNanBits(x)) return x;
  using U = std::make_unsigned_t<FloatBits<F>>;
  const U quietBit = sizeof(F) == 4 ? U(0x00400000u) : U(0x0008000000000000ull);
  U bits = static_cast<U>(signedBits(x)) | quietBit;
  F result;
  std::memcpy(&result, &bits, sizeof result);
  return result;
}

// Monotonic integer key: a < b exactly when key(a) < key(b) (non-NaN), and
// -0.0 and +0.0 share the key 0.
template <class F>
inline FloatBits<F> orderKey(F x) {
  const FloatBits<F> bits = signedBits(x);
  return bits < 0 ? std::numeric_limits<FloatBits<F>>::min() - bits : bits;
}

// Bitwise '&' on purpose: no branches, so the comparison loops vectorize.
template <class F>
inline bool quietLess(F a, F b) {
  return (int(!isNanBits(a)) & int(!isNanBits(b)) & int(orderKey(a) < orderKey(b))) != 0;
}
template <class F>
inline bool quietLessEqual(F a, F b) {
  return (int(!isNanBits(a)) & int(!isNanBits(b)) & int(orderKey(a) <= orderKey(b))) != 0;
}
// Unlike `==`, raises nothing for a signalling NaN (NumPy's equal does not).
template <class F>
inline bool quietEqual(F a, F b) {
  return (int(!isNanBits(a)) & int(!isNanBits(b)) & int(orderKey(a) == orderKey(b))) != 0;
}

// long double counterparts of the bit-level helpers above (x87 compares and
// classification macros are quiet).
inline bool isInfBits(long double x) { return std::isinf(x); }
inline bool isFiniteBits(long double x) { return std::isfinite(x); }
inline long double quietedNan(long double x) { return x; }
inline bool quietEqual(long double a, long double b) { return !std::isunordered(a, b) && !std::islessgreater(a, b); }

}  // namespace ndinterop::ufunc
