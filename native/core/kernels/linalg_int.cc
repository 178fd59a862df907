// The matrix-product loops of the 16-, 32- and 64-bit integers (see linalg_product.h).
#include "core/kernels/linalg_product.h"

namespace ndinterop::ufunc {

void addIntProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  addProductLoops<int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t>(loops);
}

}  // namespace ndinterop::ufunc
