// NDArray: a strided n-d view over an ArrayBuffer or SharedArrayBuffer, with
// NumPy's view semantics. Byte strides may be negative or zero; every view is
// bounds-checked once by native/core/view/layout before any element is read, so
// element access after construction needs no per-element bounds checks.
import { types } from 'node:util';
import { type DType, type DTypeLike, type DTypeName, dtype as toDType } from '../dtype/dtype.js';
import type { DTypeNameOf, DTypeSpelling, ElementInputOf, ElementOf, TypedArrayOf } from '../dtype/spelling.js';
import { BufferError, describeValue, makeError } from '../base/errors.js';
import { type ElementReader, type ElementWriter, type Scalar, elementReader, elementWriter } from '../dtype/elements.js';
import { native } from '../base/native.js';
import { allocateBuffer, allocateForOverwrite } from '../base/memory.js';
import { type Casting, arrayCastingError, canCast, isConvertible, parseCasting, sameType } from '../dtype/casting.js';
import { copyToContiguous, voidTruth } from './copy.js';
import { castElements, reportCastFlags } from './cast.js';
import { arrayRepr, arrayStr } from './inspect.js';
import { broadcastStrides, formatShape, shapeSize } from './broadcast.js';
import { type IndexSpec, type Layout, nocopyReshapeStrides, resolveReshape, sliceLayout, transposeAxes } from './indexing.js';
import { checkInteger, checkShape, checkStrides, contiguousStrides, filledStrides } from '../base/validate.js';
import { anyPending, checkNotBusy, checkNotWritten } from '../base/busy.js';
import { ndarrayCloneRefusal } from '../base/clone-guard.js';
import { type ElementTypedArray, type TypedArrayStorage, typedArrayStorage } from '../dtype/typed-arrays.js';
import '../base/dispose.js';

/** Memory an NDArray can view. TypedArrays, DataViews and Node Buffers contribute their own window. */
export type BufferSource = ArrayBuffer | SharedArrayBuffer | ArrayBufferView;

/**
 * Arguments of the public NDArray constructor. A dtype given by its name
 * ('float64') or as a DType<'float64'> types the array as NDArray<'float64'>.
 *
 * @typeParam D - The dtype's name, when known statically.
 */
export interface NDArrayInit<D extends DTypeName = DTypeName> {
  /** The memory to view (not copied). */
  readonly buffer: BufferSource;
  /** The element type: a DType, a name ('float64') or any NumPy spelling ('<f8', 'f8', 'double'). */
  readonly dtype: DType<D> | D | DTypeSpelling;
  /** The length of each dimension; [] for a 0-d array. */
  readonly shape: readonly number[];
  /** Byte strides; default C-contiguous. */
  readonly strides?: readonly number[];
  /** Byte offset of element [0, ..., 0] within `buffer` (within the view's window for a TypedArray/DataView). */
  readonly byteOffset?: number;
  /** True makes the array read-only (NumPy's writeable=False). Default false. */
  readonly readonly?: boolean;
  /** Whatever keeps the memory alive; held for the lifetime of the array. */
  readonly base?: unknown;
}

/** NumPy's array flags. */
export interface NDArrayFlags {
  /** NumPy's C_CONTIGUOUS: the elements are packed in row-major order. */
  readonly cContiguous: boolean;
  /** NumPy's F_CONTIGUOUS: the elements are packed in column-major order. */
  readonly fContiguous: boolean;
  /** NumPy's WRITEABLE: the array is not read-only. */
  readonly writeable: boolean;
  /** NumPy's ALIGNED: the data address and the strides of every dimension longer than 1 are multiples of the dtype's alignment. */
  readonly aligned: boolean;
}

/** A DLPack device: [deviceType, deviceId]; [1, 0] is the CPU. */
export type Device = readonly [number, number];

/**
 * @internal
 * Parts of an NDArray whose layout the caller has already checked (DLPack
 * import, the array interface, ufunc outputs, views derived from another
 * NDArray). See NDArray._fromValidated.
 */
export interface ValidatedParts {
  /** The memory; may be omitted when `store` is given (it is then `store.buffer`, made when first asked for). */
  readonly buffer?: ArrayBuffer | SharedArrayBuffer;
  /**
   * This array's elements in C order, for results of the pure-JS paths (see
   * SmallStore): a SmallStore (bool results: a Uint8Array or a JS array of
   * 0 and 1). The ArrayBuffer is made only when something asks for it.
   */
  readonly store?: SmallStore | Uint8Array;
  /** True when `shape` and `strides` are frozen arrays the new array may share as they are. */
  readonly frozen?: boolean;
  readonly byteOffset: number;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly readonly: boolean;
  readonly device?: Device;
  readonly base?: unknown;
  readonly copied?: boolean;
  /**
   * True for non-CPU DLPack imports: the data is not host-readable, `buffer`
   * is a zero-length ArrayBuffer, and every data access throws BufferError.
   */
  readonly opaque?: boolean;
}

/** Options of {@link NDArray.astype}. */
export interface AstypeOptions {
  /** Which conversions are allowed (NumPy's `casting`); default 'unsafe'. */
  readonly casting?: Casting;
  /** false: return this array unchanged when no conversion is needed. Default true. */
  readonly copy?: boolean;
}

/** What toArray() returns for an array with at least one dimension; `T` is the element type. */
export type NestedArray<T = Scalar> = Array<T | NestedArray<T>>;

/**
 * `A` (an NDArray or a subclass) with dtype `D`: NDArray<D> for NDArray
 * itself; a subclass keeps its own members (its class at run time) and gets
 * NDArray<D>'s typed element access.
 *
 * @typeParam A - The array type a method was called on.
 * @typeParam D - The result's dtype name.
 */
export type WithDType<A, D extends DTypeName> = [Exclude<keyof A, keyof NDArray>] extends [never]
  ? NDArray<D>
  : A extends {
        /** The subclass's dtype. */
        readonly dtype: {
          /** Its name, as the subclass declares it. */
          readonly name: infer Own;
        };
      }
    ? [D] extends [Own]
      ? A
      : Omit<A, keyof NDArray> & NDArray<D>
    : NDArray<D>;

export type { ElementTypedArray } from '../dtype/typed-arrays.js';

