// Reading decimal integers the way C's strtol does, which is how NumPy reads
// the sizes in typestrs ('i 4' and 'S+5' are valid there): optional leading
// whitespace, an optional sign, then digits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ndinterop {

struct NumberText {
  bool found = false;      // at least one digit
  bool negative = false;   // a '-' sign was read
  uint64_t magnitude = 0;  // saturates at UINT64_MAX
  size_t end = 0;          // index after the last digit; the start when !found
};

inline bool isCSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

inline bool isDecimalDigit(char c) { return c >= '0' && c <= '9'; }

inline NumberText readCLong(std::string_view text, size_t start) {
  NumberText number;
  number.end = start;
  size_t at = start;
  while (at < text.size() && isCSpace(text[at])) ++at;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    number.negative = text[at] == '-';
    ++at;
  }
  if (at == text.size() || !isDecimalDigit(text[at])) {
    number.negative = false;
    return number;
  }
  for (; at < text.size() && isDecimalDigit(text[at]); ++at) {
    const uint64_t digit = static_cast<uint64_t>(text[at] - '0');
    number.magnitude = number.magnitude > (UINT64_MAX - digit) / 10 ? UINT64_MAX : number.magnitude * 10 + digit;
  }
  number.found = true;
  number.end = at;
  return number;
}

}  // namespace ndinterop
