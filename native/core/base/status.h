// Error reporting for native/core: small codes plus a message, in the style of
// nanoarrow. Core never throws; the N-API layer turns a failed Status into a
// JS error of the matching class with `code` set.
#pragma once

#include <string>
#include <utility>

namespace ndinterop {

// Each code maps to one JS error class and one stable `code` string
// (see native/napi/errors.cc).
enum class ErrorCode {
  kOk = 0,
  kInvalidTypestr,       // TypeError  ERR_INVALID_TYPESTR
  kInvalidBufferFormat,  // TypeError  ERR_INVALID_BUFFER_FORMAT
  kInvalidDType,         // TypeError  ERR_INVALID_DTYPE
  kInvalidArgument,      // TypeError  ERR_INVALID_ARG_TYPE
  kInvalidValue,         // RangeError ERR_INVALID_ARG_VALUE
  kOutOfBounds,          // RangeError ERR_OUT_OF_BOUNDS
  kBuffer,               // BufferError ERR_BUFFER
  kDlpackConsumed,       // BufferError ERR_DLPACK_CONSUMED
  kDlpackInvalid,        // BufferError ERR_DLPACK_INVALID
};

struct Status {
  ErrorCode code = ErrorCode::kOk;
  std::string message;

  static Status Ok() { return Status(); }
  static Status Error(ErrorCode code, std::string message) {
    Status status;
    status.code = code;
    status.message = std::move(message);
    return status;
  }
  bool ok() const { return code == ErrorCode::kOk; }
};

}  // namespace ndinterop
