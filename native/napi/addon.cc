#include <vector>

#include "napi/addon_data.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

struct Area {
  const char* name;
  AreaInit init;
};

// Function-local so registrations from other translation units can run in
// any static-initialisation order.
std::vector<Area>& areas() {
  static std::vector<Area> registered;
  return registered;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new AddonData());
  for (const Area& area : areas()) area.init(env, exports);
  return exports;
}

}  // namespace

AreaRegistration::AreaRegistration(const char* name, AreaInit init) {
  areas().push_back({name, init});
}

AddonData& addonData(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }

}  // namespace ndinterop::napi

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  return ndinterop::napi::Init(env, exports);
}

NODE_API_MODULE(ndinterop, InitAddon)
