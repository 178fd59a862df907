#include <cstdint>
#include <limits>

#include "check.h"
#include "core/view/layout.h"

using namespace ndinterop;

namespace {
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
}  // namespace

TEST(contiguous_extent_covers_every_byte) {
  const int64_t shape[] = {2, 3};
  const int64_t strides[] = {24, 8};
  ByteExtent extent;
  CHECK(computeByteExtent(8, shape, strides, 2, StrideUnit::kBytes, &extent).ok());
  CHECK(extent.lowest == 0 && extent.end == 48 && extent.size == 6 && !extent.empty);
}

TEST(null_strides_mean_c_contiguous) {
  const int64_t shape[] = {4, 5, 6};
  ByteExtent extent;
  CHECK(computeByteExtent(2, shape, nullptr, 3, StrideUnit::kElements, &extent).ok());
  CHECK(extent.lowest == 0 && extent.end == 240);
}

TEST(negative_strides_reach_below_element_zero) {
  // x[::-1] of 5 float32 starting at the last element: offsets -16..-1+4.
  const int64_t shape[] = {5};
  const int64_t strides[] = {-4};
  ByteExtent extent;
  CHECK(computeByteExtent(4, shape, strides, 1, StrideUnit::kBytes, &extent).ok());
  CHECK(extent.lowest == -16 && extent.end == 4);
  CHECK(checkViewInBuffer(4, shape, strides, 1, 16, 20).ok());
  CHECK(checkViewInBuffer(4, shape, strides, 1, 12, 20).code == ErrorCode::kOutOfBounds);
}

TEST(element_strides_are_scaled_by_itemsize) {
  const int64_t shape[] = {3, 2};
  const int64_t strides[] = {1, 3};  // Fortran order, in elements
  ByteExtent extent;
  CHECK(computeByteExtent(8, shape, strides, 2, StrideUnit::kElements, &extent).ok());
  CHECK(extent.lowest == 0 && extent.end == 48);
}

TEST(zero_strides_reach_one_element) {
  const int64_t shape[] = {1000, 1000};
  const int64_t strides[] = {0, 0};
  CHECK(checkViewInBuffer(8, shape, strides, 2, 0, 8).ok());
  CHECK(!checkViewInBuffer(8, shape, strides, 2, 1, 8).ok());
}

TEST(empty_views_reach_no_bytes) {
  const int64_t shape[] = {0, 7};
  const int64_t strides[] = {kMax, kMin};
  ByteExtent extent;
  CHECK(checkViewInBuffer(8, shape, strides, 2, 0, 0, &extent).ok());
  CHECK(extent.empty && extent.size == 0 && extent.lowest == 0 && extent.end == 0);
  CHECK(checkViewInBuffer(8, shape, strides, 2, 5, 5).ok());
  CHECK(checkViewInBuffer(8, shape, strides, 2, 6, 5).code == ErrorCode::kOutOfBounds);
  CHECK(checkViewInBuffer(8, shape, strides, 2, -1, 5).code == ErrorCode::kOutOfBounds);
}

TEST(zero_dimensional_view_is_one_element) {
  ByteExtent extent;
  CHECK(checkViewInBuffer(8, nullptr, nullptr, 0, 8, 16, &extent).ok());
  CHECK(extent.size == 1 && extent.end == 8);
  CHECK(!checkViewInBuffer(8, nullptr, nullptr, 0, 9, 16).ok());
}

TEST(overflowing_strides_are_errors_not_wraparound) {
  const int64_t shape[] = {3};
  const int64_t huge[] = {kMax / 2 + 1};
  ByteExtent extent;
  Status status = computeByteExtent(1, shape, huge, 1, StrideUnit::kBytes, &extent);
  CHECK(status.code == ErrorCode::kOutOfBounds);
  CHECK(status.message.find("64 bits") != std::string::npos);
  const int64_t elementStride[] = {kMax / 4};
  CHECK(computeByteExtent(8, shape, elementStride, 1, StrideUnit::kElements, &extent).code == ErrorCode::kOutOfBounds);
  const int64_t two[] = {2, 2};
  const int64_t opposite[] = {kMax, kMin};
  // Each reach fits on its own, but the end (kMax + itemsize) does not.
  CHECK(computeByteExtent(1, two, opposite, 2, StrideUnit::kBytes, &extent).code == ErrorCode::kOutOfBounds);
}

TEST(overflowing_element_count_is_an_error) {
  const int64_t shape[] = {int64_t{1} << 32, int64_t{1} << 32};
  const int64_t strides[] = {0, 0};
  ByteExtent extent;
  CHECK(computeByteExtent(1, shape, strides, 2, StrideUnit::kBytes, &extent).code == ErrorCode::kOutOfBounds);
  // ... unless another dimension is 0.
  const int64_t withZero[] = {int64_t{1} << 32, int64_t{1} << 32, 0};
  const int64_t strides3[] = {0, 0, 0};
  CHECK(computeByteExtent(1, withZero, strides3, 3, StrideUnit::kBytes, &extent).ok());
  CHECK(extent.empty);
}

TEST(more_than_2_to_53_elements_is_rejected) {
  const int64_t shape[] = {int64_t{1} << 27, int64_t{1} << 27};
  const int64_t strides[] = {0, 0};
  Status status = checkViewInBuffer(1, shape, strides, 2, 0, 1);
  CHECK(status.code == ErrorCode::kOutOfBounds);
  CHECK(status.message.find("2^53") != std::string::npos);
}

