// Division-like ufuncs (floor_divide, remainder, fmod, divmod) for integers
// and floats, integer power, bitwise ops, shifts, gcd/lcm, bitwise_count.
//
// NumPy's integer rules: division and remainder by zero give 0 and raise
// "divide by zero"; MIN // -1 gives MIN and raises "overflow"; a shift by a
// negative amount or by the bit width or more gives 0 (or -1 for a right
// shift of a negative value).
#include <cmath>
#include <limits>

#include "core/ufunc/fp_flags.h"
#include "core/ufunc/loop_signatures.h"

namespace ndinterop::ufunc {
namespace {

template <class T>
inline constexpr bool kIsSignedInt = std::is_integral_v<T> && std::is_signed_v<T>;

template <class T>
inline T intFloorDivide(T a, T b) {
  if (b == 0) {
    raiseFpFlag(FE_DIVBYZERO);
    return 0;
  }
  if constexpr (kIsSignedInt<T>) {
    if (a == std::numeric_limits<T>::min() && b == -1) {
      raiseFpFlag(FE_OVERFLOW);
      return a;
    }
    T quotient = static_cast<T>(a / b);
    if ((a % b != 0) && ((a < 0) != (b < 0))) --quotient;
    return quotient;
  } else {
    return static_cast<T>(a / b);
  }
}

template <class T>
inline T intRemainder(T a, T b) {
  if (b == 0) {
    raiseFpFlag(FE_DIVBYZERO);
    return 0;
  }
  if constexpr (kIsSignedInt<T>) {
    if (b == -1) return 0;  // also MIN % -1, which C leaves undefined
    T remainder = static_cast<T>(a % b);
    if (remainder != 0 && ((remainder < 0) != (b < 0))) remainder = static_cast<T>(remainder + b);
    return remainder;
  } else {
    return static_cast<T>(a % b);
  }
}

template <class T>
inline T intFmod(T a, T b) {
  if (b == 0) {
    raiseFpFlag(FE_DIVBYZERO);
    return 0;
  }
  if constexpr (kIsSignedInt<T>) {
    if (b == -1) return 0;
  }
  return static_cast<T>(a % b);
}

// NumPy's npy_divmod for floats: floor division and a remainder with the
// divisor's sign, consistent with each other.
template <class F>
inline F floatDivmod(F a, F b, F& modulus) {
  F mod = std::fmod(a, b);
  if (b == 0) {
    modulus = mod;
    return a / b;
  }
  F div = (a - mod) / b;
  if (mod != 0) {
    if (std::isless(b, F(0)) != std::isless(mod, F(0))) {
      mod += b;
      div -= F(1);
    }
  } else {
    mod = std::copysign(F(0), b);
  }
  F floorDiv;
  if (div != 0) {
    floorDiv = std::floor(div);
    if (std::isgreater(div - floorDiv, F(0.5))) floorDiv += F(1);
  } else {
    floorDiv = std::copysign(F(0), a / b);
  }
  modulus = mod;
  return floorDiv;
}

template <class F>
inline F floatFloorDivide(F a, F b) {
  if (b == 0) {
    // NumPy's flags: 0/0 is invalid, finite/0 divides by zero, and an
    // infinity or a NaN (already a result of its own) raises nothing.
    const F quotient = a / b;
    if (a == 0) raiseFpFlag(FE_INVALID);
    else if (std::isfinite(a)) raiseFpFlag(FE_DIVBYZERO);
    return quotient;
  }
  F modulus;
  return floatDivmod(a, b, modulus);
}

template <class F>
inline F floatRemainder(F a, F b) {
  if (b == 0) return std::fmod(a, b);
  F modulus;
  floatDivmod(a, b, modulus);
  return modulus;
}

struct FloorDivideOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_integral_v<C>) return intFloorDivide(a, b);
    else return floatFloorDivide(a, b);
  }
};
struct RemainderOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_integral_v<C>) return intRemainder(a, b);
    else return floatRemainder(a, b);
  }
};
struct FmodOp {
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_integral_v<C>) return intFmod(a, b);
    else return std::fmod(a, b);
  }
};
struct DivmodOp {
  template <class C>
  static void apply(C a, C b, C& quotient, C& remainder) {
    if constexpr (std::is_integral_v<C>) {
      quotient = intFloorDivide(a, b);
      if (b == 0) {
        remainder = 0;
      } else {
        remainder = intRemainder(a, b);
      }
    } else {
      if (b == 0) {
        quotient = floatFloorDivide(a, b);
        remainder = std::fmod(a, b);
      } else {
        quotient = floatDivmod(a, b, remainder);
      }
    }
  }
};

