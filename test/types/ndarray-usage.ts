// Compiled by test/array/ndarray-types.test.ts (never run). Every line must
// type-check, and every @ts-expect-error line must really be an error.
import { NDArray, asarray, dtype } from '../../src/index.js';
import type { Complex, Device, NDArrayFlags, Scalar } from '../../src/index.js';

const a: NDArray = new NDArray({ buffer: new Float64Array(6), dtype: 'float64', shape: [2, 3] });
const b: NDArray = new NDArray({ buffer: new ArrayBuffer(8), dtype: dtype('<f4'), shape: [2], strides: [4], byteOffset: 0, readonly: true, base: {} });
const shape: readonly number[] = a.shape;
const strides: readonly number[] = a.strides;
const device: Device = a.device;
const flags: NDArrayFlags = a.flags;
const value: Scalar = a.get(0, 1);
a.set(0, 1, 2.5);
const view: NDArray = a.slice('::-1', null, '...', 0).T.reshape(-1).broadcastTo([2, 6]);
const reshaped: NDArray = a.reshape([3, 2]).transpose([1, 0]).transpose(0, 1);
const converted: NDArray = asarray([1, 2], { dtype: 'int8', copy: true }).astype('float32', { casting: 'safe' });
const typed = a.toTypedArray();
const complexValue: Complex = { re: 1, im: 2 };
asarray(complexValue);
asarray(new Uint8Array(4));
asarray(7n);
void [b, shape, strides, device, flags, value, view, reshaped, converted, typed];

// @ts-expect-error shape is required
new NDArray({ buffer: new ArrayBuffer(8), dtype: 'uint8' });
// @ts-expect-error buffer must be memory
new NDArray({ buffer: [1, 2], dtype: 'uint8', shape: [2] });
// @ts-expect-error shape is readonly
a.shape = [6];
// @ts-expect-error shape entries cannot be mutated
a.shape[0] = 3;
// @ts-expect-error casting is one of NumPy's names
a.astype('int8', { casting: 'sometimes' });
// @ts-expect-error indices are numbers
a.get('0', 1);
// @ts-expect-error slice specs are numbers, strings or null
a.slice({ start: 1 });
// @ts-expect-error flags are read-only
a.flags.writeable = true;
