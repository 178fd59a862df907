// examples/array-interface.mjs
// NumPy's __array_interface__, both ways.
import { arrayInterface, asarray } from 'ndinterop';

const a = asarray(new Int32Array([0, 1, 2, 3, 4, 5])).reshape(2, 3).slice('::-1', '1:');
const { version, shape, typestr, descr, strides, data, offset } = a.__array_interface__;
console.log({ version, shape, typestr, descr, strides, dataBytes: data.byteLength, offset });
const [address, readonly] = arrayInterface(a, { pointer: true }).data;
console.log('pointer form:', typeof address, readonly);

// Any object with __array_interface__ (own property or getter) works with asarray:
const big = asarray({ __array_interface__: { shape: [2], typestr: '>u2', data: new Uint8Array([0, 1, 0, 2]), version: 3 } });
console.log(big.dtype.str, big.toArray());
