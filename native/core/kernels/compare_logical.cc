// The loops of logical_and, logical_or, logical_xor, logical_not, isnan,
// isinf, isfinite and signbit (the operations are in compare_ops.h).
#include "core/kernels/compare_ops.h"

namespace ndinterop::ufunc {

void registerLogicalLoops(LoopRegistry& r) {
  addLogical<LogicalAndOp>(r, "logical_and");
  addLogical<LogicalOrOp>(r, "logical_or");
  addLogical<LogicalXorOp>(r, "logical_xor");
  addClassifier<LogicalNotOp>(r, "logical_not");
  addClassifier<IsNanOp>(r, "isnan");
  addClassifier<IsInfOp>(r, "isinf");
  addClassifier<IsFiniteOp>(r, "isfinite");
  addUnaryTo<SignbitOp, bool, Half, BFloat16, float, double>(r, "signbit");
}

}  // namespace ndinterop::ufunc
