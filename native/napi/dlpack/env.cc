#include "napi/dlpack/env.h"

#include "napi/addon_data.h"
#include "napi/module.h"

namespace ndinterop::napi {

std::atomic<int64_t> DlpackEnv::heldInProcess_{0};

std::shared_ptr<DlpackEnv> DlpackEnv::create(napi_env env) {
  auto state = std::make_shared<DlpackEnv>();
  state->env_ = env;
  napi_value name;
  NAPI_THROW_IF_FAILED(env, napi_create_string_utf8(env, "ndinterop.dlpack.release", NAPI_AUTO_LENGTH, &name), nullptr);
  NAPI_THROW_IF_FAILED(env,
                       napi_create_threadsafe_function(env, nullptr, nullptr, name, 0, 1, nullptr, nullptr, state.get(),
                                                       &DlpackEnv::drainOnJsThread, &state->drain_),
                       nullptr);
  NAPI_THROW_IF_FAILED(env, napi_unref_threadsafe_function(env, state->drain_), nullptr);
  // Registered after the thread-safe function, so it runs before Node's own
  // teardown of that function (cleanup hooks run in reverse order).
  state->self_ = state;
  NAPI_THROW_IF_FAILED(env, napi_add_env_cleanup_hook(env, &DlpackEnv::onTeardown, state.get()), nullptr);
  return state;
}

napi_ref DlpackEnv::holdReference(napi_env env, napi_value value) {
  napi_ref ref = nullptr;
  NAPI_THROW_IF_FAILED(env, napi_create_reference(env, value, 1, &ref), nullptr);
  std::lock_guard<std::mutex> lock(mutex_);
  held_.insert(ref);
  heldInProcess_.fetch_add(1);
  return ref;
}

void DlpackEnv::deleteReferences(napi_env env, const std::vector<napi_ref>& refs) {
  for (napi_ref ref : refs) napi_delete_reference(env, ref);
  heldInProcess_.fetch_sub(static_cast<int64_t>(refs.size()));
}

void DlpackEnv::releaseReference(napi_ref ref) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!alive_) return;  // teardown deleted it
  held_.erase(ref);
  pending_.push_back(ref);
  scheduleDrainLocked();
}

// With mutex_ held. When the call fails (the function is closing), the
// queues wait for teardown, which empties them.
void DlpackEnv::scheduleDrainLocked() {
  if (drainScheduled_) return;
  if (napi_call_threadsafe_function(drain_, nullptr, napi_tsfn_nonblocking) == napi_ok) drainScheduled_ = true;
}

void DlpackEnv::drainOnJsThread(napi_env env, napi_value, void* context, void*) {
  if (env == nullptr) return;  // the function is being torn down
  auto* self = static_cast<DlpackEnv*>(context);
  std::vector<napi_ref> refs;
  std::vector<ImportRecord*> imports;
  {
    std::lock_guard<std::mutex> lock(self->mutex_);
    if (!self->alive_) return;
    refs.swap(self->pending_);
    imports.swap(self->pendingImports_);
    self->drainScheduled_ = false;
  }
  deleteReferences(env, refs);
  for (ImportRecord* record : imports) finalizeImport(record);
}

void DlpackEnv::addImport(ImportRecord* record, bool isDevice) {
  liveImports.fetch_add(1);
  externalBytes.fetch_add(record->externalBytes);
  if (!isDevice) return;
  std::lock_guard<std::mutex> lock(mutex_);
  deviceImports_.insert(record);
}

void DlpackEnv::releaseImport(ImportRecord* record) {
  std::shared_ptr<DlpackEnv> self = record->env;  // finalizeImport may drop the record's share
  {
    std::lock_guard<std::mutex> lock(self->mutex_);
    if (self->alive_) {
      self->pendingImports_.push_back(record);
      self->scheduleDrainLocked();
      return;
    }
  }
  finalizeImport(record);
}

void DlpackEnv::finalizeImport(ImportRecord* record) {
  std::unique_ptr<ImportRecord> owned(record);
  DlpackEnv& self = *owned->env;
  {
    std::lock_guard<std::mutex> lock(self.mutex_);
    self.deviceImports_.erase(record);
  }
  self.liveImports.fetch_sub(1);
  self.externalBytes.fetch_sub(owned->externalBytes);
  owned->tensor.reset();  // the producer's deleter, unless an export still shares the tensor
}

void DlpackEnv::onTeardown(void* self) { static_cast<DlpackEnv*>(self)->teardown(); }

// Runs on the environment's thread when it terminates (worker exit, process
// exit). No JS runs any more, so the device imports drop their share of the
// producers' tensors now (an export that still holds one keeps it until its
// own deleter), and every reference an export holds is deleted: exports hold
// their memory through its BackingStore, not through the reference, and a
// deleter called later finds alive_ false and leaves the deleted reference
// alone. Host imports V8 freed are finalized now; the others need nothing:
// the isolate's disposal releases their BackingStores, and the last holder
// finalizes them (at once, on its thread, from now on).
void DlpackEnv::teardown() {
  std::unordered_set<ImportRecord*> deviceImports;
  std::vector<ImportRecord*> hostImports;
  std::vector<napi_ref> refs;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    alive_ = false;
    refs.swap(pending_);
    refs.insert(refs.end(), held_.begin(), held_.end());
    held_.clear();
    deviceImports.swap(deviceImports_);
    hostImports.swap(pendingImports_);
  }
  deleteReferences(env_, refs);
  for (ImportRecord* record : hostImports) finalizeImport(record);
  // The records stay with their finalizers (JS thread, like this hook).
  for (ImportRecord* record : deviceImports) record->tensor.reset();
  self_.reset();  // may destroy this object: nothing after this line
}

namespace {

void initDlpackEnv(Napi::Env env, Napi::Object) { addonData(env).dlpack = DlpackEnv::create(env); }

}  // namespace

DlpackEnv& dlpackEnv(Napi::Env env) { return *addonData(env).dlpack; }
std::shared_ptr<DlpackEnv> dlpackEnvShared(Napi::Env env) { return addonData(env).dlpack; }

}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(dlpack_env, ndinterop::napi::initDlpackEnv);
