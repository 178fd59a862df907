// argmax/argmin in two passes per row: the extremum's value, by vector lanes
// (a running index would chain every element on the one before), then the
// first index holding that value, a scan that stops there. A NaN found by
// the first pass makes the second look for the first NaN instead.
#include "core/kernels/arg_extremum.h"

#include <cfenv>
#include <cstring>
#include <algorithm>
#include <type_traits>
#include <vector>

#include "core/base/parallel.h"
#include "core/ufunc/fp_flags.h"
#include "core/kernels/extremum_lanes.h"

namespace ndinterop::kernels {
namespace {

// The extremum of p[0..n) (n >= 1) in lanes, ignoring NaN; `nan` tells
// whether one was seen. The caller restores the "invalid" flag.
template <class T, bool kMax>
T extremumValue(const T* p, int64_t n, bool& nan) {
  const T value = laneExtremum<T, kMax>(p[0], reinterpret_cast<const char*>(p + 1), n - 1, nan);
  if constexpr (std::is_floating_point_v<T>) nan = nan || p[0] != p[0];
  return value;
}

// The first index in p[0..n) holding `value`, or the first NaN when `nan`.
template <class T>
int64_t firstIndexOf(const T* p, int64_t n, T value, bool nan) {
  for (int64_t i = 0; i < n; ++i) {
    if (nan ? p[i] != p[i] : p[i] == value) return i;
  }
  return 0;
}

// Long rows are summarised block by block (each block's extremum and whether
// it holds a NaN), so the second pass scans one block instead of the row up
// to the answer; rows of at least kParallelArgCount elements split the blocks
// between two threads, as the sum does (arith.cc).
constexpr int64_t kBlock = 4096;
constexpr int64_t kParallelArgCount = int64_t{1} << 18;

template <class T, bool kMax>
int64_t firstExtremum(const T* p, int64_t n) {
  if (n <= kBlock) {
    bool nan = false;
    const T value = extremumValue<T, kMax>(p, n, nan);
    return firstIndexOf(p, n, value, nan);
  }
  const int64_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<T> values(static_cast<size_t>(blocks));
  std::vector<char> nans(static_cast<size_t>(blocks));
  const auto summarise = [&](int64_t from, int64_t to) {
    const bool invalidBefore = ufunc::raisedFpExceptions(FE_INVALID) != 0;
    for (int64_t b = from; b < to; ++b) {
      bool nan = false;
      values[static_cast<size_t>(b)] = extremumValue<T, kMax>(p + b * kBlock, std::min(kBlock, n - b * kBlock), nan);
      nans[static_cast<size_t>(b)] = nan;
    }
    if (!invalidBefore) ufunc::clearFpExceptions(FE_INVALID);
  };
  const bool split = n >= kParallelArgCount && parallelWidth() >= 2 &&
                     runParallel(2, [&](size_t part) { part == 0 ? summarise(0, blocks / 2) : summarise(blocks / 2, blocks); });
  if (!split) summarise(0, blocks);
  for (int64_t b = 0; b < blocks; ++b) {
    if (nans[static_cast<size_t>(b)]) {
      return b * kBlock + firstIndexOf(p + b * kBlock, std::min(kBlock, n - b * kBlock), T{}, true);
    }
  }
  T best = values[0];
  for (int64_t b = 1; b < blocks; ++b) best = better<T, kMax>(values[static_cast<size_t>(b)], best);
  for (int64_t b = 0;; ++b) {
    if (values[static_cast<size_t>(b)] == best) {
      return b * kBlock + firstIndexOf(p + b * kBlock, std::min(kBlock, n - b * kBlock), best, false);
    }
  }
}

template <class T>
void rowsOf(const void* data, int64_t length, int64_t rows, bool wantMax, int64_t* out) {
  const T* p = static_cast<const T*>(data);
  for (int64_t r = 0; r < rows; ++r, p += length) {
    out[r] = wantMax ? firstExtremum<T, true>(p, length) : firstExtremum<T, false>(p, length);
  }
}

// long double (x87 80-bit, 16-byte storage): a plain scan, no vector type;
// loads by memcpy, since the rows need only 8-byte alignment.
template <bool kMax>
int64_t firstExtremumLong(const char* p, int64_t n) {
  long double best;
  std::memcpy(&best, p, sizeof best);
  int64_t at = 0;
  if (best != best) return 0;
  for (int64_t i = 1; i < n; ++i) {
    long double x;
    std::memcpy(&x, p + i * static_cast<int64_t>(sizeof x), sizeof x);
    if (x != x) return i;
    if (kMax ? x > best : x < best) {
      best = x;
      at = i;
    }
  }
  return at;
}

void longRows(const void* data, int64_t length, int64_t rows, bool wantMax, int64_t* out) {
  const char* p = static_cast<const char*>(data);
  const int64_t rowBytes = length * static_cast<int64_t>(sizeof(long double));
  for (int64_t r = 0; r < rows; ++r, p += rowBytes) {
    out[r] = wantMax ? firstExtremumLong<true>(p, length) : firstExtremumLong<false>(p, length);
  }
}

}  // namespace

bool argExtremumRows(SortKind kind, int width, const void* data, int64_t length, int64_t rows, bool wantMax,
                     int64_t* out) {
  if (length < 1) return false;
  const bool invalidBefore = ufunc::raisedFpExceptions(FE_INVALID) != 0;
  bool supported = true;
  switch (kind) {
    case SortKind::kUnsigned:
      if (width == 1) rowsOf<uint8_t>(data, length, rows, wantMax, out);
      else if (width == 2) rowsOf<uint16_t>(data, length, rows, wantMax, out);
      else if (width == 4) rowsOf<uint32_t>(data, length, rows, wantMax, out);
      else if (width == 8) rowsOf<uint64_t>(data, length, rows, wantMax, out);
      else supported = false;
      break;
    case SortKind::kSigned:
      if (width == 1) rowsOf<int8_t>(data, length, rows, wantMax, out);
      else if (width == 2) rowsOf<int16_t>(data, length, rows, wantMax, out);
      else if (width == 4) rowsOf<int32_t>(data, length, rows, wantMax, out);
      else if (width == 8) rowsOf<int64_t>(data, length, rows, wantMax, out);
      else supported = false;
      break;
    case SortKind::kFloat:
      if (width == 4) rowsOf<float>(data, length, rows, wantMax, out);
      else if (width == 8) rowsOf<double>(data, length, rows, wantMax, out);
      else if (width == 16 && sizeof(long double) == 16) longRows(data, length, rows, wantMax, out);
      else supported = false;
      break;
    default:
      supported = false;
  }
  if (!invalidBefore) ufunc::clearFpExceptions(FE_INVALID);
  return supported;
}

}  // namespace ndinterop::kernels