// Integer power by squaring, wrapping like NumPy. Negative exponents are
// rejected by the JS layer; if one arrives anyway the result is 0.
struct PowerOp {
  template <class C>
  static C apply(C base, C exponent) {
    if constexpr (std::is_integral_v<C>) {
      if constexpr (kIsSignedInt<C>) {
        if (exponent < 0) return 0;
      }
      C result = 1;
      while (exponent != 0) {
        if (exponent & 1) result = wrapMul(result, base);
        base = wrapMul(base, base);
        exponent = static_cast<C>(exponent >> 1);
      }
      return result;
    } else {
      return std::pow(base, exponent);
    }
  }
};

struct BitwiseAndOp {
  template <class C>
  static C apply(C a, C b) { return static_cast<C>(a & b); }
};
struct BitwiseOrOp {
  template <class C>
  static C apply(C a, C b) { return static_cast<C>(a | b); }
};
struct BitwiseXorOp {
  template <class C>
  static C apply(C a, C b) { return static_cast<C>(a ^ b); }
};
struct InvertOp {
  template <class C>
  static C apply(C a) {
    if constexpr (std::is_same_v<C, bool>) return !a;
    else return static_cast<C>(~a);
  }
};

struct LeftShiftOp {
  template <class C>
  static C apply(C a, C b) {
    constexpr auto kBits = sizeof(C) * 8;
    if (static_cast<std::make_unsigned_t<C>>(b) >= kBits) return 0;
    return static_cast<C>(static_cast<WrapType<C>>(a) << b);
  }
};
struct RightShiftOp {
  template <class C>
  static C apply(C a, C b) {
    constexpr auto kBits = sizeof(C) * 8;
    if (static_cast<std::make_unsigned_t<C>>(b) >= kBits) {
      if constexpr (kIsSignedInt<C>) return a < 0 ? C(-1) : C(0);
      else return 0;
    }
    return static_cast<C>(a >> b);
  }
};

template <class U>
inline U unsignedGcd(U a, U b) {
  while (b != 0) {
    const U rest = static_cast<U>(a % b);
    a = b;
    b = rest;
  }
  return a;
}

// int8/int16 gcd and lcm run in int (C promotion), then wrap on store.
template <class T>
using GcdType = std::conditional_t<(sizeof(T) < sizeof(int)), std::conditional_t<kIsSignedInt<T>, int, unsigned>, T>;

template <class W>
inline std::make_unsigned_t<W> magnitude(W value) {
  using U = std::make_unsigned_t<W>;
  if constexpr (std::is_signed_v<W>) {
    return value < 0 ? static_cast<U>(U(0) - static_cast<U>(value)) : static_cast<U>(value);
  } else {
    return value;
  }
}

struct GcdOp {
  template <class C>
  static C apply(C a, C b) {
    using W = GcdType<C>;
    return static_cast<C>(unsignedGcd(magnitude<W>(a), magnitude<W>(b)));
  }
};
struct LcmOp {
  template <class C>
  static C apply(C a, C b) {
    using W = GcdType<C>;
    using U = std::make_unsigned_t<W>;
    const U magnitudeA = magnitude<W>(a), magnitudeB = magnitude<W>(b);
    const U gcd = unsignedGcd(magnitudeA, magnitudeB);
    if (gcd == 0) return 0;
    // NumPy: |a| / gcd * |b|, wrapping (no absolute value taken afterwards).
    return static_cast<C>(static_cast<U>(static_cast<U>(magnitudeA / gcd) * magnitudeB));
  }
};

struct BitwiseCountOp {
  template <class C>
  static uint8_t apply(C a) {
    using U = std::make_unsigned_t<C>;
    U magnitude = static_cast<U>(a);
    if constexpr (kIsSignedInt<C>) {
      if (a < 0) magnitude = static_cast<U>(U(0) - magnitude);
    }
    return static_cast<uint8_t>(__builtin_popcountll(static_cast<unsigned long long>(magnitude)));
  }
};

