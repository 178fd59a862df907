// .npy headers and memory-mapped files for src/io/. Header problems come back
// as { errorKind, message } (1: not a valid .npy file, 2: a dtype ndinterop
// cannot represent) and src/io/ builds the error, so every io error code is
// thrown from one place.
//
// npyReadPrefix(bytes, maxHeaderSize) -> { major, minor, headerOffset, headerLength, dataOffset } | error
// npyParseHeader(headerBytes, major)  -> { fortranOrder, shape, dataBytes, hasObject, dtype } | error
//   dtype: { structured: false, scalar } | { structured: true, itemsize, fields: [{ name, offset, shape, dtype }] }
// ioMapFile(fd, mode, offset, length) -> SharedArrayBuffer over the mapping | string (why it failed)
//   | undefined (the runtime refuses external memory: read a copy instead)
// ioMemoryStats() -> { liveMappings, mappedBytes } (process-wide)
// ioExchangeFiles(a, b) -> boolean: swapped the two paths' entries (core/io/exchange_files.h)
// ioReserveSpace(fd, offset, length) -> 0 reserved, 1 skipped, 2 no space on the device (core/io/reserve_space.h)
#include <atomic>
#include <memory>

#include "core/io/exchange_files.h"
#include "core/io/mapped_file.h"
#include "core/io/npy_header.h"
#include "core/io/reserve_space.h"
#include "napi/dtype_parse.h"
#include "napi/module.h"
#include "napi/v8_bridge.h"

namespace ndinterop::napi {
namespace {

using io::NpyStatus;

// Process-wide: a mapping's BackingStore may be freed on any thread, after
// the environment that made it has gone.
std::atomic<int64_t> liveMappings{0};
std::atomic<int64_t> mappedBytes{0};

Napi::Value errorResult(Napi::Env env, const NpyStatus& status) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("errorKind", status.kind == io::NpyErrorKind::kInvalid ? 1 : 2);
  result.Set("message", status.message);
  return result;
}

Napi::Array dimsToJs(Napi::Env env, const std::vector<uint64_t>& dims) {
  Napi::Array array = Napi::Array::New(env, dims.size());
  for (size_t i = 0; i < dims.size(); ++i) array[i] = Napi::Number::New(env, static_cast<double>(dims[i]));
  return array;
}

Napi::Object dtypeToJs(Napi::Env env, const io::NpyDType& type) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("structured", type.structured);
  if (!type.structured) {
    result.Set("scalar", scalarTypeToJs(env, type.scalar));
    return result;
  }
  result.Set("itemsize", Napi::Number::New(env, static_cast<double>(type.itemsize)));
  Napi::Array fields = Napi::Array::New(env, type.fields.size());
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const io::NpyField& field = type.fields[i];
    Napi::Object entry = Napi::Object::New(env);
    entry.Set("name", field.name);
    entry.Set("offset", Napi::Number::New(env, static_cast<double>(field.offset)));
    entry.Set("shape", dimsToJs(env, field.shape));
    entry.Set("dtype", dtypeToJs(env, field.type));
    fields[i] = entry;
  }
  result.Set("fields", fields);
  return result;
}

Napi::Value readPrefix(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  const auto maxHeaderSize = static_cast<uint64_t>(info[1].As<Napi::Number>().DoubleValue());
  io::NpyPrefix prefix;
  const NpyStatus status = io::readNpyPrefix(bytes.Data(), bytes.ByteLength(), maxHeaderSize, &prefix);
  if (!status.ok()) return errorResult(env, status);
  Napi::Object result = Napi::Object::New(env);
  result.Set("major", prefix.major);
  result.Set("minor", prefix.minor);
  result.Set("headerOffset", Napi::Number::New(env, static_cast<double>(prefix.headerOffset)));
  result.Set("headerLength", Napi::Number::New(env, static_cast<double>(prefix.headerLength)));
  result.Set("dataOffset", Napi::Number::New(env, static_cast<double>(prefix.dataOffset)));
  return result;
}

