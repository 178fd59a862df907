// Element selection for the array functions (src/functions/selection.ts):
// where's three-argument select, nonzero, clip, and take's gather. Plain loops
// over contiguous bytes; the caller (native/napi/functions/select_napi.cc)
// checks every length against the buffers first.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ndinterop::kernels {

// out[i] = mask[i] ? x[i] : y[i] for n elements of `width` bytes (1, 2, 4, 8
// or 16). A step of 0 repeats the operand's one element (a broadcast
// scalar); 1 walks it. Returns false for an unsupported width.
bool selectWhere(const uint8_t* mask, const void* x, int xStep, const void* y, int yStep, void* out, int64_t n,
                 int width);

// The number of nonzero bytes in mask[0..n).
int64_t countNonzero(const uint8_t* mask, int64_t n);

// The C-order coordinates of the nonzero bytes of a C-contiguous mask of
// `shape` (ndim >= 1): coords[d] receives axis d's coordinate of each, in
// order; `count` must be countNonzero(mask), and each coords[d] holds that
// many elements (nothing is written past them).
void nonzeroCoordinates(const uint8_t* mask, const int64_t* shape, int ndim, int64_t count, int64_t* const* coords);

// clip(x, lo, hi) over n contiguous float32 (width 4) or float64 (width 8)
// elements in one pass, as NumPy 2.4: with both bounds its clip loop (a NaN
// element, else a NaN bound, wins; an element equal to a bound stays as it
// is, its zero's sign included), with one bound maximum(x, lo) or
// minimum(x, hi) (a tie gives the bound). Raises no floating-point flag.
// Returns false for an unsupported width.
bool clipContiguous(const void* x, void* out, int64_t n, int width, double lo, bool hasLo, double hi, bool hasHi);

enum class TakeMode { kRaise, kWrap, kClip };

// Gathers along the middle axis of a C-contiguous (outer, n, chunk bytes)
// array: to[o, j] = from[o, indices[j]] for j < count, an index in [-n, n)
// counting from the end when negative. Out-of-range indices follow `mode`;
// with kRaise the first bad index's position j is returned and `to` is
// partly written, otherwise (and on success) -1. n must be > 0 when count > 0.
int64_t takeAlong(const uint8_t* from, uint8_t* to, const int64_t* indices, int64_t count, int64_t n, int64_t outer,
                  int64_t chunk, TakeMode mode);

}  // namespace ndinterop::kernels
