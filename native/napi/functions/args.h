// Argument checks shared by the array-function bindings (select_napi.cc,
// sort_napi.cc): byte buffers, int64 index arrays and their alignment, each
// failure a TypeError naming the function and the argument.
#pragma once

#include <cstdint>
#include <string>

#include "napi/errors.h"
#include "napi/module.h"

namespace ndinterop::napi {

// info[at] as a Uint8Array ("fn: what must be a Uint8Array" otherwise).
inline Napi::Uint8Array bytesArg(const Napi::CallbackInfo& info, size_t at, const char* fn, const char* what) {
  if (!info[at].IsTypedArray() || info[at].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throwTypeError(info.Env(), std::string(fn) + ": " + what + " must be a Uint8Array");
  }
  return info[at].As<Napi::Uint8Array>();
}

// A BigInt64Array's elements (data pointer, and its length in *length).
inline int64_t* int64Arg(const Napi::CallbackInfo& info, Napi::Value value, const char* fn, const char* what, size_t* length) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_bigint64_array) {
    throwTypeError(info.Env(), std::string(fn) + ": " + what + " must be a BigInt64Array");
  }
  Napi::TypedArray view = value.As<Napi::TypedArray>();
  *length = view.ElementLength();
  return reinterpret_cast<int64_t*>(static_cast<uint8_t*>(view.ArrayBuffer().Data()) + view.ByteOffset());
}

// Whether data is aligned for elements of `width` bytes (at most 8 needed).
inline bool aligned(const void* data, int64_t width) {
  const int64_t unit = width >= 8 ? 8 : width;
  return reinterpret_cast<uintptr_t>(data) % static_cast<uintptr_t>(unit) == 0;
}

}  // namespace ndinterop::napi
