// Elementwise casts between the numeric dtypes with NumPy's C-cast semantics:
// integers wrap, float -> integer converts like NumPy's compiled casts on
// x86-64 (see cast_convert.h), complex -> real keeps the real part, anything
// -> bool tests for nonzero, and narrowing float casts round to nearest even
// (float64 -> float16/bfloat16 in one rounding). Either side may be stored
// byte-swapped.
#pragma once

#include <cstddef>
#include <vector>

#include "core/dtype/table.h"
#include "core/ufunc/iter.h"
#include "core/base/status.h"
#include "core/ufunc/loop.h"

namespace ndinterop {

struct CastOperand {
  IterOperand memory;
  DTypeId dtype;
  bool byteSwapped;
};

// One cast between two dtypes, ready to run on rows: what castExec runs, and
// what the ufunc engine runs to convert inputs chunk by chunk (fused casts).
struct CastStep {
  ufunc::InnerLoop loop;
  size_t sourceItemsize, destinationItemsize;
  bool swapSource, swapDestination, sourceComplex, destinationComplex;
};

// Both dtypes must be castable (isCastable).
CastStep makeCastStep(DTypeId from, bool fromSwapped, DTypeId to, bool toSwapped);

// Casts `count` elements from data[0] (stride steps[0]) to data[1] (steps[1]).
void runCastStep(const CastStep& step, char* const* data, ptrdiff_t count, const ptrdiff_t* steps);

// runCastStep over `count` elements that each side walks contiguously or
// repeats (steps of 0), with the floating-point flags cleared first; returns
// the ufunc::FpFlag bits raised. From kCastSplitElements elements on, the
// work is cut into chunks shared with the pool's threads (a cast is a
// stream through memory: two cores move more of it than one).
inline constexpr size_t kCastSplitElements = size_t{1} << 18;
int castDirect(const CastStep& step, char* const* data, const ptrdiff_t* steps, size_t count);

// Reports the raised floating-point exceptions in `flags` (ufunc::FpFlag bits).
Status castExec(const CastOperand& source, const CastOperand& destination, const std::vector<ptrdiff_t>& shape,
                int* flags);

bool isCastable(DTypeId id);

}  // namespace ndinterop
