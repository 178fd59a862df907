#include "core/ufunc/exec.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ufunc/cast.h"
#include "core/base/parallel.h"
#include "core/view/layout.h"

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


// Elements per chunk when inputs are converted or outputs streamed: 512
// elements of up to 16 bytes keep every operand's chunk in L1/L2.
constexpr ptrdiff_t kChunk = 512;
constexpr size_t kChunkBytes = kChunk * 32;  // the widest element: clongdouble

// Outputs of at least this many bytes bypass the caches (non-temporal
// stores): far larger than L2 and a good part of L3, they would only evict
// the inputs, and a normal store first reads each line it writes.
constexpr size_t kStreamBytes = size_t{16} << 20;

// Copies `bytes` from a chunk buffer to memory with non-temporal stores where
// the destination is 16-byte aligned. The caller fences once at the end.
void streamCopy(char* destination, const char* source, size_t bytes) {
#if defined(__SSE2__)
  const size_t head = std::min(bytes, (16 - reinterpret_cast<uintptr_t>(destination) % 16) % 16);
  std::memcpy(destination, source, head);
  size_t i = head;
  for (; i + 16 <= bytes; i += 16) {
    _mm_stream_si128(reinterpret_cast<__m128i*>(destination + i),
                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(source + i)));
  }
  std::memcpy(destination + i, source + i, bytes - i);
#else
  std::memcpy(destination, source, bytes);
#endif
}

struct BufferedContext {
  LoopContext loop;
  size_t nin;
  bool masked;
  bool stream;
  std::vector<const CastStep*> casts;  // per input; nullptr when read in place
  std::vector<ptrdiff_t> itemsizes;    // per operand, in the loop's dtypes
  char* scratch;                       // kChunkBytes per operand
};

void runChunk(const BufferedContext& context, char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  if (context.masked) {
    LoopContext loop = context.loop;
    runMaskedRow(&loop, data, count, steps);
  } else {
    context.loop.loop(data, count, steps);
  }
}

// Runs a row in chunks: inputs with a cast are converted into scratch first,
// streamed outputs are computed into scratch and then copied out.
void runBufferedRow(void* opaque, char* const* data, ptrdiff_t count, const ptrdiff_t* steps) {
  const BufferedContext& context = *static_cast<BufferedContext*>(opaque);
  const size_t nops = context.loop.nops;
  const size_t total = nops + (context.masked ? 1 : 0);
  char* chunkData[8];
  ptrdiff_t chunkSteps[8];
  bool streamed[8] = {};
  bool any = false;
  for (size_t op = 0; op < nops; ++op) {
    if (op < context.nin) {
      any = any || context.casts[op] != nullptr;
    } else {
      streamed[op] = context.stream && steps[op] == context.itemsizes[op];
      any = any || streamed[op];
    }
  }
  if (!any || total > 8) {
    runChunk(context, data, count, steps);
    return;
  }
  for (ptrdiff_t start = 0; start < count; start += kChunk) {
    const ptrdiff_t n = std::min(kChunk, count - start);
    for (size_t op = 0; op < total; ++op) {
      chunkData[op] = data[op] + start * steps[op];
      chunkSteps[op] = steps[op];
    }
    for (size_t op = 0; op < nops; ++op) {
      char* buffer = context.scratch + op * kChunkBytes;
      if (op < context.nin && context.casts[op] != nullptr) {
        char* castData[2] = {chunkData[op], buffer};
        const ptrdiff_t castSteps[2] = {steps[op], context.itemsizes[op]};
        runCastStep(*context.casts[op], castData, n, castSteps);
      } else if (!streamed[op]) {
        continue;
      }
      chunkData[op] = buffer;
      chunkSteps[op] = context.itemsizes[op];
    }
    runChunk(context, chunkData, n, chunkSteps);
    for (size_t op = context.nin; op < nops; ++op) {
      if (streamed[op]) {
        streamCopy(data[op] + start * steps[op], context.scratch + op * kChunkBytes,
                   static_cast<size_t>(n * context.itemsizes[op]));
      }
    }
  }
}

