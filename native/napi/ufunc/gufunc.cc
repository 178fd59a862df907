// The generalized ufuncs (matmul, vecdot, matvec, vecmat) as the JS layer
// (src/ufunc/gufunc.ts) sees them.
//
// CONTRACT (kept in step with src/base/native.ts `NativeAddon`):
//
// native.gufuncTable: Record<string, { nin, nout, signature, types }>
//   Keyed by NumPy's name. `signature` is NumPy's core signature
//   ('(n?,k),(k,m?)->(n?,m?)'); `types` is NumPy's `ufunc.types` minus loops
//   over longdouble/object, plus 'EE->E' (bfloat16, summed in float32) right
//   after 'ee->e' — the same rule as native.ufuncTable. identity is None for
//   all four.
//
// native.gufuncExec(name, typeIndex, buffers, params): number
//   Runs loop `types[typeIndex]` as the batched product out = op(A) @ B of
//   core/ufunc/gufunc_table.h. `buffers` is [A, B, out], each an ArrayBuffer,
//   SharedArrayBuffer, TypedArray or DataView (a view's byteOffset is
//   added). `params` is a Float64Array of safe integers, laid out as
//     [ndim, rows, inner, cols, offsetA, offsetB, offsetOut,
//      loopShape (ndim), stridesA (ndim + 2), stridesB (ndim + 2), stridesOut (ndim + 2)]
//   with byte offsets and byte strides: the loop dimensions, then the two
//   core axes (A: rows, inner; B: inner, cols; out: rows, cols). Missing
//   core dimensions are passed as size 1. (A flat array keeps the per-call
//   cost to one typed-array read instead of dozens of property reads.) Every
//   operand holds exactly the loop's dtype in native byte order, and its
//   reach is checked against its buffer (RangeError ERR_OUT_OF_BOUNDS).
//   `out` must not overlap A or B (the caller copies inputs first). Returns
//   the floating-point exceptions raised (the FpFlag bits of
//   native.ufuncExec). Large products run on the thread pool
//   (core/base/parallel.h).
#include <cmath>
#include <string>
#include <vector>

#include "core/base/limits.h"
#include "core/ufunc/gufunc_table.h"
#include "napi/errors.h"
#include "napi/numbers.h"
#include "napi/ufunc/gufunc_args.h"
#include "napi/module.h"
#include "napi/ufunc/args.h"

namespace ndinterop::napi {
namespace {

using ufunc::GufuncInfo;
using ufunc::ProductBatch;

Napi::Object gufuncTableToJs(Napi::Env env) {
  Napi::Object table = Napi::Object::New(env);
  for (const GufuncInfo& info : ufunc::gufuncTable()) {
    Napi::Object entry = Napi::Object::New(env);
    entry.Set("nin", info.nin);
    entry.Set("nout", info.nout);
    entry.Set("signature", info.signature);
    Napi::Array types = Napi::Array::New(env, info.loops.size());
    for (size_t i = 0; i < info.loops.size(); ++i) types[i] = Napi::String::New(env, info.loops[i].types);
    entry.Set("types", types);
    table.Set(info.name, entry);
  }
  return table;
}

const GufuncInfo& lookupGufunc(Napi::Env env, const Napi::Value& value, const std::string& what) {
  if (!value.IsString()) throwTypeError(env, "expected " + what + "the gufunc name as a string");
  const std::string name = value.As<Napi::String>().Utf8Value();
  const GufuncInfo* info = ufunc::findGufunc(name);
  if (info == nullptr) throwTypeError(env, "expected " + what + "the name of a gufunc, got '" + name + "'");
  return *info;
}

// Reads the params Float64Array: every entry a safe integer.
std::vector<int64_t> parseParams(Napi::Env env, const Napi::Value& value, const std::string& what) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throwTypeError(env, "expected " + what + "params to be a Float64Array");
  }
  Napi::Float64Array array = value.As<Napi::Float64Array>();
  std::vector<int64_t> params(array.ElementLength());
  const double* data = array.Data();
  for (size_t i = 0; i < params.size(); ++i) {
    const double number = data[i];
    if (!isSafeInteger(number)) {
      throw makeError(env, ErrorCode::kInvalidValue,
                      "expected " + what + "params[" + std::to_string(i) + "] to be a safe integer, got " +
                          Napi::Number::New(env, number).ToString().Utf8Value());
    }
    params[i] = static_cast<int64_t>(number);
  }
  if (params.empty() || params[0] < 0 || params[0] > kMaxDims) {
    throw makeError(env, ErrorCode::kInvalidValue,
                    "expected " + what + "params[0] (the loop ndim) in [0, " + std::to_string(kMaxDims) + "]");
  }
  const size_t ndim = static_cast<size_t>(params[0]);
  const size_t expected = 7 + ndim + 3 * (ndim + 2);
  if (params.size() != expected) {
    throwTypeError(env, "expected " + what + "params to hold " + std::to_string(expected) + " numbers for " +
                            std::to_string(ndim) + " loop dimensions, got " + std::to_string(params.size()));
  }
  for (size_t i = 1; i < 4 + ndim; ++i) {
    if (i >= 4 && i < 7) continue;  // offsets: checked with the operand
    if (params[i] < 0) {
      throw makeError(env, ErrorCode::kInvalidValue,
                      "expected " + what + "params[" + std::to_string(i) + "] (a size) >= 0, got " +
                          std::to_string(params[i]));
    }
  }
  return params;
}

}  // namespace

