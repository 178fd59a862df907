// asarray: anything array-like to an NDArray, zero-copy whenever the input
// already is memory in a usable layout.
import { types } from 'node:util';
import { type ForeignArray, convertForeignArray } from './asarray-converters.js';
import { type DType, type DTypeLike, type DTypeName, type DTypeNameOf, type CheckedSpelling, dtype as toDType, dtypeByName } from '../dtype/dtype.js';
import { BufferError, describeValue, makeError } from '../base/errors.js';
import { type Complex, type Scalar, elementWriter } from '../dtype/elements.js';
import { NDArray, type NestedArray, bufferWindow, checkViewableDType } from '../array/ndarray.js';
import { typedArrayDType } from '../dtype/typed-arrays.js';
import { shapeSize } from '../array/broadcast.js';
import { parseDate } from '../dtype/datetime-units.js';
import { contiguousStrides, maxDims, shapeText } from '../base/validate.js';

/** Options of {@link asarray}. */
export interface AsarrayOptions {
  /** Element type of the result; values are converted (NumPy's unsafe casting) when it differs. */
  readonly dtype?: DTypeLike;
  /** true: always copy; false: never copy (BufferError if a copy is needed); default: copy only when needed. */
  readonly copy?: boolean;
}

/** The dtype asarray gives a TypedArray's elements (raw bytes, uint8, for a DataView). */
export type TypedArrayDType<T extends ArrayBufferView> = T extends Float64Array
  ? 'float64'
  : T extends Float32Array
    ? 'float32'
    : T extends Int8Array
      ? 'int8'
      : T extends Int16Array
        ? 'int16'
        : T extends Uint16Array
          ? 'uint16'
          : T extends Int32Array
            ? 'int32'
            : T extends Uint32Array
              ? 'uint32'
              : T extends BigInt64Array
                ? 'int64'
                : T extends BigUint64Array
                  ? 'uint64'
                  : T extends Uint8Array | Uint8ClampedArray | DataView
                    ? 'uint8'
                    : DTypeName;

/** Anything asarray accepts. */
export type AsarrayInput = NDArray | ArrayBuffer | SharedArrayBuffer | ArrayBufferView | Scalar | NestedArray | readonly unknown[] | ForeignArray;

function copyImpossible(reason: string): BufferError {
  return new BufferError(`Unable to avoid copy while creating an array as requested (${reason})`);
}

/**
 * Converts `x` to an NDArray: an NDArray (returned as is), any TypedArray
 * (a 1-d view of its elements, O(1)), a DataView/ArrayBuffer/SharedArrayBuffer
 * (raw bytes: uint8, or reinterpreted as `dtype` like np.frombuffer), nested
 * arrays (rectangular; integer-valued numbers and bigints give int64,
 * other numbers float64, booleans bool, { re, im } complex128, mixed ones
 * promote; strings make a 'U' array of the longest one, or 'S' with
 * `dtype: 'S'`: docs/guides/conversions.md), or a scalar (a 0-d array).
 * Also, without copying (src/interop/asarray-converters.ts): an object with
 * __array_interface__ (buffer or pointer form), a DLPackCapsule or an object
 * with __dlpack__, a @stdlib/ndarray, a scijs ndarray, or an onnxruntime
 * Tensor ({ type, dims, data } on the CPU).
 */
export function asarray<N extends DTypeName>(x: AsarrayInput, options: AsarrayOptions & { readonly dtype: DType<N> | N }): NDArray<N>;
export function asarray<const S extends string>(x: AsarrayInput, options: { readonly dtype: CheckedSpelling<S>; readonly copy?: boolean }): NDArray<DTypeNameOf<S>>;
export function asarray<D extends DTypeName>(x: NDArray<D>, options?: AsarrayOptions): NDArray<D>;
export function asarray<T extends ArrayBufferView>(x: T, options?: AsarrayOptions): NDArray<TypedArrayDType<T>>;
export function asarray(x: AsarrayInput, options?: AsarrayOptions): NDArray;
export function asarray(x: AsarrayInput, options: AsarrayOptions = {}): NDArray {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected options to be an object, got ${describeValue(options)}`);
  }
  const { copy } = options;
  if (copy !== undefined && typeof copy !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected copy to be a boolean or undefined, got ${describeValue(copy)}`);
  }
  // 'S' and 'U' without a length take it from the strings (NumPy's rule).
  const text = options.dtype === undefined ? undefined : unsizedText(options.dtype);
  const requested = options.dtype === undefined || text ? undefined : checkViewableDType(options.dtype);
  const memoryView = text ? undefined : viewOfMemory(x, requested);
  if (memoryView) return finish(memoryView, requested, copy);
  if (copy === false) throw copyImpossible(`${describeValue(x)} is not array memory`);
  return fromValues(x, requested, text);
}

