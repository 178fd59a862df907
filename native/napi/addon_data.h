// Per-environment state of the addon (one per main thread or worker), set
// with napi_set_instance_data so the addon is context-aware. Freed by Node
// when the environment tears down.
#pragma once

#include <napi.h>

namespace ndinterop::napi {

struct AddonData {
  // The JS BufferError class, handed over by src/errors.ts at load time.
  Napi::FunctionReference bufferErrorClass;
};

AddonData& addonData(Napi::Env env);

}  // namespace ndinterop::napi
