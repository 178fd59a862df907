// native/core/dtype/buffer_format: hand tables from NumPy 2.4 on x86-64 Linux
// (np.asarray of a buffer exporting the format), then the error cases.
#include <string>
#include <vector>

#include "check.h"
#include "core/dtype/buffer_format.h"

using namespace ndinterop;

namespace {

struct Parsed {
  Status status;
  FormatItem item;
  size_t consumed = 0;
};

Parsed parse(const std::string& format) {
  Parsed parsed;
  parsed.status = parseBufferFormat(format, &parsed.item, &parsed.consumed);
  if (!parsed.status.ok()) std::printf("  %s: %s\n", format.c_str(), parsed.status.message.c_str());
  return parsed;
}

// 'int64=' style: table name plus NumPy's byteorder.
std::string scalarText(const FormatItem& item) {
  return std::string(dtypeInfo(item.scalar.id).name) + item.scalar.byteorder;
}

}  // namespace

TEST(single_items_read_as_numpy_reads_them) {
  struct Case {
    const char* format;
    const char* scalar;
    uint64_t itemsize;
  };
  const Case cases[] = {
      {"<d", "float64=", 8},    {"=q", "int64=", 8},       {"@i", "int32=", 4},     {"l", "int64=", 8},
      {"<l", "int32=", 4},      {"=L", "uint32=", 4},      {">Q", "uint64>", 8},    {"!h", "int16>", 2},
      {"^d", "float64=", 8},    {"g", "longdouble=", 16},  {"Zf", "complex64=", 8}, {">Zd", "complex128>", 16},
      {"Zg", "clongdouble=", 32}, {"?", "bool|", 1},       {">?", "bool|", 1},      {"c", "bytes|", 1},
      {"5s", "bytes|", 5},      {"0s", "bytes|", 0},       {"3w", "str=", 12},      {">3w", "str>", 12},
      {"O", "object|", 8},      {"n", "int64=", 8},        {"^N", "uint64=", 8},    {" d ", "float64=", 8},
      {"e", "float16=", 2},     {"<e", "float16=", 2},
  };
  for (const Case& c : cases) {
    const Parsed parsed = parse(c.format);
    CHECK(parsed.status.ok());
    if (!parsed.status.ok()) continue;
    CHECK(!parsed.item.isStruct);
    CHECK(scalarText(parsed.item) == c.scalar);
    CHECK(parsed.item.itemsize() == c.itemsize);
    CHECK(parsed.item.shape.empty());
    CHECK(parsed.consumed == std::string(c.format).size());
  }
}

TEST(counts_and_parentheses_make_sub_arrays) {
  Parsed parsed = parse("3i");
  CHECK(parsed.item.shape == std::vector<uint64_t>{3});
  CHECK(parsed.item.itemsize() == 12);
  parsed = parse("(2,3)4h");
  CHECK(parsed.item.shape == (std::vector<uint64_t>{2, 3, 4}));
  CHECK(parsed.item.itemsize() == 48);
  parsed = parse("10c");
  CHECK(parsed.item.shape == std::vector<uint64_t>{10});
  CHECK(parsed.item.elementSize == 1);
  parsed = parse("(1_0)i");
  CHECK(parsed.item.shape == std::vector<uint64_t>{10});
  parsed = parse("0i");
  CHECK(parsed.item.itemsize() == 0);
}

TEST(native_alignment_pads_members_and_the_end) {
  Parsed parsed = parse("bd");
  CHECK(parsed.item.isStruct);
  CHECK(parsed.item.itemsize() == 16);
  CHECK(parsed.item.alignment == 8);
  CHECK(parsed.item.fields.size() == 2);
  CHECK(parsed.item.fields[1].offset == 8);
  parsed = parse("@hd");
  CHECK(parsed.item.itemsize() == 16);
  parsed = parse("@bg");
  CHECK(parsed.item.itemsize() == 32);
  parsed = parse("=bi");
  CHECK(parsed.item.itemsize() == 5);
  CHECK(parsed.item.alignment == 1);
  parsed = parse("^hd");
  CHECK(parsed.item.itemsize() == 10);
  parsed = parse("T{B:a:xxxB:b:}");  // what NumPy writes for u1,u1 at offsets 0 and 4
  CHECK(parsed.item.itemsize() == 5);
  CHECK(parsed.item.fields[1].offset == 4);
}

TEST(struct_fields_names_and_nesting) {
  Parsed parsed = parse("T{i:a:=d:b:}");  // NumPy's export of packed [('a','<i4'),('b','<f8')]
  CHECK(parsed.item.itemsize() == 12);
  CHECK(parsed.item.fields[0].name == "a");
  CHECK(parsed.item.fields[1].name == "b");
  CHECK(parsed.item.fields[1].offset == 4);
  parsed = parse("T{(2,3)=f:x:T{@h:p:>Q:q:}:y:}");
  CHECK(parsed.item.itemsize() == 34);
  CHECK(parsed.item.fields[0].item.shape == (std::vector<uint64_t>{2, 3}));
  CHECK(parsed.item.fields[1].offset == 24);
  CHECK(parsed.item.fields[1].item.isStruct);
  CHECK(parsed.item.fields[1].item.fields[1].offset == 2);
  CHECK(scalarText(parsed.item.fields[1].item.fields[1].item) == "uint64>");
  parsed = parse("bi:f0:");
  CHECK(parsed.item.fields[0].name == "f1");
  CHECK(parsed.item.fields[1].name == "f0");
  parsed = parse("i:a b:");
  CHECK(parsed.item.fields[0].name == "a b");
  parsed = parse("4x");
  CHECK(parsed.item.isStruct);
  CHECK(parsed.item.fields.empty());
  CHECK(parsed.item.itemsize() == 4);
  parsed = parse("x:pad:");
  CHECK(parsed.item.fields.size() == 1);
  CHECK(dtypeInfo(parsed.item.fields[0].item.scalar.id).kind == 'V');
  parsed = parse("T{i:a:}");  // one unnamed struct item is the struct itself
  CHECK(parsed.item.isStruct);
  CHECK(parsed.item.fields[0].name == "a");
  parsed = parse("@T{i:a:=b:b:}2d");  // the byte order set inside a struct carries on after it
  CHECK(parsed.item.itemsize() == 21);
  CHECK(parsed.item.fields[1].offset == 5);
}

