// Building the DLManagedTensor[Versioned] that ndinterop hands to a consumer.
// The managed tensor owns its shape and strides arrays and an ExportOwner
// (what keeps the data alive); its deleter frees all of it, on any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/base/status.h"
#include "dlpack/dlpack.h"

namespace ndinterop {

// Keeps an export's data alive. Destroyed by the export's deleter, which may
// run on any thread and after the exporting JS environment is gone, so a
// subclass destructor must be thread-safe and must never call into JS.
class ExportOwner {
 public:
  virtual ~ExportOwner() = default;
};

struct ExportDescription {
  void* data = nullptr;
  uint64_t byteOffset = 0;
  DLDevice device = {kDLCPU, 0};
  DLDataType dtype = {0, 0, 1};
  std::vector<int64_t> shape;
  std::vector<int64_t> elementStrides;  // DLPack counts elements
  uint64_t flags = 0;                   // DLPACK_FLAG_BITMASK_*; versioned exports only
};

// Both return a tensor whose ownership passes to the caller: the caller (or
// whoever it hands the tensor to) must call its deleter exactly once. The
// deleter destroys `owner`. 0-d tensors get NULL shape and strides (as NumPy
// exports them); every other tensor gets both arrays.
DLManagedTensorVersioned* makeVersionedExport(ExportDescription description, std::unique_ptr<ExportOwner> owner);
DLManagedTensor* makeLegacyExport(ExportDescription description, std::unique_ptr<ExportOwner> owner);

// The owner of a tensor that makeVersionedExport / makeLegacyExport of this
// build made (recognised by its deleter), or nullptr for any other tensor.
// Lets an import of ndinterop's own export reuse the exported memory as is.
ExportOwner* ownerOfExport(const DLManagedTensorVersioned* tensor);
ExportOwner* ownerOfExport(const DLManagedTensor* tensor);

// Copies the elements of a strided view (byte strides, `first` = element
// [0, ..., 0]) into `dest` in C order. The view must have been validated.
void copyToCContiguous(const uint8_t* first, int64_t itemsize, const std::vector<int64_t>& shape,
                       const std::vector<int64_t>& byteStrides, uint8_t* dest);

}  // namespace ndinterop
