// What an ndinterop export holds on to. Destroyed by the consumer's deleter
// on any thread (see core/dlpack/export.h).
#pragma once

#include <napi.h>

#include <cstdint>
#include <memory>

#include "core/dlpack/export.h"
#include "napi/dlpack/env.h"

namespace ndinterop::napi {

// Either a napi_ref to the JS value owning the memory (an ArrayBuffer, a
// Uint8Array over a SharedArrayBuffer, or a device import's handle), released
// through DlpackEnv on the JS thread; or a copy of the data that belongs to
// the export alone (copy: true), valid even after the exporting environment
// has terminated.
class ExportHold final : public ExportOwner {
 public:
  ExportHold(std::shared_ptr<DlpackEnv> env, napi_ref source, bool hostSource, int64_t sourceByteOffset,
             std::unique_ptr<uint8_t[]> copy)
      : env_(std::move(env)),
        source_(source),
        hostSource_(hostSource),
        sourceByteOffset_(sourceByteOffset),
        copy_(std::move(copy)) {
    env_->liveExports.fetch_add(1);
  }
  ~ExportHold() override {
    if (source_ != nullptr) env_->releaseReference(source_);
    env_->liveExports.fetch_sub(1);
  }

  const DlpackEnv* env() const { return env_.get(); }
  // The ArrayBuffer (or Uint8Array over a SharedArrayBuffer) the export
  // views, with element 0 at sourceByteOffset(); nullptr for copies and
  // device memory. Only usable on the exporting environment's thread.
  napi_ref hostSource() const { return hostSource_ ? source_ : nullptr; }
  int64_t sourceByteOffset() const { return sourceByteOffset_; }

 private:
  std::shared_ptr<DlpackEnv> env_;
  napi_ref source_;
  bool hostSource_;
  int64_t sourceByteOffset_;
  std::unique_ptr<uint8_t[]> copy_;
};

}  // namespace ndinterop::napi
