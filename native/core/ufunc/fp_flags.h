// The floating-point exceptions a loop raised, as the bit mask handed to JS
// (NumPy's npy_get_floatstatus / npy_clear_floatstatus). Shared by ufunc
// execution, casts and the product kernels: each clears the thread's flags,
// runs, then reads them.
#pragma once

#include <cfenv>

namespace ndinterop::ufunc {

// Bits of the flag mask returned to JS (src/ufunc/errstate.ts reads them).
enum FpFlag : int { kFpDivideByZero = 1, kFpOverflow = 2, kFpUnderflow = 4, kFpInvalid = 8 };

// The calling thread's raised exceptions as FE_* bits, and clearing some of
// them. On x86-64 these read and write the SSE and x87 status directly: glibc's
// feclearexcept saves and reloads the whole x87 environment (fnstenv/fldenv),
// which cost a tenth of a small ufunc call. The x87 status matters for the
// longdouble loops; FE_* equal the status bits on x86.
inline int raisedFpExceptions(int which = FE_ALL_EXCEPT) {
#if defined(__x86_64__) && defined(__GNUC__)
  unsigned short x87 = 0;
  __asm__ volatile("fnstsw %0" : "=am"(x87));
  return static_cast<int>((__builtin_ia32_stmxcsr() | x87) & static_cast<unsigned>(which) & FE_ALL_EXCEPT);
#else
  return std::fetestexcept(which);
#endif
}

inline void clearFpExceptions(int which = FE_ALL_EXCEPT) {
#if defined(__x86_64__) && defined(__GNUC__)
  const unsigned mask = static_cast<unsigned>(which) & FE_ALL_EXCEPT;
  __builtin_ia32_ldmxcsr(__builtin_ia32_stmxcsr() & ~mask);
  if (mask == FE_ALL_EXCEPT) {
    __asm__ volatile("fnclex");  // every x87 exception bit at once
  } else {
    unsigned short x87 = 0;
    __asm__ volatile("fnstsw %0" : "=am"(x87));
    if (x87 & mask) std::feclearexcept(static_cast<int>(mask));  // rare: the x87 bits are set
  }
#else
  std::feclearexcept(which);
#endif
}

// Clears the calling thread's floating-point exception flags.
inline void clearFpFlags() { clearFpExceptions(FE_ALL_EXCEPT); }

// The calling thread's raised exceptions as FpFlag bits.
inline int readFpFlags() {
  const int raised = raisedFpExceptions(FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INVALID);
  int flags = 0;
  if (raised & FE_DIVBYZERO) flags |= kFpDivideByZero;
  if (raised & FE_OVERFLOW) flags |= kFpOverflow;
  if (raised & FE_UNDERFLOW) flags |= kFpUnderflow;
  if (raised & FE_INVALID) flags |= kFpInvalid;
  return flags;
}

}  // namespace ndinterop::ufunc
