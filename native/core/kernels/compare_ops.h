// Comparisons, logical ops, maximum/minimum/fmax/fmin and the float
// classification ufuncs (isnan, isinf, isfinite, signbit). Float comparisons
// and classifications work on the bits, since SIMD compares (and `==` on a
// signalling NaN) raise "invalid": NaN operands give false and raise nothing,
// as in NumPy. Complex values order lexicographically (real part first).
//
// This header holds the element operations and registration helpers; the
// loops are instantiated in compare.cc, compare_order.cc, compare_logical.cc
// and compare_extremum.cc (one group of ufuncs each, so a parallel build
// compiles them side by side; the one compare.cc of before took 18 s).
// Included only by those files: everything but the register*Loops
// functions is in an unnamed namespace.
#ifndef NDINTEROP_CORE_KERNELS_COMPARE_OPS_H
#define NDINTEROP_CORE_KERNELS_COMPARE_OPS_H

#include <cfenv>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "core/base/parallel.h"
#include "core/kernels/extremum_lanes.h"
#include "core/kernels/float_bits.h"
#include "core/ufunc/fp_flags.h"
#include "core/ufunc/loop_signatures.h"

namespace ndinterop::ufunc {

// The parts of registerComparisonLoops, each in its own translation unit so
// that a parallel build compiles them side by side.
void registerEqualityLoops(LoopRegistry& r);    // compare.cc: equal, not_equal
void registerOrderingLoops(LoopRegistry& r);    // compare_order.cc: less, less_equal, greater, greater_equal
void registerLogicalLoops(LoopRegistry& r);     // compare_logical.cc: logical_*, isnan, isinf, isfinite, signbit
void registerExtremumLoops(LoopRegistry& r);    // compare_extremum.cc: maximum, minimum, fmax, fmin

namespace {

template <class C>
inline constexpr bool kIsComplex =
    std::is_same_v<C, Complex64> || std::is_same_v<C, Complex128> || std::is_same_v<C, ComplexLong>;

template <class C>
inline bool isNan(C a) {
  if constexpr (kIsComplex<C>) return isNanBits(a.real()) || isNanBits(a.imag());
  else if constexpr (std::is_floating_point_v<C>) return isNanBits(a);
  else return false;
}

template <class C>
inline bool nonzero(C a) {
  if constexpr (kIsComplex<C>) return a.real() != 0 || a.imag() != 0;
  else return a != 0;
}

// NumPy's complex order: by real part, but a NaN imaginary part makes the
// real-part comparison false; ties go to the imaginary parts. NumPy spells it
// with C's signaling `<`, so "invalid" is raised when a NaN reaches one of
// its comparisons; the flag is raised the same way here.
template <class C>
inline void raiseComplexCompareInvalid(C a, C b) {
  const bool touchesNan = isNanBits(a.real()) | isNanBits(b.real()) |
                          ((a.real() == b.real()) & (isNanBits(a.imag()) | isNanBits(b.imag())));
  if (touchesNan) raiseFpFlag(FE_INVALID);
}

template <class C>
inline bool quietLessEqualComplex(C a, C b) {
  return (quietLess(a.real(), b.real()) & !isNanBits(a.imag()) & !isNanBits(b.imag())) |
         ((a.real() == b.real()) & quietLessEqual(a.imag(), b.imag()));
}

template <class C>
inline bool less(C a, C b) {
  if constexpr (kIsComplex<C>) {
    raiseComplexCompareInvalid(a, b);
    return (quietLess(a.real(), b.real()) & !isNanBits(a.imag()) & !isNanBits(b.imag())) |
           ((a.real() == b.real()) & quietLess(a.imag(), b.imag()));
  } else if constexpr (std::is_floating_point_v<C>) {
    return quietLess(a, b);
  } else {
    return a < b;
  }
}

template <class C>
inline bool lessEqual(C a, C b) {
  if constexpr (kIsComplex<C>) {
    raiseComplexCompareInvalid(a, b);
    return quietLessEqualComplex(a, b);
  } else if constexpr (std::is_floating_point_v<C>) {
    return quietLessEqual(a, b);
  } else {
    return a <= b;
  }
}

// Equality on the bits for floats: a signalling NaN raises nothing.
template <class C>
inline bool equal(C a, C b) {
  if constexpr (kIsComplex<C>) return quietEqual(a.real(), b.real()) & quietEqual(a.imag(), b.imag());
  else if constexpr (std::is_floating_point_v<C>) return quietEqual(a, b);
  else return a == b;
}

struct EqualOp {
  template <class C>
  static bool apply(C a, C b) { return equal(a, b); }
};
struct NotEqualOp {
  template <class C>
  static bool apply(C a, C b) { return !equal(a, b); }
};
struct LessOp {
  template <class C>
  static bool apply(C a, C b) { return less(a, b); }
};
struct LessEqualOp {
  template <class C>
  static bool apply(C a, C b) { return lessEqual(a, b); }
};
struct GreaterOp {
  template <class C>
  static bool apply(C a, C b) { return less(b, a); }
};
struct GreaterEqualOp {
  template <class C>
  static bool apply(C a, C b) { return lessEqual(b, a); }
};

// int64 against uint64 ('qQ->?', 'Qq->?'): exact, no wrap-around.
template <class Compare>
struct MixedSignOp {
  static bool apply(int64_t a, uint64_t b) {
    if (a < 0) return Compare::apply(-1, 0);
    return Compare::apply(static_cast<uint64_t>(a), b);
  }
  static bool apply(uint64_t a, int64_t b) {
    if (b < 0) return Compare::apply(0, -1);
    return Compare::apply(a, static_cast<uint64_t>(b));
  }
};

struct LogicalAndOp {
  template <class C>
  static bool apply(C a, C b) { return nonzero(a) && nonzero(b); }
};
struct LogicalOrOp {
  template <class C>
  static bool apply(C a, C b) { return nonzero(a) || nonzero(b); }
};
struct LogicalXorOp {
  template <class C>
  static bool apply(C a, C b) { return nonzero(a) != nonzero(b); }
};
struct LogicalNotOp {
  template <class C>
  static bool apply(C a) { return !nonzero(a); }
};

// NumPy's float64/float32 maximum and minimum return the second operand when
// the two compare equal (so maximum(0.0, -0.0) is -0.0); NaN wins from either side.
struct MaximumOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_same_v<C, bool>) return a || b;
    else if constexpr (std::is_integral_v<C>) return a > b ? a : b;
    else return (quietLess(b, a) | isNanBits(a)) ? a : b;
  }
};
struct MinimumOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_same_v<C, bool>) return a && b;
    else if constexpr (std::is_integral_v<C>) return a < b ? a : b;
    else return (quietLess(a, b) | isNanBits(a)) ? a : b;
  }
};
// NumPy's float16 and longdouble loops (scalar, unlike float32/float64's
// vector ones) keep the first operand on ties, so maximum(0.0, -0.0) is 0.0.
struct FirstOnTieMaximumOp {
  template <class C>
  static C apply(C a, C b) { return (quietLessEqual(b, a) | isNanBits(a)) ? a : b; }
};
struct FirstOnTieMinimumOp {
  template <class C>
  static C apply(C a, C b) { return (quietLessEqual(a, b) | isNanBits(a)) ? a : b; }
};
// fmax/fmin ignore a NaN operand and keep the first operand on ties.
struct FmaxOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_integral_v<C>) return MaximumOp::apply(a, b);
    else return (quietLessEqual(b, a) | isNanBits(b)) ? a : b;
  }
};
struct FminOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_integral_v<C>) return MinimumOp::apply(a, b);
    else return (quietLessEqual(a, b) | isNanBits(b)) ? a : b;
  }
};

