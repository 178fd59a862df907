#include "core/kernels/simd_math.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/dtype/half.h"

// The chunk loops below are written for the auto-vectorizer; GCC builds them
// once per instruction set and picks one when the addon loads.
// (avx512f also enables FMA in GCC; the avx2 copy has none, and the kernels
// keep their accuracy without it: exp 1 ulp, sin/cos 2 ulp, measured with a
// baseline build.)
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8 && defined(__x86_64__) && defined(__linux__)
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

using half_detail::doubleBits;
using half_detail::doubleFromBits;

// Whether x is in [kFastLow, kFastHigh], decided on its bits: no
// floating-point comparison, so NaN raises no invalid flag (compilers do not
// always keep isgreaterequal quiet once vectorized).
inline bool inFastRange(double x) {
  const uint64_t bits = doubleBits(x);
  const int64_t magnitude = static_cast<int64_t>(bits & 0x7fffffffffffffffULL);
  const int64_t limit = static_cast<int64_t>((bits >> 63) != 0 ? doubleBits(-kFastLow) : doubleBits(kFastHigh));
  return magnitude <= limit;
}

// The nearest integer k to v * scale (|v * scale| < 2^51), as a double and as
// a two's complement integer: adding 1.5 * 2^52 rounds to an integer in the
// low bits of the sum.
struct Rounded {
  double value;
  uint64_t bits;
};

inline Rounded roundScaled(double v, double scale) {
  const double shifted = v * scale + kRoundShift;
  return {shifted - kRoundShift, doubleBits(shifted) - doubleBits(kRoundShift)};
}

// Fills y[0..n) with exp(x[i]) for x[i] in [kFastLow, kFastHigh] (any value
// for the others) and returns whether every x[i] was in that range. Raises no
// floating-point flag other than inexact.
NDINTEROP_VECTOR_CLONES
bool expChunk(const double* __restrict x, double* __restrict y, ptrdiff_t n) {
  int outside = 0;
  for (ptrdiff_t i = 0; i < n; ++i) {
    const bool fast = inFastRange(x[i]);
    outside |= fast ? 0 : 1;
    const double v = fast ? x[i] : 0.0;
    const Rounded rounded = roundScaled(v, kLog2e);
    const double k = rounded.value;
    const uint64_t kBits = rounded.bits;
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
    y[i] = p * doubleFromBits((kBits + 1023) << 52);
  }
  return outside == 0;
}


// sin/cos: x = n pi/2 + r with |r| <= pi/4 (+ a hair), n = round(x 2/pi).
// pi/2 is split in 33-bit pieces (fdlibm's rem_pio2 constants), so n * piece
// is exact for |n| < 2^20 and r keeps ~150 bits of pi/2; each subtraction
// cancels exactly until the last. sin(r) and cos(r) are their Taylor series
// to r^17 and r^16 (next terms below 2^-60 relative on |r| <= 0.786); the
// quadrant n mod 4 picks +-sin or +-cos.
constexpr double kTwoOverPi = 6.36619772367581382433e-01;
constexpr double kPio2Part1 = 1.57079632673412561417e+00;
constexpr double kPio2Part2 = 6.07710050630396597660e-11;
constexpr double kPio2Part3 = 2.02226624871116645580e-21;
constexpr double kPio2Part3Tail = 8.47842766036889956997e-32;
// Fast for 2^-26 <= |x| <= 2^19: below, sin x rounds to x (and libm decides
// underflow for subnormals); above, n could need more than 20 bits.
constexpr uint64_t kTrigLowBits = uint64_t{0x3e50000000000000};   // 2^-26
constexpr uint64_t kTrigHighBits = uint64_t{0x4120000000000000};  // 2^19

inline bool inTrigRange(double x) {
  const uint64_t magnitude = doubleBits(x) & 0x7fffffffffffffffULL;
  return magnitude >= kTrigLowBits && magnitude <= kTrigHighBits;
}

