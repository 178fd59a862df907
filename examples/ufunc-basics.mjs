// examples/ufunc-basics.mjs
// NumPy's ufuncs: weak JS scalars (NEP 50), reductions, two outputs, out/where, errstate.
import { add, asarray, divide, divmod, errstate, maximum, sqrt } from 'ndinterop';

const a = asarray(new Int32Array([1, 2, 3, 4, 5, 6])).reshape(2, 3);
const b = add(a, 1); // 1 is weak: the result stays int32
console.log(b.dtype.name, JSON.stringify(b.toArray()));
console.log(add(a, 1.5).dtype.name);
console.log(sqrt(asarray(new Int8Array([4]))).dtype.name, '(as NumPy)');
const rows = add.reduce(a, { axis: 1 });
console.log(rows.dtype.name, rows.toArray());
console.log(add.reduce(a, { axis: null }), '(a 0-d result comes back as a JS scalar)');
console.log(maximum.accumulate(asarray([1, 3, 2], { dtype: 'float64' })).toArray());
const [q, r] = divmod(asarray([7, -7], { dtype: 'float64' }), 2);
console.log(q.toArray(), r.toArray());
const same = add(a, a, { out: a, where: asarray([true, false, true]) });
console.log(same === a, JSON.stringify(a.toArray()));
console.log(errstate({ divide: 'ignore' }, () => divide(asarray([1], { dtype: 'float64' }), 0).toArray()));
