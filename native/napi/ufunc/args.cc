#include "napi/ufunc/args.h"

#include <cmath>
#include <unordered_map>

#include "core/ufunc/cast.h"
#include "core/view/layout.h"
#include "napi/errors.h"
#include "napi/numbers.h"

namespace ndinterop::napi {

using ufunc::UfuncInfo;

size_t itemsizeOfTypeChar(char c) {
  switch (c) {
    case '?': case 'b': case 'B': return 1;
    case 'h': case 'H': case 'e': case 'E': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'D': return 16;
    default: return 8;  // l L q Q d F
  }
}

std::string operandChars(const std::string& types) {
  std::string chars;
  for (char c : types) {
    if (c != '-' && c != '>') chars += c;
  }
  return chars;
}

const UfuncInfo& lookupUfunc(Napi::Env env, const std::string& name) {
  static const std::unordered_map<std::string, const UfuncInfo*> byName = [] {
    std::unordered_map<std::string, const UfuncInfo*> built;
    for (const UfuncInfo& info : ufunc::ufuncTable()) {
      built[info.name] = &info;
      for (const std::string& alias : info.aliases) built[alias] = &info;
    }
    return built;
  }();
  auto found = byName.find(name);
  if (found == byName.end()) throwTypeError(env, "expected the name of a ufunc, got '" + name + "'");
  return *found->second;
}

int64_t integerProperty(Napi::Env env, const Napi::Value& value, const std::string& what) {
  if (!value.IsNumber()) throwTypeError(env, "expected " + what + " to be an integer, got " + value.ToString().Utf8Value());
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!isSafeInteger(number)) {
    throw makeError(env, ErrorCode::kInvalidValue, "expected " + what + " to be a safe integer, got " +
                                                       value.ToString().Utf8Value());
  }
  return static_cast<int64_t>(number);
}

size_t checkedLoopIndex(Napi::Env env, const Napi::Value& value, size_t loopCount, std::string_view kind,
                        const std::string& name, const std::string& what, const std::string& label) {
  const int64_t loopIndex = integerProperty(env, value, what);
  throwIfError(env, ufunc::checkLoopIndex(loopIndex, loopCount, label, kind, name));
  return static_cast<size_t>(loopIndex);
}

size_t checkedLoopIndex(Napi::Env env, const UfuncInfo& info, const Napi::Value& value) {
  return checkedLoopIndex(env, value, info.loops.size(), "ufunc", info.name, "typeIndex", "typeIndex");
}

DTypeId castableDType(Napi::Env env, int64_t id, const std::string& what) {
  if (id < 0 || id >= static_cast<int64_t>(DTypeId::kCount) || !isCastable(static_cast<DTypeId>(id))) {
    throwTypeError(env, "expected " + what + " to be the id of a numeric dtype, got " + std::to_string(id));
  }
  return static_cast<DTypeId>(id);
}

CastType parseCastType(Napi::Env env, const Napi::Value& value, const std::string& what) {
  if (!value.IsObject()) throwTypeError(env, "expected " + what + " to be an object");
  Napi::Object object = value.As<Napi::Object>();
  const DTypeId dtype = castableDType(env, integerProperty(env, object.Get("dtype"), what + ".dtype"), what + ".dtype");
  Napi::Value swapped = object.Get("byteSwapped");
  return {dtype, swapped.IsBoolean() && swapped.As<Napi::Boolean>().Value()};
}

std::vector<ptrdiff_t> parseShape(Napi::Env env, const Napi::Value& value) {
  if (!value.IsArray()) throwTypeError(env, "expected shape to be an array of integers");
  Napi::Array array = value.As<Napi::Array>();
  std::vector<ptrdiff_t> shape(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) {
    shape[i] = static_cast<ptrdiff_t>(integerProperty(env, array.Get(i), "shape[" + std::to_string(i) + "]"));
    if (shape[i] < 0) {
      throw makeError(env, ErrorCode::kInvalidValue,
                      "expected shape[" + std::to_string(i) + "] >= 0, got " + std::to_string(shape[i]));
    }
  }
  return shape;
}


