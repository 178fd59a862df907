// The building blocks of ufunc inner loops: how an element of each dtype is
// loaded into the type the arithmetic uses and stored back, and the 1-d loop
// templates every kernel file instantiates.
//
// An inner loop has NumPy's shape: `data[k]` points at the first element of
// operand k (inputs, then outputs), `steps[k]` is its byte stride, and
// `count` elements are processed. Pointers may be unaligned (loads and stores
// go through memcpy, which compiles to plain moves), strides may be zero or
// negative, and an output may be exactly one of the inputs.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "core/dtype/half.h"

namespace ndinterop::ufunc {

using InnerLoop = void (*)(char* const* data, ptrdiff_t count, const ptrdiff_t* steps);

using Complex64 = std::complex<float>;
using Complex128 = std::complex<double>;
// longdouble ('g') is x86-64's 80-bit extended type in 16 bytes; clongdouble ('G') two of them.
using ComplexLong = std::complex<long double>;

// Element <-> arithmetic type. float16 and bfloat16 compute in float.
template <class T>
struct Element {
  using Compute = T;
  static Compute load(const char* p) {
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
  }
  static void store(char* p, Compute value) { std::memcpy(p, &value, sizeof(T)); }
};

template <>
struct Element<bool> {
  using Compute = bool;
  static bool load(const char* p) { return *reinterpret_cast<const unsigned char*>(p) != 0; }
  static void store(char* p, bool value) { *reinterpret_cast<unsigned char*>(p) = value ? 1 : 0; }
};

template <>
struct Element<Half> {
  using Compute = float;
  static float load(const char* p) {
    uint16_t bits;
    std::memcpy(&bits, p, sizeof bits);
    return halfBitsToFloat(bits);
  }
  static void store(char* p, float value) {
    const uint16_t bits = floatToHalfBits(value);
    std::memcpy(p, &bits, sizeof bits);
  }
};

template <>
struct Element<BFloat16> {
  using Compute = float;
  static float load(const char* p) {
    uint16_t bits;
    std::memcpy(&bits, p, sizeof bits);
    return bfloat16BitsToFloat(bits);
  }
  static void store(char* p, float value) {
    const uint16_t bits = floatToBFloat16Bits(value);
    std::memcpy(p, &bits, sizeof bits);
  }
};

template <class T>
using ComputeOf = typename Element<T>::Compute;

// A signed integer's unsigned twin of the same width, else T. Where the
// result's bits depend only on the operands' bits modulo 2^n (wrapping +, -,
// *, negation, the bitwise operations, the left shift, the identity, integer
// casts that do not widen), the signed loop and its twin's write the same
// bytes, so one instantiation serves both (addBinaryByBits, the products,
// the casts) and the kernels compile in less time.
template <class T, class = void>
struct BitsTwinOf {
  using type = T;
};
template <class T>
struct BitsTwinOf<T, std::enable_if_t<std::is_integral_v<T> && std::is_signed_v<T>>> {
  using type = std::make_unsigned_t<T>;
};
template <class T>
using BitsTwin = typename BitsTwinOf<T>::type;

template <class T>
inline constexpr bool kIsNarrowFloat = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;

// Ops may declare `static constexpr bool kWideAccumulate = true` to keep a
// float16 reduction's running value in float (NumPy does this for + - * /).
template <class Op, class = void>
struct WideAccumulate : std::false_type {};
template <class Op>
struct WideAccumulate<Op, std::void_t<decltype(Op::kWideAccumulate)>>
    : std::bool_constant<Op::kWideAccumulate> {};

// Ops may provide `reduce(acc, data, count, stride)`, used when a loop is
// called in NumPy's reduction pattern (output is input 0, both with stride 0).
template <class Op, class C, class T, class = void>
struct HasReduce : std::false_type {};
template <class Op, class C, class T>
struct HasReduce<Op, C, T,
                 std::void_t<decltype(Op::template reduce<T>(std::declval<C>(), std::declval<const char*>(),
                                                             ptrdiff_t{}, ptrdiff_t{}))>> : std::true_type {};

// float16 and bfloat16 loops run the float32 loop of the same operation:
// each block of inputs is widened to float32, the float32 loop runs over the
// block, and its float32 results are narrowed back (a bool or other
// non-narrow result is written in place). That is the arithmetic the
// element-by-element loop did (these types compute in float32, as NumPy's
// float16 loops do), and each operation's code exists once instead of three
// times. Reductions keep their own loop: NumPy rounds some float16 running
// values after every step.
namespace narrow_detail {

using Widen = void (*)(const char* in, ptrdiff_t step, float* out, ptrdiff_t count);
using Narrow = void (*)(const float* in, char* out, ptrdiff_t step, ptrdiff_t count);

// Contiguous runs are loops of their own, which the compiler vectorizes.
template <class T>
[[gnu::noinline]] void widen(const char* in, ptrdiff_t step, float* out, ptrdiff_t count) {
  if (step == static_cast<ptrdiff_t>(sizeof(T))) {
    for (ptrdiff_t i = 0; i < count; ++i) out[i] = Element<T>::load(in + i * static_cast<ptrdiff_t>(sizeof(T)));
    return;
  }
  for (ptrdiff_t i = 0; i < count; ++i, in += step) out[i] = Element<T>::load(in);
}

template <class T>
[[gnu::noinline]] void narrow(const float* in, char* out, ptrdiff_t step, ptrdiff_t count) {
  if (step == static_cast<ptrdiff_t>(sizeof(T))) {
    for (ptrdiff_t i = 0; i < count; ++i) Element<T>::store(out + i * static_cast<ptrdiff_t>(sizeof(T)), in[i]);
    return;
  }
  for (ptrdiff_t i = 0; i < count; ++i, out += step) Element<T>::store(out, in[i]);
}

// `inputs` (1 or 2) narrow inputs and one output; `narrowOut` is null when
// the float32 loop writes the output itself. An output with step 0 (every
// element to the same place, which an input may also be) goes one element
// at a time, so each step sees the previous one's result.
[[gnu::noinline]] inline void runBlocks(InnerLoop floatLoop, int inputs, Widen widenIn, Narrow narrowOut,
                                        char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  constexpr ptrdiff_t kBlock = 256;
  alignas(64) float widened[2][kBlock];
  alignas(64) float results[kBlock];
  const ptrdiff_t outStep = steps[inputs];
  const ptrdiff_t block = outStep == 0 ? 1 : kBlock;
  char* blockData[3];
  ptrdiff_t blockSteps[3];
  for (int k = 0; k < inputs; ++k) {
    blockData[k] = reinterpret_cast<char*>(widened[k]);
    blockSteps[k] = steps[k] == 0 ? 0 : static_cast<ptrdiff_t>(sizeof(float));
  }
  if (narrowOut) {
    blockData[inputs] = reinterpret_cast<char*>(results);
    blockSteps[inputs] = outStep == 0 ? 0 : static_cast<ptrdiff_t>(sizeof(float));
  } else {
    blockSteps[inputs] = outStep;
  }
  for (ptrdiff_t start = 0; start < count; start += block) {
    const ptrdiff_t n = count - start < block ? count - start : block;
    for (int k = 0; k < inputs; ++k) {
      // A step-0 input is widened once, unless the output may be writing it.
      if (steps[k] != 0 || start == 0 || outStep == 0) {
        widenIn(data[k] + start * steps[k], steps[k], widened[k], steps[k] == 0 ? 1 : n);
      }
    }
    if (!narrowOut) blockData[inputs] = data[inputs] + start * outStep;
    floatLoop(blockData, n, blockSteps);
    if (narrowOut) narrowOut(results, data[inputs] + start * outStep, outStep, outStep == 0 ? 1 : n);
  }
}

// Whether a loop from In to Out runs through runBlocks: narrow inputs, and an
// output of the same type or one that is not narrow.
template <class In, class Out>
inline constexpr bool kViaFloat32 = kIsNarrowFloat<In> && (std::is_same_v<In, Out> || !kIsNarrowFloat<Out>);

// The float32 result type standing in for Out.
template <class Out>
using FloatResult = std::conditional_t<kIsNarrowFloat<Out>, float, Out>;

template <class Out>
constexpr Narrow narrowerFor() {
  if constexpr (kIsNarrowFloat<Out>) return &narrow<Out>;
  else return nullptr;
}

}  // namespace narrow_detail

// Element by element, each converted to its compute type and back.
template <class In, class Out, class Op>
void unaryElements(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* in = data[0];
  char* out = data[1];
  const ptrdiff_t inStep = steps[0], outStep = steps[1];
  using OutC = ComputeOf<Out>;
  if (inStep == sizeof(In) && outStep == sizeof(Out)) {
    for (ptrdiff_t i = 0; i < count; ++i) {
      Element<Out>::store(out + i * ptrdiff_t(sizeof(Out)),
                          static_cast<OutC>(Op::apply(Element<In>::load(in + i * ptrdiff_t(sizeof(In))))));
    }
    return;
  }
  for (ptrdiff_t i = 0; i < count; ++i, in += inStep, out += outStep) {
    Element<Out>::store(out, static_cast<OutC>(Op::apply(Element<In>::load(in))));
  }
}

template <class In, class Out, class Op>
void unaryLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  if constexpr (narrow_detail::kViaFloat32<In, Out>) {
    using namespace narrow_detail;
    runBlocks(&unaryLoop<float, FloatResult<Out>, Op>, 1, &widen<In>, narrowerFor<Out>(), data, count, steps);
  } else {
    unaryElements<In, Out, Op>(data, count, steps);
  }
}

