// examples/async-calls.mjs
// Every ufunc method has an .async form that runs on the libuv thread pool.
import { add, asarray, multiply } from 'ndinterop';

const a = asarray(new Float64Array([1, 2, 3, 4, 5, 6]));
const b = asarray(new Float64Array(6).fill(10));
const out = asarray(new Float64Array(6));
const c = await add.async(a, b, { out }); // resolves to `out`
console.log(c === out, c.toArray());
console.log(await add.reduce.async(a, { axis: null }));
console.log(JSON.stringify((await add.accumulate.async(a.reshape(2, 3), { axis: 1 })).toArray()));
console.log((await add.reduceat.async(a, [0, 2, 4])).toArray());
console.log(JSON.stringify((await multiply.outer.async(asarray([1, 2], { dtype: 'float64' }), asarray([3, 4], { dtype: 'float64' }))).toArray()));
console.log(await add.at.async(a, [0, 0, 3], 1), a.toArray());
