// onnxruntime Tensor <-> NDArray, zero-copy both ways. An ORT tensor is
// { type, dims, data } with `data` a C-contiguous TypedArray (for tensors on
// the CPU). The library is an optional peer: reading tensors needs only that
// shape; toOrtTensor loads `onnxruntime-node` (or `onnxruntime-common`, whose
// Tensor class onnxruntime-node re-exports) on first use.
import { dtypeByName } from '../../dtype/dtype.js';
import { BufferError, describeValue, makeError } from '../../base/errors.js';
import { NDArray } from '../../array/ndarray.js';
import {
  checkCopyOption,
  checkNDArray,
  elementStrideProblem,
  loadPeer,
  needsCopy,
  readProperty,
  hasProperties,
  typedArrayConstructor,
} from './common.js';
import { typedArrayDType, typedArrayStorage } from '../../dtype/typed-arrays.js';

/** ORT tensor element types ndinterop can share. */
export type OrtTensorType =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64';

// ORT keeps each type in the TypedArray ndinterop keeps it in (bool in a
// Uint8Array, float16 as bits in a Uint16Array); a float16 tensor over a
// Float16Array (Node 24 and later) is float16 data too.
const ortTypes: ReadonlySet<string> = new Set<OrtTensorType>([
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64',
]);

/** The parts of an onnxruntime Tensor the adapter reads (and `toOrtTensor` returns). */
export interface OrtTensorLike {
  /** ORT's element type name: 'float32', 'int64', 'bool', ... */
  readonly type: string;
  /** The shape. */
  readonly dims: readonly number[];
  /** The elements, C-contiguous: a TypedArray for the numeric types. */
  readonly data: unknown;
  /** Where the data lives: 'cpu' (the only one the adapter reads), 'gpu-buffer', ... */
  readonly location?: string;
}

const library = 'onnxruntime';

/** True for objects shaped like an onnxruntime Tensor. */
export function isOrtTensor(x: object): boolean {
  return hasProperties(x, ['type', 'dims', 'data'], library);
}

/** A view of a CPU ORT tensor's data; the TypedArray is shared, not copied. */
export function fromOrtTensor(x: object): NDArray {
  const type = readProperty(x, 'type', library);
  const dims = readProperty(x, 'dims', library);
  const location = readProperty(x, 'location', library);
  if (location !== undefined && location !== 'cpu' && location !== 'cpu-pinned') {
    throw new BufferError(`cannot view an onnxruntime tensor whose data is on ${describeValue(location)}; download it to the CPU first (tensor.getData())`);
  }
  if (typeof type !== 'string' || !ortTypes.has(type)) {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `cannot view an onnxruntime tensor of type ${describeValue(type)} (supported: ${[...ortTypes].join(', ')})`);
  }
  if (!Array.isArray(dims) || !dims.every((n) => Number.isSafeInteger(n))) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected onnxruntime tensor dims to be an array of integers, got ${describeValue(dims)}`);
  }
  const data = readProperty(x, 'data', library);
  const dt = dtypeByName(type)!;
  const held = typedArrayDType(data);
  if (held === undefined || (held !== typedArrayStorage(dt)!.slotType && held !== dt)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected the data of an onnxruntime ${type} tensor to be a matching TypedArray, got ${describeValue(data)}`);
  }
  return new NDArray({ buffer: data as ArrayBufferView, dtype: dt, shape: [...dims] as number[], base: x });
}

/** Options of {@link toOrtTensor}. */
export interface ToOrtTensorOptions {
  /** true: hand over a fresh copy instead of sharing memory. Default false. */
  readonly copy?: boolean;
}

type OrtTensorCtor = new (type: string, data: unknown, dims: readonly number[]) => OrtTensorLike;

/**
 * An onnxruntime Tensor over the same memory as `a` (writes through either
 * are seen by the other). ORT tensors are always C-contiguous and writable,
 * so strided views, read-only arrays, non-native byte order and misaligned
 * data throw BufferError unless `copy: true`; dtypes ORT has no type for
 * throw TypeError.
 */
export function toOrtTensor(a: NDArray, options: ToOrtTensorOptions = {}): OrtTensorLike {
  checkNDArray(a);
  const copy = checkCopyOption(options);
  const ctor = typedArrayConstructor(a.dtype);
  if (!ctor || !ortTypes.has(a.dtype.name)) {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `onnxruntime tensors cannot hold ${a.dtype.fullName} elements`);
  }
  const problem = a.readonly
    ? 'it is read-only and onnxruntime tensors are always writable'
    : !a.flags.cContiguous
      ? `onnxruntime tensors are C-contiguous and this view has byte strides [${a.strides.join(', ')}]`
      : elementStrideProblem(a);
  if (problem && !copy) throw needsCopy(library, problem);
  const source = copy ? a.astype(a.dtype.newByteOrder('=')) : a;
  const { Tensor } = loadPeer<{ Tensor: OrtTensorCtor }>(['onnxruntime-node', 'onnxruntime-common'], 'toOrtTensor');
  const data = source.size === 0 ? new ctor(new ArrayBuffer(0), 0, 0) : new ctor(source.buffer, source.byteOffset, source.size);
  return new Tensor(source.dtype.name, data, [...source.shape]);
}
