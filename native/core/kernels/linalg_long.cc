// The matrix-product loops of longdouble and clongdouble (see
// linalg_product.h): x87 extended precision, summed in long double.
#include "core/kernels/linalg_product.h"

namespace ndinterop::ufunc {

void addLongProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  addProductLoops<long double, ComplexLong>(loops);
}

}  // namespace ndinterop::ufunc
