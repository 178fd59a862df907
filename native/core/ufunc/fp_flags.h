// The floating-point exceptions a loop raised, as the bit mask handed to JS
// (NumPy's npy_get_floatstatus / npy_clear_floatstatus). Shared by ufunc
// execution, casts and the product kernels: each clears the thread's flags,
// runs, then reads them.
#pragma once

#include <cfenv>

namespace ndinterop::ufunc {

// Bits of the flag mask returned to JS (src/ufunc/errstate.ts reads them).
enum FpFlag : int { kFpDivideByZero = 1, kFpOverflow = 2, kFpUnderflow = 4, kFpInvalid = 8 };

// Clears the calling thread's floating-point exception flags.
inline void clearFpFlags() { std::feclearexcept(FE_ALL_EXCEPT); }

// The calling thread's raised exceptions as FpFlag bits.
inline int readFpFlags() {
  const int raised = std::fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INVALID);
  int flags = 0;
  if (raised & FE_DIVBYZERO) flags |= kFpDivideByZero;
  if (raised & FE_OVERFLOW) flags |= kFpOverflow;
  if (raised & FE_UNDERFLOW) flags |= kFpUnderflow;
  if (raised & FE_INVALID) flags |= kFpInvalid;
  return flags;
}

}  // namespace ndinterop::ufunc
