// Comparisons, logical ops, maximum/minimum/fmax/fmin and the float
// classification ufuncs (isnan, isinf, isfinite, signbit). Float comparisons
// and classifications work on the bits, since SIMD compares (and `==` on a
// signalling NaN) raise "invalid": NaN operands give false and raise nothing,
// as in NumPy. Complex values order lexicographically (real part first).
//
// The element operations are in compare_ops.h; this file registers equal and
// not_equal and the longdouble loops, compare_order.cc, compare_logical.cc and
// compare_extremum.cc the rest.
#include "core/kernels/compare_ops.h"

namespace ndinterop::ufunc {

void registerComparisonLoops(LoopRegistry& r) {
  registerEqualityLoops(r);
  registerOrderingLoops(r);
  registerLogicalLoops(r);
  registerExtremumLoops(r);
}

void registerEqualityLoops(LoopRegistry& r) {
  addComparison<EqualOp, PlainEqual>(r, "equal");
  addComparison<NotEqualOp, PlainNotEqual>(r, "not_equal");
}

// longdouble ('g') and clongdouble ('G').
void registerComparisonLongDoubleLoops(LoopRegistry& r) {
  addBinaryTo<EqualOp, bool, long double, ComplexLong>(r, "equal");
  addBinaryTo<NotEqualOp, bool, long double, ComplexLong>(r, "not_equal");
  addBinaryTo<LessOp, bool, long double, ComplexLong>(r, "less");
  addBinaryTo<LessEqualOp, bool, long double, ComplexLong>(r, "less_equal");
  addBinaryTo<GreaterOp, bool, long double, ComplexLong>(r, "greater");
  addBinaryTo<GreaterEqualOp, bool, long double, ComplexLong>(r, "greater_equal");
  addBinaryTo<LogicalAndOp, bool, long double, ComplexLong>(r, "logical_and");
  addBinaryTo<LogicalOrOp, bool, long double, ComplexLong>(r, "logical_or");
  addBinaryTo<LogicalXorOp, bool, long double, ComplexLong>(r, "logical_xor");
  addUnaryTo<LogicalNotOp, bool, long double, ComplexLong>(r, "logical_not");
  addUnaryTo<IsNanOp, bool, long double, ComplexLong>(r, "isnan");
  addUnaryTo<IsInfOp, bool, long double, ComplexLong>(r, "isinf");
  addUnaryTo<IsFiniteOp, bool, long double, ComplexLong>(r, "isfinite");
  addUnaryTo<SignbitOp, bool, long double>(r, "signbit");
  addBinary<FirstOnTieMaximumOp, long double>(r, "maximum");
  addBinary<FirstOnTieMinimumOp, long double>(r, "minimum");
  addBinary<FmaxOp, long double>(r, "fmax");
  addBinary<FminOp, long double>(r, "fmin");
  addBinary<ComplexMaximumOp, ComplexLong>(r, "maximum");
  addBinary<ComplexMinimumOp, ComplexLong>(r, "minimum");
  addBinary<ComplexFmaxOp, ComplexLong>(r, "fmax");
  addBinary<ComplexFminOp, ComplexLong>(r, "fmin");
}

}  // namespace ndinterop::ufunc
