// Fuzzes DLPack import validation and ownership (native/core/dlpack_*.h)
// with DLTensor structs whose every field comes from the input: ndim
// (including negative and > 64, with a shape array that is deliberately too
// short for absurd ndims, so reading past the limit is an ASan report),
// shape, strides (or NULL), dtype code/bits/lanes, device, data address
// (NULL, real memory, or near the top of the address space), byte_offset.
// Properties:
//  - describeTensor accepts only tensors a 128-bit reference finds
//    consistent, and its facts (dtype, size, byte strides, region) match it;
//  - an accepted tensor re-exported with makeVersionedExport or
//    makeLegacyExport describes the same facts, and its deleter destroys the
//    export owner exactly once;
//  - ManagedTensor calls a producer's deleter exactly once whatever the
//    sequence of moves, releases (also racing on two threads) and
//    destructions.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "core/dlpack/export.h"
#include "core/dlpack/managed.h"
#include "core/dlpack/tensor.h"
#include "fuzz_values.h"

using ndinterop::TensorFacts;
using ndinterop_fuzz::interestingInt64;
using ndinterop_fuzz::require;
using int128 = __int128;

namespace {

constexpr int kShapeStorage = 70;  // entries actually allocated for shape/strides
constexpr int128 kMaxSafeInteger = (int128{1} << 53) - 1;

// The input's tensor plus the storage its pointers point into.
struct FuzzedTensor {
  DLTensor tensor{};
  std::unique_ptr<int64_t[]> shape;
  std::unique_ptr<int64_t[]> strides;
  std::vector<uint8_t> memory;  // real bytes for data, when the input asks
};

int32_t readNdim(FuzzedDataProvider& input) {
  switch (input.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
      return input.ConsumeIntegral<int32_t>();
    case 1:
      return input.ConsumeIntegralInRange<int32_t>(60, kShapeStorage);
    default:
      return input.ConsumeIntegralInRange<int32_t>(0, 6);
  }
}

void* readData(FuzzedDataProvider& input, std::vector<uint8_t>& memory) {
  switch (input.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      return nullptr;
    case 1:
      memory.resize(256);
      return memory.data();
    case 2:
      return reinterpret_cast<void*>(UINTPTR_MAX - input.ConsumeIntegralInRange<uintptr_t>(0, 1 << 16));
    default:
      return reinterpret_cast<void*>(input.ConsumeIntegral<uintptr_t>());
  }
}

FuzzedTensor readTensor(FuzzedDataProvider& input) {
  FuzzedTensor fuzzed;
  DLTensor& tensor = fuzzed.tensor;
  tensor.ndim = readNdim(input);
  const int entries = tensor.ndim < 0 ? 0 : (tensor.ndim < kShapeStorage ? tensor.ndim : kShapeStorage);
  if (input.ConsumeIntegralInRange<int>(0, 15) != 0) {
    fuzzed.shape.reset(new int64_t[entries + 1]);
    for (int i = 0; i < entries; ++i) {
      fuzzed.shape[i] = input.ConsumeBool() ? input.ConsumeIntegralInRange<int64_t>(0, 4) : interestingInt64(input);
    }
    tensor.shape = fuzzed.shape.get();
  }
  if (input.ConsumeBool()) {
    fuzzed.strides.reset(new int64_t[entries + 1]);
    for (int i = 0; i < entries; ++i) fuzzed.strides[i] = interestingInt64(input);
    tensor.strides = fuzzed.strides.get();
  }
  tensor.dtype.code = input.ConsumeBool() ? input.ConsumeIntegralInRange<uint8_t>(0, 7) : input.ConsumeIntegral<uint8_t>();
  tensor.dtype.bits = input.ConsumeBool() ? input.PickValueInArray<uint8_t>({8, 16, 32, 64, 128}) : input.ConsumeIntegral<uint8_t>();
  tensor.dtype.lanes = input.ConsumeIntegralInRange<int>(0, 7) == 0 ? input.ConsumeIntegral<uint16_t>() : 1;
  tensor.device.device_type = static_cast<DLDeviceType>(
      input.ConsumeBool() ? input.ConsumeIntegralInRange<int32_t>(0, 20) : input.ConsumeIntegral<int32_t>());
  tensor.device.device_id = input.ConsumeIntegralInRange<int>(0, 7) == 0 ? input.ConsumeIntegral<int32_t>() : 0;
  tensor.data = readData(input, fuzzed.memory);
  tensor.byte_offset = input.ConsumeBool() ? input.ConsumeIntegralInRange<uint64_t>(0, 64) : input.ConsumeIntegral<uint64_t>();
  return fuzzed;
}

bool hostReadable(int32_t deviceType) {
  return deviceType == kDLCPU || deviceType == kDLCUDAHost || deviceType == kDLROCMHost || deviceType == kDLCUDAManaged;
}

// What every accepted tensor must satisfy, recomputed in 128 bits.
void checkAccepted(const DLTensor& tensor, const TensorFacts& facts) {
  require(tensor.ndim >= 0 && tensor.ndim <= 64);
  require(tensor.ndim == 0 || tensor.shape != nullptr);
  require(tensor.dtype.lanes == 1);
  require(facts.dtype != nullptr && facts.dtype == ndinterop::findDTypeByDlpack(tensor.dtype.code, tensor.dtype.bits));
  require(facts.itemsize == facts.dtype->itemsize && facts.itemsize > 0);
  require(facts.hostReadable == hostReadable(tensor.device.device_type));
  require(facts.shape.size() == static_cast<size_t>(tensor.ndim));
  require(facts.byteStrides.size() == static_cast<size_t>(tensor.ndim));

  int128 size = 1;
  for (int axis = 0; axis < tensor.ndim; ++axis) {
    require(facts.shape[axis] == tensor.shape[axis] && tensor.shape[axis] >= 0);
    size *= tensor.shape[axis];
    if (size > kMaxSafeInteger) size = kMaxSafeInteger + 1;  // saturate; a zero later still wins
  }
  for (int axis = 0; axis < tensor.ndim; ++axis) {
    if (tensor.shape[axis] == 0) size = 0;
  }
  require(size <= kMaxSafeInteger && facts.size == size);

  // With NULL strides an accepted tensor's C-contiguous strides all fit in
  // int64, so `contiguous` stays below 2^63 * 2^53 here.
  int128 contiguous = facts.itemsize;
  for (int axis = tensor.ndim - 1; axis >= 0; --axis) {
    const int128 expected = tensor.strides ? int128{tensor.strides[axis]} * facts.itemsize : contiguous;
    require(facts.byteStrides[axis] == expected);
    if (!tensor.strides) {
      contiguous *= tensor.shape[axis] > 0 ? tensor.shape[axis] : 1;
      require(contiguous <= INT64_MAX);
    }
  }
  if (size == 0) {
    require(facts.regionLength == 0);
    return;
  }
  int128 lowest = 0, end = facts.itemsize;
  for (int axis = 0; axis < tensor.ndim; ++axis) {
    const int128 reach = int128{tensor.shape[axis] - 1} * facts.byteStrides[axis];
    if (reach < 0) lowest += reach; else end += reach;
  }
  require(end - lowest <= kMaxSafeInteger);
  require(facts.regionLength == end - lowest && facts.firstElementOffset == -lowest);
  if (facts.hostReadable) {
    require(tensor.data != nullptr);
    const int128 start = int128{reinterpret_cast<uintptr_t>(tensor.data)} + tensor.byte_offset + lowest;
    require(start >= 0 && start + facts.regionLength <= (int128{1} << 64));
    require(facts.regionStart == static_cast<uintptr_t>(start));
  }
}

// Counts destructions of export owners, to prove each deleter frees exactly one.
int ownersDestroyed = 0;
struct CountingOwner : ndinterop::ExportOwner {
  ~CountingOwner() override { ++ownersDestroyed; }
};

ndinterop::ExportDescription describeForExport(const DLTensor& tensor, const TensorFacts& facts, uint64_t flags) {
  ndinterop::ExportDescription description;
  description.data = tensor.data;
  description.byteOffset = tensor.byte_offset;
  description.device = tensor.device;
  description.dtype = tensor.dtype;
  description.shape = facts.shape;
  for (int64_t byteStride : facts.byteStrides) description.elementStrides.push_back(byteStride / facts.itemsize);
  description.flags = flags;
  return description;
}

template <typename Managed>
void checkReexport(Managed* exported, const TensorFacts& original) {
  TensorFacts again;
  require(ndinterop::describeTensor(exported->dl_tensor, &again).ok());
  require(again.dtype == original.dtype && again.shape == original.shape && again.byteStrides == original.byteStrides);
  require(again.size == original.size && again.regionStart == original.regionStart);
  require(again.regionLength == original.regionLength);
  require(exported->deleter != nullptr);
  const int before = ownersDestroyed;
  exported->deleter(exported);
  require(ownersDestroyed == before + 1);
}

// A producer's managed tensor with a deleter that counts its calls.
template <typename Managed>
struct Producer {
  Managed managed{};
  int deleterCalls = 0;
  static void deleter(Managed* self) { ++static_cast<Producer*>(self->manager_ctx)->deleterCalls; }
};

// Moves, releases (sometimes racing with another thread) and destructions
// in an order taken from the input; the deleter must run exactly once.
template <typename Managed>
void checkDeleterOnce(FuzzedDataProvider& input, ndinterop::ManagedTensor (*wrap)(Managed*)) {
  Producer<Managed> producer;
  producer.managed.manager_ctx = &producer;
  const bool hasDeleter = input.ConsumeIntegralInRange<int>(0, 7) != 0;
  producer.managed.deleter = hasDeleter ? &Producer<Managed>::deleter : nullptr;
  {
    auto holder = std::make_unique<ndinterop::ManagedTensor>(wrap(&producer.managed));
    for (int step = 0; step < 4; ++step) {
      switch (input.ConsumeIntegralInRange<int>(0, 4)) {
        case 0:
          holder = std::make_unique<ndinterop::ManagedTensor>(std::move(*holder));
          break;
        case 1:
          holder->release();
          break;
        case 2: {
          ndinterop::ManagedTensor* shared = holder.get();
          std::thread other([shared] { shared->release(); });
          shared->release();
          other.join();
          break;
        }
        default:
          require(holder->tensor() == nullptr || holder->tensor() == &producer.managed.dl_tensor);
          break;
      }
    }
  }
  require(producer.deleterCalls == (hasDeleter ? 1 : 0));
}

ndinterop::ManagedTensor wrapLegacy(DLManagedTensor* tensor) { return ndinterop::ManagedTensor::legacy(tensor); }
ndinterop::ManagedTensor wrapVersioned(DLManagedTensorVersioned* tensor) {
  return ndinterop::ManagedTensor::versioned(tensor);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  FuzzedTensor fuzzed = readTensor(input);
  const DLTensor& tensor = fuzzed.tensor;

  TensorFacts facts;
  const ndinterop::Status status = ndinterop::describeTensor(tensor, &facts);
  if (status.ok()) {
    checkAccepted(tensor, facts);
    const uint64_t flags = input.ConsumeIntegral<uint64_t>() & (DLPACK_FLAG_BITMASK_READ_ONLY | DLPACK_FLAG_BITMASK_IS_COPIED);
    checkReexport(ndinterop::makeVersionedExport(describeForExport(tensor, facts, flags), std::make_unique<CountingOwner>()), facts);
    checkReexport(ndinterop::makeLegacyExport(describeForExport(tensor, facts, 0), std::make_unique<CountingOwner>()), facts);
  } else {
    require(status.code == ndinterop::ErrorCode::kDlpackInvalid && !status.message.empty());
  }

  const DLPackVersion version = {input.ConsumeIntegral<uint32_t>(), input.ConsumeIntegral<uint32_t>()};
  require(ndinterop::checkDlpackVersion(version).ok() == (version.major <= ndinterop::kDlpackSupportedMajor));

  if (input.ConsumeBool()) {
    checkDeleterOnce<DLManagedTensor>(input, wrapLegacy);
  } else {
    checkDeleterOnce<DLManagedTensorVersioned>(input, wrapVersioned);
  }
  return 0;
}
