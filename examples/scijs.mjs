// examples/scijs.mjs
// scijs ndarray <-> NDArray, zero-copy both ways.
import ndarray from 'ndarray';
import { asarray, toScijs } from 'ndinterop';

const s = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
const a = asarray(s.transpose(1, 0)); // same memory
console.log(a.shape, a.strides);
a.set(0, 1, 40);
console.log('s.get(1, 0) =', s.get(1, 0));

const back = toScijs(a.slice('::-1')); // negative strides survive the trip
console.log('back.get(0, 0) =', back.get(0, 0));
