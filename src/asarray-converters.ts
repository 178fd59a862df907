// The array-likes asarray understands beyond its own inputs (NDArray,
// TypedArrays, buffers, nested arrays, scalars): objects with
// __array_interface__, and the arrays of JS array libraries. Tried in order;
// the first converter that recognises the object makes the NDArray.
import { type ArrayInterfaceLike, fromArrayInterface } from './array-interface.js';
import { type OrtTensorLike, fromOrtTensor, isOrtTensor } from './adapters/onnxruntime.js';
import { type ScijsNdarray, fromScijs, isScijsNdarray } from './adapters/scijs.js';
import { type StdlibNdarray, fromStdlib, isStdlibNdarray } from './adapters/stdlib.js';
import type { NDArray } from './ndarray.js';
import { hasProperty, readOnce } from './property-access.js';

/** Foreign array-likes asarray accepts (see README "Adapters"). */
export type ForeignArray =
  | { readonly __array_interface__: ArrayInterfaceLike }
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

const converters: readonly Converter[] = [
  viaArrayInterface,
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
