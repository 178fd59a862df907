// Float sums must be NumPy's bit for bit: NumPy adds pairwise along the
// reduced axis, so a plain left-to-right sum would differ in the last bits.
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray } from '../../src/index.js';
import { hasNumpy, numpyJson, skipReason } from './ufunc-numpy.js';

describe.skipIf(!hasNumpy)(`add.reduce of float64 equals NumPy's pairwise sum exactly (${hasNumpy ? 'NumPy found' : skipReason})`, () => {
  const data = hasNumpy
    ? numpyJson<{ x: number[]; whole: number[]; rows: number[]; columns: number[] }>(`
rng = np.random.default_rng(6)
x = rng.standard_normal(1001) * 10.0 ** rng.integers(-5, 5, 1001)
m = x[:1000].reshape(10, 100)
print(json.dumps({'x': x.tolist(), 'whole': [float(np.add.reduce(x)), float(np.add.reduce(x[::-1])), float(np.add.reduce(x[::3]))],
                  'rows': np.add.reduce(m, axis=1).tolist(), 'columns': np.add.reduce(m, axis=0).tolist()}))`)
    : { x: [], whole: [], rows: [], columns: [] };

  it('over contiguous, reversed and strided 1-d input', () => {
    const a = asarray(new Float64Array(data.x));
    expect([add.reduce(a), add.reduce(a.slice('::-1')), add.reduce(a.slice('::3'))]).toEqual(data.whole);
  });

  it('along either axis of a 2-d array', () => {
    const m = asarray(new Float64Array(data.x)).slice(':1000').reshape([10, 100]);
    expect((add.reduce(m, { axis: 1 }) as NDArray).toArray()).toEqual(data.rows);
    expect((add.reduce(m, { axis: 0 }) as NDArray).toArray()).toEqual(data.columns);
  });
});
