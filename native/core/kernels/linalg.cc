// The lookup of the matrix-product loops behind matmul, vecdot, matvec and
// vecmat. The kernels are in linalg_product.h; linalg_int8.cc, linalg_int.cc,
// linalg_half.cc, linalg_float.cc and linalg_long.cc instantiate them, a few dtypes each, so
// that a parallel build compiles them side by side.
#include <string>
#include <unordered_map>

#include "core/kernels/linalg_product.h"

namespace ndinterop::ufunc {

ProductLoop findProductLoop(std::string_view types) {
  static const std::unordered_map<std::string, ProductLoop> loops = [] {
    std::unordered_map<std::string, ProductLoop> built;
    addInt8ProductLoops(built);
    addIntProductLoops(built);
    addHalfProductLoops(built);
    addFloatProductLoops(built);
    addLongProductLoops(built);
    return built;
  }();
  auto found = loops.find(std::string(types));
  return found == loops.end() ? nullptr : found->second;
}

}  // namespace ndinterop::ufunc
