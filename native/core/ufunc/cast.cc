#include "core/ufunc/cast.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>
#include <vector>

#include "core/base/parallel.h"

#include "core/ufunc/cast_convert.h"
#include "core/ufunc/fp_flags.h"
#include "core/ufunc/loop.h"

namespace ndinterop {
namespace {

using ufunc::Complex128;
using ufunc::Complex64;
using ufunc::ComputeOf;
using ufunc::Element;

template <class T>
inline constexpr bool kIsComplex =
    std::is_same_v<T, Complex64> || std::is_same_v<T, Complex128> || std::is_same_v<T, ufunc::ComplexLong>;

// Converts one value from the arithmetic type of From (`value`) to To.
template <class To, class From>
inline void convertStore(char* out, ComputeOf<From> value) {
  if constexpr (kIsComplex<From>) {
    if constexpr (std::is_same_v<To, bool>) {
      Element<bool>::store(out, value.real() != 0 || value.imag() != 0);
    } else if constexpr (kIsComplex<To>) {
      using Part = typename To::value_type;
      Element<To>::store(out, To(static_cast<Part>(value.real()), static_cast<Part>(value.imag())));
    } else {
      convertStore<To, typename From::value_type>(out, value.real());
    }
  } else if constexpr (kIsComplex<To>) {
    using Part = typename To::value_type;
    char real[sizeof(Part)];
    convertStore<Part, From>(real, value);
    Part part;
    std::memcpy(&part, real, sizeof part);
    Element<To>::store(out, To(part, Part(0)));
  } else if constexpr (std::is_same_v<To, bool>) {
    Element<bool>::store(out, value != 0);
  } else if constexpr (std::is_same_v<To, Half>) {
    uint16_t bits;
    if constexpr (std::is_floating_point_v<ComputeOf<From>> && sizeof(ComputeOf<From>) == sizeof(float)) {
      bits = floatToHalfBits(value);
    } else {
      bits = doubleToHalfBits(static_cast<double>(value));  // one rounding from float64 and integers
    }
    std::memcpy(out, &bits, sizeof bits);
  } else if constexpr (std::is_same_v<To, BFloat16>) {
    uint16_t bits;
    if constexpr (std::is_floating_point_v<ComputeOf<From>> && sizeof(ComputeOf<From>) == sizeof(float)) {
      bits = floatToBFloat16Bits(value);
    } else {
      bits = doubleToBFloat16Bits(static_cast<double>(value));
    }
    std::memcpy(out, &bits, sizeof bits);
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<ComputeOf<From>>) {
    Element<To>::store(out, floatToInteger<To>(value));
  } else {
    Element<To>::store(out, static_cast<To>(value));
  }
}

// float32/float64 -> uint32 as NumPy computes it: blocks of 4 contiguous
// elements in the vector form, the rest (and strided data) in the scalar form.
template <class From>
void floatToUInt32Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const char* in = data[0];
  char* out = data[1];
  ptrdiff_t vectorCount = 0;
  if (steps[0] == sizeof(From) && steps[1] == sizeof(uint32_t)) vectorCount = count - count % 4;
  ptrdiff_t i = 0;
  for (; i < vectorCount; ++i, in += steps[0], out += steps[1]) {
    Element<uint32_t>::store(out, floatToInteger<uint32_t>(Element<From>::load(in)));
  }
  for (; i < count; ++i, in += steps[0], out += steps[1]) {
    Element<uint32_t>::store(out, floatToUInt32Scalar(Element<From>::load(in)));
  }
}

template <class From, class To>
void castLoop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  if constexpr (std::is_same_v<To, uint32_t> && std::is_floating_point_v<From> && !std::is_same_v<From, long double>) {
    floatToUInt32Loop<From>(data, count, steps);
    return;
  } else if constexpr (std::is_same_v<To, uint32_t> && std::is_same_v<From, Half>) {
    // NumPy's float16 casts are not vectorized: always the scalar form.
    const char* in = data[0];
    char* out = data[1];
    for (ptrdiff_t i = 0; i < count; ++i, in += steps[0], out += steps[1]) {
      Element<uint32_t>::store(out, floatToUInt32Scalar(Element<Half>::load(in)));
    }
    return;
  }
  const char* in = data[0];
  char* out = data[1];
  if (steps[0] == sizeof(From) && steps[1] == sizeof(To)) {
    for (ptrdiff_t i = 0; i < count; ++i) {
      convertStore<To, From>(out + i * ptrdiff_t(sizeof(To)), Element<From>::load(in + i * ptrdiff_t(sizeof(From))));
    }
    return;
  }
  for (ptrdiff_t i = 0; i < count; ++i, in += steps[0], out += steps[1]) {
    convertStore<To, From>(out, Element<From>::load(in));
  }
}

