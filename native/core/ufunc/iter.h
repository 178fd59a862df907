// The n-d iterator behind ufuncExec and castExec: runs a 1-d inner loop over
// every element of a broadcast shape. It orders dimensions so the one with
// the smallest strides is innermost (outputs decide first, then inputs),
// merges dimensions that every operand walks contiguously into one, and calls
// the inner loop once per remaining row.
#pragma once

#include <cstddef>
#include <vector>

#include "core/ufunc/loop.h"

namespace ndinterop {

struct IterOperand {
  char* data;                      // first element
  std::vector<ptrdiff_t> strides;  // bytes, one per dimension of the shape (0 where broadcast)
};

// Called once per row of `count` elements. `data` and `steps` hold one entry
// per operand, in the order given to iterate().
using RowFunction = void (*)(void* context, char* const* data, ptrdiff_t count, const ptrdiff_t* steps);

// `priority` lists operand indices in the order their strides decide the
// dimension order (NumPy lets outputs decide first).
void iterate(std::vector<IterOperand> operands, const std::vector<ptrdiff_t>& shape,
             const std::vector<int>& priority, RowFunction row, void* context);

}  // namespace ndinterop