TEST(negative_shape_and_itemsize_are_invalid_values) {
  const int64_t shape[] = {2, -1};
  const int64_t strides[] = {8, 8};
  ByteExtent extent;
  Status status = computeByteExtent(8, shape, strides, 2, StrideUnit::kBytes, &extent);
  CHECK(status.code == ErrorCode::kInvalidValue);
  CHECK(status.message == "expected shape entries >= 0, got shape[1] = -1");
  const int64_t ok[] = {2};
  CHECK(computeByteExtent(-8, ok, strides, 1, StrideUnit::kBytes, &extent).code == ErrorCode::kInvalidValue);
  CHECK(computeByteExtent(0, ok, strides, 1, StrideUnit::kElements, &extent).code == ErrorCode::kInvalidValue);
}

// A record of no bytes (NumPy's '(0,)f8,') has elements that reach no memory.
TEST(zero_itemsize_with_byte_strides_is_an_empty_extent) {
  const int64_t shape[] = {1, 3};
  const int64_t strides[] = {0, 0};
  ByteExtent extent;
  CHECK(computeByteExtent(0, shape, strides, 2, StrideUnit::kBytes, &extent).ok());
  CHECK(extent.empty);
  CHECK(extent.size == 3);
}

TEST(out_of_bounds_message_names_the_reach) {
  const int64_t shape[] = {2, 3};
  const int64_t strides[] = {24, 8};
  Status status = checkViewInBuffer(8, shape, strides, 2, 8, 48);
  CHECK(status.message ==
        "view with shape (2, 3), strides (24, 8) and byteOffset 8 reaches bytes [8, 56), outside the buffer of 48 bytes");
}

TEST(huge_offset_plus_extent_overflow_is_caught) {
  const int64_t shape[] = {2};
  const int64_t strides[] = {kMax - 16};
  CHECK(checkViewInBuffer(8, shape, strides, 1, kMax - 4, kMax).code == ErrorCode::kOutOfBounds);
}

TEST(contiguity_follows_numpy) {
  // Hand table (NumPy flags): shape, strides, C, F.
  const int64_t s23[] = {2, 3};
  const int64_t c23[] = {24, 8};
  const int64_t f23[] = {8, 16};
  CHECK(isCContiguous(8, s23, c23, 2) && !isFContiguous(8, s23, c23, 2));
  CHECK(!isCContiguous(8, s23, f23, 2) && isFContiguous(8, s23, f23, 2));
  const int64_t s13[] = {1, 3};
  const int64_t odd[] = {999, 8};  // length-1 dimension: its stride does not matter
  CHECK(isCContiguous(8, s13, odd, 2) && isFContiguous(8, s13, odd, 2));
  const int64_t s31[] = {3, 1};
  const int64_t column[] = {16, 8};
  CHECK(!isCContiguous(8, s31, column, 2) && !isFContiguous(8, s31, column, 2));
  const int64_t s0[] = {0, 3};
  const int64_t any[] = {5, -7};
  CHECK(isCContiguous(8, s0, any, 2) && isFContiguous(8, s0, any, 2));
  const int64_t s3[] = {3};
  const int64_t reversed[] = {-8};
  CHECK(!isCContiguous(8, s3, reversed, 1));
  CHECK(isCContiguous(8, nullptr, nullptr, 0) && isFContiguous(8, nullptr, nullptr, 0));
}

TEST(coalescing_merges_walkable_dimensions) {
  int64_t shape[] = {2, 3, 4};
  int64_t strides[] = {96, 32, 8};
  CHECK(coalesceDimensions(shape, strides, 3) == 1);
  CHECK(shape[0] == 24 && strides[0] == 8);

  int64_t sliced[] = {2, 3, 4};
  int64_t slicedStrides[] = {192, 32, 8};  // every other row block
  CHECK(coalesceDimensions(sliced, slicedStrides, 3) == 2);
  CHECK(sliced[0] == 2 && sliced[1] == 12 && slicedStrides[0] == 192 && slicedStrides[1] == 8);

  int64_t ones[] = {1, 1};
  int64_t onesStrides[] = {8, 8};
  CHECK(coalesceDimensions(ones, onesStrides, 2) == 1);
  CHECK(ones[0] == 1 && onesStrides[0] == 0);

  int64_t withOne[] = {3, 1, 5};
  int64_t withOneStrides[] = {40, 999, 8};
  CHECK(coalesceDimensions(withOne, withOneStrides, 3) == 1);
  CHECK(withOne[0] == 15 && withOneStrides[0] == 8);

  int64_t empty[] = {3, 0};
  int64_t emptyStrides[] = {8, 8};
  CHECK(coalesceDimensions(empty, emptyStrides, 2) == 1);
  CHECK(empty[0] == 0);
}

TEST(filled_strides_count_empty_dimensions_as_one) {
  // NumPy's _array_fill_strides for shape (2, 0, 3) of float64: (24, 24, 8).
  const int64_t shape[] = {2, 0, 3};
  int64_t strides[3] = {};
  CHECK(filledStrides(8, shape, 3, strides).ok());
  CHECK(strides[0] == 24 && strides[1] == 24 && strides[2] == 8);
  CHECK(filledStrides(1, shape, 3, strides).ok());
  CHECK(strides[0] == 3 && strides[1] == 3 && strides[2] == 1);
}

TEST(filled_strides_refuse_a_block_past_int64) {
  const int64_t shape[] = {int64_t{1} << 31, int64_t{1} << 31};
  int64_t strides[2] = {};
  CHECK(filledStrides(1, shape, 2, strides).ok());                             // a block of 2^62 bytes
  CHECK(strides[0] == int64_t{1} << 31 && strides[1] == 1);
  CHECK(filledStrides(2, shape, 2, strides).code == ErrorCode::kOutOfBounds);  // 2^63 bytes
}

TEST_MAIN()
