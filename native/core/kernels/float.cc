// Real floating-point functions: rounding, roots, exponentials and logs,
// trigonometric and hyperbolic functions, and NumPy's float helpers
// (copysign, nextafter, spacing, ldexp, frexp, modf, heaviside, logaddexp,
// logaddexp2, hypot, arctan2, degrees/radians). float16 and bfloat16 compute
// in float32 and round back, except nextafter and spacing, which step
// through their own bit patterns as NumPy's npy_half_nextafter/spacing do.
#include <climits>
#include <cmath>
#include <limits>

#include "core/kernels/float_bits.h"
#include "core/kernels/simd_math.h"
#include "core/ufunc/loop_signatures.h"

namespace ndinterop::ufunc {
namespace {

#define NDINTEROP_FLOAT_UNARY(Name, function)   \
  struct Name {                                 \
    template <class F>                          \
    static F apply(F x) { return function(x); } \
  };

NDINTEROP_FLOAT_UNARY(SqrtOp, std::sqrt)
NDINTEROP_FLOAT_UNARY(CbrtOp, std::cbrt)
NDINTEROP_FLOAT_UNARY(ExpOp, std::exp)
NDINTEROP_FLOAT_UNARY(Exp2Op, std::exp2)
NDINTEROP_FLOAT_UNARY(Expm1Op, std::expm1)
NDINTEROP_FLOAT_UNARY(LogOp, std::log)
NDINTEROP_FLOAT_UNARY(Log2Op, std::log2)
NDINTEROP_FLOAT_UNARY(Log10Op, std::log10)
NDINTEROP_FLOAT_UNARY(Log1pOp, std::log1p)
NDINTEROP_FLOAT_UNARY(SinOp, std::sin)
NDINTEROP_FLOAT_UNARY(CosOp, std::cos)
NDINTEROP_FLOAT_UNARY(TanOp, std::tan)
NDINTEROP_FLOAT_UNARY(ArcsinOp, std::asin)
NDINTEROP_FLOAT_UNARY(ArccosOp, std::acos)
NDINTEROP_FLOAT_UNARY(ArctanOp, std::atan)
NDINTEROP_FLOAT_UNARY(SinhOp, std::sinh)
NDINTEROP_FLOAT_UNARY(CoshOp, std::cosh)
NDINTEROP_FLOAT_UNARY(TanhOp, std::tanh)
NDINTEROP_FLOAT_UNARY(ArcsinhOp, std::asinh)
NDINTEROP_FLOAT_UNARY(ArccoshOp, std::acosh)
NDINTEROP_FLOAT_UNARY(ArctanhOp, std::atanh)
NDINTEROP_FLOAT_UNARY(RintOp, std::rint)
#undef NDINTEROP_FLOAT_UNARY

// floor, ceil and trunc also have bool and integer loops, which return their input.
#define NDINTEROP_ROUNDING(Name, function)                 \
  struct Name {                                            \
    template <class C>                                     \
    static C apply(C x) {                                  \
      if constexpr (std::is_integral_v<C>) return x;       \
      else return function(x);                             \
    }                                                      \
  };
NDINTEROP_ROUNDING(FloorOp, std::floor)
NDINTEROP_ROUNDING(CeilOp, std::ceil)
NDINTEROP_ROUNDING(TruncOp, std::trunc)
#undef NDINTEROP_ROUNDING

// long double uses NumPy's long double constants (NPY_PIl, NPY_LOG2El, ...).
template <class F>
inline F constantOf(double value, long double longValue) {
  if constexpr (std::is_same_v<F, long double>) return longValue;
  else return static_cast<F>(value);
}

struct DegreesOp {
  template <class F>
  static F apply(F x) {
    return x * constantOf<F>(180.0 / 3.141592653589793238462643383279502884,
                             180.0L / 3.141592653589793238462643383279502884L);
  }
};
struct RadiansOp {
  template <class F>
  static F apply(F x) {
    return x * constantOf<F>(3.141592653589793238462643383279502884 / 180.0,
                             3.141592653589793238462643383279502884L / 180.0L);
  }
};

struct Arctan2Op {
  template <class F>
  static F apply(F y, F x) { return std::atan2(y, x); }
};
struct HypotOp {
  template <class F>
  static F apply(F x, F y) { return std::hypot(x, y); }
};
struct CopysignOp {
  template <class F>
  static F apply(F x, F y) { return std::copysign(x, y); }
};
struct NextafterOp {
  template <class F>
  static F apply(F x, F y) { return std::nextafter(x, y); }
};
struct HeavisideOp {
  template <class F>
  static F apply(F x, F h0) {
    if (isNanBits(x)) return std::numeric_limits<F>::quiet_NaN();
    if (x == 0) return h0;
    return quietLess(x, F(0)) ? F(0) : F(1);
  }
};

// NumPy's npy_logaddexp / npy_logaddexp2.
struct LogaddexpOp {
  template <class F>
  static F apply(F x, F y) {
    if (x == y) return x + constantOf<F>(0.693147180559945309417232121458176568, 0.693147180559945309417232121458176568L);  // log(2); keeps infinities quiet
    const F difference = x - y;
    if (difference > 0) return x + std::log1p(std::exp(-difference));
    if (difference <= 0) return y + std::log1p(std::exp(difference));
    return difference;  // NaN
  }
};
struct Logaddexp2Op {
  template <class F>
  static F apply(F x, F y) {
    const F kLog2e = constantOf<F>(1.442695040888963407359924681001892137, 1.442695040888963407359924681001892137L);
    if (x == y) return x + 1;
    const F difference = x - y;
    if (difference > 0) return x + kLog2e * std::log1p(std::exp2(-difference));
    if (difference <= 0) return y + kLog2e * std::log1p(std::exp2(difference));
    return difference;
  }
};

// NumPy's spacing for float32/float64: the gap to the next value away from
// zero (upwards for zeros), NaN for infinities.
struct SpacingOp {
  template <class F>
  static F apply(F x) {
    if (std::isinf(x)) return std::numeric_limits<F>::quiet_NaN();
    const F direction = std::signbit(x) && x != 0 ? -std::numeric_limits<F>::infinity()
                                                   : std::numeric_limits<F>::infinity();
    return std::nextafter(x, direction) - x;
  }
};

// ldexp with an int32 or int64 exponent; int64 exponents clamp to int's range
// as NumPy does.
struct LdexpOp {
  template <class F, class E>
  static F apply(F x, E exponent) {
    int clamped;
    if constexpr (sizeof(E) > sizeof(int)) {
      clamped = exponent > INT_MAX ? INT_MAX : exponent < INT_MIN ? INT_MIN : static_cast<int>(exponent);
    } else {
      clamped = exponent;
    }
    return std::ldexp(x, clamped);
  }
};
struct FrexpOp {
  template <class F>
  static void apply(F x, F& mantissa, int32_t& exponent) {
    int e = 0;
    mantissa = std::frexp(x, &e);
    exponent = e;
  }
};
struct ModfOp {
  template <class F>
  static void apply(F x, F& fraction, F& integral) { fraction = std::modf(x, &integral); }
};

// float16 and bfloat16 as sign-magnitude bit patterns.
struct HalfFormat {
  using Storage = Half;
  static constexpr uint16_t kExponentMask = 0x7c00;
  static constexpr uint16_t kNan = 0x7e00;
  static float toFloat(uint16_t bits) { return halfBitsToFloat(bits); }
  static uint16_t fromFloat(float value) { return floatToHalfBits(value); }
};
struct BFloat16Format {
  using Storage = BFloat16;
  static constexpr uint16_t kExponentMask = 0x7f80;
  static constexpr uint16_t kNan = 0x7fc0;
  static float toFloat(uint16_t bits) { return bfloat16BitsToFloat(bits); }
  static uint16_t fromFloat(float value) { return floatToBFloat16Bits(value); }
};

template <class Format>
inline bool isNan16(uint16_t bits) {
  return (bits & Format::kExponentMask) == Format::kExponentMask && (bits & ~Format::kExponentMask & 0x7fff) != 0;
}

// npy_half_nextafter: x itself when x == y (so nextafter(0, -0) is +0).
template <class Format>
uint16_t nextafter16(uint16_t x, uint16_t y) {
  uint16_t result;
  if (isNan16<Format>(x) || isNan16<Format>(y)) {
    result = Format::kNan;
  } else if (Format::toFloat(x) == Format::toFloat(y)) {
    result = x;
  } else if ((x & 0x7fff) == 0) {
    result = static_cast<uint16_t>((y & 0x8000) + 1);  // smallest subnormal towards y
  } else if (!(x & 0x8000)) {
    result = static_cast<uint16_t>(Format::toFloat(x) > Format::toFloat(y) ? x - 1 : x + 1);
  } else {
    result = static_cast<uint16_t>(Format::toFloat(x) < Format::toFloat(y) ? x - 1 : x + 1);
  }
  const bool resultInf = (result & 0x7fff) == Format::kExponentMask;
  const bool xFinite = (x & Format::kExponentMask) != Format::kExponentMask;
  if (resultInf && xFinite) raiseFpFlag(FE_OVERFLOW);
  return result;
}

template <class Format>
void nextafter16Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* a = data[0];
  const char* b = data[1];
  char* out = data[2];
  for (ptrdiff_t i = 0; i < count; ++i, a += steps[0], b += steps[1], out += steps[2]) {
    uint16_t x, y;
    std::memcpy(&x, a, 2);
    std::memcpy(&y, b, 2);
    const uint16_t result = nextafter16<Format>(x, y);
    std::memcpy(out, &result, 2);
  }
}

// npy_half_spacing: the (positive) gap to the next value towards +inf.
template <class Format>
uint16_t spacing16(uint16_t x) {
  if ((x & Format::kExponentMask) == Format::kExponentMask) {
    raiseFpFlag(FE_INVALID);
    return Format::kNan;
  }
  const uint16_t next = nextafter16<Format>(x, Format::kExponentMask);  // towards +inf
  return Format::fromFloat(Format::toFloat(next) - Format::toFloat(x));
}

template <class Format>
void spacing16Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* in = data[0];
  char* out = data[1];
  for (ptrdiff_t i = 0; i < count; ++i, in += steps[0], out += steps[1]) {
    uint16_t x;
    std::memcpy(&x, in, 2);
    const uint16_t result = spacing16<Format>(x);
    std::memcpy(out, &result, 2);
  }
}

