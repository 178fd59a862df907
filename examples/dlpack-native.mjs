// examples/dlpack-native.mjs
// A tensor from a native addon and back, no copies.
import { add, fromDlpack, toDlpack } from 'ndinterop';
import { addon } from './native-addon/load.mjs';

// The addon makes a float64 tensor in its own (malloc'd) memory.
const a = fromDlpack(addon.ramp(5)); // a zero-copy view of the addon's memory
console.log(a.dtype.name, a.shape.join('x'), [...a].join(' '));

// Compute in JS, then hand the result to the addon: `handle` is the native
// capsule any addon reads with ndinterop.h; it reads our memory in place.
const b = add(a, 10);
console.log('sum in C:', addon.sum(toDlpack(b).handle));

// Views go too (strides travel with the tensor).
console.log('every other, in C:', addon.sum(toDlpack(b.slice('::2')).handle));