// One input, two outputs (modf, frexp): Op::apply(x, first, second).
template <class In, class Out1, class Out2, class Op>
void unaryTwoOutLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* in = data[0];
  char* out1 = data[1];
  char* out2 = data[2];
  for (ptrdiff_t i = 0; i < count; ++i, in += steps[0], out1 += steps[1], out2 += steps[2]) {
    ComputeOf<Out1> first;
    ComputeOf<Out2> second;
    Op::apply(Element<In>::load(in), first, second);
    Element<Out1>::store(out1, first);
    Element<Out2>::store(out2, second);
  }
}

// Two inputs, two outputs (divmod).
template <class T, class Op>
void binaryTwoOutLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* a = data[0];
  const char* b = data[1];
  char* out1 = data[2];
  char* out2 = data[3];
  for (ptrdiff_t i = 0; i < count; ++i, a += steps[0], b += steps[1], out1 += steps[2], out2 += steps[3]) {
    ComputeOf<T> first, second;
    Op::apply(Element<T>::load(a), Element<T>::load(b), first, second);
    Element<T>::store(out1, first);
    Element<T>::store(out2, second);
  }
}

template <class T, class Op>
void reduceLoop(char* acc, const char* in, ptrdiff_t count, ptrdiff_t inStep) {
  using C = ComputeOf<T>;
  if constexpr (HasReduce<Op, C, T>::value) {
    Element<T>::store(acc, Op::template reduce<T>(Element<T>::load(acc), in, count, inStep));
  } else if constexpr (kIsNarrowFloat<T> && !WideAccumulate<Op>::value) {
    // NumPy rounds a float16 running value after every step for these ops.
    for (ptrdiff_t i = 0; i < count; ++i, in += inStep) {
      Element<T>::store(acc, static_cast<C>(Op::apply(Element<T>::load(acc), Element<T>::load(in))));
    }
  } else {
    C value = Element<T>::load(acc);
    if (inStep == static_cast<ptrdiff_t>(sizeof(T))) {
      // Indexed from a fixed base: the compiler can keep several partial
      // values in vector lanes where the operation allows it (integers wrap,
      // so their sums and products come out the same in any order).
      for (ptrdiff_t i = 0; i < count; ++i) {
        value = static_cast<C>(Op::apply(value, Element<T>::load(in + i * static_cast<ptrdiff_t>(sizeof(T)))));
      }
    } else {
      for (ptrdiff_t i = 0; i < count; ++i, in += inStep) {
        value = static_cast<C>(Op::apply(value, Element<T>::load(in)));
      }
    }
    Element<T>::store(acc, value);
  }
}

