// Fuzzes the dtype table lookups with arbitrary names, type characters and
// DLPack (code, bits) pairs. Properties: a lookup either fails or returns the
// entry whose field equals the key exactly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "core/dtype/table.h"

using ndinterop::DTypeInfo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view name(reinterpret_cast<const char*>(data), size);
  if (const DTypeInfo* info = ndinterop::findDTypeByName(name)) {
    if (name != info->name) std::abort();
  }
  if (size >= 1) {
    const char typeChar = static_cast<char>(data[0]);
    if (const DTypeInfo* info = ndinterop::findDTypeByChar(typeChar)) {
      if (info->typeChar != typeChar) std::abort();
    }
  }
  if (size >= 2) {
    if (const DTypeInfo* info = ndinterop::findDTypeByDlpack(data[0], data[1])) {
      if (info->dlpackCode != data[0] || info->dlpackBits != data[1]) std::abort();
    }
  }
  return 0;
}
