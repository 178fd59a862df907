// Node-API values are V8 handles: Node implements napi_value as a
// v8::Local<v8::Value> of the same size. The few places that need V8's own
// API (BackingStores: pinning memory for async work, keeping exported memory
// alive, imported and pooled memory freed on last release) convert with these.
#pragma once

#include <node_api.h>
#include <v8.h>

#include <cstring>
#include <memory>

namespace ndinterop::napi {

inline v8::Local<v8::Value> toV8(napi_value value) {
  static_assert(sizeof(v8::Local<v8::Value>) == sizeof(napi_value), "napi_value is a V8 handle");
  v8::Local<v8::Value> local;
  std::memcpy(static_cast<void*>(&local), &value, sizeof(value));
  return local;
}

inline napi_value fromV8(v8::Local<v8::Value> local) {
  napi_value value;
  std::memcpy(static_cast<void*>(&value), &local, sizeof(value));
  return value;
}

// The BackingStore behind an ArrayBuffer, a SharedArrayBuffer or a view of
// either; nullptr for anything else. Holding it keeps the memory alive: a
// transfer (postMessage, structuredClone, ArrayBuffer.prototype.transfer)
// hands the same BackingStore to the new owner or copies out of it, and the
// memory is freed only when its last holder lets go, on whatever thread.
inline std::shared_ptr<v8::BackingStore> backingStoreOf(napi_value buffer) {
  v8::Local<v8::Value> value = toV8(buffer);
  if (value->IsArrayBuffer()) return value.As<v8::ArrayBuffer>()->GetBackingStore();
  if (value->IsSharedArrayBuffer()) return value.As<v8::SharedArrayBuffer>()->GetBackingStore();
  if (value->IsArrayBufferView()) return value.As<v8::ArrayBufferView>()->Buffer()->GetBackingStore();
  return nullptr;
}

// Memory a holder cannot keep: shrinking a resizable ArrayBuffer decommits
// its tail at once, whoever holds the BackingStore. (A growable
// SharedArrayBuffer only grows.)
inline bool isShrinkable(const v8::BackingStore& store) {
  return store.IsResizableByUserJavaScript() && !store.IsShared();
}

}  // namespace ndinterop::napi
