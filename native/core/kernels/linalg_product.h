// The matrix-product kernels, shared by the translation units that
// instantiate them (linalg_int8.cc, linalg_int.cc, linalg_half.cc and
// linalg_float.cc: a few dtypes each, 6 to 9 s of compiler time apiece, so
// a parallel build compiles them side by side; the one linalg.cc of before
// took 30 s) and the lookup in linalg.cc. Included only by those files:
// everything but the four add*ProductLoops functions is in an unnamed
// namespace, so each unit has its own copy of the few dtypes it instantiates.
//
// They are behind matmul, vecdot, matvec and vecmat (see
// core/ufunc/gufunc_table.h for how the four map onto one product).
//
// Every output element is summed in one fixed order that depends only on the
// core sizes, never on the path or the thread split: p = 0, 1, ..., k-1 from
// zero, except the dot products of contiguous float and double vectors with
// k >= 32, which sum 32 interleaved lanes (see dotRows). In-order summation
// is NumPy's own when it does not call BLAS (integers, bool, float16), so
// those results are bit-exact with NumPy. Large products pack blocks of A and
// B into contiguous panels and run a register-tiled micro-kernel (for float
// and double the hand-written AVX-512 or AVX2+FMA ones of linalg_gemm.cc,
// else a portable one built for AVX-512, AVX2+FMA and the baseline, picked
// at load), with packing buffers that each thread keeps between calls;
// batches of tiny products run in one call per run of the innermost batch
// dimension; large batches or matrices are split across the thread pool
// (core/base/parallel.h) in chunks of products or of output rows.
//
// Arithmetic per dtype (NumPy's): integers wrap (computed in an unsigned
// type); bool is logical or of logical ands; float16 and bfloat16 sum in
// float and round once at the end; complex uses the textbook formula
// (re = ar*br - ai*bi, im = ar*bi + ai*br). Only real output elements are
// computed (no padding lanes), so the floating-point exceptions raised are
// those of the true products and sums.
#ifndef NDINTEROP_CORE_KERNELS_LINALG_PRODUCT_H
#define NDINTEROP_CORE_KERNELS_LINALG_PRODUCT_H

#include <algorithm>
#include <atomic>
#include <complex>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/ufunc/gufunc_table.h"
#include "core/base/parallel.h"
#include "core/kernels/linalg_gemm.h"
#include "core/ufunc/fp_flags.h"
#include "core/ufunc/loop_signatures.h"

namespace ndinterop::ufunc {

// Each adds the product loops ("TT->T") of a few dtypes to `loops`.
void addInt8ProductLoops(std::unordered_map<std::string, ProductLoop>& loops);     // bool, int8, uint8
void addIntProductLoops(std::unordered_map<std::string, ProductLoop>& loops);      // 16-, 32-, 64-bit integers
void addHalfProductLoops(std::unordered_map<std::string, ProductLoop>& loops);     // float16, bfloat16
void addFloatProductLoops(std::unordered_map<std::string, ProductLoop>& loops);    // float32/64, complex64/128
void addLongProductLoops(std::unordered_map<std::string, ProductLoop>& loops);     // longdouble, clongdouble

namespace {

template <class R>
struct ComplexAcc {
  R re;
  R im;
};

// How one dtype's elements enter the product (as Acc) and leave it.
template <class T, class = void>
struct ProductTraits {
  // float, double, float16 and bfloat16 (these two compute in float).
  using Acc = ComputeOf<T>;
  static Acc zero() { return Acc(0); }
  static Acc load(const char* p, bool) { return Element<T>::load(p); }
  static void store(char* p, Acc value) { Element<T>::store(p, value); }
  static Acc multiplyAdd(Acc c, Acc a, Acc b) { return c + a * b; }
};

template <>
struct ProductTraits<bool> {
  using Acc = uint8_t;  // 0 or 1
  static Acc zero() { return 0; }
  static Acc load(const char* p, bool) { return *reinterpret_cast<const unsigned char*>(p) != 0 ? 1 : 0; }
  static void store(char* p, Acc value) { Element<bool>::store(p, value != 0); }
  static Acc multiplyAdd(Acc c, Acc a, Acc b) { return static_cast<Acc>(c | (a & b)); }
};

template <class T>
struct ProductTraits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  // Unsigned arithmetic wraps with no undefined behaviour; the low bits are
  // those of the two's-complement result.
  using Acc = WrapType<T>;
  static Acc zero() { return 0; }
  static Acc load(const char* p, bool) { return static_cast<Acc>(Element<T>::load(p)); }
  static void store(char* p, Acc value) { Element<T>::store(p, static_cast<T>(value)); }
  static Acc multiplyAdd(Acc c, Acc a, Acc b) { return static_cast<Acc>(c + a * b); }
};

template <class R>
struct ProductTraits<std::complex<R>> {
  using Acc = ComplexAcc<R>;
  static Acc zero() { return {R(0), R(0)}; }
  static Acc load(const char* p, bool conjugate) {
    R parts[2];
    std::memcpy(parts, p, sizeof parts);
    return {parts[0], conjugate ? -parts[1] : parts[1]};
  }
  static void store(char* p, Acc value) {
    const R parts[2] = {value.re, value.im};
    std::memcpy(p, parts, sizeof parts);
  }
  static Acc multiplyAdd(Acc c, Acc a, Acc b) {
    return {c.re + (a.re * b.re - a.im * b.im), c.im + (a.re * b.im + a.im * b.re)};
  }
};

// (GCC 12 is the first whose target_clones and __builtin_cpu_supports take
// the x86-64-v3/v4 levels: GCC 11 stops with "no dispatcher found for the
// versioning attributes". Older compilers and clang build the one baseline
// copy.)
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12 && defined(__x86_64__) && defined(__linux__)
// The hot loops are built three times and the best copy for the CPU is picked
// at load: AVX-512 (x86-64-v4), AVX2 with FMA (x86-64-v3) and the baseline.
// Where the CPU has FMA, c + a * b is fused (one rounding): for float and
// double that is what BLAS does too; for float16 and bfloat16 the product of
// two elements is exact in float, so fusing changes nothing.
#define NDINTEROP_PRODUCT_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define NDINTEROP_PRODUCT_LEVELS 1
#define NDINTEROP_TARGET_V4 __attribute__((target("arch=x86-64-v4")))
#define NDINTEROP_TARGET_V3 __attribute__((target("arch=x86-64-v3")))
#else
#define NDINTEROP_PRODUCT_CLONES
#endif

// Helpers of the cloned loops must be inlined into each clone to be built
// for its instruction set.
#if defined(__GNUC__)
#define NDINTEROP_PRODUCT_INLINE inline __attribute__((always_inline))
#else
#define NDINTEROP_PRODUCT_INLINE inline
#endif

// long double and its complex compute on the x87 unit whatever the
// instruction set, so their loops are built once; the other types' once per
// instruction set the CPU may have.
template <class T>
inline constexpr bool kLevelCopies = !std::is_same_v<T, long double> && !std::is_same_v<T, ComplexLong>;

// name<T>() is the function that runs the inline nameBody<T>: built once per
// instruction set (NDINTEROP_PRODUCT_CLONES) where kLevelCopies<T>, else once.
#define NDINTEROP_PRODUCT_ENTRY(name, params, args)                \
  template <class T>                                               \
  NDINTEROP_PRODUCT_CLONES void name##Copies params {              \
    name##Body<T> args;                                            \
  }                                                                \
  template <class T>                                               \
  void name##Once params {                                         \
    name##Body<T> args;                                            \
  }                                                                \
  template <class T>                                               \
  inline auto name() {                                             \
    if constexpr (kLevelCopies<T>) return &name##Copies<T>;        \
    else return &name##Once<T>;                                    \
  }

