#include "core/view/layout.h"

#include <string>
#include <vector>

#include "core/base/limits.h"

namespace ndinterop {
namespace {

std::string tupleText(const int64_t* values, size_t count) {
  std::string text = "(";
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(values[i]);
  }
  if (count == 1) text += ",";
  return text + ")";
}

Status overflowError(const std::string& what) {
  return Status::Error(ErrorCode::kOutOfBounds, what + " does not fit in 64 bits");
}

// Element count, overflow-checked; also rejects negative entries.
Status elementCount(const int64_t* shape, size_t ndim, int64_t* count) {
  int64_t product = 1;
  bool overflowed = false;
  for (size_t i = 0; i < ndim; ++i) {
    if (shape[i] < 0) {
      return Status::Error(ErrorCode::kInvalidValue, "expected shape entries >= 0, got shape[" + std::to_string(i) +
                                                         "] = " + std::to_string(shape[i]));
    }
    // Keep scanning after an overflow: a later zero makes the count 0, and a
    // later negative entry is still an error.
    if (!overflowed && __builtin_mul_overflow(product, shape[i], &product)) overflowed = true;
  }
  for (size_t i = 0; i < ndim; ++i) {
    if (shape[i] == 0) {
      *count = 0;
      return Status::Ok();
    }
  }
  if (overflowed) return overflowError("the element count");
  *count = product;
  return Status::Ok();
}

}  // namespace

Status computeByteExtent(int64_t itemsize, const int64_t* shape, const int64_t* strides, size_t ndim,
                         StrideUnit unit, ByteExtent* out) {
  // Byte strides may describe elements of no bytes (a record like NumPy's
  // '(0,)f8,'); DLPack element strides need a size to become bytes.
  if (itemsize < 0 || (itemsize == 0 && unit == StrideUnit::kElements)) {
    return Status::Error(ErrorCode::kInvalidValue, "expected an itemsize > 0, got " + std::to_string(itemsize));
  }
  int64_t count = 0;
  Status status = elementCount(shape, ndim, &count);
  if (!status.ok()) return status;
  *out = ByteExtent();
  out->size = count;
  // Elements of no bytes reach no memory: the extent is empty whatever the strides.
  if (count == 0 || itemsize == 0) return Status::Ok();

  std::vector<int64_t> contiguous;
  if (strides == nullptr) {
    // The extent of a C-contiguous view is its size, so it overflows exactly
    // when the size does.
    contiguous.resize(ndim);
    if (!filledStrides(itemsize, shape, ndim, contiguous.data()).ok()) return overflowError("the byte extent of the view");
    strides = contiguous.data();
    unit = StrideUnit::kBytes;
  }
  int64_t lowest = 0;
  int64_t highest = 0;  // offset of the first byte of the highest element
  for (size_t i = ndim; i-- > 0;) {
    int64_t byteStride = 0;
    if (unit == StrideUnit::kElements) {
      if (__builtin_mul_overflow(strides[i], itemsize, &byteStride)) return overflowError("a byte stride");
    } else {
      byteStride = strides[i];
    }
    // The last index along this axis moves (shape - 1) * stride bytes away.
    int64_t reach = 0;
    if (__builtin_mul_overflow(shape[i] - 1, byteStride, &reach)) return overflowError("the byte extent of the view");
    bool overflowed = reach < 0 ? __builtin_add_overflow(lowest, reach, &lowest)
                                : __builtin_add_overflow(highest, reach, &highest);
    if (overflowed) return overflowError("the byte extent of the view");
  }
  int64_t end = 0;
  if (__builtin_add_overflow(highest, itemsize, &end)) return overflowError("the byte extent of the view");
  out->lowest = lowest;
  out->end = end;
  out->empty = false;
  return Status::Ok();
}

Status filledStrides(int64_t unit, const int64_t* shape, size_t ndim, int64_t* out) {
  int64_t stride = unit;
  for (size_t i = ndim; i-- > 0;) {
    out[i] = stride;
    if (__builtin_mul_overflow(stride, shape[i] > 0 ? shape[i] : 1, &stride)) {
      return overflowError("the size of a C-contiguous block of shape " + tupleText(shape, ndim));
    }
  }
  return Status::Ok();
}

