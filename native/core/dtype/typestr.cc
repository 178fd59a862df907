#include "core/dtype/typestr.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/base/number_text.h"

namespace ndinterop {
namespace {

constexpr std::string_view kByteOrderChars = "<>=|";

struct UnitName {
  const char* text;
  DatetimeBase base;
};

// NumPy's unit spellings; 'μs' (UTF-8) is read as 'us'.
constexpr UnitName kUnitNames[] = {
    {"Y", DatetimeBase::kYear},         {"M", DatetimeBase::kMonth},
    {"W", DatetimeBase::kWeek},         {"D", DatetimeBase::kDay},
    {"h", DatetimeBase::kHour},         {"m", DatetimeBase::kMinute},
    {"s", DatetimeBase::kSecond},       {"ms", DatetimeBase::kMillisecond},
    {"us", DatetimeBase::kMicrosecond}, {"\xce\xbcs", DatetimeBase::kMicrosecond},
    {"ns", DatetimeBase::kNanosecond},  {"ps", DatetimeBase::kPicosecond},
    {"fs", DatetimeBase::kFemtosecond}, {"as", DatetimeBase::kAttosecond},
    {"generic", DatetimeBase::kGeneric},
};

// How NumPy turns '[unit/den]' into a finer unit: the first finer unit whose
// count per `unit` is divisible by den wins (e.g. D/4 is 6h, Y/5 is 73D).
struct FinerUnit {
  uint32_t perUnit;
  DatetimeBase base;
};
struct DivisorRow {
  FinerUnit choices[3];
  size_t count;
};

DivisorRow divisorChoices(DatetimeBase base) {
  using B = DatetimeBase;
  switch (base) {
    case B::kYear:
      return {{{12, B::kMonth}, {52, B::kWeek}, {365, B::kDay}}, 3};
    case B::kMonth:
      return {{{4, B::kWeek}, {30, B::kDay}, {720, B::kHour}}, 3};
    case B::kWeek:
      return {{{7, B::kDay}, {168, B::kHour}, {10080, B::kMinute}}, 3};
    case B::kDay:
      return {{{24, B::kHour}, {1440, B::kMinute}, {86400, B::kSecond}}, 3};
    case B::kHour:
      return {{{60, B::kMinute}, {3600, B::kSecond}}, 2};
    case B::kMinute:
      return {{{60, B::kSecond}, {60000, B::kMillisecond}}, 2};
    case B::kGeneric:
      return {{}, 0};
    default:
      break;
  }
  // Seconds and finer step by 1000 down to attoseconds.
  const int next = static_cast<int>(base) + 1;
  const int last = static_cast<int>(B::kAttosecond);
  DivisorRow row{{}, 0};
  if (next <= last) row.choices[row.count++] = {1000, static_cast<B>(next)};
  if (next + 1 <= last) row.choices[row.count++] = {1000000, static_cast<B>(next + 1)};
  return row;
}

const char* unitName(DatetimeBase base) {
  for (const UnitName& name : kUnitNames) {
    if (name.base == base) return name.text;
  }
  return "";
}

// Builds the typestr error; `consumed` receives the position of the problem.
class TypestrErrors {
 public:
  TypestrErrors(std::string_view text, size_t* consumed) : text_(text), consumed_(consumed) {}

  Status fail(size_t position, const std::string& detail) const {
    if (consumed_) *consumed_ = position;
    return Status::Error(ErrorCode::kInvalidTypestr,
                         "expected typestr like '<f8', got " + quoteForMessage(text_) + " (" + detail + ")");
  }

