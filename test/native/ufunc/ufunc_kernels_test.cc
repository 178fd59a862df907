// Core tests of the ufunc engine without N-API: every NumPy signature has a
// kernel, hand-checked results of the integer rules, float16 rounding, and
// the iterator's coalescing, broadcasting, reduction and masking.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "core/dtype/half.h"
#include "core/ufunc/exec.h"
#include "core/ufunc/table.h"

using namespace ndinterop;
using namespace ndinterop::ufunc;

namespace {

size_t loopIndex(const UfuncInfo& info, const std::string& types) {
  for (size_t i = 0; i < info.loops.size(); ++i) {
    if (info.loops[i].types == types) return i;
  }
  return info.loops.size();
}

// Runs a 1-d binary loop over contiguous arrays and returns the flags.
template <class A, class B, class R>
int runBinary(const char* name, const char* types, std::vector<A> a, std::vector<B> b, std::vector<R>& out) {
  const UfuncInfo& info = *findUfunc(name);
  const ptrdiff_t n = static_cast<ptrdiff_t>(out.size());
  std::vector<IterOperand> operands = {{reinterpret_cast<char*>(a.data()), {sizeof(A)}},
                                       {reinterpret_cast<char*>(b.data()), {sizeof(B)}},
                                       {reinterpret_cast<char*>(out.data()), {sizeof(R)}}};
  int flags = -1;
  CHECK(exec(info, loopIndex(info, types), operands, {n}, nullptr, &flags).ok());
  return flags;
}

}  // namespace

TEST(every_numpy_signature_has_a_kernel) {
  const std::vector<std::string> missing = missingLoops();
  for (const std::string& loop : missing) std::printf("  missing kernel %s\n", loop.c_str());
  CHECK(missing.empty());
  CHECK(ufuncTable().size() == 85);
}

// Every character of every loop signature names the dtype NumPy gives that
// character ('l' and 'q' are both int64, 'L' and 'Q' uint64; 'E' is
// ml_dtypes' bfloat16). 'g' and 'G' once fell through to float64, so a
// longdouble loop's buffered casts and byte counts used 8-byte elements.
TEST(loop_characters_name_their_dtypes) {
  for (const UfuncInfo& info : ufuncTable()) {
    for (const auto& loop : info.loops) {
      for (char c : loop.types) {
        if (c == '-' || c == '>') continue;
        const DTypeInfo& dtype = dtypeInfo(loopCharDType(c));
        const char expected = c == 'q' ? 'l' : c == 'Q' ? 'L' : c;
        if (dtype.typeChar != expected) std::printf("  %s %s: '%c' -> %s\n", info.name.c_str(), loop.types.c_str(), c, dtype.name);
        CHECK(dtype.typeChar == expected);
      }
    }
  }
  CHECK(dtypeInfo(loopCharDType('g')).itemsize == sizeof(long double));
  CHECK(dtypeInfo(loopCharDType('G')).itemsize == 2 * sizeof(long double));
}

TEST(aliases_find_their_ufunc) {
  CHECK(findUfunc("true_divide") == findUfunc("divide"));
  CHECK(findUfunc("abs") == findUfunc("absolute"));
  CHECK(findUfunc("no_such_ufunc") == nullptr);
}

TEST(loop_index_check_names_the_range) {
  CHECK(checkLoopIndex(0, 3, "typeIndex", "ufunc", "add").ok());
  CHECK(checkLoopIndex(2, 3, "typeIndex", "ufunc", "add").ok());
  const Status past = checkLoopIndex(3, 3, "typeIndex", "ufunc", "add");
  CHECK(past.code == ErrorCode::kInvalidValue && past.message == "expected typeIndex in [0, 3) for ufunc 'add', got 3");
  const Status negative = checkLoopIndex(-1, 17, "steps[0].typeIndex", "gufunc", "matmul");
  CHECK(negative.message == "expected steps[0].typeIndex in [0, 17) for gufunc 'matmul', got -1");
  const UfuncInfo& add = *findUfunc("add");
  int flags = 0;
  CHECK(exec(add, add.loops.size(), {}, {}, nullptr, &flags).code == ErrorCode::kInvalidValue);
}

TEST(integer_floor_divide_follows_python) {
  std::vector<int8_t> out(6);
  const int flags = runBinary<int8_t, int8_t, int8_t>("floor_divide", "bb->b", {7, -7, 7, -7, -128, 5},
                                                      {2, 2, -2, -2, -1, 0}, out);
  const std::vector<int8_t> expected = {3, -4, -4, 3, -128, 0};
  CHECK(out == expected);
  CHECK(flags == (kFpDivideByZero | kFpOverflow));
}

TEST(integer_remainder_takes_the_divisor_sign_and_fmod_the_dividend_sign) {
  std::vector<int32_t> remainder(5), fmod(5);
  runBinary<int32_t, int32_t, int32_t>("remainder", "ii->i", {7, -7, 7, -7, 3}, {2, 2, -2, -2, 0}, remainder);
  runBinary<int32_t, int32_t, int32_t>("fmod", "ii->i", {7, -7, 7, -7, 3}, {2, 2, -2, -2, 0}, fmod);
  CHECK((remainder == std::vector<int32_t>{1, 1, -1, -1, 0}));
  CHECK((fmod == std::vector<int32_t>{1, -1, 1, -1, 0}));
}

