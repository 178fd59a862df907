#include "core/ufunc_exec.h"

#include <cfenv>
#include <string>

namespace ndinterop::ufunc {
namespace {

struct LoopContext {
  InnerLoop loop;
  size_t nops;  // without the mask
};

void runRow(void* context, char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  static_cast<LoopContext*>(context)->loop(data, count, steps);
}

// The mask is the last operand: call the loop on each run of true elements.
void runMaskedRow(void* context, char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const LoopContext& loop = *static_cast<LoopContext*>(context);
  const char* mask = data[loop.nops];
  const ptrdiff_t maskStep = steps[loop.nops];
  std::vector<char*> runData(loop.nops);
  ptrdiff_t i = 0;
  while (i < count) {
    while (i < count && mask[i * maskStep] == 0) ++i;
    const ptrdiff_t start = i;
    while (i < count && mask[i * maskStep] != 0) ++i;
    if (i == start) break;
    for (size_t op = 0; op < loop.nops; ++op) runData[op] = data[op] + start * steps[op];
    loop.loop(runData.data(), i - start, steps);
  }
}

}  // namespace

void clearFpFlags() { std::feclearexcept(FE_ALL_EXCEPT); }

int readFpFlags() {
  const int raised = std::fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INVALID);
  int flags = 0;
  if (raised & FE_DIVBYZERO) flags |= kFpDivideByZero;
  if (raised & FE_OVERFLOW) flags |= kFpOverflow;
  if (raised & FE_UNDERFLOW) flags |= kFpUnderflow;
  if (raised & FE_INVALID) flags |= kFpInvalid;
  return flags;
}

Status exec(const UfuncInfo& info, size_t loopIndex, std::vector<IterOperand> operands,
            const std::vector<ptrdiff_t>& shape, const IterOperand* where, int* flags) {
  if (loopIndex >= info.loops.size()) {
    return Status::Error(ErrorCode::kInvalidValue, "expected a loop index below " +
                                                       std::to_string(info.loops.size()) + " for ufunc '" +
                                                       info.name + "', got " + std::to_string(loopIndex));
  }
  const size_t nargs = static_cast<size_t>(info.nin + info.nout);
  if (operands.size() != nargs) {
    return Status::Error(ErrorCode::kInvalidValue, "expected " + std::to_string(nargs) + " operands for ufunc '" +
                                                       info.name + "', got " + std::to_string(operands.size()));
  }
  LoopContext context{info.loops[loopIndex].function, nargs};
  // Outputs decide the dimension order first, then inputs, then the mask.
  std::vector<int> priority;
  for (size_t op = static_cast<size_t>(info.nin); op < nargs; ++op) priority.push_back(static_cast<int>(op));
  for (int op = 0; op < info.nin; ++op) priority.push_back(op);
  RowFunction row = &runRow;
  if (where != nullptr) {
    operands.push_back(*where);
    priority.push_back(static_cast<int>(nargs));
    row = &runMaskedRow;
  }
  clearFpFlags();
  iterate(std::move(operands), shape, priority, row, &context);
  *flags = readFpFlags();
  return Status::Ok();
}

}  // namespace ndinterop::ufunc
