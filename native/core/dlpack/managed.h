// Ownership of a DLPack managed tensor that ndinterop has taken from a
// producer: the deleter is called exactly once, from whichever thread gets
// there first, and never again.
#pragma once

#include <atomic>
#include <cstdint>

#include "dlpack/dlpack.h"

namespace ndinterop {

// Owns one DLManagedTensor or DLManagedTensorVersioned (exactly one of the
// two pointers is set). release() calls the producer's deleter at most once,
// even when two threads race; the destructor releases too.
class ManagedTensor {
 public:
  ManagedTensor() = default;
  static ManagedTensor legacy(DLManagedTensor* tensor) { return ManagedTensor(tensor, nullptr); }
  static ManagedTensor versioned(DLManagedTensorVersioned* tensor) { return ManagedTensor(nullptr, tensor); }

  ManagedTensor(ManagedTensor&& other) noexcept
      : legacy_(other.legacy_.exchange(nullptr)), versioned_(other.versioned_.exchange(nullptr)) {}
  // Releases what this held, then takes over `other`'s tensor.
  ManagedTensor& operator=(ManagedTensor&& other) noexcept {
    if (this != &other) {
      release();
      legacy_.store(other.legacy_.exchange(nullptr));
      versioned_.store(other.versioned_.exchange(nullptr));
    }
    return *this;
  }
  ManagedTensor(const ManagedTensor&) = delete;
  ManagedTensor& operator=(const ManagedTensor&) = delete;
  ~ManagedTensor() { release(); }

  // The tensor description; nullptr once released (or when empty).
  const DLTensor* tensor() const {
    if (DLManagedTensor* t = legacy_.load(std::memory_order_acquire)) return &t->dl_tensor;
    if (DLManagedTensorVersioned* t = versioned_.load(std::memory_order_acquire)) return &t->dl_tensor;
    return nullptr;
  }
  bool isVersioned() const { return versioned_.load(std::memory_order_acquire) != nullptr; }
  // The versioned header (version, flags); nullptr for legacy tensors.
  const DLManagedTensorVersioned* versionedHeader() const { return versioned_.load(std::memory_order_acquire); }
  // The legacy struct; nullptr for versioned tensors.
  const DLManagedTensor* legacyHeader() const { return legacy_.load(std::memory_order_acquire); }
  uint64_t flags() const {
    const DLManagedTensorVersioned* t = versioned_.load(std::memory_order_acquire);
    return t ? t->flags : 0;
  }

  // Calls the producer's deleter (when it has one) if nobody has yet.
  // Returns true when this call did it.
  bool release() {
    if (DLManagedTensor* t = legacy_.exchange(nullptr, std::memory_order_acq_rel)) {
      if (t->deleter) t->deleter(t);
      return true;
    }
    if (DLManagedTensorVersioned* t = versioned_.exchange(nullptr, std::memory_order_acq_rel)) {
      if (t->deleter) t->deleter(t);
      return true;
    }
    return false;
  }

 private:
  ManagedTensor(DLManagedTensor* legacy, DLManagedTensorVersioned* versioned) : legacy_(legacy), versioned_(versioned) {}

  std::atomic<DLManagedTensor*> legacy_{nullptr};
  std::atomic<DLManagedTensorVersioned*> versioned_{nullptr};
};

}  // namespace ndinterop
