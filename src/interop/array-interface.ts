// NumPy's __array_interface__ (version 3), both directions.
//
// Export: arrayInterface(a) describes an NDArray with exactly NumPy's keys.
// Import: fromArrayInterface(iface) reads every key of a description exactly
// once into plain values (so getters, Proxies and values that change between
// reads cannot slip past validation), checks them, and builds a view that
// native/core/view/layout has proved to lie inside the memory.
import { types } from 'node:util';
import { type DTypeField, type DescrEntry, DType, parseTypestr } from '../dtype/dtype.js';
import { BufferError, describeValue, makeError, excerpt } from '../base/errors.js';
import { NDArray, checkViewableDType } from '../array/ndarray.js';
import { native } from '../base/native.js';
import { hasProperty, isArraySafely, readOnce } from '../base/property-access.js';
import { contiguousStrides, maxDims } from '../base/validate.js';
import { checkNotWritten } from '../base/busy.js';
import { expectNDArray } from '../array/expect-ndarray.js';

/** Memory the buffer form of `data` may name. */
export type InterfaceBuffer = ArrayBuffer | SharedArrayBuffer | ArrayBufferView;

/** `data` of the pointer form: the address of element [0, ..., 0] and whether the memory is read-only. */
export type InterfacePointer = readonly [address: bigint, readonly: boolean];

/**
 * An `__array_interface__` description (version 3) as ndinterop writes it:
 * `ArrayInterface<'buffer'>` (the default form: `data` is the buffer, with
 * `offset`), `ArrayInterface<'pointer'>` (`{ pointer: true }`: `data` is
 * `[address, readonly]`), or plain `ArrayInterface`, either.
 * @typeParam Form - Which form of `data`: 'buffer', 'pointer', or both.
 */
export type ArrayInterface<Form extends ArrayInterfaceForm = ArrayInterfaceForm> = Form extends 'pointer' ? ArrayInterfacePointerForm : ArrayInterfaceBufferForm;

/** The two forms of an `__array_interface__`'s `data`: the buffer itself, or a native address. */
export type ArrayInterfaceForm = 'buffer' | 'pointer';

/** What both forms of an `__array_interface__` description hold. */
export interface ArrayInterfaceCommon {
  /** The protocol version: 3. */
  readonly version: 3;
  /** The length of each dimension. */
  readonly shape: readonly number[];
  /** NumPy's typestr, e.g. '<f8', '|b1', '>i4', '<M8[ns]'. */
  readonly typestr: string;
  /** NumPy's dtype.descr: `[['', typestr]]` for plain types, the fields of a structured one. */
  readonly descr: readonly DescrEntry[];
  /** Byte strides, or null when the array is C-contiguous (as NumPy writes it). */
  readonly strides: readonly number[] | null;
}

/** The buffer form (arrayInterface's default, and NDArray's `__array_interface__`). */
export interface ArrayInterfaceBufferForm extends ArrayInterfaceCommon {
  /** The array's buffer. */
  readonly data: ArrayBuffer | SharedArrayBuffer;
  /** Byte offset of element [0, ..., 0] in `data`. */
  readonly offset: number;
  /**
   * ndinterop's addition for the buffer form, written only as `true`: JS
   * buffers cannot be read-only themselves, so this carries what the pointer
   * form's second item carries. NumPy ignores unknown keys.
   */
  readonly readonly?: true;
}

/** The pointer form (`arrayInterface(a, { pointer: true })`). */
export interface ArrayInterfacePointerForm extends ArrayInterfaceCommon {
  /** `[address, readonly]`: the address of element [0, ..., 0] as native code sees it. */
  readonly data: InterfacePointer;
}

