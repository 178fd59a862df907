// matmul, vecdot, matvec and vecmat of longdouble and clongdouble: x87
// extended precision end to end (a double would lose the 2^-60 terms),
// compared byte for byte (the 10 value bytes of each 16) with NumPy run on
// the same inputs, contiguous and strided, with the conjugation of vecdot's
// and vecmat's first argument.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray, matmul, matvec, vecdot, vecmat } from '../../src/index.js';
import { hasNumpy, numpyJson, skipReason } from './ufunc-numpy.js';

const onX86 = process.arch === 'x64';
const skip = !hasNumpy || !onX86;
const why = !onX86 ? 'longdouble is x87 extended only on x86-64' : skipReason;

function valueHex(a: NDArray): string {
  const c = a.copy();
  const hex = Buffer.from(new Uint8Array(c.buffer as ArrayBuffer, c.byteOffset, c.nbytes)).toString('hex');
  let out = '';
  for (let i = 0; i < hex.length; i += 32) out += hex.slice(i, i + 20);
  return out;
}

function fromHex(hex: string, dtypeName: 'longdouble' | 'clongdouble', shape: number[]): NDArray {
  const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  return new NDArray({ buffer: bytes.buffer, dtype: dtypeName, shape });
}

describe.skipIf(skip)(`gufuncs of longdouble/clongdouble match NumPy byte for byte (${skip ? why : 'python3'})`, () => {
  const want = skip
    ? {}
    : numpyJson<Record<string, string>>(`
def vh(x):
    h = np.ascontiguousarray(x).tobytes().hex()
    return ''.join(h[i:i + 20] for i in range(0, len(h), 32))
t = 2.0 ** -60
a = np.array([[1, t, 3], [t, 1, -t], [2, 5, t]], dtype='g')
b = np.array([[1, 1, t], [t, 3, 1], [1, -t, 2]], dtype='g')
c = (a + 1j * b[::-1]).astype('G')
d = (b - 1j * a).astype('G')
print(json.dumps({
  'a': np.ascontiguousarray(a).tobytes().hex(), 'b': np.ascontiguousarray(b).tobytes().hex(),
  'c': np.ascontiguousarray(c).tobytes().hex(), 'd': np.ascontiguousarray(d).tobytes().hex(),
  'matmul_g': vh(np.matmul(a, b)), 'matmul_gT': vh(np.matmul(a.T, b[:, ::-1])),
  'vecdot_g': vh(np.vecdot(a, b)), 'matvec_g': vh(np.matvec(a, b[0])), 'vecmat_g': vh(np.vecmat(a[1], b)),
  'matmul_G': vh(np.matmul(c, d)), 'vecdot_G': vh(np.vecdot(c, d)), 'matvec_G': vh(np.matvec(c, d[2])),
  'vecmat_G': vh(np.vecmat(c[0], d)), 'vecdot_GT': vh(np.vecdot(c.T, d.T)),
}))`);

  it('longdouble', () => {
    const a = fromHex(want.a!, 'longdouble', [3, 3]);
    const b = fromHex(want.b!, 'longdouble', [3, 3]);
    expect(valueHex(matmul(a, b) as NDArray)).toBe(want.matmul_g);
    expect(valueHex(matmul(a.T, b.slice(':', '::-1')) as NDArray)).toBe(want.matmul_gT);
    expect(valueHex(vecdot(a, b) as NDArray)).toBe(want.vecdot_g);
    expect(valueHex(matvec(a, b.slice(0)) as NDArray)).toBe(want.matvec_g);
    expect(valueHex(vecmat(a.slice(1), b) as NDArray)).toBe(want.vecmat_g);
    expect((matmul(a, b) as NDArray).dtype.name).toBe('longdouble');
  });

  it('clongdouble, first argument conjugated by vecdot and vecmat', () => {
    const c = fromHex(want.c!, 'clongdouble', [3, 3]);
    const d = fromHex(want.d!, 'clongdouble', [3, 3]);
    expect(valueHex(matmul(c, d) as NDArray)).toBe(want.matmul_G);
    expect(valueHex(vecdot(c, d) as NDArray)).toBe(want.vecdot_G);
    expect(valueHex(matvec(c, d.slice(2)) as NDArray)).toBe(want.matvec_G);
    expect(valueHex(vecmat(c.slice(0), d) as NDArray)).toBe(want.vecmat_G);
    expect(valueHex(vecdot(c.T, d.T) as NDArray)).toBe(want.vecdot_GT);
  });

  it('mixed with float64, the result is longdouble', () => {
    const a = fromHex(want.a!, 'longdouble', [3, 3]);
    const r = matmul(a, asarray([[1, 0, 0], [0, 1, 0], [0, 0, 1]])) as NDArray;
    expect(r.dtype.name).toBe('longdouble');
    expect(valueHex(r)).toBe(valueHex(a));
  });
});
