// The few ways the ufunc layer makes and inspects NDArrays, in one place:
// fresh C-contiguous results, views with computed strides, and element access
// for scalar results and JS loops.
import type { DType } from '../dtype/dtype.js';
import { elementReader, elementWriter, type ElementReader, type ElementWriter } from '../dtype/elements.js';
import { NDArray } from '../array/ndarray.js';
import { asarray } from '../interop/asarray.js';
import { allocateBuffer, allocateForOverwrite } from '../base/memory.js';
import { filledStrides } from '../base/validate.js';
import { activeRecorder } from './record.js';
import { checkNotWritten } from '../base/busy.js';

export { NDArray };

/** The memory an inner loop reads or writes: strides already at the loop's shape. */
export interface LoopOperand {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly byteOffset: number;
  readonly strides: readonly number[];
}

export function isNDArray(value: unknown): value is NDArray {
  return value instanceof NDArray;
}

/**
 * Throws NDArray's own errors when `a`'s data cannot be read: disposed or
 * detached (TypeError ERR_DETACHED), shrunk, on a non-CPU device
 * (BufferError), or being written by a pending async call (TypeError
 * ERR_BUSY; an async call being recorded names itself as the reader).
 */
export function checkReadable(a: NDArray): NDArray {
  if (activeRecorder) checkNotWritten(a.buffer, `${activeRecorder.label} cannot read an input`);
  a._dataView();
  return a;
}

export function toNDArray(value: unknown): NDArray {
  return asarray(value as Parameters<typeof asarray>[0]);
}

/** A new zero-filled C-contiguous array. */
export function emptyArray(shape: readonly number[], dt: DType): NDArray {
  return contiguousArray(shape, dt, allocateBuffer);
}

/**
 * A new C-contiguous array with unspecified contents, for a result the caller
 * writes in full (every element) before returning it.
 */
export function uninitializedArray(shape: readonly number[], dt: DType): NDArray {
  return contiguousArray(shape, dt, allocateForOverwrite);
}

function contiguousArray(shape: readonly number[], dt: DType, allocate: (byteLength: number) => ArrayBuffer): NDArray {
  let size = dt.itemsize;
  for (const n of shape) size *= n;
  return NDArray._fromValidated({ buffer: allocate(size), byteOffset: 0, dtype: dt, shape, strides: filledStrides(shape, dt.itemsize), readonly: false });
}

/** A view of `base`'s memory with the given layout (the caller guarantees it stays in bounds). */
export function viewOf(base: NDArray, byteOffset: number, shape: readonly number[], strides: readonly number[], dt: DType = base.dtype): NDArray {
  return NDArray._fromValidated({ buffer: base.buffer, byteOffset, dtype: dt, shape, strides, readonly: base.readonly, base: base.base ?? base });
}

const readers = new Map<DType, ElementReader>();
const writers = new Map<DType, ElementWriter>();

export function readerFor(dt: DType): ElementReader {
  let reader = readers.get(dt);
  if (!reader) readers.set(dt, (reader = elementReader(dt)));
  return reader;
}

export function writerFor(dt: DType): ElementWriter {
  let writer = writers.get(dt);
  if (!writer) writers.set(dt, (writer = elementWriter(dt)));
  return writer;
}

const views = new WeakMap<ArrayBuffer | SharedArrayBuffer, DataView>();

export function dataViewOf(buffer: ArrayBuffer | SharedArrayBuffer): DataView {
  if (activeRecorder) activeRecorder.beforeAccess(buffer);
  let view = views.get(buffer);
  if (!view) views.set(buffer, (view = new DataView(buffer)));
  return view;
}