function typedArrayKind(dt: DType): TypedArrayStorage {
  const storage = typedArrayStorage(dt);
  if (!storage) throw makeError(TypeError, 'ERR_INVALID_DTYPE', `no TypedArray can hold ${dt.fullName} elements`);
  return storage;
}

const cpuDevice: Device = Object.freeze([1, 0] as const);

const deviceNames: Readonly<Record<number, string>> = {
  1: 'CPU', 2: 'CUDA', 3: 'CUDAHost', 4: 'OpenCL', 7: 'Vulkan', 8: 'Metal', 9: 'VPI', 10: 'ROCM',
  11: 'ROCMHost', 12: 'ExtDev', 13: 'CUDAManaged', 14: 'OneAPI', 15: 'WebGPU', 16: 'Hexagon', 17: 'MAIA', 18: 'Trn',
};

export function deviceName(device: Device): string {
  return `${deviceNames[device[0]] ?? `device type ${device[0]}`}:${device[1]}`;
}

// Passed as the constructor's second argument by _fromValidated only: no
// other module can name it, so no caller outside this one can skip the checks.
const validatedToken: unique symbol = Symbol('NDArray._fromValidated');

// Brand checks, not instanceof: Object.create(ArrayBuffer.prototype) passes
// instanceof but has no memory behind it.
function isArrayBufferLike(value: unknown): value is ArrayBuffer | SharedArrayBuffer {
  return types.isArrayBuffer(value) || types.isSharedArrayBuffer(value);
}

// The engine's own accessors, read once at load: a TypedArray subclass or an
// own property can override `byteLength` and friends, and a view sized from
// a lying getter would let native kernels read past the real memory.
type Getter = (this: unknown) => unknown;
function intrinsicGetter(prototype: object, name: string): Getter {
  return Object.getOwnPropertyDescriptor(prototype, name)!.get! as Getter;
}
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayBuffer = intrinsicGetter(typedArrayPrototype, 'buffer');
const typedArrayByteOffset = intrinsicGetter(typedArrayPrototype, 'byteOffset');
const typedArrayByteLength = intrinsicGetter(typedArrayPrototype, 'byteLength');
const dataViewBuffer = intrinsicGetter(DataView.prototype, 'buffer');
const dataViewByteOffset = intrinsicGetter(DataView.prototype, 'byteOffset');
const dataViewByteLength = intrinsicGetter(DataView.prototype, 'byteLength');
const arrayBufferByteLength = intrinsicGetter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === 'undefined' ? undefined : intrinsicGetter(SharedArrayBuffer.prototype, 'byteLength');

/** The real byte length of an ArrayBuffer or SharedArrayBuffer (0 when detached). */
export function byteLengthOf(buffer: ArrayBuffer | SharedArrayBuffer): number {
  // The common case without a call into C++ (types.isSharedArrayBuffer): the
  // intrinsic getter throws for anything not an ArrayBuffer, whatever its prototype says.
  if (buffer instanceof ArrayBuffer) {
    try {
      return arrayBufferByteLength.call(buffer) as number;
    } catch {
      // a SharedArrayBuffer dressed as an ArrayBuffer: asked below
    }
  }
  const getter = types.isSharedArrayBuffer(buffer) ? sharedArrayBufferByteLength! : arrayBufferByteLength;
  return getter.call(buffer) as number;
}

