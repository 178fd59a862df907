// scijs `ndarray` <-> NDArray, zero-copy both ways. scijs counts strides
// and offset in elements of its TypedArray `data`; ndinterop counts bytes.
// The library is an optional peer: reading its arrays needs only their shape
// ({ data, shape, stride, offset }); toScijs loads it on first use.
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
import { typedArrayDType } from '../../dtype/typed-arrays.js';

/** The parts of a scijs ndarray the adapter reads (and `toScijs` returns). */
export interface ScijsNdarray {
  /** The storage: a TypedArray (or a plain Array, which the adapter refuses). */
  readonly data: unknown;
  /** The length of each dimension. */
  readonly shape: readonly number[];
  /** Strides in elements (not bytes), one per dimension. */
  readonly stride: readonly number[];
  /** Index in `data` of element [0, ..., 0], in elements. */
  readonly offset: number;
  /** scijs's dtype name ('float64', 'uint8_clamped', 'array', ...). */
  readonly dtype?: string;
}

/**
 * A scijs ndarray as `toScijs` returns it: the library's own object, with
 * its view and element methods (the subset typed here; scijs has no types of
 * its own). Elements read as numbers, or bigints over BigInt64Array data.
 */
export interface ScijsArray extends ScijsNdarray {
  /** scijs's dtype name of the data. */
  readonly dtype: string;
  /** The number of elements. */
  readonly size: number;
  /** The number of dimensions. */
  readonly dimension: number;
  /** Axis order from the smallest stride to the largest. */
  readonly order: number[];
  /** The element at `indices` (one per dimension). */
  get(...indices: number[]): number | bigint;
  /** Writes the last argument at the indices before it; returns it. */
  set(...indicesThenValue: (number | bigint)[]): number | bigint;
  /** The position in `data` of the element at `indices`. */
  index(...indices: number[]): number;
  /** A view from `indices` on (null keeps a dimension whole). */
  lo(...indices: (number | null)[]): ScijsArray;
  /** A view up to `indices` (exclusive; null keeps a dimension whole). */
  hi(...indices: (number | null)[]): ScijsArray;
  /** A view taking every `steps[i]`-th element of each dimension (negative reverses). */
  step(...steps: (number | null)[]): ScijsArray;
  /** A view with the dimensions in the order `axes`. */
  transpose(...axes: number[]): ScijsArray;
  /** A view fixing the dimensions given a number (null keeps one). */
  pick(...indices: (number | null)[]): ScijsArray;
}

type ScijsFactory = (data: unknown, shape: number[], stride: number[], offset: number) => ScijsArray;

const library = 'scijs ndarray';

/** True for objects shaped like a scijs ndarray (`stride`, singular, is scijs's own). */
export function isScijsNdarray(x: object): boolean {
  return hasProperties(x, ['data', 'shape', 'stride', 'offset'], library);
}

/** A view of a scijs ndarray's memory; its TypedArray `data` is shared, not copied. */
export function fromScijs(x: object): NDArray {
  const data = readProperty(x, 'data', library);
  const shape = readProperty(x, 'shape', library);
  const stride = readProperty(x, 'stride', library);
  const offset = readProperty(x, 'offset', library);
  const dt = typedArrayDType(data);
  if (!dt) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `expected a scijs ndarray over a TypedArray, got data ${describeValue(data)} (arrays of JS values hold no memory to share)`,
    );
  }
  const elementStrides = elementArray(stride, 'stride');
  const elementOffset = typeof offset === 'number' ? offset : Number.NaN;
  if (!Number.isSafeInteger(elementOffset)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a scijs ndarray offset to be an integer, got ${describeValue(offset)}`);
  }
  return new NDArray({
    buffer: data as ArrayBufferView,
    dtype: dt,
    shape: elementArray(shape, 'shape'),
    strides: elementStrides.map((s) => s * dt.itemsize),
    byteOffset: elementOffset * dt.itemsize,
    base: x,
  });
}

function elementArray(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((n) => Number.isSafeInteger(n))) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a scijs ndarray ${what} to be an array of integers, got ${describeValue(value)}`);
  }
  return [...value] as number[];
}

/** Options of {@link toScijs}. */
export interface ToScijsOptions {
  /** true: hand over a fresh C-contiguous copy instead of sharing memory. Default false. */
  readonly copy?: boolean;
}

/**
 * A scijs ndarray viewing the same memory as `a` (writes through either are
 * seen by the other). bool arrays become uint8 views (scijs has no bool).
 * Throws BufferError when the memory cannot be shared (read-only, byte
 * strides that are not whole elements, non-native byte order, misaligned
 * data) unless `copy: true`; TypeError for dtypes scijs cannot hold.
 */
export function toScijs(a: NDArray, options: ToScijsOptions = {}): ScijsArray {
  checkNDArray(a);
  const copy = checkCopyOption(options);
  const ctor = typedArrayConstructor(a.dtype);
  if (!ctor || a.dtype.name === 'float16') {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `scijs ndarray cannot hold ${a.dtype.fullName} elements`);
  }
  const problem = a.readonly ? 'it is read-only and scijs ndarrays are always writable' : elementStrideProblem(a);
  if (problem && !copy) throw needsCopy(library, problem);
  const source = copy ? a.astype(a.dtype.newByteOrder('=')) : a;
  const create = loadPeer<ScijsFactory>(['ndarray'], 'toScijs');
  const span = byteSpan(source);
  if (!span) return create(new ctor(new ArrayBuffer(0), 0, 0), [...source.shape], source.shape.map(() => 0), 0);
  const itemsize = source.itemsize;
  const data = new ctor(source.buffer as ArrayBuffer, span.start, (span.end - span.start) / itemsize);
  return create(
    data,
    [...source.shape],
    source.strides.map((s) => s / itemsize),
    (source.byteOffset - span.start) / itemsize,
  );
}
