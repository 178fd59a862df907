// Reading a .npy header: the prefix, then the Python literal dict, then its
// three keys. Every size is checked against 2^53 - 1 before it is multiplied,
// so no header can make a reader allocate or read past what it says.
#include "core/io/npy_header.h"

#include <cstring>

#include "core/base/limits.h"
#include "core/io/py_literal.h"

namespace ndinterop::io {
namespace {

constexpr uint64_t kMaxSafe = static_cast<uint64_t>(kMaxSafeInteger);

std::string bytesRepr(const uint8_t* bytes, size_t length) {
  static const char* hex = "0123456789abcdef";
  std::string out = "b'";
  for (size_t i = 0; i < length; ++i) {
    const uint8_t c = bytes[i];
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out + "'";
}

// a * b, or false when it passes 2^53 - 1.
bool multiplySafe(uint64_t a, uint64_t b, uint64_t* out) {
  if (a != 0 && b > kMaxSafe / a) return false;
  *out = a * b;
  return true;
}

// Latin-1 bytes as UTF-8 (formats 1.0 and 2.0 are latin-1 text).
std::string latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return out;
}

NpyStatus badDescr(const PyValue& descr, const std::string& why) {
  return NpyStatus::invalid("descr is not a valid dtype descriptor: " + pyRepr(descr) + " (" + why + ")");
}

bool isSequence(const PyValue& value) {
  return value.kind == PyValue::Kind::kTuple || value.kind == PyValue::Kind::kList;
}

class DescrReader {
 public:
  explicit DescrReader(const PyValue& whole) : whole_(whole) {}

  NpyStatus read(const PyValue& descr, NpyDType* out) {
    if (descr.kind == PyValue::Kind::kStr) return readString(descr, out);
    if (descr.kind == PyValue::Kind::kList) return readFields(descr, out);
    if (descr.kind == PyValue::Kind::kTuple) {
      return NpyStatus::unsupported("descr " + pyRepr(whole_) + " is a sub-array type (dtype, shape); ndinterop reads sub-arrays only as fields of a record");
    }
    return badDescr(whole_, "expected a typestr or a list of fields, got " + pyRepr(descr));
  }

 private:
  NpyStatus readString(const PyValue& descr, NpyDType* out) {
    size_t consumed = 0;
    const Status status = parseDTypeString(descr.text, &out->scalar, &consumed);
    if (!status.ok()) return badDescr(whole_, status.message);
    out->structured = false;
    out->hasObject = out->scalar.id == DTypeId::kObject;
    out->itemsize = out->hasObject ? 8 : out->scalar.itemsize;
    if (out->itemsize == 0) return badDescr(whole_, "a type of itemsize 0 holds no data");
    return NpyStatus();
  }

  // A sub-array shape: a tuple of ints, or one int (numpy.dtype((t, 3))).
  NpyStatus readFieldShape(const PyValue& shape, const std::string& name, std::vector<uint64_t>* out) {
    if (shape.kind == PyValue::Kind::kInt) {
      uint64_t n = 0;
      if (!pyIntToUint64(shape, &n) || n > kMaxSafe) return badDescr(whole_, "field " + quoteForMessage(name) + " has the shape " + pyRepr(shape));
      out->push_back(n);
      return NpyStatus();
    }
    if (shape.kind != PyValue::Kind::kTuple || shape.items.size() > static_cast<size_t>(kMaxDims)) {
      return badDescr(whole_, "field " + quoteForMessage(name) + " has the shape " + pyRepr(shape) + ", expected a tuple of ints");
    }
    for (const PyValue& dim : shape.items) {
      uint64_t n = 0;
      if (dim.kind != PyValue::Kind::kInt || !pyIntToUint64(dim, &n) || n > kMaxSafe) {
        return badDescr(whole_, "field " + quoteForMessage(name) + " has the shape " + pyRepr(shape));
      }
      out->push_back(n);
    }
    return NpyStatus();
  }

