// Compiled by test/interop/array-interface-types.test.ts (never run). Every line must
// type-check, and every @ts-expect-error line must really be an error.
import { NDArray, arrayInterface, asarray, fromArrayInterface, fromMessage, toMessage, toOrtTensor, toScijs, toStdlib } from '../../src/index.js';
import type { ArrayInterface, ArrayInterfaceBufferForm, ArrayInterfaceCommon, ArrayInterfaceForm, ArrayInterfacePointerForm, ForeignArray, InterfacePointer, NDArrayJson, NDArrayMessage, OrtTensorLike, ScijsArray, ScijsNdarray, StdlibNdarray } from '../../src/index.js';

const a: NDArray = asarray([1, 2]);
const iface: ArrayInterface = arrayInterface(a);
const pointer: InterfacePointer = arrayInterface(a, { pointer: true }).data;
const address: bigint = pointer[0];
// The form follows the pointer option: the buffer by default and on NDArray's property.
const bufferBytes: number = arrayInterface(a).data.byteLength + a.__array_interface__.data.byteLength;
const offset: number = arrayInterface(a, { pointer: false }).offset;
const bufferForm: ArrayInterfaceBufferForm = a.__array_interface__;
const pointerForm: ArrayInterfacePointerForm = arrayInterface(a, { pointer: true });
const form: ArrayInterfaceForm = 'pointer';
const flag: boolean = bufferBytes > 0;
const eitherForm: ArrayInterface = arrayInterface(a, { pointer: flag });
const eitherData: ArrayBuffer | SharedArrayBuffer | InterfacePointer = eitherForm.data;
const namedForm: ArrayInterface<'buffer'> = bufferForm;
const common: ArrayInterfaceCommon = pointerForm;
void [bufferBytes, offset, pointerForm, form, eitherData, namedForm, common.typestr];
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
const scijs: ScijsArray = toScijs(a);
const first: number | bigint = scijs.get(0);
const reversed: ScijsArray = scijs.step(-1).lo(1);
const position: number = reversed.index(0) + scijs.size + scijs.dimension;
void [address, version, strides, b, c, d, e, s, t, o, first, position];

// @ts-expect-error the buffer form's data is not a pointer
const notPointer: InterfacePointer = arrayInterface(a).data;
// @ts-expect-error the pointer form's data is not a buffer
const notBuffer: ArrayBuffer = arrayInterface(a, { pointer: true }).data;
// @ts-expect-error with a pointer option known only at run time, data may be either
const unsure: ArrayBuffer | SharedArrayBuffer = arrayInterface(a, { pointer: flag }).data;
// @ts-expect-error NDArray's __array_interface__ is the buffer form
const propertyPointer: ArrayInterfacePointerForm = a.__array_interface__;
// @ts-expect-error a scijs array's indices are numbers
scijs.get('0');
// @ts-expect-error an element may be a bigint (BigInt64Array data)
const onlyNumber: number = scijs.get(0);
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

// Sending arrays to workers, JSON and iteration (src/interop/message.ts, json.ts, iteration.ts).
const message: NDArrayMessage = toMessage(a, { transfer: true });
const transferList: ArrayBuffer[] = message.transfer;
const rebuilt: NDArray = fromMessage(message);
const json: NDArrayJson = a.toJSON();
const items = [...a];
void [transferList, rebuilt, json, items];
// @ts-expect-error transfer is a boolean
toMessage(a, { transfer: 'yes' });
// @ts-expect-error toMessage takes an NDArray
toMessage([1, 2]);
// @ts-expect-error the guard property is not part of the API
void a.noStructuredClone;
