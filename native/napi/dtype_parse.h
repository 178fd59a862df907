// Shared by the napi files that hand parsed types to JS (typestrs and PEP 3118).
#pragma once

#include <napi.h>

#include <cstddef>

#include "core/status.h"
#include "core/typestr.h"

namespace ndinterop::napi {

// { id, name, byteorder, itemsize, unit }: what src/dtype.ts needs to build a DType.
Napi::Object scalarTypeToJs(Napi::Env env, const ScalarType& type);

// Throws the error for a failed parse, with `position` = characters consumed.
[[noreturn]] void throwParseError(Napi::Env env, const Status& status, size_t consumed);

}  // namespace ndinterop::napi
