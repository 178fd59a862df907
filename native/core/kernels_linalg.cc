// The matrix-product kernels behind matmul, vecdot, matvec and vecmat (see
// gufunc_registry.h for how the four map onto one product).
//
// Every output element is summed in one fixed order, p = 0, 1, ..., k-1,
// starting from zero, whatever path computes it: that is NumPy's own order
// when it does not call BLAS (integers, bool, float16), so those results are
// bit-exact with NumPy. Large products pack blocks of A and B into
// contiguous panels and run a register-tiled micro-kernel whose fixed-size
// loops the compiler vectorizes across output columns; each accumulator
// still adds its products in order p = 0, 1, ....
//
// Arithmetic per dtype (NumPy's): integers wrap (computed in an unsigned
// type); bool is logical or of logical ands; float16 and bfloat16 sum in
// float and round once at the end; complex uses the textbook formula
// (re = ar*br - ai*bi, im = ar*bi + ai*br). Only real output elements are
// computed (no padding lanes), so the floating-point exceptions raised are
// those of the true products and sums.
#include <algorithm>
#include <complex>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/gufunc_registry.h"
#include "core/ufunc_register.h"

namespace ndinterop::ufunc {
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

// Below this many multiply-adds, packing costs more than it saves.
constexpr ptrdiff_t kDirectLimit = 16 * 16 * 16;

// Micro-tile and cache-block sizes: an MR x NR tile of accumulators stays in
// registers; a KC-deep panel of B (KC x NC) stays in L2, a block of A
// (MC x KC) in L1/L2.
constexpr ptrdiff_t kMR = 4;
constexpr ptrdiff_t kNR = 8;
constexpr ptrdiff_t kKC = 256;
constexpr ptrdiff_t kMC = 64;
constexpr ptrdiff_t kNC = 1024;

template <class T>
class ProductKernel {
  using Traits = ProductTraits<T>;
  using Acc = typename Traits::Acc;

 public:
  explicit ProductKernel(const ProductBatch& batch) : batch_(batch) {}

  void runBatch() {
    const ProductBatch& batch = batch_;
    if (batch.rows == 0 || batch.cols == 0) return;
    const size_t ndim = batch.loopShape.size();
    for (ptrdiff_t n : batch.loopShape) {
      if (n == 0) return;
    }
    std::vector<ptrdiff_t> index(ndim, 0);
    const char* a = batch.a.data;
    const char* b = batch.b.data;
    char* out = batch.out.data;
    for (;;) {
      multiply({a, batch.a.rowStride, batch.a.colStride}, {b, batch.b.rowStride, batch.b.colStride},
               {out, batch.out.rowStride, batch.out.colStride});
      size_t d = ndim;
      for (; d-- > 0;) {
        a += batch.a.loopStrides[d];
        b += batch.b.loopStrides[d];
        out += batch.out.loopStrides[d];
        if (++index[d] < batch.loopShape[d]) break;
        a -= batch.a.loopStrides[d] * batch.loopShape[d];
        b -= batch.b.loopStrides[d] * batch.loopShape[d];
        out -= batch.out.loopStrides[d] * batch.loopShape[d];
        index[d] = 0;
      }
      if (d == static_cast<size_t>(-1)) return;
    }
  }

 private:
  void multiply(Matrix a, Matrix b, OutMatrix out) {
    const ptrdiff_t n = batch_.rows, k = batch_.inner, m = batch_.cols;
    if (m == 1) {
      dotRows(a, b, out);
    } else if (n * k * m <= kDirectLimit || n < kMR) {
      accumulateRows(a, b, out);
    } else {
      blocked(a, b, out);
    }
  }

  Acc loadA(const char* p) const { return Traits::load(p, batch_.conjugateA); }
  static Acc loadB(const char* p) { return Traits::load(p, false); }

