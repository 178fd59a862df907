// Large result buffers and the kernel's page faults.
//
// A fresh ArrayBuffer of many megabytes is untouched memory the kernel maps
// page by page as a ufunc first writes it: with 4 KiB pages that is one fault
// per 4 KiB, which costs several times the arithmetic of an add
// (bench/results-decisions.md: huge pages). NumPy asks for transparent huge pages on
// allocations of 4 MiB and more; adviseHugePages does the same for the
// 2 MiB-aligned interior of an ArrayBuffer's memory, before it is written.
#include <cstdint>
#include <memory>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "core/base/result_pool.h"
#include "napi/errors.h"
#include "napi/held_stores.h"
#include "napi/module.h"
#include "napi/numbers.h"
#include "napi/v8_bridge.h"

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

// V8 calls this when the ArrayBuffer's memory is freed: during or after a GC,
// on the JS thread or one of V8's own, or at environment teardown.
void returnToPool(void* data, size_t byteLength, void* /*unused*/) {
  ResultPool::shared().give(data, byteLength);
}

// allocateForOverwrite(byteLength: number): ArrayBuffer | undefined
// An ArrayBuffer on a ResultPool block, whose contents are unspecified: only
// for results the caller writes in full before anything reads them.
// undefined when the pool has nothing to give (pooling off, no memory); the
// caller then makes an ordinary zero-filled ArrayBuffer.
Napi::Value allocateForOverwrite(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throwTypeError(env, "expected a byte length");
  const double requested = info[0].As<Napi::Number>().DoubleValue();
  if (!isSafeInteger(requested) || requested < 1) {
    throw makeError(env, ErrorCode::kInvalidValue, "expected a positive integer byte length");
  }
#if defined(V8_ENABLE_SANDBOX)
  // Builds with V8's sandbox (Electron) refuse memory from outside it.
  return env.Undefined();
#else
  const size_t byteLength = static_cast<size_t>(requested);
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  // V8 weighs its young generation's ArrayBuffer memory (pooled results
  // included) only when it allocates an ArrayBuffer's memory itself: past
  // twice the semi-space size it first runs a young-generation GC, which
  // frees dead young results and so returns their blocks here. Our own
  // buffers never pass through that check, and without this one-byte
  // allocation only full GCs (external memory pressure, several times the
  // cost) would recycle them (bench/results-decisions.md: young-GC nudge).
  (void)v8::ArrayBuffer::New(isolate, 1);
  void* block = ResultPool::shared().take(byteLength);
  if (block == nullptr) return env.Undefined();
  // V8 counts the bytes of every new ArrayBuffer as external memory, and
  // subtracts them again when the buffer dies. A reused block is counted
  // like a fresh one: taking its count back here would leave V8's total
  // below what it later subtracts, and V8 (Node 22 and later) stops the
  // process when the total would go negative.
  std::unique_ptr<v8::BackingStore> store =
      v8::ArrayBuffer::NewBackingStore(block, byteLength, &returnToPool, nullptr);
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, std::move(store));
  return Napi::Value(env, fromV8(buffer));
#endif
}

// resultPoolStats(): [cachedBytes, cachedBlocks, limitBytes, hits, misses]
Napi::Value resultPoolStats(const Napi::CallbackInfo& info) {
  const ResultPoolStats stats = ResultPool::shared().stats();
  Napi::Array out = Napi::Array::New(info.Env(), 5);
  const size_t values[5] = {stats.cachedBytes, stats.cachedBlocks, stats.limitBytes, stats.hits, stats.misses};
  for (uint32_t i = 0; i < 5; ++i) out.Set(i, Napi::Number::New(info.Env(), static_cast<double>(values[i])));
  return out;
}

// resultPoolTrim(limitBytes?: number): unmaps every cached block; with a
// limit, also sets how much the pool keeps from now on (0 turns it off).
Napi::Value resultPoolTrim(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() >= 1 && !info[0].IsUndefined()) {
    const double limit = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
    if (!isSafeInteger(limit) || limit < 0) {
      throw makeError(env, ErrorCode::kInvalidValue, "expected a non-negative integer byte limit");
    }
    ResultPool::shared().setLimit(static_cast<size_t>(limit));
  }
  ResultPool::shared().trim();
  return env.Undefined();
}

// heldNatively(buffer): boolean — whether native code holds the memory of an
// ArrayBuffer (or SharedArrayBuffer, or a view's buffer) through its
// BackingStore: a DLPack export whose deleter has not run, or a pending
// async ufunc call (napi/held_stores.h). False for anything else, detached
// buffers included (they no longer have that BackingStore).
Napi::Value heldNatively(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsObject()) return Napi::Boolean::New(info.Env(), false);
  std::shared_ptr<v8::BackingStore> store = backingStoreOf(info[0]);
  return Napi::Boolean::New(info.Env(), storeIsHeld(store.get()));
}

void initMemory(Napi::Env env, Napi::Object exports) {
  exports.Set("heldNatively", Napi::Function::New(env, heldNatively, "heldNatively"));
  exports.Set("allocateForOverwrite", Napi::Function::New(env, allocateForOverwrite, "allocateForOverwrite"));
  exports.Set("resultPoolStats", Napi::Function::New(env, resultPoolStats, "resultPoolStats"));
  exports.Set("resultPoolTrim", Napi::Function::New(env, resultPoolTrim, "resultPoolTrim"));
  exports.Set("adviseHugePages", Napi::Function::New(env, adviseHugePages, "adviseHugePages"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(memory, ndinterop::napi::initMemory);