// The bytes an operand reaches: [low, high), from layout's extent (which
// cannot fail here: the caller checked every operand against its memory).
std::pair<uintptr_t, uintptr_t> byteRange(const IterOperand& operand, const std::vector<ptrdiff_t>& shape,
                                          ptrdiff_t itemsize) {
  ByteExtent extent;
  if (!computeByteExtent(itemsize, shape.data(), operand.strides.data(), shape.size(), StrideUnit::kBytes, &extent).ok()) {
    return {0, UINTPTR_MAX};  // unreachable; "overlaps everything" is the safe answer
  }
  const uintptr_t first = reinterpret_cast<uintptr_t>(operand.data);
  return {first - static_cast<uintptr_t>(-extent.lowest), first + static_cast<uintptr_t>(extent.end)};
}

// Whether outputs can be written in any order and after their inputs are
// read: no operand shares memory with an output, except an input that is
// that very output walked in step (in place). Streaming (an output chunk is
// written after the chunk's inputs are read) and splitting across threads
// both need it; accumulate's shifted views, for one, do not have it.
bool outputsIndependent(const std::vector<IterOperand>& operands, size_t nin, size_t nargs,
                        const std::vector<ptrdiff_t>& shape, const std::vector<ptrdiff_t>& itemsizes) {
  for (size_t out = nin; out < nargs; ++out) {
    const auto outRange = byteRange(operands[out], shape, itemsizes[out]);
    for (size_t in = 0; in < operands.size(); ++in) {
      if (in == out) continue;
      const ptrdiff_t itemsize = in < nargs ? itemsizes[in] : 1;  // the mask has bool items
      const auto range = byteRange(operands[in], shape, itemsize);
      if (range.second <= outRange.first || outRange.second <= range.first) continue;
      const bool inPlace = in < nin && operands[in].data == operands[out].data &&
                           operands[in].strides == operands[out].strides && itemsizes[in] == itemsizes[out];
      if (!inPlace) return false;
    }
  }
  return true;
}

// Work of at least this many elements per part is split across threads: a
// part must take long enough that the pool's hand-off is small beside it
// (bench/results-decisions.md: parallel add).
constexpr size_t kElementsPerPart = kDirectElements;

// Chunks per thread a split axis is cut into (see exec).
constexpr ptrdiff_t kChunksPerThread = 8;

// The axis to split across threads: the one the first output walks with the
// largest stride (outermost in memory, so each part stays contiguous), never
// one along which an output does not move (a reduction's accumulator).
int splitAxis(const std::vector<IterOperand>& operands, size_t nin, size_t nargs, const std::vector<ptrdiff_t>& shape) {
  int best = -1;
  ptrdiff_t bestStride = -1;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] < 2) continue;
    bool reduced = false;
    for (size_t out = nin; out < nargs; ++out) reduced = reduced || operands[out].strides[axis] == 0;
    if (reduced) continue;
    const ptrdiff_t stride = std::llabs(operands[nin].strides[axis]);
    if (stride > bestStride) {
      best = static_cast<int>(axis);
      bestStride = stride;
    }
  }
  return best;
}

// Small work whose every operand walks the shape in C order without gaps (or
// is one broadcast element): a single call of the loop, as the iterator
// would make after merging every dimension, without building its plan. Most
// calls on small and mid-sized arrays take this way. Returns false, having
// done nothing, for anything else.
bool runContiguous(const LoopEntry& loop, const std::string& types, const std::vector<IterOperand>& operands,
                   const std::vector<ptrdiff_t>& shape, size_t elements, int* flags) {
  constexpr size_t kMaxOperands = 8;
  const size_t nops = operands.size();
  if (nops > kMaxOperands) return false;
  // Larger work may be split across threads or streamed: the general path.
  if (elements >= kElementsPerPart) return false;
  char* data[kMaxOperands];
  ptrdiff_t steps[kMaxOperands];
  size_t op = 0;
  for (char c : types) {
    if (c == '-' || c == '>') continue;
    if (op >= nops) return false;
    const ptrdiff_t itemsize = static_cast<ptrdiff_t>(dtypeInfo(loopCharDType(c)).itemsize);
    const std::vector<ptrdiff_t>& strides = operands[op].strides;
    if (strides.size() != shape.size()) return false;
    bool broadcast = true;
    bool contiguous = true;
    ptrdiff_t expected = itemsize;
    for (size_t d = shape.size(); d-- > 0;) {
      if (strides[d] != 0) broadcast = false;
      if (shape[d] != 1 && strides[d] != expected) contiguous = false;
      expected *= shape[d];
    }
    if (!contiguous && !broadcast) return false;
    // One element broadcast everywhere is read in place each time (step 0).
    data[op] = operands[op].data;
    steps[op] = contiguous ? itemsize : 0;
    ++op;
  }
  if (op != nops) return false;
  clearFpFlags();
  if (elements > 0) loop.function(data, static_cast<ptrdiff_t>(elements), steps);
  *flags = readFpFlags();
  return true;
}

