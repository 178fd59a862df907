// Compiled by test/interop/array-interface-types.test.ts (never run). Every line must
// type-check, and every @ts-expect-error line must really be an error.
import { NDArray, arrayInterface, asarray, fromArrayInterface, toOrtTensor, toScijs, toStdlib } from '../../src/index.js';
import type { ArrayInterface, ForeignArray, InterfacePointer, OrtTensorLike, ScijsNdarray, StdlibNdarray } from '../../src/index.js';

const a: NDArray = asarray([1, 2]);
const iface: ArrayInterface = arrayInterface(a);
const pointer = arrayInterface(a, { pointer: true }).data as InterfacePointer;
const address: bigint = pointer[0];
const version: 3 = a.__array_interface__.version;
const strides: readonly number[] | null = iface.strides;
const b: NDArray = fromArrayInterface(iface, { base: a });
const c: NDArray = fromArrayInterface({ shape: [2], typestr: '<f8', data: new ArrayBuffer(16) });
const held: ForeignArray = { __array_interface__: iface };
const d: NDArray = asarray(held, { copy: false });
const e: NDArray = asarray({ type: 'float32', dims: [1], data: new Float32Array(1) });
const s: ScijsNdarray = toScijs(a, { copy: true });
const t: StdlibNdarray = toStdlib(a);
const o: OrtTensorLike = toOrtTensor(a);
void [address, version, strides, b, c, d, e, s, t, o];

// @ts-expect-error arrayInterface takes an NDArray
arrayInterface([1, 2]);
// @ts-expect-error pointer is a boolean
arrayInterface(a, { pointer: 'yes' });
// @ts-expect-error the description is read-only
iface.shape = [3];
// @ts-expect-error base must be an object
fromArrayInterface(iface, { base: 5 });
// @ts-expect-error copy is a boolean
toScijs(a, { copy: 'always' });
// @ts-expect-error __array_interface__ is read-only
a.__array_interface__ = iface;
// @ts-expect-error the version is always 3
const wrongVersion: 2 = iface.version;
