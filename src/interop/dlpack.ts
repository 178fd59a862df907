// DLPack: zero-copy exchange of tensors with native code and other runtimes.
//
//   fromDlpack(x)            capsule or object with __dlpack__  -> NDArray (no copy)
//   toDlpack(a)              NDArray -> DLPackCapsule
//   fromDlpackPointer(addr)  raw DLManagedTensor[Versioned]* -> NDArray (takes ownership)
//   toDlpackPointer(a)       NDArray -> raw pointer (the caller must call its deleter)
//   a.__dlpack__(), a.__dlpack_device__()   the Python array API protocol
//
// This module checks arguments and the rules NumPy applies (dtype, byte
// order, strides, readonly); native/napi/dlpack_*.cc converts, and
// native/core/dlpack_*.cc validates foreign tensors and owns the deleters.
import { DLPackCapsule, isNativeCapsule, type Materializer } from './capsule.js';
import { type DType, dtypeById } from '../dtype/dtype.js';
import { BufferError, describeValue, makeError } from '../base/errors.js';
import { native, type NativeDlpackExportArgs, type NativeDlpackImport } from '../base/native.js';
import { type Device, NDArray } from '../array/ndarray.js';
import { checkNotBusy, checkNotWritten } from '../base/busy.js';
import { expectNDArray } from '../array/expect-ndarray.js';

/** Options of `fromDlpack`. */
export interface FromDlpackOptions {
  /** true: always copy; false: never copy (BufferError if a copy is needed); null/undefined: copy only if needed. */
  readonly copy?: boolean | null;
  /** 'cpu' (or [1, 0]): the data must be readable by the CPU. */
  readonly device?: 'cpu' | Device | null;
}

/** Options of `toDlpack`. */
export interface ToDlpackOptions {
  /** Highest DLPack version the consumer understands; major >= 1 gets a versioned tensor, null/undefined a legacy one. */
  readonly maxVersion?: readonly [number, number] | null;
  /** true: export a fresh copy (flag IS_COPIED); false/null/undefined: never copy. */
  readonly copy?: boolean | null;
}

/** Options of `__dlpack__`, the array API protocol method (JS names of NumPy's keywords). */
export interface DlpackOptions extends ToDlpackOptions {
  /** Must be null/undefined: ndinterop never synchronizes device streams. */
  readonly stream?: number | null;
  /** Requested device; BufferError unless it is the array's own device. */
  readonly dlDevice?: Device | null;
}

/** Anything `fromDlpack` accepts besides a capsule: an array-API style producer. */
export interface DlpackProducer {
  /** Exports the producer's data: returns a {@link DLPackCapsule} (or a native capsule object). */
  __dlpack__(options?: DlpackOptions): unknown;
  /** The producer's device as [deviceType, deviceId]; [1, 0] is the CPU. */
  __dlpack_device__?(): readonly [number, number];
}

/** Options of `fromDlpackPointer`. */
export interface FromDlpackPointerOptions {
  /** true for a DLManagedTensorVersioned*, false for a legacy DLManagedTensor*. */
  readonly versioned: boolean;
  /** true: always copy; false: never copy (BufferError if a copy is needed); null/undefined: copy only if needed. */
  readonly copy?: boolean | null;
}

/** Options of `toDlpackPointer`. */
export interface ToDlpackPointerOptions {
  /** true: a DLManagedTensorVersioned* (DLPack 1.3); false: a legacy DLManagedTensor*. */
  readonly versioned: boolean;
  /** true: export a fresh copy (flag IS_COPIED); false/null/undefined: never copy. */
  readonly copy?: boolean | null;
}

/** Per-environment counters of DLPack memory (main thread and each worker count separately). */
export interface MemoryStats {
  /** Imported tensors whose producer deleter has not run yet. */
  readonly liveImports: number;
  /** Exported tensors whose consumer has not called the deleter yet. */
  readonly liveExports: number;
  /** Bytes of foreign memory currently wrapped in external ArrayBuffers. */
  readonly externalBytes: number;
  /** Memory-mapped files (`load(path, { mmapMode })`) not yet unmapped, in the whole process. */
  readonly liveMappings: number;
  /** Bytes of those mappings. */
  readonly mappedBytes: number;
}

const READ_ONLY = 1;
const IS_COPIED = 2;
const cpu = 1;
const maxUint64 = (1n << 64n) - 1n;
// Version ndinterop asks producers for.
const requestedMaxVersion: readonly [number, number] = Object.freeze([1, 3] as const);