Status checkViewInBuffer(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim,
                         int64_t byteOffset, int64_t bufferLength, ByteExtent* extent) {
  ByteExtent computed;
  Status status = computeByteExtent(itemsize, shape, byteStrides, ndim, StrideUnit::kBytes, &computed);
  if (!status.ok()) return status;
  if (computed.size > kMaxSafeInteger) {
    return Status::Error(ErrorCode::kOutOfBounds, "expected at most 2^53 - 1 elements, got shape " +
                                                      tupleText(shape, ndim) + " with " +
                                                      std::to_string(computed.size) + " elements");
  }
  if (byteOffset < 0 || byteOffset > bufferLength) {
    return Status::Error(ErrorCode::kOutOfBounds, "expected a byteOffset in [0, " + std::to_string(bufferLength) +
                                                      "], got " + std::to_string(byteOffset));
  }
  if (!computed.empty) {
    // byteOffset is in [0, bufferLength] and lowest <= 0, so this cannot
    // overflow; byteOffset + end can, hence the checked add.
    const int64_t first = byteOffset + computed.lowest;
    int64_t last = 0;
    const bool overflowed = __builtin_add_overflow(byteOffset, computed.end, &last);
    if (first < 0 || overflowed || last > bufferLength) {
      std::string reach = overflowed ? "past 2^63" : std::to_string(last);
      return Status::Error(ErrorCode::kOutOfBounds,
                           "view with shape " + tupleText(shape, ndim) + ", strides " +
                               tupleText(byteStrides, ndim) + " and byteOffset " + std::to_string(byteOffset) +
                               " reaches bytes [" + std::to_string(first) + ", " + reach +
                               "), outside the buffer of " + std::to_string(bufferLength) + " bytes");
    }
  }
  if (extent != nullptr) *extent = computed;
  return Status::Ok();
}

namespace {

bool isContiguousInOrder(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim,
                         bool lastAxisFastest) {
  for (size_t i = 0; i < ndim; ++i) {
    if (shape[i] == 0) return true;
  }
  int64_t expected = itemsize;
  for (size_t k = 0; k < ndim; ++k) {
    const size_t axis = lastAxisFastest ? ndim - 1 - k : k;
    if (shape[axis] == 1) continue;
    if (byteStrides[axis] != expected) return false;
    if (__builtin_mul_overflow(expected, shape[axis], &expected)) return false;
  }
  return true;
}

}  // namespace

bool isCContiguous(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim) {
  return isContiguousInOrder(itemsize, shape, byteStrides, ndim, true);
}

bool isFContiguous(int64_t itemsize, const int64_t* shape, const int64_t* byteStrides, size_t ndim) {
  return isContiguousInOrder(itemsize, shape, byteStrides, ndim, false);
}

size_t coalesceDimensions(int64_t* shape, int64_t* byteStrides, size_t ndim) {
  for (size_t i = 0; i < ndim; ++i) {
    if (shape[i] == 0) {
      shape[0] = 0;
      byteStrides[0] = 0;
      return 1;
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < ndim; ++i) {
    if (shape[i] == 1) continue;
    int64_t merged = 0;
    // Merge axis i into the previous kept axis when stepping the previous
    // axis once equals walking all of axis i.
    if (kept > 0 && !__builtin_mul_overflow(shape[i], byteStrides[i], &merged) && byteStrides[kept - 1] == merged) {
      shape[kept - 1] *= shape[i];
      byteStrides[kept - 1] = byteStrides[i];
      continue;
    }
    shape[kept] = shape[i];
    byteStrides[kept] = byteStrides[i];
    ++kept;
  }
  if (kept == 0) {
    shape[0] = 1;
    byteStrides[0] = 0;
    return 1;
  }
  return kept;
}

}  // namespace ndinterop
