// add.reduce of small float64, float32 and int32 arrays runs in JS
// (src/ufunc/tiny.ts tryTinyReduce) in the kernel's pairwise order. Its
// bits must be NumPy's for every length around the 8-element blocks and the
// 128-element limit, whole 1-d arrays and rows of 2-d ones, with values of
// mixed magnitude (where the order of the additions shows), signed zeros,
// and sums that overflow (the call then leaves the JS path, and NumPy's
// warning must still come).
import { describe, expect, it } from 'vitest';
import { NDArray, add } from '../../src/index.js';
import { captureWarnings } from '../helpers/warnings.js';
import { hasNumpy, numpyBytes, skipReason } from './ufunc-numpy.js';

interface Case {
  dtype: 'float64' | 'float32' | 'int32';
  shape: number[];
  kind: 'mixed' | 'zeros' | 'overflow' | 'nan';
}
const lengths = [1, 2, 7, 8, 9, 15, 16, 17, 31, 64, 100, 127, 128, 129];
const cases: Case[] = [
  ...(['float64', 'float32', 'int32'] as const).flatMap((dtype) => lengths.map((n) => ({ dtype, shape: [n], kind: 'mixed' as const }))),
  ...(['float64', 'float32', 'int32'] as const).flatMap((dtype) =>
    [[2, 4], [3, 9], [4, 32], [8, 16], [16, 8], [1, 128], [128, 1], [2, 65]].map((shape) => ({ dtype, shape, kind: 'mixed' as const })),
  ),
  ...(['float64', 'float32'] as const).flatMap((dtype) => [[1], [5], [12], [2, 3]].map((shape) => ({ dtype, shape, kind: 'zeros' as const }))),
  ...(['float64', 'float32'] as const).flatMap((dtype) => [[3], [20], [4, 10]].map((shape) => ({ dtype, shape, kind: 'overflow' as const }))),
  ...(['float64', 'float32'] as const).flatMap((dtype) => [[6], [40]].map((shape) => ({ dtype, shape, kind: 'nan' as const }))),
];

describe.skipIf(!hasNumpy)(`add.reduce of small arrays matches NumPy bit for bit (${hasNumpy ? 'python3' : skipReason})`, () => {
  const script = `import sys, json, warnings, numpy as np
cases = ${JSON.stringify(cases)}
out = sys.stdout.buffer
meta = []
for i, c in enumerate(cases):
    rng = np.random.default_rng(900 + i)
    dt = np.dtype(c['dtype'])
    n = int(np.prod(c['shape']))
    if c['kind'] == 'zeros':
        x = np.where(rng.random(n) < 0.5, -0.0, 0.0).astype(dt)
    elif dt.kind == 'i':
        x = rng.integers(-2**31, 2**31, n, dtype=np.int64).astype(dt)
    else:
        x = (rng.standard_normal(n) * 10.0 ** rng.integers(-8, 9, n)).astype(dt)
        if c['kind'] == 'overflow':
            x[::2] = np.finfo(dt).max / 2
        if c['kind'] == 'nan':
            x[n // 2] = np.inf
            x[n // 3] = -np.inf
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        r = np.add.reduce(x.reshape(c['shape']), axis=-1)
    meta.append({'dtype': str(r.dtype), 'warnings': sorted(str(m.message) for m in w)})
    out.write(x.tobytes())
    out.write(np.asarray(r).tobytes())
out.write(json.dumps(meta).encode())
`;
  const stdout = numpyBytes(script);
  const itemsize = { float64: 8, float32: 4, int32: 4 } as const;
  const resultSize = { float64: 8, float32: 4, int32: 8 } as const;
  let offset = 0;
  const payloads = cases.map((c) => {
    const n = c.shape.reduce((a, b) => a * b, 1);
    const input = stdout.subarray(offset, offset + n * itemsize[c.dtype]);
    offset += input.length;
    const rows = c.shape.length === 1 ? 1 : c.shape[0]!;
    const expected = stdout.subarray(offset, offset + rows * resultSize[c.dtype]);
    offset += expected.length;
    return { input, expected };
  });
  const meta = hasNumpy ? (JSON.parse(stdout.subarray(offset).toString()) as { dtype: string; warnings: string[] }[]) : [];

  it.each(cases.map((c, i) => [`${c.dtype} (${c.shape.join(',')}) ${c.kind}`, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const x = new NDArray({ buffer: new Uint8Array(payloads[i]!.input).buffer, dtype: c.dtype, shape: c.shape });
    let r: unknown;
    const warnings = captureWarnings(() => {
      r = add.reduce(x, { axis: -1 });
    });
    let bytes: Uint8Array;
    if (c.shape.length === 1) {
      // A whole 1-d reduction gives a JS scalar: number for floats, bigint for int64.
      const scalar = new DataView(new ArrayBuffer(8));
      if (c.dtype === 'float32') scalar.setFloat32(0, r as number, true);
      else if (c.dtype === 'float64') scalar.setFloat64(0, r as number, true);
      else scalar.setBigInt64(0, r as bigint, true);
      bytes = new Uint8Array(scalar.buffer, 0, resultSize[c.dtype]);
    } else {
      const a = r as NDArray;
      expect(a.dtype.name).toBe(meta[i]!.dtype);
      bytes = new Uint8Array(a.buffer, a.byteOffset, a.size * a.dtype.itemsize);
    }
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(payloads[i]!.expected).toString('hex'));
    expect(warnings.map((w) => w.message).sort()).toEqual(meta[i]!.warnings);
  });
});
