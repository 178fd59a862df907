// A recursive-descent reader for the Python literals of a .npy header. Every
// loop advances `at` or stops; nesting is bounded; no allocation grows beyond
// the input's size times a constant.
#include "core/io/py_literal.h"

#include <cctype>
#include <cstdio>

#include "core/dtype/typestr.h"

namespace ndinterop::io {
namespace {

class Reader {
 public:
  Reader(std::string_view text, bool longSuffix) : text_(text), longSuffix_(longSuffix) {}

  bool parseDocument(PyValue* out) {
    skipSpace();
    if (!parseValue(out, 0)) return false;
    skipSpace();
    if (at_ != text_.size()) return fail("expected the end of the literal, got " + quoteHere());
    return true;
  }

  LiteralError error() const { return error_; }

 private:
  bool fail(std::string message) {
    if (error_.message.empty()) {
      error_.position = at_;
      error_.message = std::move(message);
    }
    return false;
  }

  std::string quoteHere() const {
    if (at_ >= text_.size()) return "the end of the text";
    return quoteForMessage(utf8CharAt(text_, at_));
  }

  bool atEnd() const { return at_ >= text_.size(); }
  char peek(size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }

  void skipSpace() {
    while (!atEnd()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++at_;
      } else if (c == '#') {
        while (!atEnd() && peek() != '\n') ++at_;
      } else if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
        at_ += peek(1) == '\n' ? 2 : 3;
      } else {
        return;
      }
    }
  }