Memory bufferMemory(Napi::Env env, const Napi::Value& buffer, const std::string& what) {
  if (buffer.IsArrayBuffer()) {
    Napi::ArrayBuffer array = buffer.As<Napi::ArrayBuffer>();
    return {static_cast<char*>(array.Data()), array.ByteLength()};
  }
  if (buffer.IsTypedArray()) {
    // The raw call also works over a SharedArrayBuffer, where Napi::ArrayBuffer does not.
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    if (napi_get_typedarray_info(env, buffer, &type, &length, &data, nullptr, nullptr) != napi_ok) {
      throwTypeError(env, "expected " + what + ".buffer to be readable memory");
    }
    return {static_cast<char*>(data), buffer.As<Napi::TypedArray>().ByteLength()};
  }
  if (buffer.IsDataView()) {
    Napi::DataView view = buffer.As<Napi::DataView>();
    return {static_cast<char*>(view.Data()), view.ByteLength()};
  }
  // N-API on Node 20 cannot read a SharedArrayBuffer's memory directly; a
  // Uint8Array over it can be read.
  Napi::Object global = env.Global();
  if (buffer.IsObject() &&
      buffer.As<Napi::Object>().InstanceOf(global.Get("SharedArrayBuffer").As<Napi::Function>())) {
    Napi::Value bytes = global.Get("Uint8Array").As<Napi::Function>().New({buffer});
    return bufferMemory(env, bytes, what);
  }
  throwTypeError(env, "expected " + what + ".buffer to be an ArrayBuffer or a TypedArray, got " +
                          buffer.ToString().Utf8Value());
}

IterOperand parseOperand(Napi::Env env, const Napi::Value& value, const std::vector<ptrdiff_t>& shape,
                         size_t itemsize, const std::string& what) {
  if (!value.IsObject()) throwTypeError(env, "expected " + what + " to be an object { buffer, byteOffset, strides }");
  Napi::Object object = value.As<Napi::Object>();
  const Memory memory = bufferMemory(env, object.Get("buffer"), what);
  const int64_t byteOffset = integerProperty(env, object.Get("byteOffset"), what + ".byteOffset");
  Napi::Value stridesValue = object.Get("strides");
  if (!stridesValue.IsArray() || stridesValue.As<Napi::Array>().Length() != shape.size()) {
    throwTypeError(env, "expected " + what + ".strides to be an array of " + std::to_string(shape.size()) +
                            " integers (one per dimension)");
  }
  Napi::Array stridesArray = stridesValue.As<Napi::Array>();
  std::vector<ptrdiff_t> strides(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) {
    strides[i] = static_cast<ptrdiff_t>(
        integerProperty(env, stridesArray.Get(static_cast<uint32_t>(i)), what + ".strides[" + std::to_string(i) + "]"));
  }
  char* data = checkedData(env, memory, byteOffset, shape, strides, itemsize, what);
  return IterOperand{data, std::move(strides)};
}

char* checkedData(Napi::Env env, const Memory& memory, int64_t byteOffset, const std::vector<ptrdiff_t>& shape,
                  const std::vector<ptrdiff_t>& strides, size_t itemsize, const std::string& what) {
  ByteExtent extent;
  throwIfError(env, computeByteExtent(static_cast<int64_t>(itemsize), shape.data(), strides.data(), shape.size(),
                                      StrideUnit::kBytes, &extent));
  if (extent.empty) return memory.data;
  // byteOffset is a safe integer and the extent fits in int64, so 128 bits
  // hold both sums exactly.
  const __int128 low = static_cast<__int128>(byteOffset) + extent.lowest;
  const __int128 end = static_cast<__int128>(byteOffset) + extent.end;
  if (low < 0 || end > static_cast<__int128>(memory.length)) {
    throw makeError(env, ErrorCode::kOutOfBounds,
                    "expected " + what + " to stay inside its buffer of " + std::to_string(memory.length) +
                        " bytes, but its elements reach bytes " + std::to_string(static_cast<int64_t>(low)) + " to " +
                        std::to_string(static_cast<int64_t>(end)));
  }
  return memory.data + byteOffset;
}

// [cast0?, cast1?, ...]: per input, undefined or { dtype, byteSwapped? }, the
// dtype the input is stored in when it is not the loop's (fused casting).
std::vector<ufunc::InputCast> parseInputCasts(Napi::Env env, const Napi::Value& value, const UfuncInfo& info) {
  if (!value.IsArray() || value.As<Napi::Array>().Length() > static_cast<uint32_t>(info.nin)) {
    throwTypeError(env, "expected casts to be an array of at most " + std::to_string(info.nin) +
                            " entries (one per input)");
  }
  Napi::Array array = value.As<Napi::Array>();
  std::vector<ufunc::InputCast> casts(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) {
    Napi::Value entry = array.Get(i);
    if (entry.IsUndefined() || entry.IsNull()) continue;
    const std::string what = "casts[" + std::to_string(i) + "]";
    if (!entry.IsObject()) throwTypeError(env, "expected " + what + " to be undefined or { dtype, byteSwapped? }");
    const CastType type = parseCastType(env, entry, what);
    casts[i] = {true, type.dtype, type.byteSwapped};
  }
  return casts;
}

size_t operandItemsize(const std::string& chars, size_t i, const std::vector<ufunc::InputCast>& casts) {
  if (i < casts.size() && casts[i].active) return dtypeInfo(casts[i].from).itemsize;
  return itemsizeOfTypeChar(chars[i]);
}

}  // namespace ndinterop::napi
