// Asynchronous ufunc execution: a batch of recorded kernel calls run in order
// on the libuv thread pool.
//
// CONTRACT (kept in step with src/base/native.ts `NativeAddon`):
//
// native.ufuncExecAsync(steps): Promise<number[]>
//   `steps` is an array, run in order, of
//     { op: 'exec', name, typeIndex, operands, shape, where?, casts? }   (as ufuncExec)
//     { op: 'cast', source, destination, shape }                 (as castExec)
//     { op: 'gufunc', name, typeIndex, buffers, params }          (as gufuncExec)
//     { op: 'check', raiseMask }
//   Every step is parsed and checked on the calling thread, exactly as the
//   synchronous entry points check it (same errors, thrown synchronously).
//   The promise resolves to one number per 'check' step reached: the OR of
//   the floating-point flags raised by the steps since the previous check.
//   A check whose flags intersect its raiseMask is the last one run (the
//   caller raises there, as the synchronous pipeline would have stopped).
//   A kernel error rejects the promise with the synchronous call's error.
//
// Pinning: for the duration of the work the batch holds, for every distinct
// memory it touches, (1) a strong reference to the JS buffer object, so it
// cannot be collected (nor an external buffer's finalizer run), and (2) the
// V8 BackingStore, so the memory outlives a detach: a transfer through
// postMessage or structuredClone moves the BackingStore to its new owner but
// cannot free it while the batch holds it. (V8's ArrayBuffer::SetDetachKey
// would refuse detaching instead, but Node 20's postMessage and
// structuredClone abort the process on a refused detach, so it is not used.)
// Memory of a resizable (non-shared) ArrayBuffer is refused: V8 decommits
// the tail of a shrunk buffer whatever holds its BackingStore. The shares are
// StoreHolds (napi/held_stores.h), so until the batch is deleted the memory
// counts as held natively and transfer(newLength), which V8 would do by
// reallocating the pinned BackingStore in place, is refused
// (src/base/transfer-guard.ts).
// A worker's environment waits for its pending thread-pool work before it
// runs cleanup hooks, so work in flight always finishes before an
// environment frees anything.
#include <v8.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "core/ufunc/cast.h"
#include "core/ufunc/gufunc_table.h"
#include "core/base/low_priority.h"
#include "core/base/parallel.h"
#include "core/ufunc/exec.h"
#include "core/ufunc/table.h"
#include "napi/errors.h"
#include "napi/held_stores.h"
#include "napi/ufunc/gufunc_args.h"
#include "napi/module.h"
#include "napi/ufunc/args.h"
#include "napi/v8_bridge.h"

namespace ndinterop::napi {
namespace {

using ufunc::UfuncInfo;

struct ExecStep {
  const UfuncInfo* info;
  size_t loopIndex;
  std::vector<IterOperand> operands;
  std::vector<ptrdiff_t> shape;
  bool hasWhere;
  IterOperand where;
  std::vector<ufunc::InputCast> casts;
};

struct CastCall {
  CastOperand source;
  CastOperand destination;
  std::vector<ptrdiff_t> shape;
};

struct CheckStep {
  int raiseMask;
};

using Step = std::variant<ExecStep, CastCall, ProductCall, CheckStep>;

// One queued batch. Owned by the async work: created by ufuncExecAsync,
// deleted by its completion callback (on the JS thread), which is the only
// place the references are released.
class Batch {
 public:
  explicit Batch(Napi::Env env) : env_(env) {}
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  ~Batch() {
    if (work_ != nullptr) napi_delete_async_work(env_, work_);
  }

  // Keeps `buffer` (an operand's ArrayBuffer, SharedArrayBuffer or view)
  // and its memory alive until the batch is deleted.
  void pin(const Napi::Value& buffer) {
    if (!buffer.IsObject()) return;  // not memory: parseOperand reports the error
    std::shared_ptr<v8::BackingStore> store = backingStoreOf(buffer);
    if (!store) return;
    if (isShrinkable(*store)) {
      throw makeError(env_, ErrorCode::kBuffer,
                      "async ufuncs cannot use memory of a resizable ArrayBuffer (shrinking it while the work runs "
                      "would take the memory away); use a fixed-length ArrayBuffer or a SharedArrayBuffer");
    }
    if (!pinnedStores_.insert(store.get()).second) return;
    stores_.emplace_back(std::move(store));
    holds_.push_back(Napi::Persistent(buffer.As<Napi::Object>()));
  }

  // Checks that an operand's first element lies in memory the batch pinned:
  // the pointer parseOperand computed and the pinned store must agree.
  void checkPinned(const char* data, const std::string& what) const {
    for (const auto& store : stores_) {
      const char* start = static_cast<const char*>(store->Data());
      const size_t reach = std::max(store->ByteLength(), store->MaxByteLength());
      if (data >= start && data <= start + reach) return;
    }
    if (data == nullptr) return;  // empty operand: nothing is read or written
    throwTypeError(env_, "expected " + what + " to lie in the memory of its buffer");
  }