  // One column of output (matvec, vecdot, matmul with m == 1): a dot product per row.
  void dotRows(Matrix a, Matrix b, OutMatrix out) const {
    const ptrdiff_t n = batch_.rows, k = batch_.inner;
    for (ptrdiff_t i = 0; i < n; ++i) {
      Acc sum = Traits::zero();
      const char* row = a.at(i, 0);
      const char* column = b.data;
      for (ptrdiff_t p = 0; p < k; ++p, row += a.colStride, column += b.rowStride) {
        sum = Traits::multiplyAdd(sum, loadA(row), loadB(column));
      }
      Traits::store(out.at(i, 0), sum);
    }
  }

  // Small products and vecmat: each output row accumulates a[i][p] * b[p][:]
  // for p in order, walking B by rows.
  void accumulateRows(Matrix a, Matrix b, OutMatrix out) {
    const ptrdiff_t n = batch_.rows, k = batch_.inner, m = batch_.cols;
    rowScratch_.assign(static_cast<size_t>(m), Traits::zero());
    Acc* row = rowScratch_.data();
    for (ptrdiff_t i = 0; i < n; ++i) {
      std::fill(row, row + m, Traits::zero());
      for (ptrdiff_t p = 0; p < k; ++p) {
        const Acc x = loadA(a.at(i, p));
        const char* bRow = b.at(p, 0);
        for (ptrdiff_t j = 0; j < m; ++j) row[j] = Traits::multiplyAdd(row[j], x, loadB(bRow + j * b.colStride));
      }
      for (ptrdiff_t j = 0; j < m; ++j) Traits::store(out.at(i, j), row[j]);
    }
  }

  // Packs B[pc:pc+kc, jc:jc+nc] into panels of kNR columns: panel q holds,
  // for each p, the kNR values of row p (fewer in the last panel).
  void packB(Matrix b, ptrdiff_t pc, ptrdiff_t kc, ptrdiff_t jc, ptrdiff_t nc) {
    Acc* packed = bPack_.data();
    for (ptrdiff_t jr = 0; jr < nc; jr += kNR) {
      const ptrdiff_t nr = std::min(kNR, nc - jr);
      for (ptrdiff_t p = 0; p < kc; ++p) {
        const char* source = b.at(pc + p, jc + jr);
        Acc* target = packed + p * kNR;
        for (ptrdiff_t c = 0; c < nr; ++c) target[c] = loadB(source + c * b.colStride);
      }
      packed += kc * kNR;
    }
  }

  // Packs A[ic:ic+mc, pc:pc+kc] into panels of kMR rows, p-major.
  void packA(Matrix a, ptrdiff_t ic, ptrdiff_t mc, ptrdiff_t pc, ptrdiff_t kc) {
    Acc* packed = aPack_.data();
    for (ptrdiff_t ir = 0; ir < mc; ir += kMR) {
      const ptrdiff_t mr = std::min(kMR, mc - ir);
      for (ptrdiff_t p = 0; p < kc; ++p) {
        Acc* target = packed + p * kMR;
        for (ptrdiff_t r = 0; r < mr; ++r) target[r] = loadA(a.at(ic + ir + r, pc + p));
      }
      packed += kc * kMR;
    }
  }

  // A full kMR x kNR tile: fixed trip counts, so the compiler keeps the
  // accumulators in vector registers.
  static void microTile(ptrdiff_t kc, const Acc* a, const Acc* b, Acc* c, ptrdiff_t ldc) {
    Acc acc[kMR][kNR];
    for (ptrdiff_t r = 0; r < kMR; ++r) {
      for (ptrdiff_t j = 0; j < kNR; ++j) acc[r][j] = c[r * ldc + j];
    }
    for (ptrdiff_t p = 0; p < kc; ++p, a += kMR, b += kNR) {
      for (ptrdiff_t r = 0; r < kMR; ++r) {
        const Acc x = a[r];
        for (ptrdiff_t j = 0; j < kNR; ++j) acc[r][j] = Traits::multiplyAdd(acc[r][j], x, b[j]);
      }
    }
    for (ptrdiff_t r = 0; r < kMR; ++r) {
      for (ptrdiff_t j = 0; j < kNR; ++j) c[r * ldc + j] = acc[r][j];
    }
  }