enum CopyMode {
  Never = 0,
  Always = 1,
  IfNeeded = 2,
}

function checkOptionsObject(options: unknown, name: string): void {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${name} options to be an object, got ${describeValue(options)}`);
  }
}

function copyMode(copy: unknown): CopyMode {
  if (copy === undefined || copy === null) return CopyMode.IfNeeded;
  if (typeof copy !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected copy to be a boolean, null or undefined, got ${describeValue(copy)}`);
  }
  return copy ? CopyMode.Always : CopyMode.Never;
}

function isDevicePair(value: unknown): value is Device {
  return Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && Number.isInteger(value[1]);
}

// fromDlpack's `device`: only the CPU is understood (as in NumPy).
function requiresCpu(device: unknown): boolean {
  if (device === undefined || device === null) return false;
  if (device === 'cpu' || (isDevicePair(device) && device[0] === cpu && device[1] === 0)) return true;
  const shown = typeof device === 'string' ? device : describeValue(device);
  throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `Device not understood. Only "cpu" is allowed, but received: ${shown}`);
}

function arrayFromImport(parts: NativeDlpackImport): NDArray {
  return NDArray._fromValidated({
    buffer: parts.buffer,
    byteOffset: parts.byteOffset,
    dtype: dtypeById(parts.dtypeId),
    shape: parts.shape,
    strides: parts.strides,
    readonly: parts.readonly,
    device: parts.device,
    base: parts.handle ?? null,
    copied: parts.copied,
    opaque: parts.opaque,
  });
}

// The options fromDlpack passes to __dlpack__, one frozen object per
// combination (no allocation per call): [copy unset | true | false][wantCpu].
const producerOptions: readonly (readonly DlpackOptions[])[] = [undefined, true, false].map((copy) =>
  [false, true].map((wantCpu) =>
    Object.freeze({
      maxVersion: requestedMaxVersion,
      ...(copy === undefined ? {} : { copy }),
      ...(wantCpu ? { dlDevice: Object.freeze([cpu, 0] as const) } : {}),
    }),
  ),
);

// Asks a producer for a capsule the way NumPy's from_dlpack does: with the
// newest version we read, falling back to a bare call for producers that
// reject the options with a TypeError (only when the caller set none).
function capsuleFromProducer(producer: DlpackProducer, copy: boolean | null | undefined, wantCpu: boolean): DLPackCapsule | object {
  const options = producerOptions[copy === true ? 1 : copy === false ? 2 : 0]![wantCpu ? 1 : 0]!;
  let result: unknown;
  try {
    result = producer.__dlpack__(options);
  } catch (error) {
    if (!(error instanceof TypeError) || (copy !== undefined && copy !== null) || wantCpu) throw error;
    result = producer.__dlpack__();
  }
  if (DLPackCapsule.isCapsule(result) || isNativeCapsule(result)) return result;
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected __dlpack__() to return a DLPack capsule, got ${describeValue(result)}`);
}

function hasDlpackMethod(value: unknown): value is DlpackProducer {
  return typeof value === 'object' && value !== null && typeof (value as { __dlpack__?: unknown }).__dlpack__ === 'function';
}

/**
 * Imports a DLPack tensor without copying: `x` is a DLPackCapsule, a native
 * capsule object, or any object with `__dlpack__` (an NDArray, another
 * library's array). The producer's deleter runs exactly once, when the last
 * view of the memory is collected (or at once if the tensor is rejected).
 */
export function fromDlpack(x: DLPackCapsule | DlpackProducer | object, options: FromDlpackOptions = {}): NDArray {
  checkOptionsObject(options, 'fromDlpack');
  const mode = copyMode(options.copy);
  const wantCpu = requiresCpu(options.device);
  if (x instanceof NDArray && mode !== CopyMode.Always && x.__dlpack__ === ndarrayDlpack) return importOwnArray(x, wantCpu);
  let capsule: DLPackCapsule | object;
  // An NDArray is never a native capsule: no need to ask the addon.
  if (DLPackCapsule.isCapsule(x) || (!(x instanceof NDArray) && isNativeCapsule(x))) capsule = x;
  else if (hasDlpackMethod(x)) capsule = capsuleFromProducer(x, options.copy, wantCpu);
  else {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a DLPackCapsule or an object with __dlpack__(), got ${describeValue(x)}`);
  }
  if (!DLPackCapsule.isCapsule(capsule)) return arrayFromImport(native.dlpackImportCapsule(capsule, mode, wantCpu));
  // A deferred export of this thread: the array comes straight back, as the
  // native import of an own export would give it. copy: true takes the
  // native path, which copies the region.
  // Memory a pending async call writes is refused before the capsule is
  // consumed: it can be taken back once the call settles.
  const source = mode === CopyMode.Always ? null : capsule._takeDeferred(refuseWhileWritten);
  if (source !== null) return arrayFromDeferred(source as NDArray, capsule.versioned);
  return arrayFromImport(native.dlpackImportCapsule(capsule.handle, mode, wantCpu));
}

