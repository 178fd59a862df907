#include "core/dlpack/export.h"

#include <cstring>
#include <utility>

#include "core/dlpack/tensor.h"

namespace ndinterop {
namespace {

// One allocation per export: the managed struct, its shape/strides and its
// owner. `managed.manager_ctx` points back here so the deleter can free it.
template <typename Managed>
struct ExportedTensor {
  Managed managed{};
  std::vector<int64_t> shape;
  std::vector<int64_t> strides;
  std::unique_ptr<ExportOwner> owner;
};

template <typename Managed>
void deleteExport(Managed* self) {
  delete static_cast<ExportedTensor<Managed>*>(self->manager_ctx);
}

template <typename Managed>
ExportedTensor<Managed>* buildExport(ExportDescription&& description, std::unique_ptr<ExportOwner> owner) {
  auto exported = std::make_unique<ExportedTensor<Managed>>();
  exported->shape = std::move(description.shape);
  exported->strides = std::move(description.elementStrides);
  exported->owner = std::move(owner);
  DLTensor& tensor = exported->managed.dl_tensor;
  tensor.data = description.data;
  tensor.device = description.device;
  tensor.ndim = static_cast<int32_t>(exported->shape.size());
  tensor.dtype = description.dtype;
  tensor.shape = tensor.ndim > 0 ? exported->shape.data() : nullptr;
  tensor.strides = tensor.ndim > 0 ? exported->strides.data() : nullptr;
  tensor.byte_offset = description.byteOffset;
  exported->managed.manager_ctx = exported.get();
  exported->managed.deleter = &deleteExport<Managed>;
  return exported.release();
}

void copyAxis(const uint8_t* source, int64_t itemsize, const std::vector<int64_t>& shape,
              const std::vector<int64_t>& byteStrides, size_t axis, uint8_t*& dest) {
  if (axis == shape.size()) {
    std::memcpy(dest, source, static_cast<size_t>(itemsize));
    dest += itemsize;
    return;
  }
  for (int64_t i = 0; i < shape[axis]; ++i) {
    copyAxis(source + i * byteStrides[axis], itemsize, shape, byteStrides, axis + 1, dest);
  }
}

}  // namespace

DLManagedTensorVersioned* makeVersionedExport(ExportDescription description, std::unique_ptr<ExportOwner> owner) {
  const uint64_t flags = description.flags;
  auto* exported = buildExport<DLManagedTensorVersioned>(std::move(description), std::move(owner));
  exported->managed.version = kDlpackExportVersion;
  exported->managed.flags = flags;
  return &exported->managed;
}

DLManagedTensor* makeLegacyExport(ExportDescription description, std::unique_ptr<ExportOwner> owner) {
  return &buildExport<DLManagedTensor>(std::move(description), std::move(owner))->managed;
}

ExportOwner* ownerOfExport(const DLManagedTensorVersioned* tensor) {
  if (tensor->deleter != &deleteExport<DLManagedTensorVersioned>) return nullptr;
  return static_cast<ExportedTensor<DLManagedTensorVersioned>*>(tensor->manager_ctx)->owner.get();
}

ExportOwner* ownerOfExport(const DLManagedTensor* tensor) {
  if (tensor->deleter != &deleteExport<DLManagedTensor>) return nullptr;
  return static_cast<ExportedTensor<DLManagedTensor>*>(tensor->manager_ctx)->owner.get();
}

void copyToCContiguous(const uint8_t* first, int64_t itemsize, const std::vector<int64_t>& shape,
                       const std::vector<int64_t>& byteStrides, uint8_t* dest) {
  for (int64_t length : shape) {
    if (length == 0) return;
  }
  copyAxis(first, itemsize, shape, byteStrides, 0, dest);
}

}  // namespace ndinterop