 private:
  std::string_view text_;
  size_t* consumed_;
};

bool isNumpyBuiltin(const DTypeInfo& info) { return info.typestrKind == info.kind; }

// One-letter type codes: the table's NumPy chars plus the codes NumPy maps
// onto the same types ('q' is long long, 'p'/'n' intp, 'c' one char).
struct CodeAlias {
  char code;
  DTypeId id;
  uint32_t itemsize;  // 0: the table's
};
constexpr CodeAlias kCodeAliases[] = {
    {'q', DTypeId::kInt64, 0}, {'Q', DTypeId::kUInt64, 0}, {'p', DTypeId::kInt64, 0},
    {'P', DTypeId::kUInt64, 0}, {'n', DTypeId::kInt64, 0}, {'N', DTypeId::kUInt64, 0},
    {'c', DTypeId::kBytes, 1},
};

bool typeFromCode(char code, ScalarType* out) {
  const DTypeInfo* info = findDTypeByChar(code);
  if (info && isNumpyBuiltin(*info)) {
    out->id = info->id;
    out->itemsize = info->itemsize;
    return true;
  }
  for (const CodeAlias& alias : kCodeAliases) {
    if (alias.code == code) {
      out->id = alias.id;
      out->itemsize = alias.itemsize ? alias.itemsize : dtypeInfo(alias.id).itemsize;
      return true;
    }
  }
  return false;
}

bool isSizedKind(char kind) {
  return std::string_view("biufcOMmSaUV").find(kind) != std::string_view::npos;
}

// kind + itemsize for the fixed-size kinds ('i8', 'c16', 'b1', 'M8', 'O8').
const DTypeInfo* fixedTypeOfKind(char kind, uint64_t itemsize) {
  // An object pointer may be written with either pointer size.
  if (kind == 'O') return itemsize == 4 || itemsize == 8 ? &dtypeInfo(DTypeId::kObject) : nullptr;
  for (size_t i = 0; i < dtypeTableSize(); ++i) {
    const DTypeInfo& info = dtypeTableBegin()[i];
    if (info.kind == kind && isNumpyBuiltin(info) && info.itemsize == itemsize) return &info;
  }
  return nullptr;
}

std::string validSizesOfKind(char kind) {
  if (kind == 'O') return "4 or 8";
  std::vector<std::string> sizes;
  for (size_t i = 0; i < dtypeTableSize(); ++i) {
    const DTypeInfo& info = dtypeTableBegin()[i];
    if (info.kind == kind && isNumpyBuiltin(info) && info.itemsize != 0) sizes.push_back(std::to_string(info.itemsize));
  }
  std::string text;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i > 0) text += i + 1 == sizes.size() ? " or " : ", ";
    text += sizes[i];
  }
  return text;
}

Status parseKindAndSize(std::string_view text, size_t kindAt, const TypestrErrors& errors, ScalarType* out) {
  const char kind = text[kindAt];
  const NumberText size = readCLong(text, kindAt + 1);
  if (!size.found || size.end != text.size()) {
    const size_t stop = size.found ? size.end : kindAt + 1;
    return errors.fail(stop, "expected a decimal itemsize after kind " + charText(kind) + ", found " +
                                 quoteForMessage(text.substr(kindAt + 1)));
  }
  if (size.negative && size.magnitude != 0) {
    return errors.fail(kindAt + 1, "itemsize -" + std::to_string(size.magnitude) + " is negative");
  }
  const uint64_t n = size.magnitude;
  switch (kind) {
    case 'S':
    case 'a':
    case 'V':
      if (n > INT32_MAX) {
        return errors.fail(kindAt + 1, "itemsize " + std::to_string(n) + " is too large for kind " + charText(kind) +
                                           ", at most 2147483647");
      }
      out->id = kind == 'V' ? DTypeId::kVoid : DTypeId::kBytes;
      out->itemsize = static_cast<uint32_t>(n);
      return Status::Ok();
    case 'U':
      if (n > INT32_MAX / 4) {
        return errors.fail(kindAt + 1, "length " + std::to_string(n) +
                                           " is too large for kind 'U', at most 536870911 characters");
      }
      out->id = DTypeId::kUnicode;
      out->itemsize = static_cast<uint32_t>(n * 4);
      return Status::Ok();
    default:
      break;
  }
  const DTypeInfo* info = fixedTypeOfKind(kind, n);
  if (!info) {
    return errors.fail(kindAt + 1, "itemsize " + std::to_string(n) + " is not valid for kind " + charText(kind) +
                                       "; expected " + validSizesOfKind(kind));
  }
  out->id = info->id;
  out->itemsize = info->itemsize;
  return Status::Ok();
}