template <class C>
inline bool complexGreaterEqual(C a, C b) { return quietLessEqualComplex(b, a); }
template <class C>
inline bool complexLessEqual(C a, C b) { return quietLessEqualComplex(a, b); }
struct ComplexMaximumOp {
  template <class C>
  static C apply(C a, C b) { return (isNan(a) || complexGreaterEqual(a, b)) ? a : b; }
};
struct ComplexMinimumOp {
  template <class C>
  static C apply(C a, C b) { return (isNan(a) || complexLessEqual(a, b)) ? a : b; }
};
struct ComplexFmaxOp {
  template <class C>
  static C apply(C a, C b) { return (complexGreaterEqual(a, b) || isNan(b)) ? a : b; }
};
struct ComplexFminOp {
  template <class C>
  static C apply(C a, C b) { return (complexLessEqual(a, b) || isNan(b)) ? a : b; }
};

struct IsNanOp {
  template <class C>
  static bool apply(C a) { return isNan(a); }
};
struct IsInfOp {
  template <class C>
  static bool apply(C a) {
    if constexpr (kIsComplex<C>) return isInfBits(a.real()) || isInfBits(a.imag());
    else if constexpr (std::is_floating_point_v<C>) return isInfBits(a);
    else return false;
  }
};
struct IsFiniteOp {
  template <class C>
  static bool apply(C a) {
    if constexpr (kIsComplex<C>) return isFiniteBits(a.real()) && isFiniteBits(a.imag());
    else if constexpr (std::is_floating_point_v<C>) return isFiniteBits(a);
    else return true;
  }
};
// Reads the sign bit directly: GCC 12 crashes vectorizing std::signbit(float).
struct SignbitOp {
  static bool apply(float a) {
    uint32_t bits;
    std::memcpy(&bits, &a, sizeof bits);
    return (bits >> 31) != 0;
  }
  static bool apply(double a) {
    uint64_t bits;
    std::memcpy(&bits, &a, sizeof bits);
    return (bits >> 63) != 0;
  }
  static bool apply(long double a) { return std::signbit(a); }
};

