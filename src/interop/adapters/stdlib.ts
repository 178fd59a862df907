// @stdlib/ndarray <-> NDArray, zero-copy both ways. stdlib counts strides
// and offset in elements of its buffer (complex elements for complex dtypes);
// ndinterop counts bytes. The library is an optional peer: reading its
// arrays needs only their shape ({ dtype, data, shape, strides, offset,
// order, flags }); toStdlib loads it on first use.
import { types } from 'node:util';
import { type DType, dtypeByName } from '../../dtype/dtype.js';
import { describeValue, makeError } from '../../base/errors.js';
import { NDArray } from '../../array/ndarray.js';
import {
  byteSpan,
  checkCopyOption,
  checkNDArray,
  elementStrideProblem,
  loadPeer,
  needsCopy,
  readProperty,
  hasProperties,
  typedArrayConstructor,
} from './common.js';

/** The parts of a stdlib ndarray the adapter reads (and `toStdlib` returns). */
export interface StdlibNdarray {
  /** stdlib's dtype: a name ('float64', 'complex128', 'generic', ...) or a dtype object whose string form is one. */
  readonly dtype: unknown;
  /** The storage: a typed buffer (TypedArray, or stdlib's Complex64Array/Complex128Array/BooleanArray). */
  readonly data: unknown;
  /** The length of each dimension. */
  readonly shape: readonly number[];
  /** Strides in elements (not bytes), one per dimension. */
  readonly strides: readonly number[];
  /** Index in `data` of element [0, ..., 0], in elements. */
  readonly offset: number;
  /** 'row-major' or 'column-major'. */
  readonly order: string;
  /** stdlib's flags. */
  readonly flags?: {
    /** True for a read-only ndarray. */
    readonly READONLY?: boolean;
  };
}

const library = '@stdlib/ndarray';

// stdlib dtype -> ndinterop dtype name. 'generic' (plain Arrays) holds JS
// values rather than memory, and float16/complex32 have no stdlib buffer type.
const dtypeNames: Readonly<Record<string, string>> = {
  bool: 'bool',
  int8: 'int8',
  uint8: 'uint8',
  uint8c: 'uint8',
  binary: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  float32: 'float32',
  float64: 'float64',
  complex64: 'complex64',
  complex128: 'complex128',
};

/** True for objects shaped like a stdlib ndarray. */
export function isStdlibNdarray(x: object): boolean {
  return hasProperties(x, ['dtype', 'data', 'shape', 'strides', 'offset', 'order'], library);
}

/** A view of a stdlib ndarray's memory; its buffer is shared, not copied. */
export function fromStdlib(x: object): NDArray {
  const dtypeValue = readProperty(x, 'dtype', library);
  const data = readProperty(x, 'data', library);
  const shape = integers(readProperty(x, 'shape', library), 'shape');
  const strides = integers(readProperty(x, 'strides', library), 'strides');
  const offset = readProperty(x, 'offset', library);
  const flags = readProperty(x, 'flags', library);
  const dtypeText = typeof dtypeValue === 'string' ? dtypeValue : String(dtypeValue);
  const name = dtypeNames[dtypeText];
  if (!name) {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `cannot view a stdlib ndarray of dtype ${JSON.stringify(dtypeText)} (supported: ${Object.keys(dtypeNames).join(', ')})`);
  }
  if (!Number.isSafeInteger(offset)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a stdlib ndarray offset to be an integer, got ${describeValue(offset)}`);
  }
  const dt = dtypeByName(name)!;
  return new NDArray({
    buffer: bufferOf(data, dtypeText),
    dtype: dt,
    shape,
    strides: strides.map((s) => s * dt.itemsize),
    byteOffset: (offset as number) * dt.itemsize,
    readonly: typeof flags === 'object' && flags !== null && (flags as { READONLY?: unknown }).READONLY === true,
    base: x,
  });
}

function integers(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((n) => Number.isSafeInteger(n))) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a stdlib ndarray ${what} to be an array of integers, got ${describeValue(value)}`);
  }
  return [...value] as number[];
}

