// The native ufunc engine as the JS layer (src/ufunc*.ts) sees it.
//
// CONTRACT (kept in step with src/base/native.ts `NativeAddon`):
//
// native.ufuncTable: Record<string, { nin, nout, identity, types, aliases }>
//   Every elementwise numeric ufunc of NumPy 2.4, keyed by NumPy's name.
//   `types` is NumPy's `ufunc.types` in NumPy's order, minus loops over
//   longdouble/object/datetime ('g', 'G', 'O', 'M', 'm'), plus a bfloat16 loop
//   (type char 'E', computed in float32) right after each float16 loop that
//   has one; drop the 'E' entries to get NumPy's list. 'l'/'q' both mean
//   int64 and 'L'/'Q' uint64, as in NumPy. `identity` is NumPy's
//   ufunc.identity (number, -Infinity, boolean, or null), or the string
//   'reorderable-none' for NumPy's "no identity but reorderable" (maximum,
//   minimum, fmax, fmin). `aliases` are NumPy's other names (abs, true_divide).
//
// native.ufuncExec(name, typeIndex, operands, shape, where?): number
//   Runs loop `types[typeIndex]` elementwise over `shape`. `operands` are the
//   inputs then the outputs, each { buffer, byteOffset, strides } with
//   `strides` in bytes, one per dimension of `shape` (0 for broadcast
//   dimensions). `buffer` is an ArrayBuffer or SharedArrayBuffer, or any
//   TypedArray/DataView (its own byteOffset is added). Each operand holds
//   exactly its loop dtype in native byte order; alignment is not required.
//   An output may be exactly an input (same memory, same strides); partial
//   overlap must be resolved by the caller (copy first). `where` is an
//   optional bool operand of the same form: where false, outputs are left as
//   they were. Returns the floating-point exceptions raised, a bitmask:
//   1 divide-by-zero, 2 overflow, 4 underflow, 8 invalid (integer division
//   and remainder by zero raise 1, INT_MIN // -1 raises 2, as in NumPy).
//   Reductions: pass the accumulator as both input 0 and the output with
//   stride 0 along the reduced dimension(s); `add` then sums each run with
//   NumPy's pairwise summation, which is bit-exact with NumPy when the
//   accumulator starts at the identity (NumPy 2.4 starts add.reduce at 0) and
//   the whole reduced run is passed in one call. float16 add/subtract/
//   multiply/divide reductions keep the running value in float32, as NumPy does.
//   Every operand's reach is checked against its buffer (RangeError).
//   `casts` (optional 6th argument): per input, undefined or
//   { dtype, byteSwapped? } — that input is stored in DTypeId `dtype` (in
//   byte-swapped order if set) and is converted chunk by chunk with
//   castExec's semantics (fused casting); its flags join the loop's. Large
//   outputs no input shares memory with are written with non-temporal stores.
//
// native.ufuncExecPacked(id, typeIndex, buffers, layout): number
//   ufuncExec in a cheaper form (the JS engine's sync path): `id` is the
//   entry's `id` in ufuncTable; `buffers` the operands' buffers (inputs,
//   outputs, then the where mask if any); `layout` a Float64Array holding
//   [ndim, hasWhere, hasCasts, ...shape, then per buffer byteOffset and ndim
//   strides, then if hasCasts per operand (castDTypeId or -1, byteSwapped),
//   -1 for every output)].
//   Same checks, errors and result as ufuncExec.
//
// native.ufuncRun(layout, ...buffers): number
//   ufuncExecPacked for the engine's commonest calls, with the least per-call
//   work: no mask; `buffers` (inputs then outputs) are arguments 1..nops;
//   `layout` is a Float64Array holding [id, typeIndex, ndim, hasCasts,
//   ...shape, then per operand byteOffset and ndim strides, then if hasCasts
//   one castDTypeId (or -1) per input]. When every operand walks the shape
//   in C order or repeats one element and the work is small, the loop runs as
//   one direct call with no allocation. Same checks, errors and result as
//   ufuncExec.
//
// native.castExec(source, destination, shape): number
//   source/destination: { buffer, byteOffset, strides, dtype, byteSwapped? }
//   with `dtype` an id of the dtype table (DTypeId; any numeric dtype except
//   longdouble). NumPy's C-cast semantics (see native/core/ufunc/cast.h); returns
//   the same flag bitmask (NaN -> int raises 8, 'invalid value encountered
//   in cast').
//
// native.castRun(layout, source, destination): number
//   castExec with the least per-call work (astype's path): `source` and
//   `destination` are buffers as in ufuncRun; `layout` is a Float64Array
//   holding [sourceDType, sourceByteSwapped, destinationDType,
//   destinationByteSwapped, ndim, ...shape, then per operand (source, then
//   destination) byteOffset and ndim strides]. When both sides walk the shape
//   in C order (or repeat one element) the cast runs as one direct call.
//   Same semantics, checks and result as castExec.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/base/limits.h"
#include "core/ufunc/cast.h"
#include "core/ufunc/exec.h"
#include "core/ufunc/fp_flags.h"
#include "core/ufunc/table.h"
#include "napi/errors.h"
#include "napi/numbers.h"
#include "napi/module.h"
#include "napi/ufunc/args.h"