// The chunk buffers of a buffered call: kept by each thread between calls
// (a new 32 KB block per call was a quarter of a small cast call's time, in
// malloc, free and heap consolidation), grown when a call needs more, and
// uninitialised: every chunk is written before it is read. No call runs
// inside another on one thread (the loops call no ufunc), so one per thread.
char* bufferedScratch(size_t bytes) {
  thread_local std::unique_ptr<char[]> block;
  thread_local size_t capacity = 0;
  if (capacity < bytes) {
    block.reset(new char[bytes]);
    capacity = bytes;
  }
  return block.get();
}

}  // namespace

DTypeId loopCharDType(char c) {
  // The dtype table is the one home of the type characters; loop signatures
  // also spell int64 'q' and uint64 'Q' (the table holds NumPy's LP64 'l' and
  // 'L'). Built once, so the per-call lookup stays a load.
  static const std::array<DTypeId, 128> byChar = [] {
    std::array<DTypeId, 128> map;
    map.fill(DTypeId::kFloat64);
    for (size_t ch = 0; ch < map.size(); ++ch) {
      if (const DTypeInfo* info = findDTypeByChar(static_cast<char>(ch))) map[ch] = info->id;
    }
    map['q'] = map['l'];
    map['Q'] = map['L'];
    return map;
  }();
  const auto index = static_cast<unsigned char>(c);
  return index < byChar.size() ? byChar[index] : DTypeId::kFloat64;
}

void execDirect(const UfuncInfo& info, size_t loopIndex, char* const* data, const ptrdiff_t* steps, size_t elements,
                int* flags) {
  clearFpFlags();
  if (elements > 0) info.loops[loopIndex].function(data, static_cast<ptrdiff_t>(elements), steps);
  *flags = readFpFlags();
}