function checkVersionedOption(options: unknown, name: string): boolean {
  const versioned = (options as { versioned?: unknown } | undefined)?.versioned;
  if (typeof versioned !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${name} options { versioned: boolean }, got versioned = ${describeValue(versioned)}`);
  }
  return versioned;
}

/**
 * Takes ownership of a `DLManagedTensorVersioned*` (versioned: true) or
 * `DLManagedTensor*` that native code handed over as an address, and views
 * it without copying. The tensor's deleter runs exactly once (also when the
 * tensor is rejected), so the caller must not use or free it afterwards.
 */
export function fromDlpackPointer(address: bigint, options: FromDlpackPointerOptions): NDArray {
  checkOptionsObject(options, 'fromDlpackPointer');
  const versioned = checkVersionedOption(options, 'fromDlpackPointer');
  if (typeof address !== 'bigint') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected the address as a bigint, got ${describeValue(address)}`);
  }
  if (address < 0n || address > maxUint64) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected an address in [0, 2^64), got ${address}n`);
  }
  return arrayFromImport(native.dlpackImportPointer(address, versioned, copyMode(options.copy), false));
}

function checkMaxVersion(maxVersion: unknown): boolean {
  if (maxVersion === undefined || maxVersion === null) return false;
  if (maxVersion === requestedMaxVersion) return true;
  if (!isDevicePair(maxVersion) || maxVersion[0] < 0 || maxVersion[1] < 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `maxVersion must be null, undefined or an array of two non-negative integers, got ${describeValue(maxVersion)}`);
  }
  return maxVersion[0] >= 1;
}

// NumPy's rule: the stride of a size-1 axis is never used, so it may be
// anything (it exports as its quotient by the itemsize); an array of at most
// one element has no stride to check.
function stridesAreWholeItems(a: NDArray, itemsize: number): boolean {
  if (a.size <= 1) return true;
  for (let axis = 0; axis < a.strides.length; axis += 1) {
    if (a.shape[axis] !== 1 && a.strides[axis]! % itemsize !== 0) return false;
  }
  return true;
}

// NumPy's refusals, with its messages.
function checkExportable(a: NDArray, versioned: boolean, copy: boolean): void {
  const dt = a.dtype;
  if (dt.dlpack === null) {
    if (dt.name === 'longdouble') {
      throw new BufferError('DLPack only supports IEEE floating point types without padding (longdouble typically is not IEEE).');
    }
    throw new BufferError(`DLPack only supports signed/unsigned integers, float and complex dtypes. (got ${dt.fullName})`);
  }
  if (!dt.isNative) throw new BufferError('DLPack only supports native byte order.');
  if (a.readonly && !versioned && !copy) {
    throw new BufferError('Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).');
  }
  if (a.opaque && copy) {
    throw new BufferError(`cannot copy an array on device [${a.device.join(', ')}]: its data is not readable by the CPU`);
  }
  if (!copy && !stridesAreWholeItems(a, dt.itemsize)) {
    throw new BufferError(`DLPack only supports strides which are a multiple of itemsize. (itemsize ${dt.itemsize}, strides [${a.strides.join(', ')}])`);
  }
}

// The native object owning an opaque (device) array's memory: the handle of
// its import, found through the chain of bases of derived views.
function deviceHandleOf(a: NDArray): object | null {
  let base: unknown = a.base;
  while (base instanceof NDArray) base = base.base;
  return native.dlpackIsDeviceHandle(base) ? (base as object) : null;
}

// Checks that `a` can be exported as asked (NumPy's rules and messages).
function checkExport(a: unknown, versioned: boolean, copyOption: unknown): asserts a is NDArray {
  expectNDArray(a);
  if (copyOption !== undefined && copyOption !== null && typeof copyOption !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected copy to be a boolean, null or undefined, got ${describeValue(copyOption)}`);
  }
  checkExportable(a, versioned, copyOption === true);
  if (!a.opaque) {
    // A zero-copy export lets its consumer write the memory whenever it
    // likes; a copy reads it now (refused while a pending call writes it).
    if (copyOption !== true) {
      checkNotBusy(a.buffer, 'cannot export this array without copying');
      checkNotShrinkable(a.buffer);
    } else checkNotWritten(a.buffer, 'cannot export a copy of this array');
    a._dataView(); // throws for a disposed array or a detached buffer
  }
}

