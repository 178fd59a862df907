// where, nonzero and take kernels (see select.h).
#include "core/kernels/select.h"

#include <cfenv>
#include <cstring>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "core/base/cpu.h"
#include "core/ufunc/fp_flags.h"

namespace ndinterop::kernels {
namespace {

struct Bytes16 {
  uint64_t low;
  uint64_t high;
};

template <class T>
void selectOf(const uint8_t* mask, const T* x, int xStep, const T* y, int yStep, T* out, int64_t n) {
  if (xStep == 1 && yStep == 1) {
    for (int64_t i = 0; i < n; i++) out[i] = mask[i] ? x[i] : y[i];
  } else if (xStep == 1) {
    const T other = y[0];
    for (int64_t i = 0; i < n; i++) out[i] = mask[i] ? x[i] : other;
  } else if (yStep == 1) {
    const T other = x[0];
    for (int64_t i = 0; i < n; i++) out[i] = mask[i] ? other : y[i];
  } else {
    const T first = x[0];
    const T second = y[0];
    for (int64_t i = 0; i < n; i++) out[i] = mask[i] ? first : second;
  }
}

// Index j resolved into [0, n) by `mode`; -1 when out of range under kRaise.
inline int64_t resolve(int64_t index, int64_t n, TakeMode mode) {
  if (index >= 0 && index < n) return index;
  if (index < 0 && index >= -n) return mode == TakeMode::kClip ? 0 : index + n;
  switch (mode) {
    case TakeMode::kRaise:
      return -1;
    case TakeMode::kWrap: {
      const int64_t r = index % n;
      return r < 0 ? r + n : r;
    }
    case TakeMode::kClip:
      return index < 0 ? 0 : n - 1;
  }
  return -1;
}

template <class T>
int64_t takeOf(const T* from, T* to, const int64_t* indices, int64_t count, int64_t n, int64_t outer, TakeMode mode) {
  for (int64_t o = 0; o < outer; o++) {
    const T* row = from + o * n;
    T* target = to + o * count;
    for (int64_t j = 0; j < count; j++) {
      const int64_t at = resolve(indices[j], n, mode);
      if (at < 0) return j;
      target[j] = row[at];
    }
  }
  return -1;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define NDINTEROP_CLIP_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define NDINTEROP_CLIP_CLONES
#endif

// With both bounds, NumPy's clip loop: a NaN element stays, then a NaN
// bound wins, then the bound the element passes; an element equal to a
// bound stays as it is (so -0.0 clipped to [0.0, 0.0] is -0.0). With one
// bound NumPy calls maximum or minimum instead, where a tie gives the bound
// (core/kernels/compare_ops.h's MaximumOp and MinimumOp). For bounds that
// are not NaN each case is one select per bound, which vectorizes (a NaN
// element fails every comparison and so stays); the comparisons raise
// "invalid" on a NaN, and the caller puts the flag back.
template <class F, bool kLo, bool kHi>
NDINTEROP_CLIP_CLONES void clipLoop(const F* x, F* out, int64_t n, F lo, F hi) {
  for (int64_t i = 0; i < n; ++i) {
    F v = x[i];
    if constexpr (kLo && kHi) {
      v = lo > v ? lo : v;
      v = hi < v ? hi : v;
    } else if constexpr (kLo) {
      v = v <= lo ? lo : v;
    } else if constexpr (kHi) {
      v = v >= hi ? hi : v;
    }
    out[i] = v;
  }
}

// The same with a NaN bound: a NaN element stays, everything else becomes
// that bound (the first NaN bound with both, as NumPy's loop checks lo first).
template <class F>
void clipToNan(const F* x, F* out, int64_t n, F nan) {
  for (int64_t i = 0; i < n; ++i) out[i] = x[i] != x[i] ? x[i] : nan;
}

template <class F>
void clipOf(const void* x, void* out, int64_t n, double lo, bool hasLo, double hi, bool hasHi) {
  const F* from = static_cast<const F*>(x);
  F* to = static_cast<F*>(out);
  const F low = static_cast<F>(lo);
  const F high = static_cast<F>(hi);
  if (hasLo && low != low) return clipToNan(from, to, n, low);
  if (hasHi && high != high) return clipToNan(from, to, n, high);
  if (hasLo && hasHi) clipLoop<F, true, true>(from, to, n, low, high);
  else if (hasLo) clipLoop<F, true, false>(from, to, n, low, high);
  else if (hasHi) clipLoop<F, false, true>(from, to, n, low, high);
  else clipLoop<F, false, false>(from, to, n, low, high);
}


// The positions of the nonzero bytes of mask[0..n), in order, into out
// (count of them; nothing is written past). Branchless: slot k is written
// with every position until a nonzero byte keeps it.
void flatPositionsSerial(const uint8_t* mask, int64_t from, int64_t k, int64_t count, int64_t* out) {
  for (int64_t i = from; k < count; i++) {
    out[k] = i;
    k += mask[i] != 0;
  }
}

#if defined(__x86_64__)
// For each 4-bit mask of kept lanes, the kept lane numbers first, in order
// (the rest of the entry is never kept: the next store overwrites it).
struct KeptLanes {
  alignas(32) int64_t lanes[16][4];
  constexpr KeptLanes() : lanes{} {
    for (int mask = 0; mask < 16; mask++) {
      int out = 0;
      for (int lane = 0; lane < 4; lane++) {
        if ((mask >> lane) & 1) lanes[mask][out++] = lane;
      }
    }
  }
};
constexpr KeptLanes kKeptLanes;

// 32 mask bytes per step: one compare gives their 32 truth bits, and each
// group of four stores its positions as one vector (base + kept lanes)
// whose kept prefix lands at out[k]. Full-width stores need 4 free slots,
// so the last few positions go through the serial loop.
__attribute__((target("avx2,popcnt"))) void flatPositionsAvx2(const uint8_t* mask, int64_t n, int64_t count, int64_t* out) {
  int64_t k = 0;
  int64_t i = 0;
  const __m256i zero = _mm256_setzero_si256();
  for (; i + 32 <= n && k + 32 <= count; i += 32) {
    const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(mask + i));
    uint32_t bits = ~uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, zero)));
    if (bits == 0) continue;
    for (int group = 0; group < 8; group++, bits >>= 4) {
      const unsigned kept = bits & 15u;
      const __m256i lanes = _mm256_load_si256(reinterpret_cast<const __m256i*>(kKeptLanes.lanes[kept]));
      const __m256i positions = _mm256_add_epi64(_mm256_set1_epi64x(i + 4 * group), lanes);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + k), positions);
      k += _mm_popcnt_u32(kept);
    }
  }
  flatPositionsSerial(mask, i, k, count, out);
}