// One matrix of the batch: first element and byte strides.
struct Matrix {
  const char* data;
  ptrdiff_t rowStride;
  ptrdiff_t colStride;
  const char* at(ptrdiff_t row, ptrdiff_t col) const { return data + row * rowStride + col * colStride; }
};

struct OutMatrix {
  char* data;
  ptrdiff_t rowStride;
  ptrdiff_t colStride;
  char* at(ptrdiff_t row, ptrdiff_t col) const { return data + row * rowStride + col * colStride; }
};

// The sizes of one product and whether A is conjugated.
struct CoreShape {
  ptrdiff_t rows;
  ptrdiff_t inner;
  ptrdiff_t cols;
  bool conjugateA;
};

// Accumulator types whose multiply-add is c + a * b on plain numbers (not
// bool's or-of-ands, not complex pairs): their tiles use vector types.
template <class Acc>
constexpr bool kVectorAcc = std::is_same_v<Acc, double> || std::is_same_v<Acc, float> ||
                            std::is_same_v<Acc, uint32_t> || std::is_same_v<Acc, uint64_t>;

// The register tile of the blocked path: kMR rows x kNR columns of
// accumulators, a row being one 64-byte vector for the vector types. 6 x 8
// doubles are 6 AVX-512 registers or 12 AVX2 ones, plus the B row and the
// broadcast A value: the tile stays in registers.
template <class Acc>
struct TileShape {
  static constexpr ptrdiff_t kMR = kVectorAcc<Acc> ? 6 : 4;
  static constexpr ptrdiff_t kNR = kVectorAcc<Acc> ? static_cast<ptrdiff_t>(64 / sizeof(Acc)) : 8;
};
template <class R>
struct TileShape<ComplexAcc<R>> {
  static constexpr ptrdiff_t kMR = 2;
  static constexpr ptrdiff_t kNR = 4;
};
static_assert(TileShape<double>::kMR == 6 && TileShape<double>::kNR == 8);
static_assert(TileShape<float>::kNR == 16 && TileShape<uint32_t>::kNR == 16 && TileShape<uint64_t>::kNR == 8);

// Below this many multiply-adds per product, packing costs more than it saves.
constexpr ptrdiff_t kDirectLimit = 16 * 16 * 16;
// Products with every core size at most this take the tiny path: a run of
// them along the innermost batch dimension in one call, no scratch.
constexpr ptrdiff_t kTinyLimit = 8;
// Cache blocks: a kKC-deep panel of B (kKC x kNC) stays in L2, a block of A
// (kMC x kKC) in L1/L2.
constexpr ptrdiff_t kKC = kGemmDepth;
constexpr ptrdiff_t kMC = 72;
constexpr ptrdiff_t kNC = 1024;
// Packed B up to this many elements (4 MB of doubles) is kept whole per
// thread for the length of a call (see blocked()).
constexpr ptrdiff_t kKeptBLimit = ptrdiff_t{1} << 19;
// Dot products of float and double with inner size at least this sum in
// kDotLanes interleaved partial sums (see dotRows).
constexpr ptrdiff_t kDotLanes = 32;
// Work (multiply-adds) per part below which splitting does not pay. Waking
// the pool's helper costs little, but on shared cores the helper often has
// to wait for a busy core, and the call then waits for the slower part: two
// threads lose on small squares, break even around 160 and win clearly from
// 192 (bench/results-decisions.md: matmul split). So a part gets at least
// 2^21 multiply-adds: 2 parts from 4M, e.g. from (160,160)@(160,160).
constexpr double kParallelWork = 2097152.0;

template <class T>
using AccOf = typename ProductTraits<T>::Acc;

// Element types whose accumulators use vector tiles.
template <class T>
constexpr bool kVectorTile = !std::is_same_v<T, bool> && kVectorAcc<AccOf<T>>;

// Element types stored as their accumulator (float, double, 32- and 64-bit
// integers): their memory can be loaded straight into vectors.
template <class T>
constexpr bool kVectorLoad = kVectorTile<T> && sizeof(T) == sizeof(AccOf<T>);