  NpyStatus readField(const PyValue& entry, uint64_t* offset, NpyDType* record) {
    if (!isSequence(entry) || entry.items.size() < 2 || entry.items.size() > 3) {
      return badDescr(whole_, "expected each field as (name, type) or (name, type, shape), got " + pyRepr(entry));
    }
    const PyValue& name = entry.items[0];
    if (name.kind == PyValue::Kind::kTuple && name.items.size() == 2 && name.items[1].kind == PyValue::Kind::kStr) {
      return NpyStatus::unsupported("field " + quoteForMessage(name.items[1].text) + " has the title " + pyRepr(name.items[0]) +
                                    "; ndinterop's structured dtypes have no field titles");
    }
    if (name.kind != PyValue::Kind::kStr) return badDescr(whole_, "expected a field name string, got " + pyRepr(name));
    NpyField field;
    field.name = name.text;
    NpyStatus status = read(entry.items[1], &field.type);
    if (!status.ok()) return status;
    if (entry.items.size() == 3) {
      status = readFieldShape(entry.items[2], field.name, &field.shape);
      if (!status.ok()) return status;
    }
    uint64_t size = field.type.itemsize;
    for (uint64_t dim : field.shape) {
      if (!multiplySafe(size, dim, &size)) return badDescr(whole_, "field " + quoteForMessage(field.name) + " is larger than 2^53 - 1 bytes");
    }
    // NumPy drops unnamed plain void fields: they are the padding descr writes for gaps.
    const bool padding = field.name.empty() && !field.type.structured && field.type.scalar.id == DTypeId::kVoid;
    if (!padding) {
      for (const NpyField& other : record->fields) {
        if (other.name == field.name) return badDescr(whole_, "the field name " + quoteForMessage(field.name) + " appears twice");
      }
      field.offset = *offset;
      record->hasObject = record->hasObject || field.type.hasObject;
      record->fields.push_back(std::move(field));
    }
    if (size > kMaxSafe - *offset) return badDescr(whole_, "the record is larger than 2^53 - 1 bytes");
    *offset += size;
    return NpyStatus();
  }

  NpyStatus readFields(const PyValue& descr, NpyDType* out) {
    if (descr.items.empty()) return badDescr(whole_, "a record needs at least one field");
    out->structured = true;
    uint64_t offset = 0;
    for (const PyValue& entry : descr.items) {
      const NpyStatus status = readField(entry, &offset, out);
      if (!status.ok()) return status;
    }
    if (offset == 0) return badDescr(whole_, "a record of 0 bytes holds no data");
    out->itemsize = offset;
    return NpyStatus();
  }

  const PyValue& whole_;
};

const PyValue* dictValue(const PyValue& dict, std::string_view key) {
  const PyValue* found = nullptr;
  // Python keeps the last of repeated keys.
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    const PyValue& k = dict.items[i];
    if (k.kind == PyValue::Kind::kStr && k.text == key) found = &dict.items[i + 1];
  }
  return found;
}

// NumPy compares the key set with {'descr', 'fortran_order', 'shape'}.
bool hasExactlyTheKeys(const PyValue& dict) {
  static const char* const expected[] = {"descr", "fortran_order", "shape"};
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    const PyValue& key = dict.items[i];
    if (key.kind != PyValue::Kind::kStr) return false;
    bool known = false;
    for (const char* name : expected) known = known || key.text == name;
    if (!known) return false;
  }
  for (const char* name : expected) {
    if (dictValue(dict, name) == nullptr) return false;
  }
  return true;
}

std::string keysRepr(const PyValue& dict) {
  PyValue keys;
  keys.kind = PyValue::Kind::kList;
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) keys.items.push_back(dict.items[i]);
  return pyRepr(keys);
}

NpyStatus readShape(const PyValue& shape, NpyHeader* out) {
  const std::string invalid = "shape is not valid: " + pyRepr(shape);
  if (shape.kind != PyValue::Kind::kTuple) return NpyStatus::invalid(invalid + " (expected a tuple of ints)");
  if (shape.items.size() > static_cast<size_t>(kMaxDims)) {
    return NpyStatus::invalid(invalid + " (" + std::to_string(shape.items.size()) + " dimensions; at most " + std::to_string(kMaxDims) + " are allowed)");
  }
  uint64_t count = 1;
  bool countOverflow = false;
  for (const PyValue& dim : shape.items) {
    uint64_t n = 0;
    if (dim.kind != PyValue::Kind::kInt && dim.kind != PyValue::Kind::kBool) return NpyStatus::invalid(invalid + " (expected a tuple of ints)");
    if (dim.kind == PyValue::Kind::kInt && dim.negative) return NpyStatus::invalid(invalid + " (negative dimensions are not allowed)");
    if (!pyIntToUint64(dim, &n) || n > kMaxSafe) return NpyStatus::invalid(invalid + " (a dimension is larger than 2^53 - 1)");
    out->shape.push_back(n);
    if (!multiplySafe(count, n, &count)) countOverflow = true;
  }
  // (2^60, 0) holds no elements: the product only overflows when no dimension is 0.
  for (uint64_t n : out->shape) {
    if (n == 0) {
      count = 0;
      countOverflow = false;
    }
  }
  if (countOverflow) return NpyStatus::invalid(invalid + " (more than 2^53 - 1 elements)");
  out->elementCount = count;
  return NpyStatus();
}

}  // namespace

