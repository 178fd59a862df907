// NumPy typestrs ('<f8', '|b1', '<M8[25s]', '<U3', 'd', 'S5') and dtype
// strings (typestrs plus NumPy's names: 'float64', 'intc', 'datetime64[ns]'),
// parsed exactly as np.dtype(str) reads them. Parsers report how many
// characters they consumed: all of them on success, the ones before the
// offending character on failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/dtype/table.h"
#include "core/base/status.h"

namespace ndinterop {

// NumPy's datetime units, coarsest first (the order divisors walk down).
enum class DatetimeBase : uint8_t {
  kYear,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
  kNanosecond,
  kPicosecond,
  kFemtosecond,
  kAttosecond,
  kGeneric,
};

struct DatetimeUnit {
  DatetimeBase base = DatetimeBase::kGeneric;
  int32_t multiplier = 1;  // NumPy's `num`: 0 .. INT32_MAX; always 1 for generic
};

// 'ns', '25s', '' (generic): the text NumPy writes between the brackets.
std::string datetimeUnitText(const DatetimeUnit& unit);

// One element type as NumPy describes it after parsing.
struct ScalarType {
  DTypeId id = DTypeId::kVoid;
  // NumPy's dtype.byteorder: '=' this machine's order, '<' or '>' the other
  // one, '|' when order does not apply (one-byte types, bool, S, V, O).
  char byteorder = '|';
  uint32_t itemsize = 0;  // bytes (for U: 4 per character)
  DatetimeUnit unit;      // kDatetime64 and kTimedelta64 only
};

bool hostIsLittleEndian();

// NumPy's dtype.byteorder for `id` with `itemsize`, asked for with any of
// '<', '>', '=', '|' ('|' means native, as NumPy reads it).
char normalizeByteOrder(char requested, DTypeId id, uint32_t itemsize);

// The typestr grammar: [< > = |] followed by kind+size ('f8', 'U3', 'S0',
// 'M8[ns]', 'datetime64[ns]') or a one-letter type code ('d', 'b', '?', 'l').
// On failure: kInvalidTypestr, message "expected typestr like '<f8', got ...".
Status parseTypestr(std::string_view text, ScalarType* out, size_t* consumed);

// What np.dtype(str) accepts for one scalar type: a typestr, or one of
// NumPy's names ('float64', 'int', 'double', 'str', 'bfloat16', ...).
// Strings that look like names get kInvalidDType; the rest get the typestr
// error.
Status parseDTypeString(std::string_view text, ScalarType* out, size_t* consumed);

// How many UTF-16 code units (JS string indices) the first `bytes` bytes of
// UTF-8 `text` make: error messages and JS positions count what JS counts.
size_t utf16Offset(std::string_view text, size_t bytes);

// The whole UTF-8 sequence starting at byte `at` (one byte if malformed), so
// messages quote 'é' rather than half of it.
std::string_view utf8CharAt(std::string_view text, size_t at);

// User input quoted for an error message: 'abc', with quotes and
// backslashes escaped by a backslash and control bytes as \xNN (UTF-8 passes
// through). At most 100 bytes of it are shown (cut on a character boundary),
// followed by "... (N bytes)" when it is longer: every message that echoes
// input goes through here or excerptForMessage, so none grows with it.
std::string quoteForMessage(std::string_view text, char quote = '\'');

// One character quoted as quoteForMessage quotes text.
std::string charText(char c);

// The same excerpt unquoted, for input known to be plain (digits).
std::string excerptForMessage(std::string_view text);

}  // namespace ndinterop
