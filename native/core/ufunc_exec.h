// Runs one loop of one ufunc over a broadcast shape and reports the
// floating-point exceptions it raised, the way NumPy's npy_get_floatstatus
// does, so the JS layer can apply seterr.
#pragma once

#include <cstddef>
#include <vector>

#include "core/iter.h"
#include "core/status.h"
#include "core/ufunc_registry.h"

namespace ndinterop::ufunc {

// Bits of the flag mask returned to JS.
enum FpFlag : int { kFpDivideByZero = 1, kFpOverflow = 2, kFpUnderflow = 4, kFpInvalid = 8 };

void clearFpFlags();
int readFpFlags();

// `operands`: inputs then outputs, each with shape.size() strides, holding
// exactly the dtypes of loop `loopIndex`. `where` (optional) is a bool mask
// broadcast to `shape`; elements where it is false are left untouched.
// Callers have checked that every operand stays inside its memory.
Status exec(const UfuncInfo& info, size_t loopIndex, std::vector<IterOperand> operands,
            const std::vector<ptrdiff_t>& shape, const IterOperand* where, int* flags);

}  // namespace ndinterop::ufunc
