// DLPack import: takes a managed tensor (from a capsule or a raw pointer),
// validates it with core/dlpack/tensor, and wraps its memory in ONE external
// ArrayBuffer whose finalizer calls the producer's deleter exactly once.
// Rejected tensors are released at once. src/interop/dlpack.ts builds the NDArray.
#include <cstring>
#include <string>

#include "core/dlpack/export.h"
#include "core/dlpack/tensor.h"
#include "napi/dlpack/env.h"
#include "napi/dlpack/export_hold.h"
#include "napi/errors.h"
#include "napi/module.h"
#include "napi/v8_bridge.h"
#include "ndinterop/ndinterop.h"

namespace ndinterop::napi {
namespace {

// fromDlpack's copy option.
enum class CopyMode : int32_t { kNever = 0, kAlways = 1, kIfNeeded = 2 };

Napi::Array int64sToJs(Napi::Env env, const std::vector<int64_t>& values) {
  Napi::Array array = Napi::Array::New(env, values.size());
  for (size_t i = 0; i < values.size(); ++i) array[i] = Napi::Number::New(env, static_cast<double>(values[i]));
  return array;
}

// The BackingStore's deleter: V8 calls it once the last holder of the memory
// lets go (the ArrayBuffer's GC or its isolate's disposal, or an export of
// this memory released later), on any thread. Never touches JS.
void releaseImportedMemory(void* /*data*/, size_t /*length*/, void* record) {
  DlpackEnv::releaseImport(static_cast<ImportRecord*>(record));
}

Napi::ArrayBuffer copyRegion(Napi::Env env, const TensorFacts& facts) {
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, static_cast<size_t>(facts.regionLength));
  std::memcpy(buffer.Data(), reinterpret_cast<const void*>(facts.regionStart), static_cast<size_t>(facts.regionLength));
  return buffer;
}

// Wraps the region in an ArrayBuffer whose BackingStore owns a new
// ImportRecord; returns an empty value when the runtime refuses external
// memory. Not napi_create_external_arraybuffer: Node runs the finalizer of
// such a buffer when its environment terminates even while an export of the
// memory still holds the BackingStore, and the export would then dangle.
Napi::Value wrapRegion(Napi::Env env, ManagedTensor& tensor, const TensorFacts& facts) {
  DlpackEnv& state = dlpackEnv(env);
  if (state.externalBuffersRefused) return Napi::Value();
#if defined(V8_ENABLE_SANDBOX)
  // Builds with V8's sandbox (Electron) refuse memory from outside it.
  return Napi::Value();
#else
  auto record = std::make_unique<ImportRecord>();
  record->env = dlpackEnvShared(env);
  record->externalBytes = facts.regionLength;
  record->tensor = std::make_shared<ManagedTensor>(std::move(tensor));
  std::unique_ptr<v8::BackingStore> store =
      v8::ArrayBuffer::NewBackingStore(reinterpret_cast<void*>(facts.regionStart), static_cast<size_t>(facts.regionLength),
                                       &releaseImportedMemory, record.get());
  state.addImport(record.get(), false);
  record.release();  // the BackingStore's deleter owns it now
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(v8::Isolate::GetCurrent(), std::move(store));
  return Napi::Value(env, fromV8(buffer));
#endif
}

void finalizeDeviceHandle(napi_env, void* data, void*) { DlpackEnv::finalizeImport(static_cast<ImportRecord*>(data)); }

// Device memory is never read: a napi external owns the tensor, and keeps
// what a re-export needs.
Napi::Value wrapDeviceTensor(Napi::Env env, ManagedTensor& tensor, const TensorFacts& facts) {
  auto record = std::make_unique<ImportRecord>();
  record->env = dlpackEnvShared(env);
  const DLTensor& dl = *tensor.tensor();
  record->data = dl.data;
  record->byteOffset = dl.byte_offset;
  record->device = dl.device;
  record->firstElementOffset = facts.firstElementOffset;
  napi_value handle = nullptr;
  NAPI_THROW_IF_FAILED(env, napi_create_external(env, record.get(), finalizeDeviceHandle, nullptr, &handle),
                       Napi::Value());
  record->tensor = std::make_shared<ManagedTensor>(std::move(tensor));
  dlpackEnv(env).addImport(record.release(), true);
  return Napi::Value(env, handle);
}

bool isReadOnly(const ManagedTensor& tensor) {
  // NumPy's rule: legacy tensors cannot say whether writing is allowed, so
  // they import read-only.
  return !tensor.isVersioned() || (tensor.flags() & DLPACK_FLAG_BITMASK_READ_ONLY) != 0;
}

Napi::Object describeToJs(Napi::Env env, const ManagedTensor& tensor, const TensorFacts& facts) {
  const DLTensor& dl = *tensor.tensor();
  Napi::Object parts = Napi::Object::New(env);
  parts.Set("dtypeId", static_cast<uint32_t>(facts.dtype->id));
  parts.Set("shape", int64sToJs(env, facts.shape));
  parts.Set("strides", int64sToJs(env, facts.byteStrides));
  parts.Set("byteOffset", Napi::Number::New(env, static_cast<double>(facts.firstElementOffset)));
  parts.Set("readonly", isReadOnly(tensor));
  parts.Set("copied", (tensor.flags() & DLPACK_FLAG_BITMASK_IS_COPIED) != 0);
  Napi::Array device = Napi::Array::New(env, 2);
  device[0u] = Napi::Number::New(env, static_cast<int32_t>(dl.device.device_type));
  device[1u] = Napi::Number::New(env, dl.device.device_id);
  parts.Set("device", device);
  parts.Set("opaque", !facts.hostReadable);
  return parts;
}

// The JS buffer behind a tensor this environment exported itself (zero-copy,
// host memory), or an empty value. Importing it needs no new ArrayBuffer: the
// new view holds the original buffer, so the export can be released at once.
// Only while that buffer still has the memory the export holds: after a
// transfer it is detached (or no longer owns that BackingStore), and the
// import takes the ordinary path, whose ArrayBuffer holds the export.
Napi::Value ownExportBuffer(Napi::Env env, const ManagedTensor& tensor, int64_t* byteOffset) {
  const ExportOwner* owner =
      tensor.isVersioned() ? ownerOfExport(tensor.versionedHeader()) : ownerOfExport(tensor.legacyHeader());
  const auto* hold = dynamic_cast<const ExportHold*>(owner);
  if (hold == nullptr || hold->env() != &dlpackEnv(env) || hold->hostSource() == nullptr) return Napi::Value();
  napi_value source = nullptr;
  NAPI_THROW_IF_FAILED(env, napi_get_reference_value(env, hold->hostSource(), &source), Napi::Value());
  if (source == nullptr || backingStoreOf(source).get() != hold->store()) return Napi::Value();
  *byteOffset = hold->sourceByteOffset();
  Napi::Value value(env, source);
  return value.IsArrayBuffer() ? value : value.As<Napi::TypedArray>().Get("buffer");
}

// The whole import; `tensor` is released on every path that does not hand
// it to a finalizer (RAII: ManagedTensor's destructor).
Napi::Value importTensor(Napi::Env env, ManagedTensor tensor, CopyMode copyMode, bool requireHost) {
  if (const DLManagedTensorVersioned* header = tensor.versionedHeader()) {
    throwIfError(env, checkDlpackVersion(header->version));
  }
  TensorFacts facts;
  throwIfError(env, describeTensor(*tensor.tensor(), &facts));
  if (requireHost && !facts.hostReadable) {
    throw makeError(env, ErrorCode::kBuffer, "unsupported device: the tensor is on device type " +
                                                 std::to_string(static_cast<int32_t>(tensor.tensor()->device.device_type)) +
                                                 ", expected one the CPU can read");
  }
  if (!facts.hostReadable && copyMode == CopyMode::kAlways) {
    throw makeError(env, ErrorCode::kBuffer, "cannot copy a tensor on a device the CPU cannot read (device type " +
                                                 std::to_string(static_cast<int32_t>(tensor.tensor()->device.device_type)) + ")");
  }
  Napi::Object parts = describeToJs(env, tensor, facts);
  if (facts.size == 0) {
    // Nothing to keep alive: the producer's memory goes back at once.
    parts.Set("buffer", Napi::ArrayBuffer::New(env, 0));
    parts.Set("byteOffset", 0);
    tensor.release();
    return parts;
  }
  if (!facts.hostReadable) {
    parts.Set("buffer", Napi::ArrayBuffer::New(env, 0));
    parts.Set("handle", wrapDeviceTensor(env, tensor, facts));
    return parts;
  }
  int64_t ownByteOffset = 0;
  Napi::Value own = copyMode == CopyMode::kAlways ? Napi::Value() : ownExportBuffer(env, tensor, &ownByteOffset);
  if (!own.IsEmpty()) {
    parts.Set("buffer", own);
    parts.Set("byteOffset", Napi::Number::New(env, static_cast<double>(ownByteOffset)));
    tensor.release();
    return parts;
  }
  Napi::Value buffer = copyMode == CopyMode::kAlways ? Napi::Value() : wrapRegion(env, tensor, facts);
  if (buffer.IsEmpty()) {
    if (copyMode == CopyMode::kNever) {
      throw makeError(env, ErrorCode::kBuffer,
                      "copy: false was requested, but this runtime does not allow external ArrayBuffers, so the import "
                      "needs a copy");
    }
    buffer = copyRegion(env, facts);
    parts.Set("copied", true);
    parts.Set("readonly", false);
    tensor.release();
  }
  parts.Set("buffer", buffer);
  return parts;
}

CopyMode copyModeArg(const Napi::CallbackInfo& info, size_t index) {
  return static_cast<CopyMode>(info[index].As<Napi::Number>().Int32Value());
}

// dlpackImportCapsule(capsule, copyMode, requireHost)
Napi::Value importCapsule(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  void* taken = nullptr;
  int versioned = 0;
  const ndinterop_status status = ndinterop_capsule_take(env, info[0], &taken, &versioned);
  if (status == NDINTEROP_CONSUMED) {
    throw makeError(env, ErrorCode::kDlpackConsumed, "the DLPack capsule was already consumed");
  }
  if (status != NDINTEROP_OK) throwTypeError(env, "expected a DLPack capsule");
  ManagedTensor tensor = versioned ? ManagedTensor::versioned(static_cast<DLManagedTensorVersioned*>(taken))
                                   : ManagedTensor::legacy(static_cast<DLManagedTensor*>(taken));
  return importTensor(env, std::move(tensor), copyModeArg(info, 1), info[2].ToBoolean());
}

void* pointerArg(const Napi::CallbackInfo& info, size_t index) {
  bool lossless = false;
  const uint64_t address = info[index].As<Napi::BigInt>().Uint64Value(&lossless);
  if (!lossless) throw makeError(info.Env(), ErrorCode::kInvalidValue, "expected an address in [1, 2^64), got a bigint out of range");
  return reinterpret_cast<void*>(static_cast<uintptr_t>(address));
}

// dlpackImportPointer(address, versioned, copyMode, requireHost)
Napi::Value importPointer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  void* pointer = pointerArg(info, 0);
  const bool versioned = info[1].ToBoolean();
  if (pointer == nullptr) {
    throw makeError(env, ErrorCode::kDlpackInvalid,
                    std::string("expected a non-NULL ") + (versioned ? "DLManagedTensorVersioned" : "DLManagedTensor") +
                        " pointer, got 0n");
  }
  ManagedTensor tensor = versioned ? ManagedTensor::versioned(static_cast<DLManagedTensorVersioned*>(pointer))
                                   : ManagedTensor::legacy(static_cast<DLManagedTensor*>(pointer));
  return importTensor(env, std::move(tensor), copyModeArg(info, 2), info[3].ToBoolean());
}