// A full kMR x kNR tile over a packed kc-deep panel pair: fixed trip counts,
// so the accumulators live in vector registers. Each accumulator adds its
// products in order p = 0, 1, ...
template <class T>
NDINTEROP_PRODUCT_INLINE void fullTile(ptrdiff_t kc, const AccOf<T>* a, const AccOf<T>* b, AccOf<T>* c, ptrdiff_t ldc,
                                       bool first) {
  using Acc = AccOf<T>;
  constexpr ptrdiff_t kMR = TileShape<Acc>::kMR, kNR = TileShape<Acc>::kNR;
  if constexpr (kVectorTile<T>) {
    // A row of the tile is one vector (64 bytes: one AVX-512 register, two
    // AVX2 ones); the compiler's own vectorizer picks other layouts here.
    typedef Acc Row __attribute__((vector_size(kNR * sizeof(Acc))));
    Row acc[kMR];
    for (ptrdiff_t r = 0; r < kMR; ++r) {
      if (first) acc[r] = Row{};
      else std::memcpy(&acc[r], c + r * ldc, sizeof(Row));
    }
    for (ptrdiff_t p = 0; p < kc; ++p, a += kMR, b += kNR) {
      Row row;
      std::memcpy(&row, b, sizeof(Row));
      for (ptrdiff_t r = 0; r < kMR; ++r) acc[r] = acc[r] + a[r] * row;
    }
    for (ptrdiff_t r = 0; r < kMR; ++r) std::memcpy(c + r * ldc, &acc[r], sizeof(Row));
    return;
  }
  Acc acc[kMR][kNR];
  for (ptrdiff_t r = 0; r < kMR; ++r) {
    for (ptrdiff_t j = 0; j < kNR; ++j) acc[r][j] = first ? ProductTraits<T>::zero() : c[r * ldc + j];
  }
  for (ptrdiff_t p = 0; p < kc; ++p, a += kMR, b += kNR) {
    for (ptrdiff_t r = 0; r < kMR; ++r) {
      const Acc x = a[r];
      for (ptrdiff_t j = 0; j < kNR; ++j) acc[r][j] = ProductTraits<T>::multiplyAdd(acc[r][j], x, b[j]);
    }
  }
  for (ptrdiff_t r = 0; r < kMR; ++r) {
    for (ptrdiff_t j = 0; j < kNR; ++j) c[r * ldc + j] = acc[r][j];
  }
}

// A partial tile at the bottom or right edge: only the real elements.
template <class T>
NDINTEROP_PRODUCT_INLINE void edgeTile(ptrdiff_t kc, ptrdiff_t mr, ptrdiff_t nr, const AccOf<T>* a, const AccOf<T>* b, AccOf<T>* c,
                     ptrdiff_t ldc, bool first) {
  using Acc = AccOf<T>;
  constexpr ptrdiff_t kMR = TileShape<Acc>::kMR, kNR = TileShape<Acc>::kNR;
  if (first) {
    for (ptrdiff_t r = 0; r < mr; ++r) {
      for (ptrdiff_t j = 0; j < nr; ++j) c[r * ldc + j] = ProductTraits<T>::zero();
    }
  }
  for (ptrdiff_t p = 0; p < kc; ++p, a += kMR, b += kNR) {
    for (ptrdiff_t r = 0; r < mr; ++r) {
      for (ptrdiff_t j = 0; j < nr; ++j) c[r * ldc + j] = ProductTraits<T>::multiplyAdd(c[r * ldc + j], a[r], b[j]);
    }
  }
}

// All tiles of one packed block: mc rows of A (panels of kMR) times nc
// columns of B (panels of kNR), kc deep, added into c (row length ldc), or
// written there when `first` (the first block of the inner dimension).
template <class T>
NDINTEROP_PRODUCT_INLINE void macroKernelBody(ptrdiff_t kc, ptrdiff_t mc, ptrdiff_t nc, const AccOf<T>* aPack,
                                              const AccOf<T>* bPack, AccOf<T>* c, ptrdiff_t ldc, bool first) {
  constexpr ptrdiff_t kMR = TileShape<AccOf<T>>::kMR, kNR = TileShape<AccOf<T>>::kNR;
  for (ptrdiff_t jr = 0; jr < nc; jr += kNR) {
    const ptrdiff_t nr = std::min(kNR, nc - jr);
    const AccOf<T>* bPanel = bPack + (jr / kNR) * kc * kNR;
    for (ptrdiff_t ir = 0; ir < mc; ir += kMR) {
      const ptrdiff_t mr = std::min(kMR, mc - ir);
      const AccOf<T>* aPanel = aPack + (ir / kMR) * kc * kMR;
      AccOf<T>* tile = c + ir * ldc + jr;
      if (mr == kMR && nr == kNR) fullTile<T>(kc, aPanel, bPanel, tile, ldc, first);
      else edgeTile<T>(kc, mr, nr, aPanel, bPanel, tile, ldc, first);
    }
  }
}
NDINTEROP_PRODUCT_ENTRY(macroKernel,
                        (ptrdiff_t kc, ptrdiff_t mc, ptrdiff_t nc, const AccOf<T>* aPack, const AccOf<T>* bPack,
                         AccOf<T>* c, ptrdiff_t ldc, bool first),
                        (kc, mc, nc, aPack, bPack, c, ldc, first))

// The blocked path's register tile and block kernel for T: a hand-written
// one of linalg_gemm.cc where the CPU has one for T, else macroKernel.
template <class T>
const GemmKernel<AccOf<T>>& blockKernel() {
  using Acc = AccOf<T>;
  static const GemmKernel<Acc> kernel = [] {
    const GemmKernel<Acc>* tuned = nullptr;
    if constexpr (std::is_same_v<T, double>) tuned = gemmKernelDouble();
    if constexpr (std::is_same_v<T, float>) tuned = gemmKernelFloat();
    if (tuned != nullptr) return *tuned;
    return GemmKernel<Acc>{TileShape<Acc>::kMR, TileShape<Acc>::kNR, kMC, macroKernel<T>(), "generic", false};
  }();
  return kernel;
}

// Allocates on 64-byte boundaries, so the packed panels' vector loads never
// straddle two cache lines.
template <class V>
struct CacheLineAllocator {
  using value_type = V;
  CacheLineAllocator() = default;
  template <class U>
  explicit CacheLineAllocator(const CacheLineAllocator<U>&) {}
  V* allocate(size_t count) { return static_cast<V*>(::operator new(count * sizeof(V), std::align_val_t{64})); }
  void deallocate(V* p, size_t) noexcept { ::operator delete(p, std::align_val_t{64}); }
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};