  std::vector<Step> steps;

  void queue(napi_deferred deferred) {
    deferred_ = deferred;
    napi_value name = Napi::String::New(env_, "ndinterop.ufuncExecAsync");
    NAPI_THROW_IF_FAILED_VOID(env_, napi_create_async_work(env_, nullptr, name, execute, complete, this, &work_));
    NAPI_THROW_IF_FAILED_VOID(env_, napi_queue_async_work(env_, work_));
  }

 private:
  // Runs on a thread-pool thread: no JS, no napi calls.
  static void execute(napi_env, void* data) {
    Batch& batch = *static_cast<Batch*>(data);
    runAtLowPriority([&batch] { batch.run(); });
  }

  // Runs the steps, on a low-priority companion of the thread-pool thread
  // (native/core/base/low_priority.h): no JS, no napi calls.
  void run() {
    // One pool thread per batch: the other core stays with the event loop.
    SerialScope serial;
    int flags = 0;
    for (Step& step : steps) {
      if (auto* exec = std::get_if<ExecStep>(&step)) {
        int stepFlags = 0;
        status_ = ufunc::exec(*exec->info, exec->loopIndex, std::move(exec->operands), exec->shape,
                              exec->hasWhere ? &exec->where : nullptr, &stepFlags, exec->casts);
        flags |= stepFlags;
      } else if (auto* cast = std::get_if<CastCall>(&step)) {
        int stepFlags = 0;
        status_ = castExec(cast->source, cast->destination, cast->shape, &stepFlags);
        flags |= stepFlags;
      } else if (auto* product = std::get_if<ProductCall>(&step)) {
        int stepFlags = 0;
        status_ = ufunc::execProduct(*product->info, product->loopIndex, product->batch, &stepFlags);
        flags |= stepFlags;
      } else {
        checkFlags_.push_back(flags);
        const bool raises = (flags & std::get<CheckStep>(step).raiseMask) != 0;
        flags = 0;
        if (raises) return;
      }
      if (!status_.ok()) return;
    }
  }

  // Runs on the JS thread once the work is done (or cancelled because the
  // environment is shutting down, when JS can no longer run: settling the
  // promise then fails harmlessly).
  static void complete(napi_env env, napi_status status, void* data) {
    std::unique_ptr<Batch> batch(static_cast<Batch*>(data));
    Napi::Env napiEnv(env);
    Napi::HandleScope scope(napiEnv);
    try {
      if (status == napi_cancelled) {
        napi_reject_deferred(env, batch->deferred_,
                             makeError(napiEnv, ErrorCode::kBuffer, "the async ufunc was cancelled").Value());
      } else if (!batch->status_.ok()) {
        napi_reject_deferred(env, batch->deferred_,
                             makeError(napiEnv, batch->status_.code, batch->status_.message).Value());
      } else {
        Napi::Array flags = Napi::Array::New(napiEnv, batch->checkFlags_.size());
        for (size_t i = 0; i < batch->checkFlags_.size(); ++i) {
          flags[static_cast<uint32_t>(i)] = Napi::Number::New(napiEnv, batch->checkFlags_[i]);
        }
        napi_resolve_deferred(env, batch->deferred_, flags);
      }
    } catch (const Napi::Error&) {
      // The environment is going away; nothing is left to tell.
    }
  }