template <class F>
auto visitType(DTypeId id, F&& visit) {
  switch (id) {
    case DTypeId::kBool: return visit(static_cast<bool*>(nullptr));
    case DTypeId::kInt8: return visit(static_cast<int8_t*>(nullptr));
    case DTypeId::kUInt8: return visit(static_cast<uint8_t*>(nullptr));
    case DTypeId::kInt16: return visit(static_cast<int16_t*>(nullptr));
    case DTypeId::kUInt16: return visit(static_cast<uint16_t*>(nullptr));
    case DTypeId::kInt32: return visit(static_cast<int32_t*>(nullptr));
    case DTypeId::kUInt32: return visit(static_cast<uint32_t*>(nullptr));
    case DTypeId::kInt64: return visit(static_cast<int64_t*>(nullptr));
    case DTypeId::kUInt64: return visit(static_cast<uint64_t*>(nullptr));
    case DTypeId::kFloat16: return visit(static_cast<Half*>(nullptr));
    case DTypeId::kBFloat16: return visit(static_cast<BFloat16*>(nullptr));
    case DTypeId::kFloat32: return visit(static_cast<float*>(nullptr));
    case DTypeId::kFloat64: return visit(static_cast<double*>(nullptr));
    case DTypeId::kLongDouble: return visit(static_cast<long double*>(nullptr));
    case DTypeId::kComplex64: return visit(static_cast<Complex64*>(nullptr));
    case DTypeId::kCLongDouble: return visit(static_cast<ufunc::ComplexLong*>(nullptr));
    default: return visit(static_cast<Complex128*>(nullptr));
  }
}

ufunc::InnerLoop findCastLoop(DTypeId from, DTypeId to) {
  return visitType(from, [to](auto* fromTag) {
    using From = std::remove_pointer_t<decltype(fromTag)>;
    return visitType(to, [](auto* toTag) -> ufunc::InnerLoop {
      using To = std::remove_pointer_t<decltype(toTag)>;
      if constexpr (std::is_integral_v<From> && std::is_integral_v<To>) {
        // Between integers (bool included) the target's sign never changes
        // the bytes (conversions are modular), and the source's only when it
        // is extended into a wider target: a narrowing or same-width cast
        // keeps the low bits, and a cast to bool tests for zero. Casts that
        // write the same bytes share one loop (ufunc::BitsTwin).
        constexpr bool kExtends = !std::is_same_v<To, bool> && sizeof(From) < sizeof(To);
        using Source = std::conditional_t<kExtends, From, ufunc::BitsTwin<From>>;
        return &castLoop<Source, ufunc::BitsTwin<To>>;
      } else {
        return &castLoop<From, To>;
      }
    });
  });
}

// Reverses the bytes of each element (each half separately for complex).
void swapElements(char* data, ptrdiff_t count, size_t itemsize, bool complex) {
  const size_t part = complex ? itemsize / 2 : itemsize;
  for (ptrdiff_t i = 0; i < count; ++i) {
    for (size_t offset = 0; offset < itemsize; offset += part) {
      std::reverse(data + i * itemsize + offset, data + i * itemsize + offset + part);
    }
  }
}

void castRow(void* context, char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  runCastStep(*static_cast<const CastStep*>(context), data, count, steps);
}

}  // namespace

CastStep makeCastStep(DTypeId from, bool fromSwapped, DTypeId to, bool toSwapped) {
  return {findCastLoop(from, to),
          dtypeInfo(from).itemsize,
          dtypeInfo(to).itemsize,
          fromSwapped && dtypeInfo(from).itemsize > 1,
          toSwapped && dtypeInfo(to).itemsize > 1,
          dtypeInfo(from).kind == 'c',
          dtypeInfo(to).kind == 'c'};
}

