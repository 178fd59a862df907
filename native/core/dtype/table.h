// The one dtype table. Every fact about an element type (names, NumPy kind and
// type character, sizes, DLPack code) lives here; parsers, views, DLPack and
// the JS DType objects all derive from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ndinterop {

enum class DTypeId : uint8_t {
  kBool,
  kInt8,
  kUInt8,
  kInt16,
  kUInt16,
  kInt32,
  kUInt32,
  kInt64,
  kUInt64,
  kFloat16,
  kBFloat16,
  kFloat32,
  kFloat64,
  kLongDouble,
  kComplex64,
  kComplex128,
  kBytes,        // 'S': fixed-length bytes, itemsize = length
  kUnicode,      // 'U': UCS4, itemsize = 4 * characters
  kVoid,         // 'V': raw bytes (also structured records)
  kDatetime64,   // 'M8[unit]'
  kTimedelta64,  // 'm8[unit]'
  kObject,       // 'O': parseable, never viewable (no Python objects here)
  kCLongDouble,  // 'G', NumPy's complex256: two long doubles
  kCount
};

inline constexpr uint8_t kNoDlpackCode = 0xFF;

struct DTypeInfo {
  DTypeId id;
  const char* name;     // NumPy's name: 'float64', 'bool', 'bytes', 'str', ...
  char kind;            // NumPy dtype.kind
  char typeChar;        // NumPy dtype.char
  uint32_t itemsize;    // bytes; 0 for flexible types (S, U, V)
  uint32_t alignment;   // natural alignment on this platform
  uint8_t dlpackCode;   // DLDataTypeCode, or kNoDlpackCode
  uint8_t dlpackBits;   // bits of one element for DLPack
  bool numeric;         // takes part in ufunc arithmetic
  char typestrKind;     // the kind letter of NumPy's dtype.str ('V' for bfloat16, as ml_dtypes writes it)
};

const DTypeInfo& dtypeInfo(DTypeId id);
const DTypeInfo* dtypeTableBegin();
size_t dtypeTableSize();

// Exact name lookup ('float64', 'int8', 'bool', 'bfloat16', ...); nullptr if unknown.
const DTypeInfo* findDTypeByName(std::string_view name);
// Exact name or NumPy alias lookup: the table names plus np.sctypeDict's
// other names on x86-64 Linux ('double', 'intc', 'int', 'float128', ...).
const DTypeInfo* findDTypeByNameOrAlias(std::string_view name);
// Lookup by NumPy dtype.char ('d', 'b', '?', 'e', ...); nullptr if unknown.
const DTypeInfo* findDTypeByChar(char typeChar);
// Lookup by DLPack (code, bits); nullptr if DLPack has no such ndinterop dtype.
const DTypeInfo* findDTypeByDlpack(uint8_t code, uint8_t bits);

}  // namespace ndinterop