// The packing scratch of one thread, owned by that thread and kept until it
// exits: a product then allocates nothing once the thread has run one of its
// size. At most one block of A (blockRows x kKC) and the larger of one block
// of B (kKC x kNC) and kKeptBLimit elements: 4.3 MB for double, per thread
// and accumulator type.
template <class Acc>
struct PackBuffers {
  std::vector<Acc, CacheLineAllocator<Acc>> a;
  std::vector<Acc, CacheLineAllocator<Acc>> b;
};

template <class Acc>
PackBuffers<Acc>& threadPackBuffers() {
  static thread_local PackBuffers<Acc> buffers;
  return buffers;
}

// One product with every core size at most kTinyLimit. N, K, M, when not 0,
// are the sizes known at compile time, and kUnitB says B's rows are
// contiguous: then the loops unroll and each row of the product is a few
// vector operations, each at most kPartBytes wide (the copy's vector width:
// GCC lowers a generic vector wider than the target's registers poorly; a
// (1000, 8, 8) float64 batch with 64-byte rows took 15 times as long in the
// AVX2 copy as in the AVX-512 one).
template <class T, ptrdiff_t N, ptrdiff_t K, ptrdiff_t M, bool kUnitB, ptrdiff_t kPartBytes>
NDINTEROP_PRODUCT_INLINE void tinyProduct(const CoreShape& shape, Matrix a, Matrix b, OutMatrix out) {
  using Traits = ProductTraits<T>;
  using Acc = AccOf<T>;
  const ptrdiff_t n = N ? N : shape.rows, k = K ? K : shape.inner, m = M ? M : shape.cols;
  const ptrdiff_t bStep = kUnitB ? static_cast<ptrdiff_t>(sizeof(T)) : b.colStride;
  if constexpr (kVectorLoad<T> && kUnitB && (M == 2 || M == 4 || M == 8)) {
    // A row of B is kParts vectors of exactly M elements in all (no padding lanes).
    constexpr ptrdiff_t kRowBytes = M * static_cast<ptrdiff_t>(sizeof(Acc));
    constexpr ptrdiff_t kBytes = kRowBytes < kPartBytes ? kRowBytes : kPartBytes;
    constexpr ptrdiff_t kParts = kRowBytes / kBytes;
    constexpr ptrdiff_t kLanes = kBytes / static_cast<ptrdiff_t>(sizeof(Acc));
    typedef Acc Part __attribute__((vector_size(kBytes)));
    for (ptrdiff_t i = 0; i < n; ++i) {
      Part row[kParts] = {};
      for (ptrdiff_t p = 0; p < k; ++p) {
        const Acc x = Traits::load(a.at(i, p), shape.conjugateA);
        for (ptrdiff_t h = 0; h < kParts; ++h) {
          Part column;
          std::memcpy(&column, b.data + p * b.rowStride + h * kBytes, sizeof(Part));
          row[h] = row[h] + x * column;
        }
      }
      if (out.colStride == static_cast<ptrdiff_t>(sizeof(T))) {
        std::memcpy(out.at(i, 0), row, sizeof(row));
      } else {
        for (ptrdiff_t j = 0; j < M; ++j) Traits::store(out.at(i, j), row[j / kLanes][j % kLanes]);
      }
    }
    return;
  }
  for (ptrdiff_t i = 0; i < n; ++i) {
    Acc row[kTinyLimit];
    for (ptrdiff_t j = 0; j < m; ++j) row[j] = Traits::zero();
    for (ptrdiff_t p = 0; p < k; ++p) {
      const Acc x = Traits::load(a.at(i, p), shape.conjugateA);
      const char* bRow = b.data + p * b.rowStride;
      for (ptrdiff_t j = 0; j < m; ++j) row[j] = Traits::multiplyAdd(row[j], x, Traits::load(bRow + j * bStep, false));
    }
    for (ptrdiff_t j = 0; j < m; ++j) Traits::store(out.at(i, j), row[j]);
  }
}

template <class T, ptrdiff_t N, ptrdiff_t K, ptrdiff_t M, bool kUnitB, ptrdiff_t kPartBytes>
NDINTEROP_PRODUCT_INLINE void tinyLoop(const CoreShape& shape, ptrdiff_t count, Matrix a, Matrix b, OutMatrix out,
                                       const ptrdiff_t* steps) {
  for (ptrdiff_t q = 0; q < count; ++q, a.data += steps[0], b.data += steps[1], out.data += steps[2]) {
    tinyProduct<T, N, K, M, kUnitB, kPartBytes>(shape, a, b, out);
  }
}

// `count` tiny products, operand i's matrices `steps[i]` bytes apart.
template <class T, ptrdiff_t kPartBytes>
NDINTEROP_PRODUCT_INLINE void tinyRunParts(const CoreShape& shape, ptrdiff_t count, Matrix a, Matrix b, OutMatrix out,
                                           const ptrdiff_t* steps) {
  constexpr ptrdiff_t W = kPartBytes;
  const ptrdiff_t n = shape.rows, k = shape.inner, m = shape.cols;
  if (b.colStride != static_cast<ptrdiff_t>(sizeof(T))) return tinyLoop<T, 0, 0, 0, false, W>(shape, count, a, b, out, steps);
  if (n == k && k == m) {
    if (m == 2) return tinyLoop<T, 2, 2, 2, true, W>(shape, count, a, b, out, steps);
    if (m == 3) return tinyLoop<T, 3, 3, 3, true, W>(shape, count, a, b, out, steps);
    if (m == 4) return tinyLoop<T, 4, 4, 4, true, W>(shape, count, a, b, out, steps);
  }
  switch (m) {
    case 2: return tinyLoop<T, 0, 0, 2, true, W>(shape, count, a, b, out, steps);
    case 3: return tinyLoop<T, 0, 0, 3, true, W>(shape, count, a, b, out, steps);
    case 4: return tinyLoop<T, 0, 0, 4, true, W>(shape, count, a, b, out, steps);
    case 5: return tinyLoop<T, 0, 0, 5, true, W>(shape, count, a, b, out, steps);
    case 6: return tinyLoop<T, 0, 0, 6, true, W>(shape, count, a, b, out, steps);
    case 7: return tinyLoop<T, 0, 0, 7, true, W>(shape, count, a, b, out, steps);
    case 8: return tinyLoop<T, 0, 0, 8, true, W>(shape, count, a, b, out, steps);
    default: return tinyLoop<T, 0, 0, 0, true, W>(shape, count, a, b, out, steps);
  }
}

