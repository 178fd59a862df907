// LSD radix sort for NumPy's sort/argsort (see sort.h for the ordering), and
// the vector quicksort (quicksort.h) for in-place sorts of 8-byte elements.
// Keys are the element bits mapped so unsigned comparison gives NumPy's
// order; one pass builds every digit histogram, and passes whose digit is
// the same for every key are skipped (common for the high exponent digits
// of floats from a narrow range).
#include "core/kernels/sort.h"

#include "core/kernels/quicksort.h"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

namespace ndinterop::kernels {
namespace {

template <class U>
constexpr U kSignBit = U(U(1) << (8 * sizeof(U) - 1));

// The largest key: every NaN gets it (no non-NaN value maps there, because
// the only bit pattern that would is itself a NaN).
template <class U>
constexpr U kNanKey = U(~U(0));

template <class U>
bool isNan(U bits) {
  const U magnitude = U(bits & U(~kSignBit<U>));
  U infinity;
  if constexpr (sizeof(U) == 2) {
    infinity = U(0x7c00u);
  } else if constexpr (sizeof(U) == 4) {
    infinity = U(0x7f800000u);
  } else {
    infinity = U(0x7ff0000000000000ull);
  }
  return magnitude > infinity;
}

template <class U>
bool isZero(U bits) {
  return U(bits & U(~kSignBit<U>)) == 0;
}

// Order-preserving key of a float that is neither NaN nor zero.
template <class U>
U floatKey(U bits) {
  return (bits & kSignBit<U>) ? U(~bits) : U(bits | kSignBit<U>);
}

template <class U>
U floatFromKey(U key) {
  return (key & kSignBit<U>) ? U(key ^ kSignBit<U>) : U(~key);
}

template <class U>
U keyOf(SortKind kind, U bits) {
  switch (kind) {
    case SortKind::kUnsigned:
      return bits;
    case SortKind::kSigned:
      return U(bits ^ kSignBit<U>);
    case SortKind::kFloat:
      if (isNan(bits)) return kNanKey<U>;
      if (isZero(bits)) return kSignBit<U>;
      return floatKey(bits);
  }
  return bits;
}

constexpr int digitBits(size_t width) { return width <= 2 ? 8 : 11; }
constexpr int digitCount(size_t width) { return (int(8 * width) + digitBits(width) - 1) / digitBits(width); }

constexpr int64_t kInsertionLimit = 24;

// Stable insertion sort of keys (and their indices, when given).
template <class U>
void insertionSort(U* keys, int64_t* index, int64_t n) {
  for (int64_t i = 1; i < n; i++) {
    const U key = keys[i];
    const int64_t at = index ? index[i] : 0;
    int64_t j = i;
    while (j > 0 && keys[j - 1] > key) {
      keys[j] = keys[j - 1];
      if (index) index[j] = index[j - 1];
      j--;
    }
    keys[j] = key;
    if (index) index[j] = at;
  }
}

// Stable LSD radix sort of keys[0..n) (with index[] alongside when given),
// using scratch arrays of the same length. The sorted keys end in `keys`.
template <class U>
void radixSort(U* keys, int64_t* index, int64_t n, std::vector<U>& keyScratch, std::vector<int64_t>& indexScratch) {
  if (n <= kInsertionLimit) {
    insertionSort(keys, index, n);
    return;
  }
  constexpr int kBits = digitBits(sizeof(U));
  constexpr int kDigits = digitCount(sizeof(U));
  constexpr size_t kBuckets = size_t(1) << kBits;
  constexpr U kMask = U((U(1) << kBits) - 1);
  std::vector<int64_t> counts(kBuckets * kDigits, 0);
  for (int64_t i = 0; i < n; i++) {
    const U key = keys[i];
    for (int d = 0; d < kDigits; d++) counts[d * kBuckets + size_t((key >> (d * kBits)) & kMask)]++;
  }
  keyScratch.resize(size_t(n));
  if (index) indexScratch.resize(size_t(n));
  U* from = keys;
  U* to = keyScratch.data();
  int64_t* fromIndex = index;
  int64_t* toIndex = index ? indexScratch.data() : nullptr;
  for (int d = 0; d < kDigits; d++) {
    int64_t* count = &counts[d * kBuckets];
    const int shift = d * kBits;
    if (count[size_t((from[0] >> shift) & kMask)] == n) continue;  // one bucket: nothing moves
    int64_t total = 0;
    for (size_t b = 0; b < kBuckets; b++) {
      const int64_t c = count[b];
      count[b] = total;
      total += c;
    }
    if (fromIndex) {
      for (int64_t i = 0; i < n; i++) {
        const U key = from[i];
        const int64_t at = count[size_t((key >> shift) & kMask)]++;
        to[at] = key;
        toIndex[at] = fromIndex[i];
      }
      std::swap(fromIndex, toIndex);
    } else {
      for (int64_t i = 0; i < n; i++) {
        const U key = from[i];
        to[count[size_t((key >> shift) & kMask)]++] = key;
      }
    }
    std::swap(from, to);
  }
  if (from != keys) {
    std::memcpy(keys, from, size_t(n) * sizeof(U));
    if (index) std::memcpy(index, fromIndex, size_t(n) * sizeof(int64_t));
  }
}

// Floats of row[0..n): NaNs and zeros appended to `nans` and `zeros` (in
// order, bits kept), every other one handed to key(k, bits) for k = 0, 1,
// ...; returns how many went to key. (key may write row[k]: k never passes
// the element being read.)
template <class U, class Key>
int64_t setAsideZerosAndNans(const U* row, int64_t n, std::vector<U>& zeros, std::vector<U>& nans, Key key) {
  int64_t m = 0;
  for (int64_t i = 0; i < n; i++) {
    const U bits = row[i];
    if (isNan(bits)) {
      nans.push_back(bits);
    } else if (isZero(bits)) {
      zeros.push_back(bits);
    } else {
      key(m++, bits);
    }
  }
  return m;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define NDINTEROP_SORT_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define NDINTEROP_SORT_CLONES
#endif

constexpr uint64_t kMagnitude = ~kSignBit<uint64_t>;

// What a float64's bits are XORed with to give its signed key: the
// magnitude bits for negatives, nothing for positives.
inline uint64_t negativeMask(uint64_t bits) { return uint64_t(int64_t(bits) >> 63) & kMagnitude; }

// Replaces each float64 of row[0..n) by its signed key (quicksortRow64) in
// one vectorizable pass, and tells whether none was a zero or NaN (whose
// keys would be wrong: zeros tie, NaNs sort last). The map is its own
// inverse, so a second call undoes the first.
NDINTEROP_SORT_CLONES bool floatKeysInPlace(uint64_t* row, int64_t n) {
  constexpr uint64_t kInfinity = 0x7ff0000000000000ull;
  uint64_t special = 0;
  for (int64_t i = 0; i < n; i++) {
    const uint64_t bits = row[i];
    // Magnitude 0 (a zero) wraps to the top; above infinity is a NaN.
    special |= uint64_t((bits & kMagnitude) - 1 >= kInfinity);
    row[i] = bits ^ negativeMask(bits);
  }
  return special == 0;
}

NDINTEROP_SORT_CLONES void flipMagnitudes(uint64_t* row, int64_t n) {
  for (int64_t i = 0; i < n; i++) row[i] ^= kMagnitude;
}

// An 8-byte row sorted in place (no argsort) goes through the vector
// quicksort, on signed keys: integers as they are (unsigned ones with the
// sign bit flipped), floats other than NaN and zero as their bits with the
// magnitude of negatives inverted (x ^ INT64_MAX), a map that is its own
// inverse. Zeros and NaNs are set aside as for the radix sort, so the
// result is bit for bit the stable sort's.
void quicksortRow64(SortKind kind, uint64_t* row, int64_t length, std::vector<uint64_t>& zeros, std::vector<uint64_t>& nans) {
  int64_t* keys = reinterpret_cast<int64_t*>(row);
  if (kind == SortKind::kSigned) {
    quicksortInt64(keys, length);
    return;
  }
  if (kind == SortKind::kUnsigned) {
    for (int64_t i = 0; i < length; i++) row[i] ^= kSignBit<uint64_t>;
    quicksortInt64(keys, length);
    for (int64_t i = 0; i < length; i++) row[i] ^= kSignBit<uint64_t>;
    return;
  }
  zeros.clear();
  nans.clear();
  int64_t m = length;
  if (!floatKeysInPlace(row, length)) {
    // A zero or NaN: the keys go back to bits, and the row is split.
    floatKeysInPlace(row, length);
    m = setAsideZerosAndNans(row, length, zeros, nans, [&](int64_t at, uint64_t bits) { row[at] = bits ^ negativeMask(bits); });
  }
  quicksortInt64(keys, m);
  // Negatives first (keys below zero), then the zeros, then the positives
  // (whose keys are their bits), moved up by the number of zeros, then NaNs.
  const int64_t negatives = std::partition_point(keys, keys + m, [](int64_t key) { return key < 0; }) - keys;
  flipMagnitudes(row, negatives);
  const int64_t z = int64_t(zeros.size());
  if (z != 0) std::memmove(row + negatives + z, row + negatives, size_t(m - negatives) * sizeof(uint64_t));
  std::copy(zeros.begin(), zeros.end(), row + negatives);
  std::copy(nans.begin(), nans.end(), row + m + z);
}

template <class U>
void sortRowsOf(SortKind kind, U* data, int64_t length, int64_t rows, int64_t* indices) {
  // In-place 8-byte sorts need no key array (see quicksortRow64).
  std::vector<U> keys(indices || sizeof(U) != 8 ? size_t(std::max<int64_t>(length, 0)) : 0);
  std::vector<U> keyScratch;
  std::vector<int64_t> indexScratch;
  std::vector<U> zeros;
  std::vector<U> nans;
  for (int64_t r = 0; r < rows; r++) {
    U* row = data + r * length;
    if (indices) {
      int64_t* index = indices + r * length;
      for (int64_t i = 0; i < length; i++) {
        keys[size_t(i)] = keyOf(kind, row[i]);
        index[i] = i;
      }
      radixSort(keys.data(), index, length, keyScratch, indexScratch);
      continue;
    }
    if constexpr (sizeof(U) == 8) {
      quicksortRow64(kind, row, length, zeros, nans);
      continue;
    }
    if (kind != SortKind::kFloat) {
      for (int64_t i = 0; i < length; i++) keys[size_t(i)] = keyOf(kind, row[i]);
      radixSort<U>(keys.data(), nullptr, length, keyScratch, indexScratch);
      const U flip = kind == SortKind::kSigned ? kSignBit<U> : U(0);
      for (int64_t i = 0; i < length; i++) row[i] = U(keys[size_t(i)] ^ flip);
      continue;
    }
    // Floats: zeros and NaNs are set aside (in order, bits kept) and put
    // back where they sort; the rest go through their keys.
    zeros.clear();
    nans.clear();
    const int64_t m = setAsideZerosAndNans(row, length, zeros, nans, [&](int64_t at, U bits) { keys[size_t(at)] = floatKey(bits); });
    radixSort<U>(keys.data(), nullptr, m, keyScratch, indexScratch);
    int64_t out = 0;
    int64_t k = 0;
    for (; k < m && !(keys[size_t(k)] & kSignBit<U>); k++) row[out++] = floatFromKey(keys[size_t(k)]);
    for (const U bits : zeros) row[out++] = bits;
    for (; k < m; k++) row[out++] = floatFromKey(keys[size_t(k)]);
    for (const U bits : nans) row[out++] = bits;
  }
}

}  // namespace

bool sortRows(SortKind kind, int width, void* data, int64_t length, int64_t rows, int64_t* indices) {
  if (kind == SortKind::kFloat && width == 1) return false;
  switch (width) {
    case 1:
      sortRowsOf(kind, static_cast<uint8_t*>(data), length, rows, indices);
      return true;
    case 2:
      sortRowsOf(kind, static_cast<uint16_t*>(data), length, rows, indices);
      return true;
    case 4:
      sortRowsOf(kind, static_cast<uint32_t*>(data), length, rows, indices);
      return true;
    case 8:
      sortRowsOf(kind, static_cast<uint64_t*>(data), length, rows, indices);
      return true;
    default:
      return false;
  }
}

}  // namespace ndinterop::kernels
