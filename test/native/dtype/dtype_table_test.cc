#include <cstring>

#include "check.h"
#include "core/dtype/table.h"
#include "dlpack/dlpack.h"

using namespace ndinterop;

TEST(every_row_is_found_by_name_and_char) {
  for (size_t i = 0; i < dtypeTableSize(); ++i) {
    const DTypeInfo& info = dtypeTableBegin()[i];
    CHECK(findDTypeByName(info.name) == &info);
    CHECK(findDTypeByChar(info.typeChar) == &info);
  }
}

TEST(numpy_sizes_and_chars) {
  // Hand table from NumPy 2.4 on x86-64 Linux: (name, char, itemsize).
  struct Expected {
    const char* name;
    char typeChar;
    uint32_t itemsize;
  };
  const Expected expected[] = {{"bool", '?', 1},     {"int8", 'b', 1},     {"uint8", 'B', 1},
                               {"int16", 'h', 2},    {"uint16", 'H', 2},   {"int32", 'i', 4},
                               {"uint32", 'I', 4},   {"int64", 'l', 8},    {"uint64", 'L', 8},
                               {"float16", 'e', 2},  {"float32", 'f', 4},  {"float64", 'd', 8},
                               {"complex64", 'F', 8}, {"complex128", 'D', 16}, {"longdouble", 'g', 16}};
  for (const Expected& row : expected) {
    const DTypeInfo* info = findDTypeByName(row.name);
    CHECK(info != nullptr);
    if (!info) continue;
    CHECK(info->typeChar == row.typeChar);
    CHECK(info->itemsize == row.itemsize);
  }
}

TEST(dlpack_codes_follow_the_spec) {
  CHECK(findDTypeByDlpack(kDLBool, 8)->id == DTypeId::kBool);
  CHECK(findDTypeByDlpack(kDLBfloat, 16)->id == DTypeId::kBFloat16);
  CHECK(findDTypeByDlpack(kDLFloat, 16)->id == DTypeId::kFloat16);
  CHECK(findDTypeByDlpack(kDLComplex, 64)->id == DTypeId::kComplex64);
  CHECK(findDTypeByDlpack(kDLComplex, 128)->id == DTypeId::kComplex128);
  CHECK(findDTypeByDlpack(kDLUInt, 64)->id == DTypeId::kUInt64);
  CHECK(findDTypeByDlpack(kDLFloat, 128) == nullptr);
  CHECK(findDTypeByDlpack(kDLFloat8_e4m3fn, 8) == nullptr);
}

TEST_MAIN()
