// The process-wide count of native holds per BackingStore (see held_stores.h).
#include "napi/held_stores.h"

#include <cstddef>
#include <mutex>
#include <unordered_map>

namespace ndinterop::napi {
namespace {

struct Registry {
  std::mutex mutex;
  std::unordered_map<const v8::BackingStore*, size_t> holds;
};

// Never destroyed: a consumer may call an export's deleter from a native
// thread during process exit, after static destructors ran.
Registry& registry() {
  static Registry* const instance = new Registry();
  return *instance;
}

}  // namespace

StoreHold::StoreHold(std::shared_ptr<v8::BackingStore> store) : store_(std::move(store)) {
  if (!store_) return;
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.holds[store_.get()] += 1;
}

StoreHold& StoreHold::operator=(StoreHold&& other) noexcept {
  if (this != &other) {
    release();
    store_ = std::move(other.store_);
  }
  return *this;
}

StoreHold::~StoreHold() { release(); }

// Unregisters while the share is still held, so the BackingStore (and its
// address, the key) cannot be freed and reused before the entry is gone.
void StoreHold::release() {
  if (!store_) return;
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.holds.find(store_.get());
    if (it != r.holds.end() && --it->second == 0) r.holds.erase(it);
  }
  store_.reset();
}

bool storeIsHeld(const v8::BackingStore* store) {
  if (store == nullptr) return false;
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.holds.count(store) != 0;
}

}  // namespace ndinterop::napi
