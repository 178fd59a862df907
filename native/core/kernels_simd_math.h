// Vectorized float64 inner loops for transcendental functions NumPy itself
// vectorizes (it ships AVX2/AVX-512 exp), so ndinterop does not fall behind
// a scalar libm call per element.
#pragma once

#include <cstddef>

namespace ndinterop::ufunc {

// 'd->d' exp: within 1 ulp of the exact result for results in the normal
// range, libm's exp (with its floating-point flags) everywhere else.
void expFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps);

}  // namespace ndinterop::ufunc
