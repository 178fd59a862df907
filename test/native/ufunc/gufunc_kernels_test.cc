// Core tests of the matrix-product kernels behind matmul, vecdot, matvec and
// vecmat, without N-API: every NumPy signature has a kernel, hand-computed
// products (wrapping integers, bool, conjugation), strided batches, and the
// blocked path agreeing exactly with the in-order sum for integers.
#include <complex>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "check.h"
#include "core/ufunc/gufunc_table.h"
#include "core/ufunc/exec.h"

using namespace ndinterop;
using namespace ndinterop::ufunc;

namespace {

size_t loopIndex(const GufuncInfo& info, const std::string& types) {
  for (size_t i = 0; i < info.loops.size(); ++i) {
    if (info.loops[i].types == types) return i;
  }
  return info.loops.size();
}

// Row-major (n x k) @ (k x m) of contiguous T, one batch.
template <class T>
int product(const char* name, const char* types, std::vector<T>& a, std::vector<T>& b, std::vector<T>& out,
            ptrdiff_t n, ptrdiff_t k, ptrdiff_t m) {
  const GufuncInfo& info = *findGufunc(name);
  const ptrdiff_t s = sizeof(T);
  ProductBatch batch{{},
                     n,
                     k,
                     m,
                     {reinterpret_cast<char*>(a.data()), {}, k * s, s},
                     {reinterpret_cast<char*>(b.data()), {}, m * s, s},
                     {reinterpret_cast<char*>(out.data()), {}, m * s, s},
                     info.conjugatesFirst};
  int flags = -1;
  CHECK(execProduct(info, loopIndex(info, types), batch, &flags).ok());
  return flags;
}

}  // namespace

TEST(every_numpy_gufunc_signature_has_a_kernel) {
  const std::vector<std::string> missing = missingProductLoops();
  for (const std::string& loop : missing) std::printf("  missing kernel %s\n", loop.c_str());
  CHECK(missing.empty());
  CHECK(gufuncTable().size() == 4);
  CHECK(findGufunc("matmul")->signature == "(n?,k),(k,m?)->(n?,m?)");
  CHECK(findGufunc("vecdot")->conjugatesFirst && findGufunc("vecmat")->conjugatesFirst);
  CHECK(!findGufunc("matmul")->conjugatesFirst && !findGufunc("matvec")->conjugatesFirst);
  CHECK(loopIndex(*findGufunc("matmul"), "EE->E") == loopIndex(*findGufunc("matmul"), "ee->e") + 1);
}

TEST(int8_products_wrap) {
  // 3 * 100 * 100 = 30000 = 48 (mod 256), as np.matmul gives.
  std::vector<int8_t> a = {100, 100, 100}, b = {100, 100, 100}, out(1);
  CHECK(product("matmul", "bb->b", a, b, out, 1, 3, 1) == 0);
  CHECK(out[0] == 48);
}

TEST(bool_products_are_or_of_ands) {
  std::vector<uint8_t> a = {1, 0, 0, 1}, b = {0, 1, 0, 0}, out(4, 7);
  product("matmul", "\?\?->\?", a, b, out, 2, 2, 2);
  // [[1,0],[0,1]] @ [[0,1],[0,0]] = [[0,1],[0,0]]
  const std::vector<uint8_t> expected = {0, 1, 0, 0};
  CHECK(out == expected);
}

TEST(vecdot_conjugates_the_first_vector) {
  using C = std::complex<double>;
  std::vector<C> a = {{1, 2}, {0, 3}}, b = {{0, 1}, {1, 0}}, out(1);
  product("vecdot", "DD->D", a, b, out, 1, 2, 1);
  CHECK(out[0] == C(2, -2));
  product("matmul", "DD->D", a, b, out, 1, 2, 1);
  CHECK(out[0] == C(-2, 4));
}

TEST(empty_inner_dimension_gives_zeros) {
  std::vector<double> a, b, out(6, 5.0);
  product("matmul", "dd->d", a, b, out, 2, 0, 3);
  CHECK(out == std::vector<double>(6, 0.0));
}

TEST(blocked_path_matches_in_order_sums_for_integers) {
  // Large enough for packing and several k blocks; int64 sums wrap exactly.
  const ptrdiff_t n = 37, k = 300, m = 29;
  std::vector<int64_t> a(n * k), b(k * m), out(n * m);
  for (ptrdiff_t i = 0; i < n * k; ++i) a[i] = (i * 7919) % 1000 - 500;
  for (ptrdiff_t i = 0; i < k * m; ++i) b[i] = (i * 104729) % 777 - 300;
  product("matmul", "qq->q", a, b, out, n, k, m);
  for (ptrdiff_t i = 0; i < n; ++i) {
    for (ptrdiff_t j = 0; j < m; ++j) {
      int64_t sum = 0;
      for (ptrdiff_t p = 0; p < k; ++p) sum += a[i * k + p] * b[p * m + j];
      CHECK(out[i * m + j] == sum);
    }
  }
}

TEST(batches_walk_loop_strides_including_broadcast) {
  // Two 1x2 @ 2x1 products; B is broadcast (loop stride 0).
  std::vector<double> a = {1, 2, 3, 4}, b = {10, 100}, out(2);
  const GufuncInfo& info = *findGufunc("matmul");
  ProductBatch batch{{2}, 1, 2, 1,
                     {reinterpret_cast<char*>(a.data()), {16}, 16, 8},
                     {reinterpret_cast<char*>(b.data()), {0}, 8, 8},
                     {reinterpret_cast<char*>(out.data()), {8}, 8, 8},
                     false};
  int flags = -1;
  CHECK(execProduct(info, loopIndex(info, "dd->d"), batch, &flags).ok());
  CHECK(out[0] == 210 && out[1] == 430);
  CHECK(!execProduct(info, info.loops.size(), batch, &flags).ok());
}

TEST(invalid_products_raise_floating_point_flags) {
  std::vector<double> a = {std::numeric_limits<double>::infinity(), 1}, b = {0, 1}, out(1);
  CHECK(product("matmul", "dd->d", a, b, out, 1, 2, 1) == kFpInvalid);
}
TEST_MAIN()
