#include "core/dtype/table.h"

#include "dlpack/dlpack.h"

namespace ndinterop {
namespace {

// Type characters are NumPy's on LP64 Linux: int64 is 'l' (long), not 'q'.
// bfloat16 is not a NumPy builtin; it follows ml_dtypes ('E', kind 'V' there,
// but 'f' here because it computes like a float; its typestr stays '<V2').
// longdouble and clongdouble are x86-64's 80-bit extended type padded to 16
// bytes ('<f16', '<c32').
constexpr DTypeInfo kTable[] = {
    {DTypeId::kBool, "bool", 'b', '?', 1, 1, kDLBool, 8, true, 'b'},
    {DTypeId::kInt8, "int8", 'i', 'b', 1, 1, kDLInt, 8, true, 'i'},
    {DTypeId::kUInt8, "uint8", 'u', 'B', 1, 1, kDLUInt, 8, true, 'u'},
    {DTypeId::kInt16, "int16", 'i', 'h', 2, 2, kDLInt, 16, true, 'i'},
    {DTypeId::kUInt16, "uint16", 'u', 'H', 2, 2, kDLUInt, 16, true, 'u'},
    {DTypeId::kInt32, "int32", 'i', 'i', 4, 4, kDLInt, 32, true, 'i'},
    {DTypeId::kUInt32, "uint32", 'u', 'I', 4, 4, kDLUInt, 32, true, 'u'},
    {DTypeId::kInt64, "int64", 'i', 'l', 8, 8, kDLInt, 64, true, 'i'},
    {DTypeId::kUInt64, "uint64", 'u', 'L', 8, 8, kDLUInt, 64, true, 'u'},
    {DTypeId::kFloat16, "float16", 'f', 'e', 2, 2, kDLFloat, 16, true, 'f'},
    {DTypeId::kBFloat16, "bfloat16", 'f', 'E', 2, 2, kDLBfloat, 16, true, 'V'},
    {DTypeId::kFloat32, "float32", 'f', 'f', 4, 4, kDLFloat, 32, true, 'f'},
    {DTypeId::kFloat64, "float64", 'f', 'd', 8, 8, kDLFloat, 64, true, 'f'},
    {DTypeId::kLongDouble, "longdouble", 'f', 'g', 16, 16, kNoDlpackCode, 0, true, 'f'},
    {DTypeId::kComplex64, "complex64", 'c', 'F', 8, 4, kDLComplex, 64, true, 'c'},
    {DTypeId::kComplex128, "complex128", 'c', 'D', 16, 8, kDLComplex, 128, true, 'c'},
    {DTypeId::kBytes, "bytes", 'S', 'S', 0, 1, kNoDlpackCode, 0, false, 'S'},
    {DTypeId::kUnicode, "str", 'U', 'U', 0, 4, kNoDlpackCode, 0, false, 'U'},
    {DTypeId::kVoid, "void", 'V', 'V', 0, 1, kNoDlpackCode, 0, false, 'V'},
    {DTypeId::kDatetime64, "datetime64", 'M', 'M', 8, 8, kNoDlpackCode, 0, false, 'M'},
    {DTypeId::kTimedelta64, "timedelta64", 'm', 'm', 8, 8, kNoDlpackCode, 0, false, 'm'},
    {DTypeId::kObject, "object", 'O', 'O', 8, 8, kNoDlpackCode, 0, false, 'O'},
    {DTypeId::kCLongDouble, "clongdouble", 'c', 'G', 32, 16, kNoDlpackCode, 0, true, 'c'},
};

static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<size_t>(DTypeId::kCount),
              "one table row per DTypeId");

constexpr bool rowsInIdOrder() {
  for (size_t i = 0; i < sizeof(kTable) / sizeof(kTable[0]); ++i) {
    if (static_cast<size_t>(kTable[i].id) != i) return false;
  }
  return true;
}
static_assert(rowsInIdOrder(), "table rows are indexed by DTypeId");

struct Alias {
  const char* name;
  DTypeId id;
};

// np.sctypeDict's string keys that are not table names (NumPy 2.4, LP64).
constexpr Alias kAliases[] = {
    {"bool_", DTypeId::kBool},          {"byte", DTypeId::kInt8},
    {"ubyte", DTypeId::kUInt8},         {"short", DTypeId::kInt16},
    {"ushort", DTypeId::kUInt16},       {"intc", DTypeId::kInt32},
    {"uintc", DTypeId::kUInt32},        {"int", DTypeId::kInt64},
    {"int_", DTypeId::kInt64},          {"long", DTypeId::kInt64},
    {"longlong", DTypeId::kInt64},      {"intp", DTypeId::kInt64},
    {"uint", DTypeId::kUInt64},         {"ulong", DTypeId::kUInt64},
    {"ulonglong", DTypeId::kUInt64},    {"uintp", DTypeId::kUInt64},
    {"half", DTypeId::kFloat16},        {"single", DTypeId::kFloat32},
    {"float", DTypeId::kFloat64},       {"double", DTypeId::kFloat64},
    {"float128", DTypeId::kLongDouble}, {"csingle", DTypeId::kComplex64},
    {"complex", DTypeId::kComplex128},  {"cdouble", DTypeId::kComplex128},
    {"complex256", DTypeId::kCLongDouble}, {"object_", DTypeId::kObject},
    {"str_", DTypeId::kUnicode},        {"unicode", DTypeId::kUnicode},
    {"bytes_", DTypeId::kBytes},
};

}  // namespace

const DTypeInfo& dtypeInfo(DTypeId id) { return kTable[static_cast<size_t>(id)]; }
const DTypeInfo* dtypeTableBegin() { return kTable; }
size_t dtypeTableSize() { return sizeof(kTable) / sizeof(kTable[0]); }

const DTypeInfo* findDTypeByName(std::string_view name) {
  for (const DTypeInfo& info : kTable) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

const DTypeInfo* findDTypeByNameOrAlias(std::string_view name) {
  if (const DTypeInfo* info = findDTypeByName(name)) return info;
  for (const Alias& alias : kAliases) {
    if (name == alias.name) return &dtypeInfo(alias.id);
  }
  return nullptr;
}

const DTypeInfo* findDTypeByChar(char typeChar) {
  for (const DTypeInfo& info : kTable) {
    if (info.typeChar == typeChar) return &info;
  }
  return nullptr;
}

const DTypeInfo* findDTypeByDlpack(uint8_t code, uint8_t bits) {
  for (const DTypeInfo& info : kTable) {
    if (info.dlpackCode == code && info.dlpackBits == bits) return &info;
  }
  return nullptr;
}

}  // namespace ndinterop