#define NDINTEROP_FLOATS Half, BFloat16, float, double
#define NDINTEROP_INTS int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t

template <class Op>
void addFloatUnary(LoopRegistry& r, std::string_view name) {
  addUnary<Op, NDINTEROP_FLOATS>(r, name);
}

// NumPy's SIMD loops for float32 sin, cos, exp, log and tanh, and for float64
// tanh, return the positive default NaN for any NaN input (-nan included);
// its float16 loops and the others keep the input NaN's sign.
template <class Op>
struct PositiveNanOp {
  template <class F>
  static F apply(F x) {
    if (isNanBits(x)) return std::numeric_limits<F>::quiet_NaN();
    return Op::apply(x);
  }
};

}  // namespace

void registerFloatLoops(LoopRegistry& r) {
  addFloatUnary<SqrtOp>(r, "sqrt");
  addFloatUnary<CbrtOp>(r, "cbrt");
  addUnary<ExpOp, Half, BFloat16>(r, "exp");
  addUnary<PositiveNanOp<ExpOp>, float>(r, "exp");
  r.add("exp", "d->d", &expFloat64Loop);
  addFloatUnary<Exp2Op>(r, "exp2");
  addFloatUnary<Expm1Op>(r, "expm1");
  addUnary<LogOp, Half, BFloat16, double>(r, "log");
  addUnary<PositiveNanOp<LogOp>, float>(r, "log");
  addFloatUnary<Log2Op>(r, "log2");
  addFloatUnary<Log10Op>(r, "log10");
  addFloatUnary<Log1pOp>(r, "log1p");
  addUnary<SinOp, Half, BFloat16>(r, "sin");
  addUnary<PositiveNanOp<SinOp>, float>(r, "sin");
  r.add("sin", "d->d", &sinFloat64Loop);
  addUnary<CosOp, Half, BFloat16>(r, "cos");
  addUnary<PositiveNanOp<CosOp>, float>(r, "cos");
  r.add("cos", "d->d", &cosFloat64Loop);
  addFloatUnary<TanOp>(r, "tan");
  addFloatUnary<ArcsinOp>(r, "arcsin");
  addFloatUnary<ArccosOp>(r, "arccos");
  addFloatUnary<ArctanOp>(r, "arctan");
  addFloatUnary<SinhOp>(r, "sinh");
  addFloatUnary<CoshOp>(r, "cosh");
  addUnary<TanhOp, Half, BFloat16>(r, "tanh");
  addUnary<PositiveNanOp<TanhOp>, float, double>(r, "tanh");
  addFloatUnary<ArcsinhOp>(r, "arcsinh");
  addFloatUnary<ArccoshOp>(r, "arccosh");
  addFloatUnary<ArctanhOp>(r, "arctanh");
  addFloatUnary<RintOp>(r, "rint");
  addFloatUnary<DegreesOp>(r, "degrees");
  addFloatUnary<DegreesOp>(r, "rad2deg");
  addFloatUnary<RadiansOp>(r, "radians");
  addFloatUnary<RadiansOp>(r, "deg2rad");
  addUnaryByBits<FloorOp, bool, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "floor");
  addUnaryByBits<CeilOp, bool, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "ceil");
  addUnaryByBits<TruncOp, bool, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "trunc");
  addUnary<SpacingOp, float, double>(r, "spacing");
  r.add("spacing", "e->e", &spacing16Loop<HalfFormat>);
  r.add("spacing", "E->E", &spacing16Loop<BFloat16Format>);

  addBinary<Arctan2Op, NDINTEROP_FLOATS>(r, "arctan2");
  addBinary<HypotOp, NDINTEROP_FLOATS>(r, "hypot");
  addBinary<CopysignOp, NDINTEROP_FLOATS>(r, "copysign");
  addBinary<HeavisideOp, NDINTEROP_FLOATS>(r, "heaviside");
  addBinary<LogaddexpOp, NDINTEROP_FLOATS>(r, "logaddexp");
  addBinary<Logaddexp2Op, NDINTEROP_FLOATS>(r, "logaddexp2");
  addBinary<NextafterOp, float, double>(r, "nextafter");
  r.add("nextafter", "ee->e", &nextafter16Loop<HalfFormat>);
  r.add("nextafter", "EE->E", &nextafter16Loop<BFloat16Format>);

  r.add("ldexp", "ei->e", &binaryLoop<Half, int32_t, Half, LdexpOp>);
  r.add("ldexp", "Ei->E", &binaryLoop<BFloat16, int32_t, BFloat16, LdexpOp>);
  r.add("ldexp", "fi->f", &binaryLoop<float, int32_t, float, LdexpOp>);
  r.add("ldexp", "di->d", &binaryLoop<double, int32_t, double, LdexpOp>);
  r.add("ldexp", "el->e", &binaryLoop<Half, int64_t, Half, LdexpOp>);
  r.add("ldexp", "El->E", &binaryLoop<BFloat16, int64_t, BFloat16, LdexpOp>);
  r.add("ldexp", "fl->f", &binaryLoop<float, int64_t, float, LdexpOp>);
  r.add("ldexp", "dl->d", &binaryLoop<double, int64_t, double, LdexpOp>);
  r.add("frexp", "e->ei", &unaryTwoOutLoop<Half, Half, int32_t, FrexpOp>);
  r.add("frexp", "E->Ei", &unaryTwoOutLoop<BFloat16, BFloat16, int32_t, FrexpOp>);
  r.add("frexp", "f->fi", &unaryTwoOutLoop<float, float, int32_t, FrexpOp>);
  r.add("frexp", "d->di", &unaryTwoOutLoop<double, double, int32_t, FrexpOp>);
  r.add("modf", "e->ee", &unaryTwoOutLoop<Half, Half, Half, ModfOp>);
  r.add("modf", "E->EE", &unaryTwoOutLoop<BFloat16, BFloat16, BFloat16, ModfOp>);
  r.add("modf", "f->ff", &unaryTwoOutLoop<float, float, float, ModfOp>);
  r.add("modf", "d->dd", &unaryTwoOutLoop<double, double, double, ModfOp>);
}