namespace ndinterop::napi {
namespace {

using ufunc::Identity;
using ufunc::UfuncInfo;

Napi::Value identityToJs(Napi::Env env, Identity identity) {
  switch (identity) {
    case Identity::kNone: return env.Null();
    case Identity::kReorderableNone: return Napi::String::New(env, "reorderable-none");
    case Identity::kZero: return Napi::Number::New(env, 0);
    case Identity::kOne: return Napi::Number::New(env, 1);
    case Identity::kMinusOne: return Napi::Number::New(env, -1);
    case Identity::kTrue: return Napi::Boolean::New(env, true);
    case Identity::kFalse: return Napi::Boolean::New(env, false);
    case Identity::kMinusInf: return Napi::Number::New(env, -std::numeric_limits<double>::infinity());
  }
  return env.Null();
}

Napi::Object ufuncTableToJs(Napi::Env env) {
  Napi::Object table = Napi::Object::New(env);
  for (const UfuncInfo& info : ufunc::ufuncTable()) {
    Napi::Object entry = Napi::Object::New(env);
    entry.Set("id", static_cast<double>(&info - ufunc::ufuncTable().data()));
    entry.Set("nin", info.nin);
    entry.Set("nout", info.nout);
    entry.Set("identity", identityToJs(env, info.identity));
    Napi::Array types = Napi::Array::New(env, info.loops.size());
    for (size_t i = 0; i < info.loops.size(); ++i) types[i] = Napi::String::New(env, info.loops[i].types);
    entry.Set("types", types);
    Napi::Array aliases = Napi::Array::New(env, info.aliases.size());
    for (size_t i = 0; i < info.aliases.size(); ++i) aliases[i] = Napi::String::New(env, info.aliases[i]);
    entry.Set("aliases", aliases);
    table.Set(info.name, entry);
  }
  return table;
}

Napi::Value ufuncExecJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  if (!args[0].IsString()) throwTypeError(env, "expected the ufunc name as a string");
  const UfuncInfo& info = lookupUfunc(env, args[0].As<Napi::String>().Utf8Value());
  const size_t loopIndex = checkedLoopIndex(env, info, args[1]);
  const std::string chars = operandChars(info.loops[loopIndex].types);
  if (!args[2].IsArray() || args[2].As<Napi::Array>().Length() != chars.size()) {
    throwTypeError(env, "expected " + std::to_string(chars.size()) + " operands (inputs then outputs) for ufunc '" +
                            info.name + "'");
  }
  const std::vector<ptrdiff_t> shape = parseShape(env, args[3]);
  Napi::Array operandArray = args[2].As<Napi::Array>();
  std::vector<IterOperand> operands;
  operands.reserve(chars.size());
  std::vector<ufunc::InputCast> casts;
  if (args.Length() > 5 && !args[5].IsUndefined() && !args[5].IsNull()) casts = parseInputCasts(env, args[5], info);
  for (uint32_t i = 0; i < chars.size(); ++i) {
    operands.push_back(parseOperand(env, operandArray.Get(i), shape, operandItemsize(chars, i, casts),
                                    "operands[" + std::to_string(i) + "]"));
  }
  IterOperand where{};
  const bool hasWhere = args.Length() > 4 && !args[4].IsUndefined() && !args[4].IsNull();
  if (hasWhere) where = parseOperand(env, args[4], shape, 1, "where");
  int flags = 0;
  throwIfError(env, ufunc::exec(info, loopIndex, std::move(operands), shape,
                                hasWhere ? &where : nullptr, &flags, casts));
  return Napi::Number::New(env, flags);
}

// ufuncExecPacked: the same call as ufuncExec in a form that costs a handful
// of napi calls instead of several per operand (the per-call cost of small
// and medium arrays). See the contract above.
int64_t layoutInteger(Napi::Env env, double value, const char* what, size_t index) {
  if (!isSafeInteger(value)) {
    throw makeError(env, ErrorCode::kInvalidValue, std::string("expected layout[") + std::to_string(index) + "] (" +
                                                       what + ") to be a safe integer, got " + std::to_string(value));
  }
  return static_cast<int64_t>(value);
}

Napi::Value ufuncExecPackedJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  const std::vector<UfuncInfo>& table = ufunc::ufuncTable();
  const int64_t id = integerProperty(env, args[0], "ufunc id");
  if (id < 0 || static_cast<size_t>(id) >= table.size()) {
    throw makeError(env, ErrorCode::kInvalidValue, "expected a ufunc id in [0, " + std::to_string(table.size()) + "), got " +
                                                       std::to_string(id));
  }
  const UfuncInfo& info = table[static_cast<size_t>(id)];
  const size_t loopIndex = checkedLoopIndex(env, info, args[1]);
  const std::string chars = operandChars(info.loops[loopIndex].types);
  if (!args[2].IsArray()) throwTypeError(env, "expected buffers to be an array");
  if (!args[3].IsTypedArray() || args[3].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throwTypeError(env, "expected layout to be a Float64Array");
  }
  Napi::Float64Array layoutArray = args[3].As<Napi::Float64Array>();
  const double* layout = layoutArray.Data();
  const size_t layoutLength = layoutArray.ElementLength();
  size_t at = 0;
  auto next = [&](const char* what) {
    if (at >= layoutLength) throwTypeError(env, std::string("expected layout to hold ") + what + " at index " + std::to_string(at));
    const int64_t value = layoutInteger(env, layout[at], what, at);
    ++at;
    return value;
  };
  const int64_t ndim = next("ndim");
  if (ndim < 0 || ndim > kMaxDims) {
    throw makeError(env, ErrorCode::kInvalidValue,
                    "expected ndim in [0, " + std::to_string(kMaxDims) + "], got " + std::to_string(ndim));
  }
  const bool hasWhere = next("hasWhere") != 0;
  const bool hasCasts = next("hasCasts") != 0;
  std::vector<ptrdiff_t> shape(static_cast<size_t>(ndim));
  for (ptrdiff_t& n : shape) {
    n = static_cast<ptrdiff_t>(next("shape"));
    if (n < 0) throw makeError(env, ErrorCode::kInvalidValue, "expected shape entries >= 0, got " + std::to_string(n));
  }
  const size_t nops = chars.size();
  Napi::Array buffers = args[2].As<Napi::Array>();
  if (buffers.Length() != nops + (hasWhere ? 1 : 0)) {
    throwTypeError(env, "expected " + std::to_string(nops + (hasWhere ? 1 : 0)) + " buffers (inputs, outputs" +
                            (hasWhere ? ", where" : "") + ") for ufunc '" + info.name + "'");
  }
  // Operands' offsets and strides come first in the layout, casts after them.
  const size_t castsAt = at + (nops + (hasWhere ? 1 : 0)) * (1 + shape.size());
  std::vector<ufunc::InputCast> casts;
  if (hasCasts) {
    size_t saved = at;
    at = castsAt;
    casts.resize(static_cast<size_t>(info.nin));
    for (size_t i = 0; i < nops; ++i) {  // one pair per operand; outputs' pairs are -1
      const int64_t dtype = next("cast dtype");
      const bool swapped = next("cast byteSwapped") != 0;
      if (dtype < 0) continue;
      if (i >= casts.size()) throwTypeError(env, "expected no cast for output " + std::to_string(i));
      ufunc::InputCast& cast = casts[i];
      cast = {true, castableDType(env, dtype, "a cast dtype"), swapped};
    }
    at = saved;
  }
  auto readOperand = [&](uint32_t index, size_t itemsize) {
    const Memory memory = bufferMemory(env, buffers.Get(index), "buffers[" + std::to_string(index) + "]");
    const int64_t byteOffset = next("byteOffset");
    std::vector<ptrdiff_t> strides(shape.size());
    for (ptrdiff_t& stride : strides) stride = static_cast<ptrdiff_t>(next("stride"));
    const std::string what = index < nops ? "operands[" + std::to_string(index) + "]" : std::string("where");
    char* data = checkedData(env, memory, byteOffset, shape, strides, itemsize, what);
    return IterOperand{data, std::move(strides)};
  };
  std::vector<IterOperand> operands;
  operands.reserve(nops);
  for (uint32_t i = 0; i < nops; ++i) operands.push_back(readOperand(i, operandItemsize(chars, i, casts)));
  IterOperand where{};
  if (hasWhere) where = readOperand(static_cast<uint32_t>(nops), 1);
  int flags = 0;
  throwIfError(env, ufunc::exec(info, loopIndex, std::move(operands), shape,
                                hasWhere ? &where : nullptr, &flags, casts));
  return Napi::Number::New(env, flags);
}


