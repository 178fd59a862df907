// Fuzzes the .npy reader (native/core/io/npy_header.h): the prefix and the
// Python literal header. Properties:
//  - neither reader crashes, leaks or reads out of bounds on any bytes;
//  - a prefix that reads gives dataOffset = headerOffset + headerLength and
//    respects maxHeaderSize;
//  - a header that parses describes at most 2^53 - 1 bytes: dataBytes is
//    elementCount * itemsize without overflow (0 for object arrays), at most
//    64 dimensions, and every record field lies inside its record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/io/npy_header.h"
#include "fuzz_values.h"

using namespace ndinterop::io;
using ndinterop_fuzz::require;

namespace {

constexpr uint64_t kMaxSafe = (uint64_t{1} << 53) - 1;

void checkType(const NpyDType& type) {
  require(type.itemsize <= kMaxSafe);
  if (!type.structured) return;
  require(!type.fields.empty());
  for (const NpyField& field : type.fields) {
    checkType(field.type);
    uint64_t size = field.type.itemsize;
    for (uint64_t dim : field.shape) size *= dim;  // checked by the reader: no overflow possible
    require(field.offset + size <= type.itemsize);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  NpyPrefix prefix;
  const uint64_t limit = size > 0 ? data[0] * 64u : kNpyDefaultMaxHeaderSize;
  if (readNpyPrefix(data, size, limit, &prefix).ok()) {
    require(prefix.major >= 1 && prefix.major <= 3 && prefix.minor == 0);
    require(prefix.headerLength <= limit && prefix.dataOffset == prefix.headerOffset + prefix.headerLength);
  }
  for (uint8_t major : {uint8_t{1}, uint8_t{3}}) {
    NpyHeader header;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const NpyStatus status = parseNpyHeader(text, major, &header);
    if (!status.ok()) {
      require(!status.message.empty() && status.message.size() < 2000);
      continue;
    }
    require(header.shape.size() <= 64);
    checkType(header.dtype);
    if (header.dtype.hasObject) {
      require(header.dataBytes == 0);
    } else {
      require(header.dataBytes <= kMaxSafe && header.dataBytes == header.elementCount * header.dtype.itemsize);
    }
  }
  return 0;
}