/** What fromArrayInterface and asarray accept: NumPy's keys, any of them getters. */
export interface ArrayInterfaceLike {
  /** Must be 3 when present. */
  readonly version?: unknown;
  /** The length of each dimension: an array of non-negative integers (required). */
  readonly shape?: unknown;
  /** The element type as NumPy's typestr, e.g. '<f8' (required). */
  readonly typestr?: unknown;
  /** NumPy's dtype.descr, for structured types; must agree with `typestr`. */
  readonly descr?: unknown;
  /** An ArrayBuffer, SharedArrayBuffer or TypedArray; `[address, readonly]` (pointer form); or null (the memory of `base`). */
  readonly data?: unknown;
  /** Byte strides, or null/absent for C-contiguous. */
  readonly strides?: unknown;
  /** Byte offset of element [0, ..., 0] in `data` (buffer form). */
  readonly offset?: unknown;
  /** Must be null or absent: masked arrays are refused. */
  readonly mask?: unknown;
  /** true makes the result read-only (ndinterop's key for the buffer form). */
  readonly readonly?: unknown;
}

/** Options of {@link arrayInterface}. */
export interface ArrayInterfaceOptions {
  /**
   * true: `data` is `[address: bigint, readonly]`, the address of element
   * [0, ..., 0] as native code sees it. The address is valid only while the
   * array's buffer is alive and not detached.
   */
  readonly pointer?: boolean;
}

/** Options of {@link fromArrayInterface}. */
export interface FromArrayInterfaceOptions {
  /**
   * What keeps the memory alive: the result holds it as `base`. For the
   * pointer form it is the owner the memory belongs to (default: the
   * description object itself); for `data: null` it is the object whose
   * buffer is viewed.
   */
  readonly base?: object;
}

/**
 * Describes `a` as NumPy's __array_interface__ (version 3). Throws TypeError
 * ERR_BUSY while a pending `.async` call writes `a`'s memory.
 */
export function arrayInterface(a: NDArray, options: { readonly pointer: true }): ArrayInterface<'pointer'>;
export function arrayInterface(a: NDArray, options?: { readonly pointer?: false }): ArrayInterface<'buffer'>;
export function arrayInterface(a: NDArray, options?: ArrayInterfaceOptions): ArrayInterface;
export function arrayInterface(a: NDArray, options: ArrayInterfaceOptions = {}): ArrayInterface {
  expectNDArray(a);
  const pointer = readPointerOption(options);
  if (a.opaque) {
    throw new BufferError(`cannot describe device memory in __array_interface__: the array lives on a non-CPU device`);
  }
  // The description hands out the memory itself: refused while a pending async call writes it.
  checkNotWritten(a.buffer, 'cannot describe this array in __array_interface__');
  const typestr = a.dtype.str;
  const common = {
    version: 3 as const,
    shape: [...a.shape],
    typestr,
    descr: a.dtype.descr,
    strides: a.flags.cContiguous ? null : [...a.strides],
  };
  if (pointer) return { ...common, data: [elementAddress(a), a.readonly] as const };
  return a.readonly
    ? { ...common, data: a.buffer, offset: a.byteOffset, readonly: true }
    : { ...common, data: a.buffer, offset: a.byteOffset };
}

function readPointerOption(options: ArrayInterfaceOptions): boolean {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected options to be an object, got ${describeValue(options)}`);
  }
  const { pointer } = options;
  if (pointer !== undefined && typeof pointer !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected pointer to be a boolean, got ${describeValue(pointer)}`);
  }
  return pointer ?? false;
}

// A zero-length view at element [0, ..., 0] reports that byte's address
// without reading any memory.
function elementAddress(a: NDArray): bigint {
  if (a.buffer.byteLength === 0) return 0n;
  return native.bufferAddress(new Uint8Array(a.buffer, a.byteOffset, 0));
}

/** The description's keys, each read once and copied into plain values. */
interface Snapshot {
  readonly version: unknown;
  readonly mask: unknown;
  readonly typestr: unknown;
  readonly descr: unknown;
  readonly shape: unknown;
  readonly data: unknown;
  readonly hasData: boolean;
  readonly strides: unknown;
  readonly offset: unknown;
  readonly readonly: unknown;
}

const snapshotKeys = ['version', 'mask', 'typestr', 'descr', 'shape', 'data', 'strides', 'offset', 'readonly'] as const;

/**
 * Builds an NDArray from an `__array_interface__` description: the buffer
 * form (`data` an ArrayBuffer, SharedArrayBuffer or TypedArray, with
 * `offset`), the pointer form (`data: [address, readonly]`, UNSAFE: see
 * FromArrayInterfaceOptions.base), or `data: null` (the memory of `base`).
 */