// '[unit]', '[25s]', '[s/5]' after 'M8' or 'datetime64'; empty means generic.
Status parseDatetimeMetadata(std::string_view text, size_t at, const TypestrErrors& errors, DatetimeUnit* unit) {
  if (at == text.size()) {
    *unit = DatetimeUnit{};
    return Status::Ok();
  }
  if (text[at] != '[') {
    return errors.fail(at, "expected a datetime unit in brackets like '[ns]', found " + quoteForMessage(text.substr(at)));
  }
  const size_t close = text.find(']', at + 1);
  if (close == std::string_view::npos) return errors.fail(text.size(), "missing ']' after the datetime unit");
  if (close == at + 1) return errors.fail(close, "empty datetime unit '[]'");

  const std::string_view inside = text.substr(at + 1, close - at - 1);
  DatetimeUnit parsed;
  const NumberText multiplier = readCLong(inside, 0);
  size_t unitStart = 0;
  if (multiplier.found) {
    if (multiplier.negative && multiplier.magnitude != 0) {
      return errors.fail(at + 1, "datetime multiplier -" + std::to_string(multiplier.magnitude) + " is negative");
    }
    if (multiplier.magnitude > INT32_MAX) {
      return errors.fail(at + 1, "datetime multiplier " + std::to_string(multiplier.magnitude) +
                                     " is too large (at most 2147483647)");
    }
    parsed.multiplier = static_cast<int32_t>(multiplier.magnitude);
    unitStart = multiplier.end;
  }
  const size_t slash = inside.find('/', unitStart);
  const std::string_view unitText = inside.substr(unitStart, slash == std::string_view::npos ? slash : slash - unitStart);
  if (unitText.empty()) return errors.fail(at + 1 + unitStart, "missing datetime unit after the multiplier");
  const UnitName* name = nullptr;
  for (const UnitName& candidate : kUnitNames) {
    if (unitText == candidate.text) name = &candidate;
  }
  if (!name) {
    return errors.fail(at + 1 + unitStart, "unknown datetime unit " + quoteForMessage(unitText) +
                                               "; expected Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as or generic");
  }
  parsed.base = name->base;

  if (slash != std::string_view::npos) {
    const size_t denAt = at + 1 + slash + 1;
    const NumberText den = readCLong(inside, slash + 1);
    if (!den.found || den.end != inside.size()) {
      return errors.fail(denAt, "expected a decimal divisor after '/', found " + quoteForMessage(inside.substr(slash + 1)));
    }
    if (den.negative || den.magnitude == 0 || den.magnitude > INT32_MAX) {
      return errors.fail(denAt, "datetime divisor must be between 1 and 2147483647");
    }
    if (parsed.base == DatetimeBase::kGeneric) return errors.fail(denAt, "a divisor needs a unit, not generic");
    if (den.magnitude != 1) {
      const DivisorRow row = divisorChoices(parsed.base);
      bool converted = false;
      for (size_t i = 0; i < row.count && !converted; ++i) {
        if (row.choices[i].perUnit % den.magnitude != 0) continue;
        const uint64_t count = static_cast<uint64_t>(parsed.multiplier) * (row.choices[i].perUnit / den.magnitude);
        if (count > INT32_MAX) {
          return errors.fail(denAt, "datetime multiplier " + std::to_string(count) + " is too large (at most 2147483647)");
        }
        parsed.multiplier = static_cast<int32_t>(count);
        parsed.base = row.choices[i].base;
        converted = true;
      }
      if (!converted) {
        return errors.fail(denAt, "divisor " + std::to_string(den.magnitude) + " does not divide " +
                                      quoteForMessage(unitName(parsed.base)) + " into a whole number of a finer unit");
      }
    }
  }
  if (close + 1 != text.size()) {
    return errors.fail(close + 1, "unexpected " + quoteForMessage(text.substr(close + 1)) + " after the datetime unit");
  }
  if (parsed.base == DatetimeBase::kGeneric) parsed = DatetimeUnit{};
  *unit = parsed;
  return Status::Ok();
}

// Returns the length of the datetime prefix ('M8', 'datetime64', ...) at `at`, or 0.
size_t datetimePrefix(std::string_view text, size_t at, DTypeId* id) {
  const std::string_view body = text.substr(at);
  if (body.size() >= 2 && body[1] == '8' && (body[0] == 'M' || body[0] == 'm')) {
    *id = body[0] == 'M' ? DTypeId::kDatetime64 : DTypeId::kTimedelta64;
    return 2;
  }
  if (body.substr(0, 10) == "datetime64") {
    *id = DTypeId::kDatetime64;
    return 10;
  }
  if (body.substr(0, 11) == "timedelta64") {
    *id = DTypeId::kTimedelta64;
    return 11;
  }
  return 0;
}

Status parseTypeBody(std::string_view text, size_t at, const TypestrErrors& errors, ScalarType* out) {
  DTypeId datetimeId = DTypeId::kDatetime64;
  if (const size_t prefix = datetimePrefix(text, at, &datetimeId)) {
    out->id = datetimeId;
    out->itemsize = 8;
    return parseDatetimeMetadata(text, at + prefix, errors, &out->unit);
  }
  const char first = text[at];
  if (at + 1 == text.size()) {
    if (typeFromCode(first, out)) return Status::Ok();
    // NumPy finds a lone 'a' (old name of 'S') in its name table, so only
    // without a byte order.
    if (first == 'a' && at == 0) {
      out->id = DTypeId::kBytes;
      out->itemsize = 0;
      return Status::Ok();
    }
    return errors.fail(at, "unknown type character " + quoteForMessage(utf8CharAt(text, at)));
  }
  if (isSizedKind(first)) return parseKindAndSize(text, at, errors, out);
  if (typeFromCode(first, out)) {
    return errors.fail(at + 1, "type code " + charText(first) + " takes no itemsize, found " +
                                   quoteForMessage(text.substr(at + 1)));
  }
  return errors.fail(at, "unknown type character " + quoteForMessage(utf8CharAt(text, at)));
}