#define NDINTEROP_INTS int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t
#define NDINTEROP_FLOATS Half, BFloat16, float, double

// clang vectorizes a variable shift of 8-, 16- and 32-bit lanes without
// AVX-512 through float conversions (2^b as a float), which raise
// "invalid"; NumPy's shifts raise nothing. Built with clang, the shift loops
// put back the floating-point flags they found.
#if defined(__clang__)
template <class T, class Op>
void shiftLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const int before = raisedFpExceptions(FE_ALL_EXCEPT);
  binaryLoop<T, T, T, Op>(data, count, steps);
  clearFpExceptions(FE_ALL_EXCEPT & ~before);
}

template <class Op, bool kByBits, class... Ts>
void addShift(LoopRegistry& r, std::string_view name) {
  (addPattern<Ts>(r, name, "TT->T", &shiftLoop<std::conditional_t<kByBits, BitsTwin<Ts>, Ts>, Op>), ...);
}
#else
template <class Op, bool kByBits, class... Ts>
void addShift(LoopRegistry& r, std::string_view name) {
  if constexpr (kByBits) addBinaryByBits<Op, Ts...>(r, name);
  else addBinary<Op, Ts...>(r, name);
}
#endif

}  // namespace

void registerIntegerLoops(LoopRegistry& r) {
  addBinary<FloorDivideOp, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "floor_divide");
  addBinary<RemainderOp, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "remainder");
  addBinary<FmodOp, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "fmod");
  addBinary<PowerOp, NDINTEROP_INTS, NDINTEROP_FLOATS>(r, "power");
  addBinary<PowerOp, double>(r, "float_power");
  addPattern<int8_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<int8_t, DivmodOp>);
  addPattern<uint8_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<uint8_t, DivmodOp>);
  addPattern<int16_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<int16_t, DivmodOp>);
  addPattern<uint16_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<uint16_t, DivmodOp>);
  addPattern<int32_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<int32_t, DivmodOp>);
  addPattern<uint32_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<uint32_t, DivmodOp>);
  addPattern<int64_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<int64_t, DivmodOp>);
  addPattern<uint64_t>(r, "divmod", "TT->TT", &binaryTwoOutLoop<uint64_t, DivmodOp>);
  addPattern<Half>(r, "divmod", "TT->TT", &binaryTwoOutLoop<Half, DivmodOp>);
  addPattern<BFloat16>(r, "divmod", "TT->TT", &binaryTwoOutLoop<BFloat16, DivmodOp>);
  addPattern<float>(r, "divmod", "TT->TT", &binaryTwoOutLoop<float, DivmodOp>);
  addPattern<double>(r, "divmod", "TT->TT", &binaryTwoOutLoop<double, DivmodOp>);

  addBinaryByBits<BitwiseAndOp, bool, NDINTEROP_INTS>(r, "bitwise_and");
  addBinaryByBits<BitwiseOrOp, bool, NDINTEROP_INTS>(r, "bitwise_or");
  addBinaryByBits<BitwiseXorOp, bool, NDINTEROP_INTS>(r, "bitwise_xor");
  addUnaryByBits<InvertOp, bool, NDINTEROP_INTS>(r, "invert");
  // A left shift's low bits are the same for either sign; a right shift's are not.
  addShift<LeftShiftOp, true, NDINTEROP_INTS>(r, "left_shift");
  addShift<RightShiftOp, false, NDINTEROP_INTS>(r, "right_shift");
  addBinary<GcdOp, NDINTEROP_INTS>(r, "gcd");
  addBinary<LcmOp, NDINTEROP_INTS>(r, "lcm");
  addUnaryTo<BitwiseCountOp, uint8_t, NDINTEROP_INTS>(r, "bitwise_count");
}

// longdouble ('g'): floor_divide, remainder, fmod, power, float_power, divmod.
void registerIntegerLongDoubleLoops(LoopRegistry& r) {
  addBinary<FloorDivideOp, long double>(r, "floor_divide");
  addBinary<RemainderOp, long double>(r, "remainder");
  addBinary<FmodOp, long double>(r, "fmod");
  addBinary<PowerOp, long double>(r, "power");
  addBinary<PowerOp, long double>(r, "float_power");
  addPattern<long double>(r, "divmod", "TT->TT", &binaryTwoOutLoop<long double, DivmodOp>);
}

}  // namespace ndinterop::ufunc
