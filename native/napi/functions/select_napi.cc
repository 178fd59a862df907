// The native side of where, nonzero, clip and take (src/functions/selection.ts),
// over contiguous, element-aligned bytes (Uint8Arrays); every length is
// checked against its buffer here, so a wrong call throws instead of
// reading or writing outside memory.
//   selectWhere(mask, x, xStep, y, yStep, out, width)   xStep/yStep: 0 (one element) or 1
//   countNonzero(mask) -> number
//   nonzeroCoordinates(mask, shape: number[], coords: BigInt64Array[])
//   takeAlong(from, to, indices: BigInt64Array, n, outer, chunk, mode) -> -1 or the first bad position
//   clipContiguous(x, out, width, lo: number | null, hi: number | null)   width 4 (float32) or 8 (float64)
#include <cstdint>
#include <string>
#include <vector>

#include "core/kernels/select.h"
#include "napi/errors.h"
#include "napi/functions/args.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

constexpr double kMaxSafe = 9007199254740991.0;

int64_t countArg(const Napi::CallbackInfo& info, size_t at, const char* fn, const char* what) {
  const double value = info[at].IsNumber() ? info[at].As<Napi::Number>().DoubleValue() : -1;
  if (!(value >= 0 && value <= kMaxSafe) || value != static_cast<double>(static_cast<int64_t>(value))) {
    throwTypeError(info.Env(), std::string(fn) + ": " + what + " must be a non-negative integer");
  }
  return static_cast<int64_t>(value);
}

Napi::Value selectWhere(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "selectWhere";
  if (info.Length() < 7) throwTypeError(env, "selectWhere: expected (mask, x, xStep, y, yStep, out, width)");
  Napi::Uint8Array mask = bytesArg(info, 0, fn, "mask");
  Napi::Uint8Array x = bytesArg(info, 1, fn, "x");
  const int64_t xStep = countArg(info, 2, fn, "xStep");
  Napi::Uint8Array y = bytesArg(info, 3, fn, "y");
  const int64_t yStep = countArg(info, 4, fn, "yStep");
  Napi::Uint8Array out = bytesArg(info, 5, fn, "out");
  const int64_t width = countArg(info, 6, fn, "width");
  if (!(width == 1 || width == 2 || width == 4 || width == 8 || width == 16) || xStep > 1 || yStep > 1) {
    throwTypeError(env, "selectWhere: unsupported width or step");
  }
  const int64_t n = static_cast<int64_t>(mask.ByteLength());
  const auto holds = [&](const Napi::Uint8Array& bytes, int64_t step) {
    const uint64_t need = static_cast<uint64_t>(step == 0 ? (n > 0 ? 1 : 0) : n) * static_cast<uint64_t>(width);
    return bytes.ByteLength() >= need && aligned(bytes.Data(), width);
  };
  if (!holds(x, xStep) || !holds(y, yStep) || !holds(out, 1)) {
    throwTypeError(env, "selectWhere: an operand is shorter than the mask or not aligned to its width");
  }
  if (n > 0) kernels::selectWhere(mask.Data(), x.Data(), int(xStep), y.Data(), int(yStep), out.Data(), n, int(width));
  return env.Undefined();
}

Napi::Value countNonzero(const Napi::CallbackInfo& info) {
  Napi::Uint8Array mask = bytesArg(info, 0, "countNonzero", "mask");
  return Napi::Number::New(info.Env(), double(kernels::countNonzero(mask.Data(), int64_t(mask.ByteLength()))));
}

Napi::Value nonzeroCoordinates(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "nonzeroCoordinates";
  Napi::Uint8Array mask = bytesArg(info, 0, fn, "mask");
  if (!info[1].IsArray() || !info[2].IsArray()) throwTypeError(env, "nonzeroCoordinates: expected (mask, shape[], coords[])");
  Napi::Array shapeList = info[1].As<Napi::Array>();
  Napi::Array coordList = info[2].As<Napi::Array>();
  const uint32_t ndim = shapeList.Length();
  if (ndim == 0 || ndim > 64 || coordList.Length() != ndim) throwTypeError(env, "nonzeroCoordinates: ndim must be 1 to 64, one coords array per axis");
  std::vector<int64_t> shape(ndim);
  uint64_t size = 1;
  for (uint32_t d = 0; d < ndim; d++) {
    Napi::Value entry = shapeList.Get(d);
    const double value = entry.IsNumber() ? entry.As<Napi::Number>().DoubleValue() : -1;
    if (!(value >= 0 && value <= kMaxSafe) || value != static_cast<double>(static_cast<int64_t>(value))) {
      throwTypeError(env, "nonzeroCoordinates: shape entries must be non-negative integers");
    }
    shape[d] = static_cast<int64_t>(value);
    size = shape[d] == 0 ? 0 : (size > UINT64_MAX / static_cast<uint64_t>(shape[d]) ? UINT64_MAX : size * static_cast<uint64_t>(shape[d]));
  }
  if (size != mask.ByteLength()) throwTypeError(env, "nonzeroCoordinates: the mask does not hold shape's element count");
  const int64_t count = kernels::countNonzero(mask.Data(), int64_t(mask.ByteLength()));
  std::vector<int64_t*> coords(ndim);
  for (uint32_t d = 0; d < ndim; d++) {
    size_t length = 0;
    coords[d] = int64Arg(info, coordList.Get(d), fn, "coords entries", &length);
    if (static_cast<int64_t>(length) < count) throwTypeError(env, "nonzeroCoordinates: a coords array is shorter than the nonzero count");
  }
  kernels::nonzeroCoordinates(mask.Data(), shape.data(), int(ndim), count, coords.data());
  return env.Undefined();
}

