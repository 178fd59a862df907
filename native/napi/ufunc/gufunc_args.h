// Reading the arguments of a batched product (native.gufuncExec and the
// 'gufunc' steps of native.ufuncExecAsync): one parser for both, so the
// synchronous and asynchronous calls check exactly the same things.
#pragma once

#include <napi.h>

#include <cstddef>
#include <functional>

#include "core/ufunc/gufunc_table.h"

namespace ndinterop::napi {

struct ProductCall {
  const ufunc::GufuncInfo* info;
  size_t loopIndex;
  ufunc::ProductBatch batch;
};

// Parses (name, typeIndex, buffers, params) as documented atop
// native/napi/ufunc/gufunc.cc; `onBuffer` is called with each of the three buffers
// before its memory is read (the async batch pins it there). `what` prefixes
// error messages ("" for the synchronous call).
ProductCall parseProductCall(Napi::Env env, const Napi::Value& name, const Napi::Value& typeIndex,
                             const Napi::Value& buffers, const Napi::Value& params, const std::string& what,
                             const std::function<void(const Napi::Value& buffer)>& onBuffer);

}  // namespace ndinterop::napi