  bool parseValue(PyValue* out, int depth) {
    if (depth >= kMaxLiteralDepth) return fail("literal nested deeper than " + std::to_string(kMaxLiteralDepth) + " levels");
    const char c = peek();
    if (c == '{') return parseDict(out, depth);
    if (c == '[') return parseSequence(out, depth, ']', PyValue::Kind::kList);
    if (c == '(') return parseParenthesized(out, depth);
    if (c == '+' || c == '-') return parseSigned(out);
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      return parseNumber(out, false);
    }
    if (c == '\'' || c == '"' || std::isalpha(static_cast<unsigned char>(c)) || c == '_') return parseWordOrString(out);
    return fail("expected a Python literal, got " + quoteHere());
  }

  bool parseDict(PyValue* out, int depth) {
    out->kind = PyValue::Kind::kDict;
    ++at_;
    skipSpace();
    while (peek() != '}') {
      PyValue key, value;
      if (!parseValue(&key, depth + 1)) return false;
      skipSpace();
      if (peek() != ':') return fail("expected ':' after a dict key, got " + quoteHere());
      ++at_;
      skipSpace();
      if (!parseValue(&value, depth + 1)) return false;
      out->items.push_back(std::move(key));
      out->items.push_back(std::move(value));
      skipSpace();
      if (peek() == ',') {
        ++at_;
        skipSpace();
      } else if (peek() != '}') {
        return fail("expected ',' or '}' in a dict, got " + quoteHere());
      }
    }
    ++at_;
    return true;
  }

  bool parseSequence(PyValue* out, int depth, char close, PyValue::Kind kind) {
    out->kind = kind;
    ++at_;
    skipSpace();
    while (peek() != close) {
      PyValue item;
      if (!parseValue(&item, depth + 1)) return false;
      out->items.push_back(std::move(item));
      skipSpace();
      if (peek() == ',') {
        ++at_;
        skipSpace();
      } else if (peek() != close) {
        return fail(std::string("expected ',' or '") + close + "', got " + quoteHere());
      }
    }
    ++at_;
    return true;
  }

  // '()' is the empty tuple, '(x)' is x, '(x,)' and '(x, y)' are tuples.
  bool parseParenthesized(PyValue* out, int depth) {
    ++at_;
    skipSpace();
    if (peek() == ')') {
      ++at_;
      out->kind = PyValue::Kind::kTuple;
      return true;
    }
    PyValue first;
    if (!parseValue(&first, depth + 1)) return false;
    skipSpace();
    if (peek() == ')') {
      ++at_;
      *out = std::move(first);
      return true;
    }
    if (peek() != ',') return fail("expected ',' or ')', got " + quoteHere());
    out->kind = PyValue::Kind::kTuple;
    out->items.push_back(std::move(first));
    ++at_;
    skipSpace();
    while (peek() != ')') {
      PyValue item;
      if (!parseValue(&item, depth + 1)) return false;
      out->items.push_back(std::move(item));
      skipSpace();
      if (peek() == ',') {
        ++at_;
        skipSpace();
      } else if (peek() != ')') {
        return fail("expected ',' or ')', got " + quoteHere());
      }
    }
    ++at_;
    return true;
  }

  // ast.literal_eval allows one sign on a number (not on a container, not twice).
  bool parseSigned(PyValue* out) {
    const bool negative = peek() == '-';
    ++at_;
    skipSpace();
    const char c = peek();
    if (!std::isdigit(static_cast<unsigned char>(c)) && !(c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      return fail("expected a number after a sign, got " + quoteHere());
    }
    return parseNumber(out, negative);
  }

  static int digitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
  }

  bool parseNumber(PyValue* out, bool negative) {
    const size_t start = at_;
    int base = 10;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' || peek(1) == 'b' || peek(1) == 'B')) {
      const char marker = static_cast<char>(std::tolower(static_cast<unsigned char>(peek(1))));
      base = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
      at_ += 2;
      if (peek() == '_') ++at_;
    }
    uint64_t magnitude = 0;
    bool overflow = false;
    size_t digits = 0;
    bool nonZeroLead = false;
    while (!atEnd()) {
      const char c = peek();
      if (c == '_') {
        if (digits == 0 || digitValue(peek(1)) >= base) return fail("expected a digit after '_' in a number, got " + quoteHere());
        ++at_;
        continue;
      }
      const int value = digitValue(c);
      if (value >= base) break;
      if (digits == 0 && base == 10 && value != 0) nonZeroLead = true;
      if (magnitude > (UINT64_MAX - static_cast<uint64_t>(value)) / static_cast<uint64_t>(base)) overflow = true;
      magnitude = magnitude * static_cast<uint64_t>(base) + static_cast<uint64_t>(value);
      ++digits;
      ++at_;
    }
    const char next = peek();
    if (base == 10 && (next == '.' || next == 'e' || next == 'E' || next == 'j' || next == 'J')) {
      return parseOtherNumber(out, start, negative);
    }
    if (digits == 0) return fail("expected digits in a number, got " + quoteHere());
    // '012' is a syntax error in Python 3; '00' is zero.
    if (base == 10 && !nonZeroLead && magnitude != 0) return fail("leading zeros are not allowed in a decimal int");
    if (longSuffix_ && (peek() == 'L' || peek() == 'l')) ++at_;
    if (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') return fail("invalid character in a number: " + quoteHere());
    out->kind = PyValue::Kind::kInt;
    out->magnitude = overflow ? 0 : magnitude;
    out->overflow = overflow;
    out->negative = negative && (overflow || magnitude != 0);
    out->text = overflow ? std::string(negative ? "-" : "") + std::string(text_.substr(start, at_ - start))
                         : std::string(out->negative ? "-" : "") + std::to_string(magnitude);
    return true;
  }

  // Floats and imaginary numbers: read to know where they end; never valid in a header.
  bool parseOtherNumber(PyValue* out, size_t start, bool negative) {
    while (!atEnd()) {
      const char c = peek();
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_') {
        ++at_;
      } else if ((c == 'e' || c == 'E') && (std::isdigit(static_cast<unsigned char>(peek(1))) ||
                                              ((peek(1) == '+' || peek(1) == '-') && std::isdigit(static_cast<unsigned char>(peek(2)))))) {
        at_ += std::isdigit(static_cast<unsigned char>(peek(1))) ? 1 : 2;
      } else if (c == 'j' || c == 'J') {
        ++at_;
        break;
      } else {
        break;
      }
    }
    if (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') return fail("invalid character in a number: " + quoteHere());
    out->kind = PyValue::Kind::kOtherNumber;
    out->text = std::string(negative ? "-" : "") + std::string(text_.substr(start, at_ - start));
    return true;
  }

  bool parseWordOrString(PyValue* out) {
    const size_t start = at_;
    while (!atEnd() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) ++at_;
    const std::string_view word = text_.substr(start, at_ - start);
    if (peek() == '\'' || peek() == '"') {
      at_ = start;
      return parseStrings(out);
    }
    if (word == "True" || word == "False") {
      out->kind = PyValue::Kind::kBool;
      out->boolean = word == "True";
      return true;
    }
    if (word == "None") {
      out->kind = PyValue::Kind::kNone;
      return true;
    }
    at_ = start;
    return fail("expected a Python literal, got the name " + quoteForMessage(word));
  }

  // One or more adjacent string literals, concatenated as Python does.
  bool parseStrings(PyValue* out) {
    bool first = true;
    bool bytes = false;
    std::string value;
    for (;;) {
      const size_t start = at_;
      while (!atEnd() && std::isalpha(static_cast<unsigned char>(peek()))) ++at_;
      std::string prefix(text_.substr(start, at_ - start));
      for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (peek() != '\'' && peek() != '"') {
        at_ = start;
        if (first) return fail("expected a string, got " + quoteHere());
        break;
      }
      const bool isBytes = prefix == "b" || prefix == "br" || prefix == "rb";
      const bool raw = prefix == "r" || prefix == "br" || prefix == "rb";
      if (!(prefix.empty() || prefix == "u" || raw || isBytes)) {
        at_ = start;
        return fail("expected a plain string literal, got the prefix " + quoteForMessage(prefix));
      }
      if (!first && isBytes != bytes) return fail("cannot mix bytes and str literals");
      bytes = isBytes;
      if (!parseOneString(raw, isBytes, &value)) return false;
      first = false;
      const size_t afterString = at_;
      skipSpace();
      const char c = peek();
      if (!(c == '\'' || c == '"' || std::isalpha(static_cast<unsigned char>(c)))) {
        at_ = afterString;
        break;
      }
    }
    out->kind = bytes ? PyValue::Kind::kBytes : PyValue::Kind::kStr;
    out->text = std::move(value);
    return true;
  }

  bool parseOneString(bool raw, bool bytes, std::string* value) {
    const char quote = peek();
    const bool triple = peek(1) == quote && peek(2) == quote;
    at_ += triple ? 3 : 1;
    for (;;) {
      if (atEnd()) return fail("unterminated string literal");
      const char c = peek();
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
        at_ += triple ? 3 : 1;
        return true;
      }
      if (c == '\n' && !triple) return fail("unterminated string literal (a newline inside quotes)");
      if (bytes && static_cast<unsigned char>(c) >= 0x80) return fail("bytes literals may only hold ASCII characters");
      if (c == '\\') {
        if (raw) {
          value->push_back('\\');
          ++at_;
          if (!atEnd()) value->push_back(text_[at_++]);
          continue;
        }
        if (!parseEscape(bytes, value)) return false;
        continue;
      }
      value->push_back(c);
      ++at_;
    }
  }

  static void appendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  bool readHex(size_t count, uint32_t* code) {
    uint32_t value = 0;
    for (size_t i = 0; i < count; ++i) {
      const int digit = digitValue(peek());
      if (digit >= 16) return fail("expected " + std::to_string(count) + " hex digits in an escape, got " + quoteHere());
      value = value * 16 + static_cast<uint32_t>(digit);
      ++at_;
    }
    *code = value;
    return true;
  }

  // Python's escapes; an unknown one ('\q') keeps its backslash.
  bool parseEscape(bool bytes, std::string* value) {
    ++at_;
    if (atEnd()) return fail("unterminated string literal");
    const char c = text_[at_++];
    switch (c) {
      case '\n': return true;
      case '\\': value->push_back('\\'); return true;
      case '\'': value->push_back('\''); return true;
      case '"': value->push_back('"'); return true;
      case 'a': value->push_back('\a'); return true;
      case 'b': value->push_back('\b'); return true;
      case 'f': value->push_back('\f'); return true;
      case 'n': value->push_back('\n'); return true;
      case 'r': value->push_back('\r'); return true;
      case 't': value->push_back('\t'); return true;
      case 'v': value->push_back('\v'); return true;
      default: break;
    }
    if (c >= '0' && c <= '7') {
      uint32_t code = static_cast<uint32_t>(c - '0');
      for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; ++i) code = code * 8 + static_cast<uint32_t>(text_[at_++] - '0');
      if (bytes) value->push_back(static_cast<char>(code & 0xFF));
      else appendUtf8(code, value);
      return true;
    }
    uint32_t code = 0;
    if (c == 'x') {
      if (!readHex(2, &code)) return false;
      if (bytes) value->push_back(static_cast<char>(code));
      else appendUtf8(code, value);
      return true;
    }
    if (!bytes && (c == 'u' || c == 'U')) {
      if (!readHex(c == 'u' ? 4 : 8, &code)) return false;
      if (code > 0x10FFFF) return fail("a \\U escape beyond U+10FFFF");
      appendUtf8(code, value);
      return true;
    }
    if (!bytes && c == 'N') return fail("\\N{...} escapes are not supported in a .npy header");
    value->push_back('\\');
    value->push_back(c);
    return true;
  }

  std::string_view text_;
  bool longSuffix_;
  size_t at_ = 0;
  LiteralError error_;
};

