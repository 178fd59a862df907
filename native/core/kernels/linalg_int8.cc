// The matrix-product loops of bool, int8 and uint8 (see linalg_product.h).
#include "core/kernels/linalg_product.h"

namespace ndinterop::ufunc {

void addInt8ProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  addProductLoops<bool, int8_t, uint8_t>(loops);
}

}  // namespace ndinterop::ufunc
