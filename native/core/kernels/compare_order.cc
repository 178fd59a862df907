// The loops of less, less_equal, greater and greater_equal (the operations are in compare_ops.h).
#include "core/kernels/compare_ops.h"

namespace ndinterop::ufunc {

void registerOrderingLoops(LoopRegistry& r) {
  addComparison<LessOp, PlainLess>(r, "less");
  addComparison<LessEqualOp, PlainLessEqual>(r, "less_equal");
  addComparison<GreaterOp, PlainGreater>(r, "greater");
  addComparison<GreaterEqualOp, PlainGreaterEqual>(r, "greater_equal");
}

}  // namespace ndinterop::ufunc
