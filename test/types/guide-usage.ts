// test/types/guide-usage.ts
import { NDArray, add, asarray } from '../../src/index.js';

// Element types follow the dtype.
const a = asarray([1, 2], { dtype: 'float64' }); // NDArray<'float64'>
const x: number = a.get(0);
const t: Float64Array = a.toTypedArray();
const i = asarray(new BigInt64Array(2)); // NDArray<'int64'>
const n: bigint = i.get(0);
const u: NDArray = a; // untyped: get() gives the union of all element types

// Subclasses keep their class through views and ufunc results.
class Meters extends NDArray<'float64'> {
  unit = 'm';
  __array_finalize__(source: NDArray): void {
    this.unit = source instanceof Meters ? source.unit : 'm';
  }
}
const m = new Meters({ buffer: new Float64Array(3), dtype: 'float64', shape: [3] });
const v: Meters = m.slice('1:'); // views: `this`
const s: Meters = add(m, 1); // ufunc results: the subclass
const asInt = m.astype('int32'); // Meters' own members, NDArray<'int32'> element access
const unit: string = asInt.unit;

export { x, t, n, u, v, s, unit };
