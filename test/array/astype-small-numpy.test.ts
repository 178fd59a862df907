// astype between float64, float32 and int32 of small arrays runs in JS
// (NDArray's small casts) unless a conversion would raise a floating-point
// flag. Each case is converted by NumPy in the same run: the bytes, the
// RuntimeWarnings (default settings, and with every flag set to warn) must
// match, on each side of the size limit, for NaN, infinities, signed zeros,
// subnormals, overflow into float32 and values out of int32's range.
import { describe, expect, it } from 'vitest';
import { NDArray, errstate } from '../../src/index.js';
import { smallSize } from '../../src/array/ndarray.js';
import { captureWarnings } from '../helpers/warnings.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';

interface Case {
  from: string;
  to: string;
  shape: number[];
  hex: string;
  all: 'ignore' | 'warn';
  result: string;
  warnings: string[];
}

const script = `
import warnings
rng = np.random.default_rng(11)
specials = {
  'float64': [np.nan, -0.0, 0.0, np.inf, -np.inf, 5e-324, 1e-40, 1e300, -1e300, 3.4028235e38, 2.5, -2.5, 2147483647.9, -2147483648.9, 2147483648.0, -2147483649.0],
  'float32': [np.nan, -0.0, 0.0, np.inf, -np.inf, 1e-45, 1e-40, 3e38, 2.5, -2.5, 16777217.0, 2147483648.0, -2147483648.0],
  'int32': [2**31 - 1, -2**31, 0, -1, 16777217, 16777216, 7],
}
cases = []
for frm in ['float64', 'float32', 'int32']:
    for to in ['float64', 'float32', 'int32']:
        for shape in [(), (5,), (${smallSize},), (${smallSize + 1},), (3, 4)]:
            for special in (False, True):
                n = int(np.prod(shape))
                v = (rng.integers(-1000, 1000, n) if frm == 'int32' else rng.standard_normal(n) * 1e3).astype(frm)
                if special:
                    pool = specials[frm]
                    for i in range(n):
                        if rng.random() < 0.5: v[i] = pool[rng.integers(0, len(pool))]
                v = v.reshape(shape)
                for setting in ('ignore', 'warn'):
                    with np.errstate(all=setting if setting == 'warn' else None), warnings.catch_warnings(record=True) as w:
                        warnings.simplefilter('always')
                        r = v.astype(to)
                    cases.append({'from': frm, 'to': to, 'shape': list(shape), 'hex': v.tobytes().hex(), 'all': setting,
                                  'result': r.tobytes().hex(), 'warnings': sorted(str(x.message) for x in w)})
print(json.dumps(cases))
`;

describe.skipIf(!hasNumpy)(`astype of small float64/float32/int32 arrays matches NumPy (${hasNumpy ? 'python3' : skipReason})`, () => {
  const cases = hasNumpy ? numpyJson<Case[]>(script) : [];

  it('every pair of dtypes, shape and error setting', () => {
    expect(cases.length).toBe(3 * 3 * 5 * 2 * 2);
    const mismatches: string[] = [];
    for (const c of cases) {
      const bytes = Buffer.from(c.hex, 'hex');
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      const a = new NDArray({ buffer: copy.buffer, dtype: c.from, shape: c.shape });
      let r: NDArray | undefined;
      const run = () => {
        r = a.astype(c.to) as NDArray;
      };
      const warnings = captureWarnings(() => (c.all === 'warn' ? errstate({ all: 'warn' }, run) : run()));
      const label = `${c.from} -> ${c.to} ${JSON.stringify(c.shape)} (${c.all}) ${c.hex.slice(0, 48)}`;
      expect(r!.dtype.name).toBe(c.to);
      expect(r!.shape).toEqual(c.shape);
      const got = Buffer.from(r!.copy().buffer as ArrayBuffer).toString('hex');
      if (got !== c.result) mismatches.push(`${label}: ${got} vs NumPy ${c.result}`);
      const messages = warnings.map((w) => w.message).sort();
      if (JSON.stringify(messages) !== JSON.stringify(c.warnings)) mismatches.push(`${label}: warnings ${JSON.stringify(messages)} vs NumPy ${JSON.stringify(c.warnings)}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