// The fixed-size products are built once per instruction set, each with
// row vectors of its own width, and chosen like the GEMM kernels
// (cpuLevel(), so NDINTEROP_CPU_LEVEL caps them too): the instruction sets
// target_clones would pick, but one vector width per copy.
#if defined(NDINTEROP_PRODUCT_LEVELS)
template <class T>
NDINTEROP_TARGET_V4 void tinyRunV4(const CoreShape& shape, ptrdiff_t count, Matrix a, Matrix b, OutMatrix out,
                                   const ptrdiff_t* steps) {
  tinyRunParts<T, 64>(shape, count, a, b, out, steps);
}

template <class T>
NDINTEROP_TARGET_V3 void tinyRunV3(const CoreShape& shape, ptrdiff_t count, Matrix a, Matrix b, OutMatrix out,
                                   const ptrdiff_t* steps) {
  tinyRunParts<T, 32>(shape, count, a, b, out, steps);
}

// 4: x86-64-v4 (AVX-512), 3: x86-64-v3 (AVX2, FMA), 0: the baseline.
inline int tinyLevel() {
  static const int level = [] {
    const CpuLevel cap = cpuLevel();  // initializes the CPU model the checks below read
    if (cap == CpuLevel::kAvx512 && __builtin_cpu_supports("x86-64-v4")) return 4;
    if (cap != CpuLevel::kGeneric && __builtin_cpu_supports("x86-64-v3")) return 3;
    return 0;
  }();
  return level;
}
#endif

template <class T>
void tinyRunBase(const CoreShape& shape, ptrdiff_t count, Matrix a, Matrix b, OutMatrix out, const ptrdiff_t* steps) {
  tinyRunParts<T, 16>(shape, count, a, b, out, steps);
}

template <class T>
void tinyRun(const CoreShape& shape, ptrdiff_t count, Matrix a, Matrix b, OutMatrix out, const ptrdiff_t* steps) {
#if defined(NDINTEROP_PRODUCT_LEVELS)
  if constexpr (kLevelCopies<T>) {
    switch (tinyLevel()) {
      case 4: return tinyRunV4<T>(shape, count, a, b, out, steps);
      case 3: return tinyRunV3<T>(shape, count, a, b, out, steps);
      default: break;
    }
  }
#endif
  tinyRunBase<T>(shape, count, a, b, out, steps);
}

// One column of output (matvec, vecdot, matmul with m == 1): a dot product
// per row, four rows at a time for instruction-level parallelism. Each sum
// runs p = 0, 1, ... in order, except float and double with both vectors
// contiguous and k >= kDotLanes: there lane l (of kDotLanes) sums the
// products with p = l mod kDotLanes in order, the lanes are folded pairwise
// (l + 16 into l, then l + 8 into l, ...), and the tail after the last full
// group of lanes is added last, in order. Either way the order
// depends only on k, never on the thread split.
template <class T>
NDINTEROP_PRODUCT_INLINE void dotRowsBody(const CoreShape& shape, Matrix a, Matrix b, OutMatrix out) {
  using Traits = ProductTraits<T>;
  using Acc = AccOf<T>;
  const ptrdiff_t n = shape.rows, k = shape.inner;
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    if (k >= kDotLanes && a.colStride == sizeof(T) && b.rowStride == sizeof(T)) {
      for (ptrdiff_t i = 0; i < n; ++i) {
        const T* x = reinterpret_cast<const T*>(a.at(i, 0));
        const T* y = reinterpret_cast<const T*>(b.data);
        T lanes[kDotLanes] = {};
        ptrdiff_t p = 0;
        for (; p + kDotLanes <= k; p += kDotLanes) {
          for (ptrdiff_t l = 0; l < kDotLanes; ++l) lanes[l] = lanes[l] + x[p + l] * y[p + l];
        }
        // Fold the lanes pairwise (lane l += lane l + half, halving), a
        // fixed tree the compiler vectorizes.
        for (ptrdiff_t half = kDotLanes / 2; half >= 1; half /= 2) {
          for (ptrdiff_t l = 0; l < half; ++l) lanes[l] = lanes[l] + lanes[l + half];
        }
        T sum = lanes[0];
        for (; p < k; ++p) sum = sum + x[p] * y[p];
        Traits::store(out.at(i, 0), sum);
      }
      return;
    }
  }
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    Acc s0 = Traits::zero(), s1 = Traits::zero(), s2 = Traits::zero(), s3 = Traits::zero();
    const char* r0 = a.at(i, 0);
    const char* column = b.data;
    for (ptrdiff_t p = 0; p < k; ++p, r0 += a.colStride, column += b.rowStride) {
      const Acc y = Traits::load(column, false);
      s0 = Traits::multiplyAdd(s0, Traits::load(r0, shape.conjugateA), y);
      s1 = Traits::multiplyAdd(s1, Traits::load(r0 + a.rowStride, shape.conjugateA), y);
      s2 = Traits::multiplyAdd(s2, Traits::load(r0 + 2 * a.rowStride, shape.conjugateA), y);
      s3 = Traits::multiplyAdd(s3, Traits::load(r0 + 3 * a.rowStride, shape.conjugateA), y);
    }
    Traits::store(out.at(i, 0), s0);
    Traits::store(out.at(i + 1, 0), s1);
    Traits::store(out.at(i + 2, 0), s2);
    Traits::store(out.at(i + 3, 0), s3);
  }
  for (; i < n; ++i) {
    Acc sum = Traits::zero();
    const char* row = a.at(i, 0);
    const char* column = b.data;
    for (ptrdiff_t p = 0; p < k; ++p, row += a.colStride, column += b.rowStride) {
      sum = Traits::multiplyAdd(sum, Traits::load(row, shape.conjugateA), Traits::load(column, false));
    }
    Traits::store(out.at(i, 0), sum);
  }
}
NDINTEROP_PRODUCT_ENTRY(dotRows, (const CoreShape& shape, Matrix a, Matrix b, OutMatrix out), (shape, a, b, out))