TEST(shifts_past_the_width_give_zero_or_sign_fill) {
  std::vector<int8_t> left(3), right(3);
  runBinary<int8_t, int8_t, int8_t>("left_shift", "bb->b", {1, 1, 1}, {7, 8, -1}, left);
  runBinary<int8_t, int8_t, int8_t>("right_shift", "bb->b", {-128, -128, 64}, {7, 8, 100}, right);
  CHECK((left == std::vector<int8_t>{-128, 0, 0}));
  CHECK((right == std::vector<int8_t>{-1, -1, 0}));
}

TEST(float_floor_divide_by_zero_raises_divide_and_invalid) {
  std::vector<double> out(3);
  const int flags = runBinary<double, double, double>("floor_divide", "dd->d", {1, -1, 0}, {0, 0, 0}, out);
  CHECK(out[0] == INFINITY && out[1] == -INFINITY && std::isnan(out[2]));
  CHECK(flags == (kFpDivideByZero | kFpInvalid));
}

TEST(float16_conversion_rounds_to_nearest_even) {
  CHECK(floatToHalfBits(1.0f) == 0x3c00);
  CHECK(floatToHalfBits(1.0f + 0x1p-11f) == 0x3c00);             // tie -> even
  CHECK(floatToHalfBits(1.0f + 3 * 0x1p-11f) == 0x3c02);         // tie -> even (up)
  CHECK(floatToHalfBits(65519.0f) == 0x7bff);                    // below the overflow threshold
  CHECK(floatToHalfBits(0x1p-25f) == 0x0000);                    // tie with zero -> zero
  CHECK(floatToHalfBits(0x1.8p-25f) == 0x0001);                  // smallest subnormal
  CHECK(doubleToHalfBits(1.0 + 0x1p-11 + 0x1p-40) == 0x3c01);    // one rounding from float64
  CHECK(halfBitsToFloat(0x0001) == 0x1p-24f);
  CHECK(halfBitsToFloat(0xfbff) == -65504.0f);
}

TEST(iterator_broadcasts_a_row_over_a_matrix) {
  const UfuncInfo& info = *findUfunc("add");
  double matrix[6] = {1, 2, 3, 4, 5, 6};
  double row[3] = {10, 20, 30};
  double out[6] = {};
  std::vector<IterOperand> operands = {{reinterpret_cast<char*>(matrix), {24, 8}},
                                       {reinterpret_cast<char*>(row), {0, 8}},
                                       {reinterpret_cast<char*>(out), {24, 8}}};
  int flags = -1;
  CHECK(exec(info, loopIndex(info, "dd->d"), operands, {2, 3}, nullptr, &flags).ok());
  const double expected[6] = {11, 22, 33, 14, 25, 36};
  CHECK(std::memcmp(out, expected, sizeof out) == 0);
  CHECK(flags == 0);
}

TEST(iterator_handles_transposed_and_negative_strides) {
  const UfuncInfo& info = *findUfunc("subtract");
  int32_t a[6] = {1, 2, 3, 4, 5, 6};  // read as a.T reversed along axis 1: shape (3, 2)
  int32_t b[6] = {0, 0, 0, 0, 0, 0};
  int32_t out[6] = {};
  std::vector<IterOperand> operands = {{reinterpret_cast<char*>(a + 3), {4, -12}},
                                       {reinterpret_cast<char*>(b), {8, 4}},
                                       {reinterpret_cast<char*>(out), {8, 4}}};
  int flags = -1;
  CHECK(exec(info, loopIndex(info, "ii->i"), operands, {3, 2}, nullptr, &flags).ok());
  const int32_t expected[6] = {4, 1, 5, 2, 6, 3};
  CHECK(std::memcmp(out, expected, sizeof out) == 0);
}