  // A partial tile at the bottom or right edge: only the real elements.
  static void edgeTile(ptrdiff_t kc, ptrdiff_t mr, ptrdiff_t nr, const Acc* a, const Acc* b, Acc* c, ptrdiff_t ldc) {
    for (ptrdiff_t p = 0; p < kc; ++p, a += kMR, b += kNR) {
      for (ptrdiff_t r = 0; r < mr; ++r) {
        for (ptrdiff_t j = 0; j < nr; ++j) c[r * ldc + j] = Traits::multiplyAdd(c[r * ldc + j], a[r], b[j]);
      }
    }
  }

  void blocked(Matrix a, Matrix b, OutMatrix out) {
    const ptrdiff_t n = batch_.rows, k = batch_.inner, m = batch_.cols;
    result_.assign(static_cast<size_t>(n * m), Traits::zero());
    aPack_.resize(static_cast<size_t>(kMC * std::min(k, kKC)));
    bPack_.resize(static_cast<size_t>(std::min(k, kKC) * ((std::min(m, kNC) + kNR - 1) / kNR) * kNR));
    for (ptrdiff_t jc = 0; jc < m; jc += kNC) {
      const ptrdiff_t nc = std::min(kNC, m - jc);
      for (ptrdiff_t pc = 0; pc < k; pc += kKC) {
        const ptrdiff_t kc = std::min(kKC, k - pc);
        packB(b, pc, kc, jc, nc);
        for (ptrdiff_t ic = 0; ic < n; ic += kMC) {
          const ptrdiff_t mc = std::min(kMC, n - ic);
          packA(a, ic, mc, pc, kc);
          for (ptrdiff_t jr = 0; jr < nc; jr += kNR) {
            const ptrdiff_t nr = std::min(kNR, nc - jr);
            const Acc* bPanel = bPack_.data() + (jr / kNR) * kc * kNR;
            for (ptrdiff_t ir = 0; ir < mc; ir += kMR) {
              const ptrdiff_t mr = std::min(kMR, mc - ir);
              const Acc* aPanel = aPack_.data() + (ir / kMR) * kc * kMR;
              Acc* tile = result_.data() + (ic + ir) * m + jc + jr;
              if (mr == kMR && nr == kNR) microTile(kc, aPanel, bPanel, tile, m);
              else edgeTile(kc, mr, nr, aPanel, bPanel, tile, m);
            }
          }
        }
      }
    }
    for (ptrdiff_t i = 0; i < n; ++i) {
      for (ptrdiff_t j = 0; j < m; ++j) Traits::store(out.at(i, j), result_[static_cast<size_t>(i * m + j)]);
    }
  }

  const ProductBatch& batch_;
  // Scratch reused across the batch; owned here, freed with the kernel.
  std::vector<Acc> rowScratch_;
  std::vector<Acc> aPack_;
  std::vector<Acc> bPack_;
  std::vector<Acc> result_;
};

template <class T>
void productLoop(const ProductBatch& batch) {
  ProductKernel<T> kernel(batch);
  kernel.runBatch();
}

template <class T>
void addProductLoop(std::unordered_map<std::string, ProductLoop>& loops) {
  for (char c : typeChars<T>()) loops[std::string{c, c, '-', '>', c}] = &productLoop<T>;
}

template <class... Ts>
void addProductLoops(std::unordered_map<std::string, ProductLoop>& loops) {
  (addProductLoop<Ts>(loops), ...);
}

}  // namespace

ProductLoop findProductLoop(std::string_view types) {
  static const std::unordered_map<std::string, ProductLoop> loops = [] {
    std::unordered_map<std::string, ProductLoop> built;
    addProductLoops<bool, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, Half, BFloat16,
                    float, double, Complex64, Complex128>(built);
    return built;
  }();
  auto found = loops.find(std::string(types));
  return found == loops.end() ? nullptr : found->second;
}

}  // namespace ndinterop::ufunc
