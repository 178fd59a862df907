// Binds native/core/view/layout: the bounds check every NDArray goes through,
// and the dimension limit it shares with the rest of the addon.
#include <cmath>
#include <string>
#include <vector>

#include "core/base/limits.h"
#include "core/view/layout.h"
#include "napi/errors.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;

int64_t toInt64(Napi::Env env, Napi::Value value, const char* what) {
  if (!value.IsNumber()) throwTypeError(env, std::string("expected ") + what + " to be a number");
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(number) || std::floor(number) != number || number >= kTwoTo63 || number < -kTwoTo63) {
    throwTypeError(env, std::string("expected ") + what + " to be an integer in int64 range");
  }
  return static_cast<int64_t>(number);
}

std::vector<int64_t> toInt64Vector(Napi::Env env, Napi::Value value, const char* what) {
  if (!value.IsArray()) throwTypeError(env, std::string("expected ") + what + " to be an array");
  Napi::Array array = value.As<Napi::Array>();
  std::vector<int64_t> out(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) out[i] = toInt64(env, array.Get(i), what);
  return out;
}

// checkLayout(itemsize, shape, byteStrides, byteOffset, bufferLength)
//   -> { lowest, end, size }
// Throws RangeError ERR_OUT_OF_BOUNDS when any reachable byte lies outside
// the buffer; `lowest`/`end` are relative to element [0, ..., 0].
Napi::Value checkLayout(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int64_t itemsize = toInt64(env, info[0], "itemsize");
  const std::vector<int64_t> shape = toInt64Vector(env, info[1], "shape");
  const std::vector<int64_t> strides = toInt64Vector(env, info[2], "strides");
  const int64_t byteOffset = toInt64(env, info[3], "byteOffset");
  const int64_t bufferLength = toInt64(env, info[4], "bufferLength");
  if (strides.size() != shape.size()) {
    throw makeError(env, ErrorCode::kInvalidValue,
                    "expected " + std::to_string(shape.size()) + " strides (one per dimension), got " +
                        std::to_string(strides.size()));
  }
  ByteExtent extent;
  throwIfError(env, checkViewInBuffer(itemsize, shape.data(), strides.data(), shape.size(), byteOffset,
                                      bufferLength, &extent));
  Napi::Object result = Napi::Object::New(env);
  result.Set("lowest", static_cast<double>(extent.lowest));
  result.Set("end", static_cast<double>(extent.end));
  result.Set("size", static_cast<double>(extent.size));
  return result;
}

// layoutFlags(itemsize, shape, byteStrides) -> { cContiguous, fContiguous }
// for a view that has already been checked.
Napi::Value layoutFlags(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int64_t itemsize = toInt64(env, info[0], "itemsize");
  const std::vector<int64_t> shape = toInt64Vector(env, info[1], "shape");
  const std::vector<int64_t> strides = toInt64Vector(env, info[2], "strides");
  if (strides.size() != shape.size()) throwTypeError(env, "expected one stride per dimension");
  Napi::Object result = Napi::Object::New(env);
  result.Set("cContiguous", isCContiguous(itemsize, shape.data(), strides.data(), shape.size()));
  result.Set("fContiguous", isFContiguous(itemsize, shape.data(), strides.data(), shape.size()));
  return result;
}

void initLayout(Napi::Env env, Napi::Object exports) {
  // NumPy's limit on dimensions (core/base/limits.h); src/base/validate.ts's
  // maxDims is checked against it by a test.
  exports.Set("maxDims", kMaxDims);
  exports.Set("checkLayout", Napi::Function::New(env, checkLayout, "checkLayout"));
  exports.Set("layoutFlags", Napi::Function::New(env, layoutFlags, "layoutFlags"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(layout, ndinterop::napi::initLayout);