// TypedArrays are their own window; stdlib's Complex64Array, Complex128Array
// and BooleanArray are not TypedArrays but expose buffer/byteOffset/byteLength.
function bufferOf(data: unknown, dtypeText: string): ArrayBufferView {
  if (types.isTypedArray(data)) return data;
  if (typeof data === 'object' && data !== null) {
    const { buffer, byteOffset, byteLength } = data as { buffer?: unknown; byteOffset?: unknown; byteLength?: unknown };
    if ((types.isArrayBuffer(buffer) || types.isSharedArrayBuffer(buffer)) && Number.isSafeInteger(byteOffset) && Number.isSafeInteger(byteLength)) {
      return new Uint8Array(buffer, byteOffset as number, byteLength as number);
    }
  }
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected the data of a stdlib ${dtypeText} ndarray to be a typed buffer, got ${describeValue(data)}`);
}

/** Options of {@link toStdlib}. */
export interface ToStdlibOptions {
  /** true: hand over a fresh C-contiguous copy instead of sharing memory. Default false. */
  readonly copy?: boolean;
}

type StdlibCtor = new (
  dtype: string,
  buffer: unknown,
  shape: number[],
  strides: number[],
  offset: number,
  order: string,
  options: { readonly: boolean },
) => StdlibNdarray;

type BufferCtor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => unknown;

function stdlibDType(dt: DType): string | undefined {
  if (dt.name === 'bool' || dt.name === 'complex64' || dt.name === 'complex128') return dt.name;
  if (dt.name === 'int64' || dt.name === 'uint64' || dt.name === 'float16') return undefined;
  return typedArrayConstructor(dt) ? dt.name : undefined;
}

function bufferConstructor(dt: DType): BufferCtor {
  if (dt.name === 'bool') return loadPeer<BufferCtor>(['@stdlib/array/bool', '@stdlib/array-bool'], 'toStdlib (bool)');
  if (dt.name === 'complex64') return loadPeer<BufferCtor>(['@stdlib/array/complex64', '@stdlib/array-complex64'], 'toStdlib (complex64)');
  if (dt.name === 'complex128') return loadPeer<BufferCtor>(['@stdlib/array/complex128', '@stdlib/array-complex128'], 'toStdlib (complex128)');
  return typedArrayConstructor(dt)!;
}

/**
 * A stdlib ndarray viewing the same memory as `a` (writes through either are
 * seen by the other); read-only arrays become read-only stdlib ndarrays.
 * Throws BufferError when the memory cannot be shared (byte strides that are
 * not whole elements, non-native byte order, misaligned data) unless
 * `copy: true`; TypeError for dtypes stdlib has no buffer for (int64,
 * uint64, float16, str, datetime...).
 */
export function toStdlib(a: NDArray, options: ToStdlibOptions = {}): StdlibNdarray {
  checkNDArray(a);
  const copy = checkCopyOption(options);
  const dtypeText = stdlibDType(a.dtype);
  if (!dtypeText) throw makeError(TypeError, 'ERR_INVALID_DTYPE', `@stdlib/ndarray cannot hold ${a.dtype.fullName} elements`);
  const problem = elementStrideProblem(a);
  if (problem && !copy) throw needsCopy(library, problem);
  const source = copy ? a.astype(a.dtype.newByteOrder('=')) : a;
  const Ndarray = loadPeer<StdlibCtor>(['@stdlib/ndarray/ctor', '@stdlib/ndarray-ctor'], 'toStdlib');
  const BufferClass = bufferConstructor(source.dtype);
  const itemsize = source.itemsize;
  const span = byteSpan(source) ?? { start: 0, end: 0 };
  const buffer = span.end === 0 ? new BufferClass(new ArrayBuffer(0), 0, 0) : new BufferClass(source.buffer, span.start, (span.end - span.start) / itemsize);
  const order = source.flags.fContiguous && !source.flags.cContiguous ? 'column-major' : 'row-major';
  return new Ndarray(
    dtypeText,
    buffer,
    [...source.shape],
    source.strides.map((s) => s / itemsize),
    span.end === 0 ? 0 : (source.byteOffset - span.start) / itemsize,
    order,
    { readonly: source.readonly },
  );
}
