// Helpers the kernel files use to register loops under NumPy's signature
// strings. int64/uint64 answer to two type characters each ('l' and 'q',
// 'L' and 'Q'): NumPy lists a loop for both.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/ufunc/loop.h"
#include "core/ufunc/table.h"

namespace ndinterop::ufunc {

template <class T>
constexpr std::string_view typeChars() {
  if constexpr (std::is_same_v<T, bool>) return "?";
  else if constexpr (std::is_same_v<T, int8_t>) return "b";
  else if constexpr (std::is_same_v<T, uint8_t>) return "B";
  else if constexpr (std::is_same_v<T, int16_t>) return "h";
  else if constexpr (std::is_same_v<T, uint16_t>) return "H";
  else if constexpr (std::is_same_v<T, int32_t>) return "i";
  else if constexpr (std::is_same_v<T, uint32_t>) return "I";
  else if constexpr (std::is_same_v<T, int64_t>) return "lq";
  else if constexpr (std::is_same_v<T, uint64_t>) return "LQ";
  else if constexpr (std::is_same_v<T, Half>) return "e";
  else if constexpr (std::is_same_v<T, BFloat16>) return "E";
  else if constexpr (std::is_same_v<T, float>) return "f";
  else if constexpr (std::is_same_v<T, double>) return "d";
  else if constexpr (std::is_same_v<T, Complex64>) return "F";
  else if constexpr (std::is_same_v<T, Complex128>) return "D";
  else if constexpr (std::is_same_v<T, long double>) return "g";
  else if constexpr (std::is_same_v<T, ComplexLong>) return "G";
  else static_assert(sizeof(T) == 0, "no type character");
}

// Registers `function` under `pattern` with 'T' replaced by each character of
// T (so "TT->T" gives "ll->l" and "qq->q" for int64), and 'U' by the single
// character of U when given.
template <class T, class U = T>
void addPattern(LoopRegistry& registry, std::string_view ufunc, std::string_view pattern, InnerLoop function) {
  for (char c : typeChars<T>()) {
    std::string types(pattern);
    for (char& slot : types) {
      if (slot == 'T') slot = c;
      else if (slot == 'U') slot = typeChars<U>()[0];
    }
    registry.add(ufunc, types, function);
  }
}

// "TT->T" for each T.
template <class Op, class... Ts>
void addBinary(LoopRegistry& registry, std::string_view ufunc) {
  (addPattern<Ts>(registry, ufunc, "TT->T", &binaryLoop<Ts, Ts, Ts, Op>), ...);
}

// "TT->U" for each T (U fixed: comparisons give bool).
template <class Op, class Out, class... Ts>
void addBinaryTo(LoopRegistry& registry, std::string_view ufunc) {
  (addPattern<Ts, Out>(registry, ufunc, "TT->U", &binaryLoop<Ts, Ts, Out, Op>), ...);
}

// "T->T" for each T.
template <class Op, class... Ts>
void addUnary(LoopRegistry& registry, std::string_view ufunc) {
  (addPattern<Ts>(registry, ufunc, "T->T", &unaryLoop<Ts, Ts, Op>), ...);
}

// "TT->T" for each T, computed by BitsTwin<T>'s loop.
template <class Op, class... Ts>
void addBinaryByBits(LoopRegistry& registry, std::string_view ufunc) {
  (addPattern<Ts>(registry, ufunc, "TT->T", &binaryLoop<BitsTwin<Ts>, BitsTwin<Ts>, BitsTwin<Ts>, Op>), ...);
}

// "T->T" for each T, computed by BitsTwin<T>'s loop.
template <class Op, class... Ts>
void addUnaryByBits(LoopRegistry& registry, std::string_view ufunc) {
  (addPattern<Ts>(registry, ufunc, "T->T", &unaryLoop<BitsTwin<Ts>, BitsTwin<Ts>, Op>), ...);
}

// "T->U" for each T.
template <class Op, class Out, class... Ts>
void addUnaryTo(LoopRegistry& registry, std::string_view ufunc) {
  (addPattern<Ts, Out>(registry, ufunc, "T->U", &unaryLoop<Ts, Out, Op>), ...);
}

// Signed integer arithmetic that wraps like NumPy's (two's complement), done
// in an unsigned type at least as wide as int so no promotion overflows.
template <class T>
using WrapType = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;

template <class T>
inline T wrapAdd(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) + static_cast<WrapType<T>>(b));
}
template <class T>
inline T wrapSub(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) - static_cast<WrapType<T>>(b));
}
template <class T>
inline T wrapMul(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) * static_cast<WrapType<T>>(b));
}
template <class T>
inline T wrapNeg(T a) {
  return static_cast<T>(WrapType<T>(0) - static_cast<WrapType<T>>(a));
}

[[gnu::noinline, gnu::cold]] inline void raiseFpFlag(int flag) { std::feraiseexcept(flag); }

}  // namespace ndinterop::ufunc
