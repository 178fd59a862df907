// See quicksort.h.
#include "core/kernels/quicksort.h"

#include <algorithm>
#include <cstring>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "core/base/cpu.h"
#include "core/base/parallel.h"

namespace ndinterop::kernels {
namespace {

#if defined(__x86_64__)
constexpr int64_t kSmall = 64;

// Insertion sort, for the leaves of the recursion.
void insertionSort(int64_t* a, int64_t n) {
  for (int64_t i = 1; i < n; i++) {
    const int64_t x = a[i];
    int64_t j = i;
    while (j > 0 && a[j - 1] > x) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
  }
}

// The median of a sample of up to 15 elements spread over a[0..n).
int64_t samplePivot(const int64_t* a, int64_t n) {
  int64_t sample[15];
  const int count = n >= 1024 ? 15 : (n >= 64 ? 7 : 3);
  const int64_t step = n / count;
  for (int i = 0; i < count; i++) sample[i] = a[step / 2 + i * step];
  insertionSort(sample, count);
  return sample[count / 2];
}

// Scalar partition: a[0..m) <= pivot < a[m..n).
int64_t partitionScalar(int64_t* a, int64_t n, int64_t pivot) {
  int64_t m = 0;
  for (int64_t i = 0; i < n; i++) {
    if (a[i] <= pivot) std::swap(a[i], a[m++]);
  }
  return m;
}

#define NDINTEROP_SORT_AVX2 __attribute__((target("avx2,popcnt")))

// For each 4-bit mask of lanes above the pivot: the 32-bit lane indices that
// move the lanes at or below the pivot first, then the others, each in order.
struct PermutationTable {
  alignas(32) int32_t lanes[16][8];
  constexpr PermutationTable() : lanes{} {
    for (int mask = 0; mask < 16; mask++) {
      int out = 0;
      for (int pass = 0; pass < 2; pass++) {
        for (int lane = 0; lane < 4; lane++) {
          if (((mask >> lane) & 1) == pass) {
            lanes[mask][out++] = 2 * lane;
            lanes[mask][out++] = 2 * lane + 1;
          }
        }
      }
    }
  }
};
constexpr PermutationTable kPermutations;

constexpr int kUnroll = 4;  // vectors per step

struct Sink {
  int64_t* a;
  int64_t left;   // next write at the front
  int64_t right;  // one past the next write at the back
};

NDINTEROP_SORT_AVX2 inline void place(Sink& s, __m256i v, __m256i pivot) {
  const int mask = _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(v, pivot)));
  const __m256i order = _mm256_load_si256(reinterpret_cast<const __m256i*>(kPermutations.lanes[mask]));
  const __m256i sorted = _mm256_permutevar8x32_epi32(v, order);
  const int above = _mm_popcnt_u32(unsigned(mask));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(s.a + s.left), sorted);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(s.a + s.right - 4), sorted);
  s.left += 4 - above;
  s.right -= above;
}

// Partitions a[0..n) (n a multiple of 4, at least 8 * kUnroll) around
// pivot in place: returns m with a[0..m) <= pivot < a[m..n). The first and
// last kUnroll vectors are held in registers so that every full-width store
// lands in space already read (see the invariant below).
NDINTEROP_SORT_AVX2 int64_t partitionVectors(int64_t* a, int64_t n, int64_t pivotValue) {
  const __m256i pivot = _mm256_set1_epi64x(pivotValue);
  __m256i first[kUnroll], last[kUnroll];
  for (int k = 0; k < kUnroll; k++) {
    first[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 4 * k));
    last[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + n - 4 * kUnroll + 4 * k));
  }
  int64_t readLeft = 4 * kUnroll;
  int64_t readRight = n - 4 * kUnroll;
  Sink s{a, 0, n};
  // Invariant: the free space at the two ends, (readLeft - s.left) and
  // (s.right - readRight), sums to 8 * kUnroll before each step. Reading
  // kUnroll vectors from the end with less free space leaves both ends at
  // least 4 * kUnroll free, enough for the kUnroll full-width stores.
  while (readRight - readLeft >= 4 * kUnroll) {
    __m256i v[kUnroll];
    if (readLeft - s.left <= s.right - readRight) {
      for (int k = 0; k < kUnroll; k++) v[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + readLeft + 4 * k));
      readLeft += 4 * kUnroll;
    } else {
      readRight -= 4 * kUnroll;
      for (int k = 0; k < kUnroll; k++) v[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + readRight + 4 * k));
    }
    for (int k = 0; k < kUnroll; k++) place(s, v[k], pivot);
  }
  // Fewer than kUnroll vectors left unread: one at a time, same rule.
  while (readRight > readLeft) {
    __m256i v;
    if (readLeft - s.left <= s.right - readRight) {
      v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + readLeft));
      readLeft += 4;
    } else {
      readRight -= 4;
      v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + readRight));
    }
    place(s, v, pivot);
  }
  // Everything is read; the gap s.left..s.right is exactly the 8 * kUnroll
  // held elements, and each store stays inside it.
  for (int k = 0; k < kUnroll; k++) place(s, first[k], pivot);
  for (int k = 0; k < kUnroll; k++) place(s, last[k], pivot);
  return s.left;
}

