// Vectorized float64 inner loops for transcendental functions: NumPy itself
// ships AVX2/AVX-512 exp, and a scalar libm call per element is the slow
// part of sin and cos.
#pragma once

#include <cstddef>

namespace ndinterop::ufunc {

// 'd->d' exp: within 1 ulp of the exact result for results in the normal
// range, libm's exp (with its floating-point flags) everywhere else.
void expFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps);

// 'd->d' sin and cos: within 2 ulp for 2^-26 <= |x| <= 2^19 (measured
// against NumPy, i.e. glibc); libm's sin/cos elsewhere.
void sinFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps);
void cosFloat64Loop(char* const* data, ptrdiff_t count, const ptrdiff_t* steps);

}  // namespace ndinterop::ufunc