Status exec(const UfuncInfo& info, size_t loopIndex, std::vector<IterOperand> operands,
            const std::vector<ptrdiff_t>& shape, const IterOperand* where, int* flags,
            const std::vector<InputCast>& casts) {
  Status status = checkLoopIndex(static_cast<int64_t>(loopIndex), info.loops.size(), "the loop index", "ufunc", info.name);
  if (!status.ok()) return status;
  const size_t nargs = static_cast<size_t>(info.nin + info.nout);
  if (operands.size() != nargs) {
    return Status::Error(ErrorCode::kInvalidValue, "expected " + std::to_string(nargs) + " operands for ufunc '" +
                                                       info.name + "', got " + std::to_string(operands.size()));
  }
  if (casts.size() > static_cast<size_t>(info.nin)) {
    return Status::Error(ErrorCode::kInvalidValue, "expected at most " + std::to_string(info.nin) +
                                                       " input casts for ufunc '" + info.name + "', got " +
                                                       std::to_string(casts.size()));
  }
  const std::string& types = info.loops[loopIndex].types;
  size_t elements = 1;
  for (ptrdiff_t n : shape) elements *= static_cast<size_t>(n);
  if (where == nullptr && std::none_of(casts.begin(), casts.end(), [](const InputCast& cast) { return cast.active; }) &&
      runContiguous(info.loops[loopIndex], types, operands, shape, elements, flags)) {
    return Status::Ok();
  }
  std::vector<ptrdiff_t> itemsizes;
  for (char c : types) {
    if (c != '-' && c != '>') itemsizes.push_back(static_cast<ptrdiff_t>(dtypeInfo(loopCharDType(c)).itemsize));
  }
  // Inputs stored in another dtype (or byte order) than the loop's.
  std::vector<CastStep> castSteps(static_cast<size_t>(info.nin));
  std::vector<const CastStep*> castOf(static_cast<size_t>(info.nin), nullptr);
  size_t inputIndex = 0;
  for (char c : types) {
    if (c == '-') break;
    if (inputIndex < casts.size() && casts[inputIndex].active) {
      const InputCast& cast = casts[inputIndex];
      const DTypeId to = loopCharDType(c);
      if (!isCastable(cast.from)) {
        return Status::Error(ErrorCode::kInvalidDType, std::string("expected a numeric dtype to cast input ") +
                                                           std::to_string(inputIndex) + " from, got '" +
                                                           dtypeInfo(cast.from).name + "'");
      }
      if (cast.from != to || (cast.byteSwapped && dtypeInfo(to).itemsize > 1)) {
        castSteps[inputIndex] = makeCastStep(cast.from, cast.byteSwapped, to, false);
        castOf[inputIndex] = &castSteps[inputIndex];
      }
    }
    ++inputIndex;
  }
  const size_t nin = static_cast<size_t>(info.nin);
  if (where != nullptr) operands.push_back(*where);
  size_t outputBytes = 0;
  for (size_t op = nin; op < nargs; ++op) outputBytes += elements * static_cast<size_t>(itemsizes[op]);
  size_t parts = std::min(parallelWidth(), elements / kElementsPerPart);
  // Only work large enough to stream or split needs its operands' overlap.
  const bool large = outputBytes >= kStreamBytes || parts > 1;
  const bool independent = large && outputsIndependent(operands, nin, nargs, shape, itemsizes);
  BufferedContext context{{info.loops[loopIndex].function, nargs},
                          nin,
                          where != nullptr,
                          where == nullptr && independent && outputBytes >= kStreamBytes,
                          castOf,
                          itemsizes,
                          nullptr};
  const bool buffered =
      context.stream || std::any_of(castOf.begin(), castOf.end(), [](const CastStep* step) { return step != nullptr; });
  // Outputs decide the dimension order first, then inputs, then the mask.
  std::vector<int> priority;
  for (size_t op = nin; op < nargs; ++op) priority.push_back(static_cast<int>(op));
  for (size_t op = 0; op < nin; ++op) priority.push_back(static_cast<int>(op));
  if (where != nullptr) priority.push_back(static_cast<int>(nargs));
  // One part of the work on the calling thread or a pool thread; each has its
  // own scratch and its own floating-point flags.
  auto runPart = [&](std::vector<IterOperand> part, const std::vector<ptrdiff_t>& partShape) {
    clearFpFlags();
    if (buffered) {
      BufferedContext local = context;
      local.scratch = bufferedScratch(nargs * kChunkBytes);
      iterate(std::move(part), partShape, priority, &runBufferedRow, &local);
#if defined(__SSE2__)
      if (local.stream) _mm_sfence();
#endif
    } else {
      LoopContext loop = context.loop;
      iterate(std::move(part), partShape, priority, where != nullptr ? &runMaskedRow : &runRow, &loop);
    }
    return readFpFlags();
  };
  const int axis = parts > 1 && independent ? splitAxis(operands, nin, nargs, shape) : -1;
  if (axis >= 0) parts = std::min(parts, static_cast<size_t>(shape[static_cast<size_t>(axis)]));
  if (axis >= 0 && parts > 1) {
    // The axis is cut into several chunks per thread, taken in turn: a thread
    // the machine schedules late (2 shared cores) then does fewer chunks
    // instead of holding the whole call up.
    const ptrdiff_t length = shape[static_cast<size_t>(axis)];
    const ptrdiff_t chunks = std::min<ptrdiff_t>(length, static_cast<ptrdiff_t>(parts) * kChunksPerThread);
    std::atomic<ptrdiff_t> nextChunk{0};
    std::vector<int> partFlags(parts, 0);
    const bool ran = runParallel(parts, [&](size_t part) {
      for (ptrdiff_t chunk = nextChunk++; chunk < chunks; chunk = nextChunk++) {
        const ptrdiff_t begin = length * chunk / chunks;
        const ptrdiff_t end = length * (chunk + 1) / chunks;
        std::vector<IterOperand> slice = operands;
        for (IterOperand& operand : slice) operand.data += begin * operand.strides[static_cast<size_t>(axis)];
        std::vector<ptrdiff_t> partShape = shape;
        partShape[static_cast<size_t>(axis)] = end - begin;
        partFlags[part] |= runPart(std::move(slice), partShape);
      }
    });
    if (ran) {
      int combined = 0;
      for (int f : partFlags) combined |= f;
      *flags = combined;
      return Status::Ok();
    }
  }
  *flags = runPart(std::move(operands), shape);
  return Status::Ok();
}

}  // namespace ndinterop::ufunc
