// ndinterop: NumPy's interop protocols for Node.js.
export { BufferError } from './errors.js';
export { DType, dtype } from './dtype.js';
export type { ByteOrder, DTypeLike, DTypeName, NumericDTypeName } from './dtype.js';
export { errstate, geterr, seterr } from './errstate.js';
export type { ErrorMode, ErrorSettings, ErrorSettingsUpdate } from './errstate.js';
export { NotImplemented } from './dispatch.js';
export type { ArrayUfuncHandler, UfuncKwargs, UfuncMethod } from './dispatch.js';
export { NDArray } from './ndarray.js';
export type { BufferSource, Device, ElementTypedArray, NDArrayFlags, NDArrayInit, NestedArray, AstypeOptions, ValidatedParts } from './ndarray.js';
export { asarray } from './asarray.js';
export type { AsarrayInput, AsarrayOptions } from './asarray.js';
export type { Complex, Scalar } from './elements.js';
