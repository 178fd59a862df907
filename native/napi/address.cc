// The address of JS-owned memory as native code sees it, for the pointer form
// of __array_interface__ (`data: [address, readonly]`).
//
// Takes a TypedArray rather than an ArrayBuffer because Node-API has no
// accessor for a SharedArrayBuffer's data, while a TypedArray over either
// kind of buffer reports its data pointer. V8 backing stores never move, so
// the address stays valid while the buffer is alive and not detached.
#include <cstdint>

#include "napi/errors.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

// bufferAddress(view: TypedArray): bigint, the address of view[0].
Napi::Value bufferAddress(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray()) {
    throwTypeError(env, "bufferAddress: expected a TypedArray");
  }
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  napi_value arrayBuffer = nullptr;
  size_t byteOffset = 0;
  NAPI_THROW_IF_FAILED(env, napi_get_typedarray_info(env, info[0], &type, &length, &data, &arrayBuffer, &byteOffset),
                       Napi::Value());
  return Napi::BigInt::New(env, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(data)));
}

void initAddress(Napi::Env env, Napi::Object exports) {
  exports.Set("bufferAddress", Napi::Function::New(env, bufferAddress, "bufferAddress"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(address, ndinterop::napi::initAddress);
