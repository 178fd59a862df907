// Large result buffers and the kernel's page faults.
//
// A fresh ArrayBuffer of many megabytes is untouched memory the kernel maps
// page by page as a ufunc first writes it: with 4 KiB pages that is one fault
// per 4 KiB, which costs more than the arithmetic (80 MB: ~20k faults, ~35 ms
// here against ~8 ms for the add). NumPy asks for transparent huge pages on
// allocations of 4 MiB and more; adviseHugePages does the same for the
// 2 MiB-aligned interior of an ArrayBuffer's memory, before it is written.
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "napi/errors.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

constexpr uintptr_t kHugePage = uintptr_t{1} << 21;

// adviseHugePages(buffer: ArrayBuffer): boolean — true when the advice was taken.
Napi::Value adviseHugePages(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArrayBuffer()) throwTypeError(env, "expected an ArrayBuffer");
  bool advised = false;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  Napi::ArrayBuffer buffer = info[0].As<Napi::ArrayBuffer>();
  const uintptr_t start = reinterpret_cast<uintptr_t>(buffer.Data());
  const uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = (start + buffer.ByteLength()) & ~(kHugePage - 1);
  if (start != 0 && end > begin) {
    advised = madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE) == 0;
  }
#endif
  return Napi::Boolean::New(env, advised);
}

void initMemory(Napi::Env env, Napi::Object exports) {
  exports.Set("adviseHugePages", Napi::Function::New(env, adviseHugePages, "adviseHugePages"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(memory, ndinterop::napi::initMemory);