// The zero-copy view of `x` if it is array memory, else undefined.
function viewOfMemory(x: unknown, requested: DType | undefined): NDArray | undefined {
  // A Proxy passes instanceof checks but not the internal-slot checks of
  // buffer methods, so only the property-reading converters may see it.
  if (types.isProxy(x)) return convertForeignArray(x);
  if (x instanceof NDArray) return x;
  if (types.isArrayBuffer(x) || types.isSharedArrayBuffer(x) || types.isDataView(x)) {
    return rawBytesView(x, requested);
  }
  if (types.isTypedArray(x)) {
    const dt = typedArrayDType(x);
    if (!dt) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `unsupported TypedArray ${describeValue(x)}`);
    const window = bufferWindow(x);
    const length = window.length / dt.itemsize;
    return NDArray._fromValidated({
      buffer: window.buffer,
      byteOffset: window.start,
      dtype: dt,
      shape: frozenVector(length),
      strides: frozenVector(length === 0 ? 0 : dt.itemsize),
      readonly: false,
      base: x,
      frozen: true,
    });
  }
  return convertForeignArray(x);
}

// Frozen one-element arrays, shared: freezing a fresh array costs more than
// the rest of asarray(typedArray). Shapes and strides are never mutated.
const vectors = new Map<number, readonly number[]>();

function frozenVector(n: number): readonly number[] {
  let vector = vectors.get(n);
  if (vector === undefined) {
    vector = Object.freeze([n]);
    if (vectors.size >= 4096) vectors.clear();
    vectors.set(n, vector);
  }
  return vector;
}

function rawBytesView(x: ArrayBuffer | SharedArrayBuffer | DataView, requested: DType | undefined): NDArray {
  const dt = requested ?? dtypeByName('uint8')!;
  const window = bufferWindow(x);
  if (window.length % dt.itemsize !== 0) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `buffer size must be a multiple of element size: ${window.length} bytes is not a multiple of ${dt.itemsize} (${dt.fullName})`);
  }
  const length = window.length / dt.itemsize;
  return NDArray._fromValidated({ buffer: window.buffer, byteOffset: window.start, dtype: dt, shape: [length], strides: [length === 0 ? 0 : dt.itemsize], readonly: false, base: x });
}

function finish(array: NDArray, requested: DType | undefined, copy: boolean | undefined): NDArray {
  const converts = requested !== undefined && !(array.dtype.equals(requested) && array.dtype.byteorder === requested.byteorder);
  if (converts) {
    if (copy === false) throw copyImpossible(`converting ${array.dtype.fullName} to ${requested.fullName} needs a copy`);
    return array.astype(requested);
  }
  return copy === true ? array.copy() : array;
}

// Element kinds of nested values, in promotion order; strings do not mix
// with the others.
const enum ValueKind {
  Bool = 0,
  Int = 1,
  Float = 2,
  Complex = 3,
  Str = 4,
}

/** 'S' or 'U' with no length given ('S', 'U', 'bytes', 'str', '<U0'): that kind; else undefined. */
function unsizedText(spec: unknown): 'S' | 'U' | undefined {
  if (spec instanceof NDArray) return undefined;
  let dt: DType;
  try {
    dt = toDType(spec as DTypeLike);
  } catch {
    return undefined; // checkViewableDType reports it
  }
  return dt.itemsize === 0 && (dt.kind === 'S' || dt.kind === 'U') ? dt.kind : undefined;
}

/** The code points of a string (NumPy's str length: a surrogate pair is one). */
function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** A JS string as NumPy's bytes of an 'S' array: ASCII only, as NumPy encodes str there. */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) {
      throw makeError(
        RangeError,
        'ERR_INVALID_ARG_VALUE',
        `'ascii' codec can't encode character '\\u${code.toString(16).padStart(4, '0')}' in position ${i}: ordinal not in range(128)`,
      );
    }
    bytes[i] = code;
  }
  return bytes;
}
const defaultDTypes = ['bool', 'int64', 'float64', 'complex128'] as const;

function isComplexValue(value: unknown): value is Complex {
  return typeof value === 'object' && value !== null && typeof (value as Complex).re === 'number' && typeof (value as Complex).im === 'number';
}

function isSequence(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || value instanceof NDArray || types.isTypedArray(value);
}

function sequenceItems(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof NDArray) {
    const items = value.toArray();
    return Array.isArray(items) ? items : [items];
  }
  return Array.from(value as ArrayLike<unknown>);
}

interface Flattened {
  shape: number[];
  leaves: unknown[];
  kind: ValueKind;
}

