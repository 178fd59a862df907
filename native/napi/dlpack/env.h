// Per-environment DLPack state (one per main thread or worker): counters for
// memoryStats(), the live imports a terminating environment must release, and
// the queue through which export deleters running on ANY thread hand their
// napi_refs back to the environment's own thread.
//
// Why a queue: a consumer may call an export's deleter from a foreign thread,
// from inside a GC finalizer, or after the exporting environment is gone. A
// napi_ref may only be deleted on its environment's thread while that
// environment lives, so the deleter only pushes the ref here; a thread-safe
// function (unref'd, so it never keeps the process alive) deletes the queued
// refs on the JS thread. Node does not free the napi_refs an addon still
// holds when an environment terminates, so DlpackEnv knows every ref an
// export holds: its cleanup hook deletes the queued ones and those of exports
// nobody released yet, and later releases of those exports do nothing.
#pragma once

#include <napi.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "core/dlpack/managed.h"
#include "dlpack/dlpack.h"

namespace ndinterop::napi {

class DlpackEnv;

// One imported tensor. Owned by the JS value that wraps its memory (the
// external ArrayBuffer for host memory, a napi external for device memory):
// that value's finalizer releases the tensor and frees the record. At
// environment teardown DlpackEnv releases the tensors of records whose
// finalizer has not run (the record itself stays with its finalizer).
struct ImportRecord {
  ManagedTensor tensor;
  std::shared_ptr<DlpackEnv> env;
  int64_t externalBytes = 0;  // counted in memoryStats().externalBytes while alive
  // Kept for re-exporting device (opaque) tensors unchanged.
  void* data = nullptr;
  uint64_t byteOffset = 0;
  DLDevice device = {kDLCPU, 0};
  int64_t firstElementOffset = 0;
};

class DlpackEnv {
 public:
  // Creates the state of `env`, its thread-safe function and its cleanup hook.
  static std::shared_ptr<DlpackEnv> create(napi_env env);

  // JS thread: creates a reference to `value` for an export to hold until
  // it calls releaseReference (or the environment terminates).
  napi_ref holdReference(napi_env env, napi_value value);
  // Any thread: deletes a reference from holdReference on the environment's
  // thread soon; nothing to do once the environment has terminated (its
  // cleanup hook deleted the reference then).
  void releaseReference(napi_ref ref);

  // napi_refs held by exports of every environment of this process that
  // have not been deleted yet (for leak tests).
  static int64_t heldReferencesInProcess() { return heldInProcess_.load(); }

  // JS thread only.
  void addImport(ImportRecord* record);
  // The record's finalizer (JS thread): unregisters, releases, frees.
  static void finalizeImport(ImportRecord* record);

  std::atomic<int64_t> liveImports{0};
  std::atomic<int64_t> liveExports{0};
  std::atomic<int64_t> externalBytes{0};
  // Test hook: behave as if the runtime refused external buffers (Electron).
  bool externalBuffersRefused = false;

 private:
  static void drainOnJsThread(napi_env env, napi_value callback, void* context, void* data);
  static void onTeardown(void* self);
  void teardown();
  static void deleteReferences(napi_env env, const std::vector<napi_ref>& refs);

  static std::atomic<int64_t> heldInProcess_;

  napi_env env_ = nullptr;
  std::mutex mutex_;
  bool alive_ = true;             // false once the environment tears down
  bool drainScheduled_ = false;
  napi_threadsafe_function drain_ = nullptr;
  std::vector<napi_ref> pending_;             // released, waiting for the JS thread
  std::unordered_set<napi_ref> held_;         // still held by an export
  std::unordered_set<ImportRecord*> imports_;
  // Keeps this object alive until the cleanup hook ran.
  std::shared_ptr<DlpackEnv> self_;
};

DlpackEnv& dlpackEnv(Napi::Env env);
std::shared_ptr<DlpackEnv> dlpackEnvShared(Napi::Env env);

}  // namespace ndinterop::napi