// Float comparisons of two contiguous inputs into a contiguous bool output,
// written with C's operators so they vectorize (AVX2 clone where the CPU has
// it, SSE2 otherwise): NaN gives false for <, <=, == and true for !=, and
// -0.0 equals +0.0, exactly as the bit-pattern comparisons above. Vector
// compares raise "invalid" for NaN operands, which NumPy's comparisons never
// do, so the loop restores the invalid flag as it found it: no comparison
// raises any flag. The bit-pattern loops took 1-3 ns per double here, about
// 8x NumPy's time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define NDINTEROP_COMPARE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define NDINTEROP_COMPARE_CLONES
#endif

struct PlainLess {
  template <class F>
  static bool apply(F a, F b) { return a < b; }
};
struct PlainLessEqual {
  template <class F>
  static bool apply(F a, F b) { return a <= b; }
};
struct PlainGreater {
  template <class F>
  static bool apply(F a, F b) { return b < a; }
};
struct PlainGreaterEqual {
  template <class F>
  static bool apply(F a, F b) { return b <= a; }
};
struct PlainEqual {
  template <class F>
  static bool apply(F a, F b) { return a == b; }
};
struct PlainNotEqual {
  template <class F>
  static bool apply(F a, F b) { return a != b; }
};

template <class F, class Plain>
NDINTEROP_COMPARE_CLONES void compareContiguous(const char* a, const char* b, char* out, ptrdiff_t count) {
  for (ptrdiff_t i = 0; i < count; ++i) {
    F x;
    F y;
    std::memcpy(&x, a + i * static_cast<ptrdiff_t>(sizeof(F)), sizeof(F));
    std::memcpy(&y, b + i * static_cast<ptrdiff_t>(sizeof(F)), sizeof(F));
    out[i] = static_cast<char>(Plain::apply(x, y));
  }
}

// Contiguous operands take compareContiguous; other layouts, the generic
// loop. For floats the vector compares may raise "invalid" (NaN operands),
// which no NumPy comparison does, so the flag is put back as it was;
// integers raise nothing. Registered for float, double, int32 and int64
// (the narrower integers keep the generic loop).
template <class F, class Op, class Plain>
void compareLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  if (steps[0] == static_cast<ptrdiff_t>(sizeof(F)) && steps[1] == static_cast<ptrdiff_t>(sizeof(F)) && steps[2] == 1) {
    if constexpr (std::is_floating_point_v<F>) {
      const bool invalidBefore = raisedFpExceptions(FE_INVALID) != 0;
      compareContiguous<F, Plain>(data[0], data[1], data[2], count);
      if (!invalidBefore) clearFpExceptions(FE_INVALID);
    } else {
      compareContiguous<F, Plain>(data[0], data[1], data[2], count);
    }
    return;
  }
  binaryLoop<F, F, bool, Op>(data, count, steps);
}

template <class Op>
void addComparison(LoopRegistry& r, std::string_view name) {
  addBinaryTo<Op, bool, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
              BFloat16, float, double, Complex64, Complex128>(r, name);
  r.add(name, "qQ->?", &binaryLoop<int64_t, uint64_t, bool, MixedSignOp<Op>>);
  r.add(name, "Qq->?", &binaryLoop<uint64_t, int64_t, bool, MixedSignOp<Op>>);
}