// A zero-copy export keeps the memory itself alive until the consumer's
// deleter runs (transfer, GC, worker exit cannot free it), except memory that
// shrinks in place: resizing an ArrayBuffer down decommits its tail whoever
// still uses it. (A growable SharedArrayBuffer only grows.)
function checkNotShrinkable(buffer: ArrayBuffer | SharedArrayBuffer): void {
  if (buffer instanceof ArrayBuffer && (buffer as { resizable?: boolean }).resizable === true) {
    throw new BufferError(
      'cannot export memory of a resizable ArrayBuffer without copying (shrinking it would take the memory away from the consumer); pass copy: true, or use a fixed-length ArrayBuffer or a SharedArrayBuffer',
    );
  }
}

// The arguments of the native export of an array checkExport accepted.
function exportArgs(a: NDArray, versioned: boolean, copy: boolean): NativeDlpackExportArgs {
  let source: ArrayBuffer | Uint8Array | object;
  if (a.opaque) source = deviceHandleOf(a) ?? a.buffer;
  else source = a.buffer instanceof ArrayBuffer ? a.buffer : new Uint8Array(a.buffer);
  const dl = a.dtype.dlpack!;
  // NumPy exports the strides of an empty array as zeros, whatever they were.
  const strides = a.size === 0 ? a.strides.map(() => 0) : a.strides;
  const flags = (a.readonly && versioned && !copy ? READ_ONLY : 0) | (copy ? IS_COPIED : 0);
  const device = copy ? ([cpu, 0] as const) : a.device;
  return [source, a.byteOffset, dl.code, dl.bits, a.dtype.itemsize, a.shape, strides, device, flags, versioned, copy];
}

/**
 * Exports `a` as a DLPack capsule without copying (unless `copy: true`).
 * The native DLManagedTensor is built when native code reads
 * `capsule.handle`; `fromDlpack` on this thread takes the array straight
 * back. The capsule keeps the memory alive until its consumer calls the
 * deleter; an unconsumed capsule releases it when disposed or collected.
 */
export function toDlpack(a: NDArray, options: ToDlpackOptions = {}): DLPackCapsule {
  checkOptionsObject(options, 'toDlpack');
  return exportCapsule(a, checkMaxVersion(options.maxVersion), options.copy);
}

// Host memory without a copy is exported lazily: the capsule holds the array
// and becomes a native DLManagedTensor only when native code asks for its
// handle (capsule.ts). Copies and device arrays are built natively at once.
function exportCapsule(a: unknown, versioned: boolean, copyOption: unknown): DLPackCapsule {
  checkExport(a, versioned, copyOption);
  const copy = copyOption === true;
  if (copy || a.opaque) return new DLPackCapsule(native.dlpackExportCapsule(...exportArgs(a, versioned, copy)));
  return DLPackCapsule._deferred(a, versioned, materializeExport);
}

// An empty array, exported to make a used native capsule for a deferred
// capsule that was consumed before anyone asked for its handle.
const emptyExport = (): NDArray => new NDArray({ buffer: new ArrayBuffer(0), dtype: 'uint8', shape: [0] });

const materializeExport: Materializer = (source, versioned) => {
  const array: unknown = source ?? emptyExport();
  checkExport(array, versioned, false);
  const handle = native.dlpackExportCapsule(...exportArgs(array, versioned, false));
  if (source === null) native.dlpackCapsuleRelease(handle);
  return handle;
};

// The dtype a DLPack import yields for a (code, bits) pair: the first row of
// the native dtype table with that pair, as core/dtype/table's
// findDTypeByDlpack picks it.
const importedDtypeIds = new Map<number, number>();
for (const row of native.dtypeTable) {
  const key = row.dlpack === null ? -1 : row.dlpack.code * 256 + row.dlpack.bits;
  if (key >= 0 && !importedDtypeIds.has(key)) importedDtypeIds.set(key, row.id);
}
function importedDtype(dt: DType): DType {
  const dl = dt.dlpack!;
  return dtypeById(importedDtypeIds.get(dl.code * 256 + dl.bits)!);
}

