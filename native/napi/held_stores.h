// Native holds of V8 BackingStores, counted process-wide, so that JS can ask
// whether an ArrayBuffer's memory is held by native code before it lets V8
// reallocate that memory in place.
//
// Why: on Node >= 21, ArrayBuffer.prototype.transfer(newLength) and
// transferToFixedLength(newLength) with a length other than the current one
// make V8 call BackingStore::Reallocate on a fixed-length buffer's store: the
// SAME BackingStore object gets new memory (buffer_start_ moves) and the old
// memory is freed, whoever else holds a share of that BackingStore. Holding
// the shared_ptr (what a DLPack export and a pending async call do) therefore
// does not protect the bytes against that one operation, so the library
// refuses it instead (src/base/transfer-guard.ts asks storeIsHeld first).
//
// Why a registry and not shared_ptr::use_count(): the count would work today
// (an ArrayBuffer and its BackingStore share, plus the caller's copy from
// GetBackingStore(), read 2 for plain, transferred, external, pooled and
// resizable buffers on Node 20.20 and 22.23 alike), but that baseline is an
// internal of V8 (its ArrayBufferExtension's share) that a V8 update may
// change, and a lower baseline would silently let a reallocation through.
// The registry counts exactly the holds ndinterop makes, depends on nothing
// in V8 but the identity of the BackingStore (which survives Reallocate and
// same-length transfers, so a moved buffer stays guarded), and is
// process-wide because a held BackingStore can be transferred to another
// thread's isolate (postMessage) and resized there.
#pragma once

#include <v8.h>

#include <memory>

namespace ndinterop::napi {

// A share of a BackingStore that counts as a native hold: the only way
// ndinterop holds memory on behalf of native code (ExportHold, async
// batches). Move-only; registers on construction and unregisters on
// destruction, before letting go of the share, on whatever thread.
class StoreHold {
 public:
  StoreHold() = default;
  explicit StoreHold(std::shared_ptr<v8::BackingStore> store);
  StoreHold(StoreHold&& other) noexcept = default;
  StoreHold& operator=(StoreHold&& other) noexcept;
  StoreHold(const StoreHold&) = delete;
  StoreHold& operator=(const StoreHold&) = delete;
  ~StoreHold();

  const v8::BackingStore* get() const { return store_.get(); }
  const v8::BackingStore& operator*() const { return *store_; }
  const v8::BackingStore* operator->() const { return store_.get(); }
  explicit operator bool() const { return static_cast<bool>(store_); }

 private:
  void release();
  std::shared_ptr<v8::BackingStore> store_;
};

// Whether any StoreHold anywhere in the process holds `store`.
bool storeIsHeld(const v8::BackingStore* store);

}  // namespace ndinterop::napi
