// The generalized ufuncs of NumPy 2.4 (matmul, vecdot, matvec, vecmat) and
// how they run. All four are one batched, strided matrix product
//
//   out[i][j] = sum over p of op(A[i][p]) * B[p][j]      (p = 0, 1, ... in order)
//
// with op = complex conjugation for vecdot and vecmat, identity otherwise:
//
//   matmul (n?,k),(k,m?)->(n?,m?)   A: n x k       B: k x m       out: n x m
//   vecdot (n),(n)->()              A: 1 x n       B: n x 1       out: 1 x 1
//   matvec (m,n),(n)->(m)           A: m x n       B: n x 1       out: m x 1
//   vecmat (n),(n,m)->(m)           A: 1 x n       B: n x m       out: 1 x m
//
// The JS layer (src/ufunc/gufunc.ts) maps each gufunc's core dimensions onto that
// form (a missing dimension has size 1 and stride 0), so the kernels
// (core/kernels/linalg.cc) know a single shape. Loop signatures come from NumPy
// (scripts/gen-ufunc-types.py --gufuncs -> gufunc_table_types.inc), with a
// bfloat16 ('E') loop after the float16 one, as in the elementwise table.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace ndinterop::ufunc {

// One operand of a batch: where its first element is, its byte strides along
// the loop (batch) dimensions, and its byte strides along the two core axes.
struct ProductOperand {
  char* data;
  std::vector<ptrdiff_t> loopStrides;  // one per loop dimension; 0 where broadcast
  ptrdiff_t rowStride;
  ptrdiff_t colStride;
};

// `rows` x `inner` times `inner` x `cols`, once per index of `loopShape`.
// Every operand stays inside its memory (checked by the caller); `out` does
// not overlap `a` or `b` (the caller copies inputs that would).
struct ProductBatch {
  std::vector<ptrdiff_t> loopShape;
  ptrdiff_t rows;
  ptrdiff_t inner;
  ptrdiff_t cols;
  ProductOperand a;
  ProductOperand b;
  ProductOperand out;
  bool conjugateA;
};

// Runs the whole batch for one dtype loop (on several threads when it is
// large); returns the FpFlag bits raised (core/ufunc/fp_flags.h).
using ProductLoop = int (*)(const ProductBatch& batch);

struct ProductLoopEntry {
  std::string types;  // NumPy's form: "dd->d"
  ProductLoop function;
};

struct GufuncInfo {
  std::string name;
  int nin;
  int nout;
  std::string signature;  // NumPy's core signature: "(n?,k),(k,m?)->(n?,m?)"
  bool conjugatesFirst;   // vecdot, vecmat
  std::vector<ProductLoopEntry> loops;
};

// Built once, on first use; thread-safe (function-local static).
const std::vector<GufuncInfo>& gufuncTable();
const GufuncInfo* findGufunc(std::string_view name);
// NumPy signatures from gufunc_table_types.inc with no kernel; empty when complete.
std::vector<std::string> missingProductLoops();

// The kernel for a "TT->T" signature, or nullptr (core/kernels/linalg.cc).
ProductLoop findProductLoop(std::string_view types);

// Runs loop `loopIndex` of `info` over `batch`; `flags` gets the FpFlag
// bits raised (core/ufunc/fp_flags.h).
Status execProduct(const GufuncInfo& info, size_t loopIndex, const ProductBatch& batch, int* flags);

}  // namespace ndinterop::ufunc
