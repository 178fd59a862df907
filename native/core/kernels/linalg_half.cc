// The matrix-product loops of float16 and bfloat16 (see linalg_product.h).
#include "core/kernels/linalg_product.h"

namespace ndinterop::ufunc {

void addHalfProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  addProductLoops<Half, BFloat16>(loops);
}

}  // namespace ndinterop::ufunc
