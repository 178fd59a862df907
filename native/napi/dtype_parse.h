// Shared by the napi files that hand parsed types to JS (typestrs and PEP 3118).
#pragma once

#include <napi.h>

#include <cstddef>
#include <string_view>

#include "core/base/status.h"
#include "core/dtype/typestr.h"

namespace ndinterop::napi {

// { id, name, byteorder, itemsize, unit }: what src/dtype/dtype.ts needs to build a DType.
Napi::Object scalarTypeToJs(Napi::Env env, const ScalarType& type);

// Throws the error for a failed parse of `text`, with `position` = the
// characters (JS string indices) consumed before the problem.
[[noreturn]] void throwParseError(Napi::Env env, const Status& status, std::string_view text, size_t consumedBytes);

}  // namespace ndinterop::napi