Napi::Value parseHeader(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  const auto major = static_cast<uint8_t>(info[1].As<Napi::Number>().Uint32Value());
  io::NpyHeader header;
  const std::string_view text(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
  const NpyStatus status = io::parseNpyHeader(text, major, &header);
  if (!status.ok()) return errorResult(env, status);
  Napi::Object result = Napi::Object::New(env);
  result.Set("fortranOrder", header.fortranOrder);
  result.Set("shape", dimsToJs(env, header.shape));
  result.Set("dataBytes", Napi::Number::New(env, static_cast<double>(header.dataBytes)));
  result.Set("hasObject", header.dtype.hasObject);
  result.Set("dtype", dtypeToJs(env, header.dtype));
  return result;
}

// Owned by the BackingStore of the SharedArrayBuffer over the mapping.
struct MappingRecord {
  io::MappedRegion region;
};

// V8 calls this once, when the last holder of the BackingStore lets go (the
// buffer's GC in every isolate it was shared with, isolate teardown, or a
// later release by an export), on any thread: munmap is thread-safe and
// nothing here touches JS.
void releaseMapping(void* /*data*/, size_t /*length*/, void* context) {
  std::unique_ptr<MappingRecord> record(static_cast<MappingRecord*>(context));
  io::unmapRegion(record->region);
  liveMappings.fetch_sub(1);
  mappedBytes.fetch_sub(static_cast<int64_t>(record->region.length));
}

// The mapping is given to JS as a SharedArrayBuffer, not an ArrayBuffer:
// V8 counts an ArrayBuffer's bytes as external memory (the BackingStore's
// PerIsolateAccountingLength) and starts garbage collections when that count
// grows fast, so mapping an 80 MB file cost a GC, although mapped pages are
// file pages the kernel can drop, not memory taken from the heap. A shared
// BackingStore is never counted (and never taken back from the count), and
// its deleter still runs once, when the last holder lets go. The mapping is
// counted in ioMemoryStats() instead. Sharing it with a worker (toMessage)
// shares the pages, as NumPy's threads share a memmap.
Napi::Value mapFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
#if defined(V8_ENABLE_SANDBOX)
  // Builds with V8's sandbox (Electron) refuse memory from outside it.
  return env.Undefined();
#else
  const int fd = info[0].As<Napi::Number>().Int32Value();
  const auto mode = static_cast<io::MapMode>(info[1].As<Napi::Number>().Int32Value());
  const auto offset = static_cast<uint64_t>(info[2].As<Napi::Number>().DoubleValue());
  const auto length = static_cast<uint64_t>(info[3].As<Napi::Number>().DoubleValue());
  auto record = std::make_unique<MappingRecord>();
  std::string error;
  if (!io::mapFileRegion(fd, mode, offset, length, &record->region, &error)) return Napi::String::New(env, error);
  liveMappings.fetch_add(1);
  mappedBytes.fetch_add(static_cast<int64_t>(record->region.length));
  std::unique_ptr<v8::BackingStore> store =
      v8::SharedArrayBuffer::NewBackingStore(record->region.data, record->region.length, &releaseMapping, record.get());
  record.release();  // the BackingStore's deleter owns it now
  v8::Local<v8::SharedArrayBuffer> buffer = v8::SharedArrayBuffer::New(v8::Isolate::GetCurrent(), std::move(store));
  return Napi::Value(env, fromV8(buffer));
#endif
}

Napi::Value ioMemoryStats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object stats = Napi::Object::New(env);
  stats.Set("liveMappings", Napi::Number::New(env, static_cast<double>(liveMappings.load())));
  stats.Set("mappedBytes", Napi::Number::New(env, static_cast<double>(mappedBytes.load())));
  return stats;
}

Napi::Value exchangeFiles(const Napi::CallbackInfo& info) {
  const std::string a = info[0].As<Napi::String>().Utf8Value();
  const std::string b = info[1].As<Napi::String>().Utf8Value();
  return Napi::Boolean::New(info.Env(), io::exchangeFiles(a.c_str(), b.c_str()));
}

Napi::Value reserveSpace(const Napi::CallbackInfo& info) {
  const int fd = info[0].As<Napi::Number>().Int32Value();
  const auto offset = static_cast<uint64_t>(info[1].As<Napi::Number>().DoubleValue());
  const auto length = static_cast<uint64_t>(info[2].As<Napi::Number>().DoubleValue());
  return Napi::Number::New(info.Env(), static_cast<int>(io::reserveSpace(fd, offset, length)));
}

void initIo(Napi::Env env, Napi::Object exports) {
  exports.Set("npyReadPrefix", Napi::Function::New(env, readPrefix, "npyReadPrefix"));
  exports.Set("npyParseHeader", Napi::Function::New(env, parseHeader, "npyParseHeader"));
  exports.Set("ioMapFile", Napi::Function::New(env, mapFile, "ioMapFile"));
  exports.Set("ioMemoryStats", Napi::Function::New(env, ioMemoryStats, "ioMemoryStats"));
  exports.Set("ioExchangeFiles", Napi::Function::New(env, exchangeFiles, "ioExchangeFiles"));
  exports.Set("ioReserveSpace", Napi::Function::New(env, reserveSpace, "ioReserveSpace"));
}

}  // namespace

NDINTEROP_NAPI_AREA(io, initIo);

}  // namespace ndinterop::napi