void appendRepr(const PyValue& value, std::string* out, size_t limit) {
  if (out->size() > limit) return;
  switch (value.kind) {
    case PyValue::Kind::kDict:
      out->push_back('{');
      for (size_t i = 0; i + 1 < value.items.size(); i += 2) {
        if (i > 0) out->append(", ");
        appendRepr(value.items[i], out, limit);
        out->append(": ");
        appendRepr(value.items[i + 1], out, limit);
      }
      out->push_back('}');
      return;
    case PyValue::Kind::kTuple:
    case PyValue::Kind::kList: {
      const bool tuple = value.kind == PyValue::Kind::kTuple;
      out->push_back(tuple ? '(' : '[');
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out->append(", ");
        appendRepr(value.items[i], out, limit);
      }
      if (tuple && value.items.size() == 1) out->push_back(',');
      out->push_back(tuple ? ')' : ']');
      return;
    }
    case PyValue::Kind::kStr: out->append(quoteForMessage(value.text)); return;
    case PyValue::Kind::kBytes:
      // Two appends (not "b" + string): keeps GCC 12's -Wrestrict false
      // positive (its bug 105329) out of the C++20 build for Node 24.
      out->push_back('b');
      out->append(quoteForMessage(value.text));
      return;
    case PyValue::Kind::kInt:
    case PyValue::Kind::kOtherNumber: out->append(value.text.substr(0, 40)); return;
    case PyValue::Kind::kBool: out->append(value.boolean ? "True" : "False"); return;
    case PyValue::Kind::kNone: out->append("None"); return;
  }
}

}  // namespace

bool parsePyLiteral(std::string_view text, bool longSuffix, PyValue* out, LiteralError* error) {
  Reader reader(text, longSuffix);
  if (reader.parseDocument(out)) return true;
  *error = reader.error();
  return false;
}

std::string pyRepr(const PyValue& value) {
  constexpr size_t kLimit = 100;
  std::string out;
  appendRepr(value, &out, kLimit);
  if (out.size() > kLimit) {
    size_t cut = kLimit;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

bool pyIntToUint64(const PyValue& value, uint64_t* out) {
  if (value.kind == PyValue::Kind::kBool) {
    *out = value.boolean ? 1 : 0;
    return true;
  }
  if (value.kind != PyValue::Kind::kInt || value.overflow || value.negative) return false;
  *out = value.magnitude;
  return true;
}

}  // namespace ndinterop::io
