// The one test for JS numbers that must be integers C++ can hold exactly.
#pragma once

#include <cmath>

#include "core/base/limits.h"

namespace ndinterop::napi {

// Number.isSafeInteger: finite, integral, and at most 2^53 - 1 in magnitude.
inline bool isSafeInteger(double number) {
  return std::isfinite(number) && number == std::trunc(number) && std::fabs(number) <= static_cast<double>(kMaxSafeInteger);
}

}  // namespace ndinterop::napi