// Small products and vecmat: each output row accumulates a[i][p] * b[p][:]
// for p in order into `row` (cols entries of scratch), walking B by rows.
template <class T>
NDINTEROP_PRODUCT_INLINE void accumulateRowsBody(const CoreShape& shape, Matrix a, Matrix b, OutMatrix out,
                                                 AccOf<T>* __restrict row) {
  using Traits = ProductTraits<T>;
  using Acc = AccOf<T>;
  const ptrdiff_t n = shape.rows, k = shape.inner, m = shape.cols;
  const bool unitB = b.colStride == static_cast<ptrdiff_t>(sizeof(T));
  for (ptrdiff_t i = 0; i < n; ++i) {
    std::fill(row, row + m, Traits::zero());
    for (ptrdiff_t p = 0; p < k; ++p) {
      const Acc x = Traits::load(a.at(i, p), shape.conjugateA);
      const char* bRow = b.at(p, 0);
      if (unitB) {
        // A constant stride: the compiler vectorizes this form. Four rows of
        // B per pass over `row` (each element still adds p, p+1, p+2, p+3 in
        // order) cut the loads and stores of `row` by four.
        constexpr ptrdiff_t kItem = static_cast<ptrdiff_t>(sizeof(T));
        if (p + 4 <= k) {
          const Acc x1 = Traits::load(a.at(i, p + 1), shape.conjugateA);
          const Acc x2 = Traits::load(a.at(i, p + 2), shape.conjugateA);
          const Acc x3 = Traits::load(a.at(i, p + 3), shape.conjugateA);
          const char* bRow1 = bRow + b.rowStride;
          const char* bRow2 = bRow1 + b.rowStride;
          const char* bRow3 = bRow2 + b.rowStride;
          for (ptrdiff_t j = 0; j < m; ++j) {
            Acc sum = Traits::multiplyAdd(row[j], x, Traits::load(bRow + j * kItem, false));
            sum = Traits::multiplyAdd(sum, x1, Traits::load(bRow1 + j * kItem, false));
            sum = Traits::multiplyAdd(sum, x2, Traits::load(bRow2 + j * kItem, false));
            row[j] = Traits::multiplyAdd(sum, x3, Traits::load(bRow3 + j * kItem, false));
          }
          p += 3;
          continue;
        }
        for (ptrdiff_t j = 0; j < m; ++j) row[j] = Traits::multiplyAdd(row[j], x, Traits::load(bRow + j * kItem, false));
      } else {
        for (ptrdiff_t j = 0; j < m; ++j) row[j] = Traits::multiplyAdd(row[j], x, Traits::load(bRow + j * b.colStride, false));
      }
    }
    for (ptrdiff_t j = 0; j < m; ++j) Traits::store(out.at(i, j), row[j]);
  }
}
NDINTEROP_PRODUCT_ENTRY(accumulateRows, (const CoreShape& shape, Matrix a, Matrix b, OutMatrix out, AccOf<T>* __restrict row),
                        (shape, a, b, out, row))

template <class T>
class ProductKernel {
  using Traits = ProductTraits<T>;
  using Acc = AccOf<T>;
  static constexpr ptrdiff_t kMR = TileShape<Acc>::kMR;

 public:
  explicit ProductKernel(const ProductBatch& batch)
      : batch_(batch), shape_{batch.rows, batch.inner, batch.cols, batch.conjugateA}, tile_(blockKernel<T>()) {}

  // Products [begin, end) of the batch (flat C-order index over loopShape),
  // output rows [rowBegin, rowEnd) of each.
  void run(size_t begin, size_t end, ptrdiff_t rowBegin, ptrdiff_t rowEnd) {
    if (begin >= end || rowBegin >= rowEnd) return;
    const ProductBatch& batch = batch_;
    const size_t ndim = batch.loopShape.size();
    const bool tiny = batch.rows <= kTinyLimit && batch.inner <= kTinyLimit && batch.cols <= kTinyLimit &&
                      batch.cols > 1 && rowBegin == 0 && rowEnd == batch.rows;
    // Position of product `begin`.
    std::vector<ptrdiff_t> index(ndim, 0);
    const char* a = batch.a.data;
    const char* b = batch.b.data;
    char* out = batch.out.data;
    size_t rest = begin;
    for (size_t d = ndim; d-- > 0;) {
      const ptrdiff_t n = batch.loopShape[d];
      index[d] = static_cast<ptrdiff_t>(rest % static_cast<size_t>(n));
      rest /= static_cast<size_t>(n);
      a += index[d] * batch.a.loopStrides[d];
      b += index[d] * batch.b.loopStrides[d];
      out += index[d] * batch.out.loopStrides[d];
    }
    const ptrdiff_t steps[3] = {ndim ? batch.a.loopStrides[ndim - 1] : 0, ndim ? batch.b.loopStrides[ndim - 1] : 0,
                                ndim ? batch.out.loopStrides[ndim - 1] : 0};
    size_t left = end - begin;
    for (;;) {
      // A run along the innermost loop dimension.
      const ptrdiff_t innermost = ndim ? batch.loopShape[ndim - 1] - index[ndim - 1] : 1;
      const ptrdiff_t count = std::min(innermost, static_cast<ptrdiff_t>(left));
      if (tiny) {
        tinyRun<T>(shape_, count, {a, batch.a.rowStride, batch.a.colStride}, {b, batch.b.rowStride, batch.b.colStride},
                   {out, batch.out.rowStride, batch.out.colStride}, steps);
      } else {
        for (ptrdiff_t q = 0; q < count; ++q) {
          multiply({a + q * steps[0], batch.a.rowStride, batch.a.colStride},
                   {b + q * steps[1], batch.b.rowStride, batch.b.colStride},
                   {out + q * steps[2], batch.out.rowStride, batch.out.colStride}, rowBegin, rowEnd);
        }
      }
      left -= static_cast<size_t>(count);
      if (left == 0) return;
      // Step to the next run: carry into the outer dimensions.
      a += count * steps[0];
      b += count * steps[1];
      out += count * steps[2];
      index[ndim - 1] += count;
      for (size_t d = ndim - 1; d > 0 && index[d] == batch.loopShape[d]; --d) {
        a += batch.a.loopStrides[d - 1] - batch.a.loopStrides[d] * batch.loopShape[d];
        b += batch.b.loopStrides[d - 1] - batch.b.loopStrides[d] * batch.loopShape[d];
        out += batch.out.loopStrides[d - 1] - batch.out.loopStrides[d] * batch.loopShape[d];
        index[d] = 0;
        ++index[d - 1];
      }
    }
  }

