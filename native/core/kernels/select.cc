// where, nonzero and take kernels (see select.h).
#include "core/kernels/select.h"

#include <cfenv>
#include <cstring>

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

}  // namespace

bool clipContiguous(const void* x, void* out, int64_t n, int width, double lo, bool hasLo, double hi, bool hasHi) {
  if (width != 4 && width != 8) return false;
  const bool invalidBefore = std::fetestexcept(FE_INVALID) != 0;
  if (width == 4) clipOf<float>(x, out, n, lo, hasLo, hi, hasHi);
  else clipOf<double>(x, out, n, lo, hasLo, hi, hasHi);
  if (!invalidBefore) std::feclearexcept(FE_INVALID);
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
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) count += mask[i] != 0;
  return count;
}

void nonzeroCoordinates(const uint8_t* mask, const int64_t* shape, int ndim, int64_t count, int64_t* const* coords) {
  int64_t size = 1;
  for (int d = 0; d < ndim; d++) size *= shape[d];
  if (size == 0) return;
  if (ndim == 1) {
    int64_t* out = coords[0];
    // Branchless: slot k is written with every position until a true
    // element keeps it; the loop stops once all `count` slots are kept, so
    // it never writes past them.
    int64_t k = 0;
    for (int64_t i = 0; k < count; i++) {
      out[k] = i;
      k += mask[i] != 0;
    }
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
