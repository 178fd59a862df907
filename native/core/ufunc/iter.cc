#include "core/ufunc/iter.h"

#include <cstdlib>

namespace ndinterop {
namespace {

struct Dimension {
  ptrdiff_t size;
  std::vector<ptrdiff_t> strides;  // one per operand
};

// True when `inner` should iterate faster than `outer`: the first operand (in
// priority order) that moves along both dimensions has the smaller stride
// along `inner`.
bool isInnerTo(const Dimension& inner, const Dimension& outer, const std::vector<int>& priority) {
  for (int op : priority) {
    const ptrdiff_t a = std::llabs(inner.strides[op]);
    const ptrdiff_t b = std::llabs(outer.strides[op]);
    if (a == 0 || b == 0) continue;
    if (a != b) return a < b;
  }
  return false;
}

// Dimensions from outermost to innermost, size-1 dimensions dropped,
// contiguous neighbours merged.
std::vector<Dimension> planDimensions(const std::vector<IterOperand>& operands, const std::vector<ptrdiff_t>& shape,
                                      const std::vector<int>& priority) {
  std::vector<Dimension> dims;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 1) continue;
    Dimension dim{shape[axis], {}};
    for (const IterOperand& operand : operands) dim.strides.push_back(operand.strides[axis]);
    dims.push_back(std::move(dim));
  }
  // Stable insertion sort: C order unless strides say otherwise.
  for (size_t i = 1; i < dims.size(); ++i) {
    for (size_t j = i; j > 0 && isInnerTo(dims[j - 1], dims[j], priority); --j) std::swap(dims[j - 1], dims[j]);
  }
  std::vector<Dimension> merged;
  for (Dimension& dim : dims) {
    if (!merged.empty()) {
      Dimension& outer = merged.back();
      bool contiguous = true;
      for (size_t op = 0; op < operands.size(); ++op) {
        if (outer.strides[op] != dim.strides[op] * dim.size) contiguous = false;
      }
      if (contiguous) {
        outer.size *= dim.size;
        outer.strides = dim.strides;
        continue;
      }
    }
    merged.push_back(std::move(dim));
  }
  return merged;
}

}  // namespace

void iterate(std::vector<IterOperand> operands, const std::vector<ptrdiff_t>& shape,
             const std::vector<int>& priority, RowFunction row, void* context) {
  for (ptrdiff_t size : shape) {
    if (size == 0) return;
  }
  const size_t nops = operands.size();
  std::vector<Dimension> dims = planDimensions(operands, shape, priority);
  std::vector<char*> data(nops);
  for (size_t op = 0; op < nops; ++op) data[op] = operands[op].data;
  if (dims.empty()) {
    std::vector<ptrdiff_t> steps(nops, 0);
    row(context, data.data(), 1, steps.data());
    return;
  }
  const Dimension inner = dims.back();
  dims.pop_back();
  std::vector<ptrdiff_t> index(dims.size(), 0);
  for (;;) {
    row(context, data.data(), inner.size, inner.strides.data());
    // Odometer over the outer dimensions, innermost of them fastest.
    size_t axis = dims.size();
    while (axis > 0) {
      --axis;
      Dimension& dim = dims[axis];
      if (++index[axis] < dim.size) {
        for (size_t op = 0; op < nops; ++op) data[op] += dim.strides[op];
        break;
      }
      index[axis] = 0;
      for (size_t op = 0; op < nops; ++op) data[op] -= dim.strides[op] * (dim.size - 1);
      if (axis == 0) return;
    }
    if (dims.empty()) return;
  }
}

}  // namespace ndinterop
