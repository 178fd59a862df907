#include "core/ufunc/table.h"

#include <sstream>
#include <string>

namespace ndinterop::ufunc {
namespace {

struct GeneratedUfunc {
  const char* name;
  int nin;
  int nout;
  Identity identity;
  const char* aliases;  // space-separated
  const char* types;    // space-separated, NumPy's order
};

constexpr Identity kNone = Identity::kNone;
constexpr Identity kReorderableNone = Identity::kReorderableNone;
constexpr Identity kZero = Identity::kZero;
constexpr Identity kOne = Identity::kOne;
constexpr Identity kMinusOne = Identity::kMinusOne;
constexpr Identity kTrue = Identity::kTrue;
constexpr Identity kFalse = Identity::kFalse;
constexpr Identity kMinusInf = Identity::kMinusInf;

const GeneratedUfunc kGeneratedUfuncs[] = {
#define NDINTEROP_UFUNC(name, nin, nout, identity, aliases, types) {#name, nin, nout, identity, aliases, types},
#include "core/ufunc/table_types.inc"
#undef NDINTEROP_UFUNC
};

const LoopRegistry& registry() {
  static const LoopRegistry instance = [] {
    LoopRegistry built;
    registerArithmeticLoops(built);
    registerComparisonLoops(built);
    registerComplexLoops(built);
    registerIntegerLoops(built);
    registerFloatLoops(built);
    registerArithmeticLongDoubleLoops(built);
    registerComparisonLongDoubleLoops(built);
    registerComplexLongDoubleLoops(built);
    registerIntegerLongDoubleLoops(built);
    registerFloatLongDoubleLoops(built);
    return built;
  }();
  return instance;
}

bool contains(const std::vector<LoopEntry>& loops, const std::string& types) {
  for (const LoopEntry& loop : loops) {
    if (loop.types == types) return true;
  }
  return false;
}

UfuncInfo buildInfo(const GeneratedUfunc& generated, std::vector<std::string>* missing) {
  UfuncInfo info{generated.name, generated.nin, generated.nout, generated.identity,
                 splitWords(generated.aliases), {}};
  for (const std::string& types : splitWords(generated.types)) {
    InnerLoop function = registry().find(info.name, types);
    if (function == nullptr) {
      if (missing) missing->push_back(info.name + ":" + types);
      continue;
    }
    info.loops.push_back({types, function});
    if (types.find('e') == std::string::npos) continue;
    std::string bfloat16Types = types;
    for (char& c : bfloat16Types) {
      if (c == 'e') c = 'E';
    }
    InnerLoop bfloat16Function = registry().find(info.name, bfloat16Types);
    if (bfloat16Function != nullptr && !contains(info.loops, bfloat16Types)) {
      info.loops.push_back({bfloat16Types, bfloat16Function});
    }
  }
  return info;
}

}  // namespace

std::vector<std::string> splitWords(const char* text) {
  std::vector<std::string> words;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

std::string LoopRegistry::key(std::string_view ufunc, std::string_view types) {
  std::string result(ufunc);
  result += ':';
  result += types;
  return result;
}

void LoopRegistry::add(std::string_view ufunc, std::string_view types, InnerLoop function) {
  loops_[key(ufunc, types)] = function;
}

InnerLoop LoopRegistry::find(std::string_view ufunc, std::string_view types) const {
  auto found = loops_.find(key(ufunc, types));
  return found == loops_.end() ? nullptr : found->second;
}

const std::vector<UfuncInfo>& ufuncTable() {
  static const std::vector<UfuncInfo> table = [] {
    std::vector<UfuncInfo> built;
    for (const GeneratedUfunc& generated : kGeneratedUfuncs) {
      UfuncInfo info = buildInfo(generated, nullptr);
      if (!info.loops.empty()) built.push_back(std::move(info));
    }
    return built;
  }();
  return table;
}

const UfuncInfo* findUfunc(std::string_view name) {
  for (const UfuncInfo& info : ufuncTable()) {
    if (info.name == name) return &info;
    for (const std::string& alias : info.aliases) {
      if (alias == name) return &info;
    }
  }
  return nullptr;
}

Status checkLoopIndex(int64_t loopIndex, size_t loopCount, const std::string& label, std::string_view kind,
                      const std::string& name) {
  if (loopIndex >= 0 && static_cast<uint64_t>(loopIndex) < loopCount) return Status::Ok();
  return Status::Error(ErrorCode::kInvalidValue, "expected " + label + " in [0, " + std::to_string(loopCount) + ") for " +
                                                     std::string(kind) + " '" + name + "', got " +
                                                     std::to_string(loopIndex));
}

std::vector<std::string> missingLoops() {
  std::vector<std::string> missing;
  for (const GeneratedUfunc& generated : kGeneratedUfuncs) buildInfo(generated, &missing);
  return missing;
}

}  // namespace ndinterop::ufunc
