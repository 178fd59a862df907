// The loops of maximum, minimum, fmax and fmin (the operations are in compare_ops.h).
#include "core/kernels/compare_ops.h"

namespace ndinterop::ufunc {

void registerExtremumLoops(LoopRegistry& r) {
  addExtremum<MaximumOp, FirstOnTieMaximumOp, ComplexMaximumOp>(r, "maximum");
  addExtremum<MinimumOp, FirstOnTieMinimumOp, ComplexMinimumOp>(r, "minimum");
  addExtremum<FmaxOp, FmaxOp, ComplexFmaxOp>(r, "fmax");
  addExtremum<FminOp, FminOp, ComplexFminOp>(r, "fmin");
}

}  // namespace ndinterop::ufunc