// Partition of any length: the tail beyond a multiple of 4 is set aside,
// the rest partitioned in vectors, then each tail element put on its side.
NDINTEROP_SORT_AVX2 int64_t partition(int64_t* a, int64_t n, int64_t pivot) {
  if (n < 8 * kUnroll + 4) return partitionScalar(a, n, pivot);
  const int64_t body = n & ~int64_t(3);
  int64_t tail[3];
  const int64_t extra = n - body;
  std::memcpy(tail, a + body, size_t(extra) * sizeof(int64_t));
  int64_t m = partitionVectors(a, body, pivot);
  int64_t end = body;
  for (int64_t i = 0; i < extra; i++) {
    if (tail[i] <= pivot) {
      a[end++] = a[m];
      a[m++] = tail[i];
    } else {
      a[end++] = tail[i];
    }
  }
  return m;
}


// Sorting networks in registers for the leaves (at most 64 elements): load
// into K vectors (padding with the largest value), sort the four lanes of
// each group of four vectors as columns, transpose so every vector holds a
// sorted run of four, then bitonic merges of runs of 1, 2, 4, ... vectors.
NDINTEROP_SORT_AVX2 inline void exchange(__m256i& lo, __m256i& hi) {
  const __m256i greater = _mm256_cmpgt_epi64(lo, hi);
  const __m256i low = _mm256_blendv_epi8(lo, hi, greater);
  hi = _mm256_blendv_epi8(hi, lo, greater);
  lo = low;
}

NDINTEROP_SORT_AVX2 inline __m256i reversed(__m256i v) { return _mm256_permute4x64_epi64(v, 0x1B); }

// Sorts a bitonic sequence of four lanes within one vector.
NDINTEROP_SORT_AVX2 inline __m256i cleanLanes(__m256i v) {
  __m256i other = _mm256_permute4x64_epi64(v, 0x4E);  // distance 2
  __m256i greater = _mm256_cmpgt_epi64(v, other);
  __m256i low = _mm256_blendv_epi8(v, other, greater);
  __m256i high = _mm256_blendv_epi8(other, v, greater);
  v = _mm256_blend_epi32(low, high, 0xF0);
  other = _mm256_permute4x64_epi64(v, 0xB1);  // distance 1
  greater = _mm256_cmpgt_epi64(v, other);
  low = _mm256_blendv_epi8(v, other, greater);
  high = _mm256_blendv_epi8(other, v, greater);
  return _mm256_blend_epi32(low, high, 0xCC);
}

NDINTEROP_SORT_AVX2 inline void transpose(__m256i& r0, __m256i& r1, __m256i& r2, __m256i& r3) {
  const __m256i t0 = _mm256_unpacklo_epi64(r0, r1);
  const __m256i t1 = _mm256_unpackhi_epi64(r0, r1);
  const __m256i t2 = _mm256_unpacklo_epi64(r2, r3);
  const __m256i t3 = _mm256_unpackhi_epi64(r2, r3);
  r0 = _mm256_permute2x128_si256(t0, t2, 0x20);
  r1 = _mm256_permute2x128_si256(t1, t3, 0x20);
  r2 = _mm256_permute2x128_si256(t0, t2, 0x31);
  r3 = _mm256_permute2x128_si256(t1, t3, 0x31);
}

// Sorts a bitonic sequence held in r[0..count) vectors.
template <int kCount>
NDINTEROP_SORT_AVX2 inline void cleanVectors(__m256i* r) {
#pragma GCC unroll 16
  for (int d = kCount / 2; d >= 1; d /= 2) {
#pragma GCC unroll 16
    for (int i = 0; i < kCount; i++) {
      if ((i & d) == 0) exchange(r[i], r[i + d]);
    }
  }
#pragma GCC unroll 16
  for (int i = 0; i < kCount; i++) r[i] = cleanLanes(r[i]);
}

// Merges the sorted runs r[0..run) and r[run..2 run).
template <int kRun>
NDINTEROP_SORT_AVX2 inline void mergeRuns(__m256i* r) {
#pragma GCC unroll 16
  for (int i = 0; i < kRun / 2 + (kRun == 1); i++) {
    const int j = kRun - 1 - i;
    __m256i bi = reversed(r[kRun + j]);
    __m256i bj = reversed(r[kRun + i]);
    exchange(r[i], bi);
    if (j != i) exchange(r[j], bj);
    r[kRun + i] = bi;
    if (j != i) r[kRun + j] = bj;
  }
  cleanVectors<kRun>(r);
  cleanVectors<kRun>(r + kRun);
}