export function fromArrayInterface(iface: ArrayInterfaceLike, options: FromArrayInterfaceOptions = {}): NDArray {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected options to be an object, got ${describeValue(options)}`);
  }
  const base = readBaseOption(options);
  const snapshot = takeSnapshot(iface);
  checkVersion(snapshot.version);
  if (snapshot.mask !== undefined && snapshot.mask !== null) {
    throw makeError(
      TypeError,
      'ERR_ARRAY_INTERFACE_MASK',
      `__array_interface__ has a mask, and masked arrays are not supported (NumPy ignores the mask; ndinterop refuses rather than expose masked-out values)`,
    );
  }
  const dt = readDescr(snapshot.descr, readTypestr(snapshot.typestr));
  const shape = readShape(snapshot.shape);
  const strides = readStrides(snapshot.strides, shape.length) ?? contiguousStrides(shape, dt.itemsize);
  if (!snapshot.hasData) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `__array_interface__ has no data (NumPy's scalar path, which stores a Python object, has no JS equivalent); expected a buffer, [address, readonly] or null`,
    );
  }
  const data = snapshot.data;
  if (Array.isArray(data)) return fromPointer(data, dt, shape, strides, base ?? iface);
  const offset = readOffset(snapshot.offset);
  const readonly = readReadonlyKey(snapshot.readonly);
  if (data === null) return fromBuffer(ownBuffer(base), dt, shape, strides, offset, readonly, base);
  if (!isBufferObject(data)) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `expected __array_interface__ data to be an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView, [address, readonly] or null, got ${describeValue(data)}`,
    );
  }
  return fromBuffer(data, dt, shape, strides, offset, readonly, base ?? data);
}

function readBaseOption(options: FromArrayInterfaceOptions): object | undefined {
  const { base } = options;
  if (base !== undefined && (typeof base !== 'object' || base === null) && typeof base !== 'function') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected base to be an object that keeps the memory alive, got ${describeValue(base)}`);
  }
  return base;
}

function takeSnapshot(iface: unknown): Snapshot {
  if (typeof iface !== 'object' || iface === null || isArraySafely(iface, '__array_interface__')) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ to be an object (NumPy's dict), got ${describeValue(iface)}`);
  }
  const values: Record<string, unknown> = {};
  for (const key of snapshotKeys) values[key] = copyIfArray(readOnce(iface, key, `__array_interface__.${key}`), `__array_interface__.${key}`);
  // `data: undefined` reads the same as no data at all.
  const hasData = values.data !== undefined || hasProperty(iface, 'data', "__array_interface__ (checking for 'data')");
  return { ...(values as Omit<Snapshot, 'hasData'>), hasData };
}

// Arrays (shape, strides, descr, the data pair) are copied element by element
// once, so a Proxy or an array mutated by a getter cannot change them later.
// None of them is legitimately longer than 64 entries.
const maxCopiedLength = 1024;

function copyIfArray(value: unknown, path: string): unknown {
  if (!isArraySafely(value, path)) return value;
  const length = readOnce(value, 'length', `${path}.length`);
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || length > maxCopiedLength) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${path} to be a short array (at most ${maxCopiedLength} entries), got length ${describeValue(length)}`);
  }
  const copy = new Array<unknown>(length);
  for (let i = 0; i < length; i += 1) copy[i] = copyIfArray(readOnce(value, String(i), `${path}[${i}]`), `${path}[${i}]`);
  return copy;
}

function checkVersion(version: unknown): void {
  if (version === undefined) return;
  if (typeof version !== 'number') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ version to be the number 3, got ${describeValue(version)}`);
  }
  if (version !== 3) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected __array_interface__ version 3, got ${version}`);
  }
}

function readTypestr(typestr: unknown): DType {
  if (typestr === undefined) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `Missing __array_interface__ typestr; expected a string like '<f8'`);
  }
  if (typeof typestr !== 'string') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ typestr to be a string like '<f8', got ${describeValue(typestr)}`);
  }
  if (typestr.includes(',')) return checkViewableDType(recordFromDescr(commaStringDescr(typestr), '__array_interface__ typestr'));
  return checkViewableDType(parseTypestr(typestr));
}

