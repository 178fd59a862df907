// Reading the arguments of the native ufunc entry points (ufuncExec,
// castExec, and their asynchronous forms): ufunc names, shapes and
// { buffer, byteOffset, strides } operands, each checked against its memory.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ufunc/iter.h"
#include "core/ufunc/exec.h"
#include "core/ufunc/table.h"

namespace ndinterop::napi {

// Bytes per element of a NumPy type character of a loop signature.
size_t itemsizeOfTypeChar(char c);

// The dtype characters of a signature, inputs then outputs: "dd->d" -> "ddd".
std::string operandChars(const std::string& types);

// The ufunc called `name` (or one of its aliases); TypeError when unknown.
const ufunc::UfuncInfo& lookupUfunc(Napi::Env env, const std::string& name);

// A safe integer (TypeError when not a number, RangeError-like
// ERR_INVALID_VALUE when not a safe integer); `what` names it in errors.
int64_t integerProperty(Napi::Env env, const Napi::Value& value, const std::string& what);

// The index of one of the `loopCount` loops of the ufunc or gufunc (`kind`)
// `name`, read from `value`: a safe integer (errors name it `what`) in range
// (core's checkLoopIndex, naming it `label`; RangeError ERR_INVALID_ARG_VALUE).
size_t checkedLoopIndex(Napi::Env env, const Napi::Value& value, size_t loopCount, std::string_view kind,
                        const std::string& name, const std::string& what, const std::string& label);
// The same for a loop of ufunc `info`, read from the typeIndex argument.
size_t checkedLoopIndex(Napi::Env env, const ufunc::UfuncInfo& info, const Napi::Value& value);

// `id` as a dtype castExec and fused casts accept (numeric);
// TypeError naming `what` otherwise.
DTypeId castableDType(Napi::Env env, int64_t id, const std::string& what);

// The { dtype, byteSwapped? } part of a cast operand.
struct CastType {
  DTypeId dtype;
  bool byteSwapped;
};
CastType parseCastType(Napi::Env env, const Napi::Value& value, const std::string& what);

// An array of non-negative safe integers.
std::vector<ptrdiff_t> parseShape(Napi::Env env, const Napi::Value& value);

// The memory an operand may touch.
struct Memory {
  char* data;
  size_t length;
};

// The bytes of an ArrayBuffer, SharedArrayBuffer, TypedArray or DataView.
Memory bufferMemory(Napi::Env env, const Napi::Value& buffer, const std::string& what);

// Reads { buffer, byteOffset, strides } and checks that every element the
// shape reaches lies inside the buffer (overflow-safe).
IterOperand parseOperand(Napi::Env env, const Napi::Value& value, const std::vector<ptrdiff_t>& shape,
                         size_t itemsize, const std::string& what);

// The first element of an operand at `byteOffset` in `memory` with the given
// shape and byte strides, after checking that every element it reaches lies
// inside the memory (overflow-safe; RangeError ERR_OUT_OF_BOUNDS). An empty
// operand gets the memory's start.
char* checkedData(Napi::Env env, const Memory& memory, int64_t byteOffset, const std::vector<ptrdiff_t>& shape,
                  const std::vector<ptrdiff_t>& strides, size_t itemsize, const std::string& what);

// [cast0?, cast1?, ...]: per input of `info`, undefined or
// { dtype, byteSwapped? }, the dtype the input is stored in when it is not
// the loop's (fused casting, see ufunc::exec).
std::vector<ufunc::InputCast> parseInputCasts(Napi::Env env, const Napi::Value& value, const ufunc::UfuncInfo& info);

// Bytes per element of input/output `i` of a loop with operand characters
// `chars`, given the inputs' casts.
size_t operandItemsize(const std::string& chars, size_t i, const std::vector<ufunc::InputCast>& casts);

}  // namespace ndinterop::napi
