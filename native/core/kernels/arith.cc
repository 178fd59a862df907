// add, subtract, multiply, divide and the simple one-input arithmetic
// (negative, positive, absolute, fabs, square, reciprocal, sign, conjugate)
// for bool, integer and real float loops. Complex loops: complex.cc.
#include <cfenv>
#include <cmath>

#include "core/ufunc/cast_convert.h"
#include "core/kernels/float_bits.h"
#include "core/base/parallel.h"
#include "core/ufunc/fp_flags.h"
#include "core/ufunc/loop_signatures.h"

namespace ndinterop::ufunc {
namespace {

template <class T>
inline constexpr bool kIsFloatStorage = std::is_floating_point_v<T> || kIsNarrowFloat<T>;

// NumPy's pairwise summation (loops_utils.h.src): blocks of at most 128
// elements are summed with 8 interleaved accumulators, longer runs are split
// in two at a multiple of 8. Rounding error grows as O(log n).
template <class T>
ComputeOf<T> pairwiseSum(const char* data, ptrdiff_t count, ptrdiff_t step) {
  using C = ComputeOf<T>;
  auto at = [&](ptrdiff_t i) { return Element<T>::load(data + i * step); };
  if (count < 8) {
    C sum = C(-0.0);
    for (ptrdiff_t i = 0; i < count; ++i) sum += at(i);
    return sum;
  }
  if (count <= 128) {
    C r[8];
    for (int j = 0; j < 8; ++j) r[j] = at(j);
    ptrdiff_t i = 8;
    for (; i < count - (count % 8); i += 8) {
      for (int j = 0; j < 8; ++j) r[j] += at(i + j);
    }
    C sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < count; ++i) sum += at(i);
    return sum;
  }
  ptrdiff_t half = count / 2;
  half -= half % 8;
  return pairwiseSum<T>(data, half, step) + pairwiseSum<T>(data + half * step, count - half, step);
}

// Runs of at least this many elements sum their two top-level halves on two
// threads. The halves are exactly the ones pairwiseSum splits into, so the
// result is the same bits; the pool thread's floating-point flags are raised
// again on the calling thread, where the engine reads them.
constexpr ptrdiff_t kParallelSumCount = ptrdiff_t{1} << 18;

template <class T>
ComputeOf<T> pairwiseSumSplit(const char* data, ptrdiff_t count, ptrdiff_t step) {
  if (count >= kParallelSumCount && parallelWidth() >= 2) {
    ptrdiff_t half = count / 2;
    half -= half % 8;
    ComputeOf<T> left{}, right{};
    // Either half may run on this thread (runParallel runs a part no pool
    // thread has started itself), so each half collects its own flags and
    // the caller's earlier flags are put back afterwards.
    const int before = raisedFpExceptions(FE_ALL_EXCEPT);
    int halfFlags[2] = {0, 0};
    const bool ran = runParallel(2, [&](size_t part) {
      clearFpExceptions(FE_ALL_EXCEPT);
      if (part == 0) {
        left = pairwiseSum<T>(data, half, step);
      } else {
        right = pairwiseSum<T>(data + half * step, count - half, step);
      }
      halfFlags[part] = raisedFpExceptions(FE_ALL_EXCEPT);
    });
    if (ran) {
      clearFpExceptions(FE_ALL_EXCEPT);
      const int flags = before | halfFlags[0] | halfFlags[1];
      if (flags != 0) std::feraiseexcept(flags);
      return left + right;
    }
  }
  return pairwiseSum<T>(data, count, step);
}

struct AddOp {
  [[maybe_unused]] static constexpr bool kWideAccumulate = true;
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_same_v<C, bool>) return a || b;
    else if constexpr (std::is_integral_v<C>) return wrapAdd(a, b);
    else return a + b;
  }
  template <class T>
  static ComputeOf<T> reduce(ComputeOf<T> acc, const char* data, ptrdiff_t count, ptrdiff_t step) {
    if constexpr (kIsFloatStorage<T>) {
      return acc + pairwiseSumSplit<T>(data, count, step);
    } else if (step == static_cast<ptrdiff_t>(sizeof(T)) && count >= 64) {
      // Contiguous and long enough to pay for the set-up (short rows, as in
      // reductions along a short last axis, add in order): eight independent
      // partial sums, which the compiler keeps in vector registers, so the
      // adds do not wait on one another. Integer sums wrap and bool's is an
      // or: any order gives the same result.
      constexpr ptrdiff_t kLanes = 8, kSize = static_cast<ptrdiff_t>(sizeof(T));
      ComputeOf<T> part[kLanes] = {};
      ptrdiff_t i = 0;
      for (; i + kLanes <= count; i += kLanes) {
        for (ptrdiff_t lane = 0; lane < kLanes; ++lane) part[lane] = apply(part[lane], Element<T>::load(data + (i + lane) * kSize));
      }
      for (; i < count; ++i) acc = apply(acc, Element<T>::load(data + i * kSize));
      for (ptrdiff_t lane = 0; lane < kLanes; ++lane) acc = apply(acc, part[lane]);
      return acc;
    } else {
      for (ptrdiff_t i = 0; i < count; ++i) acc = apply(acc, Element<T>::load(data + i * step));
      return acc;
    }
  }
};

