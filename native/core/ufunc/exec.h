// Runs one loop of one ufunc over a broadcast shape and reports the
// floating-point exceptions it raised, the way NumPy's npy_get_floatstatus
// does, so the JS layer can apply seterr.
#pragma once

#include <cstddef>
#include <vector>

#include "core/dtype/table.h"
#include "core/ufunc/iter.h"
#include "core/base/status.h"
#include "core/ufunc/fp_flags.h"
#include "core/ufunc/table.h"

namespace ndinterop::ufunc {

// An input stored in another dtype than its loop's: the engine converts it
// chunk by chunk (fused casting) instead of the caller making a converted
// copy. The cast runs with NumPy's C-cast semantics (core/ufunc/cast.h); its
// floating-point flags join the loop's, so callers fuse only casts that raise
// none (NumPy's 'safe' casts).
struct InputCast {
  bool active = false;
  DTypeId from = DTypeId::kFloat64;
  bool byteSwapped = false;
};

// `operands`: inputs then outputs, each with shape.size() strides, holding
// exactly the dtypes of loop `loopIndex` (inputs: unless `casts[i]` is active,
// then dtype casts[i].from). `where` (optional) is a bool mask broadcast to
// `shape`; elements where it is false are left untouched. Callers have
// checked that every operand stays inside its memory. Outputs much larger
// than the caches are written with non-temporal stores when no input shares
// their memory.
Status exec(const UfuncInfo& info, size_t loopIndex, std::vector<IterOperand> operands,
            const std::vector<ptrdiff_t>& shape, const IterOperand* where, int* flags,
            const std::vector<InputCast>& casts = {});

// Work below this many elements runs on the calling thread; from it on, a
// loop may be split across the pool (core/base/parallel.h) or streamed.
constexpr size_t kDirectElements = size_t{1} << 17;

// Loop `loopIndex` of `info` as one direct call over `elements` elements
// (fewer than kDirectElements): data[k] and steps[k] per operand, inputs then
// outputs, each holding its loop dtype; no mask, no casts. The form exec()
// itself takes for operands that each walk the shape in C order or repeat one
// element, without building operand vectors. Callers have checked every
// operand against its memory and the loop index against the ufunc.
void execDirect(const UfuncInfo& info, size_t loopIndex, char* const* data, const ptrdiff_t* steps, size_t elements,
                int* flags);

// The dtype a loop signature character stands for ('d' -> float64, 'E' ->
// bfloat16, 'l'/'q' -> int64, ...).
DTypeId loopCharDType(char c);

}  // namespace ndinterop::ufunc