// Nonzero bytes of mask[0..n): each 32-byte block's 0/1 bytes summed into
// four 64-bit lanes by a sum of absolute differences against zero.
__attribute__((target("avx2"))) int64_t countNonzeroAvx2(const uint8_t* mask, int64_t n) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i one = _mm256_set1_epi8(1);
  __m256i sums = zero;
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(mask + i));
    const __m256i ones = _mm256_andnot_si256(_mm256_cmpeq_epi8(bytes, zero), one);
    sums = _mm256_add_epi64(sums, _mm256_sad_epu8(ones, zero));
  }
  alignas(32) int64_t lanes[4];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sums);
  int64_t count = lanes[0] + lanes[1] + lanes[2] + lanes[3];
  for (; i < n; i++) count += mask[i] != 0;
  return count;
}

#endif

void flatPositions(const uint8_t* mask, int64_t n, int64_t count, int64_t* out) {
#if defined(__x86_64__)
  if (hasAvx2()) {
    flatPositionsAvx2(mask, n, count, out);
    return;
  }
#endif
  flatPositionsSerial(mask, 0, 0, count, out);
}

}  // namespace

bool clipContiguous(const void* x, void* out, int64_t n, int width, double lo, bool hasLo, double hi, bool hasHi) {
  if (width != 4 && width != 8) return false;
  const bool invalidBefore = ufunc::raisedFpExceptions(FE_INVALID) != 0;
  if (width == 4) clipOf<float>(x, out, n, lo, hasLo, hi, hasHi);
  else clipOf<double>(x, out, n, lo, hasLo, hi, hasHi);
  if (!invalidBefore) ufunc::clearFpExceptions(FE_INVALID);
  return true;
}

