// Fuzzes view construction (native/core/view/layout.h): itemsize, shape, byte
// strides, byteOffset and buffer length from the input. Properties, checked
// against an independent 128-bit reference:
//  - checkViewInBuffer accepts exactly the views whose every element lies in
//    the buffer (and whose element count is a safe JS integer);
//  - for small accepted views, every element's bytes, enumerated one by one,
//    lie inside the buffer;
//  - computeByteExtent with element strides equals byte strides * itemsize;
//  - isCContiguous / isFContiguous follow NumPy's rule;
//  - coalesceDimensions keeps the C-order sequence of element offsets.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/view/layout.h"
#include "fuzz_values.h"

using ndinterop::ByteExtent;
using ndinterop::StrideUnit;
using ndinterop_fuzz::interestingInt64;
using ndinterop_fuzz::require;
using int128 = __int128;

namespace {

constexpr int128 kMaxSafeInteger = (int128{1} << 53) - 1;
constexpr int128 kInt64Max = INT64_MAX;
constexpr int128 kInt64Min = INT64_MIN;
constexpr int64_t kEnumerateLimit = 4096;

struct View {
  int64_t itemsize = 1;
  std::vector<int64_t> shape;
  std::vector<int64_t> strides;
  int64_t byteOffset = 0;
  int64_t bufferLength = 0;
};

// The reference verdict of checkViewInBuffer, computed in 128 bits.
// Elements of no bytes (itemsize 0) are accepted with byte strides and reach
// nothing, like an empty view.
bool referenceAccepts(const View& view) {
  if (view.itemsize < 0) return false;
  for (int64_t extent : view.shape) {
    if (extent < 0) return false;
  }
  if (view.byteOffset < 0 || view.byteOffset > view.bufferLength) return false;
  int128 count = 1;
  for (int64_t extent : view.shape) {
    if (extent == 0) return true;  // empty: reaches no byte
  }
  for (int64_t extent : view.shape) {
    count *= extent;
    if (count > kMaxSafeInteger) return false;
  }
  if (view.itemsize == 0) return true;
  int128 lowest = 0, highest = 0;
  for (size_t i = 0; i < view.shape.size(); ++i) {
    const int128 reach = int128{view.shape[i] - 1} * view.strides[i];
    // Each partial sum stays far below 2^127: terms are < 2^126 and we stop
    // once a sum leaves the int64 range (the real code must then fail too).
    if (reach < 0) lowest += reach; else highest += reach;
    if (lowest < kInt64Min || highest > kInt64Max) return false;
  }
  const int128 end = highest + view.itemsize;
  if (end > kInt64Max) return false;
  return view.byteOffset + lowest >= 0 && view.byteOffset + end <= view.bufferLength;
}

int64_t elementCount(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t extent : shape) count *= extent;
  return count;
}

// Byte offsets of the elements in C order (row-major index order).
std::vector<int128> offsetsInCOrder(const std::vector<int64_t>& shape, const std::vector<int64_t>& strides) {
  std::vector<int128> offsets;
  const int64_t count = elementCount(shape);
  std::vector<int64_t> index(shape.size(), 0);
  for (int64_t n = 0; n < count; ++n) {
    int128 offset = 0;
    for (size_t i = 0; i < shape.size(); ++i) offset += int128{index[i]} * strides[i];
    offsets.push_back(offset);
    for (size_t i = shape.size(); i-- > 0;) {
      if (++index[i] < shape[i]) break;
      index[i] = 0;
    }
  }
  return offsets;
}

bool referenceContiguous(const View& view, bool cOrder) {
  for (int64_t extent : view.shape) {
    if (extent == 0) return true;
  }
  int128 expected = view.itemsize;
  const size_t ndim = view.shape.size();
  for (size_t k = 0; k < ndim; ++k) {
    const size_t axis = cOrder ? ndim - 1 - k : k;
    if (view.shape[axis] == 1) continue;
    if (view.strides[axis] != expected) return false;
    expected *= view.shape[axis];
    if (expected > kInt64Max) return false;
  }
  return true;
}