  Napi::Env env_;
  napi_async_work work_ = nullptr;
  napi_deferred deferred_ = nullptr;
  std::unordered_set<const v8::BackingStore*> pinnedStores_;
  std::vector<StoreHold> stores_;
  std::vector<Napi::ObjectReference> holds_;
  std::vector<int> checkFlags_;
  Status status_;
};

// Reads an operand after pinning its buffer.
IterOperand pinnedOperand(Batch& batch, Napi::Env env, const Napi::Value& value, const std::vector<ptrdiff_t>& shape,
                          size_t itemsize, const std::string& what) {
  if (value.IsObject()) batch.pin(value.As<Napi::Object>().Get("buffer"));
  IterOperand operand = parseOperand(env, value, shape, itemsize, what);
  batch.checkPinned(operand.data, what);
  return operand;
}

ExecStep parseExecStep(Batch& batch, Napi::Env env, const Napi::Object& step, const std::string& what) {
  Napi::Value nameValue = step.Get("name");
  if (!nameValue.IsString()) throwTypeError(env, "expected " + what + ".name to be the ufunc name as a string");
  const UfuncInfo& info = lookupUfunc(env, nameValue.As<Napi::String>().Utf8Value());
  const size_t loopIndex =
      checkedLoopIndex(env, step.Get("typeIndex"), info.loops.size(), "ufunc", info.name, what + ".typeIndex", "typeIndex");
  const std::string chars = operandChars(info.loops[loopIndex].types);
  Napi::Value operandsValue = step.Get("operands");
  if (!operandsValue.IsArray() || operandsValue.As<Napi::Array>().Length() != chars.size()) {
    throwTypeError(env, "expected " + std::to_string(chars.size()) + " operands (inputs then outputs) for ufunc '" +
                            info.name + "'");
  }
  ExecStep exec{&info, loopIndex, {}, parseShape(env, step.Get("shape")), false, {}, {}};
  Napi::Value casts = step.Get("casts");
  if (!casts.IsUndefined() && !casts.IsNull()) exec.casts = parseInputCasts(env, casts, info);
  Napi::Array operands = operandsValue.As<Napi::Array>();
  for (uint32_t i = 0; i < chars.size(); ++i) {
    exec.operands.push_back(pinnedOperand(batch, env, operands.Get(i), exec.shape, operandItemsize(chars, i, exec.casts),
                                          what + ".operands[" + std::to_string(i) + "]"));
  }
  Napi::Value where = step.Get("where");
  if (!where.IsUndefined() && !where.IsNull()) {
    exec.hasWhere = true;
    exec.where = pinnedOperand(batch, env, where, exec.shape, 1, what + ".where");
  }
  return exec;
}

CastOperand parsePinnedCastOperand(Batch& batch, Napi::Env env, const Napi::Value& value,
                                   const std::vector<ptrdiff_t>& shape, const std::string& what) {
  const CastType type = parseCastType(env, value, what);
  return {pinnedOperand(batch, env, value, shape, dtypeInfo(type.dtype).itemsize, what), type.dtype,
          type.byteSwapped};
}

// A batched product, parsed by the same function as native.gufuncExec, its
// three buffers pinned before their memory is read.
ProductCall parseGufuncStep(Batch& batch, Napi::Env env, const Napi::Object& step, const std::string& what) {
  ProductCall call = parseProductCall(env, step.Get("name"), step.Get("typeIndex"), step.Get("buffers"),
                                      step.Get("params"), what + ".", [&](const Napi::Value& buffer) { batch.pin(buffer); });
  batch.checkPinned(call.batch.a.data, what + ".buffers[0]");
  batch.checkPinned(call.batch.b.data, what + ".buffers[1]");
  batch.checkPinned(call.batch.out.data, what + ".buffers[2]");
  return call;
}

CastCall parseCastStep(Batch& batch, Napi::Env env, const Napi::Object& step, const std::string& what) {
  std::vector<ptrdiff_t> shape = parseShape(env, step.Get("shape"));
  CastOperand source = parsePinnedCastOperand(batch, env, step.Get("source"), shape, what + ".source");
  CastOperand destination = parsePinnedCastOperand(batch, env, step.Get("destination"), shape, what + ".destination");
  return {std::move(source), std::move(destination), std::move(shape)};
}

Napi::Value ufuncExecAsyncJs(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  if (!args[0].IsArray()) throwTypeError(env, "expected the steps of an async ufunc batch as an array");
  Napi::Array steps = args[0].As<Napi::Array>();
  auto batch = std::make_unique<Batch>(env);
  batch->steps.reserve(steps.Length());
  for (uint32_t i = 0; i < steps.Length(); ++i) {
    const std::string what = "steps[" + std::to_string(i) + "]";
    Napi::Value value = steps.Get(i);
    if (!value.IsObject()) throwTypeError(env, "expected " + what + " to be an object");
    Napi::Object step = value.As<Napi::Object>();
    Napi::Value op = step.Get("op");
    const std::string kind = op.IsString() ? op.As<Napi::String>().Utf8Value() : "";
    if (kind == "exec") {
      batch->steps.emplace_back(parseExecStep(*batch, env, step, what));
    } else if (kind == "cast") {
      batch->steps.emplace_back(parseCastStep(*batch, env, step, what));
    } else if (kind == "gufunc") {
      batch->steps.emplace_back(parseGufuncStep(*batch, env, step, what));
    } else if (kind == "check") {
      batch->steps.emplace_back(
          CheckStep{static_cast<int>(integerProperty(env, step.Get("raiseMask"), what + ".raiseMask"))});
    } else {
      throwTypeError(env, "expected " + what + ".op to be 'exec', 'cast', 'gufunc' or 'check'");
    }
  }
  napi_deferred deferred = nullptr;
  napi_value promise = nullptr;
  NAPI_THROW_IF_FAILED(env, napi_create_promise(env, &deferred, &promise), Napi::Value());
  batch->queue(deferred);
  batch.release();  // owned by the async work until its completion callback
  return Napi::Value(env, promise);
}

void initUfuncAsync(Napi::Env env, Napi::Object exports) {
  exports.Set("ufuncExecAsync", Napi::Function::New(env, ufuncExecAsyncJs, "ufuncExecAsync"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(ufunc_async, ndinterop::napi::initUfuncAsync);