 private:
  void multiply(Matrix a, Matrix b, OutMatrix out, ptrdiff_t rowBegin, ptrdiff_t rowEnd) {
    CoreShape shape = shape_;
    shape.rows = rowEnd - rowBegin;
    a.data += rowBegin * a.rowStride;
    out.data += rowBegin * out.rowStride;
    const ptrdiff_t n = shape.rows, k = shape.inner, m = shape.cols;
    if (m == 1) {
      dotRows<T>()(shape, a, b, out);
    } else if (n * k * m <= kDirectLimit || (n < kMR && packedB_ != b.data)) {
      // (A few rows of a product whose B this kernel has packed for an
      // earlier row chunk take the blocked path: the packing is paid.)
      if (rowScratch_.size() < static_cast<size_t>(m)) rowScratch_.resize(static_cast<size_t>(m));
      accumulateRows<T>()(shape, a, b, out, rowScratch_.data());
    } else {
      blocked(shape, a, b, out);
    }
  }

  // Packs B[pc:pc+kc, jc:jc+nc] into `packed`, in panels of tile_.cols
  // columns: panel q holds, for each p, the values of row p (fewer in the
  // last panel).
  void packB(Matrix b, ptrdiff_t pc, ptrdiff_t kc, ptrdiff_t jc, ptrdiff_t nc, Acc* packed) const {
    const ptrdiff_t nr = tile_.cols;
    for (ptrdiff_t jr = 0; jr < nc; jr += nr) {
      const ptrdiff_t width = std::min(nr, nc - jr);
      const char* source = b.at(pc, jc + jr);
      for (ptrdiff_t p = 0; p < kc; ++p, source += b.rowStride) packRow(source, b.colStride, width, false, packed + p * nr);
      packed += kc * nr;
    }
  }

  // `width` values from `source` (`step` bytes apart) into `target`.
  static void packRow(const char* source, ptrdiff_t step, ptrdiff_t width, bool conjugate, Acc* target) {
    if constexpr (kVectorLoad<T>) {
      if (step == static_cast<ptrdiff_t>(sizeof(T))) {
        // A fixed size per tile width: vector moves, not a call to memcpy.
        switch (width * static_cast<ptrdiff_t>(sizeof(T))) {
          case 64: std::memcpy(target, source, 64); return;
          case 128: std::memcpy(target, source, 128); return;
          default: std::memcpy(target, source, static_cast<size_t>(width) * sizeof(T)); return;
        }
      }
    }
    for (ptrdiff_t c = 0; c < width; ++c) target[c] = Traits::load(source + c * step, conjugate);
  }

  // Packs A[ic:ic+mc, pc:pc+kc] into panels of tile_.rows rows, laid out
  // as tile_ reads them (linalg_gemm.h): rows kKC apart, copied as they are,
  // or p-major. Each row is read along its length (the contiguous direction
  // of a C-order A).
  void packA(Matrix a, ptrdiff_t ic, ptrdiff_t mc, ptrdiff_t pc, ptrdiff_t kc) {
    const ptrdiff_t mr = tile_.rows;
    Acc* packed = buffers_.a.data();
    if (tile_.aRowsApart) {
      for (ptrdiff_t r = 0; r < mc; ++r) packRow(a.at(ic + r, pc), a.colStride, kc, shape_.conjugateA, packed + r * kKC);
      return;
    }
    for (ptrdiff_t ir = 0; ir < mc; ir += mr) {
      const ptrdiff_t height = std::min(mr, mc - ir);
      for (ptrdiff_t r = 0; r < height; ++r) packRowOfA(a.at(ic + ir + r, pc), a.colStride, kc, mr, packed + r);
      packed += kc * mr;
    }
  }

  // One row of A, kc values `step` bytes apart, to every `spacing`-th
  // element of `target`. Locals and __restrict tell the compiler the stores
  // cannot change the strides, so they stay in registers.
  void packRowOfA(const char* source, ptrdiff_t step, ptrdiff_t kc, ptrdiff_t spacing, Acc* __restrict target) const {
    if constexpr (kVectorLoad<T>) {
      if (step == static_cast<ptrdiff_t>(sizeof(T))) {
        // memcpy: the operand's elements need not be aligned.
        for (ptrdiff_t p = 0; p < kc; ++p) std::memcpy(target + p * spacing, source + p * step, sizeof(T));
        return;
      }
    }
    const bool conjugate = shape_.conjugateA;
    for (ptrdiff_t p = 0; p < kc; ++p, source += step) target[p * spacing] = Traits::load(source, conjugate);
  }

