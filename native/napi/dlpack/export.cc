// DLPack export: describes an NDArray's memory as a DLManagedTensor[Versioned]
// (built by core/dlpack/export) and hands it out as a capsule or a raw
// pointer. src/interop/dlpack.ts has already checked dtype, byte order, strides and
// readonly rules; this file only converts and wires up ownership.
#include <cstring>
#include <string>

#include "core/dlpack/export.h"
#include "core/view/layout.h"
#include "napi/dlpack/env.h"
#include "napi/dlpack/export_hold.h"
#include "napi/errors.h"
#include "napi/module.h"
#include "napi/v8_bridge.h"
#include "ndinterop/ndinterop.h"

namespace ndinterop::napi {
namespace {

std::vector<int64_t> int64sFromJs(const Napi::Value& value) {
  Napi::Array array = value.As<Napi::Array>();
  std::vector<int64_t> out(array.Length());
  for (size_t i = 0; i < out.size(); ++i) out[i] = array.Get(static_cast<uint32_t>(i)).As<Napi::Number>().Int64Value();
  return out;
}

// Host memory of the source: an ArrayBuffer, or a TypedArray over a
// SharedArrayBuffer (Node-API 8 cannot read a SharedArrayBuffer directly).
uint8_t* hostBase(Napi::Env env, napi_value source) {
  void* data = nullptr;
  bool isArrayBuffer = false;
  NAPI_THROW_IF_FAILED(env, napi_is_arraybuffer(env, source, &isArrayBuffer), nullptr);
  if (isArrayBuffer) {
    size_t length = 0;
    NAPI_THROW_IF_FAILED(env, napi_get_arraybuffer_info(env, source, &data, &length), nullptr);
  } else {
    napi_typedarray_type type;
    size_t length = 0;
    napi_value arraybuffer;
    size_t offset = 0;
    NAPI_THROW_IF_FAILED(env, napi_get_typedarray_info(env, source, &type, &length, &data, &arraybuffer, &offset), nullptr);
  }
  return static_cast<uint8_t*>(data);
}

// Device memory of an opaque import: its ImportRecord.
const ImportRecord& deviceRecord(Napi::Env env, napi_value handle) {
  void* data = nullptr;
  NAPI_THROW_IF_FAILED(env, napi_get_value_external(env, handle, &data), *static_cast<ImportRecord*>(nullptr));
  return *static_cast<ImportRecord*>(data);
}

// The BackingStore a zero-copy export of host memory holds. Memory that can
// shrink in place cannot be held (src/interop/dlpack.ts copies it instead when copy
// is allowed); this is the last line for callers of the native entry points.
std::shared_ptr<v8::BackingStore> heldStore(Napi::Env env, napi_value source) {
  std::shared_ptr<v8::BackingStore> store = backingStoreOf(source);
  if (!store) throwTypeError(env, "expected an ArrayBuffer or a view of a SharedArrayBuffer to export");
  if (isShrinkable(*store)) {
    throw makeError(env, ErrorCode::kBuffer,
                    "cannot export memory of a resizable ArrayBuffer without copying (shrinking it would take the "
                    "memory away from the consumer); pass copy: true, or use a fixed-length ArrayBuffer or a "
                    "SharedArrayBuffer");
  }
  return store;
}

struct ExportArgs {
  napi_value source;       // ArrayBuffer, TypedArray over a SharedArrayBuffer, or device handle (external)
  int64_t byteOffset;      // of element 0 within the source (for device handles: within the imported region)
  DLDataType dtype;
  int64_t itemsize;
  std::vector<int64_t> shape;
  std::vector<int64_t> byteStrides;
  DLDevice device;
  uint64_t flags;
  bool versioned;
  bool copy;
};

ExportArgs readArgs(const Napi::CallbackInfo& info) {
  ExportArgs args;
  args.source = info[0];
  args.byteOffset = info[1].As<Napi::Number>().Int64Value();
  args.dtype.code = static_cast<uint8_t>(info[2].As<Napi::Number>().Uint32Value());
  args.dtype.bits = static_cast<uint8_t>(info[3].As<Napi::Number>().Uint32Value());
  args.dtype.lanes = 1;
  args.itemsize = info[4].As<Napi::Number>().Int64Value();
  args.shape = int64sFromJs(info[5]);
  args.byteStrides = int64sFromJs(info[6]);
  Napi::Array device = info[7].As<Napi::Array>();
  args.device.device_type = static_cast<DLDeviceType>(device.Get(0u).As<Napi::Number>().Int32Value());
  args.device.device_id = device.Get(1u).As<Napi::Number>().Int32Value();
  args.flags = info[8].As<Napi::Number>().Uint32Value();
  args.versioned = info[9].ToBoolean();
  args.copy = info[10].ToBoolean();
  return args;
}

int64_t elementCount(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t length : shape) count *= length;
  return count;
}

void setElementStrides(const ExportArgs& args, ExportDescription* out) {
  out->elementStrides.resize(args.byteStrides.size());
  for (size_t axis = 0; axis < args.byteStrides.size(); ++axis) {
    out->elementStrides[axis] = args.byteStrides[axis] / args.itemsize;
  }
}

// The export's description and owner, zero-copy or copied.
std::unique_ptr<ExportHold> describeExport(Napi::Env env, ExportArgs& args, ExportDescription* out) {
  out->dtype = args.dtype;
  out->device = args.device;
  out->flags = args.flags;
  out->shape = args.shape;
  napi_valuetype type;
  NAPI_THROW_IF_FAILED(env, napi_typeof(env, args.source, &type), nullptr);
  std::shared_ptr<DlpackEnv> state = dlpackEnvShared(env);
  if (type == napi_external) {
    const ImportRecord& record = deviceRecord(env, args.source);
    const int64_t shift = args.byteOffset - record.firstElementOffset;
    if (shift < 0 && static_cast<uint64_t>(-shift) > record.byteOffset) {
      throw makeError(env, ErrorCode::kBuffer,
                      "this view of device memory starts before the imported tensor's data pointer, which DLPack "
                      "cannot express (byte_offset would be negative)");
    }
    out->data = record.data;
    out->byteOffset = record.byteOffset + shift;
    setElementStrides(args, out);
    return ExportHold::ofDeviceImport(std::move(state), record.tensor);
  }
  uint8_t* first = hostBase(env, args.source) + args.byteOffset;
  if (args.copy) {
    const int64_t bytes = elementCount(args.shape) * args.itemsize;
    auto copy = std::make_unique<uint8_t[]>(static_cast<size_t>(bytes > 0 ? bytes : 1));
    copyToCContiguous(first, args.itemsize, args.shape, args.byteStrides, copy.get());
    out->data = copy.get();
    // An empty copy gets zero strides, as NumPy exports empty arrays; a
    // non-empty one C-order element strides (its byte size fits, so they do).
    out->elementStrides.assign(args.shape.size(), 0);
    if (bytes > 0) throwIfError(env, filledStrides(1, args.shape.data(), args.shape.size(), out->elementStrides.data()));
    return ExportHold::ofCopy(std::move(state), std::move(copy));
  }
  std::shared_ptr<v8::BackingStore> store = heldStore(env, args.source);
  out->data = first;
  setElementStrides(args, out);
  napi_ref source = state->holdReference(env, args.source);
  return ExportHold::ofHostMemory(std::move(state), source, args.byteOffset, std::move(store));
}

// Returns a tensor owned by the caller (deleter not yet called).
void* buildTensor(Napi::Env env, ExportArgs& args) {
  ExportDescription description;
  std::unique_ptr<ExportHold> hold = describeExport(env, args, &description);
  if (args.versioned) return makeVersionedExport(std::move(description), std::move(hold));
  return makeLegacyExport(std::move(description), std::move(hold));
}

// dlpackExportCapsule(source, byteOffset, code, bits, itemsize, shape, byteStrides, device, flags, versioned, copy)
Napi::Value exportCapsule(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ExportArgs args = readArgs(info);
  void* tensor = buildTensor(env, args);
  napi_value capsule = nullptr;
  if (ndinterop_capsule_make(env, tensor, args.versioned, &capsule) != NDINTEROP_OK) {
    ndinterop_call_deleter(tensor, args.versioned);
    NAPI_THROW(Napi::Error::New(env, "could not create a DLPack capsule"), Napi::Value());
  }
  return Napi::Value(env, capsule);
}

// dlpackExportPointer(same arguments): the caller owns the tensor.
Napi::Value exportPointer(const Napi::CallbackInfo& info) {
  ExportArgs args = readArgs(info);
  void* tensor = buildTensor(info.Env(), args);
  return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(tensor)));
}

