// The Python literal subset a .npy header is written in (NumPy reads it with
// ast.literal_eval): dicts, tuples, lists, str and bytes literals (prefixes,
// both quotes, triple quotes, escapes, implicit concatenation), ints (signs,
// underscores, 0x/0o/0b), True/False/None, comments. Floats and complex
// numbers parse as kOtherNumber (valid Python, never valid in a header).
// Input is UTF-8; nesting is limited to kMaxLiteralDepth, so a hostile header
// cannot exhaust the stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ndinterop::io {

inline constexpr int kMaxLiteralDepth = 32;

struct PyValue {
  enum class Kind { kDict, kTuple, kList, kStr, kBytes, kInt, kOtherNumber, kBool, kNone };
  Kind kind = Kind::kNone;
  // kStr, kBytes: the decoded value (UTF-8); kInt: its Python repr (decimal)
  // when it fits 64 bits, else its source text; kOtherNumber: the source text.
  std::string text;
  bool boolean = false;
  // kInt: the magnitude, its sign, and whether the magnitude exceeds 2^64 - 1.
  uint64_t magnitude = 0;
  bool negative = false;
  bool overflow = false;
  // kTuple, kList: the items; kDict: key, value, key, value, ... in source order.
  std::vector<PyValue> items;
};

struct LiteralError {
  size_t position = 0;  // byte offset where reading stopped
  std::string message;
};

// Parses `text` as exactly one literal (surrounding whitespace and comments
// allowed). Returns false with `error` set when it is not one.
// `longSuffix`: ints may end in 'L' (Python 2's long, which NumPy strips from
// format 1.0 and 2.0 headers).
bool parsePyLiteral(std::string_view text, bool longSuffix, PyValue* out, LiteralError* error);

// The value as a Python repr would show it, cut to about 100 bytes: for
// error messages.
std::string pyRepr(const PyValue& value);

// The int as an unsigned 64-bit number; false when it is negative or larger.
bool pyIntToUint64(const PyValue& value, uint64_t* out);

}  // namespace ndinterop::io