/** True when `buffer` has been transferred or detached (Node 20 has no ArrayBuffer.prototype.detached). */
export function isDetached(buffer: ArrayBuffer | SharedArrayBuffer): boolean {
  if (byteLengthOf(buffer) !== 0) return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function detachedError(): TypeError {
  return makeError(TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
}

/** The buffer of any BufferSource and the byte window of it that may be viewed (read through the engine's own getters). */
export function bufferWindow(source: unknown): { buffer: ArrayBuffer | SharedArrayBuffer; start: number; length: number } {
  if (isArrayBufferLike(source)) {
    if (isDetached(source)) throw detachedError();
    return { buffer: source, start: 0, length: byteLengthOf(source) };
  }
  if (types.isTypedArray(source)) {
    const buffer = typedArrayBuffer.call(source) as ArrayBuffer | SharedArrayBuffer;
    if (isDetached(buffer)) throw detachedError();
    return { buffer, start: typedArrayByteOffset.call(source) as number, length: typedArrayByteLength.call(source) as number };
  }
  if (types.isDataView(source)) {
    const buffer = dataViewBuffer.call(source) as ArrayBuffer | SharedArrayBuffer;
    if (isDetached(buffer)) throw detachedError();
    return { buffer, start: dataViewByteOffset.call(source) as number, length: dataViewByteLength.call(source) as number };
  }
  throw makeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `expected buffer to be an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView or Buffer, got ${describeValue(source)}`,
  );
}

export function checkViewableDType(spec: unknown): DType {
  const dt = toDType(spec as DTypeLike);
  if (dt.kind === 'O') {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', 'expected a dtype that can be viewed in memory, got object (NumPy object arrays hold Python references)');
  }
  // A record may have no bytes (NumPy's '(0,)f8,'); other types need a size.
  if (dt.itemsize === 0 && !dt.fields) {
    throw makeError(TypeError, 'ERR_INVALID_DTYPE', `expected a dtype with a size, got ${dt.fullName} (itemsize 0)`);
  }
  return dt;
}

/** @internal TypedArrays the tiny-array paths keep elements in. */
/**
 * @internal
 * The elements of a small float64, float32 or int32 array in C order: a
 * TypedArray viewing the array's memory, or, for results of the pure-JS
 * paths, the elements alone until something asks for the memory. Those are a
 * TypedArray of at most 64 bytes, which V8 keeps inside its heap (a view of
 * a fresh ArrayBuffer of its own, made then), or else a JS array of numbers
 * the dtype holds exactly (float32-rounded, int32 integers): a TypedArray
 * over 64 bytes needs an ArrayBuffer outside the heap, 1.3-3 us to allocate
 * here against 0.1 us for the JS array (bench/results-decisions.md).
 * NDArray.buffer turns a JS array store into a TypedArray over a new buffer
 * (#materialize), and from then on the store is that TypedArray.
 */
export type SmallStore = Float64Array | Float32Array | Int32Array | number[];

/** @internal The largest store kept as a TypedArray of its own (V8 allocates those inside its heap). */
const inHeapBytes = 64;
// A packed-double JS array to slice JS array stores from (a slice of it is
// one allocation and a copy, with the elements kind already double).
const storeTemplate: number[] = Array.from({ length: 128 }, () => 0.5);
const boolTemplate: number[] = Array.from({ length: 128 }, () => 0);

/** @internal Whether a store of `size` elements of `itemsize` bytes is a JS array (see SmallStore). */
export function storeIsArray(size: number, itemsize: number): boolean {
  return size * itemsize > inHeapBytes;
}

/** @internal A JS array store of `size` elements to fill (numbers; bool: 0 and 1). */
export function newArrayStore(size: number, bool = false): number[] {
  return (bool ? boolTemplate : storeTemplate).slice(0, size);
}

/**
 * @internal
 * A store holding `values[0..size)` (a TypedArray of the store's dtype,
 * values exact in it; bool: a Uint8Array of 0 and 1): a copy as a TypedArray
 * when it fits V8's heap, else as a JS array. `size` is at most smallSize.
 */
export function storeOf<T extends Float64Array | Float32Array | Int32Array | Uint8Array>(values: T, size: number): T | number[] {
  if (size * values.BYTES_PER_ELEMENT <= inHeapBytes) return values.slice(0, size) as T;
  // One copy loop per kind, each seeing one kind of TypedArray: a loop shared
  // by the four reads them through a megamorphic access, several ns each.
  if (values instanceof Float64Array) return copyFloat64(values, size);
  if (values instanceof Float32Array) return copyFloat32(values, size);
  if (values instanceof Int32Array) return copyInt32(values, size);
  return copyBool(values as Uint8Array, size);
}

function copyFloat64(values: Float64Array, size: number): number[] {
  const store = storeTemplate.slice(0, size);
  for (let i = 0; i < size; i++) store[i] = values[i]!;
  return store;
}

function copyFloat32(values: Float32Array, size: number): number[] {
  const store = storeTemplate.slice(0, size);
  for (let i = 0; i < size; i++) store[i] = values[i]!;
  return store;
}

function copyInt32(values: Int32Array, size: number): number[] {
  const store = storeTemplate.slice(0, size);
  for (let i = 0; i < size; i++) store[i] = values[i]!;
  return store;
}

function copyBool(values: Uint8Array, size: number): number[] {
  const store = boolTemplate.slice(0, size);
  for (let i = 0; i < size; i++) store[i] = values[i]!;
  return store;
}

// (A JS array store of float64 or int32 holds the very numbers too.)
type NumberSlots = Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | number[];

// get/set's TypedArray path (NDArray.#makeSlots): the values, the itemsize,
// and the numbers set stores directly: those the element writer stores
// unchanged (integers in the dtype's range; any number but NaN for floats).
// Everything else (fractions, NaN, booleans, bigints...) takes the writer.
interface ElementSlots {
  readonly values: NumberSlots;
  /** Slot of element [0, ..., 0], then per axis its length and its stride in slots. */
  readonly layout: Float64Array;
  readonly low: number;
  readonly high: number;
}

// The slot of the element at indices[0..count), or -1 when the indices are
// not exactly one in-range integer per axis or the slot is past the
// TypedArray's current end (the DataView path then throws the precise error).
function slotIndex(slots: ElementSlots, indices: readonly unknown[], count: number): number {
  const layout = slots.layout;
  const ndim = (layout.length - 1) / 2;
  if (count !== ndim) return -1;
  let at = layout[0]!;
  for (let axis = 0; axis < ndim; axis += 1) {
    const index = indices[axis];
    if (typeof index !== 'number' || !Number.isInteger(index)) return -1;
    const length = layout[1 + 2 * axis]!;
    const position = index < 0 ? index + length : index;
    if (position < 0 || position >= length) return -1;
    at += position * layout[2 + 2 * axis]!;
  }
  return at < slots.values.length ? at : -1;
}

// The dtypes whose TypedArray holds the very numbers get returns.
const slotRanges: Readonly<Record<string, readonly [number, number]>> = {
  float64: [-Infinity, Infinity],
  float32: [-Infinity, Infinity],
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

/** @internal The dtypes of SmallStore: the pure-JS paths of tiny calls work in these. */
export const smallDTypes: ReadonlySet<string> = new Set(['float64', 'float32', 'int32']);

/** @internal Arrays of at most this many elements take the pure-JS paths for tiny calls. */
export const smallSize = 128;

/** The bytes of its buffer a view's elements reach: [start, end). */
/** @internal */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

// The byte span of a view whose layout is already known to lie inside its
// buffer, so the sums cannot overflow: the arithmetic of computeByteExtent
// (native/core/view/layout.cc) without its checks. null: no elements.
function byteSpanOf(byteOffset: number, itemsize: number, shape: readonly number[], strides: readonly number[]): ByteSpan | null {
  let start = byteOffset;
  let end = byteOffset + itemsize;
  for (let i = 0; i < shape.length; i += 1) {
    if (shape[i] === 0) return null;
    const reach = (shape[i]! - 1) * strides[i]!;
    if (reach < 0) start += reach;
    else end += reach;
  }
  return { start, end };
}

function frozenCopy(values: readonly number[]): readonly number[] {
  return Object.isFrozen(values) ? values : Object.freeze([...values]);
}

/**
 * A strided n-d view over an ArrayBuffer or SharedArrayBuffer, with NumPy's
 * view semantics (byte strides, which may be negative or zero).
 *
 * While a pending `.async` ufunc call writes this array's memory (it is the
 * call's `out`, or the target of `ufunc.at.async`), the memory is busy: every
 * read (`get`, `toArray`, `toTypedArray`, `copy`, `astype`, making a view,
 * use as a ufunc input, DLPack and array-interface exports, the adapters)
 * and every write throws TypeError `ERR_BUSY` naming the pending call, and
 * printing shows that reason instead of the elements. Memory a pending call
 * only reads stays readable, but cannot be written. Await the call first.
 */
export class NDArray<D extends DTypeName = DTypeName> {
  // First, so structuredClone and postMessage stop here (see clone-guard.ts):
  // send an array with toMessage(a) instead.
  private readonly noStructuredClone = ndarrayCloneRefusal;
  /** Byte offset of element [0, ..., 0] within `buffer`. */
  readonly byteOffset: number;
  /** The element type. */
  readonly dtype: DType<D>;
  /** The length of each dimension (frozen); [] for a 0-d array. */
  readonly shape: readonly number[];
  /** Strides in bytes, like NumPy's. */
  readonly strides: readonly number[];
  /** True when the array may not be written (NumPy's flags.writeable is its opposite). */
  readonly readonly: boolean;
  /** The DLPack device holding the data: [1, 0] for the CPU. */
  readonly device: Device;
  /** The object keeping the memory alive (e.g. a DLPack import state), or null. */
  readonly base: unknown;
  /** True when this array was made by copying on import. */
  readonly copied: boolean;

  #buffer: ArrayBuffer | SharedArrayBuffer | undefined;
  /** The elements as a TypedArray (tiny results, or a cached view for tiny contiguous arrays); null: not available. */
  #small: SmallStore | Uint8Array | null | undefined;
  #opaque: boolean;
  #disposed = false;
  #view: DataView | undefined;
  #reader: ElementReader | undefined;
  #writer: ElementWriter | undefined;
  #flags: NDArrayFlags | undefined;
  /** get/set through a TypedArray of the dtype's values: null when they cannot (see #makeSlots). */
  #slots: ElementSlots | null | undefined;
  /** The bytes the elements reach: from the constructor's layout check, else computed when first asked for. */
  #span: ByteSpan | null | undefined;

  constructor(init: NDArrayInit<D>);
  /** @internal _fromValidated's form. */
  constructor(parts: ValidatedParts, token: typeof validatedToken);
  constructor(init: NDArrayInit | ValidatedParts, token?: typeof validatedToken) {
    if (token === validatedToken) {
      const parts = init as ValidatedParts;
      this.#buffer = parts.buffer;
      this.#small = parts.store;
      this.byteOffset = parts.byteOffset;
      this.dtype = parts.dtype as DType<D>;
      this.shape = parts.frozen ? parts.shape : frozenCopy(parts.shape);
      this.strides = parts.frozen ? parts.strides : frozenCopy(parts.strides);
      this.readonly = parts.readonly;
      this.device = parts.device ? Object.freeze([parts.device[0], parts.device[1]] as const) : cpuDevice;
      this.base = parts.base ?? null;
      this.copied = parts.copied ?? false;
      this.#opaque = parts.opaque ?? false;
      return;
    }
    if (typeof init !== 'object' || init === null) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an options object { buffer, dtype, shape }, got ${describeValue(init)}`);
    }
    // Each option is read exactly once: a getter that changes its answer
    // between reads must not get a different value past validation.
    const { buffer, dtype, shape: shapeOption, strides: stridesOption, byteOffset, readonly, base } = init as NDArrayInit;
    const dt = checkViewableDType(dtype);
    const shape = checkShape(shapeOption);
    const strides = stridesOption === undefined ? contiguousStrides(shape, dt.itemsize) : checkStrides(stridesOption, shape.length);
    const offset = byteOffset === undefined ? 0 : checkInteger(byteOffset, 'byteOffset');
    if (readonly !== undefined && typeof readonly !== 'boolean') {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected readonly to be a boolean, got ${describeValue(readonly)}`);
    }
    const window = bufferWindow(buffer);
    const extent = native.checkLayout(dt.itemsize, shape, strides, offset, window.length);
    this.#buffer = window.buffer;
    this.byteOffset = window.start + offset;
    this.#span = extent.size === 0 ? null : { start: this.byteOffset + extent.lowest, end: this.byteOffset + extent.end };
    this.dtype = dt as DType<D>;
    this.shape = Object.freeze(shape);
    this.strides = Object.freeze(strides);
    this.readonly = readonly ?? false;
    this.device = cpuDevice;
    this.base = base ?? null;
    this.copied = false;
    this.#opaque = false;
  }

  /**
   * @internal
   * Builds an NDArray from parts whose layout the caller has already proved
   * to lie inside `buffer` (with native/core/view/layout's checkViewInBuffer or by
   * deriving it from a checked view). No bounds check happens here, so a
   * wrong caller could read out of bounds: only ndinterop's own modules call
   * this. For `opaque` arrays (non-CPU DLPack imports) no data is ever read.
   */
  static _fromValidated(parts: ValidatedParts): NDArray;
  /**
   * @internal With `like`: an array of `like`'s class (NumPy's view casting:
   * the subclass's constructor does not run), then its `__array_finalize__(like)`.
   */
  static _fromValidated(parts: ValidatedParts, like: NDArray | undefined): NDArray;
  static _fromValidated(parts: ValidatedParts, like?: NDArray): NDArray {
    const subclass = like === undefined ? undefined : subclassOf(like);
    if (subclass === undefined) return new NDArray(parts, validatedToken);
    const made = Reflect.construct(NDArray, [parts, validatedToken], subclass) as NDArray;
    finalize(made, like!);
    return made;
  }

  /** The memory viewed (a zero-length ArrayBuffer for opaque device arrays). */
  get buffer(): ArrayBuffer | SharedArrayBuffer {
    return this.#buffer ?? this.#materialize();
  }

  // The memory of an array made from a store: the TypedArray store's own, or
  // a new one holding a JS array store's elements, which then becomes the
  // store (get/set's slots, which may hold the JS array, are rebuilt).
  #materialize(): ArrayBuffer | SharedArrayBuffer {
    const small = this.#small!;
    if (!Array.isArray(small)) return (this.#buffer = small.buffer);
    const name = this.dtype.name;
    const typed =
      name === 'float64' ? new Float64Array(small) : name === 'float32' ? new Float32Array(small) : name === 'int32' ? new Int32Array(small) : new Uint8Array(small);
    this.#small = typed;
    this.#slots = undefined;
    return (this.#buffer = typed.buffer);
  }

  /**
   * @internal
   * The elements as a TypedArray of the dtype, for the pure-JS paths of tiny
   * calls: only for live, C-contiguous, aligned, native float64/float32/int32
   * arrays of at most `smallSize` elements whose class is NDArray itself;
   * undefined for every other array (and once disposed, detached or shrunk).
   */
  _smallElements(): SmallStore | undefined {
    let small = this.#small;
    if (small === undefined) small = this.#small = this.#makeSmallView();
    if (small === null || this.#disposed || this.dtype.kind === 'b') return undefined; // bool results keep their elements, but not as numbers
    return small.length === 0 ? undefined : (small as SmallStore); // a detached or shrunk buffer leaves a zero-length view
  }

  #makeSmallView(): SmallStore | null {
    const dt = this.dtype;
    if (Object.getPrototypeOf(this) !== NDArray.prototype || this.#opaque || !smallDTypes.has(dt.name) || !dt.isNative) return null;
    const size = this.size;
    if (size === 0 || size > smallSize || this.byteOffset % dt.itemsize !== 0 || !this.flags.cContiguous) return null;
    if (this.#disposed || byteLengthOf(this.buffer) < this._requiredLength()) return null;
    const buffer = this.buffer;
    if (dt.name === 'float64') return new Float64Array(buffer, this.byteOffset, size);
    if (dt.name === 'float32') return new Float32Array(buffer, this.byteOffset, size);
    return new Int32Array(buffer, this.byteOffset, size);
  }

  /** The number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The number of elements (the product of `shape`; 1 for a 0-d array). */
  get size(): number {
    return shapeSize(this.shape);
  }

  /** Bytes per element. */
  get itemsize(): number {
    return this.dtype.itemsize;
  }

  /** Bytes of the elements: size times itemsize (not the buffer's length). */
  get nbytes(): number {
    return this.size * this.dtype.itemsize;
  }

  /** True for non-CPU arrays whose data cannot be read from JS. */
  get opaque(): boolean {
    return this.#opaque;
  }

  /** NumPy's array flags: contiguity, writeability, alignment. */
  get flags(): NDArrayFlags {
    if (!this.#flags) {
      const layout = native.layoutFlags(this.dtype.itemsize, this.shape, this.strides);
      this.#flags = Object.freeze({
        cContiguous: layout.cContiguous,
        fContiguous: layout.fContiguous,
        writeable: !this.readonly,
        aligned: this.#isAligned(),
      });
    }
    return this.#flags;
  }

  // NumPy's rule: the data address and every stride of a dimension longer
  // than 1 are multiples of the dtype's alignment; empty arrays are aligned.
  // ArrayBuffer memory itself is at least 8-byte aligned (16 on x64).
  #isAligned(): boolean {
    const alignment = this.dtype.alignment;
    if (this.size === 0 || alignment <= 1) return true;
    if (this.byteOffset % alignment !== 0) return false;
    return this.shape.every((n, i) => n <= 1 || this.strides[i]! % alignment === 0);
  }

  /**
   * @internal The DataView all element access goes through; throws if the
   * data is not readable (non-CPU, disposed, detached or shrunk, or being
   * written by a pending `.async` call: TypeError ERR_BUSY).
   */
  _dataView(): DataView {
    if (this.#opaque) {
      throw new BufferError(`the data of an array on device ${deviceName(this.device)} is not readable from JS (only its shape, dtype, strides and device are known)`);
    }
    if (this.#disposed) throw makeError(TypeError, 'ERR_DETACHED', 'this array has been disposed');
    checkNotWritten(this.buffer, 'cannot read this array');
    const length = byteLengthOf(this.buffer);
    if (length < this._requiredLength()) {
      if (isDetached(this.buffer)) throw detachedError();
      throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `the buffer shrank to ${length} bytes; this array needs ${this._requiredLength()}`);
    }
    if (!this.#view || dataViewByteLength.call(this.#view) !== length) this.#view = new DataView(this.buffer);
    return this.#view;
  }

  /**
   * @internal
   * What _dataView checks, without throwing, the busy check or the DataView:
   * true when the elements are readable from JS now (not on another device,
   * not disposed, and the buffer still holds every element). For paths that
   * have already checked that no async call is pending.
   */
  _holdsElements(): boolean {
    if (this._pendingStore() !== undefined) return true; // asking for the buffer would make it
    return !this.#opaque && !this.#disposed && byteLengthOf(this.buffer) >= this._requiredLength();
  }

  /**
   * @internal The elements of a live array made from a store (C order) whose
   * memory nobody has asked for yet; undefined for every other array. A
   * native call can read them from a copy instead of making the memory.
   */
  _pendingStore(): SmallStore | Uint8Array | undefined {
    return this.#buffer === undefined && !this.#disposed ? (this.#small ?? undefined) : undefined;
  }

  /**
   * @internal Whether this array and `other` may share memory: the same
   * array, or memory of the same buffer. An array holding only a store shares
   * none (asking for either buffer would make a new one).
   */
  _mayShareMemory(other: NDArray): boolean {
    if (other === this) return true;
    if (this._pendingStore() !== undefined || other._pendingStore() !== undefined) return false;
    return this.buffer === other.buffer;
  }

  /** @internal The bytes of `buffer` the elements of this view reach, [start, end); null when it has no elements. */
  _byteSpan(): ByteSpan | null {
    if (this.#span === undefined) this.#span = byteSpanOf(this.byteOffset, this.dtype.itemsize, this.shape, this.strides);
    return this.#span;
  }

  /** @internal One past the highest byte of `buffer` any element of this view reaches (0 when empty). */
  _requiredLength(): number {
    return this._byteSpan()?.end ?? 0;
  }

  /** @internal */
  _reader(): ElementReader {
    return (this.#reader ??= elementReader(this.dtype));
  }

  /** @internal */
  _writer(): ElementWriter {
    return (this.#writer ??= elementWriter(this.dtype));
  }

  /** @internal Byte offset within `buffer` of the element at `indices[0..count)` (one per dimension; negative counts from the end). */
  _offsetOf(indices: readonly unknown[], count = indices.length): number {
    const ndim = this.shape.length;
    if (count > ndim) {
      throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `too many indices for array: array is ${ndim}-dimensional, but ${count} were indexed`);
    }
    if (count < ndim) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${ndim} indices for a ${ndim}-dimensional array, got ${count} (use slice() for subarrays)`);
    }
    let offset = this.byteOffset;
    for (let axis = 0; axis < ndim; axis += 1) {
      const index = indices[axis];
      if (typeof index !== 'number' || !Number.isInteger(index)) {
        throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an integer index for axis ${axis}, got ${describeValue(index)}`);
      }
      const length = this.shape[axis]!;
      const position = index < 0 ? index + length : index;
      if (position < 0 || position >= length) {
        throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `index ${index} is out of bounds for axis ${axis} with size ${length}`);
      }
      offset += position * this.strides[axis]!;
    }
    return offset;
  }

  // The TypedArray path of get/set: a view of the dtype's values over bytes
  // [0, end of this array's span) of the buffer, for native-order numeric
  // dtypes whose elements are aligned. Its length drops to 0 when the buffer
  // is detached or shrinks below this array's span, so a slot index under
  // its length proves the memory is still there; anything else takes the
  // DataView path, which throws the precise error.
  #usableSlots(): ElementSlots | null {
    let slots = this.#slots;
    if (slots === undefined) slots = this.#slots = this.#makeSlots();
    return slots === null || this.#disposed || anyPending() ? null : slots;
  }

  #makeSlots(): ElementSlots | null {
    const dt = this.dtype;
    const range = slotRanges[dt.name];
    if (range === undefined || !dt.isNative || this.#opaque) return null;
    const size = dt.itemsize;
    const small = this.#small;
    let values: NumberSlots;
    if (small != null && this.#buffer === undefined && (!Array.isArray(small) || dt.name !== 'float32')) {
      // A store whose memory nobody has asked for (C order, byteOffset 0):
      // its elements are the slots, and asking for the memory would cost an
      // ArrayBuffer. A JS array store of float64 or int32 holds the numbers
      // themselves, and set's range check keeps them exact; float32 would
      // need rounding on set, so such a store takes the memory instead. (A
      // TypedArray store stays the same object when its memory is made.)
      values = small;
    } else {
      const span = this._byteSpan();
      if (span === null || this.byteOffset % size !== 0 || !this.strides.every((stride) => stride % size === 0)) return null;
      if (byteLengthOf(this.buffer) < span.end) return null;
      values = new (typedArrayStorage(dt)!.ctor)(this.buffer, 0, span.end / size) as NumberSlots;
    }
    const layout = new Float64Array(1 + 2 * this.shape.length);
    layout[0] = this.byteOffset / size;
    this.shape.forEach((length, axis) => {
      layout[1 + 2 * axis] = length;
      layout[2 + 2 * axis] = this.strides[axis]! / size;
    });
    return { values, layout, low: range[0], high: range[1] };
  }

  /** The element at `indices` (one integer per dimension; negative counts from the end). */
  get(...indices: number[]): ElementOf<D> {
    const slots = this.#usableSlots();
    if (slots !== null) {
      const at = slotIndex(slots, indices, indices.length);
      if (at >= 0) return slots.values[at]! as ElementOf<D>;
    }
    const offset = this._offsetOf(indices);
    return this._reader()(this._dataView(), offset) as ElementOf<D>;
  }

  /** Writes `value` at `indices`: set(i, j, value). */
  set(...args: [...indices: number[], value: ElementInputOf<D>]): void {
    if (args.length === 0) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'expected indices followed by a value, got no arguments');
    }
    const value = args[args.length - 1];
    const slots = this.readonly ? null : this.#usableSlots();
    if (slots !== null && typeof value === 'number' && value >= slots.low && value <= slots.high && (slots.low === -Infinity || Number.isInteger(value))) {
      const at = slotIndex(slots, args, args.length - 1);
      if (at >= 0) {
        slots.values[at] = value;
        return;
      }
    }
    this._checkWritable();
    const offset = this._offsetOf(args, args.length - 1);
    this._writer()(this._dataView(), offset, value);
  }

  /** @internal */
  _checkWritable(): void {
    if (this.readonly) throw makeError(TypeError, 'ERR_READONLY', 'assignment destination is read-only');
    checkNotBusy(this.buffer, 'cannot write to this array');
  }

  /** @internal Calls `visit(byteOffset)` for every element in C (row-major) order. */
  _forEachOffset(visit: (offset: number) => void): void {
    const shape = this.shape;
    const strides = this.strides;
    const ndim = shape.length;
    if (this.size === 0) return;
    if (ndim === 0) {
      visit(this.byteOffset);
      return;
    }
    const index = new Array<number>(ndim).fill(0);
    const last = ndim - 1;
    const innerLength = shape[last]!;
    const innerStride = strides[last]!;
    let offset = this.byteOffset;
    for (;;) {
      for (let i = 0, o = offset; i < innerLength; i += 1, o += innerStride) visit(o);
      let axis = last - 1;
      while (axis >= 0) {
        index[axis] += 1;
        offset += strides[axis]!;
        if (index[axis]! < shape[axis]!) break;
        offset -= index[axis]! * strides[axis]!;
        index[axis] = 0;
        axis -= 1;
      }
      if (axis < 0) return;
    }
  }

  /**
   * @internal A view sharing this array's memory, dtype, readonly flag,
   * device and base. Refused (TypeError ERR_BUSY) while a pending `.async`
   * call writes the memory: a view made then would only be a way to read it
   * half-written.
   */
  _derive(layout: Layout, readonly = this.readonly): this {
    checkNotWritten(this.buffer, 'cannot make a view of this array');
    return NDArray._fromValidated({
      buffer: this.buffer,
      byteOffset: layout.byteOffset,
      dtype: this.dtype,
      shape: layout.shape,
      strides: layout.strides,
      readonly,
      device: this.device,
      base: this.base,
      copied: this.copied,
      opaque: this.#opaque,
    }, this) as this;
  }

  /**
   * A view selected by NumPy basic indexing, one spec per axis: an integer
   * (drops the axis; negative counts from the end), a 'start:stop:step'
   * string (Python slice rules: out-of-range bounds clip, negative steps
   * walk backwards), null (a new axis of length 1) or '...' (all remaining
   * axes). Axes without a spec are kept whole.
   */
  slice(...specs: IndexSpec[]): this {
    return this._derive(sliceLayout(this.#layout(), specs));
  }

  /** A view with the axes permuted (reversed by default): transpose([1, 0]) or transpose(1, 0). */
  transpose(...axes: number[] | [readonly number[]]): this {
    const list = axes.length === 1 && Array.isArray(axes[0]) ? (axes[0] as readonly number[]) : axes.length === 0 ? undefined : (axes as number[]);
    const permutation = transposeAxes(list, this.ndim);
    return this._derive({
      shape: permutation.map((axis) => this.shape[axis]!),
      strides: permutation.map((axis) => this.strides[axis]!),
      byteOffset: this.byteOffset,
    });
  }

  /** The transpose (axes reversed). */
  get T(): this {
    return this.transpose();
  }

  /**
   * The same elements (C order) with a new shape; one entry may be -1. A
   * view when the layout allows one (NumPy's rules), otherwise a copy.
   */
  reshape(...shape: number[] | [readonly number[]]): this {
    const requested = shape.length === 1 && Array.isArray(shape[0]) ? (shape[0] as readonly number[]) : (shape as number[]);
    const size = this.size;
    const newShape = resolveReshape(requested, size);
    if (size === 0) return this._derive({ shape: newShape, strides: filledStrides(newShape, this.itemsize), byteOffset: this.byteOffset });
    const strides = nocopyReshapeStrides(this.shape, this.strides, newShape, this.itemsize);
    if (strides) return this._derive({ shape: newShape, strides, byteOffset: this.byteOffset });
    const copy = this.copy();
    return copy._derive({ shape: newShape, strides: contiguousStrides(newShape, this.itemsize), byteOffset: 0 });
  }

  /**
   * A read-only view of this array broadcast to `shape` (NumPy's
   * broadcast_to): new leading axes and length-1 axes get stride 0.
   */
  broadcastTo(shape: readonly number[]): this {
    if (Array.isArray(shape) && shape.some((n) => typeof n === 'number' && n < 0)) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'all elements of broadcast shape must be non-negative');
    }
    const target = checkShape(shape);
    if (target.length < this.ndim) {
      throw makeError(RangeError, 'ERR_BROADCAST', 'input operand has more dimensions than allowed by the axis remapping');
    }
    const lead = target.length - this.ndim;
    this.shape.forEach((n, i) => {
      if (n !== 1 && n !== target[lead + i]) {
        throw makeError(
          RangeError,
          'ERR_BROADCAST',
          `operands could not be broadcast together with remapped shapes [original->remapped]: ${formatShape(this.shape)}  and requested shape ${formatShape(target)}`,
        );
      }
    });
    const strides = broadcastStrides(this.shape, this.strides, target);
    // Zero strides keep the bytes in place, but the element count can grow past 2^53.
    if (!this.#opaque) native.checkLayout(this.itemsize, target, strides, this.byteOffset, byteLengthOf(this.buffer));
    return this._derive({ shape: target, strides, byteOffset: this.byteOffset }, true);
  }

  #layout(): Layout {
    return { shape: [...this.shape], strides: [...this.strides], byteOffset: this.byteOffset };
  }

  /** A C-contiguous copy with the same dtype (byte order included), writable, on the CPU. */
  copy(): this {
    return asClassOf(copyToContiguous(this, this.dtype), this);
  }

  /**
   * The elements as nested JS arrays (a bare scalar for a 0-d array):
   * int64/uint64/datetime64/timedelta64 as bigint, bool as boolean, complex
   * as { re, im }, str as string, bytes/void as Uint8Array.
   */
  toArray(): ElementOf<D> | NestedArray<ElementOf<D>> {
    const view = this._dataView();
    const read = this._reader();
    const build = (axis: number, offset: number): Scalar | NestedArray => {
      if (axis === this.shape.length) return read(view, offset);
      const length = this.shape[axis]!;
      const stride = this.strides[axis]!;
      const out: Array<Scalar | NestedArray> = new Array(length);
      for (let i = 0; i < length; i += 1) out[i] = build(axis + 1, offset + i * stride);
      return out;
    };
    return build(0, this.byteOffset) as ElementOf<D> | NestedArray<ElementOf<D>>;
  }

  /**
   * The elements as a flat TypedArray in C order, native byte order. A
   * zero-copy view of `buffer` when the array is C-contiguous, in native
   * byte order and aligned for the TypedArray; otherwise a copy. float16 and
   * bfloat16 give their raw bits in a Uint16Array, complex types interleaved
   * (re, im) pairs, bool a Uint8Array of 0/1, datetime64/timedelta64 a
   * BigInt64Array, str a Uint32Array of UCS4 code points, bytes/void a
   * Uint8Array of the raw bytes.
   */
  toTypedArray(): TypedArrayOf<D> {
    const { ctor, perElement } = typedArrayKind(this.dtype);
    const view = this._dataView();
    const zeroCopy = this.flags.cContiguous && this.dtype.isNative && this.byteOffset % ctor.BYTES_PER_ELEMENT === 0;
    const source = zeroCopy ? this : copyToContiguous(this, this.dtype.newByteOrder('='));
    const buffer = zeroCopy ? view.buffer : source.buffer;
    return new ctor(buffer, source.byteOffset, this.size * perElement) as TypedArrayOf<D>;
  }

  /**
   * A copy converted to `dtype` (C order). `casting` (default 'unsafe', as
   * in NumPy) says which conversions are allowed, by np.can_cast's rules;
   * with `copy: false` this array itself is returned when no conversion is
   * needed. Values convert as NumPy's casts convert them, in one native pass
   * (floats truncate toward zero into integers, integers
   * wrap, complex keeps its real part, nonzero becomes true). As in NumPy,
   * NaN or infinity into an integer and overflow into a narrower float go
   * through the error settings (seterr/errstate): by default a
   * RuntimeWarning 'invalid value encountered in cast' (or 'overflow ...');
   * with 'raise', RangeError ERR_FLOATING_POINT and no result.
   */
  astype<T extends DTypeName>(dtype: DType<T> | T, options?: AstypeOptions): WithDType<this, T>;
  astype<const S extends DTypeSpelling>(dtype: S, options?: AstypeOptions): WithDType<this, DTypeNameOf<S>>;
  astype(dtype: DTypeLike, options?: AstypeOptions): WithDType<this, DTypeName>;
  astype(dtype: DTypeLike, options?: AstypeOptions): NDArray {
    if (options === undefined) {
      const small = this.#smallCast(dtype);
      if (small !== undefined) return small;
    }
    options ??= {};
    const target = checkViewableDType(dtype);
    const casting = parseCasting(options.casting ?? 'unsafe');
    if (!isConvertible(this.dtype, target)) {
      throw makeError(TypeError, 'ERR_INVALID_DTYPE', `cannot convert ${this.dtype.fullName} elements to ${target.fullName}`);
    }
    if (!canCast(this.dtype, target, casting)) {
      throw arrayCastingError(this.dtype, target, casting);
    }
    if (options.copy === false && this.dtype.equals(target) && this.dtype.byteorder === target.byteorder) return this;
    if (sameType(this.dtype, target)) return asClassOf(copyToContiguous(this, target), this);
    if (this.dtype.kind === 'V') return asClassOf(voidTruth(this, target), this);
    this._dataView(); // the checks every read makes (disposed, pending write, shrunk buffer)
    const strides = contiguousStrides(this.shape, target.itemsize);
    const buffer = allocateForOverwrite(this.size * target.itemsize);
    // Flags the cast raised (NaN into an integer, overflow into float32) go
    // through the error settings, as NumPy's astype does: warn by default.
    reportCastFlags(castElements(this, { buffer, byteOffset: 0, strides, dtype: target }, this.shape));
    const out = NDArray._fromValidated({ buffer, byteOffset: 0, dtype: target, shape: this.shape, strides, readonly: false });
    return asClassOf(out, this);
  }

  // astype between float64, float32 and int32 of a small array, in JS: the
  // kernels' results exactly (IEEE rounding to nearest, truncation toward
  // zero). Undefined, for the general path, when an async call is pending or
  // a conversion would raise a flag (NaN, overflow, underflow, out of range):
  // the kernel then raises it and errstate sees it.
  #smallCast(spelling: DTypeLike): NDArray | undefined {
    const target = typeof spelling === 'string' ? smallTargets.get(spelling) : spelling;
    if (target === undefined || smallTargets.get(target.name) !== target || target === this.dtype || anyPending()) return undefined;
    const x = this._smallElements();
    if (x === undefined) return undefined;
    const r = convertSmall(x, target.name as 'float64' | 'float32' | 'int32');
    if (r === undefined) return undefined;
    const strides = this.shape.length === 1 ? itemStrides1d[target.itemsize]! : Object.freeze(filledStrides(this.shape, target.itemsize));
    return NDArray._fromValidated({ store: r, byteOffset: 0, dtype: target, shape: this.shape, strides, readonly: false, frozen: true });
  }

  /** NumPy's str(a): `[1. 2.]` (the same placeholder as inspect when the data cannot be read). */
  toString(): string {
    return arrayStr(this);
  }

  /**
   * util.inspect shows NumPy's repr: `array([1., 2.], dtype=float32)`. An
   * array whose data cannot be read (disposed, on a device, being written by
   * a pending `.async` call) prints its metadata and the reason instead:
   * `array(<cannot read this array: ...>, shape=(4,), dtype=float64)`.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return arrayRepr(this);
  }

  /** Makes this array unusable: any later data access throws TypeError ERR_DETACHED. */
  [Symbol.dispose](): void {
    // A JS array store has no memory yet, so no pending call can hold it.
    if (!Array.isArray(this.#small)) checkNotBusy(this.buffer, 'cannot dispose this array');
    this.#disposed = true;
    this.#view = undefined;
  }
}

// The targets of NDArray's small casts, by name (DType objects are shared).
const smallTargets: ReadonlyMap<string, DType> = new Map(['float64', 'float32', 'int32'].map((name) => [name, toDType(name)]));
const itemStrides1d: Readonly<Record<number, readonly number[]>> = { 4: Object.freeze([4]), 8: Object.freeze([8]) };
const float32MinNormal = 1.1754943508222875e-38;

/**
 * @internal Where the JS paths compute a small result before storeOf copies
 * it into a store (or into `out`): one TypedArray per store dtype. Each use
 * is synchronous and ends with that copy.
 */
export const storeScratch = {
  float64: new Float64Array(smallSize),
  float32: new Float32Array(smallSize),
  int32: new Int32Array(smallSize),
  bool: new Uint8Array(smallSize),
} as const;

// The elements of `x` converted to dtype `to`, or undefined when a conversion would raise a flag.
function convertSmall(x: SmallStore, to: 'float64' | 'float32' | 'int32'): SmallStore | undefined {
  const n = x.length;
  const direct = storeIsArray(n, to === 'float64' ? 8 : 4);
  const r = direct ? newArrayStore(n) : storeScratch[to];
  if (to === 'float64') {
    for (let i = 0; i < n; i++) r[i] = x[i]!;
  } else if (to === 'float32') {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v !== v) return undefined; // NaN payloads: the kernel's conversion
      const w = Math.fround(v);
      if (w === Infinity || w === -Infinity) {
        if (Number.isFinite(v)) return undefined; // 'overflow'
      } else if (Math.abs(w) < float32MinNormal && v !== 0) {
        return undefined; // 'underflow' (or a subnormal: the kernel decides)
      }
      r[i] = w;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (!(v > -2147483649 && v < 2147483648)) return undefined; // NaN, infinities, out of range: 'invalid'
      r[i] = v | 0; // truncates toward zero, as C's conversion
    }
  }
  return direct ? r : storeOf(storeScratch[to], n);
}

