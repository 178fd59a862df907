// Node-API values are V8 handles: Node implements napi_value as a
// v8::Local<v8::Value> of the same size. The few places that need V8's own
// API (BackingStores: pinning memory for async work, results whose memory
// returns to ResultPool) convert with these.
#pragma once

#include <node_api.h>
#include <v8.h>

#include <cstring>

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

}  // namespace ndinterop::napi
