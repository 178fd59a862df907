// Each native/napi/*.cc file registers the exports of its area with
// NDINTEROP_NAPI_AREA(name, init); addon.cc calls every registered init when
// the addon loads in an environment (main thread or worker), so adding an
// area never touches a shared file.
#pragma once

#include <napi.h>

namespace ndinterop::napi {

using AreaInit = void (*)(Napi::Env env, Napi::Object exports);

struct AreaRegistration {
  AreaRegistration(const char* name, AreaInit init);
};

}  // namespace ndinterop::napi

#define NDINTEROP_NAPI_AREA(name, init) \
  static ::ndinterop::napi::AreaRegistration ndinterop_area_registration_##name(#name, init)
