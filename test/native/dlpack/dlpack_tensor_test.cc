// native/core/dlpack/tensor: the validator every foreign DLTensor goes
// through, and ManagedTensor's deleter-exactly-once. Expected facts come
// from the DLPack spec (element strides, byte_offset always added).
#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "check.h"
#include "core/dlpack/export.h"
#include "core/dlpack/managed.h"
#include "core/dlpack/tensor.h"

using namespace ndinterop;

namespace {

struct TensorBuilder {
  std::vector<int64_t> shape;
  std::vector<int64_t> strides;
  DLTensor tensor{};
  alignas(16) unsigned char data[256]{};

  TensorBuilder(std::vector<int64_t> shapeIn, std::vector<int64_t> stridesIn, DLDataType dtype = {kDLFloat, 32, 1})
      : shape(std::move(shapeIn)), strides(std::move(stridesIn)) {
    tensor.data = data;
    tensor.device = {kDLCPU, 0};
    tensor.ndim = static_cast<int32_t>(shape.size());
    tensor.dtype = dtype;
    tensor.shape = shape.empty() ? nullptr : shape.data();
    tensor.strides = strides.empty() ? nullptr : strides.data();
  }
};

bool messageHas(const Status& status, const char* text) { return status.message.find(text) != std::string::npos; }

}  // namespace

TEST(c_contiguous_when_strides_are_null) {
  TensorBuilder t({2, 3}, {});
  TensorFacts facts;
  CHECK(describeTensor(t.tensor, &facts).ok());
  CHECK(facts.dtype->id == DTypeId::kFloat32);
  CHECK((facts.byteStrides == std::vector<int64_t>{12, 4}));
  CHECK(facts.size == 6);
  CHECK(facts.regionLength == 24);
  CHECK(facts.firstElementOffset == 0);
  CHECK(facts.regionStart == reinterpret_cast<uintptr_t>(t.data));
}

TEST(element_strides_become_byte_strides_and_byte_offset_is_added) {
  TensorBuilder t({3, 2}, {1, 3}, {kDLInt, 16, 1});  // Fortran order
  t.tensor.byte_offset = 8;
  TensorFacts facts;
  CHECK(describeTensor(t.tensor, &facts).ok());
  CHECK((facts.byteStrides == std::vector<int64_t>{2, 6}));
  CHECK(facts.regionStart == reinterpret_cast<uintptr_t>(t.data) + 8);
  CHECK(facts.regionLength == 12);
}

TEST(negative_strides_reach_below_element_zero) {
  TensorBuilder t({4}, {-1});
  t.tensor.data = t.data + 12;  // element 0 is the last float
  TensorFacts facts;
  CHECK(describeTensor(t.tensor, &facts).ok());
  CHECK(facts.regionStart == reinterpret_cast<uintptr_t>(t.data));
  CHECK(facts.regionLength == 16);
  CHECK(facts.firstElementOffset == 12);
}

TEST(zero_strides_broadcast_one_element) {
  TensorBuilder t({5, 3}, {0, 1});
  TensorFacts facts;
  CHECK(describeTensor(t.tensor, &facts).ok());
  CHECK(facts.regionLength == 12);
}

TEST(zero_d_and_size_zero) {
  TensorBuilder scalar({}, {}, {kDLBool, 8, 1});
  TensorFacts facts;
  CHECK(describeTensor(scalar.tensor, &facts).ok());
  CHECK(facts.size == 1 && facts.regionLength == 1 && facts.shape.empty());
  TensorBuilder empty({0, 3}, {3, 1});
  empty.tensor.data = nullptr;  // allowed for size 0
  TensorFacts emptyFacts;
  CHECK(describeTensor(empty.tensor, &emptyFacts).ok());
  CHECK(emptyFacts.size == 0 && emptyFacts.regionLength == 0);
}

TEST(rejects_bad_ndim_and_shapes) {
  TensorBuilder t({2}, {1});
  TensorFacts facts;
  t.tensor.ndim = -1;
  CHECK(describeTensor(t.tensor, &facts).code == ErrorCode::kDlpackInvalid);
  t.tensor.ndim = 65;
  CHECK(messageHas(describeTensor(t.tensor, &facts), "expected ndim in [0, 64], got 65"));
  TensorBuilder nullShape({2}, {1});
  nullShape.tensor.shape = nullptr;
  CHECK(messageHas(describeTensor(nullShape.tensor, &facts), "shape is NULL but ndim is 1"));
  TensorBuilder negative({2, -3}, {});
  CHECK(messageHas(describeTensor(negative.tensor, &facts), "expected shape[1] >= 0, got -3"));
}

TEST(rejects_extents_that_overflow) {
  TensorFacts facts;
  TensorBuilder hugeStride({2}, {INT64_C(1) << 62});
  CHECK(messageHas(describeTensor(hugeStride.tensor, &facts), "overflows 64 bits"));
  TensorBuilder hugeShape({INT64_C(1) << 40, INT64_C(1) << 40}, {});
  CHECK(describeTensor(hugeShape.tensor, &facts).code == ErrorCode::kDlpackInvalid);
  TensorBuilder extent({INT64_C(1) << 30, 2}, {INT64_C(1) << 33, 1});
  CHECK(messageHas(describeTensor(extent.tensor, &facts), "byte extent"));
  TensorBuilder wrapsAddress({2}, {1});
  wrapsAddress.tensor.byte_offset = UINT64_MAX - 2;
  CHECK(messageHas(describeTensor(wrapsAddress.tensor, &facts), "address space"));
}

