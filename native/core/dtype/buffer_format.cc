#include "core/dtype/buffer_format.h"

#include <algorithm>
#include <climits>
#include <numeric>
#include <unordered_set>

#include "core/base/number_text.h"

namespace ndinterop {
namespace {

// PEP 3118 codes as NumPy maps them. Native mode ('@', '^') uses C sizes
// (l is C long: int64 on LP64); standard mode ('<', '>', '=', '!') uses the
// struct module's sizes (l is 4 bytes) and has no long double.
struct FormatCode {
  std::string_view code;
  DTypeId id;
};

constexpr FormatCode kNativeCodes[] = {
    {"?", DTypeId::kBool},        {"c", DTypeId::kBytes},       {"b", DTypeId::kInt8},
    {"B", DTypeId::kUInt8},       {"h", DTypeId::kInt16},       {"H", DTypeId::kUInt16},
    {"i", DTypeId::kInt32},       {"I", DTypeId::kUInt32},      {"l", DTypeId::kInt64},
    {"L", DTypeId::kUInt64},      {"q", DTypeId::kInt64},       {"Q", DTypeId::kUInt64},
    {"e", DTypeId::kFloat16},     {"f", DTypeId::kFloat32},     {"d", DTypeId::kFloat64},
    {"g", DTypeId::kLongDouble},  {"Zf", DTypeId::kComplex64},  {"Zd", DTypeId::kComplex128},
    {"Zg", DTypeId::kCLongDouble}, {"s", DTypeId::kBytes},      {"w", DTypeId::kUnicode},
    {"O", DTypeId::kObject},      {"x", DTypeId::kVoid},
};

constexpr FormatCode kStandardCodes[] = {
    {"?", DTypeId::kBool},       {"c", DTypeId::kBytes},      {"b", DTypeId::kInt8},
    {"B", DTypeId::kUInt8},      {"h", DTypeId::kInt16},      {"H", DTypeId::kUInt16},
    {"i", DTypeId::kInt32},      {"I", DTypeId::kUInt32},     {"l", DTypeId::kInt32},
    {"L", DTypeId::kUInt32},     {"q", DTypeId::kInt64},      {"Q", DTypeId::kUInt64},
    {"e", DTypeId::kFloat16},    {"f", DTypeId::kFloat32},    {"d", DTypeId::kFloat64},
    {"Zf", DTypeId::kComplex64}, {"Zd", DTypeId::kComplex128}, {"s", DTypeId::kBytes},
    {"w", DTypeId::kUnicode},    {"O", DTypeId::kObject},     {"x", DTypeId::kVoid},
};

struct UnsupportedCode {
  char code;
  const char* what;
};
constexpr UnsupportedCode kUnsupportedCodes[] = {
    {'u', "UCS-2 strings"}, {'&', "pointers"}, {'t', "bitfields"}, {'X', "function pointers"}};

constexpr uint64_t kMaxSize = INT32_MAX;  // NumPy keeps itemsizes and dimensions in a C int
constexpr size_t kMaxNesting = 64;        // 'T{' levels; NumPy's reader stops at Python's recursion limit

bool isFormatSpace(char c) { return isCSpace(c); }

bool isNativeMode(char byteorder) { return byteorder == '@' || byteorder == '^'; }

// NumPy reads a lone 'n' or 'N' (ssize_t, size_t) in its single-item fast
// path only, and only with native sizes: 'n' and '@n' are intp, '2n' and
// 'nd' are errors.
bool isLoneSizeCode(std::string_view format) {
  if (format.empty() || (format.back() != 'n' && format.back() != 'N')) return false;
  return std::all_of(format.begin(), format.end() - 1, [](char c) { return c == '@' || c == '^'; });
}

// The format without whitespace outside field names (as NumPy strips it),
// with each kept character's index in the original for error positions.
struct StrippedFormat {
  std::string text;
  std::vector<size_t> origin;  // origin[i] = original index of text[i]; origin[size] = original size
};

StrippedFormat stripWhitespace(std::string_view format) {
  StrippedFormat stripped;
  bool inName = false;
  for (size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == ':') inName = !inName;
    if (!inName && c != ':' && isFormatSpace(c)) continue;
    stripped.text += c;
    stripped.origin.push_back(i);
  }
  stripped.origin.push_back(format.size());
  return stripped;
}

// elementSize * prod(shape) <= INT32_MAX, without overflowing on the way.
bool fitsInCInt(uint64_t elementSize, const std::vector<uint64_t>& shape) {
  if (elementSize == 0 || std::find(shape.begin(), shape.end(), 0) != shape.end()) return true;
  uint64_t size = elementSize;
  for (uint64_t dim : shape) {
    if (size > kMaxSize / dim) return false;
    size *= dim;
  }
  return true;
}

// Python's int() on a sub-array dimension: optional sign, digits with single
// underscores between them.
bool readDimension(std::string_view text, uint64_t* value, bool* negative) {
  size_t at = 0;
  *negative = false;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) *negative = text[at++] == '-';
  if (at == text.size()) return false;
  uint64_t result = 0;
  bool lastWasDigit = false;
  for (; at < text.size(); ++at) {
    if (text[at] == '_' && lastWasDigit && at + 1 < text.size()) {
      lastWasDigit = false;
      continue;
    }
    if (!isDecimalDigit(text[at])) return false;
    result = std::min<uint64_t>(result * 10 + static_cast<uint64_t>(text[at] - '0'), UINT64_MAX / 16);
    lastWasDigit = true;
  }
  if (!lastWasDigit) return false;
  *value = result;
  return true;
}

