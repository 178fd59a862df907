// The generalized ufuncs (matmul, vecdot, matvec, vecmat) as the JS layer
// (src/gufunc.ts) sees them.
//
// CONTRACT (kept in step with src/native.ts `NativeAddon`):
//
// native.gufuncTable: Record<string, { nin, nout, signature, types }>
//   Keyed by NumPy's name. `signature` is NumPy's core signature
//   ('(n?,k),(k,m?)->(n?,m?)'); `types` is NumPy's `ufunc.types` minus loops
//   over longdouble/object, plus 'EE->E' (bfloat16, summed in float32) right
//   after 'ee->e' — the same rule as native.ufuncTable. identity is None for
//   all four.
//
// native.gufuncExec(name, typeIndex, operands, loopShape, coreShape): number
//   Runs loop `types[typeIndex]` as the batched product out = op(A) @ B of
//   core/gufunc_registry.h. `coreShape` is [rows, inner, cols]; `operands`
//   is [A, B, out], each { buffer, byteOffset, strides } with
//   loopShape.length + 2 byte strides: the loop dimensions, then the two core
//   axes (A: rows, inner; B: inner, cols; out: rows, cols). Missing core
//   dimensions are passed as size 1. Every operand holds exactly the loop's
//   dtype in native byte order, and its reach is checked against its buffer
//   (RangeError ERR_OUT_OF_BOUNDS). `out` must not overlap A or B (the
//   caller copies inputs first). Returns the floating-point exceptions
//   raised (the FpFlag bits of native.ufuncExec).
#include <string>
#include <vector>

#include "core/gufunc_registry.h"
#include "napi/errors.h"
#include "napi/module.h"
#include "napi/ufunc_args.h"

namespace ndinterop::napi {
namespace {

using ufunc::GufuncInfo;
using ufunc::ProductBatch;
using ufunc::ProductOperand;

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

const GufuncInfo& lookupGufunc(Napi::Env env, const Napi::Value& value) {
  if (!value.IsString()) throwTypeError(env, "expected the gufunc name as a string");
  const std::string name = value.As<Napi::String>().Utf8Value();
  const GufuncInfo* info = ufunc::findGufunc(name);
  if (info == nullptr) throwTypeError(env, "expected the name of a gufunc, got '" + name + "'");
  return *info;
}

// One operand: loop strides, then the two core strides; its whole reach
// (loop shape and its core shape) is checked against its buffer.
ProductOperand parseProductOperand(Napi::Env env, const Napi::Value& value, const std::vector<ptrdiff_t>& loopShape,
                                   ptrdiff_t coreRows, ptrdiff_t coreCols, size_t itemsize, const std::string& what) {
  std::vector<ptrdiff_t> fullShape = loopShape;
  fullShape.push_back(coreRows);
  fullShape.push_back(coreCols);
  IterOperand parsed = parseOperand(env, value, fullShape, itemsize, what);
  const size_t ndim = loopShape.size();
  ProductOperand operand{parsed.data, {}, parsed.strides[ndim], parsed.strides[ndim + 1]};
  operand.loopStrides.assign(parsed.strides.begin(), parsed.strides.begin() + static_cast<ptrdiff_t>(ndim));
  return operand;
}

Napi::Value gufuncExecJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  const GufuncInfo& info = lookupGufunc(env, args[0]);
  const int64_t loopIndex = integerProperty(env, args[1], "typeIndex");
  if (loopIndex < 0 || static_cast<size_t>(loopIndex) >= info.loops.size()) {
    throw makeError(env, ErrorCode::kInvalidValue,
                    "expected typeIndex in [0, " + std::to_string(info.loops.size()) + ") for gufunc '" + info.name +
                        "', got " + std::to_string(loopIndex));
  }
  if (!args[2].IsArray() || args[2].As<Napi::Array>().Length() != 3) {
    throwTypeError(env, "expected 3 operands (A, B, out) for gufunc '" + info.name + "'");
  }
  const std::vector<ptrdiff_t> loopShape = parseShape(env, args[3]);
  const std::vector<ptrdiff_t> core = parseShape(env, args[4]);
  if (core.size() != 3) throwTypeError(env, "expected coreShape to be [rows, inner, cols]");
  const size_t itemsize = itemsizeOfTypeChar(info.loops[static_cast<size_t>(loopIndex)].types[0]);
  Napi::Array operands = args[2].As<Napi::Array>();
  ProductBatch batch{loopShape,
                     core[0],
                     core[1],
                     core[2],
                     parseProductOperand(env, operands.Get(0u), loopShape, core[0], core[1], itemsize, "operands[0]"),
                     parseProductOperand(env, operands.Get(1u), loopShape, core[1], core[2], itemsize, "operands[1]"),
                     parseProductOperand(env, operands.Get(2u), loopShape, core[0], core[2], itemsize, "operands[2]"),
                     info.conjugatesFirst};
  int flags = 0;
  throwIfError(env, ufunc::execProduct(info, static_cast<size_t>(loopIndex), batch, &flags));
  return Napi::Number::New(env, flags);
}

void initGufunc(Napi::Env env, Napi::Object exports) {
  exports.Set("gufuncTable", gufuncTableToJs(env));
  exports.Set("gufuncExec", Napi::Function::New(env, gufuncExecJs, "gufuncExec"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(gufunc, ndinterop::napi::initGufunc);
