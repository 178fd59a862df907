// Comparisons of contiguous int32 and int64 arrays run the vectorized loop
// of the float comparisons (core/kernels/compare_ops.h intCompareLoop);
// strided ones the generic loop. Both must give NumPy's bools, with the
// types' extremes and equal values among the operands.
import { describe, expect, it } from 'vitest';
import { NDArray, equal, greater, greater_equal, less, less_equal, not_equal } from '../../src/index.js';
import { hasNumpy, numpyBytes, skipReason } from './ufunc-numpy.js';

const ufuncs = { less, less_equal, greater, greater_equal, equal, not_equal } as const;
const names = Object.keys(ufuncs) as (keyof typeof ufuncs)[];
const dtypes = ['int32', 'int64'] as const;
const n = 1001;

describe.skipIf(!hasNumpy)(`int32 and int64 comparisons match NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const script = `import sys, json, numpy as np
out = sys.stdout.buffer
for k, dt in enumerate(${JSON.stringify(dtypes)}):
    rng = np.random.default_rng(70 + k)
    info = np.iinfo(dt)
    a = rng.integers(-5, 5, ${n}).astype(dt)
    b = rng.integers(-5, 5, ${n}).astype(dt)
    a[:4] = [info.min, info.max, info.min, info.max]
    b[:4] = [info.max, info.min, info.min, info.max]
    out.write(a.tobytes()); out.write(b.tobytes())
    for name in ${JSON.stringify(names)}:
        f = getattr(np, name)
        out.write(f(a, b).tobytes())
        out.write(f(a[::2][:${n} // 2], b[1::2]).tobytes())
`;
  const stdout = numpyBytes(script);
  const half = Math.ceil(n / 2);
  const stridedLength = Math.min(half, Math.floor(n / 2));

  it.each(dtypes.flatMap((dt, k) => names.map((name) => [`${name} ${dt}`, dt, k, name] as const)))('%s', (_, dt, k, name) => {
    const size = dt === 'int32' ? 4 : 8;
    // Per dtype: a, b, then per ufunc the contiguous and the strided result.
    const blockOf = (itemsize: number) => 2 * n * itemsize + names.length * (n + stridedLength);
    const base = k === 0 ? 0 : blockOf(4);
    const a = new NDArray({ buffer: new Uint8Array(stdout.subarray(base, base + n * size)).buffer, dtype: dt, shape: [n] });
    const b = new NDArray({ buffer: new Uint8Array(stdout.subarray(base + n * size, base + 2 * n * size)).buffer, dtype: dt, shape: [n] });
    const at = base + 2 * n * size + names.indexOf(name) * (n + stridedLength);
    const contiguous = ufuncs[name](a, b) as NDArray;
    expect(Buffer.from(new Uint8Array(contiguous.buffer, contiguous.byteOffset, n))).toEqual(stdout.subarray(at, at + n));
    const strided = ufuncs[name](a.slice('::2').slice(`:${stridedLength}`), b.slice('1::2')) as NDArray;
    expect(Buffer.from(new Uint8Array(strided.buffer, strided.byteOffset, stridedLength))).toEqual(stdout.subarray(at + n, at + n + stridedLength));
  });
});