View readView(FuzzedDataProvider& input) {
  View view;
  view.itemsize = input.ConsumeBool() ? input.PickValueInArray({1, 2, 4, 8, 16}) : interestingInt64(input);
  const size_t ndim = input.ConsumeIntegralInRange<size_t>(0, 40);
  for (size_t i = 0; i < ndim; ++i) {
    view.shape.push_back(input.ConsumeBool() ? input.ConsumeIntegralInRange<int64_t>(0, 5) : interestingInt64(input));
    view.strides.push_back(interestingInt64(input));
  }
  view.byteOffset = interestingInt64(input);
  view.bufferLength = input.ConsumeBool() ? input.ConsumeIntegralInRange<int64_t>(0, 1 << 20) : interestingInt64(input);
  if (view.bufferLength < 0) view.bufferLength = -(view.bufferLength + 1);
  return view;
}

void checkAcceptedView(const View& view, const ByteExtent& extent) {
  const size_t ndim = view.shape.size();
  const int64_t count = extent.size;
  require(extent.empty == (count == 0 || view.itemsize == 0));
  if (extent.empty) require(extent.lowest == 0 && extent.end == 0);
  if (extent.empty || count > kEnumerateLimit) return;
  const std::vector<int128> offsets = offsetsInCOrder(view.shape, view.strides);
  for (int128 offset : offsets) {
    require(view.byteOffset + offset >= 0);
    require(view.byteOffset + offset + view.itemsize <= view.bufferLength);
    require(offset >= extent.lowest && offset + view.itemsize <= extent.end);
  }

  require(ndinterop::isCContiguous(view.itemsize, view.shape.data(), view.strides.data(), ndim) ==
          referenceContiguous(view, true));
  require(ndinterop::isFContiguous(view.itemsize, view.shape.data(), view.strides.data(), ndim) ==
          referenceContiguous(view, false));

  std::vector<int64_t> shape = view.shape, strides = view.strides;
  shape.push_back(0);  // coalesceDimensions needs room for one entry when ndim is 0
  strides.push_back(0);
  const size_t merged = ndinterop::coalesceDimensions(shape.data(), strides.data(), ndim);
  require(merged >= 1 && merged <= (ndim == 0 ? 1 : ndim));
  shape.resize(merged);
  strides.resize(merged);
  require(offsetsInCOrder(shape, strides) == offsets);
}

// DLPack strides count elements: the extent must equal that of the same view
// with strides * itemsize in bytes, or fail when that product overflows.
// Element strides cannot describe elements of no bytes: itemsize 0 fails.
void checkElementStrides(const View& view) {
  const size_t ndim = view.shape.size();
  ByteExtent byElements, byBytes;
  const bool elementsOk = ndinterop::computeByteExtent(view.itemsize, view.shape.data(), view.strides.data(), ndim,
                                                       StrideUnit::kElements, &byElements).ok();
  if (view.itemsize == 0) {
    require(!elementsOk);
    return;
  }
  std::vector<int64_t> byteStrides;
  bool fits = true;
  for (int64_t stride : view.strides) {
    int64_t product = 0;
    fits = fits && !__builtin_mul_overflow(stride, view.itemsize, &product);
    byteStrides.push_back(product);
  }
  if (!fits) return;  // either verdict is defensible for an empty view
  const bool bytesOk = ndinterop::computeByteExtent(view.itemsize, view.shape.data(), byteStrides.data(), ndim,
                                                    StrideUnit::kBytes, &byBytes).ok();
  require(elementsOk == bytesOk);
  if (elementsOk) {
    require(byElements.lowest == byBytes.lowest && byElements.end == byBytes.end);
    require(byElements.size == byBytes.size && byElements.empty == byBytes.empty);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  const View view = readView(input);
  const size_t ndim = view.shape.size();
  ByteExtent extent;
  const bool accepted = ndinterop::checkViewInBuffer(view.itemsize, view.shape.data(), view.strides.data(), ndim,
                                                     view.byteOffset, view.bufferLength, &extent)
                            .ok();
  require(accepted == referenceAccepts(view));
  if (accepted) checkAcceptedView(view, extent);
  checkElementStrides(view);
  return 0;
}
