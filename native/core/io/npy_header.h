// The .npy format (NumPy's numpy/lib/format.py, versions 1.0, 2.0, 3.0):
//   "\x93NUMPY" major minor, the header length (uint16 LE in 1.0, uint32 LE
//   in 2.0 and 3.0), the header: a Python literal dict with exactly the keys
//   'descr', 'fortran_order', 'shape' (latin-1 in 1.0/2.0, UTF-8 in 3.0),
//   padded with spaces and a '\n' so the data starts at a multiple of 64,
//   then the data, C or Fortran order, in the byte order `descr` says.
// This is the one reader of that header; the N-API layer and the fuzzer call it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/dtype/typestr.h"

namespace ndinterop::io {

inline constexpr size_t kNpyMagicLength = 6;
// Enough bytes to hold the prefix of every version (magic, version, uint32 length).
inline constexpr size_t kNpyPrefixMaxLength = 12;
// NumPy's np.load(max_header_size=...) default: longer headers are refused
// unless the caller raises the limit.
inline constexpr uint64_t kNpyDefaultMaxHeaderSize = 10000;

enum class NpyErrorKind {
  kNone,
  kInvalid,      // the bytes are not a valid .npy file (JS: ERR_NPY_INVALID)
  kUnsupported,  // a valid file whose dtype ndinterop cannot represent (JS: ERR_INVALID_DTYPE)
};

struct NpyStatus {
  NpyErrorKind kind = NpyErrorKind::kNone;
  std::string message;
  bool ok() const { return kind == NpyErrorKind::kNone; }
  static NpyStatus invalid(std::string message) { return {NpyErrorKind::kInvalid, std::move(message)}; }
  static NpyStatus unsupported(std::string message) { return {NpyErrorKind::kUnsupported, std::move(message)}; }
};

struct NpyPrefix {
  uint8_t major = 0;
  uint8_t minor = 0;
  uint64_t headerOffset = 0;  // where the header text starts
  uint64_t headerLength = 0;  // bytes of header text (padding and '\n' included)
  uint64_t dataOffset = 0;    // headerOffset + headerLength
};

// Reads magic, version and header length from the first `available` bytes
// (at most kNpyPrefixMaxLength are looked at). Refuses headers longer than
// `maxHeaderSize` before anything reads them.
NpyStatus readNpyPrefix(const uint8_t* bytes, size_t available, uint64_t maxHeaderSize, NpyPrefix* out);

struct NpyField;

// An element type as a header's descr gives it: one scalar type, or a record.
struct NpyDType {
  bool structured = false;
  ScalarType scalar;  // when !structured
  uint64_t itemsize = 0;
  std::vector<NpyField> fields;  // when structured, in order (padding dropped)
  bool hasObject = false;        // an 'O' anywhere inside: the data is a pickle
};

struct NpyField {
  std::string name;  // UTF-8
  uint64_t offset = 0;
  std::vector<uint64_t> shape;  // sub-array dimensions; empty for none
  NpyDType type;
};

struct NpyHeader {
  NpyDType dtype;
  bool fortranOrder = false;
  std::vector<uint64_t> shape;
  uint64_t elementCount = 0;
  uint64_t dataBytes = 0;  // elementCount * itemsize (0 for object arrays, whose data is a pickle)
};

// Parses the header text of a file of format `major`.0 (the bytes between
// the prefix and the data). Shapes whose element count or byte size passes
// 2^53 - 1 are refused, as are more than 64 dimensions.
NpyStatus parseNpyHeader(std::string_view header, uint8_t major, NpyHeader* out);

}  // namespace ndinterop::io
