// examples/integer-lists.mjs
import { asarray, power } from '../dist/esm/index.js';

console.log(asarray([2, 3]).dtype.name); // integer numbers: int64, as np.asarray([2, 3])
console.log(asarray([2, 3.5]).dtype.name); // any other number makes the list float64
console.log(asarray([1, -0]).dtype.name); // -0 is a float
console.log(asarray([2, 3], { dtype: 'float64' }).dtype.name); // ask for float64 explicitly
console.log(asarray(7).dtype.name); // a bare integer number: int64, as np.asarray(7)

const base = asarray([1, 2], { dtype: 'int64' });
const out = asarray([0, 0], { dtype: 'int64' });
power(base, [2, 3], { out }); // [2, 3] is int64, so the int64 loop runs
console.log(out.toArray());