struct SubtractOp {
  [[maybe_unused]] static constexpr bool kWideAccumulate = true;
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_integral_v<C>) return wrapSub(a, b);
    else return a - b;
  }
};

struct MultiplyOp {
  [[maybe_unused]] static constexpr bool kWideAccumulate = true;
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_same_v<C, bool>) return a && b;
    else if constexpr (std::is_integral_v<C>) return wrapMul(a, b);
    else return a * b;
  }
};

struct DivideOp {
  [[maybe_unused]] static constexpr bool kWideAccumulate = true;
  template <class C>
  static C apply(C a, C b) { return a / b; }
};

struct NegativeOp {
  template <class C>
  static C apply(C a) {
    if constexpr (std::is_integral_v<C>) return wrapNeg(a);
    else return -a;
  }
};

struct PositiveOp {
  template <class C>
  static C apply(C a) { return a; }
};

struct AbsoluteOp {
  template <class C>
  static C apply(C a) {
    if constexpr (std::is_same_v<C, bool> || std::is_unsigned_v<C>) return a;
    else if constexpr (std::is_integral_v<C>) return a < 0 ? wrapNeg(a) : a;
    else if constexpr (std::is_same_v<C, long double>) return (std::isgreater(a, C(0)) ? a : -a) + 0;  // NumPy's: a NaN's sign flips, quietly
    else return std::fabs(a);
  }
};

struct SquareOp {
  template <class C>
  static C apply(C a) { return MultiplyOp::apply(a, a); }
};

// Integer reciprocal is NumPy's (int)(1.0 / x): 0 -> divide-by-zero, and the
// infinity converts like a C cast does on x86-64.
struct ReciprocalOp {
  template <class C>
  static C apply(C a) {
    if constexpr (std::is_integral_v<C>) return floatToInteger<C>(1.0 / static_cast<double>(a));
    else return C(1) / a;
  }
};

struct SignOp {
  template <class C>
  static C apply(C a) {
    if constexpr (std::is_unsigned_v<C>) return a > 0 ? 1 : 0;
    else if constexpr (std::is_integral_v<C>) return static_cast<C>((a > 0) - (a < 0));
    else return quietLess(C(0), a) ? C(1) : (quietLess(a, C(0)) ? C(-1) : (isNanBits(a) ? quietedNan(a) : C(0)));
  }
};

}  // namespace

void registerArithmeticLoops(LoopRegistry& r) {
  addBinaryByBits<AddOp, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
                  BFloat16, float, double>(r, "add");
  addBinaryByBits<SubtractOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
                  BFloat16, float, double>(r, "subtract");
  addBinaryByBits<MultiplyOp, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
                  BFloat16, float, double>(r, "multiply");
  addBinary<DivideOp, Half, BFloat16, float, double>(r, "divide");

  addUnaryByBits<NegativeOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16,
                 float, double>(r, "negative");
  addUnaryByBits<PositiveOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16,
                 float, double>(r, "positive");
  addUnaryByBits<PositiveOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16,
                 float, double>(r, "conjugate");
  addUnary<AbsoluteOp, bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half,
           BFloat16, float, double>(r, "absolute");
  addUnary<AbsoluteOp, Half, BFloat16, float, double>(r, "fabs");
  addUnaryByBits<SquareOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16,
                 float, double>(r, "square");
  addUnary<ReciprocalOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16,
           float, double>(r, "reciprocal");
  addUnary<SignOp, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16, float,
           double>(r, "sign");
}

namespace {
// NumPy's longdouble fabs is fabsl (its absolute is not: see AbsoluteOp).
struct FabsOp {
  static long double apply(long double a) { return std::fabs(a); }
};
}  // namespace

// longdouble ('g'), computed in C++ long double: NumPy's loops for it.
void registerArithmeticLongDoubleLoops(LoopRegistry& r) {
  addBinary<AddOp, long double>(r, "add");
  addBinary<SubtractOp, long double>(r, "subtract");
  addBinary<MultiplyOp, long double>(r, "multiply");
  addBinary<DivideOp, long double>(r, "divide");
  addUnary<NegativeOp, long double>(r, "negative");
  addUnary<PositiveOp, long double>(r, "positive");
  addUnary<PositiveOp, long double>(r, "conjugate");
  addUnary<AbsoluteOp, long double>(r, "absolute");
  addUnary<FabsOp, long double>(r, "fabs");
  addUnary<SquareOp, long double>(r, "square");
  addUnary<ReciprocalOp, long double>(r, "reciprocal");
  addUnary<SignOp, long double>(r, "sign");
}

}  // namespace ndinterop::ufunc
