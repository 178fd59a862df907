// astype of contiguous arrays from 2^18 elements on is cut into chunks that
// the pool's threads share (core/ufunc/cast.h castDirect). The result must be
// NumPy's byte for byte, and a flag raised in any chunk (NaN or an out-of-range
// value into int32, overflow into float32) must reach errstate once, as
// NumPy's single warning.
import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/index.js';
import { captureWarnings } from '../helpers/warnings.js';
import { hasNumpy, numpyBytes, skipReason } from '../ufunc/ufunc-numpy.js';

const n = (1 << 18) * 3 + 12345;
const cases = [
  { from: 'float64', to: 'float32', special: 'x[n - 7] = 1e300' },
  { from: 'float64', to: 'int32', special: 'x[5] = np.nan; x[n // 2 + 3] = 3e9' },
  { from: 'float32', to: 'int32', special: 'x[n - 1] = -np.inf' },
  { from: 'int32', to: 'float32', special: 'x[::1001] = 16777217' },
  { from: 'float64', to: 'int16', special: 'x[n // 3] = 1e6' },
  { from: 'float64', to: 'float32', special: 'pass' },
];

describe.skipIf(!hasNumpy)(`astype of large arrays, split across threads, matches NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const script = `import sys, json, warnings, numpy as np
cases = ${JSON.stringify(cases)}
n = ${n}
out = sys.stdout.buffer
meta = []
for i, c in enumerate(cases):
    rng = np.random.default_rng(i)
    x = (rng.standard_normal(n) * 1e4).astype(c['from'])
    exec(c['special'])
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        r = x.astype(c['to'])
    meta.append(sorted(str(m.message) for m in w))
    out.write(x.tobytes()); out.write(r.tobytes())
out.write(json.dumps(meta).encode())
`;
  const stdout = numpyBytes(script);
  const size: Record<string, number> = { float64: 8, float32: 4, int32: 4, int16: 2 };
  let offset = 0;
  const payloads = cases.map((c) => {
    const input = stdout.subarray(offset, offset + n * size[c.from]!);
    offset += input.length;
    const expected = stdout.subarray(offset, offset + n * size[c.to]!);
    offset += expected.length;
    return { input, expected };
  });
  const warningsOf = hasNumpy ? (JSON.parse(stdout.subarray(offset).toString()) as string[][]) : [];

  it.each(cases.map((c, i) => [`${c.from} -> ${c.to} (${c.special})`, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const copy = new Uint8Array(payloads[i]!.input);
    const a = new NDArray({ buffer: copy.buffer, dtype: c.from, shape: [n] });
    let r: NDArray | undefined;
    const warnings = captureWarnings(() => {
      r = a.astype(c.to) as NDArray;
    });
    expect(Buffer.from(r!.buffer as ArrayBuffer, r!.byteOffset, n * size[c.to]!).equals(payloads[i]!.expected)).toBe(true);
    expect(warnings.map((w) => w.message).sort()).toEqual(warningsOf[i]);
  });
});