// ufuncRun (see the contract above): the engine's per-call path. Everything
// lives on the stack; strings are built only for errors.
constexpr size_t kRunMaxOperands = 8;

Memory runBuffer(Napi::Env env, napi_value value, size_t index) {
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_arraybuffer_info(env, value, &data, &length) == napi_ok) return {static_cast<char*>(data), length};
  return bufferMemory(env, Napi::Value(env, value), "buffers[" + std::to_string(index) + "]");
}

// How one operand of ufuncRun or castRun walks `shape`: its first byte,
// whether it is C-contiguous for `itemsize` (shape-1 dimensions aside) or
// repeats one element (all strides 0). Throws RangeError (ERR_OUT_OF_BOUNDS)
// when its elements reach outside `memory`.
struct RunWalk {
  char* data;
  bool contiguous;
  bool repeated;
};

RunWalk checkRunOperand(Napi::Env env, const Memory& memory, int64_t byteOffset, const ptrdiff_t* shape,
                        const ptrdiff_t* strides, size_t dims, ptrdiff_t itemsize, size_t elements, size_t op) {
  __int128 reachLow = 0;  // strides and shape entries are below 2^53: 128 bits hold every sum
  __int128 reachHigh = 0;
  RunWalk walk{memory.data, true, true};
  ptrdiff_t expected = itemsize;
  for (size_t d = dims; d-- > 0;) {
    const ptrdiff_t stride = strides[d];
    if (stride != 0) walk.repeated = false;
    if (shape[d] != 1 && stride != expected) walk.contiguous = false;
    expected *= shape[d];
    if (shape[d] > 0) {
      const __int128 reach = static_cast<__int128>(shape[d] - 1) * stride;
      if (reach < 0) reachLow += reach;
      else reachHigh += reach;
    }
  }
  if (elements > 0) {
    const __int128 low = static_cast<__int128>(byteOffset) + reachLow;
    const __int128 end = static_cast<__int128>(byteOffset) + reachHigh + itemsize;
    if (low < 0 || end > static_cast<__int128>(memory.length)) {
      throw makeError(env, ErrorCode::kOutOfBounds,
                      "expected operands[" + std::to_string(op) + "] to stay inside its buffer of " +
                          std::to_string(memory.length) + " bytes, but its elements reach bytes " +
                          std::to_string(static_cast<int64_t>(low)) + " to " + std::to_string(static_cast<int64_t>(end)));
    }
    walk.data = memory.data + byteOffset;
  }
  return walk;
}

