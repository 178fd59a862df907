// examples/array-functions.mjs
// Creation, shape and selection functions: NumPy's names, arguments and results.
import { arange, concatenate, eye, full, linspace, nonzero, stack, take, where, zeros } from 'ndinterop';

const a = arange(6).reshape(2, 3);
console.log(String(a)); // int64, as np.arange(6)
console.log(String(zeros([2, 2], 'float32')));
console.log(String(full(3, 7)), full(3, 7).dtype.name);
console.log(String(full(2, { re: 1, im: -2 })));      // a complex fill value, not options
console.log(String(linspace(0, 1, 5)));
console.log(String(eye(3, { k: 1, dtype: 'int8' })));

console.log(String(concatenate([a, a], 1)));
console.log(stack([a, a], -1).shape.join(' x '));
console.log(String(a.flatten('F')));

console.log(String(where([[true, false, true], [false, true, false]], a, -1)));
console.log(nonzero(a).map(String).join(' | '));
console.log(String(take(a, [2, 0], 1)));
console.log(String(a.getMask([true, false]))); // a[[True, False]]