/**
 * NumPy's comma-separated dtype string, which np.dtype (and so the array
 * interface) accepts as a typestr: 'f8,i4' or '(0,)f8,' is a packed record
 * with fields f0, f1, ..., each an optional '(shape)' then a typestr.
 */
function commaStringDescr(text: string): unknown[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start);
  if (last.trim() !== '') parts.push(last);
  return parts.map((part, i) => {
    const match = /^\s*(?:\(([^()]*)\))?\s*(.+?)\s*$/.exec(part);
    if (!match || match[2] === undefined) {
      throw makeError(TypeError, 'ERR_INVALID_TYPESTR', `expected a typestr like '<f8' or a comma-separated list of them, got ${describeValue(text)}`);
    }
    const shapeText = match[1];
    const typestr = match[2];
    if (shapeText === undefined) return [`f${i}`, typestr];
    const dims = shapeText.split(',').map((d) => d.trim()).filter((d) => d !== '');
    if (!dims.every((d) => /^\d+$/.test(d))) {
      throw makeError(TypeError, 'ERR_INVALID_TYPESTR', `expected a shape of non-negative integers in ${describeValue(text)}, got '(${shapeText})'`);
    }
    return [`f${i}`, typestr, dims.map(Number)];
  });
}

// The dtype the description means: typestr's, or for a structured typestr
// ('|V16') the record type descr lays out. Unlike NumPy, which lets descr
// replace the dtype unchecked, descr must agree with typestr (same type,
// same itemsize). Unnamed '|V<n>' entries are padding, as NumPy exports them
// (NumPy re-imports them as fields named 'f<i>').
function readDescr(descr: unknown, dt: DType): DType {
  if (descr === undefined) return dt;
  if (!Array.isArray(descr) || descr.length === 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ descr to be a non-empty array of [name, typestr] entries, got ${describeValue(descr)}`);
  }
  const only: unknown = descr.length === 1 ? descr[0] : undefined;
  const simple = Array.isArray(only) && only.length === 2 && only[0] === '' && typeof only[1] === 'string';
  const described = simple ? parseTypestr(only[1] as string) : recordFromDescr(descr, '__array_interface__ descr');
  const agrees = simple ? described.equals(dt) && described.str === dt.str : dt.kind === 'V' && !dt.fields && described.itemsize === dt.itemsize;
  if (!agrees) {
    throw makeError(
      TypeError,
      'ERR_INVALID_DTYPE',
      `__array_interface__ descr disagrees with typestr '${dt.str}': descr ${descrText(descr)} describes '${described.str}' of ${described.itemsize} bytes`,
    );
  }
  return described;
}

function recordFromDescr(descr: readonly unknown[], path: string): DType {
  const fields: DTypeField[] = [];
  let offset = 0;
  descr.forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length < 2 || entry.length > 3 || typeof entry[0] !== 'string') {
      throw makeError(TypeError, 'ERR_INVALID_DTYPE', `expected ${path}[${i}] to be [name, typestr], [name, typestr, shape] or [name, descr], got ${descrText(entry)}`);
    }
    const [name, type, shape] = entry as [string, unknown, unknown];
    const fieldType = fieldTypeOf(type, `${path}[${i}]`);
    const dims = shape === undefined ? undefined : readShape(shape);
    if (name !== '' || fieldType.kind !== 'V' || dims) fields.push({ name, offset, dtype: fieldType, ...(dims ? { shape: dims } : {}) });
    offset += fieldType.itemsize * (dims ?? []).reduce((n, k) => n * k, 1);
  });
  return new DType({ name: 'void', itemsize: offset, byteorder: '|', fields });
}

function fieldTypeOf(type: unknown, path: string): DType {
  if (typeof type === 'string') return parseTypestr(type);
  if (Array.isArray(type) && type.length > 0) return recordFromDescr(type, `${path}[1]`);
  throw makeError(TypeError, 'ERR_INVALID_DTYPE', `expected ${path}[1] to be a typestr or a nested descr, got ${describeValue(type)}`);
}

function descrText(descr: unknown): string {
  try {
    const text = JSON.stringify(descr);
    return text === undefined ? describeValue(descr) : excerpt(text);
  } catch {
    return describeValue(descr);
  }
}

function readInteger(value: unknown, what: string): number {
  const number = typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${what} to be an integer, got ${describeValue(value)}`);
  }
  if (!Number.isSafeInteger(number)) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${what} to be a safe integer, got ${number}`);
  }
  return number;
}

function readShape(shape: unknown): number[] {
  if (shape === undefined) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `Missing __array_interface__ shape; expected an array of integers ([] for 0-d)`);
  }
  if (!Array.isArray(shape)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ shape to be an array of integers, got ${describeValue(shape)}`);
  }
  if (shape.length > maxDims) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected __array_interface__ shape to have at most ${maxDims} dimensions, got ${shape.length}`);
  }
  return shape.map((entry, i) => {
    const n = readInteger(entry, `__array_interface__ shape[${i}]`);
    if (n < 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected __array_interface__ shape[${i}] to be >= 0, got ${n}`);
    return n;
  });
}