// The Float64Array layout of ufuncRun and castRun, read entry by entry.
class RunLayout {
 public:
  RunLayout(Napi::Env env, const Napi::CallbackInfo& args) : env_(env) {
    // One napi call reads the layout (type, length and memory together).
    napi_typedarray_type type = napi_int8_array;
    void* data = nullptr;
    if (args.Length() < 1 || napi_get_typedarray_info(env, args[0], &type, &length_, &data, nullptr, nullptr) != napi_ok ||
        type != napi_float64_array) {
      throwTypeError(env, "expected layout to be a Float64Array");
    }
    data_ = static_cast<const double*>(data);
  }

  // The next entry, a safe integer; `what` names it in errors.
  int64_t next(const char* what) {
    if (at_ >= length_) throwTypeError(env_, std::string("expected layout to hold ") + what + " at index " + std::to_string(at_));
    const double value = data_[at_];
    // The common case inline; layoutInteger names the problem otherwise.
    if (!(value >= -9007199254740991.0 && value <= 9007199254740991.0 && value == static_cast<double>(static_cast<int64_t>(value)))) {
      layoutInteger(env_, value, what, at_);
    }
    ++at_;
    return static_cast<int64_t>(value);
  }

  // The number of dimensions, checked against kMaxDims.
  size_t ndim() {
    const int64_t ndim = next("ndim");
    if (ndim < 0 || ndim > kMaxDims) {
      throw makeError(env_, ErrorCode::kInvalidValue,
                      "expected ndim in [0, " + std::to_string(kMaxDims) + "], got " + std::to_string(ndim));
    }
    return static_cast<size_t>(ndim);
  }

