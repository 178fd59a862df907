// Sending arrays to other threads (worker_threads, MessagePort, BroadcastChannel).
//
//   toMessage(a, { transfer })  NDArray -> a structured-cloneable message
//   fromMessage(message)        message -> NDArray (validated like any external input)
//
// The message is an `__array_interface__` description (version 3, buffer
// form) plus the list of buffers to transfer: one wire format, read back by
// fromArrayInterface's checks and view construction. How the bytes travel:
//
//   SharedArrayBuffer      shared, zero-copy: both threads see each other's writes
//   transfer: true         the whole ArrayBuffer is moved (zero-copy); the source
//                          buffer is detached by toMessage, with every view of it
//   otherwise              a compact copy of the bytes the view reaches
import { types } from 'node:util';
import { fromArrayInterface } from './array-interface.js';
import { checkNotBusy, checkNotWritten } from '../base/busy.js';
import { copyToContiguous } from '../array/copy.js';
import { type DType, type DTypeLike, type DescrEntry, dtype as toDType, parseTypestr } from '../dtype/dtype.js';
import { BufferError, describeValue, makeError } from '../base/errors.js';
import { NDArray, checkViewableDType, deviceName, isDetached } from '../array/ndarray.js';
import { isArraySafely, readOnce } from '../base/property-access.js';
import { expectNDArray } from '../array/expect-ndarray.js';

/** Options of `toMessage`. */
export interface ToMessageOptions {
  /**
   * true: move the array's whole ArrayBuffer into the message instead of
   * copying (zero-copy). toMessage detaches the source buffer at once, so
   * every view of it in this thread (and DLPack exports not yet handed to
   * native code) stops working with ERR_DETACHED. Memory its owner marked
   * untransferable (DLPack imports, Node's Buffer pool, other external
   * memory) is refused with BufferError ERR_NOT_TRANSFERABLE. Ignored for a
   * SharedArrayBuffer, which is always shared. Default false.
   */
  readonly transfer?: boolean;
}

/**
 * What `toMessage` returns: a plain object that survives structured clone.
 * Its keys are an `__array_interface__` description (version 3, buffer form,
 * strides always written) plus `transfer`. Post it as
 * `port.postMessage(message, message.transfer)` and rebuild the array on the
 * other side with `fromMessage`.
 */
export interface NDArrayMessage {
  /** The array interface version: 3. */
  readonly version: 3;
  /** The length of each dimension. */
  readonly shape: number[];
  /** NumPy's typestr of the dtype, byte order included: '<f8', '>i4', '|b1', '<U3', '<M8[ns]', '|V16'. */
  readonly typestr: string;
  /** NumPy's dtype.descr: the fields of a structured dtype, `[['', typestr]]` otherwise. */
  readonly descr: DescrEntry[];
  /**
   * The dtype's name, written only for dtypes NumPy's typestr cannot name
   * (bfloat16, whose typestr is '<V2' as in ml_dtypes); the typestr still
   * carries its size and byte order.
   */
  readonly dtypeName?: string;
  /** The memory: the shared SharedArrayBuffer, the transferred ArrayBuffer, or a fresh copy. */
  readonly data: ArrayBuffer | SharedArrayBuffer;
  /** Byte strides (never null). */
  readonly strides: number[];
  /** Byte offset of element [0, ..., 0] in `data`. */
  readonly offset: number;
  /** True when the array is read-only (the rebuilt array is read-only too). */
  readonly readonly: boolean;
  /** The buffers to put in postMessage's transfer list: `data` unless it is a SharedArrayBuffer. */
  readonly transfer: ArrayBuffer[];
}

/**
 * Packs `a` for another thread. A SharedArrayBuffer is shared (zero-copy,
 * writes are seen both ways); with `{ transfer: true }` the ArrayBuffer is
 * moved (zero-copy, detached here); otherwise only the bytes the view
 * reaches are copied. The copy keeps the strides when the view's bytes are
 * no more than its elements' bytes (contiguous in any order, reversed,
 * broadcast) and is C-contiguous otherwise (views with gaps). Either way the
 * receiver gets the same dtype, shape, values and readonly flag.
 */
export function toMessage(a: NDArray, options: ToMessageOptions = {}): NDArrayMessage {
  expectNDArray(a);
  const transfer = readTransferOption(options);
  if (a.opaque) {
    throw makeError(
      BufferError,
      'ERR_BUFFER',
      `cannot send an array on device ${deviceName(a.device)} in a message: its data is not readable from JS (copy it to the CPU with its producer first)`,
    );
  }
  a._dataView(); // throws for a disposed array or a detached or shrunk buffer
  const descr = [...a.dtype.descr]; // throws for overlapping fields, before anything is detached
  const typestr = a.dtype.str;
  const header = { version: 3 as const, shape: [...a.shape], typestr, descr, ...unnamedType(a.dtype), readonly: a.readonly };
  const body = types.isSharedArrayBuffer(a.buffer) ? sharedBody(a) : transfer ? transferredBody(a) : copiedBody(a);
  return { ...header, ...body };
}

// True when typestr and descr identify `dt` (everything but bfloat16 today).
function typestrNames(dt: DType): boolean {
  return dt.fields !== null || parseTypestr(dt.str).equals(dt);
}

// { dtypeName } for a dtype its typestr does not name.
function unnamedType(dt: DType): { dtypeName?: string } {
  return typestrNames(dt) ? {} : { dtypeName: dt.name };
}

interface MessageBody {
  readonly data: ArrayBuffer | SharedArrayBuffer;
  readonly strides: number[];
  readonly offset: number;
  readonly transfer: ArrayBuffer[];
}