NpyStatus readNpyPrefix(const uint8_t* bytes, size_t available, uint64_t maxHeaderSize, NpyPrefix* out) {
  static const uint8_t magic[kNpyMagicLength] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  const size_t magicSeen = available < kNpyMagicLength ? available : kNpyMagicLength;
  if (std::memcmp(bytes, magic, magicSeen) != 0) {
    return NpyStatus::invalid("not a .npy file: expected the magic string b'\\x93NUMPY', got " + bytesRepr(bytes, magicSeen));
  }
  if (available < kNpyMagicLength + 2) {
    return NpyStatus::invalid("truncated .npy file: expected at least 8 bytes (magic string and version), got " + std::to_string(available));
  }
  out->major = bytes[6];
  out->minor = bytes[7];
  if (!((out->major == 1 || out->major == 2 || out->major == 3) && out->minor == 0)) {
    return NpyStatus::invalid("unsupported .npy format version (" + std::to_string(out->major) + ", " + std::to_string(out->minor) +
                              "): expected (1, 0), (2, 0) or (3, 0)");
  }
  const size_t lengthBytes = out->major == 1 ? 2 : 4;
  if (available < 8 + lengthBytes) {
    return NpyStatus::invalid("truncated .npy file: expected " + std::to_string(8 + lengthBytes) + " bytes of magic string, version and header length, got " +
                              std::to_string(available));
  }
  uint64_t length = 0;
  for (size_t i = 0; i < lengthBytes; ++i) length |= static_cast<uint64_t>(bytes[8 + i]) << (8 * i);
  if (length > maxHeaderSize) {
    return NpyStatus::invalid("the .npy header is " + std::to_string(length) + " bytes, more than maxHeaderSize (" + std::to_string(maxHeaderSize) +
                              "); raise maxHeaderSize to read it if you trust the file");
  }
  out->headerOffset = 8 + lengthBytes;
  out->headerLength = length;
  out->dataOffset = out->headerOffset + length;
  return NpyStatus();
}

NpyStatus parseNpyHeader(std::string_view header, uint8_t major, NpyHeader* out) {
  const std::string text = major >= 3 ? std::string(header) : latin1ToUtf8(header);
  PyValue dict;
  LiteralError error;
  if (!parsePyLiteral(text, major <= 2, &dict, &error)) {
    return NpyStatus::invalid("Cannot parse header: " + quoteForMessage(text, '"') + " (" + error.message + " at byte " + std::to_string(error.position) + ")");
  }
  if (dict.kind != PyValue::Kind::kDict) return NpyStatus::invalid("Header is not a dictionary: " + pyRepr(dict));
  if (!hasExactlyTheKeys(dict)) {
    return NpyStatus::invalid("Header does not contain the correct keys: " + keysRepr(dict) + " (expected exactly 'descr', 'fortran_order', 'shape')");
  }
  const PyValue& fortran = *dictValue(dict, "fortran_order");
  if (fortran.kind != PyValue::Kind::kBool) return NpyStatus::invalid("fortran_order is not a valid bool: " + pyRepr(fortran));
  out->fortranOrder = fortran.boolean;
  NpyStatus status = readShape(*dictValue(dict, "shape"), out);
  if (!status.ok()) return status;
  const PyValue& descr = *dictValue(dict, "descr");
  DescrReader reader(descr);
  status = reader.read(descr, &out->dtype);
  if (!status.ok()) return status;
  if (out->dtype.hasObject) {
    out->dataBytes = 0;
  } else if (!multiplySafe(out->elementCount, out->dtype.itemsize, &out->dataBytes)) {
    return NpyStatus::invalid("shape is not valid: " + pyRepr(*dictValue(dict, "shape")) + " (the data would be more than 2^53 - 1 bytes)");
  }
  return NpyStatus();
}

}  // namespace ndinterop::io