class FormatParser {
 public:
  FormatParser(std::string_view original, size_t* consumed)
      : original_(original), stripped_(stripWhitespace(original)), text_(stripped_.text), consumed_(consumed) {}

  Status parseTop(FormatItem* out) {
    StructResult top;
    Status status = parseStruct(false, &top);
    if (!status.ok()) return status;
    const bool oneUnnamedItem = top.fields.size() == 1 && !top.named[0] &&
                                top.fields[0].offset == 0 && top.itemsize == top.fields[0].item.itemsize();
    if (oneUnnamedItem) {
      *out = std::move(top.fields[0].item);
    } else {
      *out = finishStruct(std::move(top));
    }
    if (consumed_) *consumed_ = original_.size();
    return Status::Ok();
  }

 private:
  struct StructResult {
    std::vector<FormatField> fields;
    std::vector<bool> named;                    // per field: an explicit ':name:'
    std::unordered_set<std::string> names;      // the explicit names, for duplicates
    uint64_t itemsize = 0;
    uint32_t alignment = 1;
  };

  struct ItemPrefix {
    std::vector<uint64_t> shape;
    uint64_t count = 1;
    bool hasCount = false;
  };

  Status fail(size_t strippedAt, const std::string& detail) const {
    const size_t at = stripped_.origin[std::min(strippedAt, text_.size())];
    if (consumed_) *consumed_ = at;
    return Status::Error(ErrorCode::kInvalidBufferFormat,
                         "expected a PEP 3118 buffer format like '<d' or 'T{i:a:d:b:}', got " +
                             quoteForMessage(original_) + " (at character " + std::to_string(utf16Offset(original_, at)) +
                             ": " + detail +
                             ")");
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  // Items until '}' (nested) or the end (top level).
  Status parseStruct(bool nested, StructResult* result) {
    const size_t openAt = pos_ - (nested ? 2 : 0);
    uint64_t offset = 0;
    while (true) {
      if (atEnd()) {
        if (nested) return fail(openAt, "'T{' is not closed by '}'");
        break;
      }
      if (peek() == '}') {
        if (!nested) return fail(pos_, "'}' without an open 'T{'");
        ++pos_;
        break;
      }
      Status status = parseMember(result, &offset);
      if (!status.ok()) return status;
    }
    if (byteorder_ == '@') offset = roundUp(offset, result->alignment);
    if (offset > kMaxSize) return fail(pos_, "the struct is larger than 2147483647 bytes");
    result->itemsize = offset;
    return Status::Ok();
  }

  static uint64_t roundUp(uint64_t offset, uint32_t alignment) {
    return (offset + alignment - 1) / alignment * alignment;
  }

  Status parseMember(StructResult* result, uint64_t* offset) {
    ItemPrefix prefix;
    Status status = parseShape(&prefix);
    if (status.ok()) status = parseByteOrderAndCount(&prefix);
    FormatItem item;
    bool isPadding = false;
    if (status.ok()) status = parseType(&prefix, &item, &isPadding);
    if (!status.ok()) return status;

    // '@' assumes the buffer start is aligned and pads each member to its
    // alignment. (NumPy also pads a member whose size is not a multiple of
    // its alignment; no PEP 3118 item has such a size, structs included,
    // because '@' structs are padded to their alignment when they close.)
    if (byteorder_ == '@') {
      *offset = roundUp(*offset, item.alignment);
      result->alignment = std::lcm(result->alignment, item.alignment);
    }
    status = applyRepeat(prefix, &item);
    if (!status.ok()) return status;

    std::string name;
    bool named = false;
    const size_t nameAt = pos_ + 1;
    status = parseName(&name, &named);
    if (!status.ok()) return status;
    if (!(isPadding && !named)) {
      if (named && !result->names.insert(name).second) {
        return fail(nameAt, "duplicate field name " + quoteForMessage(name));
      }
      FormatField field;
      field.name = std::move(name);
      field.offset = *offset;
      field.item = std::move(item);
      *offset += field.item.itemsize();
      result->fields.push_back(std::move(field));
      result->named.push_back(named);
    } else {
      *offset += item.itemsize();
    }
    if (*offset > kMaxSize) return fail(pos_, "the struct is larger than 2147483647 bytes");
    return Status::Ok();
  }

  Status parseShape(ItemPrefix* prefix) {
    if (atEnd() || peek() != '(') return Status::Ok();
    const size_t close = text_.find(')', pos_);
    if (close == std::string_view::npos) return fail(pos_, "sub-array shape '(' is not closed by ')'");
    size_t start = pos_ + 1;
    while (true) {
      const size_t comma = std::min(text_.find(',', start), close);
      const std::string_view dimText = std::string_view(text_).substr(start, comma - start);
      uint64_t dim = 0;
      bool negative = false;
      if (!readDimension(dimText, &dim, &negative)) {
        return fail(start, "expected an integer sub-array dimension, found " + quoteForMessage(dimText));
      }
      if (negative && dim != 0) return fail(start, "sub-array dimension -" + std::to_string(dim) + " is negative");
      if (dim > kMaxSize) return fail(start, "sub-array dimension " + std::to_string(dim) + " does not fit in a C int");
      prefix->shape.push_back(dim);
      if (comma == close) break;
      start = comma + 1;
    }
    pos_ = close + 1;
    return Status::Ok();
  }

  Status parseByteOrderAndCount(ItemPrefix* prefix) {
    if (!atEnd() && std::string_view("@=<>^!").find(peek()) != std::string_view::npos) {
      byteorder_ = peek() == '!' ? '>' : peek();
      ++pos_;
    }
    const size_t countAt = pos_;
    while (!atEnd() && isDecimalDigit(peek())) ++pos_;
    if (pos_ > countAt) {
      const NumberText count = readCLong(text_, countAt);
      if (count.magnitude > kMaxSize) {
        return fail(countAt, "repeat count " + excerptForMessage(text_.substr(countAt, pos_ - countAt)) +
                                 " does not fit in a C int");
      }
      prefix->count = count.magnitude;
      prefix->hasCount = true;
    }
    return Status::Ok();
  }

  const FormatCode* findCode(std::string_view code) const {
    if (isNativeMode(byteorder_)) {
      for (const FormatCode& entry : kNativeCodes) {
        if (entry.code == code) return &entry;
      }
    } else {
      for (const FormatCode& entry : kStandardCodes) {
        if (entry.code == code) return &entry;
      }
    }
    return nullptr;
  }

  Status parseType(ItemPrefix* prefix, FormatItem* item, bool* isPadding) {
    if (atEnd()) return fail(pos_, "expected a type code, found the end of the format");
    if (text_.compare(pos_, 2, "T{") == 0) {
      // Each level recurses here (and in the JS conversion), so a hostile
      // format must not choose the stack depth.
      if (depth_ == kMaxNesting) return fail(pos_, "structs nested deeper than " + std::to_string(kMaxNesting) + " levels");
      pos_ += 2;
      ++depth_;
      StructResult nested;
      Status status = parseStruct(true, &nested);
      --depth_;
      if (!status.ok()) return status;
      *item = finishStruct(std::move(nested));
      return Status::Ok();
    }
    const size_t codeAt = pos_;
    const size_t codeLength = peek() == 'Z' ? 2 : 1;
    const std::string_view code = std::string_view(text_).substr(codeAt, codeLength);
    const FormatCode* entry = findCode(code);
    if (!entry) return unknownCode(codeAt, code);
    pos_ += codeLength;

    ScalarType scalar;
    scalar.id = entry->id;
    const char kind = dtypeInfo(entry->id).kind;
    if (code == "c") {
      scalar.itemsize = 1;
    } else if (kind == 'S' || kind == 'U' || kind == 'V') {
      // Before s, w and x a count is a length, not a repeat.
      const uint64_t length = prefix->count;
      if (kind == 'U' && length > kMaxSize / 4) {
        return fail(codeAt, "string length " + std::to_string(length) + " is too large for 'w'");
      }
      scalar.itemsize = static_cast<uint32_t>(kind == 'U' ? length * 4 : length);
      prefix->count = 1;
    } else {
      scalar.itemsize = dtypeInfo(entry->id).itemsize;
    }
    const char order = isNativeMode(byteorder_) ? '=' : byteorder_;
    scalar.byteorder = normalizeByteOrder(order, scalar.id, scalar.itemsize);
    *isPadding = code == "x";
    item->isStruct = false;
    item->scalar = scalar;
    item->elementSize = scalar.itemsize;
    item->alignment = dtypeInfo(entry->id).alignment;
    return Status::Ok();
  }

  Status unknownCode(size_t at, std::string_view code) const {
    const char first = code[0];
    for (const UnsupportedCode& unsupported : kUnsupportedCodes) {
      if (unsupported.code == first) {
        return fail(at, charText(first) + " (" + unsupported.what + ") cannot be represented");
      }
    }
    if (first == 'Z') {
      return fail(at, std::string("'Z' must be followed by ") + (isNativeMode(byteorder_) ? "'f', 'd' or 'g'" : "'f' or 'd'") +
                          ", found " + quoteForMessage(code.substr(1)));
    }
    const bool nativeOnly = !isNativeMode(byteorder_) && (first == 'g');
    if (nativeOnly) {
      return fail(at, "'g' (long double) has no standard size; it needs native mode '@' or '^', not " +
                          charText(byteorder_));
    }
    return fail(at, "expected a type code (one of ?cbBhHiIlLqQefd" + std::string(isNativeMode(byteorder_) ? "g" : "") +
                        "swOx, Z" + (isNativeMode(byteorder_) ? "f/Zd/Zg" : "f/Zd") + " or T{...}), found " +
                        quoteForMessage(utf8CharAt(text_, at)));
  }

  Status applyRepeat(const ItemPrefix& prefix, FormatItem* item) {
    std::vector<uint64_t> shape = prefix.shape;
    if (prefix.count != 1) shape.push_back(prefix.count);
    if (shape.empty()) return Status::Ok();
    shape.insert(shape.end(), item->shape.begin(), item->shape.end());
    if (!fitsInCInt(item->elementSize, shape)) return fail(pos_, "the sub-array is larger than 2147483647 bytes");
    item->shape = std::move(shape);
    return Status::Ok();
  }

  Status parseName(std::string* name, bool* named) {
    if (atEnd() || peek() != ':') return Status::Ok();
    const size_t close = text_.find(':', pos_ + 1);
    if (close == std::string_view::npos) return fail(pos_, "field name is not closed by ':'");
    *name = text_.substr(pos_ + 1, close - pos_ - 1);
    *named = true;
    pos_ = close + 1;
    return Status::Ok();
  }

  // Gives unnamed fields NumPy's names: the first unused 'f0', 'f1', ...
  // Names only get taken, so each search resumes where the last one stopped:
  // linear in the number of fields (expected, with the hash set).
  static FormatItem finishStruct(StructResult result) {
    size_t next = 0;
    for (size_t i = 0; i < result.fields.size(); ++i) {
      if (result.named[i]) continue;
      // Appending (not "f" + string) keeps GCC 12's -Wrestrict false
      // positive (its bug 105329) out of C++20 builds.
      const auto defaultName = [&next] {
        std::string name(1, 'f');
        name += std::to_string(next++);
        return name;
      };
      std::string candidate = defaultName();
      while (result.names.count(candidate) != 0) candidate = defaultName();
      result.fields[i].name = std::move(candidate);
    }
    FormatItem item;
    item.isStruct = true;
    item.fields = std::move(result.fields);
    item.elementSize = result.itemsize;
    item.alignment = result.alignment;
    return item;
  }

  std::string_view original_;
  StrippedFormat stripped_;
  std::string_view text_;
  size_t* consumed_;
  size_t pos_ = 0;
  char byteorder_ = '@';  // shared by nested structs, as in NumPy's reader
  size_t depth_ = 0;      // open 'T{' levels
};

}  // namespace

Status parseBufferFormat(std::string_view format, FormatItem* out, size_t* consumed) {
  if (isLoneSizeCode(format)) {
    FormatItem item;
    item.scalar.id = format.back() == 'n' ? DTypeId::kInt64 : DTypeId::kUInt64;
    item.scalar.itemsize = 8;
    item.scalar.byteorder = '=';
    item.elementSize = 8;
    item.alignment = dtypeInfo(item.scalar.id).alignment;
    *out = std::move(item);
    if (consumed) *consumed = format.size();
    return Status::Ok();
  }
  FormatItem item;
  Status status = FormatParser(format, consumed).parseTop(&item);
  if (status.ok()) *out = std::move(item);
  return status;
}

}  // namespace ndinterop