function readTransferOption(options: ToMessageOptions): boolean {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected toMessage options to be an object, got ${describeValue(options)}`);
  }
  const { transfer } = options;
  if (transfer !== undefined && typeof transfer !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected transfer to be a boolean, got ${describeValue(transfer)}`);
  }
  return transfer ?? false;
}

// The receiver may write shared memory at any time, so memory a pending
// async call uses cannot be shared yet.
function sharedBody(a: NDArray): MessageBody {
  checkNotBusy(a.buffer, 'cannot share this array with another thread');
  return { data: a.buffer, strides: [...a.strides], offset: a.byteOffset, transfer: [] };
}

function transferredBody(a: NDArray): MessageBody {
  checkNotBusy(a.buffer, 'cannot transfer this array');
  const data = moveBuffer(a.buffer as ArrayBuffer);
  return { data, strides: [...a.strides], offset: a.byteOffset, transfer: [data] };
}

// Moving the backing store with structuredClone detaches `buffer` without
// copying. Node 20 copies an untransferable buffer instead (and leaves it
// attached); Node 21+ throws DataCloneError: both are refused, so the caller
// never gets a copy while believing the memory moved.
function moveBuffer(buffer: ArrayBuffer): ArrayBuffer {
  let moved: ArrayBuffer;
  try {
    moved = structuredClone(buffer, { transfer: [buffer] });
  } catch (cause) {
    throw notTransferable(cause);
  }
  if (!isDetached(buffer)) throw notTransferable(undefined);
  return moved;
}

function notTransferable(cause: unknown): BufferError {
  const error = makeError(
    BufferError,
    'ERR_NOT_TRANSFERABLE',
    `cannot transfer this array's ArrayBuffer: its owner marked it untransferable (Node's Buffer pool, external memory of other addons); send a copy with toMessage(a) instead`,
  );
  if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
  return error;
}

function copiedBody(a: NDArray): MessageBody {
  checkNotWritten(a.buffer, 'cannot copy this array into a message');
  if (a.size === 0) return { data: new ArrayBuffer(0), strides: [...a.strides], offset: 0, transfer: [] };
  const [low, high] = byteSpan(a);
  if (high - low <= a.nbytes) {
    const data = (a.buffer as ArrayBuffer).slice(low, high);
    return { data, strides: [...a.strides], offset: a.byteOffset - low, transfer: [data] };
  }
  const copy = copyToContiguous(a, a.dtype);
  const data = copy.buffer as ArrayBuffer;
  return { data, strides: [...copy.strides], offset: 0, transfer: [data] };
}

// [lowest byte, one past the highest byte] any element of a non-empty view reaches.
function byteSpan(a: NDArray): [number, number] {
  let low = a.byteOffset;
  let high = a.byteOffset + a.itemsize;
  for (let axis = 0; axis < a.ndim; axis += 1) {
    const reach = (a.shape[axis]! - 1) * a.strides[axis]!;
    if (reach < 0) low += reach;
    else high += reach;
  }
  return [low, high];
}

const messageKeys = ['version', 'shape', 'typestr', 'descr', 'data', 'strides', 'offset', 'readonly'] as const;

/**
 * Rebuilds the NDArray a `toMessage` message describes, in the receiving
 * thread: a view of the message's SharedArrayBuffer or ArrayBuffer (no
 * further copy). The message is checked like any external input, by
 * `fromArrayInterface`'s rules and messages: TypeError or RangeError with a
 * `code` for anything malformed, a view outside `data` included.
 */
export function fromMessage(message: NDArrayMessage): NDArray {
  if (typeof message !== 'object' || message === null || isArraySafely(message, 'message')) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a message made by toMessage(), got ${describeValue(message)}`);
  }
  // Every key is read once into a plain object, so a getter cannot show this
  // check one `data` and fromArrayInterface another.
  const description: Record<string, unknown> = {};
  for (const key of messageKeys) description[key] = readOnce(message, key, `message.${key}`);
  const data = description.data;
  if (!types.isArrayBuffer(data) && !types.isSharedArrayBuffer(data)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected message data to be an ArrayBuffer or SharedArrayBuffer, got ${describeValue(data)}`);
  }
  if (isDetached(data)) {
    throw makeError(
      TypeError,
      'ERR_DETACHED',
      'the ArrayBuffer of this message has been transferred (posted with message.transfer); rebuild the array from the message the receiver got',
    );
  }
  const typeName = readOnce(message, 'dtypeName', 'message.dtypeName');
  const array = fromArrayInterface(description);
  return typeName === undefined ? array : withNamedType(array, typeName, description.typestr as string);
}

// The array viewed as the dtype `typeName` names, in the byte order of
// `typestr`: allowed only over the plain void type of the same size that
// typestr gave, so the layout fromArrayInterface checked stays the same.
function withNamedType(array: NDArray, typeName: unknown, typestr: string): NDArray {
  if (typeof typeName !== 'string') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected message dtypeName to be a dtype name like 'bfloat16', got ${describeValue(typeName)}`);
  }
  const named = checkViewableDType(toDType(typeName as DTypeLike)).newByteOrder(typestr.startsWith('>') ? '>' : '<');
  const voidType = array.dtype;
  if (voidType.kind !== 'V' || voidType.fields !== null || named.itemsize !== voidType.itemsize || typestrNames(named)) {
    throw makeError(
      TypeError,
      'ERR_INVALID_DTYPE',
      `message dtypeName ${describeValue(typeName)} disagrees with typestr '${typestr}' (expected a dtype typestr cannot name, of the typestr's itemsize ${voidType.itemsize})`,
    );
  }
  return NDArray._fromValidated({
    buffer: array.buffer,
    byteOffset: array.byteOffset,
    dtype: named,
    shape: array.shape,
    strides: array.strides,
    readonly: array.readonly,
    base: array.base,
  });
}
