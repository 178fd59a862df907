// Register-tile kernels of the blocked float and double product, written
// with x86 intrinsics (see linalg_gemm.h for the contract). The compiler's
// own vector code for the portable tiles in linalg_product.h spills
// accumulators to the stack on AVX2 and leaves half the AVX-512 registers
// unused; these hold the whole tile in registers.
//
// Each function carries its instruction set in a target attribute, so this
// file builds with the project's baseline flags and the kernel is chosen at
// run time from what the CPU reports.
#include "core/kernels/linalg_gemm.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NDINTEROP_GEMM_X86 1
#endif

namespace ndinterop::ufunc {
namespace {

#if defined(NDINTEROP_GEMM_X86)

#define NDINTEROP_GEMM_AVX512 __attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma")))
#define NDINTEROP_GEMM_AVX2 __attribute__((target("avx2,fma")))
#define NDINTEROP_GEMM_INLINE inline __attribute__((always_inline))

// The vector operations a tile needs, per instruction set and element type.
template <class T>
struct Avx512Ops;

template <>
struct Avx512Ops<double> {
  using Vec = __m512d;
  using Mask = __mmask8;
  static constexpr ptrdiff_t kLanes = 8;
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec zero() { return _mm512_setzero_pd(); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec load(const double* p) { return _mm512_loadu_pd(p); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec loadMasked(Mask m, const double* p) { return _mm512_maskz_loadu_pd(m, p); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec broadcast(const double* p) { return _mm512_set1_pd(*p); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec fma(Vec a, Vec b, Vec c) { return _mm512_fmadd_pd(a, b, c); }
  // Lanes outside `m` keep c and raise no flags.
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec fmaMasked(Vec a, Vec b, Vec c, Mask m) {
    return _mm512_mask3_fmadd_pd(a, b, c, m);
  }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE void store(double* p, Vec v) { _mm512_storeu_pd(p, v); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE void storeMasked(double* p, Mask m, Vec v) { _mm512_mask_storeu_pd(p, m, v); }
};

template <>
struct Avx512Ops<float> {
  using Vec = __m512;
  using Mask = __mmask16;
  static constexpr ptrdiff_t kLanes = 16;
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec zero() { return _mm512_setzero_ps(); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec load(const float* p) { return _mm512_loadu_ps(p); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec loadMasked(Mask m, const float* p) { return _mm512_maskz_loadu_ps(m, p); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec broadcast(const float* p) { return _mm512_set1_ps(*p); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec fma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE Vec fmaMasked(Vec a, Vec b, Vec c, Mask m) {
    return _mm512_mask3_fmadd_ps(a, b, c, m);
  }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE void store(float* p, Vec v) { _mm512_storeu_ps(p, v); }
  NDINTEROP_GEMM_AVX512 static NDINTEROP_GEMM_INLINE void storeMasked(float* p, Mask m, Vec v) { _mm512_mask_storeu_ps(p, m, v); }
};

template <class Mask>
Mask firstLanes(ptrdiff_t count, ptrdiff_t lanes) {
  if (count <= 0) return 0;
  if (count >= lanes) return static_cast<Mask>(~0u);
  return static_cast<Mask>((1u << count) - 1);
}

// AVX-512 tile: kRows rows of two vectors each (16 doubles or 32 floats).
// With kPartialCols only the first `cols` columns are read, computed and
// written, through masks. Row r of A is at a + r * kGemmDepth.
template <class T, ptrdiff_t kRows, bool kPartialCols>
NDINTEROP_GEMM_AVX512 void avx512Tile(ptrdiff_t kc, const T* a, const T* b, T* c, ptrdiff_t ldc, bool first, ptrdiff_t cols) {
  using Ops = Avx512Ops<T>;
  using Vec = typename Ops::Vec;
  using Mask = typename Ops::Mask;
  constexpr ptrdiff_t kLanes = Ops::kLanes;
  const Mask low = firstLanes<Mask>(cols, kLanes);
  const Mask high = firstLanes<Mask>(cols - kLanes, kLanes);
  // The tile's rows of C (two cache lines each) are written at the end, and
  // read at the start when not `first`: ask for them now, so the stores and
  // loads do not wait on memory.
#pragma GCC unroll 16
  for (ptrdiff_t r = 0; r < kRows; ++r) {
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + 2 * kLanes) - 1, _MM_HINT_T0);
  }
  Vec left[kRows];
  Vec right[kRows];
#pragma GCC unroll 16
  for (ptrdiff_t r = 0; r < kRows; ++r) {
    if (first) {
      left[r] = Ops::zero();
      right[r] = Ops::zero();
    } else if (kPartialCols) {
      left[r] = Ops::loadMasked(low, c + r * ldc);
      right[r] = Ops::loadMasked(high, c + r * ldc + kLanes);
    } else {
      left[r] = Ops::load(c + r * ldc);
      right[r] = Ops::load(c + r * ldc + kLanes);
    }
  }
  for (ptrdiff_t p = 0; p < kc; ++p, ++a, b += 2 * kLanes) {
    const Vec bLeft = kPartialCols ? Ops::loadMasked(low, b) : Ops::load(b);
    const Vec bRight = kPartialCols ? Ops::loadMasked(high, b + kLanes) : Ops::load(b + kLanes);
#pragma GCC unroll 16
    for (ptrdiff_t r = 0; r < kRows; ++r) {
      const Vec x = Ops::broadcast(a + r * kGemmDepth);
      if (kPartialCols) {
        left[r] = Ops::fmaMasked(x, bLeft, left[r], low);
        right[r] = Ops::fmaMasked(x, bRight, right[r], high);
      } else {
        left[r] = Ops::fma(x, bLeft, left[r]);
        right[r] = Ops::fma(x, bRight, right[r]);
      }
    }
  }
#pragma GCC unroll 16
  for (ptrdiff_t r = 0; r < kRows; ++r) {
    if (kPartialCols) {
      Ops::storeMasked(c + r * ldc, low, left[r]);
      Ops::storeMasked(c + r * ldc + kLanes, high, right[r]);
    } else {
      Ops::store(c + r * ldc, left[r]);
      Ops::store(c + r * ldc + kLanes, right[r]);
    }
  }
}

template <class T>
using TileFunction = void (*)(ptrdiff_t kc, const T* a, const T* b, T* c, ptrdiff_t ldc, bool first, ptrdiff_t cols);

// Entry r - 1 is the tile of r rows: the bottom edge of a block.
template <class T, bool kPartialCols, size_t... Rows>
constexpr std::array<TileFunction<T>, sizeof...(Rows)> avx512Tiles(std::index_sequence<Rows...>) {
  return {&avx512Tile<T, static_cast<ptrdiff_t>(Rows) + 1, kPartialCols>...};
}

template <class T, ptrdiff_t kMR>
NDINTEROP_GEMM_AVX512 void avx512Block(ptrdiff_t kc, ptrdiff_t mc, ptrdiff_t nc, const T* aPack, const T* bPack, T* c,
                                  ptrdiff_t ldc, bool first) {
  constexpr ptrdiff_t kNR = 2 * Avx512Ops<T>::kLanes;
  static constexpr auto fullCols = avx512Tiles<T, false>(std::make_index_sequence<kMR>{});
  static constexpr auto partialCols = avx512Tiles<T, true>(std::make_index_sequence<kMR>{});
  for (ptrdiff_t jr = 0; jr < nc; jr += kNR) {
    const ptrdiff_t nr = std::min(kNR, nc - jr);
    const T* bPanel = bPack + (jr / kNR) * kc * kNR;
    for (ptrdiff_t ir = 0; ir < mc; ir += kMR) {
      const ptrdiff_t mr = std::min(kMR, mc - ir);
      const T* aPanel = aPack + ir * kGemmDepth;
      T* tile = c + ir * ldc + jr;
      if (mr == kMR && nr == kNR) avx512Tile<T, kMR, false>(kc, aPanel, bPanel, tile, ldc, first, nr);
      else (nr == kNR ? fullCols : partialCols)[static_cast<size_t>(mr - 1)](kc, aPanel, bPanel, tile, ldc, first, nr);
    }
  }
}

template <class T>
struct Avx2Ops;

template <>
struct Avx2Ops<double> {
  using Vec = __m256d;
  static constexpr ptrdiff_t kLanes = 4;
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec zero() { return _mm256_setzero_pd(); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec load(const double* p) { return _mm256_loadu_pd(p); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec broadcast(const double* p) { return _mm256_broadcast_sd(p); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec fma(Vec a, Vec b, Vec c) { return _mm256_fmadd_pd(a, b, c); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE void store(double* p, Vec v) { _mm256_storeu_pd(p, v); }
  // One element: c + a * b fused, as the vector lanes compute it.
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE double fmaScalar(double a, double b, double c) {
    return _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)));
  }
};

template <>
struct Avx2Ops<float> {
  using Vec = __m256;
  static constexpr ptrdiff_t kLanes = 8;
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec zero() { return _mm256_setzero_ps(); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec load(const float* p) { return _mm256_loadu_ps(p); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec broadcast(const float* p) { return _mm256_broadcast_ss(p); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE Vec fma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE void store(float* p, Vec v) { _mm256_storeu_ps(p, v); }
  NDINTEROP_GEMM_AVX2 static NDINTEROP_GEMM_INLINE float fmaScalar(float a, float b, float c) {
    return _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(a), _mm_set_ss(b), _mm_set_ss(c)));
  }
};

// AVX2 tile: kRows rows of two vectors each (8 doubles or 16 floats); 6 rows
// are 12 accumulators, leaving the 16 registers room for B's row and A's
// broadcast value.
template <class T, ptrdiff_t kRows>
NDINTEROP_GEMM_AVX2 void avx2Tile(ptrdiff_t kc, const T* a, const T* b, T* c, ptrdiff_t ldc, bool first) {
  using Ops = Avx2Ops<T>;
  using Vec = typename Ops::Vec;
  constexpr ptrdiff_t kLanes = Ops::kLanes;
  // As in avx512Tile: fetch C's rows (one cache line each) early.
#pragma GCC unroll 16
  for (ptrdiff_t r = 0; r < kRows; ++r) _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc), _MM_HINT_T0);
  Vec left[kRows];
  Vec right[kRows];
#pragma GCC unroll 16
  for (ptrdiff_t r = 0; r < kRows; ++r) {
    left[r] = first ? Ops::zero() : Ops::load(c + r * ldc);
    right[r] = first ? Ops::zero() : Ops::load(c + r * ldc + kLanes);
  }
  for (ptrdiff_t p = 0; p < kc; ++p, ++a, b += 2 * kLanes) {
    const Vec bLeft = Ops::load(b);
    const Vec bRight = Ops::load(b + kLanes);
#pragma GCC unroll 16
    for (ptrdiff_t r = 0; r < kRows; ++r) {
      const Vec x = Ops::broadcast(a + r * kGemmDepth);
      left[r] = Ops::fma(x, bLeft, left[r]);
      right[r] = Ops::fma(x, bRight, right[r]);
    }
  }
#pragma GCC unroll 16
  for (ptrdiff_t r = 0; r < kRows; ++r) {
    Ops::store(c + r * ldc, left[r]);
    Ops::store(c + r * ldc + kLanes, right[r]);
  }
}

// The right edge (fewer than a tile's columns) one element at a time: AVX2
// has no masked arithmetic, and padding lanes could raise flags (0 * inf).
template <class T, ptrdiff_t kPanelCols>
NDINTEROP_GEMM_AVX2 void avx2EdgeTile(ptrdiff_t kc, ptrdiff_t rows, ptrdiff_t cols, const T* a, const T* b, T* c,
                                 ptrdiff_t ldc, bool first) {
  for (ptrdiff_t r = 0; r < rows; ++r) {
    for (ptrdiff_t j = 0; j < cols; ++j) {
      T sum = first ? T(0) : c[r * ldc + j];
      for (ptrdiff_t p = 0; p < kc; ++p) sum = Avx2Ops<T>::fmaScalar(a[r * kGemmDepth + p], b[p * kPanelCols + j], sum);
      c[r * ldc + j] = sum;
    }
  }
}

template <class T>
using Avx2TileFunction = void (*)(ptrdiff_t kc, const T* a, const T* b, T* c, ptrdiff_t ldc, bool first);

template <class T, size_t... Rows>
constexpr std::array<Avx2TileFunction<T>, sizeof...(Rows)> avx2Tiles(std::index_sequence<Rows...>) {
  return {&avx2Tile<T, static_cast<ptrdiff_t>(Rows) + 1>...};
}

template <class T, ptrdiff_t kMR>
NDINTEROP_GEMM_AVX2 void avx2Block(ptrdiff_t kc, ptrdiff_t mc, ptrdiff_t nc, const T* aPack, const T* bPack, T* c,
                              ptrdiff_t ldc, bool first) {
  constexpr ptrdiff_t kNR = 2 * Avx2Ops<T>::kLanes;
  static constexpr auto tiles = avx2Tiles<T>(std::make_index_sequence<kMR>{});
  for (ptrdiff_t jr = 0; jr < nc; jr += kNR) {
    const ptrdiff_t nr = std::min(kNR, nc - jr);
    const T* bPanel = bPack + (jr / kNR) * kc * kNR;
    for (ptrdiff_t ir = 0; ir < mc; ir += kMR) {
      const ptrdiff_t mr = std::min(kMR, mc - ir);
      const T* aPanel = aPack + ir * kGemmDepth;
      T* tile = c + ir * ldc + jr;
      if (nr < kNR) avx2EdgeTile<T, kNR>(kc, mr, nr, aPanel, bPanel, tile, ldc, first);
      else if (mr == kMR) avx2Tile<T, kMR>(kc, aPanel, bPanel, tile, ldc, first);
      else tiles[static_cast<size_t>(mr - 1)](kc, aPanel, bPanel, tile, ldc, first);
    }
  }
}

// Rows per register tile. AVX-512 has 32 registers: 14 rows are 28
// accumulators plus B's two vectors (A's value is broadcast from memory
// inside the multiply-add).
constexpr ptrdiff_t kAvx512Rows = 14;
constexpr ptrdiff_t kAvx2Rows = 6;
// Packed A blocks of about 128 rows by 256 deep: 256 KB of doubles, half
// the L2 cache of current cores, so they stay there while B streams past.
constexpr ptrdiff_t kAvx512BlockRows = kAvx512Rows * 9;
constexpr ptrdiff_t kAvx2BlockRows = kAvx2Rows * 20;

template <class T>
const GemmKernel<T>* chooseKernel() {
  static const GemmKernel<T> avx512{kAvx512Rows, 2 * Avx512Ops<T>::kLanes, kAvx512BlockRows, &avx512Block<T, kAvx512Rows>,
                                    "avx512", true};
  static const GemmKernel<T> avx2{kAvx2Rows, 2 * Avx2Ops<T>::kLanes, kAvx2BlockRows, &avx2Block<T, kAvx2Rows>, "avx2", true};
  switch (cpuLevel()) {
    case CpuLevel::kAvx512: return &avx512;
    case CpuLevel::kAvx2: return &avx2;
    default: return nullptr;
  }
}

#else  // not x86-64 with GCC or clang

template <class T>
const GemmKernel<T>* chooseKernel() {
  return nullptr;
}

#endif

}  // namespace

CpuLevel cpuLevel() {
#if defined(NDINTEROP_GEMM_X86)
  static const CpuLevel level = [] {
    __builtin_cpu_init();  // harmless when done; needed if this runs from a static constructor
    CpuLevel best = CpuLevel::kGeneric;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("fma")) {
      best = CpuLevel::kAvx512;
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
      best = CpuLevel::kAvx2;
    }
    const char* cap = std::getenv("NDINTEROP_CPU_LEVEL");
    if (cap != nullptr && std::strcmp(cap, "generic") == 0) best = CpuLevel::kGeneric;
    if (cap != nullptr && std::strcmp(cap, "avx2") == 0 && best == CpuLevel::kAvx512) best = CpuLevel::kAvx2;
    return best;
  }();
  return level;
#else
  return CpuLevel::kGeneric;
#endif
}

const GemmKernel<double>* gemmKernelDouble() {
  static const GemmKernel<double>* kernel = chooseKernel<double>();
  return kernel;
}

const GemmKernel<float>* gemmKernelFloat() {
  static const GemmKernel<float>* kernel = chooseKernel<float>();
  return kernel;
}

}  // namespace ndinterop::ufunc
