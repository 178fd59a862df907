#include "core/dtype_table.h"

#include "dlpack/dlpack.h"

namespace ndinterop {
namespace {

// Type characters are NumPy's on LP64 Linux: int64 is 'l' (long), not 'q'.
// bfloat16 is not a NumPy builtin; it follows ml_dtypes ('E', kind 'V' there,
// but 'f' here because it computes like a float).
constexpr DTypeInfo kTable[] = {
    {DTypeId::kBool, "bool", 'b', '?', 1, 1, kDLBool, 8, true},
    {DTypeId::kInt8, "int8", 'i', 'b', 1, 1, kDLInt, 8, true},
    {DTypeId::kUInt8, "uint8", 'u', 'B', 1, 1, kDLUInt, 8, true},
    {DTypeId::kInt16, "int16", 'i', 'h', 2, 2, kDLInt, 16, true},
    {DTypeId::kUInt16, "uint16", 'u', 'H', 2, 2, kDLUInt, 16, true},
    {DTypeId::kInt32, "int32", 'i', 'i', 4, 4, kDLInt, 32, true},
    {DTypeId::kUInt32, "uint32", 'u', 'I', 4, 4, kDLUInt, 32, true},
    {DTypeId::kInt64, "int64", 'i', 'l', 8, 8, kDLInt, 64, true},
    {DTypeId::kUInt64, "uint64", 'u', 'L', 8, 8, kDLUInt, 64, true},
    {DTypeId::kFloat16, "float16", 'f', 'e', 2, 2, kDLFloat, 16, true},
    {DTypeId::kBFloat16, "bfloat16", 'f', 'E', 2, 2, kDLBfloat, 16, true},
    {DTypeId::kFloat32, "float32", 'f', 'f', 4, 4, kDLFloat, 32, true},
    {DTypeId::kFloat64, "float64", 'f', 'd', 8, 8, kDLFloat, 64, true},
    {DTypeId::kLongDouble, "longdouble", 'f', 'g', 16, 16, kNoDlpackCode, 0, false},
    {DTypeId::kComplex64, "complex64", 'c', 'F', 8, 4, kDLComplex, 64, true},
    {DTypeId::kComplex128, "complex128", 'c', 'D', 16, 8, kDLComplex, 128, true},
    {DTypeId::kBytes, "bytes", 'S', 'S', 0, 1, kNoDlpackCode, 0, false},
    {DTypeId::kUnicode, "str", 'U', 'U', 0, 4, kNoDlpackCode, 0, false},
    {DTypeId::kVoid, "void", 'V', 'V', 0, 1, kNoDlpackCode, 0, false},
    {DTypeId::kDatetime64, "datetime64", 'M', 'M', 8, 8, kNoDlpackCode, 0, false},
    {DTypeId::kTimedelta64, "timedelta64", 'm', 'm', 8, 8, kNoDlpackCode, 0, false},
    {DTypeId::kObject, "object", 'O', 'O', 8, 8, kNoDlpackCode, 0, false},
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