function readStrides(strides: unknown, ndim: number): number[] | undefined {
  if (strides === undefined || strides === null) return undefined;
  if (!Array.isArray(strides)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ strides to be an array of byte strides or null, got ${describeValue(strides)}`);
  }
  if (strides.length !== ndim) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected __array_interface__ strides to have one entry per dimension (${ndim}), got ${strides.length}`);
  }
  return strides.map((entry, i) => readInteger(entry, `__array_interface__ strides[${i}]`));
}

function readOffset(offset: unknown): number {
  if (offset === undefined || offset === null) return 0;
  const n = readInteger(offset, '__array_interface__ offset');
  if (n < 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected __array_interface__ offset to be >= 0, got ${n}`);
  return n;
}

function readReadonlyKey(readonly: unknown): boolean {
  if (readonly === undefined) return false;
  if (typeof readonly !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ readonly to be a boolean, got ${describeValue(readonly)}`);
  }
  return readonly;
}

// util.types checks the internal slots, so a Proxy around a buffer is not
// mistaken for one (its methods would throw on the Proxy).
function isBufferObject(value: unknown): value is InterfaceBuffer {
  return types.isArrayBuffer(value) || types.isSharedArrayBuffer(value) || types.isArrayBufferView(value);
}

function ownBuffer(base: object | undefined): InterfaceBuffer {
  if (!isBufferObject(base)) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `__array_interface__ data is null, so the object itself must be an ArrayBuffer, SharedArrayBuffer or TypedArray, got ${describeValue(base)}`,
    );
  }
  return base;
}

function fromBuffer(
  buffer: InterfaceBuffer,
  dt: DType,
  shape: number[],
  strides: number[],
  byteOffset: number,
  readonly: boolean,
  base: unknown,
): NDArray {
  try {
    return new NDArray({ buffer, dtype: dt, shape, strides, byteOffset, readonly, base });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_OUT_OF_BOUNDS') throw error;
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `__array_interface__ describes memory outside its data: ${(error as Error).message}`);
  }
}

function readAddress(value: unknown): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected the __array_interface__ data address to be >= 0, got ${value}n`);
    return value;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected the __array_interface__ data address to be a bigint (or a safe non-negative integer), got ${describeValue(value)}`);
}

function fromPointer(pair: unknown[], dt: DType, shape: number[], strides: number[], owner: object): NDArray {
  if (pair.length !== 2) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __array_interface__ data to be a pair [address, readonly], got an array of length ${pair.length}`);
  }
  const address = readAddress(pair[0]);
  if (typeof pair[1] !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected the read-only flag of __array_interface__ data to be a boolean, got ${describeValue(pair[1])}`);
  }
  const view = native.viewAddress(address, dt.itemsize, shape, strides, owner);
  return NDArray._fromValidated({
    buffer: view.buffer,
    byteOffset: view.byteOffset,
    dtype: dt,
    shape,
    strides,
    readonly: pair[1],
    base: owner,
    copied: view.copied,
  });
}
