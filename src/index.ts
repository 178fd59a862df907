// ndinterop: NumPy's interop protocols for Node.js.
export { BufferError } from './errors.js';
export { DType, dtype, parseTypestr } from './dtype.js';
export type { ByteOrder, DescrEntry, DTypeField, DTypeInit, DTypeLike, DTypeName, NumericDTypeName } from './dtype.js';
export { parseBufferFormat } from './buffer-format.js';
export type { BufferFormat, BufferFormatField } from './buffer-format.js';
export { errstate, geterr, seterr } from './errstate.js';
export type { ErrorMode, ErrorSettings, ErrorSettingsUpdate } from './errstate.js';
export { NotImplemented } from './dispatch.js';
export type { ArrayUfuncHandler, UfuncKwargs, UfuncMethod } from './dispatch.js';
export { NDArray } from './ndarray.js';
export type { BufferSource, Device, ElementTypedArray, NDArrayFlags, NDArrayInit, NestedArray, AstypeOptions, ValidatedParts } from './ndarray.js';
export { asarray } from './asarray.js';
export { fromMessage, toMessage } from './message.js';
export type { NDArrayMessage, ToMessageOptions } from './message.js';
export type { JsonElement, NDArrayJson } from './json.js';
// NDArray.prototype.toJSON and [Symbol.iterator] are attached by these modules.
import './json.js';
import './iteration.js';
export { DLPackCapsule, fromDlpack, fromDlpackPointer, memoryStats, toDlpack, toDlpackPointer } from './dlpack.js';
export type { DLPackCapsuleName } from './capsule.js';
export type {
  DlpackOptions,
  DlpackProducer,
  FromDlpackOptions,
  FromDlpackPointerOptions,
  MemoryStats,
  ToDlpackOptions,
  ToDlpackPointerOptions,
} from './dlpack.js';
export type { AsarrayInput, AsarrayOptions } from './asarray.js';
export type { Complex, Scalar } from './elements.js';
export * as ufuncs from './ufuncs.js';
export * from './ufuncs.js';
export type { Ufunc, AsyncMethod, ReduceOptions, AccumulateOptions } from './ufunc-object.js';
export type { UfuncCallOptions, UfuncValue, NumericScalar, OutOption } from './ufunc.js';
export type { UfuncDefinition } from './ufuncs.js';
export type { Gufunc, GufuncCallOptions } from './gufunc.js';
export type { ElementFunction } from './ufunc-jsloop.js';
export type { Casting } from './promotion.js';
export type { IndexSpec } from './indexing.js';
export { arrayInterface, fromArrayInterface } from './array-interface.js';
export type { ArrayInterface, ArrayInterfaceLike, ArrayInterfaceOptions, FromArrayInterfaceOptions, InterfaceBuffer, InterfacePointer } from './array-interface.js';
export type { ForeignArray } from './asarray-converters.js';
export { toScijs } from './adapters/scijs.js';
export type { ScijsNdarray, ToScijsOptions } from './adapters/scijs.js';
export { toStdlib } from './adapters/stdlib.js';
export type { StdlibNdarray, ToStdlibOptions } from './adapters/stdlib.js';
export { toOrtTensor } from './adapters/onnxruntime.js';
export type { OrtTensorLike, OrtTensorType, ToOrtTensorOptions } from './adapters/onnxruntime.js';