ProductCall parseProductCall(Napi::Env env, const Napi::Value& name, const Napi::Value& typeIndex,
                             const Napi::Value& buffers, const Napi::Value& params, const std::string& what,
                             const std::function<void(const Napi::Value& buffer)>& onBuffer) {
  const GufuncInfo& info = lookupGufunc(env, name, what);
  const size_t loopIndex = checkedLoopIndex(env, typeIndex, info.loops.size(), "gufunc", info.name,
                                            what + "typeIndex", what + "typeIndex");
  if (!buffers.IsArray() || buffers.As<Napi::Array>().Length() != 3) {
    throwTypeError(env, "expected " + what + "buffers to be 3 buffers (A, B, out) for gufunc '" + info.name + "'");
  }
  const std::vector<int64_t> p = parseParams(env, params, what);
  const size_t ndim = static_cast<size_t>(p[0]);
  const ptrdiff_t rows = static_cast<ptrdiff_t>(p[1]), inner = static_cast<ptrdiff_t>(p[2]),
                  cols = static_cast<ptrdiff_t>(p[3]);
  std::vector<ptrdiff_t> loopShape(p.begin() + 7, p.begin() + 7 + static_cast<ptrdiff_t>(ndim));
  const size_t itemsize = itemsizeOfTypeChar(info.loops[loopIndex].types[0]);
  Napi::Array list = buffers.As<Napi::Array>();
  const ptrdiff_t coreRows[3] = {rows, inner, rows};
  const ptrdiff_t coreCols[3] = {inner, cols, cols};
  ufunc::ProductOperand operands[3];
  for (uint32_t i = 0; i < 3; ++i) {
    const std::string label = what + "buffers[" + std::to_string(i) + "]";
    Napi::Value buffer = list.Get(i);
    onBuffer(buffer);
    const Memory memory = bufferMemory(env, buffer, label);
    std::vector<ptrdiff_t> shape = loopShape;
    shape.push_back(coreRows[i]);
    shape.push_back(coreCols[i]);
    const auto first = p.begin() + static_cast<ptrdiff_t>(7 + ndim + i * (ndim + 2));
    std::vector<ptrdiff_t> strides(first, first + static_cast<ptrdiff_t>(ndim + 2));
    char* data = checkedData(env, memory, p[4 + i], shape, strides, itemsize, label);
    operands[i] = {data, std::vector<ptrdiff_t>(strides.begin(), strides.begin() + static_cast<ptrdiff_t>(ndim)),
                   strides[ndim], strides[ndim + 1]};
  }
  return {&info, loopIndex,
          ufunc::ProductBatch{std::move(loopShape), rows, inner, cols, std::move(operands[0]), std::move(operands[1]),
                              std::move(operands[2]), info.conjugatesFirst}};
}

namespace {

Napi::Value gufuncExecJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  ProductCall call = parseProductCall(env, args[0], args[1], args[2], args[3], "", [](const Napi::Value&) {});
  int flags = 0;
  throwIfError(env, ufunc::execProduct(*call.info, call.loopIndex, call.batch, &flags));
  return Napi::Number::New(env, flags);
}

void initGufunc(Napi::Env env, Napi::Object exports) {
  exports.Set("gufuncTable", gufuncTableToJs(env));
  exports.Set("gufuncExec", Napi::Function::New(env, gufuncExecJs, "gufuncExec"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(gufunc, ndinterop::napi::initGufunc);
