// sortRows(kind, width, data, length, rows, indices?): the native side of
// sort/argsort (src/functions/sorting.ts). kind: 0 unsigned, 1 signed,
// 2 float; data: a Uint8Array over rows * length contiguous, aligned
// elements of `width` bytes; indices: an optional BigInt64Array of
// rows * length that receives the argsort instead of sorting data in place.
// argExtremumRows(kind, width, data, length, rows, wantMax, out): argmax
// (wantMax true) or argmin of each row into out, a BigInt64Array of rows
// (src/functions/reductions.ts); the same kinds, float widths 4, 8 and 16.
#include <cstdint>

#include "core/kernels/arg_extremum.h"
#include "core/kernels/sort.h"
#include "napi/errors.h"
#include "napi/functions/args.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

int64_t integerArg(const Napi::CallbackInfo& info, size_t at, const char* fn, const char* what) {
  if (!info[at].IsNumber()) throwTypeError(info.Env(), std::string(fn) + ": " + what + " must be a number");
  const double value = info[at].As<Napi::Number>().DoubleValue();
  if (!(value >= 0 && value <= 9007199254740991.0) || value != static_cast<double>(static_cast<int64_t>(value))) {
    throwTypeError(info.Env(), std::string(fn) + ": " + what + " must be a non-negative integer");
  }
  return static_cast<int64_t>(value);
}

Napi::Value sortRows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 5) throwTypeError(env, "sortRows: expected (kind, width, data, length, rows, indices?)");
  const int64_t kind = integerArg(info, 0, "sortRows", "kind");
  const int64_t width = integerArg(info, 1, "sortRows", "width");
  const int64_t length = integerArg(info, 3, "sortRows", "length");
  const int64_t rows = integerArg(info, 4, "sortRows", "rows");
  if (kind > 2 || !(width == 1 || width == 2 || width == 4 || width == 8)) throwTypeError(env, "sortRows: unsupported kind or width");
  Napi::Uint8Array data = bytesArg(info, 2, "sortRows", "data");
  if (length != 0 && rows > INT64_MAX / length) throwTypeError(env, "sortRows: too many elements");
  const int64_t count = length * rows;
  if (static_cast<uint64_t>(count) > data.ByteLength() / static_cast<uint64_t>(width)) {
    throwTypeError(env, "sortRows: data is shorter than rows * length elements");
  }
  if (!aligned(data.Data(), width)) throwTypeError(env, "sortRows: data is not aligned to its element width");
  int64_t* indices = nullptr;
  if (info.Length() > 5 && !info[5].IsUndefined()) {
    size_t available = 0;
    indices = int64Arg(info, info[5], "sortRows", "indices", &available);
    if (static_cast<int64_t>(available) < count) throwTypeError(env, "sortRows: indices is shorter than rows * length");
  }
  if (count == 0) return env.Undefined();
  const bool done = kernels::sortRows(static_cast<kernels::SortKind>(kind), static_cast<int>(width), data.Data(), length, rows, indices);
  if (!done) throwTypeError(env, "sortRows: unsupported kind or width");
  return env.Undefined();
}

Napi::Value argExtremumRows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 7) throwTypeError(env, "argExtremumRows: expected (kind, width, data, length, rows, wantMax, out)");
  const int64_t kind = integerArg(info, 0, "argExtremumRows", "kind");
  const int64_t width = integerArg(info, 1, "argExtremumRows", "width");
  const int64_t length = integerArg(info, 3, "argExtremumRows", "length");
  const int64_t rows = integerArg(info, 4, "argExtremumRows", "rows");
  const bool wantMax = info[5].ToBoolean().Value();
  // Which kind/width pairs have a loop is the kernel's to say (it returns
  // false otherwise, checked below); here only what the buffer checks need.
  if (kind > 2 || !(width == 1 || width == 2 || width == 4 || width == 8 || width == 16)) {
    throwTypeError(env, "argExtremumRows: unsupported kind or width");
  }
  if (length < 1) throwTypeError(env, "argExtremumRows: length must be at least 1");
  Napi::Uint8Array data = bytesArg(info, 2, "argExtremumRows", "data");
  if (rows > INT64_MAX / length) throwTypeError(env, "argExtremumRows: too many elements");
  if (static_cast<uint64_t>(length * rows) > data.ByteLength() / static_cast<uint64_t>(width)) {
    throwTypeError(env, "argExtremumRows: data is shorter than rows * length elements");
  }
  if (!aligned(data.Data(), width)) throwTypeError(env, "argExtremumRows: data is not aligned to its element width");
  size_t available = 0;
  int64_t* out = int64Arg(info, info[6], "argExtremumRows", "out", &available);
  if (static_cast<int64_t>(available) < rows) throwTypeError(env, "argExtremumRows: out is shorter than rows");
  const bool done = kernels::argExtremumRows(static_cast<kernels::SortKind>(kind), static_cast<int>(width), data.Data(), length,
                                             rows, wantMax, out);
  if (!done) throwTypeError(env, "argExtremumRows: unsupported kind or width");
  return env.Undefined();
}

void initSort(Napi::Env env, Napi::Object exports) {
  exports.Set("sortRows", Napi::Function::New(env, sortRows, "sortRows"));
  exports.Set("argExtremumRows", Napi::Function::New(env, argExtremumRows, "argExtremumRows"));
}

}  // namespace

NDINTEROP_NAPI_AREA(functions_sort, initSort);

}  // namespace ndinterop::napi
