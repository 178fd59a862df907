// Stable sorting of contiguous rows of real numbers, in NumPy's order: an
// LSD radix sort on an order-preserving transform of the bit patterns, so
// every NumPy sort kind ('quicksort', 'stable', 'mergesort', 'heapsort') is
// served by the same stable result (a stable result is a valid result of
// every kind; ties of the unstable kinds are unordered in NumPy too). Rows
// of 8-byte elements sorted in place take a vector quicksort on the same
// keys instead, with zeros and NaNs set aside, which gives the same bits.
//
// Floats: NaN sorts last (all NaNs tie, in their original order, payload
// and sign kept); -0.0 and +0.0 tie and keep their original order, as in
// NumPy's comparison-based sorts, where they compare equal.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ndinterop::kernels {

enum class SortKind { kUnsigned, kSigned, kFloat };

// Sorts `rows` consecutive rows of `length` elements of `width` bytes (1, 2,
// 4 or 8; 2 for float means IEEE half) at `data`. With `indices` null the
// rows are sorted in place; otherwise `data` is left alone and `indices`
// (rows * length int64) receives each row's stable argsort. Returns false
// for an unsupported width/kind pair.
bool sortRows(SortKind kind, int width, void* data, int64_t length, int64_t rows, int64_t* indices);

}  // namespace ndinterop::kernels
