#include "core/dlpack/tensor.h"

#include <string>

#include "core/view/layout.h"

namespace ndinterop {
namespace {

Status invalid(std::string message) { return Status::Error(ErrorCode::kDlpackInvalid, std::move(message)); }

const char* dtypeCodeName(uint8_t code) {
  static const char* const names[] = {"kDLInt", "kDLUInt", "kDLFloat", "kDLOpaqueHandle", "kDLBfloat", "kDLComplex",
                                      "kDLBool", "kDLFloat8_e3m4", "kDLFloat8_e4m3", "kDLFloat8_e4m3b11fnuz",
                                      "kDLFloat8_e4m3fn", "kDLFloat8_e4m3fnuz", "kDLFloat8_e5m2",
                                      "kDLFloat8_e5m2fnuz", "kDLFloat8_e8m0fnu", "kDLFloat6_e2m3fn",
                                      "kDLFloat6_e3m2fn", "kDLFloat4_e2m1fn"};
  return code < sizeof(names) / sizeof(names[0]) ? names[code] : nullptr;
}

std::string describeDtype(const DLDataType& dtype) {
  const char* name = dtypeCodeName(dtype.code);
  std::string codeText = name ? std::to_string(dtype.code) + " (" + name + ")" : std::to_string(dtype.code) + " (unknown)";
  return "code " + codeText + ", bits " + std::to_string(dtype.bits) + ", lanes " + std::to_string(dtype.lanes);
}

Status checkDtype(const DLDataType& dtype, TensorFacts* out) {
  if (dtype.lanes != 1) {
    return invalid("Unsupported lanes in DLTensor dtype: expected lanes 1, got " + describeDtype(dtype));
  }
  const DTypeInfo* info = findDTypeByDlpack(dtype.code, dtype.bits);
  if (!info) {
    return invalid("Unsupported dtype in DLTensor: expected bool (bits 8), int/uint (8, 16, 32, 64), float (16, 32, 64), "
                   "bfloat (16) or complex (64, 128), got " +
                   describeDtype(dtype));
  }
  out->dtype = info;
  out->itemsize = info->itemsize;
  return Status::Ok();
}

Status checkDevice(const DLDevice& device, TensorFacts* out) {
  const int32_t type = static_cast<int32_t>(device.device_type);
  if (!isKnownDevice(type)) {
    return invalid("Unsupported device in DLTensor: device type " + std::to_string(type) +
                   " is not a DLPack 1.3 device type");
  }
  if (device.device_id < 0) {
    return invalid("Unsupported device in DLTensor: expected device_id >= 0, got " + std::to_string(device.device_id));
  }
  out->hostReadable = isHostReadableDevice(type);
  return Status::Ok();
}

Status checkShape(const DLTensor& tensor, TensorFacts* out) {
  if (tensor.ndim < 0 || tensor.ndim > kMaxDims) {
    return invalid("invalid DLTensor: expected ndim in [0, " + std::to_string(kMaxDims) + "], got " +
                   std::to_string(tensor.ndim));
  }
  if (tensor.ndim > 0 && tensor.shape == nullptr) {
    return invalid("invalid DLTensor: shape is NULL but ndim is " + std::to_string(tensor.ndim));
  }
  out->shape.assign(tensor.shape, tensor.shape + tensor.ndim);
  int64_t size = 1;
  bool empty = false;
  for (int32_t axis = 0; axis < tensor.ndim; ++axis) {
    const int64_t length = out->shape[axis];
    if (length < 0) {
      return invalid("invalid DLTensor: expected shape[" + std::to_string(axis) + "] >= 0, got " + std::to_string(length));
    }
    if (length > kMaxSafeInteger) {
      return invalid("invalid DLTensor: shape[" + std::to_string(axis) + "] = " + std::to_string(length) +
                     " exceeds 2^53 - 1");
    }
    if (length == 0) empty = true;
    // Checked even when another axis is 0: an absurd shape is refused either way.
    if (!empty && __builtin_mul_overflow(size, length, &size)) {
      return invalid("invalid DLTensor: the element count of the shape overflows 64 bits");
    }
  }
  if (!empty && size > kMaxSafeInteger) {
    return invalid("invalid DLTensor: the element count " + std::to_string(size) + " exceeds 2^53 - 1");
  }
  out->size = empty ? 0 : size;
  return Status::Ok();
}

// Byte strides from element strides (or C-contiguous ones for NULL). Each
// product is checked: a stride that does not fit in 64 bits in bytes is
// refused even for an empty tensor, whose strides are still handed to JS.
Status computeByteStrides(const DLTensor& tensor, TensorFacts* out) {
  const int32_t ndim = tensor.ndim;
  out->byteStrides.assign(static_cast<size_t>(ndim), 0);
  if (tensor.strides == nullptr) {
    if (!filledStrides(out->itemsize, out->shape.data(), out->shape.size(), out->byteStrides.data()).ok()) {
      return invalid("invalid DLTensor: the byte extent of the shape overflows 64 bits");
    }
    return Status::Ok();
  }
  for (int32_t axis = 0; axis < ndim; ++axis) {
    if (__builtin_mul_overflow(tensor.strides[axis], out->itemsize, &out->byteStrides[axis])) {
      return invalid("invalid DLTensor: strides[" + std::to_string(axis) + "] = " +
                     std::to_string(tensor.strides[axis]) + " elements overflows 64 bits in bytes");
    }
  }
  return Status::Ok();
}

// The lowest and one-past-highest byte any index reaches, relative to
// element 0: layout's computeByteExtent, the check every view goes through.
// When it fails, the axis named is the first whose reach no longer fits
// (extending the view by one axis only ever widens its extent, so the first
// failing prefix of the axes finds it).
Status computeExtent(const TensorFacts& facts, ByteExtent* extent) {
  const size_t ndim = facts.shape.size();
  if (computeByteExtent(facts.itemsize, facts.shape.data(), facts.byteStrides.data(), ndim, StrideUnit::kBytes, extent)
          .ok()) {
    return Status::Ok();
  }
  size_t axis = 0;
  ByteExtent prefix;
  while (axis + 1 < ndim && computeByteExtent(facts.itemsize, facts.shape.data(), facts.byteStrides.data(), axis + 1,
                                              StrideUnit::kBytes, &prefix)
                                .ok()) {
    ++axis;
  }
  return invalid("invalid DLTensor: the byte extent of shape and strides overflows 64 bits (axis " +
                 std::to_string(axis) + ")");
}

Status locateRegion(const DLTensor& tensor, const ByteExtent& extent, TensorFacts* out) {
  const int64_t lowest = extent.lowest;
  const int64_t end = extent.end;
  if (out->size == 0) {
    out->regionStart = 0;
    out->regionLength = 0;
    out->firstElementOffset = 0;
    return Status::Ok();
  }
  int64_t length = 0;
  if (__builtin_sub_overflow(end, lowest, &length) || length > kMaxSafeInteger) {
    return invalid("invalid DLTensor: the tensor spans more than 2^53 - 1 bytes");
  }
  out->firstElementOffset = -lowest;
  out->regionLength = length;
  // Non-host data may be an opaque handle (an OpenCL cl_mem, a Metal
  // buffer): no address arithmetic applies to it.
  if (!out->hostReadable) return Status::Ok();
  if (tensor.data == nullptr) {
    return invalid("invalid DLTensor: data is NULL for a non-empty tensor of " + std::to_string(out->size) +
                   " elements");
  }
  // Address of element 0 and of the lowest reached byte, refusing any wrap
  // around the address space.
  uintptr_t first = 0;
  uintptr_t start = 0;
  uintptr_t last = 0;
  const uintptr_t base = reinterpret_cast<uintptr_t>(tensor.data);
  if (__builtin_add_overflow(base, tensor.byte_offset, &first) ||
      __builtin_sub_overflow(first, static_cast<uintptr_t>(-lowest), &start) ||
      __builtin_add_overflow(start, static_cast<uintptr_t>(length), &last)) {
    return invalid("invalid DLTensor: data + byte_offset and the strides reach outside the address space");
  }
  out->regionStart = start;
  return Status::Ok();
}

}  // namespace

bool isKnownDevice(int32_t deviceType) {
  return deviceType >= kDLCPU && deviceType <= kDLTrn && deviceType != 5 && deviceType != 6;
}

bool isHostReadableDevice(int32_t deviceType) {
  return deviceType == kDLCPU || deviceType == kDLCUDAHost || deviceType == kDLROCMHost ||
         deviceType == kDLCUDAManaged;
}

Status checkDlpackVersion(DLPackVersion version) {
  if (version.major > kDlpackSupportedMajor) {
    return invalid("fromDlpack(): the exported DLPack major version is too high to be imported by this version of "
                   "ndinterop: expected major <= " +
                   std::to_string(kDlpackSupportedMajor) + ", got " + std::to_string(version.major) + "." +
                   std::to_string(version.minor));
  }
  return Status::Ok();
}

Status describeTensor(const DLTensor& tensor, TensorFacts* out) {
  Status status = checkShape(tensor, out);
  if (status.ok()) status = checkDtype(tensor.dtype, out);
  if (status.ok()) status = checkDevice(tensor.device, out);
  ByteExtent extent;
  if (status.ok()) status = computeByteStrides(tensor, out);
  if (status.ok()) status = computeExtent(*out, &extent);
  if (status.ok()) status = locateRegion(tensor, extent, out);
  return status;
}

}  // namespace ndinterop
