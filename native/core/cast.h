// Elementwise casts between the numeric dtypes with NumPy's C-cast semantics:
// integers wrap, float -> integer converts like NumPy's compiled casts on
// x86-64 (see cast_convert.h), complex -> real keeps the real part, anything
// -> bool tests for nonzero, and narrowing float casts round to nearest even
// (float64 -> float16/bfloat16 in one rounding). Either side may be stored
// byte-swapped.
#pragma once

#include <cstddef>
#include <vector>

#include "core/dtype_table.h"
#include "core/iter.h"
#include "core/status.h"

namespace ndinterop {

struct CastOperand {
  IterOperand memory;
  DTypeId dtype;
  bool byteSwapped;
};

// Reports the raised floating-point exceptions in `flags` (ufunc::FpFlag bits).
Status castExec(const CastOperand& source, const CastOperand& destination, const std::vector<ptrdiff_t>& shape,
                int* flags);

bool isCastable(DTypeId id);

}  // namespace ndinterop
