// examples/reductions-sorting.mjs
// Reductions and sorting, NumPy style (docs/guides/reductions-and-sorting.md).
import { asarray, sum, mean, std, argmax, sort, argsort, unique } from '../dist/esm/index.js';
import * as nd from '../dist/esm/index.js';

const a = asarray([[3, 1, 2], [9, 7, 8]], { dtype: 'float64' });
console.log(sum(a));                                   // 30
console.log(asarray(sum(a, 0)).toArray());             // [ 12, 8, 10 ] (of a 1-d a, sum(a, 0) is a scalar)
console.log(mean(a, { axis: 1, keepdims: true }).shape); // [ 2, 1 ]
console.log(std(a, { ddof: 1 }).toFixed(6));           // 3.405877
console.log(nd.var(a).toFixed(6), nd.var === nd.variance); // 9.666667 true (NumPy's name)
console.log(argmax(a), argmax(a, 1).toArray());        // 3 [ 0n, 0n ] (axis 1: a 2-d a, an array)
console.log(sort(asarray([2, NaN, -1, 0])).toArray()); // NaN sorts last
console.log(argsort(asarray([2, 1, 2, 1]), { kind: 'stable' }).toArray());
const [values, counts] = unique(asarray([3, 1, 3, 3, 2]), { returnCounts: true });
console.log(values.toArray(), counts.toArray());
a.sort(0);                                             // in place, along axis 0
console.log(a.toArray());
