// PEP 3118 buffer format strings ('<d', '=q', '3i', 'T{<i:a:xxxx<d:b:}'),
// read the way NumPy reads a buffer (np.asarray(memoryview)): prefixes
// '@ = < > ^ !', native sizes and alignment under '@' and '^' versus standard
// sizes under '< > = !', repeat counts and '(2,3)' sub-arrays, '?bBhHiIlLqQefdg',
// 'Zf Zd Zg', 'c', 's' (bytes), 'w' (UCS-4), 'O', 'x' padding, and 'T{...}'
// structs with ':name:' fields. Parsers report the characters consumed: all
// on success, the ones before the offending character on failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/dtype/typestr.h"

namespace ndinterop {

struct FormatField;

// One item of a format: a scalar or a struct, possibly repeated as a sub-array.
struct FormatItem {
  bool isStruct = false;
  ScalarType scalar;               // when !isStruct
  std::vector<FormatField> fields;  // when isStruct: in format order, offsets from the struct start
  uint64_t elementSize = 0;        // bytes of one scalar or one struct
  std::vector<uint64_t> shape;     // sub-array dimensions, outermost first; empty for none
  // A scalar's natural alignment; for a struct, the least common multiple of
  // its '@' (aligned) members, 1 when it has none (what '@' pads to).
  uint32_t alignment = 1;

  uint64_t itemsize() const {
    uint64_t size = elementSize;
    for (uint64_t dim : shape) size *= dim;
    return size;
  }
};

struct FormatField {
  std::string name;  // unnamed fields get NumPy's 'f0', 'f1', ... (first unused)
  uint64_t offset = 0;
  FormatItem item;
};

// Parses a whole format. A format that is one unnamed item at offset 0 comes
// back as that item ('<d' is a scalar, '3i' a scalar with shape {3}); anything
// else is a struct. On failure: kInvalidBufferFormat, message "expected a PEP
// 3118 buffer format like '<d' or 'T{i:a:d:b:}', got ... (at character N: ...)".
Status parseBufferFormat(std::string_view format, FormatItem* out, size_t* consumed);

}  // namespace ndinterop
