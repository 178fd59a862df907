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
import { DLPackCapsule, isNativeCapsule } from './capsule.js';
import { dtypeById } from './dtype.js';
import { BufferError, describeValue, makeError } from './errors.js';
import { native, type NativeDlpackExportArgs, type NativeDlpackImport } from './native.js';
import { type Device, NDArray } from './ndarray.js';
import { checkNotBusy } from './busy.js';

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
  __dlpack__(options?: DlpackOptions): unknown;
  __dlpack_device__?(): readonly [number, number];
}

/** Options of `fromDlpackPointer`. */
export interface FromDlpackPointerOptions {
  /** true for a DLManagedTensorVersioned*, false for a legacy DLManagedTensor*. */
  readonly versioned: boolean;
  readonly copy?: boolean | null;
}

/** Options of `toDlpackPointer`. */
export interface ToDlpackPointerOptions {
  /** true: a DLManagedTensorVersioned* (DLPack 1.3); false: a legacy DLManagedTensor*. */
  readonly versioned: boolean;
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
}

declare module './ndarray.js' {
  interface NDArray {
    /** Exports this array as a DLPack capsule (array API protocol). */
    __dlpack__(options?: DlpackOptions): DLPackCapsule;
    /** [deviceType, deviceId]: [1, 0] for CPU memory. */
    __dlpack_device__(): [number, number];
  }
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
  return Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n));
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

// Asks a producer for a capsule the way NumPy's from_dlpack does: with the
// newest version we read, falling back to a bare call for producers that
// reject the options with a TypeError (only when the caller set none).
function capsuleFromProducer(producer: DlpackProducer, copy: boolean | null | undefined, wantCpu: boolean): object {
  const options: DlpackOptions = {
    maxVersion: requestedMaxVersion,
    ...(copy === undefined || copy === null ? {} : { copy }),
    ...(wantCpu ? { dlDevice: [cpu, 0] as const } : {}),
  };
  let result: unknown;
  try {
    result = producer.__dlpack__(options);
  } catch (error) {
    if (!(error instanceof TypeError) || (copy !== undefined && copy !== null) || wantCpu) throw error;
    result = producer.__dlpack__();
  }
  if (result instanceof DLPackCapsule) return result.handle;
  if (isNativeCapsule(result)) return result;
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
  let handle: object;
  if (DLPackCapsule.isCapsule(x)) handle = x.handle;
  else if (isNativeCapsule(x)) handle = x;
  else if (hasDlpackMethod(x)) handle = capsuleFromProducer(x, options.copy, wantCpu);
  else {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a DLPackCapsule or an object with __dlpack__(), got ${describeValue(x)}`);
  }
  return arrayFromImport(native.dlpackImportCapsule(handle, mode, wantCpu));
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
  if (!isDevicePair(maxVersion) || maxVersion[0] < 0 || maxVersion[1] < 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `maxVersion must be null, undefined or an array of two non-negative integers, got ${describeValue(maxVersion)}`);
  }
  return maxVersion[0] >= 1;
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
  if (!copy && a.strides.some((stride) => stride % dt.itemsize !== 0)) {
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

function exportArgs(a: unknown, versioned: boolean, copyOption: unknown): NativeDlpackExportArgs {
  if (!(a instanceof NDArray)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an NDArray, got ${describeValue(a)}`);
  }
  if (copyOption !== undefined && copyOption !== null && typeof copyOption !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected copy to be a boolean, null or undefined, got ${describeValue(copyOption)}`);
  }
  const copy = copyOption === true;
  checkExportable(a, versioned, copy);
  let source: ArrayBuffer | Uint8Array | object;
  if (a.opaque) {
    source = deviceHandleOf(a) ?? a.buffer;
  } else {
    a._dataView(); // throws for a disposed array or a detached buffer
    // A zero-copy export lets its consumer write the memory whenever it likes.
    if (!copy) checkNotBusy(a.buffer, 'cannot export this array without copying');
    source = a.buffer instanceof ArrayBuffer ? a.buffer : new Uint8Array(a.buffer);
  }
  const dl = a.dtype.dlpack!;
  // NumPy exports the strides of an empty array as zeros, whatever they were.
  const strides = a.size === 0 ? a.strides.map(() => 0) : a.strides;
  const flags = (a.readonly && versioned && !copy ? READ_ONLY : 0) | (copy ? IS_COPIED : 0);
  const device = copy ? ([cpu, 0] as const) : a.device;
  return [source, a.byteOffset, dl.code, dl.bits, a.dtype.itemsize, a.shape, strides, device, flags, versioned, copy];
}

/**
 * Exports `a` as a DLPack capsule without copying (unless `copy: true`).
 * The capsule keeps the memory alive until its consumer calls the deleter;
 * an unconsumed capsule releases it when disposed or collected.
 */
export function toDlpack(a: NDArray, options: ToDlpackOptions = {}): DLPackCapsule {
  checkOptionsObject(options, 'toDlpack');
  const versioned = checkMaxVersion(options.maxVersion);
  return new DLPackCapsule(native.dlpackExportCapsule(...exportArgs(a, versioned, options.copy)));
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
  return native.dlpackExportPointer(...exportArgs(a, versioned, options.copy));
}

/** Live DLPack imports and exports of this thread's environment, and the external bytes they hold. */
export function memoryStats(): MemoryStats {
  return native.dlpackMemoryStats();
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

Object.defineProperties(NDArray.prototype, {
  __dlpack__: {
    value: function __dlpack__(this: NDArray, options: DlpackOptions = {}): DLPackCapsule {
      checkOptionsObject(options, '__dlpack__');
      checkStream(options.stream);
      checkRequestedDevice(this, options.dlDevice);
      return toDlpack(this, { maxVersion: options.maxVersion, copy: options.copy });
    },
    writable: true,
    configurable: true,
  },
  __dlpack_device__: {
    value: function __dlpack_device__(this: NDArray): [number, number] {
      return [this.device[0], this.device[1]];
    },
    writable: true,
    configurable: true,
  },
});

export { DLPackCapsule };
