// argmax and argmin over contiguous rows (src/functions/reductions.ts).
#pragma once

#include <cstdint>

#include "core/kernels/sort.h"

namespace ndinterop::kernels {

// For each of `rows` consecutive rows of `length` (>= 1) elements of `width`
// bytes at `data` (aligned to the width, at most 8), out[r] receives the index of the
// row's first maximum (wantMax) or first minimum, in NumPy's sense: for
// floats the first NaN wins, and -0.0 and +0.0 tie (the first of them
// counts). kind as sortRows; floats of width 4, 8 and 16 (long double;
// float16 is widened by the caller). Raises no floating-point flag. Returns false for
// an unsupported kind/width pair.
bool argExtremumRows(SortKind kind, int width, const void* data, int64_t length, int64_t rows, bool wantMax,
                     int64_t* out);

}  // namespace ndinterop::kernels
