#include "core/kernels_simd_math.h"

#include <cmath>
#include <cstdint>
#include <cstring>

// The chunk loops below are written for the auto-vectorizer; GCC builds them
// once per instruction set and picks one when the addon loads.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define NDINTEROP_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define NDINTEROP_VECTOR_CLONES
#endif

namespace ndinterop::ufunc {
namespace {

constexpr ptrdiff_t kChunk = 256;

// exp(x) = 2^k * exp(r), k = round(x / ln 2), r = x - k ln 2 in
// [-0.35, 0.35]. ln 2 is split Cody-Waite style: kLn2Hi has 32 significant
// bits, so k * kLn2Hi is exact for |k| < 2^21. exp(r) is its Taylor series to
// r^13 (the next term is below 2^-56 relative), evaluated by Horner's rule.
constexpr double kLog2e = 1.4426950408889634074;
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kRoundShift = 6755399441055744.0;  // 1.5 * 2^52: adding it rounds to an integer
// Inputs whose result is a normal double that cannot overflow: here
// -1022 <= k <= 1023 and 2^k * exp(r) stays finite and normal.
constexpr double kFastLow = -708.0;
constexpr double kFastHigh = 709.0;

constexpr double kInverseFactorial[] = {
    1.0,
    1.0,
    1.0 / 2,
    1.0 / 6,
    1.0 / 24,
    1.0 / 120,
    1.0 / 720,
    1.0 / 5040,
    1.0 / 40320,
    1.0 / 362880,
    1.0 / 3628800,
    1.0 / 39916800,
    1.0 / 479001600,
    1.0 / 6227020800,
};

inline uint64_t bitsOf(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline double fromBits(uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// Whether x is in [kFastLow, kFastHigh], decided on its bits: no
// floating-point comparison, so NaN raises no invalid flag (compilers do not
// always keep isgreaterequal quiet once vectorized).
inline bool inFastRange(double x) {
  const uint64_t bits = bitsOf(x);
  const int64_t magnitude = static_cast<int64_t>(bits & 0x7fffffffffffffffULL);
  const int64_t limit = static_cast<int64_t>((bits >> 63) != 0 ? bitsOf(-kFastLow) : bitsOf(kFastHigh));
  return magnitude <= limit;
}

// Fills y[0..n) with exp(x[i]) for x[i] in [kFastLow, kFastHigh] (any value
// for the others) and returns whether every x[i] was in that range. Raises no
// floating-point flag other than inexact.
NDINTEROP_VECTOR_CLONES
bool expChunk(const double* __restrict x, double* __restrict y, ptrdiff_t n) {
  const uint64_t shiftBits = bitsOf(kRoundShift);
  int outside = 0;
  for (ptrdiff_t i = 0; i < n; ++i) {
    const bool fast = inFastRange(x[i]);
    outside |= fast ? 0 : 1;
    const double v = fast ? x[i] : 0.0;
    const double shifted = v * kLog2e + kRoundShift;
    const double k = shifted - kRoundShift;
    const uint64_t kBits = bitsOf(shifted) - shiftBits;  // k as a two's complement integer
    const double r = (v - k * kLn2Hi) - k * kLn2Lo;
    double p = kInverseFactorial[13];
    p = p * r + kInverseFactorial[12];
    p = p * r + kInverseFactorial[11];
    p = p * r + kInverseFactorial[10];
    p = p * r + kInverseFactorial[9];
    p = p * r + kInverseFactorial[8];
    p = p * r + kInverseFactorial[7];
    p = p * r + kInverseFactorial[6];
    p = p * r + kInverseFactorial[5];
    p = p * r + kInverseFactorial[4];
    p = p * r + kInverseFactorial[3];
    p = p * r + kInverseFactorial[2];
    p = p * r + 1.0;
    p = p * r + 1.0;
    y[i] = p * fromBits((kBits + 1023) << 52);
  }
  return outside == 0;
}

}  // namespace

void expFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* in = data[0];
  char* out = data[1];
  constexpr ptrdiff_t kSize = sizeof(double);
  if (steps[0] == kSize && steps[1] == kSize && in != out) {
    // Contiguous and not in place: straight from input to output, then the
    // chunks with out-of-range inputs again through libm.
    for (ptrdiff_t start = 0; start < count; start += kChunk) {
      const ptrdiff_t n = count - start < kChunk ? count - start : kChunk;
      const double* x = reinterpret_cast<const double*>(in) + start;
      double* y = reinterpret_cast<double*>(out) + start;
      if (!expChunk(x, y, n)) {
        for (ptrdiff_t i = 0; i < n; ++i) {
          if (!inFastRange(x[i])) y[i] = std::exp(x[i]);
        }
      }
    }
    return;
  }
  alignas(64) double x[kChunk];
  alignas(64) double y[kChunk];
  for (ptrdiff_t start = 0; start < count; start += kChunk) {
    const ptrdiff_t n = count - start < kChunk ? count - start : kChunk;
    for (ptrdiff_t i = 0; i < n; ++i) std::memcpy(&x[i], in + (start + i) * steps[0], sizeof(double));
    if (!expChunk(x, y, n)) {
      for (ptrdiff_t i = 0; i < n; ++i) {
        if (!inFastRange(x[i])) y[i] = std::exp(x[i]);
      }
    }
    for (ptrdiff_t i = 0; i < n; ++i) std::memcpy(out + (start + i) * steps[1], &y[i], sizeof(double));
  }
}

}  // namespace ndinterop::ufunc
