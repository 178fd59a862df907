// The matrix-product loops of float32, float64, complex64 and complex128 (see linalg_product.h).
#include "core/kernels/linalg_product.h"

namespace ndinterop::ufunc {

void addFloatProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  addProductLoops<float, double, Complex64, Complex128>(loops);
}

}  // namespace ndinterop::ufunc
