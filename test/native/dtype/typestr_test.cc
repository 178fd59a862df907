// native/core/dtype/typestr: hand tables from NumPy 2.4 on x86-64 Linux
// (np.dtype(s).str, .itemsize, datetime unit), then the error cases.
#include <string>

#include "check.h"
#include "core/dtype/typestr.h"

using namespace ndinterop;

namespace {

struct Parsed {
  Status status;
  ScalarType type;
  size_t consumed = 0;
};

Parsed parse(const std::string& text) {
  Parsed parsed;
  parsed.status = parseTypestr(text, &parsed.type, &parsed.consumed);
  return parsed;
}

// NumPy's dtype.str, rebuilt from the parse result for comparison.
std::string numpyStr(const ScalarType& type) {
  const DTypeInfo& info = dtypeInfo(type.id);
  std::string order(1, type.byteorder == '=' ? (hostIsLittleEndian() ? '<' : '>') : type.byteorder);
  if (info.kind == 'O') return "|O";
  const uint32_t size = info.kind == 'U' ? type.itemsize / 4 : type.itemsize;
  std::string unit = datetimeUnitText(type.unit);
  if (!unit.empty()) unit = "[" + unit + "]";
  return order + info.typestrKind + std::to_string(size) + unit;
}

}  // namespace

TEST(reads_typestrs_as_numpy_does) {
  struct Case {
    const char* input;
    const char* str;
    const char* name;
  };
  const Case cases[] = {
      {"<f8", "<f8", "float64"},   {"|b1", "|b1", "bool"},          {">b1", "|b1", "bool"},
      {"b", "|i1", "int8"},        {"?", "|b1", "bool"},            {"|i4", "<i4", "int32"},
      {">i4", ">i4", "int32"},     {"l", "<i8", "int64"},           {"q", "<i8", "int64"},
      {"P", "<u8", "uint64"},      {"f16", "<f16", "longdouble"},   {"G", "<c32", "clongdouble"},
      {"c", "|S1", "bytes"},       {"S", "|S0", "bytes"},           {"a", "|S0", "bytes"},
      {"U", "<U0", "str"},         {">U3", ">U3", "str"},           {"<V8", "|V8", "void"},
      {"O8", "|O", "object"},      {"O4", "|O", "object"},          {"M8", "<M8", "datetime64"},
      {"M", "<M8", "datetime64"},  {"M 8", "<M8", "datetime64"},    {"m8[ns]", "<m8[ns]", "timedelta64"},
      {"<M8[25s]", "<M8[25s]", "datetime64"},                       {"M8[1s]", "<M8[s]", "datetime64"},
      {"M8[0s]", "<M8[0s]", "datetime64"},                          {"M8[ 5s]", "<M8[5s]", "datetime64"},
      {"M8[10generic]", "<M8", "datetime64"},                       {"M8[\xce\xbcs]", "<M8[us]", "datetime64"},
      {"<datetime64[ns]", "<M8[ns]", "datetime64"},                 {">timedelta64[s]", ">m8[s]", "timedelta64"},
      {"i 4", "<i4", "int32"},     {"<i+4", "<i4", "int32"},        {"<i08", "<i8", "int64"},
      {"S-0", "|S0", "bytes"},     {"U536870911", "<U536870911", "str"},
  };
  for (const Case& c : cases) {
    const Parsed parsed = parse(c.input);
    CHECK(parsed.status.ok());
    if (!parsed.status.ok()) {
      std::printf("  %s: %s\n", c.input, parsed.status.message.c_str());
      continue;
    }
    CHECK(numpyStr(parsed.type) == c.str);
    CHECK(std::string(dtypeInfo(parsed.type.id).name) == c.name);
    CHECK(parsed.consumed == std::string(c.input).size());
  }
}

