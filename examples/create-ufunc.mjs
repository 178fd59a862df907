// examples/create-ufunc.mjs
// A ufunc of your own: broadcasting, out, reduce and .async come with it.
import { asarray, ufuncDispatch } from 'ndinterop';

const clampedAdd = ufuncDispatch.createUfunc({
  name: 'clampedAdd', nin: 2, nout: 1, identity: 0,
  loops: { 'll->l': (a, b) => (a + b > 100n ? 100n : a + b), 'dd->d': (a, b) => Math.min(a + b, 100) },
});
console.log(clampedAdd(asarray([10, 60, 90], { dtype: 'float64' }), 30).toArray());
console.log(clampedAdd.reduce(asarray(new BigInt64Array([50n, 40n, 30n]))));