TEST(reduction_pattern_sums_into_the_accumulator) {
  const UfuncInfo& info = *findUfunc("add");
  std::vector<float> values(1000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = 0.1f * static_cast<float>(i);
  float accumulator = 0;
  std::vector<IterOperand> operands = {{reinterpret_cast<char*>(&accumulator), {0}},
                                       {reinterpret_cast<char*>(values.data()), {4}},
                                       {reinterpret_cast<char*>(&accumulator), {0}}};
  int flags = -1;
  CHECK(exec(info, loopIndex(info, "ff->f"), operands, {1000}, nullptr, &flags).ok());
  CHECK(std::fabs(accumulator - 49950.0f) < 1.0f);
}

// float16 and bfloat16 loops run the float32 loop over widened blocks of 256
// (core/ufunc/loop.h). These call the inner loops directly across several
// blocks, with the layouts the block runner treats specially.
TEST(narrow_float_loops_cross_blocks_with_broadcast_and_reversed_inputs) {
  const UfuncInfo& multiply = *findUfunc("multiply");
  const UfuncInfo& less = *findUfunc("less");
  const ptrdiff_t n = 1000;
  std::vector<uint16_t> values(n), out(n);
  for (ptrdiff_t i = 0; i < n; ++i) values[i] = floatToHalfBits(static_cast<float>(i));  // exact up to 2048
  uint16_t two = floatToHalfBits(2.0f);
  // A scalar (step 0) times the values walked backwards: 2 * (999 - i).
  char* data[3] = {reinterpret_cast<char*>(&two), reinterpret_cast<char*>(&values[n - 1]),
                   reinterpret_cast<char*>(out.data())};
  const ptrdiff_t steps[3] = {0, -2, 2};
  multiply.loops[loopIndex(multiply, "ee->e")].function(data, n, steps);
  bool all = true;
  for (ptrdiff_t i = 0; i < n; ++i) all = all && halfBitsToFloat(out[i]) == 2.0f * static_cast<float>(n - 1 - i);
  CHECK(all);
  // A bool result written in place: values[i] < 500.
  uint16_t limit = floatToHalfBits(500.0f);
  std::vector<unsigned char> flags(n, 7);
  char* compareData[3] = {reinterpret_cast<char*>(values.data()), reinterpret_cast<char*>(&limit),
                          reinterpret_cast<char*>(flags.data())};
  const ptrdiff_t compareSteps[3] = {2, 0, 1};
  less.loops[loopIndex(less, "ee->?")].function(compareData, n, compareSteps);
  all = true;
  for (ptrdiff_t i = 0; i < n; ++i) all = all && flags[i] == (i < 500 ? 1 : 0);
  CHECK(all);
  // bfloat16: the same product, 1000 * 2 elements forward.
  std::vector<uint16_t> bvalues(n), bout(n);
  for (ptrdiff_t i = 0; i < n; ++i) bvalues[i] = floatToBFloat16Bits(static_cast<float>(i % 256));  // exact below 256
  uint16_t btwo = floatToBFloat16Bits(2.0f);
  char* bdata[3] = {reinterpret_cast<char*>(bvalues.data()), reinterpret_cast<char*>(&btwo),
                    reinterpret_cast<char*>(bout.data())};
  const ptrdiff_t bsteps[3] = {2, 0, 2};
  multiply.loops[loopIndex(multiply, "EE->E")].function(bdata, n, bsteps);
  all = true;
  for (ptrdiff_t i = 0; i < n; ++i) all = all && bfloat16BitsToFloat(bout[i]) == 2.0f * static_cast<float>(i % 256);
  CHECK(all);
}

// An output with step 0 that is also the second input: each step reads the
// value the previous one wrote, rounded to float16 each time (1 + 1 + ...
// stays exact up to 2048; a loop that read the input once would give 1).
TEST(narrow_float_loop_with_a_step_zero_output_sees_each_previous_result) {
  const UfuncInfo& add = *findUfunc("add");
  const ptrdiff_t n = 600;
  std::vector<uint16_t> ones(n, floatToHalfBits(1.0f));
  uint16_t total = floatToHalfBits(0.0f);
  char* data[3] = {reinterpret_cast<char*>(ones.data()), reinterpret_cast<char*>(&total),
                   reinterpret_cast<char*>(&total)};
  const ptrdiff_t steps[3] = {2, 0, 0};
  add.loops[loopIndex(add, "ee->e")].function(data, n, steps);
  CHECK(halfBitsToFloat(total) == 600.0f);
}

TEST(where_mask_leaves_masked_elements_alone) {
  const UfuncInfo& info = *findUfunc("multiply");
  int64_t a[5] = {1, 2, 3, 4, 5};
  int64_t out[5] = {-1, -1, -1, -1, -1};
  bool mask[5] = {true, false, false, true, true};
  std::vector<IterOperand> operands = {{reinterpret_cast<char*>(a), {8}},
                                       {reinterpret_cast<char*>(a), {8}},
                                       {reinterpret_cast<char*>(out), {8}}};
  IterOperand where{reinterpret_cast<char*>(mask), {1}};
  int flags = -1;
  CHECK(exec(info, loopIndex(info, "ll->l"), operands, {5}, &where, &flags).ok());
  const int64_t expected[5] = {1, -1, -1, 16, 25};
  CHECK(std::memcmp(out, expected, sizeof out) == 0);
}

TEST(size_zero_shapes_run_nothing) {
  const UfuncInfo& info = *findUfunc("add");
  std::vector<IterOperand> operands = {{nullptr, {8, 8}}, {nullptr, {8, 8}}, {nullptr, {8, 8}}};
  int flags = -1;
  CHECK(exec(info, loopIndex(info, "dd->d"), operands, {3, 0}, nullptr, &flags).ok());
  CHECK(flags == 0);
}

TEST(bad_loop_index_is_an_error) {
  const UfuncInfo& info = *findUfunc("add");
  int flags = 0;
  const Status status = exec(info, 999, {}, {}, nullptr, &flags);
  CHECK(!status.ok());
  CHECK(status.code == ErrorCode::kInvalidValue);
}
TEST_MAIN()
