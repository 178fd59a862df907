// Per-environment state of the addon (one per main thread or worker), set
// with napi_set_instance_data so the addon is context-aware. Freed by Node
// when the environment tears down.
#pragma once

#include <napi.h>

#include <memory>

namespace ndinterop::napi {

class DlpackEnv;  // napi/dlpack/env.h

struct AddonData {
  // The JS BufferError class, handed over by src/base/errors.ts at load time.
  Napi::FunctionReference bufferErrorClass;
  // DLPack imports/exports of this environment (napi/dlpack/env.h); shared
  // with export deleters that may outlive the environment.
  std::shared_ptr<DlpackEnv> dlpack;
};

AddonData& addonData(Napi::Env env);

}  // namespace ndinterop::napi
