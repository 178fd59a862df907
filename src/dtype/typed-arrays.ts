// TypedArrays and dtypes, both directions, from one table: which dtype a
// TypedArray's elements are (asarray, the adapters), and which TypedArray
// class holds a dtype's elements (toTypedArray, the adapters).
//
// float16: Float16Array exists from Node 24 (behind a flag on Node 22), not
// on Node 20. Read as an input it is float16 data, and views as float16, as
// NumPy views float16 memory. Written as an output, float16 (like bfloat16,
// which no JS class holds) comes as its raw bits in a Uint16Array on every
// Node, so one call returns one class wherever it runs.
import { makeError } from '../base/errors.js';
import { type DType, dtypeByName } from './dtype.js';

/** The TypedArrays toTypedArray returns. */
export type ElementTypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

export interface ElementTypedArrayConstructor {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ElementTypedArray;
  readonly BYTES_PER_ELEMENT: number;
}

// Every TypedArray class, by its name, and the dtype of its elements. The
// first class of a dtype is the one that holds it.
const elementTypeByClass: ReadonlyArray<readonly [className: string, dtypeName: string]> = [
  ['Int8Array', 'int8'],
  ['Uint8Array', 'uint8'],
  ['Int16Array', 'int16'],
  ['Uint16Array', 'uint16'],
  ['Int32Array', 'int32'],
  ['Uint32Array', 'uint32'],
  ['BigInt64Array', 'int64'],
  ['BigUint64Array', 'uint64'],
  ['Float16Array', 'float16'],
  ['Float32Array', 'float32'],
  ['Float64Array', 'float64'],
];

// The dtypes held as something else: the element type of the class that
// holds their bytes (0/1 bytes, raw bits, (re, im) pairs, ticks, UCS4 code
// points, raw bytes).
const storedAs: Readonly<Record<string, string>> = {
  bool: 'uint8',
  float16: 'uint16',
  bfloat16: 'uint16',
  complex64: 'float32',
  complex128: 'float64',
  datetime64: 'int64',
  timedelta64: 'int64',
  str: 'uint32',
  bytes: 'uint8',
  void: 'uint8',
};

const dtypeByClass = new Map<string, DType>(elementTypeByClass.map(([className, name]) => [className, dtypeByName(name)!]));
const classByDType = new Map<string, ElementTypedArrayConstructor>();
for (const [className, name] of elementTypeByClass) {
  const ctor = (globalThis as Record<string, unknown>)[className] as ElementTypedArrayConstructor | undefined;
  if (ctor && !classByDType.has(name)) classByDType.set(name, ctor);
}

// The engine's own Symbol.toStringTag getter reads the internal slot, which a
// subclass, a swapped prototype or a Proxy cannot fake (Node's Buffer is a Uint8Array).
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)!.get!;

/**
 * The dtype of a TypedArray's elements (Float16Array: float16), or undefined
 * for anything else. A Uint8ClampedArray is refused (TypeError
 * ERR_INVALID_ARG_TYPE): NumPy has no clamping dtype, and as uint8 every
 * write through ndinterop would wrap where the array's own writes clamp.
 */
export function typedArrayDType(value: unknown): DType | undefined {
  const className = typedArrayTag.call(value) as string | undefined;
  if (className === 'Uint8ClampedArray') {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      'Uint8ClampedArray has no NumPy dtype (uint8 wraps where it clamps); view its memory as a Uint8Array: new Uint8Array(a.buffer, a.byteOffset, a.length)',
    );
  }
  return className === undefined ? undefined : dtypeByClass.get(className);
}

/** How a TypedArray holds `dt` elements: the class, how many of its slots one element takes, and its slots' dtype. */
export interface TypedArrayStorage {
  readonly ctor: ElementTypedArrayConstructor;
  readonly perElement: number;
  readonly slotType: DType;
}

/** The TypedArray storage of `dt` elements, or undefined when no TypedArray can hold them (object). */
export function typedArrayStorage(dt: DType): TypedArrayStorage | undefined {
  const slotName = storedAs[dt.name] ?? dt.name;
  const ctor = classByDType.get(slotName);
  if (!ctor) return undefined;
  return { ctor, perElement: dt.itemsize / ctor.BYTES_PER_ELEMENT, slotType: dtypeByName(slotName)! };
}
