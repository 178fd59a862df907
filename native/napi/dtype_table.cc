// Exposes the core dtype table to JS, where src/dtype/dtype.ts builds DType objects
// from it (so the table stays the single source of truth).
#include "core/dtype/table.h"
#include "napi/module.h"

namespace ndinterop::napi {
namespace {

Napi::Array dtypeTableToJs(Napi::Env env) {
  Napi::Array rows = Napi::Array::New(env, dtypeTableSize());
  const DTypeInfo* table = dtypeTableBegin();
  for (size_t i = 0; i < dtypeTableSize(); ++i) {
    const DTypeInfo& info = table[i];
    Napi::Object row = Napi::Object::New(env);
    row.Set("id", static_cast<uint32_t>(info.id));
    row.Set("name", info.name);
    row.Set("kind", std::string(1, info.kind));
    row.Set("char", std::string(1, info.typeChar));
    row.Set("itemsize", info.itemsize);
    row.Set("alignment", info.alignment);
    if (info.dlpackCode == kNoDlpackCode) {
      row.Set("dlpack", env.Null());
    } else {
      Napi::Object dlpack = Napi::Object::New(env);
      dlpack.Set("code", info.dlpackCode);
      dlpack.Set("bits", info.dlpackBits);
      dlpack.Set("lanes", 1);
      row.Set("dlpack", dlpack);
    }
    row.Set("numeric", info.numeric);
    row.Set("typestrKind", std::string(1, info.typestrKind));
    rows[i] = row;
  }
  return rows;
}

void initDtypeTable(Napi::Env env, Napi::Object exports) {
  exports.Set("dtypeTable", dtypeTableToJs(env));
}

}  // namespace
}  // namespace ndinterop::napi

NDINTEROP_NAPI_AREA(dtype_table, ndinterop::napi::initDtypeTable);
