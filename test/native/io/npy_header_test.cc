// native/core/io: the .npy prefix and header reader. Expected values come
// from NumPy 2.4 (np.lib.format on the same bytes) and hand tables.
#include <cstring>
#include <string>

#include "check.h"
#include "core/io/npy_header.h"
#include "core/io/py_literal.h"

using namespace ndinterop;
using namespace ndinterop::io;

namespace {

NpyStatus parse(const std::string& text, NpyHeader* header, uint8_t major = 1) { return parseNpyHeader(text, major, header); }

NpyStatus prefix(const std::string& bytes, NpyPrefix* out, uint64_t limit = kNpyDefaultMaxHeaderSize) {
  return readNpyPrefix(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), limit, out);
}

bool parsesTo(const std::string& text, PyValue::Kind kind) {
  PyValue value;
  LiteralError error;
  return parsePyLiteral(text, false, &value, &error) && value.kind == kind;
}

}  // namespace

TEST(prefix_reads_versions_and_lengths) {
  NpyPrefix p;
  CHECK(prefix(std::string("\x93NUMPY\x01\x00\x76\x00", 10), &p).ok());
  CHECK(p.major == 1 && p.headerOffset == 10 && p.headerLength == 118 && p.dataOffset == 128);
  CHECK(prefix(std::string("\x93NUMPY\x02\x00\x74\x00\x01\x00", 12), &p, 1000000).ok());
  CHECK(p.major == 2 && p.headerOffset == 12 && p.headerLength == 65536 + 116);
  CHECK(prefix(std::string("\x93NUMPY\x03\x00\x34\x00\x00\x00", 12), &p).ok());
  CHECK(p.major == 3 && p.dataOffset == 64);
}

TEST(prefix_refuses_bad_magic_versions_and_sizes) {
  NpyPrefix p;
  CHECK(prefix("PK\x03\x04xxxxxx", &p).message == "not a .npy file: expected the magic string b'\\x93NUMPY', got b'PK\\x03\\x04xx'");
  CHECK(prefix(std::string("\x93NUMPY\x04\x00\x00\x00", 10), &p).message ==
        "unsupported .npy format version (4, 0): expected (1, 0), (2, 0) or (3, 0)");
  CHECK(prefix(std::string("\x93NUMPY\x02\x00\x00", 9), &p).kind == NpyErrorKind::kInvalid);
  CHECK(prefix(std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12), &p).message ==
        "the .npy header is 4294967295 bytes, more than maxHeaderSize (10000); raise maxHeaderSize to read it if you trust the file");
}

TEST(header_of_a_c_order_array) {
  NpyHeader h;
  CHECK(parse("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }          \n", &h).ok());
  CHECK(!h.fortranOrder && h.shape.size() == 2 && h.shape[0] == 2 && h.shape[1] == 3);
  CHECK(!h.dtype.structured && h.dtype.scalar.id == DTypeId::kFloat64 && h.dtype.itemsize == 8);
  CHECK(h.elementCount == 6 && h.dataBytes == 48);
}

TEST(header_of_fortran_zero_d_and_empty_arrays) {
  NpyHeader f, zero, empty;
  CHECK(parse("{'descr': '>i2', 'fortran_order': True, 'shape': (3, 4)}", &f).ok() && f.fortranOrder && f.dtype.scalar.byteorder == '>');
  CHECK(parse("{'descr': '<U3', 'fortran_order': False, 'shape': ()}", &zero).ok() && zero.shape.empty() && zero.dataBytes == 12);
  CHECK(parse("{'descr': '<f8', 'fortran_order': False, 'shape': (4503599627370496, 0)}", &empty).ok() && empty.dataBytes == 0);
}

TEST(header_of_records_drops_padding_and_keeps_offsets) {
  NpyHeader h;
  CHECK(parse("{'descr': [('p', '|u1'), ('', '|V3'), ('q', '<i4'), ('r', [('x', '>f8')], (2,)), ('', '|V4')], 'fortran_order': False, 'shape': (2,)}", &h).ok());
  CHECK(h.dtype.structured && h.dtype.itemsize == 28 && h.dtype.fields.size() == 3);
  CHECK(h.dtype.fields[1].name == "q" && h.dtype.fields[1].offset == 4);
  CHECK(h.dtype.fields[2].offset == 8 && h.dtype.fields[2].shape.size() == 1 && h.dtype.fields[2].type.structured);
  CHECK(h.dataBytes == 56);
}

