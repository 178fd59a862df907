// NDArray's protocol members, in one place: the five names other libraries
// look for (`__dlpack__`, `__dlpack_device__`, `__array_interface__`,
// `__array_ufunc__`, `__array_function__`), and JS's own `toJSON` and `[Symbol.iterator]`. NDArray itself (src/array/) may not know the interop
// and ufunc layers that implement them, so they are attached here, above
// every layer; src/index.ts imports this module and nothing else does.
// Each member is a non-enumerable, writable (or, for the getter,
// configurable) property of NDArray.prototype, like a class method, so a
// subclass can override it.
import { NDArray } from './array/ndarray.js';
import { type DLPackCapsule, type DlpackOptions, ndarrayDlpack, ndarrayDlpackDevice } from './interop/dlpack.js';
import { type ArrayInterface, arrayInterface } from './interop/array-interface.js';
import { type UfuncKwargs, type UfuncMethod, ndarrayArrayUfunc } from './ufunc/dispatch.js';
import type { Ufunc } from './ufunc/object.js';
import { type ArrayFunction, type ArrayFunctionType, type FunctionKwargs, ndarrayArrayFunction } from './functions/array-function.js';
import { type NDArrayJson, ndarrayToJson } from './array/json.js';
import { iterateNDArray } from './array/iteration.js';
import { shapeMethods } from './functions/shape.js';
import { selectionMethods } from './functions/selection.js';
import { reductionMethods } from './functions/reductions.js';
import { sortingMethods } from './functions/sorting.js';
import type { Scalar } from './dtype/elements.js';

declare module './array/ndarray.js' {
  interface NDArray {
    /** Exports this array as a DLPack capsule (array API protocol). */
    __dlpack__(options?: DlpackOptions): DLPackCapsule;
    /** `[deviceType, deviceId]`: `[1, 0]` for CPU memory. */
    __dlpack_device__(): [number, number];
    /** NumPy's __array_interface__ (version 3) in the buffer form: arrayInterface(this). */
    readonly __array_interface__: ArrayInterface<'buffer'>;
    /**
     * NDArray's own NEP 13 method: computes the operation when no other
     * operand overrides it, else returns NotImplemented. Overrides call it to
     * compute on unwrapped inputs, like `super().__array_ufunc__` in Python.
     */
    __array_ufunc__(ufunc: Ufunc<unknown>, method: UfuncMethod, inputs: unknown[], kwargs: UfuncKwargs): unknown;
    /**
     * NDArray's own NEP 18 method: computes `func` with its default
     * implementation when every type in `types` is NDArray or a subclass,
     * else returns NotImplemented. Overrides call it like
     * `super().__array_function__` in Python.
     */
    __array_function__(func: ArrayFunction, types: readonly ArrayFunctionType[], args: unknown[], kwargs: FunctionKwargs): unknown;
    /**
     * NumPy's `tolist()` values, JSON-safe, for JSON.stringify: nested
     * arrays (a bare value for 0-d); NaN and ±Infinity as 'NaN',
     * 'Infinity', '-Infinity'; int64/uint64 beyond 2^53 - 1 as exact
     * decimal strings; complex as { re, im }; bytes/void as latin-1 strings;
     * datetime64 as ISO text; NaT as 'NaT'.
     */
    toJSON(): NDArrayJson;
    /**
     * Iterates over the first axis, as NumPy does: elements for a 1-d
     * array, views `a.slice(i)` for ndim >= 2. Throws TypeError
     * ERR_NOT_ITERABLE for a 0-d array ('iteration over a 0-d array').
     */
    [Symbol.iterator](): IterableIterator<NDArray | Scalar>;
  }
}

Object.defineProperties(NDArray.prototype, {
  __dlpack__: { value: ndarrayDlpack, writable: true, configurable: true, enumerable: false },
  __dlpack_device__: { value: ndarrayDlpackDevice, writable: true, configurable: true, enumerable: false },
  __array_interface__: {
    get(this: NDArray): ArrayInterface<'buffer'> {
      return arrayInterface(this);
    },
    configurable: true,
    enumerable: false,
  },
  __array_ufunc__: { value: ndarrayArrayUfunc, writable: true, configurable: true, enumerable: false },
  __array_function__: { value: ndarrayArrayFunction, writable: true, configurable: true, enumerable: false },
  // JS's own protocols: JSON.stringify and iteration (for...of, spread, Array.from).
  toJSON: { value: ndarrayToJson, writable: true, configurable: true, enumerable: false },
  [Symbol.iterator]: { value: iterateNDArray, writable: true, configurable: true, enumerable: false },
});

// Array-function methods (a.flatten(), a.take(), ...), each a thin call of its function.
for (const [name, value] of Object.entries({ ...shapeMethods, ...selectionMethods })) Object.defineProperty(NDArray.prototype, name, { value, writable: true, configurable: true, enumerable: false });
// Reduction and sorting methods (a.sum(), a.sort(), ...): src/functions/reductions.ts, sorting.ts.
for (const [name, value] of Object.entries({ ...reductionMethods, ...sortingMethods })) Object.defineProperty(NDArray.prototype, name, { value, writable: true, configurable: true, enumerable: false });
