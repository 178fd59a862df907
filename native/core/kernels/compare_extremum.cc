// The loops of maximum, minimum, fmax and fmin (the operations are in compare_ops.h).
#include "core/kernels/compare_ops.h"

namespace ndinterop::ufunc {

void registerExtremumLoops(LoopRegistry& r) {
  addExtremum<MaximumOp, HalfMaximumOp, ComplexMaximumOp>(r, "maximum");
  addExtremum<MinimumOp, HalfMinimumOp, ComplexMinimumOp>(r, "minimum");
  addExtremum<FmaxOp, FmaxOp, ComplexFmaxOp>(r, "fmax");
  addExtremum<FminOp, FminOp, ComplexFminOp>(r, "fmin");
}

}  // namespace ndinterop::ufunc