// ------------------------------------------------------------ error cases

TEST(errors_name_what_was_expected_and_found) {
  const std::string prefix = "expected a PEP 3118 buffer format like '<d' or 'T{i:a:d:b:}', got ";
  struct Case {
    const char* format;
    size_t consumed;
    const char* detail;
  };
  const Case cases[] = {
      {"<g", 1, "'<g' (at character 1: 'g' (long double) has no standard size; it needs native mode '@' or '^', not '<')"},
      {"!Zg", 1, "'!Zg' (at character 1: 'Z' must be followed by 'f' or 'd', found 'g')"},
      {"Z", 0, "'Z' (at character 0: 'Z' must be followed by 'f', 'd' or 'g', found '')"},
      {"t", 0, "'t' (at character 0: 't' (bitfields) cannot be represented)"},
      {"X", 0, "'X' (at character 0: 'X' (function pointers) cannot be represented)"},
      {"nd", 0, "'nd' (at character 0: expected a type code (one of ?cbBhHiIlLqQefdgswOx, Zf/Zd/Zg or T{...}), found 'n')"},
      {"=P", 1, "'=P' (at character 1: expected a type code (one of ?cbBhHiIlLqQefdswOx, Zf/Zd or T{...}), found 'P')"},
      {"d>", 2, "'d>' (at character 2: expected a type code, found the end of the format)"},
      {"bd:", 2, "'bd:' (at character 2: field name is not closed by ':')"},
      {"b:a:b:a:", 6, "'b:a:b:a:' (at character 6: duplicate field name 'a')"},
      {"()i", 1, "'()i' (at character 1: expected an integer sub-array dimension, found '')"},
      {"(a)i", 1, "'(a)i' (at character 1: expected an integer sub-array dimension, found 'a')"},
      {"(3000000000)i", 1, "'(3000000000)i' (at character 1: sub-array dimension 3000000000 does not fit in a C int)"},
      {"(1000000000,1000000000)i", 24, "'(1000000000,1000000000)i' (at character 24: the sub-array is larger than 2147483647 bytes)"},
      {"536870912w", 9, "'536870912w' (at character 9: string length 536870912 is too large for 'w')"},
      {"2147483647s2147483647s", 22, "'2147483647s2147483647s' (at character 22: the struct is larger than 2147483647 bytes)"},
      {"}", 0, "'}' (at character 0: '}' without an open 'T{')"},
      {"T{b:a:T{i:c:}", 0, "'T{b:a:T{i:c:}' (at character 0: 'T{' is not closed by '}')"},
      {" i \t:a", 4, "' i \\x09:a' (at character 4: field name is not closed by ':')"},
  };
  for (const Case& c : cases) {
    Parsed parsed;
    parsed.status = parseBufferFormat(c.format, &parsed.item, &parsed.consumed);
    CHECK(parsed.status.code == ErrorCode::kInvalidBufferFormat);
    CHECK(parsed.status.message == prefix + c.detail);
    if (parsed.status.message != prefix + c.detail) std::printf("  got: %s\n", parsed.status.message.c_str());
    CHECK(parsed.consumed == c.consumed);
  }
}

TEST(errors_report_positions_in_the_original_format) {
  // Whitespace is dropped before parsing, but positions count the original characters.
  FormatItem item;
  size_t consumed = 0;
  const Status status = parseBufferFormat("  b  y", &item, &consumed);
  CHECK(!status.ok());
  CHECK(consumed == 5);
}

TEST(errors_refuse_deep_nesting_without_recursing_into_it) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "T{";
  FormatItem item;
  size_t consumed = 0;
  const Status status = parseBufferFormat(deep, &item, &consumed);
  CHECK(status.code == ErrorCode::kInvalidBufferFormat);
  CHECK(consumed == 128);
  CHECK(status.message.find("structs nested deeper than 64 levels") != std::string::npos);
  std::string ok;
  for (int i = 0; i < 64; ++i) ok += "T{";
  ok += "b";
  for (int i = 0; i < 64; ++i) ok += "}";
  CHECK(parseBufferFormat(ok, &item, &consumed).ok());
  CHECK(item.itemsize() == 1);
}

TEST(errors_leave_the_output_untouched) {
  FormatItem item;
  item.elementSize = 77;
  size_t consumed = 0;
  CHECK(!parseBufferFormat("T{i:a:", &item, &consumed).ok());
  CHECK(item.elementSize == 77);
  CHECK(item.fields.empty());
}

TEST_MAIN()
