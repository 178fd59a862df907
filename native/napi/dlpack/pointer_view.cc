// UNSAFE by nature: wraps memory at a raw address, handed over through the
// pointer form of __array_interface__ (`data: [address, readonly]`), as an
// external ArrayBuffer. Nothing can check that the address is valid or that
// the memory stays alive; the caller names an owner object that keeps it
// alive, and the ArrayBuffer holds a strong reference to that owner until
// V8 collects the buffer.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/view/layout.h"
#include "napi/dlpack/env.h"
#include "napi/errors.h"
#include "napi/numbers.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

// Owned by the external ArrayBuffer: created with it, deleted by its
// finalizer, which also drops the reference to the owner. The finalizer runs
// on the JS thread of the environment that made the buffer (Node defers
// ArrayBuffer finalizers to it), so deleting the reference there is allowed.
struct OwnerLink {
  napi_ref owner = nullptr;
};

void releaseOwner(napi_env env, void* /*data*/, void* hint) {
  std::unique_ptr<OwnerLink> link(static_cast<OwnerLink*>(hint));
  napi_delete_reference(env, link->owner);
}

void* addressFromBigInt(Napi::Env env, const Napi::Value& value) {
  if (!value.IsBigInt()) throwTypeError(env, "viewAddress: expected the address as a bigint");
  bool lossless = false;
  const uint64_t address = value.As<Napi::BigInt>().Uint64Value(&lossless);
  if (!lossless || address > std::numeric_limits<uintptr_t>::max()) {
    throw makeError(env, ErrorCode::kInvalidValue, "viewAddress: the address does not fit in a pointer");
  }
  return reinterpret_cast<void*>(static_cast<uintptr_t>(address));
}

int64_t viewInt64(Napi::Env env, const Napi::Value& value, const char* what) {
  if (!value.IsNumber()) throwTypeError(env, std::string("viewAddress: expected ") + what + " to be a number");
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!isSafeInteger(number)) {
    throw makeError(env, ErrorCode::kInvalidValue, std::string("viewAddress: expected ") + what + " to be a safe integer");
  }
  return static_cast<int64_t>(number);
}

std::vector<int64_t> viewInt64Vector(Napi::Env env, const Napi::Value& value, const char* what) {
  if (!value.IsArray()) throwTypeError(env, std::string("viewAddress: expected ") + what + " to be an array");
  Napi::Array array = value.As<Napi::Array>();
  std::vector<int64_t> out(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) out[i] = viewInt64(env, array.Get(i), what);
  return out;
}

// The bytes [address + lowest, address + end) the view reaches, checked not
// to wrap around the address space.
ByteExtent extentAt(Napi::Env env, uintptr_t address, int64_t itemsize, const std::vector<int64_t>& shape,
                    const std::vector<int64_t>& strides) {
  if (strides.size() != shape.size()) {
    throw makeError(env, ErrorCode::kInvalidValue, "viewAddress: expected one stride per dimension");
  }
  ByteExtent extent;
  throwIfError(env, computeByteExtent(itemsize, shape.data(), strides.data(), shape.size(), StrideUnit::kBytes, &extent));
  if (extent.empty) return extent;
  if (address == 0) {
    throw makeError(env, ErrorCode::kInvalidValue,
                    "data is NULL but array contains data (address 0, " + std::to_string(extent.size) + " elements)");
  }
  const uint64_t below = static_cast<uint64_t>(-extent.lowest);
  const uint64_t above = static_cast<uint64_t>(extent.end);
  if (below > address || above > std::numeric_limits<uintptr_t>::max() - address) {
    throw makeError(env, ErrorCode::kOutOfBounds, "the strided view around the address wraps around the address space");
  }
  return extent;
}

// A copy of the memory, for runtimes that refuse external buffers (Electron).
Napi::ArrayBuffer copyOf(Napi::Env env, const void* data, size_t length) {
  Napi::ArrayBuffer copy = Napi::ArrayBuffer::New(env, length);
  if (length > 0) std::memcpy(copy.Data(), data, length);
  return copy;
}

// An external ArrayBuffer over [start, start + length) holding `owner`, or an
// empty value when the runtime refuses external buffers. The DLPack test
// hook that simulates such a runtime (dlpackRefuseExternalBuffers) applies
// here too, so both import paths share one switch.
Napi::Value wrapExternal(Napi::Env env, void* start, size_t length, const Napi::Value& owner) {
  if (dlpackEnv(env).externalBuffersRefused) return Napi::Value();
  auto link = std::make_unique<OwnerLink>();
  NAPI_THROW_IF_FAILED(env, napi_create_reference(env, owner, 1, &link->owner), Napi::Value());
  napi_value buffer = nullptr;
  const napi_status status = napi_create_external_arraybuffer(env, start, length, releaseOwner, link.get(), &buffer);
  if (status == napi_ok) {
    link.release();  // the ArrayBuffer's finalizer owns it now
    return Napi::Value(env, buffer);
  }
  napi_delete_reference(env, link->owner);
  if (status == napi_no_external_buffers_allowed) return Napi::Value();
  NAPI_THROW_IF_FAILED(env, status, Napi::Value());
  return Napi::Value();
}

// viewAddress(address: bigint, itemsize, shape, byteStrides, owner: object)
//   -> { buffer: ArrayBuffer, byteOffset: number, copied: boolean }
// `address` is element [0, ..., 0]; the buffer spans every byte the view
// reaches and `byteOffset` places element [0, ..., 0] in it.
Napi::Value viewAddress(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uintptr_t address = reinterpret_cast<uintptr_t>(addressFromBigInt(env, info[0]));
  const int64_t itemsize = viewInt64(env, info[1], "itemsize");
  const std::vector<int64_t> shape = viewInt64Vector(env, info[2], "shape");
  const std::vector<int64_t> strides = viewInt64Vector(env, info[3], "strides");
  if (!info[4].IsObject() && !info[4].IsFunction()) {
    throwTypeError(env, "viewAddress: expected an owner object that keeps the memory alive");
  }
  const ByteExtent extent = extentAt(env, address, itemsize, shape, strides);
  Napi::Object result = Napi::Object::New(env);
  result.Set("byteOffset", static_cast<double>(-extent.lowest));
  if (extent.empty) {
    result.Set("buffer", Napi::ArrayBuffer::New(env, 0));
    result.Set("copied", false);
    return result;
  }
  void* start = reinterpret_cast<void*>(address - static_cast<uintptr_t>(-extent.lowest));
  const size_t length = static_cast<size_t>(extent.end - extent.lowest);

  Napi::Value wrapped = wrapExternal(env, start, length, info[4]);
  result.Set("buffer", wrapped.IsEmpty() ? Napi::Value(copyOf(env, start, length)) : wrapped);
  result.Set("copied", wrapped.IsEmpty());
  return result;
}

void initPointerView(Napi::Env env, Napi::Object exports) {
  exports.Set("viewAddress", Napi::Function::New(env, viewAddress, "viewAddress"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(pointer_view, ndinterop::napi::initPointerView);