Napi::Value dlpackMemoryStats(const Napi::CallbackInfo& info) {
  DlpackEnv& state = dlpackEnv(info.Env());
  Napi::Object stats = Napi::Object::New(info.Env());
  stats.Set("liveImports", Napi::Number::New(info.Env(), static_cast<double>(state.liveImports.load())));
  stats.Set("liveExports", Napi::Number::New(info.Env(), static_cast<double>(state.liveExports.load())));
  stats.Set("externalBytes", Napi::Number::New(info.Env(), static_cast<double>(state.externalBytes.load())));
  return stats;
}

// dlpackHeldReferences(): napi_refs that exports of any environment of this
// process hold and that have not been deleted yet (leak tests).
Napi::Value heldReferences(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(DlpackEnv::heldReferencesInProcess()));
}

Napi::Value refuseExternalBuffers(const Napi::CallbackInfo& info) {
  dlpackEnv(info.Env()).externalBuffersRefused = info[0].ToBoolean();
  return info.Env().Undefined();
}

void initDlpackImport(Napi::Env env, Napi::Object exports) {
  exports.Set("dlpackImportCapsule", Napi::Function::New(env, importCapsule, "dlpackImportCapsule"));
  exports.Set("dlpackImportPointer", Napi::Function::New(env, importPointer, "dlpackImportPointer"));
  exports.Set("dlpackMemoryStats", Napi::Function::New(env, dlpackMemoryStats, "dlpackMemoryStats"));
  exports.Set("dlpackHeldReferences", Napi::Function::New(env, heldReferences, "dlpackHeldReferences"));
  exports.Set("dlpackRefuseExternalBuffers", Napi::Function::New(env, refuseExternalBuffers, "dlpackRefuseExternalBuffers"));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(dlpack_import, ndinterop::napi::initDlpackImport);