TEST(turns_divisors_into_finer_units) {
  // np.dtype('M8[unit/den]').str: the first finer unit den divides wins.
  const std::pair<const char*, const char*> cases[] = {
      {"M8[s/5]", "<M8[200ms]"}, {"M8[2s/5]", "<M8[400ms]"}, {"M8[8s/8000]", "<M8[1000us]"},
      {"M8[4s/2]", "<M8[2000ms]"}, {"M8[Y/2]", "<M8[6M]"},   {"M8[Y/5]", "<M8[73D]"},
      {"M8[M/2]", "<M8[2W]"},    {"M8[M/3]", "<M8[10D]"},    {"M8[W/7]", "<M8[D]"},
      {"M8[W/3]", "<M8[56h]"},   {"M8[D/4]", "<M8[6h]"},     {"M8[h/3600]", "<M8[s]"},
      {"M8[m/60000]", "<M8[ms]"}, {"M8[ns/2]", "<M8[500ps]"}, {"M8[fs/2]", "<M8[500as]"},
      {"M8[s/1]", "<M8[s]"},
  };
  for (const auto& [input, str] : cases) {
    const Parsed parsed = parse(input);
    CHECK(parsed.status.ok());
    if (parsed.status.ok()) CHECK(numpyStr(parsed.type) == str);
  }
}

TEST(sizes_and_byte_orders) {
  CHECK(parse("<U3").type.itemsize == 12);
  CHECK(parse("S7").type.itemsize == 7);
  CHECK(parse("V0").type.itemsize == 0);
  CHECK(parse("<U0").type.byteorder == '=');
  CHECK(parse("<S3").type.byteorder == '|');
  CHECK(parse(">u1").type.byteorder == '|');
  CHECK(parse(hostIsLittleEndian() ? ">f8" : "<f8").type.byteorder == (hostIsLittleEndian() ? '>' : '<'));
  CHECK(parse(hostIsLittleEndian() ? "<f8" : ">f8").type.byteorder == '=');
}

TEST(dtype_strings_add_numpy_names) {
  const std::pair<const char*, DTypeId> cases[] = {
      {"float64", DTypeId::kFloat64}, {"double", DTypeId::kFloat64}, {"float", DTypeId::kFloat64},
      {"int", DTypeId::kInt64},       {"intc", DTypeId::kInt32},     {"bool_", DTypeId::kBool},
      {"bfloat16", DTypeId::kBFloat16}, {"complex256", DTypeId::kCLongDouble}, {"str", DTypeId::kUnicode},
      {"f8", DTypeId::kFloat64},      {"datetime64[ns]", DTypeId::kDatetime64},
  };
  for (const auto& [input, id] : cases) {
    ScalarType type;
    size_t consumed = 0;
    const Status status = parseDTypeString(input, &type, &consumed);
    CHECK(status.ok());
    CHECK(type.id == id);
  }
}

// ------------------------------------------------------------ error cases

