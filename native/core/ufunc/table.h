// The ufunc table: every elementwise numeric ufunc of NumPy 2.4 with its
// nin/nout, identity and loops. Loop signatures (`types`) come from NumPy
// itself (scripts/gen-ufunc-types.py -> table_types.inc), in NumPy's order,
// with a bfloat16 ('E') loop inserted after each float16 ('e') loop that has a
// bfloat16 kernel. Kernel files register their loops by signature; the table
// pairs each signature with its kernel.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/status.h"
#include "core/ufunc/loop.h"

namespace ndinterop::ufunc {

// NumPy's ufunc.identity; kReorderableNone is NumPy's "no identity, but the
// reduction may run over several axes at once" (maximum, fmax, ...).
enum class Identity { kNone, kReorderableNone, kZero, kOne, kMinusOne, kTrue, kFalse, kMinusInf };

struct LoopEntry {
  std::string types;  // NumPy's form: "dd->d"
  InnerLoop function;
};

struct UfuncInfo {
  std::string name;
  int nin;
  int nout;
  Identity identity;
  std::vector<std::string> aliases;
  std::vector<LoopEntry> loops;
};

// Signature -> kernel, filled by the register*Loops functions below.
class LoopRegistry {
 public:
  void add(std::string_view ufunc, std::string_view types, InnerLoop function);
  InnerLoop find(std::string_view ufunc, std::string_view types) const;

 private:
  static std::string key(std::string_view ufunc, std::string_view types);
  std::unordered_map<std::string, InnerLoop> loops_;
};

// Built once, on first use; thread-safe (function-local static).
const std::vector<UfuncInfo>& ufuncTable();
// By name or alias ('abs', 'true_divide', ...); nullptr if unknown.
const UfuncInfo* findUfunc(std::string_view name);
// NumPy signatures from table_types.inc that have no kernel ("name:types");
// empty when every loop is implemented (a core test checks this).
std::vector<std::string> missingLoops();
// The words of a space-separated list (the generated tables' type lists).
std::vector<std::string> splitWords(const char* text);

// Checks that `loopIndex` names one of the `loopCount` loops of the ufunc or
// gufunc (`kind`) `name`; kInvalidValue otherwise: "expected <label> in
// [0, <loopCount>) for <kind> '<name>', got <loopIndex>". The one loop-index
// check: the N-API readers (with label "typeIndex") and exec/execProduct
// use it.
Status checkLoopIndex(int64_t loopIndex, size_t loopCount, const std::string& label, std::string_view kind,
                      const std::string& name);

// One per kernel file.
void registerArithmeticLoops(LoopRegistry& registry);
void registerComparisonLoops(LoopRegistry& registry);
void registerComplexLoops(LoopRegistry& registry);
void registerIntegerLoops(LoopRegistry& registry);
void registerFloatLoops(LoopRegistry& registry);
// longdouble/clongdouble ('g', 'G') loops, one per kernel file, kept apart so
// the float64-centred registrations above read as before.
void registerArithmeticLongDoubleLoops(LoopRegistry& registry);
void registerComparisonLongDoubleLoops(LoopRegistry& registry);
void registerComplexLongDoubleLoops(LoopRegistry& registry);
void registerIntegerLongDoubleLoops(LoopRegistry& registry);
void registerFloatLongDoubleLoops(LoopRegistry& registry);

}  // namespace ndinterop::ufunc