bool looksLikeName(std::string_view text) {
  auto isLetter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (text.size() < 2 || !isLetter(text[0]) || !isLetter(text[1])) return false;
  if (text.substr(0, 10) == "datetime64" || text.substr(0, 11) == "timedelta64") return false;
  for (char c : text) {
    if (!isLetter(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

std::string datetimeUnitText(const DatetimeUnit& unit) {
  if (unit.base == DatetimeBase::kGeneric) return "";
  const std::string name = unitName(unit.base);
  return unit.multiplier == 1 ? name : std::to_string(unit.multiplier) + name;
}

bool hostIsLittleEndian() {
  const uint16_t probe = 1;
  unsigned char first = 0;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

char normalizeByteOrder(char requested, DTypeId id, uint32_t itemsize) {
  const DTypeInfo& info = dtypeInfo(id);
  const bool orderless = info.kind == 'b' || info.kind == 'S' || info.kind == 'V' || info.kind == 'O' ||
                         (info.kind != 'U' && itemsize <= 1);
  if (orderless) return '|';
  const char native = hostIsLittleEndian() ? '<' : '>';
  if (requested == '|' || requested == '=' || requested == native) return '=';
  return requested;
}

Status parseTypestr(std::string_view text, ScalarType* out, size_t* consumed) {
  const TypestrErrors errors(text, consumed);
  if (text.empty()) return errors.fail(0, "empty string");
  size_t at = 0;
  char order = '=';
  if (kByteOrderChars.find(text[0]) != std::string_view::npos) {
    order = text[0];
    at = 1;
    if (text.size() == 1) return errors.fail(1, "byte order " + charText(order) + " must be followed by a type");
  }
  ScalarType parsed;
  Status status = parseTypeBody(text, at, errors, &parsed);
  if (!status.ok()) return status;
  parsed.byteorder = normalizeByteOrder(order, parsed.id, parsed.itemsize);
  *out = parsed;
  if (consumed) *consumed = text.size();
  return Status::Ok();
}

Status parseDTypeString(std::string_view text, ScalarType* out, size_t* consumed) {
  size_t typestrConsumed = 0;
  Status typestrStatus = parseTypestr(text, out, &typestrConsumed);
  if (typestrStatus.ok()) {
    if (consumed) *consumed = text.size();
    return typestrStatus;
  }
  if (const DTypeInfo* info = findDTypeByNameOrAlias(text)) {
    ScalarType named;
    named.id = info->id;
    named.itemsize = info->itemsize;
    named.byteorder = normalizeByteOrder('=', info->id, info->itemsize);
    *out = named;
    if (consumed) *consumed = text.size();
    return Status::Ok();
  }
  if (looksLikeName(text)) {
    if (consumed) *consumed = 0;
    // Double quotes, as src/base/errors.ts describeValue writes a JS string.
    return Status::Error(ErrorCode::kInvalidDType, "unknown dtype " + quoteForMessage(text, '"'));
  }
  if (consumed) *consumed = typestrConsumed;
  return typestrStatus;
}

std::string_view utf8CharAt(std::string_view text, size_t at) {
  const unsigned char lead = static_cast<unsigned char>(text[at]);
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return text.substr(at, std::min(length, text.size() - at));
}

size_t utf16Offset(std::string_view text, size_t bytes) {
  size_t units = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) ++units;  // a lead byte starts a code point
    if (byte >= 0xF0) ++units;           // four-byte sequences are surrogate pairs in UTF-16
  }
  return units;
}

namespace {

// Every excerpt of user input in a message stops here: an error about a
// 1 MB string must not carry the megabyte.
constexpr size_t kMaxQuotedBytes = 100;

// The first kMaxQuotedBytes bytes of `text`, cut on a character boundary.
std::string_view quotedPart(std::string_view text) {
  if (text.size() <= kMaxQuotedBytes) return text;
  size_t cut = kMaxQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string cutNote(std::string_view text, size_t shown) {
  return shown == text.size() ? std::string() : "... (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace

std::string charText(char c) { return quoteForMessage(std::string_view(&c, 1)); }

std::string quoteForMessage(std::string_view text, char quote) {
  const std::string_view shown = quotedPart(text);
  std::string quoted(1, quote);
  for (char c : shown) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      quoted += escaped;
    } else {
      quoted += c;
    }
  }
  quoted += quote;
  return quoted + cutNote(text, shown.size());
}

std::string excerptForMessage(std::string_view text) {
  const std::string_view shown = quotedPart(text);
  return std::string(shown) + cutNote(text, shown.size());
}

}  // namespace ndinterop