TEST(errors_name_what_was_expected_and_found) {
  struct Case {
    const char* input;
    size_t consumed;
    const char* message;
  };
  const Case cases[] = {
      {"<f3", 2, "expected typestr like '<f8', got '<f3' (itemsize 3 is not valid for kind 'f'; expected 2, 4, 8 or 16)"},
      {"<i3", 2, "expected typestr like '<f8', got '<i3' (itemsize 3 is not valid for kind 'i'; expected 1, 2, 4 or 8)"},
      {"b2", 1, "expected typestr like '<f8', got 'b2' (itemsize 2 is not valid for kind 'b'; expected 1)"},
      {"M4", 1, "expected typestr like '<f8', got 'M4' (itemsize 4 is not valid for kind 'M'; expected 8)"},
      {"", 0, "expected typestr like '<f8', got '' (empty string)"},
      {"|", 1, "expected typestr like '<f8', got '|' (byte order '|' must be followed by a type)"},
      {"@i4", 0, "expected typestr like '<f8', got '@i4' (unknown type character '@')"},
      {"<a", 1, "expected typestr like '<f8', got '<a' (unknown type character 'a')"},
      {"E", 0, "expected typestr like '<f8', got 'E' (unknown type character 'E')"},
      {"f4[2]", 2, "expected typestr like '<f8', got 'f4[2]' (expected a decimal itemsize after kind 'f', found '4[2]')"},
      {"M[s]", 1, "expected typestr like '<f8', got 'M[s]' (expected a decimal itemsize after kind 'M', found '[s]')"},
      {"l8", 1, "expected typestr like '<f8', got 'l8' (type code 'l' takes no itemsize, found '8')"},
      {"V-1", 1, "expected typestr like '<f8', got 'V-1' (itemsize -1 is negative)"},
      {"S2147483648", 1, "expected typestr like '<f8', got 'S2147483648' (itemsize 2147483648 is too large for kind 'S', at most 2147483647)"},
      {"S99999999999999999999", 1,
       "expected typestr like '<f8', got 'S99999999999999999999' (itemsize 18446744073709551615 is too large for kind 'S', at most 2147483647)"},
      {"M8 ", 2, "expected typestr like '<f8', got 'M8 ' (expected a datetime unit in brackets like '[ns]', found ' ')"},
      {"M8[]", 3, "expected typestr like '<f8', got 'M8[]' (empty datetime unit '[]')"},
      {"M8[s", 4, "expected typestr like '<f8', got 'M8[s' (missing ']' after the datetime unit)"},
      {"M8[2]", 4, "expected typestr like '<f8', got 'M8[2]' (missing datetime unit after the multiplier)"},
      {"M8[5 s]", 4, "expected typestr like '<f8', got 'M8[5 s]' (unknown datetime unit ' s'; expected Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as or generic)"},
      {"M8[2147483648s]", 3, "expected typestr like '<f8', got 'M8[2147483648s]' (datetime multiplier 2147483648 is too large (at most 2147483647))"},
      {"M8[ns][s]", 6, "expected typestr like '<f8', got 'M8[ns][s]' (unexpected '[s]' after the datetime unit)"},
      {"M8[s/]", 5, "expected typestr like '<f8', got 'M8[s/]' (expected a decimal divisor after '/', found '')"},
      {"M8[s/0]", 5, "expected typestr like '<f8', got 'M8[s/0]' (datetime divisor must be between 1 and 2147483647)"},
      {"M8[s/-2]", 5, "expected typestr like '<f8', got 'M8[s/-2]' (datetime divisor must be between 1 and 2147483647)"},
      {"M8[as/2]", 6, "expected typestr like '<f8', got 'M8[as/2]' (divisor 2 does not divide 'as' into a whole number of a finer unit)"},
      {"M8[2147483647s/2]", 15, "expected typestr like '<f8', got 'M8[2147483647s/2]' (datetime multiplier 1073741823500 is too large (at most 2147483647))"},
      {"i4\n", 2, "expected typestr like '<f8', got 'i4\\x0a' (expected a decimal itemsize after kind 'i', found '4\\x0a')"},
      {"'", 0, "expected typestr like '<f8', got '\\'' (unknown type character '\\'')"},
  };
  for (const Case& c : cases) {
    const Parsed parsed = parse(c.input);
    CHECK(parsed.status.code == ErrorCode::kInvalidTypestr);
    CHECK(parsed.status.message == c.message);
    CHECK(parsed.consumed == c.consumed);
    if (parsed.status.message != c.message || parsed.consumed != c.consumed) {
      std::printf("  %s: consumed %zu, %s\n", c.input, parsed.consumed, parsed.status.message.c_str());
    }
  }
}

TEST(errors_for_dtype_strings_tell_names_from_typestrs) {
  ScalarType type;
  size_t consumed = 99;
  Status status = parseDTypeString("float65", &type, &consumed);
  CHECK(status.code == ErrorCode::kInvalidDType);
  CHECK(status.message == "unknown dtype \"float65\"");
  CHECK(consumed == 0);
  status = parseDTypeString("<f3", &type, &consumed);
  CHECK(status.code == ErrorCode::kInvalidTypestr);
  CHECK(consumed == 2);
  status = parseDTypeString("datetime64[xx]", &type, &consumed);
  CHECK(status.code == ErrorCode::kInvalidTypestr);
  CHECK(consumed == 11);
}

TEST(errors_leave_the_output_untouched) {
  ScalarType type;
  type.id = DTypeId::kInt16;
  type.itemsize = 2;
  size_t consumed = 0;
  CHECK(!parseTypestr("<f3", &type, &consumed).ok());
  CHECK(type.id == DTypeId::kInt16);
  CHECK(type.itemsize == 2);
}

TEST_MAIN()
