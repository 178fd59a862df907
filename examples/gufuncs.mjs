// examples/gufuncs.mjs
// Generalized ufuncs: matmul, vecdot, matvec, with batches and core axes.
import { asarray, matmul, matvec, vecdot } from 'ndinterop';

const m = asarray([[1, 2], [3, 4]], { dtype: 'float64' });
console.log(JSON.stringify(matmul(m, asarray([[5, 6], [7, 8]], { dtype: 'float64' })).toArray()));
console.log(matmul(asarray([1, 2, 3], { dtype: 'float64' }), asarray([4, 5, 6], { dtype: 'float64' })), '(0-d result: a JS scalar)');
const stack = asarray(new Float64Array(10 * 3 * 4).fill(1)).reshape(10, 3, 4);
console.log(matmul(stack, asarray(new Float64Array(4 * 5).fill(2)).reshape(4, 5)).shape);
const x = asarray([[1, 2], [3, 4]], { dtype: 'float64' });
console.log(JSON.stringify(vecdot(x, x, { axis: 0, keepdims: true }).toArray()));
const v = asarray([1, 1], { dtype: 'float64' });
const out = asarray(new Float32Array(2));
matvec(m, v, { out, dtype: 'float32', casting: 'unsafe' });
console.log(out.dtype.name, out.toArray());
console.log(JSON.stringify((await matmul.async(m, m)).toArray()));