function refuseWhileWritten(source: object): void {
  checkNotWritten((source as NDArray).buffer, 'cannot read this array');
}

// What fromDlpack(toDlpack(a)) gives without building the tensor: the same
// buffer, byteOffset, shape and strides; readonly as DLPack can say it (READ_ONLY
// when versioned, always for legacy); an empty array gets zero strides and
// an empty buffer of its own, like any empty import.
function arrayFromDeferred(a: NDArray, versioned: boolean, checked = false): NDArray {
  if (!checked) a._dataView(); // the buffer may have been detached or shrunk since the export
  const empty = a.size === 0;
  return NDArray._fromValidated({
    buffer: empty ? new ArrayBuffer(0) : a.buffer,
    byteOffset: empty ? 0 : a.byteOffset,
    dtype: importedDtype(a.dtype),
    shape: a.shape,
    strides: empty ? a.strides.map(() => 0) : a.strides,
    readonly: versioned ? a.readonly : true,
    device: a.device,
    base: null,
    copied: false,
    opaque: false,
  });
}

/**
 * Exports `a` as the address of a `DLManagedTensorVersioned` (versioned:
 * true) or `DLManagedTensor`, for native code that is not a Node-API addon.
 * Ownership passes to the caller, who must call the tensor's deleter exactly
 * once (from any thread); until then the memory stays alive.
 */
export function toDlpackPointer(a: NDArray, options: ToDlpackPointerOptions): bigint {
  checkOptionsObject(options, 'toDlpackPointer');
  const versioned = checkVersionedOption(options, 'toDlpackPointer');
  checkExport(a, versioned, options.copy);
  return native.dlpackExportPointer(...exportArgs(a, versioned, options.copy === true));
}

/**
 * Live DLPack imports and exports of this thread's environment and the
 * external bytes they hold; live memory mappings of files (process-wide).
 */
export function memoryStats(): MemoryStats {
  return { ...native.dlpackMemoryStats(), ...native.ioMemoryStats() };
}

function checkStream(stream: unknown): void {
  if (stream !== undefined && stream !== null) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `ndinterop only supports stream=null (it never synchronizes device streams), got ${describeValue(stream)}`);
  }
}

function checkRequestedDevice(a: NDArray, dlDevice: unknown): void {
  if (dlDevice === undefined || dlDevice === null) return;
  if (!isDevicePair(dlDevice)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `dlDevice must be an array [deviceType, deviceId], got ${describeValue(dlDevice)}`);
  }
  if (dlDevice[0] !== a.device[0] || dlDevice[1] !== a.device[1]) {
    throw new BufferError(`unsupported device requested: [${dlDevice.join(', ')}] (the array is on [${a.device.join(', ')}])`);
  }
}

// fromDlpack(a) for an NDArray whose __dlpack__ is ndinterop's own: the
// same checks __dlpack__({ maxVersion: [1, 3], dlDevice }) makes, then the
// array a deferred capsule would hand back, without making the capsule
// (nothing can observe it between export and import).
function importOwnArray(a: NDArray, wantCpu: boolean): NDArray {
  if (wantCpu) checkRequestedDevice(a, requestedCpu);
  checkExport(a, true, undefined);
  return arrayFromDeferred(a, true, true);
}
const requestedCpu: Device = Object.freeze([cpu, 0] as const) as Device;

/**
 * NDArray's `__dlpack__` (src/protocols.ts attaches it): exports the array as
 * a DLPack capsule, with toDlpack's rules plus the protocol's `stream` and
 * `dlDevice`. fromDlpack recognises NDArrays that still use it.
 */
export function ndarrayDlpack(this: NDArray, options: DlpackOptions = {}): DLPackCapsule {
  checkOptionsObject(options, '__dlpack__');
  checkStream(options.stream);
  checkRequestedDevice(this, options.dlDevice);
  return exportCapsule(this, checkMaxVersion(options.maxVersion), options.copy);
}

/** NDArray's `__dlpack_device__` (src/protocols.ts attaches it): [deviceType, deviceId], [1, 0] for CPU memory. */
export function ndarrayDlpackDevice(this: NDArray): [number, number] {
  return [this.device[0], this.device[1]];
}

export { DLPackCapsule };
