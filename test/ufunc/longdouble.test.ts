// longdouble ('g', x86-64 80-bit extended in 16 bytes) and clongdouble ('G'):
// every ufunc loop NumPy has for them, and the casts to and from every numeric
// dtype, compared byte for byte with NumPy run on the same input bytes.
import { describe, expect, it } from 'vitest';
import { NDArray, dtype, ufuncs } from '../../src/index.js';
import { hasNumpy, numpyJson, skipReason } from './ufunc-numpy.js';

const onX86 = process.arch === 'x64';
const skip = !hasNumpy || !onX86;
const why = !onX86 ? 'longdouble is x87 extended only on x86-64' : skipReason;

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function toHex(a: NDArray): string {
  const c = a.copy();
  return Buffer.from(new Uint8Array(c.buffer as ArrayBuffer, c.byteOffset, c.nbytes)).toString('hex');
}

// Bytes 10-15 of each 80-bit value are padding NumPy leaves uninitialised:
// only the 10 value bytes of each 16 are compared.
function valueHex(hex: string, typestr: string): string {
  if (!/^[<>]?[fc](16|32)$/.test(typestr)) return hex;
  let out = '';
  for (let i = 0; i < hex.length; i += 32) out += hex.slice(i, i + 20) + '....';
  return out;
}

function arrayOf(hex: string, typestr: string): NDArray {
  const bytes = fromHex(hex);
  const dt = dtype(typestr);
  return new NDArray({ buffer: bytes.buffer, dtype: dt, shape: [bytes.length / dt.itemsize] });
}

// Inputs as NumPy builds them; the script prints every loop's inputs and
// outputs as hex bytes.
const inputs = `
import warnings
warnings.simplefilter('ignore')
g = np.array([0.0, -0.0, 1.0, -2.5, 0.5, 3.0, 1e-300, 7.25, -1e10, np.inf, -np.inf, np.nan, 0.1, 1/3, 100.0, -0.75], dtype='g')
g = g + np.longdouble(1) / np.longdouble(7) * (np.arange(16) % 3 == 1)
h = np.array([2.0, 0.0, -3.0, 0.5, -0.0, np.inf, 2.0, -1.0, 3.0, 1.0, np.nan, 2.0, 0.25, -7.5, 1e-4, 4.0], dtype='g')
G = (g + 1j * h[::-1]).astype('G')
H = (h - 0.5j * g).astype('G')
ints = np.array([3, -2, 0, 70, -16400, 1, 2, 5, -1, 0, 3, 4, 100, -5, 16384, 2], dtype='i4')
`;

interface LoopCase {
  ufunc: string;
  types: string;
  inputs: { hex: string; typestr: string }[];
  outputs: { hex: string; typestr: string }[];
}

describe.skipIf(skip)(`every longdouble/clongdouble loop matches NumPy${skip ? ` (${why})` : ''}`, () => {
  const cases = skip
    ? []
    : numpyJson<LoopCase[]>(`${inputs}
def arr(c, i):
    if c == 'g': return [g, h, g[::-1]][i]
    if c == 'G': return [G, H, G[::-1]][i]
    if c == 'i': return ints
    if c == 'l': return ints.astype('l')
out = []
for name in sorted(dir(np)):
    u = getattr(np, name)
    if not isinstance(u, np.ufunc) or u.signature is not None or name != u.__name__: continue
    for t in u.types:
        ins, outs = t.split('->')
        if not any(c in 'gG' for c in t): continue
        xs = [arr(c, i) for i, c in enumerate(ins)]
        with np.errstate(all='ignore'):
            ys = u(*xs, signature=t)
        if not isinstance(ys, tuple): ys = (ys,)
        out.append(dict(ufunc=name, types=t,
            inputs=[dict(hex=x.tobytes().hex(), typestr=x.dtype.str) for x in xs],
            outputs=[dict(hex=y.tobytes().hex(), typestr=y.dtype.str) for y in ys]))
print(json.dumps(out))
`);

  it('NumPy has the loops the table lists', () => {
    const names = new Set(cases.map((c) => c.ufunc));
    expect(names.size).toBeGreaterThan(70);
    for (const c of cases) {
      const u = (ufuncs as unknown as Record<string, { types: readonly string[] }>)[c.ufunc]!;
      expect(u.types, c.ufunc).toContain(c.types);
    }
  });

  for (const c of cases) {
    it(`${c.ufunc} ${c.types}`, () => {
      const u = (ufuncs as unknown as Record<string, (...args: unknown[]) => NDArray | NDArray[]>)[c.ufunc]!;
      const args = c.inputs.map((x) => arrayOf(x.hex, x.typestr));
      const result = u(...args) as NDArray | NDArray[];
      const results = Array.isArray(result) ? result : [result];
      results.forEach((r, k) => {
        expect(r.dtype.str).toBe(c.outputs[k]!.typestr);
        expect(valueHex(toHex(r), r.dtype.str)).toBe(valueHex(c.outputs[k]!.hex, c.outputs[k]!.typestr));
      });
    });
  }
});
