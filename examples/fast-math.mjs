// examples/fast-math.mjs
// NumPy math over plain typed arrays, into memory you
// own (`out`), and off the main thread (`.async`).
import { add, asarray, divide, errstate, multiply, sin } from 'ndinterop';

const n = 1_000_000;
const x = new Float64Array(n).map((_, i) => i / n);
const y = new Float64Array(n);

// Views over the typed arrays: no copies. Results go straight into `y`.
const xs = asarray(x);
const ys = asarray(y);
multiply(xs, 2 * Math.PI, { out: ys });
sin(ys, { out: ys });
console.log('y[250000] =', y[250000].toFixed(6)); // sin(pi / 2)

// A reduction, and the same work on the thread pool: the event loop stays free.
console.log('sum of x =', add.reduce(xs, { axis: null }));
const total = await add.reduce.async(ys, { axis: null });
console.log('sum of sin over a full turn ~ 0:', Math.abs(Number(total)) < 1e-9);

// Integer math wraps like NumPy's; division by zero follows errstate.
const small = asarray(new Int8Array([120, 7]));
console.log('int8 120 + 10 =', add(small, 10).get(0));
errstate({ divide: 'raise' }, () => {
  try {
    divide(asarray([1, 2], { dtype: 'float64' }), 0);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error)) throw error;
    console.log(`${error.name} ${error.code}: ${error.message}`);
  }
});