// The class an array's views take: its own, when it is a subclass of NDArray
// whose prototype's constructor is that subclass; undefined for NDArray itself.
function subclassOf(array: NDArray): (abstract new (...args: never[]) => NDArray) | undefined {
  const proto = Object.getPrototypeOf(array) as { constructor?: unknown } | null;
  if (proto === NDArray.prototype || proto === null) return undefined;
  const ctor = proto.constructor;
  return typeof ctor === 'function' && ctor.prototype === proto ? (ctor as abstract new (...args: never[]) => NDArray) : undefined;
}

// NumPy's __array_finalize__: a subclass's hook to copy its own state from
// the array a view or result was made from (its constructor does not run).
function finalize(made: NDArray, source: NDArray): void {
  const hook = (made as { __array_finalize__?: unknown }).__array_finalize__;
  if (typeof hook === 'function') hook.call(made, source);
}

/** @internal The class an array passes to its views and to ufunc results: its subclass, or undefined for NDArray. */
export function arraySubclass(array: NDArray): (abstract new (...args: never[]) => NDArray) | undefined {
  return subclassOf(array);
}

/**
 * @internal `result` (a new NDArray) as an array of `like`'s class, viewing
 * the same memory; `result` itself when `like` is a plain NDArray.
 */
export function asClassOf<T extends NDArray>(result: NDArray, like: T): T {
  if (subclassOf(like) === undefined) return result as T;
  return NDArray._fromValidated(
    {
      buffer: result.buffer,
      byteOffset: result.byteOffset,
      dtype: result.dtype,
      shape: result.shape,
      strides: result.strides,
      readonly: result.readonly,
      device: result.device,
      base: result.base,
      copied: result.copied,
      opaque: result.opaque,
      frozen: true,
    },
    like,
  ) as T;
}