// dlpackCapsuleState(value): -1 when not a capsule, else versioned | consumed << 1.
Napi::Value capsuleState(const Napi::CallbackInfo& info) {
  int versioned = 0;
  int consumed = 0;
  if (ndinterop_capsule_inspect(info.Env(), info[0], &versioned, &consumed) != NDINTEROP_OK) {
    return Napi::Number::New(info.Env(), -1);
  }
  return Napi::Number::New(info.Env(), versioned | (consumed << 1));
}

// dlpackCapsuleRelease(capsule): true when this call released the tensor.
Napi::Value capsuleRelease(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), ndinterop_capsule_release(info.Env(), info[0]) == NDINTEROP_OK);
}

// dlpackIsDeviceHandle(value): true for the handle of an opaque import.
Napi::Value isDeviceHandle(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), info[0].IsExternal());
}

void initDlpackExport(Napi::Env env, Napi::Object exports) {
  exports.Set("dlpackExportCapsule", Napi::Function::New(env, exportCapsule, "dlpackExportCapsule"));
  exports.Set("dlpackExportPointer", Napi::Function::New(env, exportPointer, "dlpackExportPointer"));
  exports.Set("dlpackCapsuleState", Napi::Function::New(env, capsuleState, "dlpackCapsuleState"));
  exports.Set("dlpackCapsuleRelease", Napi::Function::New(env, capsuleRelease, "dlpackCapsuleRelease"));
  exports.Set("dlpackIsDeviceHandle", Napi::Function::New(env, isDeviceHandle, "dlpackIsDeviceHandle"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(dlpack_export, ndinterop::napi::initDlpackExport);
