// The hand-written register-tile kernels of the blocked float and double
// matrix product (linalg_product.h packs the blocks and calls them; their
// code is in linalg_gemm.cc, built once with per-function target attributes).
//
// A block kernel multiplies one packed block of A (mc rows, in panels of
// `rows` rows, each row kGemmDepth elements apart: panel q, at
// q*rows*kGemmDepth, holds A[q*rows + r][p] at r*kGemmDepth + p, so packing
// copies rows as they are) by one packed block of B (nc columns, in panels of `cols` columns: panel q
// holds B[p][q*cols + j] at p*cols + j), kc deep, and adds the result into
// C (row length ldc) or, when `first`, writes it there. Each element of C
// sums its products in order p = 0, 1, ..., kc-1 onto what C held, with one
// fused multiply-add per product, so the result is the same for every
// kernel, every block size and every thread split. Only the real elements
// of partial tiles are computed: no padding lane ever meets a real value, so
// the floating-point flags raised are those of the true products and sums.
#ifndef NDINTEROP_CORE_KERNELS_LINALG_GEMM_H
#define NDINTEROP_CORE_KERNELS_LINALG_GEMM_H

#include <cstddef>

namespace ndinterop::ufunc {

// The depth of the packed blocks (kc is at most this), and the distance of
// the rows of a packed A panel: a constant, so each of a tile's rows is a
// fixed displacement from one pointer.
constexpr ptrdiff_t kGemmDepth = 256;

template <class T>
struct GemmKernel {
  // The register tile (and so the packing panels): rows of A x columns of B.
  ptrdiff_t rows;
  ptrdiff_t cols;
  // Rows of A per packed block: a multiple of `rows`, sized for the L2 cache.
  ptrdiff_t blockRows;
  void (*block)(ptrdiff_t kc, ptrdiff_t mc, ptrdiff_t nc, const T* aPack, const T* bPack, T* c, ptrdiff_t ldc,
                bool first);
  const char* name;  // "avx512", "avx2", for tests and benchmarks
  // Whether packed A is laid out as above (else p-major: A[q*rows + r][p] at
  // q*rows*kc + p*rows + r, the portable tiles' layout).
  bool aRowsApart;
};

// The instruction sets this CPU runs, read once: AVX-512 (F, DQ, VL) with
// FMA, AVX2 with FMA, or neither (and always neither off x86-64).
// NDINTEROP_CPU_LEVEL caps it ("generic", "avx2"), so tests reach every level.
enum class CpuLevel { kGeneric, kAvx2, kAvx512 };
CpuLevel cpuLevel();

// The best kernel this CPU runs, chosen once, or nullptr where none applies
// (no AVX2+FMA, another architecture, or NDINTEROP_CPU_LEVEL=generic): the
// caller then uses its portable tiles. NDINTEROP_CPU_LEVEL=avx2 caps the
// choice at AVX2 on an AVX-512 machine, so tests can reach that kernel.
const GemmKernel<double>* gemmKernelDouble();
const GemmKernel<float>* gemmKernelFloat();

}  // namespace ndinterop::ufunc

#endif  // NDINTEROP_CORE_KERNELS_LINALG_GEMM_H