TEST(header_marks_object_arrays) {
  NpyHeader h;
  CHECK(parse("{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (2,)}", &h).ok() && h.dtype.hasObject);
}

TEST(header_errors) {
  NpyHeader h;
  CHECK(parse("[1]", &h).message == "Header is not a dictionary: [1]");
  CHECK(parse("{'descr': '<f8', 'shape': ()}", &h).message ==
        "Header does not contain the correct keys: ['descr', 'shape'] (expected exactly 'descr', 'fortran_order', 'shape')");
  CHECK(parse("{'descr': '<f8', 'fortran_order': None, 'shape': ()}", &h).message == "fortran_order is not a valid bool: None");
  CHECK(parse("{'descr': '<f8', 'fortran_order': False, 'shape': (1 << 3,)}", &h).kind == NpyErrorKind::kInvalid);
  CHECK(parse("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}", &h).message ==
        "shape is not valid: (4294967296, 4294967296) (more than 2^53 - 1 elements)");
  CHECK(parse("{'descr': [(('t', 'n'), '<f8')], 'fortran_order': False, 'shape': ()}", &h).kind == NpyErrorKind::kUnsupported);
  CHECK(parse("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': ()}", &h).kind == NpyErrorKind::kUnsupported);
  CHECK(parse("{'descr': [], 'fortran_order': False, 'shape': ()}", &h).message ==
        "descr is not a valid dtype descriptor: [] (a record needs at least one field)");
}

TEST(latin1_headers_become_utf8) {
  NpyHeader h;
  CHECK(parse("{'descr': [('\xe9', '<i2')], 'fortran_order': False, 'shape': ()}", &h, 1).ok());
  CHECK(h.dtype.fields[0].name == "\xc3\xa9");
  NpyHeader v3;
  CHECK(parse("{'descr': [('\xc3\xa9', '<i2')], 'fortran_order': False, 'shape': ()}", &v3, 3).ok());
  CHECK(v3.dtype.fields[0].name == "\xc3\xa9");
}

TEST(python_literals) {
  CHECK(parsesTo("(1,)", PyValue::Kind::kTuple));
  CHECK(parsesTo("(1)", PyValue::Kind::kInt));
  CHECK(parsesTo("()", PyValue::Kind::kTuple));
  CHECK(parsesTo("'a' \"b\" '''c'''", PyValue::Kind::kStr));
  CHECK(parsesTo("b'\\x00'", PyValue::Kind::kBytes));
  CHECK(parsesTo("1.5e3", PyValue::Kind::kOtherNumber));
  CHECK(parsesTo("0x_ff", PyValue::Kind::kInt));
  CHECK(!parsesTo("012", PyValue::Kind::kInt));
  CHECK(!parsesTo("1__0", PyValue::Kind::kInt));
  CHECK(!parsesTo("f'x'", PyValue::Kind::kStr));
  CHECK(!parsesTo("--1", PyValue::Kind::kInt));
  CHECK(!parsesTo("'a' b'b'", PyValue::Kind::kStr));
  PyValue value;
  LiteralError error;
  CHECK(parsePyLiteral("'\\u00e9\\x41\\101\\n'", false, &value, &error) && value.text == "\xc3\xa9" "AA\n");
  CHECK(parsePyLiteral("r'\\n'", false, &value, &error) && value.text == "\\n");
  CHECK(parsePyLiteral("-18446744073709551616", false, &value, &error) && value.overflow && value.negative);
  uint64_t n = 0;
  CHECK(parsePyLiteral("18446744073709551615", false, &value, &error) && pyIntToUint64(value, &n) && n == UINT64_MAX);
  CHECK(!parsePyLiteral(std::string(100, '['), false, &value, &error) && error.message == "literal nested deeper than 32 levels");
}

TEST_MAIN()