Napi::Value takeAlong(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "takeAlong";
  if (info.Length() < 7) throwTypeError(env, "takeAlong: expected (from, to, indices, n, outer, chunk, mode)");
  Napi::Uint8Array from = bytesArg(info, 0, fn, "from");
  Napi::Uint8Array to = bytesArg(info, 1, fn, "to");
  size_t count = 0;
  const int64_t* indices = int64Arg(info, info[2], fn, "indices", &count);
  const int64_t n = countArg(info, 3, fn, "n");
  const int64_t outer = countArg(info, 4, fn, "outer");
  const int64_t chunk = countArg(info, 5, fn, "chunk");
  const int64_t mode = countArg(info, 6, fn, "mode");
  if (mode > 2) throwTypeError(env, "takeAlong: mode must be 0 (raise), 1 (wrap) or 2 (clip)");
  const auto product = [](uint64_t a, uint64_t b) { return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b; };
  const uint64_t fromBytes = product(product(uint64_t(outer), uint64_t(n)), uint64_t(chunk));
  const uint64_t toBytes = product(product(uint64_t(outer), uint64_t(count)), uint64_t(chunk));
  if (from.ByteLength() < fromBytes || to.ByteLength() < toBytes) throwTypeError(env, "takeAlong: from or to is shorter than its shape");
  if (count > 0 && outer > 0 && (n == 0 || chunk == 0)) throwTypeError(env, "takeAlong: cannot take from an empty axis");
  if (chunk <= 8 && (!aligned(from.Data(), chunk) || !aligned(to.Data(), chunk))) throwTypeError(env, "takeAlong: from or to is not aligned to the chunk");
  if (count == 0 || outer == 0) return Napi::Number::New(env, -1);
  const int64_t bad = kernels::takeAlong(from.Data(), to.Data(), indices, int64_t(count), n, outer, chunk,
                                         static_cast<kernels::TakeMode>(mode));
  return Napi::Number::New(env, double(bad));
}

Napi::Value clipContiguous(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "clipContiguous";
  if (info.Length() < 5) throwTypeError(env, "clipContiguous: expected (x, out, width, lo, hi)");
  Napi::Uint8Array x = bytesArg(info, 0, fn, "x");
  Napi::Uint8Array out = bytesArg(info, 1, fn, "out");
  const int64_t width = countArg(info, 2, fn, "width");
  if (width != 4 && width != 8) throwTypeError(env, "clipContiguous: width must be 4 or 8");
  const auto bound = [&](size_t at, const char* what, bool* given) {
    *given = !info[at].IsNull();
    if (*given && !info[at].IsNumber()) throwTypeError(env, std::string("clipContiguous: ") + what + " must be a number or null");
    return *given ? info[at].As<Napi::Number>().DoubleValue() : 0.0;
  };
  bool hasLo = false;
  bool hasHi = false;
  const double lo = bound(3, "lo", &hasLo);
  const double hi = bound(4, "hi", &hasHi);
  if (x.ByteLength() % static_cast<size_t>(width) != 0 || out.ByteLength() < x.ByteLength() || !aligned(x.Data(), width) ||
      !aligned(out.Data(), width)) {
    throwTypeError(env, "clipContiguous: x is not whole elements, out is shorter than x, or one is not aligned to the width");
  }
  kernels::clipContiguous(x.Data(), out.Data(), static_cast<int64_t>(x.ByteLength()) / width, static_cast<int>(width), lo, hasLo, hi,
                          hasHi);
  return env.Undefined();
}

void initSelect(Napi::Env env, Napi::Object exports) {
  exports.Set("clipContiguous", Napi::Function::New(env, clipContiguous, "clipContiguous"));
  exports.Set("selectWhere", Napi::Function::New(env, selectWhere, "selectWhere"));
  exports.Set("countNonzero", Napi::Function::New(env, countNonzero, "countNonzero"));
  exports.Set("nonzeroCoordinates", Napi::Function::New(env, nonzeroCoordinates, "nonzeroCoordinates"));
  exports.Set("takeAlong", Napi::Function::New(env, takeAlong, "takeAlong"));
}

}  // namespace

NDINTEROP_NAPI_AREA(functions_select, initSelect);

}  // namespace ndinterop::napi
