// Contiguous integer and bool sums run in eight partial sums
// (core/kernels/arith.cc AddOp::reduce); strided ones run in order. Both must
// give NumPy's result bit for bit, including wraparound, for every length
// around the eight-lane blocks, and along axes of a matrix.
import { describe, expect, it } from 'vitest';
import { NDArray, add, bitwise_and, logical_and, multiply } from '../../src/index.js';
import { hasNumpy, numpyBytes, skipReason } from './ufunc-numpy.js';

const dtypes = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const;
const lengths = [0, 1, 7, 8, 9, 15, 16, 17, 63, 1000, 4099];
const itemsize: Record<string, number> = { bool: 1, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8 };

interface Case {
  dtype: string;
  n: number;
}
const cases: Case[] = dtypes.flatMap((dtype) => lengths.map((n) => ({ dtype, n })));

describe.skipIf(!hasNumpy)(`integer add.reduce matches NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  // Values near each type's ends so partial sums wrap; the result of each
  // reduction (whole, every other element, and axis 0/1 of a (n/8, 8) view)
  // as NumPy gives it, with its dtype.
  const script = `import sys, json, numpy as np
cases = ${JSON.stringify(cases)}
out = sys.stdout.buffer
meta = []
for i, c in enumerate(cases):
    rng = np.random.default_rng(100 + i)
    dt = np.dtype(c['dtype'])
    n = c['n']
    if dt.kind == 'b':
        x = rng.integers(0, 2, n).astype(dt)
    else:
        info = np.iinfo(dt)
        x = rng.integers(info.max - 200, info.max, n, dtype=dt, endpoint=True)
        x[::3] = rng.integers(info.min, info.min + 200, len(x[::3]), dtype=dt, endpoint=True)
    whole = np.add.reduce(x)
    strided = np.add.reduce(x[::2])
    rows = n // 8
    m = x[:rows * 8].reshape(rows, 8)
    axis0 = np.add.reduce(m, axis=0)
    axis1 = np.add.reduce(m, axis=1)
    meta.append({'dtype': str(whole.dtype), 'whole': str(whole), 'strided': str(strided),
                 'axis0': [str(v) for v in axis0], 'axis1': [str(v) for v in axis1]})
    out.write(x.tobytes())
out.write(json.dumps(meta).encode())
`;
  const stdout = numpyBytes(script);
  let offset = 0;
  const inputs = cases.map((c) => {
    const bytes = stdout.subarray(offset, offset + c.n * itemsize[c.dtype]!);
    offset += bytes.length;
    return bytes;
  });
  const expected = hasNumpy
    ? (JSON.parse(stdout.subarray(offset).toString()) as { dtype: string; whole: string; strided: string; axis0: string[]; axis1: string[] }[])
    : [];
  const text = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

  it.each(cases.map((c, i) => [`${c.dtype} x ${c.n}`, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const want = expected[i]!;
    const x = new NDArray({ buffer: new Uint8Array(inputs[i]!).buffer, dtype: c.dtype, shape: [c.n] });
    // A whole reduction gives a scalar, as NumPy's does; keepdims shows the dtype.
    expect(text(add.reduce(x))).toBe(want.whole);
    expect((add.reduce(x, { keepdims: true }) as NDArray).dtype.name).toBe(want.dtype);
    expect(text(add.reduce(x.slice('::2')))).toBe(want.strided);
    const rows = Math.floor(c.n / 8);
    const m = x.slice(`:${rows * 8}`).reshape([rows, 8]);
    expect(((add.reduce(m, { axis: 0 }) as NDArray).toArray() as unknown[]).map(text)).toEqual(want.axis0);
    expect(((add.reduce(m, { axis: 1 }) as NDArray).toArray() as unknown[]).map(text)).toEqual(want.axis1);
  });
});

// Reductions along an axis start from the ufunc's identity, written into a
// fresh accumulator one element and then doubling copies at a time
// (methods.ts fillWith): every accumulator size, odd or not, must start
// filled, for identities whose bytes are not zeros (1, all bits set, true).
const identityCases = [
  { ufunc: 'multiply', dtype: 'float64' },
  { ufunc: 'multiply', dtype: 'int32' },
  { ufunc: 'multiply', dtype: 'uint8' },
  { ufunc: 'bitwise_and', dtype: 'int16' },
  { ufunc: 'bitwise_and', dtype: 'uint64' },
  { ufunc: 'logical_and', dtype: 'bool' },
  { ufunc: 'add', dtype: 'float32' },
].flatMap((c) => [[3, 5], [17, 8], [1000, 3], [1, 1], [2, 1025]].flatMap((shape) => [0, 1].map((axis) => ({ ...c, shape, axis }))));

describe.skipIf(!hasNumpy)(`reductions along an axis start from the identity, as NumPy's (${hasNumpy ? 'python3' : skipReason})`, () => {
  const script = `import sys, json, numpy as np
cases = ${JSON.stringify(identityCases)}
out = sys.stdout.buffer
meta = []
for i, c in enumerate(cases):
    rng = np.random.default_rng(500 + i)
    dt = np.dtype(c['dtype'])
    n = c['shape'][0] * c['shape'][1]
    if dt.kind == 'b':
        x = rng.random(n) < 0.9
    elif dt.kind == 'f':
        x = (1 + rng.random(n) / 100).astype(dt)
    else:
        x = rng.integers(1, 4, n).astype(dt)
        if c['ufunc'] == 'bitwise_and':
            x = (x * 0 + np.iinfo(dt).max - rng.integers(0, 3, n)).astype(dt)
    r = getattr(np, c['ufunc']).reduce(x.reshape(c['shape']), axis=c['axis'])
    meta.append({'dtype': str(r.dtype), 'values': [str(v) for v in r]})
    out.write(x.tobytes())
out.write(json.dumps(meta).encode())
`;
  const stdout = numpyBytes(script);
  const bytesOf: Record<string, number> = { float64: 8, float32: 4, int32: 4, uint8: 1, int16: 2, uint64: 8, bool: 1 };
  let offset = 0;
  const inputs = identityCases.map((c) => {
    const bytes = stdout.subarray(offset, offset + c.shape[0]! * c.shape[1]! * bytesOf[c.dtype]!);
    offset += bytes.length;
    return bytes;
  });
  const expected = hasNumpy ? (JSON.parse(stdout.subarray(offset).toString()) as { dtype: string; values: string[] }[]) : [];
  const text = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  const ufuncs = { multiply, bitwise_and, logical_and, add } as const;

  it.each(identityCases.map((c, i) => [`${c.ufunc}.reduce ${c.dtype} (${c.shape.join(',')}) axis ${c.axis}`, i] as const))('%s', (_, i) => {
    const c = identityCases[i]!;
    const want = expected[i]!;
    const x = new NDArray({ buffer: new Uint8Array(inputs[i]!).buffer, dtype: c.dtype, shape: c.shape });
    const r = ufuncs[c.ufunc as keyof typeof ufuncs].reduce(x, { axis: c.axis }) as NDArray;
    expect(r.dtype.name).toBe(want.dtype);
    const got = (r.toArray() as unknown[]).map(text);
    if (c.dtype.startsWith('float')) {
      // Floats: NumPy prints the shortest form that reads back as the same
      // float32 or float64; toArray gives that value as a JS number.
      const round = c.dtype === 'float32' ? Math.fround : (v: number) => v;
      expect(got.map(Number)).toEqual(want.values.map((v) => round(Number(v))));
    } else {
      expect(got).toEqual(want.values);
    }
  });
});
