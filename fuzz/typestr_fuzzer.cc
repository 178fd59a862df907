// Fuzzes the typestr and dtype-string parsers (native/core/dtype/typestr.h) with
// arbitrary bytes. Properties:
//  - `consumed` never exceeds the input, and equals it on success;
//  - a parsed type is self-consistent (fixed-size kinds keep the table's
//    itemsize, U is a multiple of 4, byteorder is one of < > = |);
//  - written back as a typestr (byteorder, kind, size, [unit]) it parses to
//    the same type;
//  - quoteForMessage escapes every control byte (non-ASCII bytes may stay:
//    messages show UTF-8 text such as 'μs' as it was written).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/dtype/typestr.h"
#include "fuzz_values.h"

using ndinterop::DTypeId;
using ndinterop::ScalarType;
using ndinterop_fuzz::require;

namespace {

bool isFlexible(DTypeId id) { return id == DTypeId::kBytes || id == DTypeId::kUnicode || id == DTypeId::kVoid; }
bool isDatetime(DTypeId id) { return id == DTypeId::kDatetime64 || id == DTypeId::kTimedelta64; }

void checkConsistent(const ScalarType& type) {
  require(type.id < DTypeId::kCount);
  const ndinterop::DTypeInfo& info = ndinterop::dtypeInfo(type.id);
  require(std::string_view("<>=|").find(type.byteorder) != std::string_view::npos);
  if (!isFlexible(type.id)) require(type.itemsize == info.itemsize);
  if (type.id == DTypeId::kUnicode) require(type.itemsize % 4 == 0);
  if (isDatetime(type.id)) require(type.unit.multiplier >= 0);
}

// The typestr NumPy would write for `type` (dtype.str), built from the
// parsed facts only.
std::string typestrOf(const ScalarType& type) {
  const ndinterop::DTypeInfo& info = ndinterop::dtypeInfo(type.id);
  std::string text(1, type.byteorder);
  text += info.kind;
  text += std::to_string(type.id == DTypeId::kUnicode ? type.itemsize / 4 : type.itemsize);
  // The generic unit is written without brackets ('<M8'): NumPy rejects '[]'.
  const std::string unit = isDatetime(type.id) ? ndinterop::datetimeUnitText(type.unit) : "";
  if (!unit.empty()) text += "[" + unit + "]";
  return text;
}

void checkRoundTrip(const ScalarType& type) {
  // bfloat16 has no typestr of its own ('<V2' is a plain void type), and
  // object is never written with a size by NumPy.
  if (type.id == DTypeId::kBFloat16 || type.id == DTypeId::kObject) return;
  const std::string text = typestrOf(type);
  ScalarType again;
  size_t consumed = 0;
  require(ndinterop::parseTypestr(text, &again, &consumed).ok());
  require(consumed == text.size());
  require(again.id == type.id && again.itemsize == type.itemsize && again.byteorder == type.byteorder);
  require(again.unit.base == type.unit.base && again.unit.multiplier == type.unit.multiplier);
}

using Parser = ndinterop::Status (*)(std::string_view, ScalarType*, size_t*);

void checkParser(Parser parse, std::string_view text) {
  ScalarType type;
  size_t consumed = SIZE_MAX;
  const ndinterop::Status status = parse(text, &type, &consumed);
  require(consumed <= text.size());
  if (!status.ok()) {
    require(!status.message.empty());
    return;
  }
  require(consumed == text.size());
  checkConsistent(type);
  checkRoundTrip(type);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  checkParser(ndinterop::parseTypestr, text);
  checkParser(ndinterop::parseDTypeString, text);
  for (char c : ndinterop::quoteForMessage(text)) {
    const unsigned char byte = static_cast<unsigned char>(c);
    require(byte >= 0x20 && byte != 0x7f);
  }
  return 0;
}
