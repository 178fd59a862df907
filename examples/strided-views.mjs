// examples/strided-views.mjs
// NDArray: a strided view with NumPy's data model, over memory you own.
import { NDArray, asarray } from 'ndinterop';

const data = new Float64Array([1, 2, 3, 4, 5, 6]);
const a = new NDArray({ buffer: data, dtype: 'float64', shape: [2, 3] });
console.log('strides', a.strides); // bytes, C order
console.log('a.get(1, -1) =', a.get(1, -1));
a.set(0, 0, 10); // writes through to the Float64Array
console.log('data[0] =', data[0]);

// A reversed view of the same memory: negative stride, offset of element [0].
const r = new NDArray({ buffer: a.buffer, dtype: 'float64', shape: [6], strides: [-8], byteOffset: 40 });
console.log('reversed', r.toArray());

const i16 = asarray(new Int16Array(4)); // zero-copy, O(1)
console.log(i16.dtype.name, i16.shape);
const nested = asarray([[1.5, 2], [3, 4]]);
console.log(nested.dtype.name, nested.shape);