bool selectWhere(const uint8_t* mask, const void* x, int xStep, const void* y, int yStep, void* out, int64_t n,
                 int width) {
  switch (width) {
    case 1:
      selectOf(mask, static_cast<const uint8_t*>(x), xStep, static_cast<const uint8_t*>(y), yStep,
               static_cast<uint8_t*>(out), n);
      return true;
    case 2:
      selectOf(mask, static_cast<const uint16_t*>(x), xStep, static_cast<const uint16_t*>(y), yStep,
               static_cast<uint16_t*>(out), n);
      return true;
    case 4:
      selectOf(mask, static_cast<const uint32_t*>(x), xStep, static_cast<const uint32_t*>(y), yStep,
               static_cast<uint32_t*>(out), n);
      return true;
    case 8:
      selectOf(mask, static_cast<const uint64_t*>(x), xStep, static_cast<const uint64_t*>(y), yStep,
               static_cast<uint64_t*>(out), n);
      return true;
    case 16:
      selectOf(mask, static_cast<const Bytes16*>(x), xStep, static_cast<const Bytes16*>(y), yStep,
               static_cast<Bytes16*>(out), n);
      return true;
    default:
      return false;
  }
}

int64_t countNonzero(const uint8_t* mask, int64_t n) {
#if defined(__x86_64__)
  if (hasAvx2()) return countNonzeroAvx2(mask, n);
#endif
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) count += mask[i] != 0;
  return count;
}

void nonzeroCoordinates(const uint8_t* mask, const int64_t* shape, int ndim, int64_t count, int64_t* const* coords) {
  int64_t size = 1;
  for (int d = 0; d < ndim; d++) size *= shape[d];
  if (size == 0) return;
  if (ndim == 1) {
    flatPositions(mask, size, count, coords[0]);
    return;
  }
  // Rows along the last axis; the outer coordinates advance once per row.
  const int64_t last = shape[ndim - 1];
  const int64_t rows = size / last;
  int64_t outer[64] = {};
  int64_t k = 0;
  for (int64_t r = 0; r < rows; r++) {
    const uint8_t* row = mask + r * last;
    for (int64_t i = 0; i < last; i++) {
      if (row[i] == 0) continue;
      for (int d = 0; d < ndim - 1; d++) coords[d][k] = outer[d];
      coords[ndim - 1][k] = i;
      k++;
    }
    for (int d = ndim - 2; d >= 0; d--) {
      if (++outer[d] < shape[d]) break;
      outer[d] = 0;
    }
  }
}

int64_t takeAlong(const uint8_t* from, uint8_t* to, const int64_t* indices, int64_t count, int64_t n, int64_t outer,
                  int64_t chunk, TakeMode mode) {
  switch (chunk) {
    case 1:
      return takeOf(from, to, indices, count, n, outer, mode);
    case 2:
      return takeOf(reinterpret_cast<const uint16_t*>(from), reinterpret_cast<uint16_t*>(to), indices, count, n, outer, mode);
    case 4:
      return takeOf(reinterpret_cast<const uint32_t*>(from), reinterpret_cast<uint32_t*>(to), indices, count, n, outer, mode);
    case 8:
      return takeOf(reinterpret_cast<const uint64_t*>(from), reinterpret_cast<uint64_t*>(to), indices, count, n, outer, mode);
    default:
      break;
  }
  for (int64_t o = 0; o < outer; o++) {
    const uint8_t* row = from + o * n * chunk;
    uint8_t* target = to + o * count * chunk;
    for (int64_t j = 0; j < count; j++) {
      const int64_t at = resolve(indices[j], n, mode);
      if (at < 0) return j;
      std::memcpy(target + j * chunk, row + at * chunk, size_t(chunk));
    }
  }
  return -1;
}

}  // namespace ndinterop::kernels
