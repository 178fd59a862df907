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
  if (drainScheduled_) return;
  if (napi_call_threadsafe_function(drain_, nullptr, napi_tsfn_nonblocking) == napi_ok) drainScheduled_ = true;
}

void DlpackEnv::drainOnJsThread(napi_env env, napi_value, void* context, void*) {
  if (env == nullptr) return;  // the function is being torn down
  auto* self = static_cast<DlpackEnv*>(context);
  std::vector<napi_ref> refs;
  {
    std::lock_guard<std::mutex> lock(self->mutex_);
    if (!self->alive_) return;
    refs.swap(self->pending_);
    self->drainScheduled_ = false;
  }
  deleteReferences(env, refs);
}

void DlpackEnv::addImport(ImportRecord* record) {
  std::lock_guard<std::mutex> lock(mutex_);
  imports_.insert(record);
  liveImports.fetch_add(1);
  externalBytes.fetch_add(record->externalBytes);
}

void DlpackEnv::finalizeImport(ImportRecord* record) {
  std::unique_ptr<ImportRecord> owned(record);
  DlpackEnv& self = *owned->env;
  {
    std::lock_guard<std::mutex> lock(self.mutex_);
    self.imports_.erase(record);
  }
  self.liveImports.fetch_sub(1);
  self.externalBytes.fetch_sub(owned->externalBytes);
  owned->tensor.release();
}

void DlpackEnv::onTeardown(void* self) { static_cast<DlpackEnv*>(self)->teardown(); }

// Runs on the environment's thread when it terminates (worker exit, process
// exit). No JS runs any more, so the producers' memory can go now, and so can
// every reference an export holds: the export's memory dies with the
// environment anyway (the README's limit), and a deleter called later finds
// alive_ false and leaves the deleted reference alone.
void DlpackEnv::teardown() {
  std::unordered_set<ImportRecord*> imports;
  std::vector<napi_ref> refs;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    alive_ = false;
    refs.swap(pending_);
    refs.insert(refs.end(), held_.begin(), held_.end());
    held_.clear();
    imports.swap(imports_);
  }
  deleteReferences(env_, refs);
  for (ImportRecord* record : imports) record->tensor.release();
  self_.reset();  // may destroy this object: nothing after this line
}

namespace {

void initDlpackEnv(Napi::Env env, Napi::Object) { addonData(env).dlpack = DlpackEnv::create(env); }

}  // namespace

DlpackEnv& dlpackEnv(Napi::Env env) { return *addonData(env).dlpack; }
std::shared_ptr<DlpackEnv> dlpackEnvShared(Napi::Env env) { return addonData(env).dlpack; }

}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(dlpack_env, ndinterop::napi::initDlpackEnv);
