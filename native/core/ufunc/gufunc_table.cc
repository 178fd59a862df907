#include "core/ufunc/gufunc_table.h"

#include "core/ufunc/exec.h"
#include "core/ufunc/table.h"

namespace ndinterop::ufunc {
namespace {

struct GeneratedGufunc {
  const char* name;
  int nin;
  int nout;
  bool conjugatesFirst;  // scripts/gen-ufunc-types.py's CONJUGATES_FIRST
  const char* signature;
  const char* types;  // space-separated, NumPy's order
};

const GeneratedGufunc kGeneratedGufuncs[] = {
#define NDINTEROP_GUFUNC(name, nin, nout, conjugatesFirst, signature, types) \
  {#name, nin, nout, conjugatesFirst, signature, types},
#include "core/ufunc/gufunc_table_types.inc"
#undef NDINTEROP_GUFUNC
};

GufuncInfo buildInfo(const GeneratedGufunc& generated, std::vector<std::string>* missing) {
  GufuncInfo info{generated.name, generated.nin, generated.nout, generated.signature, generated.conjugatesFirst, {}};
  for (const std::string& types : splitWords(generated.types)) {
    ProductLoop function = findProductLoop(types);
    if (function == nullptr) {
      if (missing) missing->push_back(info.name + ":" + types);
      continue;
    }
    info.loops.push_back({types, function});
    if (types == "ee->e") {
      ProductLoop bfloat16 = findProductLoop("EE->E");
      if (bfloat16 != nullptr) info.loops.push_back({"EE->E", bfloat16});
    }
  }
  return info;
}

}  // namespace

const std::vector<GufuncInfo>& gufuncTable() {
  static const std::vector<GufuncInfo> table = [] {
    std::vector<GufuncInfo> built;
    for (const GeneratedGufunc& generated : kGeneratedGufuncs) built.push_back(buildInfo(generated, nullptr));
    return built;
  }();
  return table;
}

const GufuncInfo* findGufunc(std::string_view name) {
  for (const GufuncInfo& info : gufuncTable()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::vector<std::string> missingProductLoops() {
  std::vector<std::string> missing;
  for (const GeneratedGufunc& generated : kGeneratedGufuncs) buildInfo(generated, &missing);
  return missing;
}

Status execProduct(const GufuncInfo& info, size_t loopIndex, const ProductBatch& batch, int* flags) {
  Status status = checkLoopIndex(static_cast<int64_t>(loopIndex), info.loops.size(), "the loop index", "gufunc", info.name);
  if (!status.ok()) return status;
  const size_t ndim = batch.loopShape.size();
  if (batch.a.loopStrides.size() != ndim || batch.b.loopStrides.size() != ndim ||
      batch.out.loopStrides.size() != ndim) {
    return Status::Error(ErrorCode::kInvalidValue, "expected one loop stride per loop dimension for every operand");
  }
  if (batch.rows < 0 || batch.inner < 0 || batch.cols < 0) {
    return Status::Error(ErrorCode::kInvalidValue, "expected non-negative core dimensions");
  }
  *flags = info.loops[loopIndex].function(batch);
  return Status::Ok();
}

}  // namespace ndinterop::ufunc
