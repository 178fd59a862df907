// ndinterop: NumPy's interop protocols for Node.js.
export { BufferError } from './errors.js';
export { DType, dtype } from './dtype.js';
export type { ByteOrder, DTypeLike, DTypeName, NumericDTypeName } from './dtype.js';
