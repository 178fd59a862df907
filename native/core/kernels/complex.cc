// complex64/complex128 loops. The arithmetic is spelled out rather than left
// to std::complex operators (whose * and / add C99 Annex G recovery that
// NumPy does not have); transcendental functions are the C library's
// (c)exp/clog/csin/..., which is what NumPy's npy_c* call on glibc, with
// NumPy's own formulas where it has them (exp2, expm1, log2, log10, log1p,
// power, reciprocal, sign).
#include <cmath>
#include <complex>
#include <limits>

#include "core/ufunc/loop_signatures.h"

namespace ndinterop::ufunc {
// The ops have names of their own (AddOp, SqrtOp, ...) that arith.cc and
// float.cc also use: a build that compiles the kernels as one unit sees them
// all in one scope, so these live in complex_ops.
namespace complex_ops {
namespace {

template <class C>
using Part = typename C::value_type;

// NumPy's SIMD complex multiply (and square, and |z|) fuse multiply-adds
// wherever the CPU has FMA, which changes the last bit of some results; the
// loops are instantiated both ways and registered to match the CPU.
bool cpuHasFma() {
#if defined(__x86_64__) || defined(__i386__)
  return __builtin_cpu_supports("fma");
#else
  return true;  // aarch64 NumPy fuses as well
#endif
}

template <bool Fused, class F>
inline F mulAdd(F a, F b, F c) {
  if constexpr (Fused) return std::fma(a, b, c);
  else return a * b + c;
}

template <bool Fused, class C>
inline C multiply(C a, C b) {
  return C(mulAdd<Fused>(a.real(), b.real(), -(a.imag() * b.imag())),
           mulAdd<Fused>(a.real(), b.imag(), a.imag() * b.real()));
}

// Plain products where NumPy's scalar code uses them (power, divide by parts).
template <class C>
inline C multiply(C a, C b) {
  return C(a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real());
}

// Smith's algorithm, as NumPy's complex divide.
template <class C>
inline C divide(C a, C b) {
  using F = Part<C>;
  const F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  const F absBr = std::fabs(br), absBi = std::fabs(bi);
  if (absBr >= absBi) {
    if (absBr == 0 && absBi == 0) return C(ar / absBr, ai / absBr);  // complex inf or nan
    const F ratio = bi / br;
    const F scale = F(1) / (br + bi * ratio);
    return C((ar + ai * ratio) * scale, (ai - ar * ratio) * scale);
  }
  const F ratio = br / bi;
  const F scale = F(1) / (bi + br * ratio);
  return C((ar * ratio + ai) * scale, (ai * ratio - ar) * scale);
}

// NumPy's complex pairwise sum: the same blocking as the real one, with
// accumulators for the real and imaginary parts of 4 interleaved elements.
template <class C>
C pairwiseSum(const char* data, ptrdiff_t count, ptrdiff_t step) {
  using F = Part<C>;
  auto at = [&](ptrdiff_t i) { return Element<C>::load(data + i * step); };
  if (count < 4) {
    F real = F(-0.0), imag = F(-0.0);
    for (ptrdiff_t i = 0; i < count; ++i) {
      const C value = at(i);
      real += value.real();
      imag += value.imag();
    }
    return C(real, imag);
  }
  if (count <= 64) {
    F r[8];
    for (int j = 0; j < 4; ++j) {
      const C value = at(j);
      r[2 * j] = value.real();
      r[2 * j + 1] = value.imag();
    }
    ptrdiff_t i = 4;
    for (; i < count - (count % 4); i += 4) {
      for (int j = 0; j < 4; ++j) {
        const C value = at(i + j);
        r[2 * j] += value.real();
        r[2 * j + 1] += value.imag();
      }
    }
    F real = (r[0] + r[2]) + (r[4] + r[6]);
    F imag = (r[1] + r[3]) + (r[5] + r[7]);
    for (; i < count; ++i) {
      const C value = at(i);
      real += value.real();
      imag += value.imag();
    }
    return C(real, imag);
  }
  // NumPy halves the count of scalars (2 per element) and rounds down to a
  // multiple of 8 scalars, i.e. 4 elements.
  ptrdiff_t scalars = count;  // half of 2 * count
  scalars -= scalars % 8;
  const ptrdiff_t half = scalars / 2;
  const C first = pairwiseSum<C>(data, half, step);
  const C second = pairwiseSum<C>(data + half * step, count - half, step);
  return C(first.real() + second.real(), first.imag() + second.imag());
}

// long double uses NumPy's long double constants (NPY_LOGE2l, NPY_LOG2El, ...).
template <class F>
inline F constantOf(double value, long double longValue) {
  if constexpr (std::is_same_v<F, long double>) return longValue;
  else return static_cast<F>(value);
}

template <class C>
inline C scaleParts(C z, Part<C> factor) {
  return C(z.real() * factor, z.imag() * factor);
}

// NumPy's nc_expm1 and nc_log1p.
template <class C>
inline C expm1(C z) {
  using F = Part<C>;
  const F halfSin = std::sin(z.imag() / 2);
  return C(std::expm1(z.real()) * std::cos(z.imag()) - 2 * halfSin * halfSin, std::exp(z.real()) * std::sin(z.imag()));
}
template <class C>
inline C log1p(C z) {
  const auto shifted = z.real() + 1;
  return C(std::log(std::hypot(shifted, z.imag())), std::atan2(z.imag(), shifted));
}

struct AddOp {
  template <class C>
  static C apply(C a, C b) { return C(a.real() + b.real(), a.imag() + b.imag()); }
  template <class T>
  static T reduce(T acc, const char* data, ptrdiff_t count, ptrdiff_t step) {
    return apply(acc, pairwiseSum<T>(data, count, step));
  }
};
struct SubtractOp {
  template <class C>
  static C apply(C a, C b) { return C(a.real() - b.real(), a.imag() - b.imag()); }
};
template <bool Fused>
struct MultiplyOp {
  template <class C>
  static C apply(C a, C b) { return multiply<Fused>(a, b); }
};
struct DivideOp {
  template <class C>
  static C apply(C a, C b) { return divide(a, b); }
};
struct NegativeOp {
  template <class C>
  static C apply(C a) { return C(-a.real(), -a.imag()); }
};
struct PositiveOp {
  template <class C>
  static C apply(C a) { return a; }
};
struct ConjugateOp {
  template <class C>
  static C apply(C a) { return C(a.real(), -a.imag()); }
};
template <bool Fused>
struct SquareOp {
  template <class C>
  static C apply(C a) { return multiply<Fused>(a, a); }
};
struct ReciprocalOp {
  template <class C>
  static C apply(C a) {
    using F = Part<C>;
    const F re = a.real(), im = a.imag();
    if (std::fabs(im) <= std::fabs(re)) {
      const F ratio = im / re;
      const F denominator = re + im * ratio;
      return C(F(1) / denominator, -ratio / denominator);
    }
    const F ratio = re / im;
    const F denominator = re * ratio + im;
    return C(ratio / denominator, F(-1) / denominator);
  }
};
// NumPy's SIMD |z|: larger * sqrt(1 + (smaller/larger)^2), with an infinite
// part winning over NaN and 0/0, inf/inf avoided.
template <bool Fused>
struct AbsoluteOp {
  template <class C>
  static Part<C> apply(C a) {
    using F = Part<C>;
    constexpr F kInf = std::numeric_limits<F>::infinity();
    F re = std::fabs(a.real()), im = std::fabs(a.imag());
    if (re == kInf || im == kInf) return kInf;
    if (std::isnan(re) || std::isnan(im)) return std::numeric_limits<F>::quiet_NaN();
    const F larger = re > im ? re : im;
    const F smaller = re > im ? im : re;
    const F ratio = larger == 0 ? F(0) : smaller / larger;
    return std::sqrt(mulAdd<Fused>(ratio, ratio, F(1))) * larger;
  }
};
// NumPy 2: z / |z|, with infinities and zero handled apart.
struct SignOp {
  template <class C>
  static C apply(C a) {
    using F = Part<C>;
    const F re = a.real(), im = a.imag();
    const F magnitude = std::hypot(re, im);
    if (std::isnan(magnitude)) return C(std::numeric_limits<F>::quiet_NaN(), std::numeric_limits<F>::quiet_NaN());
    if (std::isinf(magnitude)) {
      if (std::isinf(re)) {
        if (std::isinf(im)) return C(std::numeric_limits<F>::quiet_NaN(), std::numeric_limits<F>::quiet_NaN());
        return C(re > 0 ? F(1) : F(-1), F(0));
      }
      return C(F(0), im > 0 ? F(1) : F(-1));
    }
    if (magnitude == 0) return C(F(0), F(0));
    return C(re / magnitude, im / magnitude);
  }
};

// NumPy's npy_cpow: small integer exponents by repeated multiplication,
// everything else through cpow.
template <class C>
C power(C a, C b) {
  using F = Part<C>;
  const F br = b.real(), bi = b.imag();
  if (br == 0 && bi == 0) return C(F(1), F(0));
  if (a.real() == 0 && a.imag() == 0) {
    if (br > 0) return C(F(0), F(0));
    raiseFpFlag(FE_INVALID);  // 0 ** z is ill-defined when real(z) <= 0
    return C(std::numeric_limits<F>::quiet_NaN(), std::numeric_limits<F>::quiet_NaN());
  }
  if (bi == 0 && br >= -100 && br <= 100 && br == std::trunc(br)) {
    long n = static_cast<long>(br);
    if (n == 1) return a;
    if (n == 2) return multiply(a, a);
    if (n == 3) return multiply(a, multiply(a, a));
    if (n > -100 && n < 100) {
      const bool negative = n < 0;
      if (negative) n = -n;
      C result(F(1), F(0));
      C factor = a;
      for (long mask = 1;; mask <<= 1) {
        if (n & mask) result = multiply(result, factor);
        if (n < (mask << 1)) break;
        factor = multiply(factor, factor);
      }
      if (negative) result = divide(C(F(1), F(0)), result);
      return result;
    }
  }
  return std::pow(a, b);
}
struct PowerOp {
  template <class C>
  static C apply(C a, C b) { return power(a, b); }
};

#define NDINTEROP_COMPLEX_UNARY(Name, expression) \
  struct Name {                                   \
    template <class C>                            \
    static C apply(C z) {                         \
      using F = Part<C>;                          \
      (void)sizeof(F);                            \
      return expression;                          \
    }                                             \
  };

NDINTEROP_COMPLEX_UNARY(ExpOp, std::exp(z))
NDINTEROP_COMPLEX_UNARY(LogOp, std::log(z))
NDINTEROP_COMPLEX_UNARY(SqrtOp, std::sqrt(z))
NDINTEROP_COMPLEX_UNARY(SinOp, std::sin(z))
NDINTEROP_COMPLEX_UNARY(CosOp, std::cos(z))
NDINTEROP_COMPLEX_UNARY(TanOp, std::tan(z))
NDINTEROP_COMPLEX_UNARY(SinhOp, std::sinh(z))
NDINTEROP_COMPLEX_UNARY(CoshOp, std::cosh(z))
NDINTEROP_COMPLEX_UNARY(TanhOp, std::tanh(z))
NDINTEROP_COMPLEX_UNARY(ArcsinOp, std::asin(z))
NDINTEROP_COMPLEX_UNARY(ArccosOp, std::acos(z))
NDINTEROP_COMPLEX_UNARY(ArctanOp, std::atan(z))
NDINTEROP_COMPLEX_UNARY(ArcsinhOp, std::asinh(z))
NDINTEROP_COMPLEX_UNARY(ArccoshOp, std::acosh(z))
NDINTEROP_COMPLEX_UNARY(ArctanhOp, std::atanh(z))
NDINTEROP_COMPLEX_UNARY(RintOp, C(std::rint(z.real()), std::rint(z.imag())))
NDINTEROP_COMPLEX_UNARY(Exp2Op, std::exp(C(z.real() * constantOf<F>(0.693147180559945309417232121458176568,
                                                                      0.693147180559945309417232121458176568L),
                                           z.imag() * constantOf<F>(0.693147180559945309417232121458176568,
                                                                      0.693147180559945309417232121458176568L))))
NDINTEROP_COMPLEX_UNARY(Log2Op, scaleParts(std::log(z), constantOf<F>(1.442695040888963407359924681001892137,
                                                                     1.442695040888963407359924681001892137L)))
NDINTEROP_COMPLEX_UNARY(Log10Op, scaleParts(std::log(z), constantOf<F>(0.434294481903251827651128918916605082,
                                                                      0.434294481903251827651128918916605082L)))
NDINTEROP_COMPLEX_UNARY(Expm1Op, expm1(z))
NDINTEROP_COMPLEX_UNARY(Log1pOp, log1p(z))
#undef NDINTEROP_COMPLEX_UNARY

void addComplexLoops(LoopRegistry& r) {
  addBinary<AddOp, Complex64, Complex128>(r, "add");
  addBinary<SubtractOp, Complex64, Complex128>(r, "subtract");
  if (cpuHasFma()) {
    addBinary<MultiplyOp<true>, Complex64, Complex128>(r, "multiply");
    addUnary<SquareOp<true>, Complex64, Complex128>(r, "square");
    r.add("absolute", "F->f", &unaryLoop<Complex64, float, AbsoluteOp<true>>);
    r.add("absolute", "D->d", &unaryLoop<Complex128, double, AbsoluteOp<true>>);
  } else {
    addBinary<MultiplyOp<false>, Complex64, Complex128>(r, "multiply");
    addUnary<SquareOp<false>, Complex64, Complex128>(r, "square");
    r.add("absolute", "F->f", &unaryLoop<Complex64, float, AbsoluteOp<false>>);
    r.add("absolute", "D->d", &unaryLoop<Complex128, double, AbsoluteOp<false>>);
  }
  addBinary<DivideOp, Complex64, Complex128>(r, "divide");
  addBinary<PowerOp, Complex64, Complex128>(r, "power");
  addBinary<PowerOp, Complex128>(r, "float_power");
  addUnary<NegativeOp, Complex64, Complex128>(r, "negative");
  addUnary<PositiveOp, Complex64, Complex128>(r, "positive");
  addUnary<ConjugateOp, Complex64, Complex128>(r, "conjugate");
  addUnary<ReciprocalOp, Complex64, Complex128>(r, "reciprocal");
  addUnary<SignOp, Complex64, Complex128>(r, "sign");
  addUnary<ExpOp, Complex64, Complex128>(r, "exp");
  addUnary<LogOp, Complex64, Complex128>(r, "log");
  addUnary<SqrtOp, Complex64, Complex128>(r, "sqrt");
  addUnary<SinOp, Complex64, Complex128>(r, "sin");
  addUnary<CosOp, Complex64, Complex128>(r, "cos");
  addUnary<TanOp, Complex64, Complex128>(r, "tan");
  addUnary<SinhOp, Complex64, Complex128>(r, "sinh");
  addUnary<CoshOp, Complex64, Complex128>(r, "cosh");
  addUnary<TanhOp, Complex64, Complex128>(r, "tanh");
  addUnary<ArcsinOp, Complex64, Complex128>(r, "arcsin");
  addUnary<ArccosOp, Complex64, Complex128>(r, "arccos");
  addUnary<ArctanOp, Complex64, Complex128>(r, "arctan");
  addUnary<ArcsinhOp, Complex64, Complex128>(r, "arcsinh");
  addUnary<ArccoshOp, Complex64, Complex128>(r, "arccosh");
  addUnary<ArctanhOp, Complex64, Complex128>(r, "arctanh");
  addUnary<RintOp, Complex64, Complex128>(r, "rint");
  addUnary<Exp2Op, Complex64, Complex128>(r, "exp2");
  addUnary<Log2Op, Complex64, Complex128>(r, "log2");
  addUnary<Log10Op, Complex64, Complex128>(r, "log10");
  addUnary<Expm1Op, Complex64, Complex128>(r, "expm1");
  addUnary<Log1pOp, Complex64, Complex128>(r, "log1p");
}

// NumPy's clongdouble absolute is npy_cabsl, the C library's cabsl.
struct CabsOp {
  static long double apply(ComplexLong a) { return std::abs(a); }
};

// clongdouble ('G'): two long doubles. NumPy's clongdouble loops are scalar
// C code, so no fused multiply-add here.
void addComplexLongDoubleLoops(LoopRegistry& r) {
  addBinary<AddOp, ComplexLong>(r, "add");
  addBinary<SubtractOp, ComplexLong>(r, "subtract");
  addBinary<MultiplyOp<false>, ComplexLong>(r, "multiply");
  addUnary<SquareOp<false>, ComplexLong>(r, "square");
  r.add("absolute", "G->g", &unaryLoop<ComplexLong, long double, CabsOp>);
  addBinary<DivideOp, ComplexLong>(r, "divide");
  addBinary<PowerOp, ComplexLong>(r, "power");
  addBinary<PowerOp, ComplexLong>(r, "float_power");
  addUnary<NegativeOp, ComplexLong>(r, "negative");
  addUnary<PositiveOp, ComplexLong>(r, "positive");
  addUnary<ConjugateOp, ComplexLong>(r, "conjugate");
  addUnary<ReciprocalOp, ComplexLong>(r, "reciprocal");
  addUnary<SignOp, ComplexLong>(r, "sign");
  addUnary<ExpOp, ComplexLong>(r, "exp");
  addUnary<LogOp, ComplexLong>(r, "log");
  addUnary<SqrtOp, ComplexLong>(r, "sqrt");
  addUnary<SinOp, ComplexLong>(r, "sin");
  addUnary<CosOp, ComplexLong>(r, "cos");
  addUnary<TanOp, ComplexLong>(r, "tan");
  addUnary<SinhOp, ComplexLong>(r, "sinh");
  addUnary<CoshOp, ComplexLong>(r, "cosh");
  addUnary<TanhOp, ComplexLong>(r, "tanh");
  addUnary<ArcsinOp, ComplexLong>(r, "arcsin");
  addUnary<ArccosOp, ComplexLong>(r, "arccos");
  addUnary<ArctanOp, ComplexLong>(r, "arctan");
  addUnary<ArcsinhOp, ComplexLong>(r, "arcsinh");
  addUnary<ArccoshOp, ComplexLong>(r, "arccosh");
  addUnary<ArctanhOp, ComplexLong>(r, "arctanh");
  addUnary<RintOp, ComplexLong>(r, "rint");
  addUnary<Exp2Op, ComplexLong>(r, "exp2");
  addUnary<Log2Op, ComplexLong>(r, "log2");
  addUnary<Log10Op, ComplexLong>(r, "log10");
  addUnary<Expm1Op, ComplexLong>(r, "expm1");
  addUnary<Log1pOp, ComplexLong>(r, "log1p");
}

}  // namespace
}  // namespace complex_ops

void registerComplexLoops(LoopRegistry& r) { complex_ops::addComplexLoops(r); }

void registerComplexLongDoubleLoops(LoopRegistry& r) { complex_ops::addComplexLongDoubleLoops(r); }

}  // namespace ndinterop::ufunc
