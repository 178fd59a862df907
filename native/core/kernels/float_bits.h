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

}  // namespace ndinterop::ufunc