void runCastStep(const CastStep& cast, char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  if (!cast.swapSource && !cast.swapDestination) {
    cast.loop(data, count, steps);
    return;
  }
  // Byte-swapped sides go through small native-order buffers.
  constexpr ptrdiff_t kChunk = 256;
  constexpr ptrdiff_t kMaxItemsize = 32;  // clongdouble
  alignas(16) char sourceBuffer[kChunk * kMaxItemsize];
  alignas(16) char destinationBuffer[kChunk * kMaxItemsize];
  const ptrdiff_t sourceSize = static_cast<ptrdiff_t>(cast.sourceItemsize);
  const ptrdiff_t destinationSize = static_cast<ptrdiff_t>(cast.destinationItemsize);
  for (ptrdiff_t start = 0; start < count; start += kChunk) {
    const ptrdiff_t n = std::min(kChunk, count - start);
    char* source = data[0] + start * steps[0];
    char* destination = data[1] + start * steps[1];
    char* chunkData[2] = {source, destination};
    ptrdiff_t chunkSteps[2] = {steps[0], steps[1]};
    if (cast.swapSource) {
      for (ptrdiff_t i = 0; i < n; ++i) std::memcpy(sourceBuffer + i * sourceSize, source + i * steps[0], sourceSize);
      swapElements(sourceBuffer, n, cast.sourceItemsize, cast.sourceComplex);
      chunkData[0] = sourceBuffer;
      chunkSteps[0] = sourceSize;
    }
    if (cast.swapDestination) {
      chunkData[1] = destinationBuffer;
      chunkSteps[1] = destinationSize;
    }
    cast.loop(chunkData, n, chunkSteps);
    if (cast.swapDestination) {
      swapElements(destinationBuffer, n, cast.destinationItemsize, cast.destinationComplex);
      for (ptrdiff_t i = 0; i < n; ++i) {
        std::memcpy(destination + i * steps[1], destinationBuffer + i * destinationSize, destinationSize);
      }
    }
  }
}

int castDirect(const CastStep& step, char* const* data, const ptrdiff_t* steps, size_t count) {
  const size_t parts = std::min(parallelWidth(), count / (kCastSplitElements / 2));
  if (parts > 1) {
    // Several chunks per thread, taken in turn: a thread the machine
    // schedules late does fewer of them instead of holding the call up.
    constexpr size_t kChunksPerThread = 8;
    const size_t chunks = parts * kChunksPerThread;
    std::atomic<size_t> nextChunk{0};
    std::vector<int> partFlags(parts, 0);
    const bool ran = runParallel(parts, [&](size_t part) {
      ufunc::clearFpFlags();
      for (size_t chunk = nextChunk++; chunk < chunks; chunk = nextChunk++) {
        const size_t begin = count * chunk / chunks;
        const size_t end = count * (chunk + 1) / chunks;
        char* const slice[2] = {data[0] + static_cast<ptrdiff_t>(begin) * steps[0],
                                data[1] + static_cast<ptrdiff_t>(begin) * steps[1]};
        runCastStep(step, slice, static_cast<ptrdiff_t>(end - begin), steps);
      }
      partFlags[part] = ufunc::readFpFlags();
    });
    if (ran) {
      int flags = 0;
      for (int f : partFlags) flags |= f;
      return flags;
    }
  }
  ufunc::clearFpFlags();
  if (count > 0) runCastStep(step, data, static_cast<ptrdiff_t>(count), steps);
  return ufunc::readFpFlags();
}

bool isCastable(DTypeId id) { return dtypeInfo(id).numeric; }

Status castExec(const CastOperand& source, const CastOperand& destination, const std::vector<ptrdiff_t>& shape,
                int* flags) {
  for (const CastOperand* side : {&source, &destination}) {
    if (!isCastable(side->dtype)) {
      return Status::Error(ErrorCode::kInvalidDType, std::string("expected a numeric dtype for castExec, got '") +
                                                         dtypeInfo(side->dtype).name + "'");
    }
  }
  CastStep step = makeCastStep(source.dtype, source.byteSwapped, destination.dtype, destination.byteSwapped);
  ufunc::clearFpFlags();
  iterate({source.memory, destination.memory}, shape, {1, 0}, &castRow, &step);
  *flags = ufunc::readFpFlags();
  return Status::Ok();
}

}  // namespace ndinterop
