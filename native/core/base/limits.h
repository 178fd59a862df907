// Limits every layer shares: the one home of each number, so the N-API
// layer, DLPack import and the JS library (which reads them from the addon)
// cannot disagree.
#pragma once

#include <cstdint>

namespace ndinterop {

// The most dimensions a view may have: NumPy's NPY_MAXDIMS (64 since NumPy
// 2.0), also the limit DLPack import accepts. src/base/validate.ts holds the
// same number as `maxDims`; a test checks it against the addon's `maxDims`.
inline constexpr int kMaxDims = 64;

// The largest integer a JS number holds exactly (Number.MAX_SAFE_INTEGER):
// shapes, element counts and byte lengths beyond it cannot be described to JS.
inline constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

}  // namespace ndinterop
