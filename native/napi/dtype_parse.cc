// Typestr and dtype-string parsing for JS: converts the core results
// (native/core/dtype/typestr.h) into plain objects that src/dtype/dtype.ts turns into
// DTypes. Parse errors carry `position`: the characters consumed before the
// problem.
#include "core/dtype/typestr.h"
#include "napi/dtype_parse.h"
#include "napi/errors.h"
#include "napi/module.h"

namespace ndinterop::napi {

Napi::Object scalarTypeToJs(Napi::Env env, const ScalarType& type) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("id", static_cast<uint32_t>(type.id));
  result.Set("name", dtypeInfo(type.id).name);
  result.Set("byteorder", std::string(1, type.byteorder));
  result.Set("itemsize", type.itemsize);
  result.Set("unit", datetimeUnitText(type.unit));
  return result;
}

void throwParseError(Napi::Env env, const Status& status, std::string_view text, size_t consumedBytes) {
  Napi::Error error = makeError(env, status.code, status.message);
  error.Set("position", Napi::Number::New(env, static_cast<double>(utf16Offset(text, consumedBytes))));
  throw error;
}

namespace {

using StringParser = Status (*)(std::string_view, ScalarType*, size_t*);

Napi::Value parseWith(const Napi::CallbackInfo& info, StringParser parser) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throwTypeError(env, "expected a string");
  const std::string text = info[0].As<Napi::String>().Utf8Value();
  ScalarType type;
  size_t consumed = 0;
  const Status status = parser(text, &type, &consumed);
  if (!status.ok()) throwParseError(env, status, text, consumed);
  return scalarTypeToJs(env, type);
}

Napi::Value parseTypestrJs(const Napi::CallbackInfo& info) { return parseWith(info, parseTypestr); }
Napi::Value parseDTypeStringJs(const Napi::CallbackInfo& info) { return parseWith(info, parseDTypeString); }

void initDtypeParse(Napi::Env env, Napi::Object exports) {
  exports.Set("parseTypestr", Napi::Function::New(env, parseTypestrJs, "parseTypestr"));
  exports.Set("parseDTypeString", Napi::Function::New(env, parseDTypeStringJs, "parseDTypeString"));
  exports.Set("hostIsLittleEndian", Napi::Boolean::New(env, hostIsLittleEndian()));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(dtype_parse, ndinterop::napi::initDtypeParse);