// longdouble ('g'): every real float function NumPy has a 'g' loop for.
void registerFloatLongDoubleLoops(LoopRegistry& r) {
  using LD = long double;
  addUnary<SqrtOp, LD>(r, "sqrt");
  addUnary<CbrtOp, LD>(r, "cbrt");
  addUnary<ExpOp, LD>(r, "exp");
  addUnary<Exp2Op, LD>(r, "exp2");
  addUnary<Expm1Op, LD>(r, "expm1");
  addUnary<LogOp, LD>(r, "log");
  addUnary<Log2Op, LD>(r, "log2");
  addUnary<Log10Op, LD>(r, "log10");
  addUnary<Log1pOp, LD>(r, "log1p");
  addUnary<SinOp, LD>(r, "sin");
  addUnary<CosOp, LD>(r, "cos");
  addUnary<TanOp, LD>(r, "tan");
  addUnary<ArcsinOp, LD>(r, "arcsin");
  addUnary<ArccosOp, LD>(r, "arccos");
  addUnary<ArctanOp, LD>(r, "arctan");
  addUnary<SinhOp, LD>(r, "sinh");
  addUnary<CoshOp, LD>(r, "cosh");
  addUnary<TanhOp, LD>(r, "tanh");
  addUnary<ArcsinhOp, LD>(r, "arcsinh");
  addUnary<ArccoshOp, LD>(r, "arccosh");
  addUnary<ArctanhOp, LD>(r, "arctanh");
  addUnary<RintOp, LD>(r, "rint");
  addUnary<DegreesOp, LD>(r, "degrees");
  addUnary<DegreesOp, LD>(r, "rad2deg");
  addUnary<RadiansOp, LD>(r, "radians");
  addUnary<RadiansOp, LD>(r, "deg2rad");
  addUnary<FloorOp, LD>(r, "floor");
  addUnary<CeilOp, LD>(r, "ceil");
  addUnary<TruncOp, LD>(r, "trunc");
  addUnary<SpacingOp, LD>(r, "spacing");
  addBinary<Arctan2Op, LD>(r, "arctan2");
  addBinary<HypotOp, LD>(r, "hypot");
  addBinary<CopysignOp, LD>(r, "copysign");
  addBinary<HeavisideOp, LD>(r, "heaviside");
  addBinary<LogaddexpOp, LD>(r, "logaddexp");
  addBinary<Logaddexp2Op, LD>(r, "logaddexp2");
  addBinary<NextafterOp, LD>(r, "nextafter");
  r.add("ldexp", "gi->g", &binaryLoop<LD, int32_t, LD, LdexpOp>);
  r.add("ldexp", "gl->g", &binaryLoop<LD, int64_t, LD, LdexpOp>);
  r.add("frexp", "g->gi", &unaryTwoOutLoop<LD, LD, int32_t, FrexpOp>);
  r.add("modf", "g->gg", &unaryTwoOutLoop<LD, LD, LD, ModfOp>);
}

}  // namespace ndinterop::ufunc