  // `ndim` shape entries into `shape`; returns their product.
  size_t shape(size_t ndim, ptrdiff_t (&shape)[kMaxDims]) {
    size_t elements = 1;
    for (size_t d = 0; d < ndim; ++d) {
      const int64_t n = next("shape");
      if (n < 0) throw makeError(env_, ErrorCode::kInvalidValue, "expected shape entries >= 0, got " + std::to_string(n));
      shape[d] = static_cast<ptrdiff_t>(n);
      elements *= static_cast<size_t>(n);
    }
    return elements;
  }

  size_t at() const { return at_; }
  void seek(size_t at) { at_ = at; }

 private:
  Napi::Env env_;
  const double* data_ = nullptr;
  size_t length_ = 0;
  size_t at_ = 0;
};

Napi::Value ufuncRunJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  RunLayout layout(env, args);
  auto next = [&](const char* what) { return layout.next(what); };
  const std::vector<UfuncInfo>& table = ufunc::ufuncTable();
  const int64_t id = next("ufunc id");
  if (id < 0 || static_cast<size_t>(id) >= table.size()) {
    throw makeError(env, ErrorCode::kInvalidValue, "expected a ufunc id in [0, " + std::to_string(table.size()) + "), got " +
                                                       std::to_string(id));
  }
  const UfuncInfo& info = table[static_cast<size_t>(id)];
  const int64_t loopIndex = next("typeIndex");
  throwIfError(env, ufunc::checkLoopIndex(loopIndex, info.loops.size(), "typeIndex", "ufunc", info.name));
  const std::string& types = info.loops[static_cast<size_t>(loopIndex)].types;
  const size_t dims = layout.ndim();
  const bool hasCasts = next("hasCasts") != 0;
  const size_t nops = static_cast<size_t>(info.nin + info.nout);
  if (nops > kRunMaxOperands || args.Length() != nops + 1) {
    throwTypeError(env, "expected " + std::to_string(nops) + " buffers (inputs, outputs) for ufunc '" + info.name + "'");
  }
  ptrdiff_t shape[kMaxDims];
  const size_t elements = layout.shape(dims, shape);
  // Per operand: its loop itemsize (or its stored dtype's, when cast).
  ptrdiff_t itemsizes[kRunMaxOperands];
  {
    size_t op = 0;
    for (char c : types) {
      if (c != '-' && c != '>' && op < kRunMaxOperands) itemsizes[op++] = static_cast<ptrdiff_t>(itemsizeOfTypeChar(c));
    }
  }
  const size_t castsAt = layout.at() + nops * (1 + dims);
  std::vector<ufunc::InputCast> casts;
  if (hasCasts) {
    const size_t saved = layout.at();
    layout.seek(castsAt);
    casts.resize(static_cast<size_t>(info.nin));
    for (size_t i = 0; i < casts.size(); ++i) {
      const int64_t dtype = next("cast dtype");
      if (dtype < 0) continue;
      casts[i] = {true, castableDType(env, dtype, "a cast dtype"), false};
      itemsizes[i] = static_cast<ptrdiff_t>(dtypeInfo(casts[i].from).itemsize);
    }
    layout.seek(saved);
  }
  char* data[kRunMaxOperands];
  ptrdiff_t strides[kRunMaxOperands][kMaxDims];
  ptrdiff_t steps[kRunMaxOperands];
  bool direct = !hasCasts && elements < ufunc::kDirectElements;
  for (size_t op = 0; op < nops; ++op) {
    const Memory memory = runBuffer(env, args[op + 1], op);
    const int64_t byteOffset = next("byteOffset");
    for (size_t d = 0; d < dims; ++d) strides[op][d] = static_cast<ptrdiff_t>(next("stride"));
    const RunWalk walk = checkRunOperand(env, memory, byteOffset, shape, strides[op], dims, itemsizes[op], elements, op);
    data[op] = walk.data;
    if (!walk.contiguous && !walk.repeated) direct = false;
    steps[op] = walk.contiguous ? itemsizes[op] : 0;
  }
  int flags = 0;
  if (direct) {
    ufunc::execDirect(info, static_cast<size_t>(loopIndex), data, steps, elements, &flags);
  } else {
    std::vector<ptrdiff_t> shapeVector(shape, shape + dims);
    std::vector<IterOperand> operands;
    operands.reserve(nops);
    for (size_t op = 0; op < nops; ++op) {
      operands.push_back(IterOperand{data[op], std::vector<ptrdiff_t>(strides[op], strides[op] + dims)});
    }
    throwIfError(env, ufunc::exec(info, static_cast<size_t>(loopIndex), std::move(operands), shapeVector, nullptr,
                                  &flags, casts));
  }
  return Napi::Number::New(env, flags);
}

