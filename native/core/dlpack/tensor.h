// Validation of a DLTensor handed to ndinterop by a producer. Everything a
// foreign producer writes is untrusted: the checks here run before any byte
// of the tensor is read, with overflow-safe arithmetic, and produce the facts
// the N-API layer needs to wrap the memory (or to refuse it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/dtype/table.h"
#include "core/base/limits.h"
#include "core/base/status.h"
#include "dlpack/dlpack.h"

namespace ndinterop {

// Highest DLPack major version ndinterop understands.
inline constexpr uint32_t kDlpackSupportedMajor = DLPACK_MAJOR_VERSION;
// The version ndinterop stamps on the tensors it exports.
inline constexpr DLPackVersion kDlpackExportVersion = {DLPACK_MAJOR_VERSION, DLPACK_MINOR_VERSION};

// True for device types whose memory the host CPU can read directly:
// kDLCPU, kDLCUDAHost, kDLROCMHost, kDLCUDAManaged.
bool isHostReadableDevice(int32_t deviceType);
// True for every device type DLPack 1.3 assigns.
bool isKnownDevice(int32_t deviceType);

// What an import learns about a valid tensor.
struct TensorFacts {
  const DTypeInfo* dtype = nullptr;
  int64_t itemsize = 0;
  std::vector<int64_t> shape;
  std::vector<int64_t> byteStrides;  // elements * itemsize, C-contiguous when the producer sent NULL
  int64_t size = 0;                  // number of elements
  bool hostReadable = false;
  // The bytes any index can reach, as an address range [regionStart,
  // regionStart + regionLength) computed from data + byte_offset. Empty
  // (length 0) for size-0 tensors. For host-readable tensors the address
  // arithmetic is proved not to wrap.
  uintptr_t regionStart = 0;
  int64_t regionLength = 0;
  // Offset of element [0, ..., 0] from regionStart.
  int64_t firstElementOffset = 0;
};

// Checks the version stamped on a DLManagedTensorVersioned. A major above
// kDlpackSupportedMajor means the rest of the struct may have another layout
// and must not be read.
Status checkDlpackVersion(DLPackVersion version);

// Validates `tensor` (ndim 0..64, shape present and non-negative, dtype known
// to ndinterop with lanes 1, device known, byte extent representable) and
// fills `out`. On failure the Status code is kDlpackInvalid (BufferError
// ERR_DLPACK_INVALID) with a message naming the bad field.
Status describeTensor(const DLTensor& tensor, TensorFacts* out);

}  // namespace ndinterop
