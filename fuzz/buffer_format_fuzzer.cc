// Fuzzes the PEP 3118 buffer-format parser (native/core/dtype/buffer_format.h)
// with arbitrary bytes. Properties:
//  - `consumed` never exceeds the input, and equals it on success; failures
//    are kInvalidBufferFormat with a message;
//  - a parsed item is self-consistent: sizes computed in 128 bits do not
//    overflow and equal itemsize(), every struct field lies inside its
//    struct, scalars keep their type's itemsize.
// Deep nesting ('T{T{T{...') must be refused or parsed, never overflow the
// stack (AddressSanitizer reports stack overflows).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/dtype/buffer_format.h"
#include "fuzz_values.h"

using ndinterop::FormatItem;
using ndinterop_fuzz::require;
using uint128 = unsigned __int128;

namespace {

constexpr uint128 kUint64Max = UINT64_MAX;

void checkItem(const FormatItem& item, int depth) {
  require(depth < 10000);
  uint128 size = item.elementSize;
  for (uint64_t dim : item.shape) {
    size *= dim;
    require(size <= kUint64Max);
  }
  require(item.itemsize() == size);
  require(item.alignment >= 1);
  if (!item.isStruct) {
    require(item.fields.empty());
    require(item.scalar.id < ndinterop::DTypeId::kCount);
    require(item.elementSize == item.scalar.itemsize);
    return;
  }
  for (const ndinterop::FormatField& field : item.fields) {
    checkItem(field.item, depth + 1);
    require(uint128{field.offset} + field.item.itemsize() <= item.elementSize);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view format(reinterpret_cast<const char*>(data), size);
  FormatItem item;
  size_t consumed = SIZE_MAX;
  const ndinterop::Status status = ndinterop::parseBufferFormat(format, &item, &consumed);
  require(consumed <= format.size());
  if (!status.ok()) {
    require(status.code == ndinterop::ErrorCode::kInvalidBufferFormat && !status.message.empty());
    return 0;
  }
  require(consumed == format.size());
  checkItem(item, 0);
  return 0;
}
