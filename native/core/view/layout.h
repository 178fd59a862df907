// Strided layout arithmetic: which bytes a view (itemsize, shape, strides,
// offset) can reach, whether it is contiguous, and how its dimensions
// coalesce. Every function here is overflow-safe: a product or sum that does
// not fit in int64 is reported as an error Status, never wrapped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "core/base/status.h"

namespace ndinterop {

// The bytes a strided view can touch, relative to the FIRST byte of element
// [0, ..., 0]. `lowest` <= 0 is the offset of the lowest byte reached;
// `end` >= itemsize is one past the highest byte reached. A view with a zero
// dimension, or whose elements have no bytes (itemsize 0), reaches no bytes at
// all: `empty` is true and lowest = end = 0.
struct ByteExtent {
  int64_t lowest = 0;
  int64_t end = 0;
  int64_t size = 0;  // number of elements (product of the shape)
  bool empty = true;
};

// Whether `strides` count bytes (NumPy, __array_interface__) or elements (DLPack).
enum class StrideUnit { kBytes, kElements };

// Computes the extent of a view. `strides` may be negative or zero; when
// `strides` is nullptr the view is C-contiguous (DLPack's convention for
// strides == NULL). Fails with kInvalidValue for a negative shape entry or a
// negative itemsize (or 0 with element strides), and kOutOfBounds when the element count or any byte
// offset does not fit in int64.
//
// This is what DLPack import uses to validate a DLTensor: with kElements the
// strides are multiplied by the itemsize first (overflow-checked).
Status computeByteExtent(int64_t itemsize, const int64_t* shape, const int64_t* strides, size_t ndim,
                         StrideUnit unit, ByteExtent* out);

// The same for the ufunc iterator's ptrdiff_t shapes and strides, where
// ptrdiff_t is not int64_t itself (on LP64 Linux it is, and the call above
// is taken directly).
template <typename Index, typename = std::enable_if_t<std::is_signed_v<Index> && sizeof(Index) == sizeof(int64_t) &&
                                                      !std::is_same_v<Index, int64_t>>>
Status computeByteExtent(int64_t itemsize, const Index* shape, const Index* strides, size_t ndim, StrideUnit unit,
                         ByteExtent* out) {
  const std::vector<int64_t> shape64(shape, shape + ndim);
  if (strides == nullptr) return computeByteExtent(itemsize, shape64.data(), nullptr, ndim, unit, out);
  const std::vector<int64_t> strides64(strides, strides + ndim);
  return computeByteExtent(itemsize, shape64.data(), strides64.data(), ndim, unit, out);
}

// C-order strides of `shape` in steps of `unit` (the itemsize for byte
// strides, 1 for element strides), an empty dimension counting as length 1
// (NumPy's _array_fill_strides): out[ndim - 1] = unit, out[i] = out[i + 1] *
// max(shape[i + 1], 1). Fails with kOutOfBounds when the size of the whole
// block, unit * the product of max(shape[i], 1), does not fit in int64.
// `out` has room for ndim entries.
Status filledStrides(int64_t unit, const int64_t* shape, size_t ndim, int64_t* out);

// Checks that a view with byte strides, placed at `byteOffset` (the position
// of element [0, ..., 0]) in a buffer of `bufferLength` bytes, reads only
// bytes inside [0, bufferLength). An empty view is valid when its
// byteOffset lies in [0, bufferLength]. Also rejects element counts above
// 2^53 - 1 (not representable as a JS number). Errors are kOutOfBounds (or
// kInvalidValue for a negative shape entry) with a message naming the
// offending quantity. On success `*extent` (if given) holds the extent.
Status checkViewInBuffer(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim,
                         int64_t byteOffset, int64_t bufferLength, ByteExtent* extent = nullptr);

// NumPy's contiguity flags. Dimensions of length 1 never matter, and an
// array with a zero dimension is both C- and F-contiguous.
bool isCContiguous(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim);
bool isFContiguous(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim);

// Merges adjacent dimensions that a single stride can walk (stride[i] ==
// shape[i+1] * stride[i+1]) and drops dimensions of length 1, in place.
// Returns the new ndim (>= 1 for a non-empty array; shape {1}, stride {0}
// when every dimension had length 1). The element visiting order (C order)
// is unchanged. Arrays with a zero dimension collapse to shape {0}. Meant for
// views that passed checkViewInBuffer; the arrays need room for one entry
// even when ndim is 0.
size_t coalesceDimensions(int64_t* shape, int64_t* byteStrides, size_t ndim);

}  // namespace ndinterop