template <class Op, class Plain>
void addComparison(LoopRegistry& r, std::string_view name) {
  addComparison<Op>(r, name);
  r.add(name, "ff->?", &compareLoop<float, Op, Plain>);
  r.add(name, "dd->?", &compareLoop<double, Op, Plain>);
  r.add(name, "ii->?", &compareLoop<int32_t, Op, Plain>);
  r.add(name, "ll->?", &compareLoop<int64_t, Op, Plain>);
  r.add(name, "qq->?", &compareLoop<int64_t, Op, Plain>);
}

template <class Op>
void addLogical(LoopRegistry& r, std::string_view name) {
  addBinaryTo<Op, bool, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
              BFloat16, float, double, Complex64, Complex128>(r, name);
}

template <class Op>
void addClassifier(LoopRegistry& r, std::string_view name) {
  addUnaryTo<Op, bool, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
             BFloat16, float, double, Complex64, Complex128>(r, name);
}

// maximum.reduce and minimum.reduce (np.max, np.min) over contiguous float32
// and float64. The serial running value is a chain of dependent
// compare-and-selects (6-12x NumPy's time at 1e7 doubles); independent
// lanes vectorize. The lanes' answer is used only where it is exactly the
// serial loop's: no NaN anywhere (the serial loop keeps the first NaN, with
// its payload) and a nonzero result (equal nonzero floats have equal bits,
// so which of a tie wins cannot show; +0.0 and -0.0 can). Otherwise the
// serial loop runs again. As for the comparisons above, the vector compares'
// "invalid" flag is put back as it was.

// Runs of at least this many elements are split in two halves, one per
// thread: one core does not use all of the memory bandwidth (the same
// threshold as the pairwise sum's split in arith.cc). Each part puts its own
// thread's "invalid" flag back as it found it.
constexpr ptrdiff_t kParallelExtremumCount = ptrdiff_t{1} << 18;

template <class F, bool kMax>
bool splitExtremum(F start, const char* in, ptrdiff_t count, F& result) {
  const auto lanes = [start](const char* from, ptrdiff_t n, F& value) {
    const bool invalidBefore = raisedFpExceptions(FE_INVALID) != 0;
    bool nan = false;
    value = kernels::laneExtremum<F, kMax>(start, from, n, nan);
    if (!invalidBefore) clearFpExceptions(FE_INVALID);
    return !nan;
  };
  if (count >= kParallelExtremumCount && parallelWidth() >= 2) {
    const ptrdiff_t half = count / 2;
    F values[2] = {start, start};
    bool clean[2] = {false, false};
    const bool ran = runParallel(2, [&](size_t part) {
      clean[part] = part == 0 ? lanes(in, half, values[0])
                              : lanes(in + half * static_cast<ptrdiff_t>(sizeof(F)), count - half, values[1]);
    });
    if (ran) {
      result = kernels::better<F, kMax>(values[1], values[0]);
      return clean[0] && clean[1];
    }
  }
  return lanes(in, count, result);
}

template <class Op, bool kMax>
struct LaneExtremumOp : Op {
  template <class T>
  static T reduce(T acc, const char* in, ptrdiff_t count, ptrdiff_t step) {
    constexpr ptrdiff_t kWidth = sizeof(T);
    if (step == kWidth && count >= 128 / kWidth && !isNanBits(acc)) {
      T result;
      if (splitExtremum<T, kMax>(acc, in, count, result) && result != 0) return result;
    }
    for (ptrdiff_t i = 0; i < count; ++i, in += step) acc = Op::apply(acc, Element<T>::load(in));
    return acc;
  }
};

template <class RealOp, class HalfOp, class ComplexOp>
void addExtremum(LoopRegistry& r, std::string_view name) {
  addBinary<RealOp, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, float,
            double>(r, name);
  if constexpr (std::is_same_v<RealOp, MaximumOp> || std::is_same_v<RealOp, MinimumOp>) {
    using Lanes = LaneExtremumOp<RealOp, std::is_same_v<RealOp, MaximumOp>>;
    addBinary<Lanes, float, double>(r, name);
  }
  addBinary<HalfOp, Half, BFloat16>(r, name);
  addBinary<ComplexOp, Complex64, Complex128>(r, name);
}

}  // namespace
}  // namespace ndinterop::ufunc

#endif  // NDINTEROP_CORE_KERNELS_COMPARE_OPS_H
