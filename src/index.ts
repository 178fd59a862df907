// ndinterop: NumPy's interop protocols for Node.js.
import './protocols.js';
// Refuses transfer(newLength) of memory native code holds (Node >= 21).
import './base/transfer-guard.js';
export { BufferError } from './base/errors.js';
export { DType, dtype, parseTypestr } from './dtype/dtype.js';
export type { ByteOrder, ByteOrderRequest, CheckedSpelling, DescrEntry, DTypeField, DTypeInit, DTypeLike, DTypeName, NumericDTypeName } from './dtype/dtype.js';
export type { ByteOrderChar, DTypeNameOf, DTypeSpelling, ElementInputOf, ElementOf, TypedArrayOf } from './dtype/spelling.js';
export { parseBufferFormat } from './dtype/buffer-format.js';
export type { BufferFormat, BufferFormatField } from './dtype/buffer-format.js';
export { errstate, geterr, seterr } from './ufunc/errstate.js';
export type { ErrorMode, ErrorSettings, ErrorSettingsUpdate } from './ufunc/errstate.js';
export { NotImplemented } from './ufunc/dispatch.js';
export type { ArrayUfuncHandler, UfuncKwargs, UfuncMethod } from './ufunc/dispatch.js';
export { functionDispatch } from './functions/array-function.js';
// Array functions (issue 17): creation, shape, selection.
export { array, arange, empty, emptyLike, eye, frombuffer, full, fullLike, identity, linspace, ones, onesLike, zeros, zerosLike } from './functions/creation.js';
export type { ArangeOptions, ArrayOptions, CreationOptions, EyeOptions, FrombufferOptions, LikeOptions, LinspaceOptions, ShapeLike } from './functions/creation.js';
export { broadcastArrays, concatenate, expandDims, flatten, flip, hstack, moveaxis, ravel, squeeze, stack, swapaxes, vstack } from './functions/shape.js';
export type { ConcatenateOptions, StackOptions } from './functions/shape.js';
export { allclose, arrayEqual, clip, compress, isclose, nonzero, take, where } from './functions/selection.js';
export type { ClipOptions, CompressOptions, IscloseOptions, TakeOptions } from './functions/selection.js';
export type { ArrayFunction, ArrayFunctionHandler, ArrayFunctionMembers, ArrayFunctionType, FunctionKwargs } from './functions/array-function.js';
export { NDArray } from './array/ndarray.js';
export type { BufferSource, Device, ElementTypedArray, NDArrayFlags, NDArrayInit, NestedArray, AstypeOptions, WithDType } from './array/ndarray.js';
export { asarray } from './interop/asarray.js';
export { fromMessage, toMessage } from './interop/message.js';
export type { NDArrayMessage, ToMessageOptions } from './interop/message.js';
export type { JsonElement, NDArrayJson } from './array/json.js';
// NDArray.prototype.toJSON and [Symbol.iterator] are attached by these modules.
export { DLPackCapsule, fromDlpack, fromDlpackPointer, memoryStats, toDlpack, toDlpackPointer } from './interop/dlpack.js';
export type { DLPackCapsuleName } from './interop/capsule.js';
export type {
  DlpackOptions,
  DlpackProducer,
  FromDlpackOptions,
  FromDlpackPointerOptions,
  MemoryStats,
  ToDlpackOptions,
  ToDlpackPointerOptions,
} from './interop/dlpack.js';
export type { AsarrayInput, AsarrayOptions, TypedArrayDType } from './interop/asarray.js';
export type { Complex, Scalar } from './dtype/elements.js';
/** Every ufunc in one namespace (`ufuncs.add`), the same objects as the named exports. */
export * as ufuncs from './ufunc/ufuncs.js';
export * from './ufunc/ufuncs.js';
export type { Ufunc, AsyncMethod, ReduceOptions, AccumulateOptions } from './ufunc/object.js';
export type { UfuncCallOptions, UfuncValue, NumericScalar, OutOption } from './ufunc/call.js';
export type { LoopFunction, UfuncDefinition, UfuncDispatch } from './ufunc/ufuncs.js';
export type {
  AccumulateMethod,
  AsyncBinaryCall,
  AsyncReduceMethod,
  AsyncUnaryCall,
  ArrayInput,
  ArrayResult,
  AtIndex,
  AtMethod,
  BinaryCall,
  BinaryPairUfunc,
  BinaryUfunc,
  Gufunc,
  GufuncCall,
  GufuncCallOptions,
  IndicesInput,
  NewResultOptions,
  OneDimensional,
  OutOptions,
  OverridingOperand,
  Pair,
  PairOutOptions,
  ReduceatMethod,
  ReduceMethod,
  ReduceResult,
  ScalarInput,
  ScalarResult,
  SubclassResult,
  UfuncAttributes,
  UfuncInput,
  UfuncOf,
  UnaryCall,
  UnaryPairUfunc,
  UnaryUfunc,
  WhereInput,
} from './ufunc/signatures.js';
export type { ElementFunction } from './ufunc/jsloop.js';
export type { Casting } from './dtype/casting.js';
export type { IndexSpec } from './array/indexing.js';
export { arrayInterface, fromArrayInterface } from './interop/array-interface.js';
export { resultType } from './ufunc/result-type.js';
export type { ResultTypeOperand } from './ufunc/result-type.js';
export type {
  ArrayInterface,
  ArrayInterfaceBufferForm,
  ArrayInterfaceCommon,
  ArrayInterfaceForm,
  ArrayInterfaceLike,
  ArrayInterfaceOptions,
  ArrayInterfacePointerForm,
  FromArrayInterfaceOptions,
  InterfaceBuffer,
  InterfacePointer,
} from './interop/array-interface.js';
export type { ForeignArray } from './interop/asarray-converters.js';
export { toScijs } from './interop/adapters/scijs.js';
export type { ScijsArray, ScijsNdarray, ToScijsOptions } from './interop/adapters/scijs.js';
export { toStdlib } from './interop/adapters/stdlib.js';
export type { StdlibNdarray, ToStdlibOptions } from './interop/adapters/stdlib.js';
export { toOrtTensor } from './interop/adapters/onnxruntime.js';
export type { OrtTensorLike, OrtTensorType, ToOrtTensorOptions } from './interop/adapters/onnxruntime.js';
export { load, loadAsync } from './io/load.js';
export { save, saveAsync, savez, savezAsync, savezCompressed, savezCompressedAsync, toNpy, toNpz } from './io/save.js';
export { NpzFile } from './io/npz.js';
export type { NpzArrays } from './io/npz.js';
export type { LoadOptions, MmapMode } from './io/npy.js';
export type { SaveOptions, SavedPath } from './io/save.js';
export type { FileUrl, PathInput } from './io/source.js';
// Reductions and sorting (NEP 18 array functions): src/functions/reductions.ts, sorting.ts.
export { all, any, argmax, argmin, cumprod, cumsum, max, mean, min, prod, std, sum, variance } from './functions/reductions.js';
/** NumPy's name for {@link variance} (`nd.var(a)`; `var` cannot be a binding name, so `import { var }` needs a rename: `import { var as npVar }`). */
export { variance as var } from './functions/reductions.js';
export type {
  ArgReduceOptions,
  AxisOption,
  CumulativeOptions,
  LogicalReduceOptions,
  MeanOptions,
  MinMaxOptions,
  ReductionResult,
  SumOptions,
  VarOptions,
} from './functions/reductions.js';
export { argsort, sort, unique } from './functions/sorting.js';
export type { SortKind, SortOptions, UniqueOptions, UniqueResult } from './functions/sorting.js';
