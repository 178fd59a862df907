// The single place native code builds JS errors: a class (TypeError,
// RangeError, BufferError) plus a stable `code` string.
#pragma once

#include <napi.h>

#include <string>

#include "core/base/status.h"

namespace ndinterop::napi {

Napi::Error makeError(Napi::Env env, ErrorCode code, const std::string& message);

// Throws (as a C++ exception that node-addon-api turns into a JS throw) when
// `status` is not ok.
inline void throwIfError(Napi::Env env, const Status& status) {
  if (!status.ok()) throw makeError(env, status.code, status.message);
}

[[noreturn]] inline void throwTypeError(Napi::Env env, const std::string& message) {
  throw makeError(env, ErrorCode::kInvalidArgument, message);
}

}  // namespace ndinterop::napi
