#include "napi/errors.h"

#include "napi/addon_data.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

enum class ErrorClass { kType, kRange, kBuffer };

struct ErrorKind {
  ErrorClass errorClass;
  const char* code;
};

ErrorKind kindOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      break;
    case ErrorCode::kInvalidTypestr:
      return {ErrorClass::kType, "ERR_INVALID_TYPESTR"};
    case ErrorCode::kInvalidBufferFormat:
      return {ErrorClass::kType, "ERR_INVALID_BUFFER_FORMAT"};
    case ErrorCode::kInvalidDType:
      return {ErrorClass::kType, "ERR_INVALID_DTYPE"};
    case ErrorCode::kInvalidArgument:
      return {ErrorClass::kType, "ERR_INVALID_ARG_TYPE"};
    case ErrorCode::kInvalidValue:
      return {ErrorClass::kRange, "ERR_INVALID_ARG_VALUE"};
    case ErrorCode::kOutOfBounds:
      return {ErrorClass::kRange, "ERR_OUT_OF_BOUNDS"};
    case ErrorCode::kBuffer:
      return {ErrorClass::kBuffer, "ERR_BUFFER"};
    case ErrorCode::kDlpackConsumed:
      return {ErrorClass::kBuffer, "ERR_DLPACK_CONSUMED"};
    case ErrorCode::kDlpackInvalid:
      return {ErrorClass::kBuffer, "ERR_DLPACK_INVALID"};
  }
  return {ErrorClass::kType, "ERR_INTERNAL"};
}

Napi::Value setBufferErrorClass(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) throwTypeError(info.Env(), "expected the BufferError class");
  addonData(info.Env()).bufferErrorClass = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

void initErrors(Napi::Env env, Napi::Object exports) {
  exports.Set("setBufferErrorClass", Napi::Function::New(env, setBufferErrorClass, "setBufferErrorClass"));
}

}  // namespace

Napi::Error makeError(Napi::Env env, ErrorCode code, const std::string& message) {
  const ErrorKind kind = kindOf(code);
  Napi::Error error;
  if (kind.errorClass == ErrorClass::kRange) {
    error = Napi::RangeError::New(env, message);
  } else if (kind.errorClass == ErrorClass::kBuffer && !addonData(env).bufferErrorClass.IsEmpty()) {
    Napi::Object instance = addonData(env).bufferErrorClass.New({Napi::String::New(env, message)});
    error = Napi::Error(env, instance);
  } else if (kind.errorClass == ErrorClass::kBuffer) {
    error = Napi::Error::New(env, message);
  } else {
    error = Napi::TypeError::New(env, message);
  }
  error.Set("code", Napi::String::New(env, kind.code));
  return error;
}

}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(errors, ndinterop::napi::initErrors);