TEST(rejects_unknown_dtypes_devices_and_lanes) {
  TensorFacts facts;
  TensorBuilder lanes({2}, {1}, {kDLFloat, 32, 4});
  CHECK(messageHas(describeTensor(lanes.tensor, &facts), "Unsupported lanes in DLTensor dtype"));
  TensorBuilder bits({2}, {1}, {kDLFloat, 24, 1});
  CHECK(messageHas(describeTensor(bits.tensor, &facts), "code 2 (kDLFloat), bits 24"));
  TensorBuilder code({2}, {1}, {99, 8, 1});
  CHECK(messageHas(describeTensor(code.tensor, &facts), "code 99 (unknown)"));
  TensorBuilder boolBit({2}, {1}, {kDLBool, 1, 1});
  CHECK(describeTensor(boolBit.tensor, &facts).code == ErrorCode::kDlpackInvalid);
  TensorBuilder device({2}, {1});
  device.tensor.device.device_type = static_cast<DLDeviceType>(5);
  CHECK(messageHas(describeTensor(device.tensor, &facts), "device type 5"));
  TensorBuilder nullData({2}, {1});
  nullData.tensor.data = nullptr;
  CHECK(messageHas(describeTensor(nullData.tensor, &facts), "data is NULL"));
}

TEST(device_tensors_are_described_but_not_host_readable) {
  TensorBuilder t({2}, {1});
  t.tensor.device = {kDLCUDA, 1};
  t.tensor.data = reinterpret_cast<void*>(uintptr_t{0x1000});
  TensorFacts facts;
  CHECK(describeTensor(t.tensor, &facts).ok());
  CHECK(!facts.hostReadable);
  t.tensor.device = {kDLCUDAHost, 0};
  CHECK(describeTensor(t.tensor, &facts).ok() && facts.hostReadable);
}

TEST(version_major_above_one_is_refused) {
  CHECK(checkDlpackVersion({1, 0}).ok());
  CHECK(checkDlpackVersion({1, 99}).ok());
  CHECK(checkDlpackVersion({0, 8}).ok());
  CHECK(messageHas(checkDlpackVersion({2, 0}), "major version is too high"));
}

namespace {
std::atomic<int> deleterCalls{0};
void countingDeleter(DLManagedTensorVersioned*) { deleterCalls.fetch_add(1); }
}  // namespace

TEST(managed_tensor_calls_the_deleter_exactly_once_under_races) {
  for (int round = 0; round < 200; ++round) {
    DLManagedTensorVersioned managed{};
    managed.deleter = countingDeleter;
    deleterCalls = 0;
    {
      ManagedTensor tensor = ManagedTensor::versioned(&managed);
      std::thread a([&] { tensor.release(); });
      std::thread b([&] { tensor.release(); });
      a.join();
      b.join();
    }  // destructor: no third call
    CHECK(deleterCalls.load() == 1);
  }
}

TEST(managed_tensor_accepts_a_null_deleter) {
  DLManagedTensor managed{};
  ManagedTensor tensor = ManagedTensor::legacy(&managed);
  CHECK(tensor.release());
  CHECK(!tensor.release());
}

namespace {
struct CountingOwner : ExportOwner {
  explicit CountingOwner(int* destroyed) : destroyed_(destroyed) {}
  ~CountingOwner() override { ++*destroyed_; }
  int* destroyed_;
};
}  // namespace

TEST(exports_own_shape_and_strides_and_free_everything_in_the_deleter) {
  int destroyed = 0;
  float data[6] = {};
  ExportDescription description;
  description.data = data;
  description.dtype = {kDLFloat, 32, 1};
  description.shape = {2, 3};
  description.elementStrides = {1, 2};
  description.flags = DLPACK_FLAG_BITMASK_READ_ONLY;
  DLManagedTensorVersioned* exported = makeVersionedExport(description, std::make_unique<CountingOwner>(&destroyed));
  description.shape.assign({9, 9});  // the export keeps its own copy
  CHECK(exported->version.major == 1 && exported->version.minor == DLPACK_MINOR_VERSION);
  CHECK(exported->flags == DLPACK_FLAG_BITMASK_READ_ONLY);
  CHECK(exported->dl_tensor.shape[0] == 2 && exported->dl_tensor.shape[1] == 3);
  CHECK(exported->dl_tensor.strides[0] == 1 && exported->dl_tensor.strides[1] == 2);
  std::thread([&] { exported->deleter(exported); }).join();
  CHECK(destroyed == 1);
  ExportDescription scalar;
  scalar.data = data;
  DLManagedTensor* legacy = makeLegacyExport(scalar, std::make_unique<CountingOwner>(&destroyed));
  CHECK(legacy->dl_tensor.ndim == 0 && legacy->dl_tensor.shape == nullptr && legacy->dl_tensor.strides == nullptr);
  legacy->deleter(legacy);
  CHECK(destroyed == 2);
}

TEST(strided_copy_walks_in_c_order) {
  const int32_t source[6] = {0, 1, 2, 3, 4, 5};  // viewed as the transpose of a 2x3 array
  int32_t dest[6] = {};
  copyToCContiguous(reinterpret_cast<const uint8_t*>(source), 4, {3, 2}, {4, 12}, reinterpret_cast<uint8_t*>(dest));
  const int32_t expected[6] = {0, 3, 1, 4, 2, 5};
  CHECK(std::memcmp(dest, expected, sizeof(dest)) == 0);
}

TEST_MAIN()