  void blocked(const CoreShape& shape, Matrix a, Matrix b, OutMatrix out) {
    const ptrdiff_t n = shape.rows, k = shape.inner, m = shape.cols;
    // The accumulators: straight in `out` when it holds them as they are
    // (float, double, 32/64-bit integers; unit column stride, aligned rows),
    // else in scratch copied out at the end. The first block of the inner
    // dimension writes every element, so neither needs zeroing first.
    constexpr ptrdiff_t kItem = static_cast<ptrdiff_t>(sizeof(T));
    const bool direct = kVectorLoad<T> && out.colStride == kItem && out.rowStride > 0 && out.rowStride % kItem == 0 &&
                        reinterpret_cast<uintptr_t>(out.data) % alignof(Acc) == 0;
    Acc* c = direct ? reinterpret_cast<Acc*>(out.data) : nullptr;
    const ptrdiff_t ldc = direct ? out.rowStride / kItem : m;
    if (!direct) {
      result_.resize(static_cast<size_t>(n * m));
      c = result_.data();
    }
    const ptrdiff_t blockRows = tile_.blockRows;
    const size_t aSize = static_cast<size_t>(blockRows * kKC);
    // Room for one packed block of B, or for all of them when B is small
    // enough: a part that runs several row chunks of one product (the
    // thread split) then packs B once, not once per chunk.
    const ptrdiff_t blockSize = std::min(k, kKC) * ((std::min(m, kNC) + tile_.cols - 1) / tile_.cols) * tile_.cols;
    const ptrdiff_t blockCount = ((k + kKC - 1) / kKC) * ((m + kNC - 1) / kNC);
    const bool keepB = blockCount * blockSize <= kKeptBLimit;
    const size_t bSize = static_cast<size_t>(keepB ? blockCount * blockSize : blockSize);
    if (buffers_.a.size() < aSize) buffers_.a.resize(aSize);
    if (buffers_.b.size() < bSize) {
      buffers_.b.resize(bSize);
      packedB_ = nullptr;
    }
    const bool packed = keepB && packedB_ == b.data;
    Acc* bBlock = buffers_.b.data();
    for (ptrdiff_t jc = 0; jc < m; jc += kNC) {
      const ptrdiff_t nc = std::min(kNC, m - jc);
      for (ptrdiff_t pc = 0; pc < k; pc += kKC, bBlock += keepB ? blockSize : 0) {
        const ptrdiff_t kc = std::min(kKC, k - pc);
        if (!packed) packB(b, pc, kc, jc, nc, bBlock);
        for (ptrdiff_t ic = 0; ic < n; ic += blockRows) {
          const ptrdiff_t mc = std::min(blockRows, n - ic);
          packA(a, ic, mc, pc, kc);
          tile_.block(kc, mc, nc, buffers_.a.data(), bBlock, c + ic * ldc + jc, ldc, pc == 0);
        }
      }
    }
    packedB_ = keepB ? b.data : nullptr;
    if (direct) return;
    for (ptrdiff_t i = 0; i < n; ++i) {
      for (ptrdiff_t j = 0; j < m; ++j) Traits::store(out.at(i, j), result_[static_cast<size_t>(i * m + j)]);
    }
  }

  const ProductBatch& batch_;
  const CoreShape shape_;
  const GemmKernel<Acc>& tile_;
  // Packing scratch: this thread's, borrowed for the kernel's lifetime (one
  // kernel at a time runs on a thread).
  PackBuffers<Acc>& buffers_ = threadPackBuffers<Acc>();
  // The B (first element) whose every block the buffer holds, packed by this
  // kernel; nullptr when none. Operands do not change during a call.
  const char* packedB_ = nullptr;
  // Scratch reused across the products of one part; freed with the kernel.
  std::vector<Acc> rowScratch_;
  std::vector<Acc> result_;
};

// Runs the batch, split across the thread pool when it is large: by products
// when there are at least as many as parts, else by output rows. The work is
// cut into about four chunks per part that the parts take in turn, so a part
// whose core is busy with another process leaves more chunks to the others
// instead of holding up the call. Every output element is computed whole by
// one part, in the same order as on one thread. Returns the floating-point
// flags all parts raised.
template <class T>
int productLoop(const ProductBatch& batch) {
  if (batch.rows == 0 || batch.cols == 0) return 0;
  size_t count = 1;
  for (ptrdiff_t n : batch.loopShape) count *= static_cast<size_t>(n);
  if (count == 0) return 0;
  const ptrdiff_t tileRows = blockKernel<T>().rows;
  const double work = static_cast<double>(count) * static_cast<double>(batch.rows) *
                      static_cast<double>(std::max<ptrdiff_t>(batch.inner, 1)) * static_cast<double>(batch.cols);
  size_t parts = std::min(parallelWidth(), static_cast<size_t>(std::min(work / kParallelWork, 64.0)));
  const bool byProducts = count >= parts;
  if (!byProducts) parts = std::min(parts, static_cast<size_t>(batch.rows / (2 * tileRows)));
  if (parts > 1) {
    constexpr size_t kChunksPerPart = 4;
    // Row chunks are whole register tiles, at least two of them.
    ptrdiff_t rowChunk = (batch.rows + static_cast<ptrdiff_t>(parts * kChunksPerPart) - 1) /
                         static_cast<ptrdiff_t>(parts * kChunksPerPart);
    rowChunk = std::max<ptrdiff_t>(2 * tileRows, (rowChunk + tileRows - 1) / tileRows * tileRows);
    // The rows left after the last whole chunk join it rather than make a
    // small chunk of their own.
    const size_t chunks = byProducts ? std::min(count, parts * kChunksPerPart)
                                     : static_cast<size_t>(std::max<ptrdiff_t>(1, batch.rows / rowChunk));
    std::atomic<size_t> next{0};
    std::vector<int> partFlags(parts, 0);
    const bool ran = runParallel(parts, [&](size_t part) {
      clearFpFlags();
      ProductKernel<T> kernel(batch);
      for (size_t chunk; (chunk = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
        if (byProducts) {
          kernel.run(count * chunk / chunks, count * (chunk + 1) / chunks, 0, batch.rows);
        } else {
          const ptrdiff_t first = static_cast<ptrdiff_t>(chunk) * rowChunk;
          kernel.run(0, count, first, chunk + 1 == chunks ? batch.rows : first + rowChunk);
        }
      }
      partFlags[part] = readFpFlags();
    });
    if (ran) {
      int flags = 0;
      for (int f : partFlags) flags |= f;
      return flags;
    }
  }
  clearFpFlags();
  ProductKernel<T> kernel(batch);
  kernel.run(0, count, 0, batch.rows);
  return readFpFlags();
}

// A signed integer type's products run its unsigned twin's loop (BitsTwin):
// both compute in the same unsigned type and store the low bits
// (ProductTraits), and the low n bits of a sum of products depend only on the
// low n bits of the operands, so the two loops write the same bytes.
static_assert(std::is_same_v<BitsTwin<int8_t>, uint8_t> && std::is_same_v<BitsTwin<int64_t>, uint64_t> &&
              std::is_same_v<BitsTwin<bool>, bool> && std::is_same_v<BitsTwin<float>, float>);

template <class T>
void addProductLoop(std::unordered_map<std::string, ProductLoop>& loops) {
  for (char c : typeChars<T>()) loops[std::string{c, c, '-', '>', c}] = &productLoop<BitsTwin<T>>;
}

template <class... Ts>
void addProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  (addProductLoop<Ts>(loops), ...);
}

}  // namespace
}  // namespace ndinterop::ufunc

#endif  // NDINTEROP_CORE_KERNELS_LINALG_PRODUCT_H