// Element by element, with the contiguous and one-scalar layouts as loops of
// their own (the compiler vectorizes them).
template <class A, class B, class Out, class Op>
void binaryElements(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* a = data[0];
  const char* b = data[1];
  char* out = data[2];
  const ptrdiff_t aStep = steps[0], bStep = steps[1], outStep = steps[2];
  using OutC = ComputeOf<Out>;
  constexpr ptrdiff_t kA = sizeof(A), kB = sizeof(B), kOut = sizeof(Out);
  if (outStep == kOut) {
    if (aStep == kA && bStep == kB) {
      for (ptrdiff_t i = 0; i < count; ++i) {
        Element<Out>::store(out + i * kOut, static_cast<OutC>(Op::apply(Element<A>::load(a + i * kA),
                                                                        Element<B>::load(b + i * kB))));
      }
      return;
    }
    if (aStep == 0 && bStep == kB) {
      const auto x = Element<A>::load(a);
      for (ptrdiff_t i = 0; i < count; ++i) {
        Element<Out>::store(out + i * kOut, static_cast<OutC>(Op::apply(x, Element<B>::load(b + i * kB))));
      }
      return;
    }
    if (aStep == kA && bStep == 0) {
      const auto y = Element<B>::load(b);
      for (ptrdiff_t i = 0; i < count; ++i) {
        Element<Out>::store(out + i * kOut, static_cast<OutC>(Op::apply(Element<A>::load(a + i * kA), y)));
      }
      return;
    }
  }
  for (ptrdiff_t i = 0; i < count; ++i, a += aStep, b += bStep, out += outStep) {
    Element<Out>::store(out, static_cast<OutC>(Op::apply(Element<A>::load(a), Element<B>::load(b))));
  }
}

// Called in NumPy's reduction pattern (the output is input 0, both with step
// 0), a loop whose output type is its first input's runs reduceLoop.
template <class A, class B, class Out, class Op>
void binaryLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  if constexpr (std::is_same_v<A, Out>) {
    if (data[2] == data[0] && steps[0] == 0 && steps[2] == 0) {
      reduceLoop<Out, Op>(data[2], data[1], count, steps[1]);
      return;
    }
  }
  if constexpr (std::is_same_v<A, B> && narrow_detail::kViaFloat32<A, Out>) {
    using namespace narrow_detail;
    runBlocks(&binaryLoop<float, float, FloatResult<Out>, Op>, 2, &widen<A>, narrowerFor<Out>(), data, count,
              steps);
  } else {
    binaryElements<A, B, Out, Op>(data, count, steps);
  }
}

}  // namespace ndinterop::ufunc
