// PEP 3118 parsing for JS: the core result (native/core/dtype/buffer_format.h) as a
// plain object tree that src/dtype/buffer-format.ts turns into DTypes.
#include "core/dtype/buffer_format.h"
#include "napi/dtype_parse.h"
#include "napi/errors.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

Napi::Value formatItemToJs(Napi::Env env, const FormatItem& item) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("isStruct", item.isStruct);
  result.Set("elementSize", static_cast<double>(item.elementSize));
  result.Set("alignment", item.alignment);
  Napi::Array shape = Napi::Array::New(env, item.shape.size());
  for (size_t i = 0; i < item.shape.size(); ++i) shape[i] = static_cast<double>(item.shape[i]);
  result.Set("shape", shape);
  if (!item.isStruct) {
    result.Set("scalar", scalarTypeToJs(env, item.scalar));
    return result;
  }
  Napi::Array fields = Napi::Array::New(env, item.fields.size());
  for (size_t i = 0; i < item.fields.size(); ++i) {
    const FormatField& field = item.fields[i];
    Napi::Object entry = Napi::Object::New(env);
    entry.Set("name", field.name);
    entry.Set("offset", static_cast<double>(field.offset));
    entry.Set("item", formatItemToJs(env, field.item));
    fields[i] = entry;
  }
  result.Set("fields", fields);
  return result;
}

Napi::Value parseBufferFormatJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throwTypeError(env, "expected a string");
  const std::string format = info[0].As<Napi::String>().Utf8Value();
  FormatItem item;
  size_t consumed = 0;
  const Status status = parseBufferFormat(format, &item, &consumed);
  if (!status.ok()) throwParseError(env, status, format, consumed);
  return formatItemToJs(env, item);
}

void initBufferFormat(Napi::Env env, Napi::Object exports) {
  exports.Set("parseBufferFormat", Napi::Function::New(env, parseBufferFormatJs, "parseBufferFormat"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(buffer_format, ndinterop::napi::initBufferFormat);