// y[i] = sin(x[i]) (quarterShift 0) or cos(x[i]) (quarterShift 1) for x[i]
// in range; returns whether all were. No flags other than inexact.
NDINTEROP_VECTOR_CLONES
bool trigChunk(const double* __restrict x, double* __restrict y, ptrdiff_t n, uint64_t quarterShift) {
  int outside = 0;
  for (ptrdiff_t i = 0; i < n; ++i) {
    const bool fast = inTrigRange(x[i]);
    outside |= fast ? 0 : 1;
    const double v = fast ? x[i] : 0.0;
    const Rounded rounded = roundScaled(v, kTwoOverPi);
    const double k = rounded.value;
    const uint64_t quadrant = (rounded.bits + quarterShift) & 3;
    double r = v - k * kPio2Part1;
    r = r - k * kPio2Part2;
    r = r - k * kPio2Part3;
    r = r - k * kPio2Part3Tail;
    const double r2 = r * r;
    double ps = -1.0 / 355687428096000.0;  // -1/17!
    ps = ps * r2 + 1.0 / 1307674368000.0;
    ps = ps * r2 - 1.0 / 6227020800.0;
    ps = ps * r2 + 1.0 / 39916800.0;
    ps = ps * r2 - 1.0 / 362880.0;
    ps = ps * r2 + 1.0 / 5040.0;
    ps = ps * r2 - 1.0 / 120.0;
    ps = ps * r2 + 1.0 / 6.0;
    const double sine = r - r * r2 * ps;
    double pc = 1.0 / 20922789888000.0;  // 1/16!
    pc = pc * r2 - 1.0 / 87178291200.0;
    pc = pc * r2 + 1.0 / 479001600.0;
    pc = pc * r2 - 1.0 / 3628800.0;
    pc = pc * r2 + 1.0 / 40320.0;
    pc = pc * r2 - 1.0 / 720.0;
    pc = pc * r2 + 1.0 / 24.0;
    const double cosine = (1.0 - 0.5 * r2) + r2 * r2 * pc;
    const double value = (quadrant & 1) != 0 ? cosine : sine;
    y[i] = (quadrant & 2) != 0 ? -value : value;
  }
  return outside == 0;
}

struct ExpKernel {
  static bool chunk(const double* x, double* y, ptrdiff_t n) { return expChunk(x, y, n); }
  static bool fast(double x) { return inFastRange(x); }
  static double scalar(double x) { return std::exp(x); }
};

struct SinKernel {
  static bool chunk(const double* x, double* y, ptrdiff_t n) { return trigChunk(x, y, n, 0); }
  static bool fast(double x) { return inTrigRange(x); }
  static double scalar(double x) { return std::sin(x); }
};

struct CosKernel {
  static bool chunk(const double* x, double* y, ptrdiff_t n) { return trigChunk(x, y, n, 1); }
  static bool fast(double x) { return inTrigRange(x); }
  static double scalar(double x) { return std::cos(x); }
};

// The 'd->d' inner loop around a chunk kernel: contiguous and not in place
// straight from input to output; otherwise through chunk buffers. Elements
// outside the kernel's range go through libm, which raises the flags.
template <class Kernel>
void simdUnaryLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* in = data[0];
  char* out = data[1];
  constexpr ptrdiff_t kSize = sizeof(double);
  if (steps[0] == kSize && steps[1] == kSize && in != out) {
    for (ptrdiff_t start = 0; start < count; start += kChunk) {
      const ptrdiff_t n = count - start < kChunk ? count - start : kChunk;
      const double* x = reinterpret_cast<const double*>(in) + start;
      double* y = reinterpret_cast<double*>(out) + start;
      if (!Kernel::chunk(x, y, n)) {
        for (ptrdiff_t i = 0; i < n; ++i) {
          if (!Kernel::fast(x[i])) y[i] = Kernel::scalar(x[i]);
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
    if (!Kernel::chunk(x, y, n)) {
      for (ptrdiff_t i = 0; i < n; ++i) {
        if (!Kernel::fast(x[i])) y[i] = Kernel::scalar(x[i]);
      }
    }
    for (ptrdiff_t i = 0; i < n; ++i) std::memcpy(out + (start + i) * steps[1], &y[i], sizeof(double));
  }
}

}  // namespace

void expFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  simdUnaryLoop<ExpKernel>(data, count, steps);
}

void sinFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  simdUnaryLoop<SinKernel>(data, count, steps);
}

void cosFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  simdUnaryLoop<CosKernel>(data, count, steps);
}

}  // namespace ndinterop::ufunc