CastOperand parseCastOperand(Napi::Env env, const Napi::Value& value, const std::vector<ptrdiff_t>& shape,
                             const std::string& what) {
  const CastType type = parseCastType(env, value, what);
  return {parseOperand(env, value, shape, dtypeInfo(type.dtype).itemsize, what), type.dtype, type.byteSwapped};
}

Napi::Value castExecJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  const std::vector<ptrdiff_t> shape = parseShape(env, args[2]);
  const CastOperand source = parseCastOperand(env, args[0], shape, "source");
  const CastOperand destination = parseCastOperand(env, args[1], shape, "destination");
  int flags = 0;
  throwIfError(env, castExec(source, destination, shape, &flags));
  return Napi::Number::New(env, flags);
}

// castRun (see the contract above): castExec's per-call path, as ufuncRun is ufuncExec's.
Napi::Value castRunJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  RunLayout layout(env, args);
  if (args.Length() != 3) throwTypeError(env, "expected castRun(layout, source, destination)");
  const DTypeId from = castableDType(env, layout.next("source dtype"), "the source dtype");
  const bool fromSwapped = layout.next("source byteSwapped") != 0;
  const DTypeId to = castableDType(env, layout.next("destination dtype"), "the destination dtype");
  const bool toSwapped = layout.next("destination byteSwapped") != 0;
  const size_t dims = layout.ndim();
  ptrdiff_t shape[kMaxDims];
  const size_t elements = layout.shape(dims, shape);
  const CastStep step = makeCastStep(from, fromSwapped, to, toSwapped);
  const ptrdiff_t itemsizes[2] = {static_cast<ptrdiff_t>(step.sourceItemsize), static_cast<ptrdiff_t>(step.destinationItemsize)};
  char* data[2];
  ptrdiff_t strides[2][kMaxDims];
  ptrdiff_t steps[2];
  bool direct = true;
  for (size_t op = 0; op < 2; ++op) {
    const Memory memory = runBuffer(env, args[op + 1], op);
    const int64_t byteOffset = layout.next("byteOffset");
    for (size_t d = 0; d < dims; ++d) strides[op][d] = static_cast<ptrdiff_t>(layout.next("stride"));
    const RunWalk walk = checkRunOperand(env, memory, byteOffset, shape, strides[op], dims, itemsizes[op], elements, op);
    data[op] = walk.data;
    if (!walk.contiguous && !walk.repeated) direct = false;
    steps[op] = walk.contiguous ? itemsizes[op] : 0;
  }
  int flags = 0;
  if (direct) {
    flags = castDirect(step, data, steps, elements);
  } else {
    const std::vector<ptrdiff_t> shapeVector(shape, shape + dims);
    auto operand = [&](size_t op, DTypeId dtype, bool swapped) {
      return CastOperand{IterOperand{data[op], std::vector<ptrdiff_t>(strides[op], strides[op] + dims)}, dtype, swapped};
    };
    throwIfError(env, castExec(operand(0, from, fromSwapped), operand(1, to, toSwapped), shapeVector, &flags));
  }
  return Napi::Number::New(env, flags);
}

void initUfunc(Napi::Env env, Napi::Object exports) {
  exports.Set("ufuncTable", ufuncTableToJs(env));
  exports.Set("ufuncExec", Napi::Function::New(env, ufuncExecJs, "ufuncExec"));
  exports.Set("ufuncExecPacked", Napi::Function::New(env, ufuncExecPackedJs, "ufuncExecPacked"));
  exports.Set("ufuncRun", Napi::Function::New(env, ufuncRunJs, "ufuncRun"));
  exports.Set("castExec", Napi::Function::New(env, castExecJs, "castExec"));
  exports.Set("castRun", Napi::Function::New(env, castRunJs, "castRun"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(ufunc, ndinterop::napi::initUfunc);