template <int kVectors>
NDINTEROP_SORT_AVX2 void networkSort(int64_t* a, int64_t n) {
  __m256i r[kVectors];
  const __m256i top = _mm256_set1_epi64x(INT64_MAX);
  const __m256i lane = _mm256_setr_epi64x(0, 1, 2, 3);
#pragma GCC unroll 16
  for (int i = 0; i < kVectors; i++) {
    const int64_t from = 4 * i;
    if (from + 4 <= n) {
      r[i] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + from));
    } else if (from < n) {
      const __m256i mask = _mm256_cmpgt_epi64(_mm256_set1_epi64x(n - from), lane);
      r[i] = _mm256_blendv_epi8(top, _mm256_maskload_epi64(reinterpret_cast<const long long*>(a + from), mask), mask);
    } else {
      r[i] = top;
    }
  }
#pragma GCC unroll 4
  for (int g = 0; g < kVectors; g += 4) {
    exchange(r[g], r[g + 1]);
    exchange(r[g + 2], r[g + 3]);
    exchange(r[g], r[g + 2]);
    exchange(r[g + 1], r[g + 3]);
    exchange(r[g + 1], r[g + 2]);
    transpose(r[g], r[g + 1], r[g + 2], r[g + 3]);
  }
#pragma GCC unroll 16
  for (int g = 0; g < kVectors; g += 2) mergeRuns<1>(r + g);
#pragma GCC unroll 16
  for (int g = 0; g < kVectors; g += 4) mergeRuns<2>(r + g);
  if constexpr (kVectors >= 8) {
    for (int g = 0; g < kVectors; g += 8) mergeRuns<4>(r + g);
  }
  if constexpr (kVectors >= 16) mergeRuns<8>(r);
#pragma GCC unroll 16
  for (int i = 0; i < kVectors; i++) {
    const int64_t from = 4 * i;
    if (from + 4 <= n) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(a + from), r[i]);
    } else if (from < n) {
      const __m256i mask = _mm256_cmpgt_epi64(_mm256_set1_epi64x(n - from), lane);
      _mm256_maskstore_epi64(reinterpret_cast<long long*>(a + from), mask, r[i]);
    }
  }
}

NDINTEROP_SORT_AVX2 void smallSort(int64_t* a, int64_t n) {
  if (n <= 16) {
    networkSort<4>(a, n);
  } else if (n <= 32) {
    networkSort<8>(a, n);
  } else {
    networkSort<16>(a, n);
  }
}

NDINTEROP_SORT_AVX2 void sortRange(int64_t* a, int64_t n, int depth) {
  while (n > kSmall) {
    if (depth-- == 0) {
      std::sort(a, a + n);
      return;
    }
    int64_t pivot = samplePivot(a, n);
    int64_t m = partition(a, n, pivot);
    if (m == n) {
      // Nothing above the pivot, so it is the largest value: split off its
      // copies (a[m..n) == pivot after this) and sort what is below.
      if (pivot == INT64_MIN) return;
      m = partition(a, n, pivot - 1);
      n = m;
      continue;
    }
    if (m < n - m) {
      sortRange(a, m, depth);
      a += m;
      n -= m;
    } else {
      sortRange(a + m, n - m, depth);
      n = m;
    }
  }
  smallSort(a, n);
}

#endif

// Twice the bits of n, plus some: past this depth the range is handed to std::sort.
int depthLimit(int64_t n) {
  int bits = 0;
  for (uint64_t m = uint64_t(n); m != 0; m >>= 1) bits++;
  return 2 * bits + 8;
}

// Sorts a[0..n) on the calling thread.
void sortSerial(int64_t* a, int64_t n) {
#if defined(__x86_64__)
  if (hasAvx2()) {
    sortRange(a, n, depthLimit(n));
    return;
  }
#endif
  std::sort(a, a + n);
}

// a[0..m) <= pivot < a[m..n), by vectors when the CPU has them.
int64_t partitionAny(int64_t* a, int64_t n, int64_t pivot) {
#if defined(__x86_64__)
  if (hasAvx2()) return partition(a, n, pivot);
#endif
  return std::partition(a, a + n, [pivot](int64_t x) { return x <= pivot; }) - a;
}

// From this many elements on, one partition by the median of a large sample
// splits the input for two threads (the partition itself is one pass, about
// 5% of the sort).
constexpr int64_t kParallelSortCount = int64_t(1) << 20;
constexpr int kSplitSample = 255;

}  // namespace

void quicksortInt64(int64_t* data, int64_t n) {
  if (n < 2) return;
  if (n >= kParallelSortCount && parallelWidth() >= 2) {
    int64_t sample[kSplitSample];
    const int64_t step = n / kSplitSample;
    for (int i = 0; i < kSplitSample; i++) sample[i] = data[step / 2 + i * step];
    std::nth_element(sample, sample + kSplitSample / 2, sample + kSplitSample);
    const int64_t pivot = sample[kSplitSample / 2];
    const int64_t m = partitionAny(data, n, pivot);
    // m == n: the pivot is the largest value; the serial sort handles that.
    if (m < n) {
      const bool ran = runParallel(2, [&](size_t part) { part == 0 ? sortSerial(data, m) : sortSerial(data + m, n - m); });
      if (!ran) {
        sortSerial(data, m);
        sortSerial(data + m, n - m);
      }
      return;
    }
  }
  sortSerial(data, n);
}

}  // namespace ndinterop::kernels
