// What an ndinterop export holds on to. Destroyed by the consumer's deleter
// on any thread, however long after the export (see core/dlpack/export.h).
#pragma once

#include <napi.h>
#include <v8.h>

#include <cstdint>
#include <memory>

#include "core/dlpack/export.h"
#include "core/dlpack/managed.h"
#include "napi/dlpack/env.h"
#include "napi/held_stores.h"

namespace ndinterop::napi {

// Keeps the exported memory itself alive, whatever JS does meanwhile, by one
// of three owners:
//  - host memory (ArrayBuffer, SharedArrayBuffer): its V8 BackingStore. A
//    transfer (postMessage, structuredClone, ArrayBuffer.prototype.transfer)
//    moves or copies out of that BackingStore but cannot free it, GC and the
//    exit of the exporting worker only drop their own share, and the last
//    share may go on any thread. (Resizable ArrayBuffers, which can shrink in
//    place, are refused before an ExportHold is made.) The share is a
//    StoreHold, so the memory counts as held natively until the deleter
//    runs: transfer(newLength), which V8 would do by reallocating this very
//    BackingStore in place, is refused meanwhile (src/base/transfer-guard.ts).
//  - device memory of an opaque import: a share of the imported tensor, so
//    the producer's deleter waits for this export too.
//  - a copy of the data (copy: true) that belongs to the export alone.
// A host export also keeps a napi_ref to the JS value it was made from (an
// ArrayBuffer, or a Uint8Array over a SharedArrayBuffer), only so that an
// import of this export on the same thread can hand back that very buffer
// (ownExportBuffer); the ref is released through DlpackEnv on the JS thread,
// and deleted by DlpackEnv's cleanup hook if the environment goes first.
class ExportHold final : public ExportOwner {
 public:
  static std::unique_ptr<ExportHold> ofHostMemory(std::shared_ptr<DlpackEnv> env, napi_ref source,
                                                  int64_t sourceByteOffset, std::shared_ptr<v8::BackingStore> store) {
    auto hold = std::unique_ptr<ExportHold>(new ExportHold(std::move(env)));
    hold->source_ = source;
    hold->sourceByteOffset_ = sourceByteOffset;
    hold->store_ = StoreHold(std::move(store));
    return hold;
  }
  static std::unique_ptr<ExportHold> ofDeviceImport(std::shared_ptr<DlpackEnv> env,
                                                    std::shared_ptr<ManagedTensor> tensor) {
    auto hold = std::unique_ptr<ExportHold>(new ExportHold(std::move(env)));
    hold->deviceTensor_ = std::move(tensor);
    return hold;
  }
  static std::unique_ptr<ExportHold> ofCopy(std::shared_ptr<DlpackEnv> env, std::unique_ptr<uint8_t[]> copy) {
    auto hold = std::unique_ptr<ExportHold>(new ExportHold(std::move(env)));
    hold->copy_ = std::move(copy);
    return hold;
  }

  ~ExportHold() override {
    if (source_ != nullptr) env_->releaseReference(source_);
    env_->liveExports.fetch_sub(1);
  }

  const DlpackEnv* env() const { return env_.get(); }
  // The ArrayBuffer (or Uint8Array over a SharedArrayBuffer) the export was
  // made from, with element 0 at sourceByteOffset(); nullptr for copies and
  // device memory. Only usable on the exporting environment's thread, and
  // only while that buffer still has store() (it may have been transferred).
  napi_ref hostSource() const { return source_; }
  int64_t sourceByteOffset() const { return sourceByteOffset_; }
  const v8::BackingStore* store() const { return store_.get(); }

 private:
  explicit ExportHold(std::shared_ptr<DlpackEnv> env) : env_(std::move(env)) { env_->liveExports.fetch_add(1); }

  std::shared_ptr<DlpackEnv> env_;
  napi_ref source_ = nullptr;
  int64_t sourceByteOffset_ = 0;
  StoreHold store_;
  std::shared_ptr<ManagedTensor> deviceTensor_;
  std::unique_ptr<uint8_t[]> copy_;
};

}  // namespace ndinterop::napi