function flatten(x: unknown): Flattened {
  const shape: number[] = [];
  for (let level: unknown = x; isSequence(level); level = sequenceItems(level)[0]) {
    const items = sequenceItems(level);
    shape.push(items.length);
    if (shape.length > maxDims) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected at most ${maxDims} nested levels`);
    if (items.length === 0) break;
  }
  const leaves: unknown[] = [];
  let kind = ValueKind.Bool;
  let sawLeaf = false;
  const visit = (value: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (isSequence(value)) throw inhomogeneous(shape, depth);
      const leaf = leafKind(value);
      if (sawLeaf && (leaf === ValueKind.Str) !== (kind === ValueKind.Str)) {
        throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'expected strings only or no strings: asarray does not mix strings with numbers (convert them first)');
      }
      kind = Math.max(kind, leaf) as ValueKind;
      sawLeaf = true;
      leaves.push(value);
      return;
    }
    if (!isSequence(value)) throw inhomogeneous(shape, depth);
    const items = sequenceItems(value);
    if (items.length !== shape[depth]) throw inhomogeneous(shape, depth);
    for (const item of items) visit(item, depth + 1);
  };
  visit(x, 0);
  // An empty nested array has no leaves to look at: NumPy makes it float64.
  return { shape, leaves, kind: sawLeaf ? kind : ValueKind.Float };
}

function inhomogeneous(shape: readonly number[], depth: number): RangeError {
  return makeError(
    RangeError,
    'ERR_INVALID_ARG_VALUE',
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. The detected shape was ${shapeText(shape.slice(0, depth))} + inhomogeneous part.`,
  );
}

const int64Bound = 2 ** 63;

/**
 * The integer-list rule (docs/guides/conversions.md): a number is a Python
 * int when it is integer-valued, not -0 and inside int64's range, as NumPy
 * makes `[2, 3]` int64; any other number (2.5, NaN, Infinity, -0, 1e300)
 * makes the whole list float64.
 */
function isIntegerNumber(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0) && value >= -int64Bound && value < int64Bound;
}

function leafKind(value: unknown): ValueKind {
  if (typeof value === 'string') return ValueKind.Str;
  if (typeof value === 'boolean') return ValueKind.Bool;
  if (typeof value === 'bigint') return ValueKind.Int;
  if (typeof value === 'number') return isIntegerNumber(value) ? ValueKind.Int : ValueKind.Float;
  if (isComplexValue(value)) return ValueKind.Complex;
  throw makeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `expected numbers, bigints, booleans, { re, im } objects or (nested) arrays of them, got ${describeValue(value)}`,
  );
}

// A bigint-only input holding values above int64's range becomes uint64, as
// NumPy does for Python ints.
function inferredDType(flat: Flattened, text: 'S' | 'U' | undefined): DType {
  if (flat.kind === ValueKind.Str || text) {
    if (flat.leaves.length > 0 && flat.kind !== ValueKind.Str) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected strings for dtype '${text}', got ${describeValue(flat.leaves[0])}`);
    }
    // NumPy's length: the longest string, at least 1; 'S' counts bytes (ASCII), 'U' code points.
    const longest = Math.max(1, ...flat.leaves.map((v) => (text === 'S' ? (v as string).length : codePointLength(v as string))));
    return toDType(text === 'S' ? `S${longest}` : `<U${longest}`);
  }
  if (flat.kind === ValueKind.Int && flat.leaves.some((v) => typeof v === 'bigint' && v > 2n ** 63n - 1n)) {
    return dtypeByName('uint64')!;
  }
  return dtypeByName(defaultDTypes[flat.kind])!;
}

// ISO dates ('2010-01-02', '1833-03', 'NaT') into a datetime64 dtype.
function datesFrom(flat: Flattened, dt: DType): NDArray {
  const counts = flat.leaves.map((v) => {
    const count = parseDate(v as string, dt.unit);
    if (count === undefined) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `Error parsing datetime string ${describeValue(v)} (dates 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' and 'NaT' only)`);
    }
    return count;
  });
  const buffer = new ArrayBuffer(counts.length * 8);
  const view = new DataView(buffer);
  counts.forEach((c, i) => view.setBigInt64(i * 8, c, dt.byteorder !== '>'));
  return NDArray._fromValidated({ buffer, byteOffset: 0, dtype: dt, shape: flat.shape, strides: contiguousStrides(flat.shape, 8), readonly: false });
}

function fromValues(x: unknown, requested: DType | undefined, text?: 'S' | 'U'): NDArray {
  const flat = flatten(x);
  const dt = requested ?? inferredDType(flat, text);
  if (flat.kind === ValueKind.Str && dt.kind === 'M') return datesFrom(flat, dt);
  if (flat.kind === ValueKind.Str && flat.leaves.length > 0 && dt.kind !== 'S' && dt.kind !== 'U') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected numbers for dtype ${dt.fullName}, got ${describeValue(flat.leaves[0])} (asarray does not parse strings)`);
  }
  const size = shapeSize(flat.shape);
  const buffer = new ArrayBuffer(size * dt.itemsize);
  const view = new DataView(buffer);
  const write = elementWriter(dt);
  const leaves = dt.kind === 'S' ? flat.leaves.map((v) => (typeof v === 'string' ? asciiBytes(v) : v)) : flat.leaves;
  leaves.forEach((value, i) => write(view, i * dt.itemsize, value));
  return NDArray._fromValidated({ buffer, byteOffset: 0, dtype: dt, shape: flat.shape, strides: contiguousStrides(flat.shape, dt.itemsize), readonly: false });
}
