// The array-likes asarray understands beyond its own inputs (NDArray,
// TypedArrays, buffers, nested arrays, scalars): objects with
// __array_interface__, DLPack capsules and producers (__dlpack__), and the
// arrays of JS array libraries. Tried in order;
// the first converter that recognises the object makes the NDArray.
import { type ArrayInterfaceLike, fromArrayInterface } from './array-interface.js';
import { type OrtTensorLike, fromOrtTensor, isOrtTensor } from './adapters/onnxruntime.js';
import { type ScijsNdarray, fromScijs, isScijsNdarray } from './adapters/scijs.js';
import { type StdlibNdarray, fromStdlib, isStdlibNdarray } from './adapters/stdlib.js';
import { DLPackCapsule } from './capsule.js';
import { fromDlpack } from './dlpack.js';
import type { NDArray } from '../array/ndarray.js';
import { hasProperty, readOnce } from '../base/property-access.js';

/** Foreign array-likes asarray accepts (see docs/guides/array-interface-and-adapters.md). */
export type ForeignArray =
  | {
      /** An object with NumPy's array interface. */
      readonly __array_interface__: ArrayInterfaceLike;
    }
  | {
      /** A DLPack producer (see {@link DlpackProducer}). */
      __dlpack__(...args: never[]): unknown;
    }
  | DLPackCapsule
  | ScijsNdarray
  | StdlibNdarray
  | OrtTensorLike;

/** Makes an NDArray from `x` (zero-copy where the object is memory), or returns undefined if `x` is not its kind. */
type Converter = (x: object) => NDArray | undefined;

// NumPy looks the attribute up on the instance, and an absent (undefined)
// value means "not array-like", like an AttributeError.
function viaArrayInterface(x: object): NDArray | undefined {
  if (!hasProperty(x, '__array_interface__', 'the array-like (checking for __array_interface__)')) return undefined;
  const iface = readOnce(x, '__array_interface__', 'the __array_interface__ property');
  if (iface === undefined) return undefined;
  return fromArrayInterface(iface as object, { base: x });
}

// A DLPackCapsule, or any producer with a __dlpack__ method (another
// addon's tensor, an embedded-Python array).
function viaDlpack(x: object): NDArray | undefined {
  if (x instanceof DLPackCapsule) return fromDlpack(x);
  if (!hasProperty(x, '__dlpack__', 'the array-like (checking for __dlpack__)')) return undefined;
  if (typeof readOnce(x, '__dlpack__', 'the __dlpack__ property') !== 'function') return undefined;
  return fromDlpack(x);
}

const converters: readonly Converter[] = [
  viaArrayInterface,
  viaDlpack,
  (x) => (isStdlibNdarray(x) ? fromStdlib(x) : undefined),
  (x) => (isScijsNdarray(x) ? fromScijs(x) : undefined),
  (x) => (isOrtTensor(x) ? fromOrtTensor(x) : undefined),
];

/** The NDArray for a foreign array-like object, or undefined when no converter recognises it. */
export function convertForeignArray(x: unknown): NDArray | undefined {
  if ((typeof x !== 'object' && typeof x !== 'function') || x === null) return undefined;
  for (const convert of converters) {
    const converted = convert(x);
    if (converted) return converted;
  }
  return undefined;
}
