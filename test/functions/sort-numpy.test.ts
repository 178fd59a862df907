// In-place sorts of 8-byte elements run through the vector quicksort
// (native/core/kernels/quicksort.h) on integer keys, with zeros and NaNs set
// aside; the result must be bit for bit NumPy's stable sort: -0.0 and +0.0
// in their original order, NaNs last with sign and payload kept, every
// default kind alike. The lengths cover the leaf networks, the single-thread
// quicksort and the two-thread split (2^20 elements and up).
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray, asarray } from '../../src/index.js';
import { hasNumpy, numpyBytes, skipReason } from '../ufunc/ufunc-numpy.js';

const big = 2 ** 20 + 4099;

interface Case {
  name: string;
  dtype: 'float64' | 'int64' | 'uint64';
  n: number;
  shape?: number[];
  axis?: number;
  kind?: 'stable' | 'quicksort' | 'heapsort';
  make: string; // Python expression for `a`, given rng and n
}

const floatMix = `(lambda x: (x.__setitem__(slice(None, None, 97), np.nan), x.__setitem__(slice(5, None, 101), 0.0), x.__setitem__(slice(7, None, 103), -0.0),
  x.__setitem__(slice(3, None, 211), np.inf), x.__setitem__(slice(4, None, 223), -np.inf), x.__setitem__(slice(2, None, 89), np.round(x[2::89])),
  x.__setitem__(slice(9, None, 307), 5e-324), x, x.view(np.uint64).__setitem__(slice(11, None, 499), np.uint64(0xfff8000000000001)), x)[-1])(rng.standard_normal(n))`;

const cases: Case[] = [
  { name: 'float64 with NaN (payloads, sign), +0/-0, inf, subnormal, ties', dtype: 'float64', n: big, make: floatMix },
  { name: 'float64 with NaN, +0/-0 (single thread)', dtype: 'float64', n: 100003, make: floatMix },
  { name: 'float64 with NaN, +0/-0 (leaf network sizes)', dtype: 'float64', n: 61, make: floatMix },
  { name: 'float64 without zeros or NaN (one key pass)', dtype: 'float64', n: big, make: 'rng.standard_normal(n) * 1e300' },
  { name: 'float64 all -0.0 and +0.0', dtype: 'float64', n: 5000, make: 'np.where(rng.integers(0, 2, n) == 1, -0.0, 0.0)' },
  { name: 'float64 all NaN of two signs', dtype: 'float64', n: 300, make: 'np.where(rng.integers(0, 2, n) == 1, -np.nan, np.nan)' },
  { name: 'float64 sorted descending', dtype: 'float64', n: big, make: '-np.arange(n, dtype=np.float64)' },
  { name: 'float64 stable kind (same path)', dtype: 'float64', n: big, kind: 'stable', make: floatMix },
  { name: 'float64 heapsort kind', dtype: 'float64', n: 4097, kind: 'heapsort', make: floatMix },
  { name: 'int64 full range and extremes', dtype: 'int64', n: big, make: "(lambda x: (x.__setitem__(slice(None, None, 51), np.iinfo(np.int64).min), x.__setitem__(slice(1, None, 53), np.iinfo(np.int64).max), x)[-1])(rng.integers(-2**63, 2**63 - 1, n, dtype=np.int64, endpoint=True))" },
  { name: 'int64 four distinct values', dtype: 'int64', n: big, make: 'rng.integers(-2, 2, n, dtype=np.int64)' },
  { name: 'int64 all equal', dtype: 'int64', n: big, make: 'np.full(n, -7, dtype=np.int64)' },
  { name: 'uint64 full range (high bit set)', dtype: 'uint64', n: big, make: 'rng.integers(0, 2**64 - 1, n, dtype=np.uint64, endpoint=True)' },
  { name: 'uint64 around 2^63', dtype: 'uint64', n: 100003, make: 'np.uint64(2**63) + rng.integers(-1000, 1000, n).astype(np.uint64)' },
  { name: 'float64 rows, last axis', dtype: 'float64', n: 3 * 400000, shape: [3, 400000], make: floatMix },
  { name: 'float64 rows, axis 0', dtype: 'float64', n: 400000 * 3, shape: [400000, 3], axis: 0, make: floatMix },
];

function bytesOf(a: NDArray): Buffer {
  const c = a.copy();
  return Buffer.from(c.buffer as ArrayBuffer, c.byteOffset, c.size * c.itemsize);
}

describe.skipIf(!hasNumpy)(`sorts of 8-byte elements match NumPy's stable sort bit for bit (${hasNumpy ? 'python3' : skipReason})`, () => {
  // One python3 run writes each case's input, then np.sort(kind='stable') of it.
  const script = `import sys, numpy as np
cases = ${JSON.stringify(cases.map((c) => ({ dtype: c.dtype, n: c.n, shape: c.shape ?? [c.n], axis: c.axis ?? -1, make: c.make })))}
out = sys.stdout.buffer
for i, c in enumerate(cases):
    rng = np.random.default_rng(100 + i)
    n = c['n']
    a = np.ascontiguousarray(np.asarray(eval(c['make'])).astype(c['dtype']).reshape(c['shape']))
    out.write(a.tobytes())
    out.write(np.ascontiguousarray(np.sort(a, axis=c['axis'], kind='stable')).tobytes())
`;
  const stdout = numpyBytes(script);
  let offset = 0;
  const payloads = cases.map((c) => {
    const bytes = c.n * 8;
    const input = stdout.subarray(offset, offset + bytes);
    const sorted = stdout.subarray(offset + bytes, offset + 2 * bytes);
    offset += 2 * bytes;
    return { input, sorted };
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const { input, sorted } = payloads[i]!;
    const copy = new Uint8Array(input); // aligned, owned copy
    const Ctor = c.dtype === 'float64' ? Float64Array : c.dtype === 'int64' ? BigInt64Array : BigUint64Array;
    const a = asarray(new Ctor(copy.buffer, 0, c.n)).reshape(c.shape ?? [c.n]);
    const options = c.kind ? { kind: c.kind } : {};
    const got = nd.sort(a, c.axis ?? -1, options);
    expect(got.dtype.name).toBe(c.dtype);
    expect(bytesOf(got).equals(sorted)).toBe(true);
    // In place (the method) gives the same bits and leaves the input's other rows alone.
    const own = a.copy();
    own.sort(c.axis ?? -1);
    expect(bytesOf(own).equals(sorted)).toBe(true);
  });
});
