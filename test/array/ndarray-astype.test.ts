import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NDArray, asarray, dtype, errstate, seterr } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import { hasNumpy, numpyJson } from './ndarray-numpy.js';
import { captureWarnings } from '../helpers/warnings.js';

// The value tables cast NaN, infinities and out-of-range values on purpose:
// NumPy warns for them too ('invalid value encountered in cast'); their
// suites ignore the warnings, as np.errstate(all='ignore') would.
function ignoringCastWarnings(): void {
  let previous: ReturnType<typeof seterr>;
  beforeAll(() => {
    previous = seterr({ all: 'ignore' });
  });
  afterAll(() => {
    seterr(previous);
  });
}

const numpyNames = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64', 'complex64', 'complex128'];
const castings = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'] as const;

describe.skipIf(!hasNumpy)('astype casting rules match np.can_cast', () => {
  const table = hasNumpy
    ? numpyJson<Record<string, boolean>>(`
names = ${JSON.stringify(numpyNames)}
out = {}
for c in ${JSON.stringify(castings)}:
    for a in names:
        for b in names:
            out[f'{a} {b} {c}'] = bool(np.can_cast(a, b, c))
print(json.dumps(out))`)
    : {};
  it.each(castings)('casting %s', (casting) => {
    for (const from of numpyNames) {
      const source = asarray([0], { dtype: from });
      for (const to of numpyNames) {
        let allowed = true;
        try {
          source.astype(to, { casting });
        } catch (error) {
          expect((error as { code?: string }).code).toBe('ERR_INVALID_DTYPE');
          allowed = false;
        }
        expect([from, to, casting, allowed]).toEqual([from, to, casting, table[`${from} ${to} ${casting}`]]);
      }
    }
  });

  it('byte-order changes need equiv', () => {
    const big = asarray([1, 2], { dtype: 'float64' }).astype(dtype('float64').newByteOrder('>'), { casting: 'equiv' });
    expect(big.dtype.byteorder).toBe('>');
    expect(big.toArray()).toEqual([1, 2]);
    expect(new Uint8Array(big.buffer, big.byteOffset, 8)[0]).toBe(0x3f);
    expectError(() => big.astype('float64', { casting: 'no' }), TypeError, 'ERR_INVALID_DTYPE', "Cannot cast array data from dtype('>f8') to dtype('float64') according to the rule 'no'");
  });
});

describe.skipIf(!hasNumpy)('astype values match NumPy', () => {
  ignoringCastWarnings();
  const sources: Array<[string, unknown[]]> = [
    ['float64', [0, 1.5, -1.5, 2.5, -0.7, 127.9, 128, 255.5, -128.9, 65535.9, 1e9, -1e9, 4294967295, 1e-8, 65504, 65520, 3.4e38, 1e300]],
    ['int64', [0n, 1n, -1n, 127n, 128n, 255n, 256n, -129n, 65535n, 65536n, 2147483647n, 2147483648n, -2147483649n, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n]],
    ['uint64', [0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 9007199254740993n, 16777217n, 2n ** 53n + 2n ** 29n]],
    ['int32', [0, -1, 2147483647, -2147483648, 16777217, 65504, 70000]],
    ['bool', [true, false]],
    ['float16', [0, 1.5, -2.5, 65504, 0.0999755859375, -0.5]],
    ['complex128', [{ re: 1.5, im: 2 }, { re: -3.7, im: 0 }, { re: 0, im: 1 }, { re: 0, im: 0 }]],
  ];
  const targets = numpyNames;
  const expected = hasNumpy
    ? numpyJson<Record<string, unknown[]>>(`
def encode(v):
    if isinstance(v, complex): return {'re': encode(v.real), 'im': encode(v.imag)}
    if isinstance(v, bool): return v
    if isinstance(v, int): return {'bigint': str(v)}
    if v != v: return 'NaN'
    if v in (float('inf'), float('-inf')): return 'Infinity' if v > 0 else '-Infinity'
    return v
def decode(v):
    if isinstance(v, dict) and 're' in v: return complex(v['re'], v['im'])
    if isinstance(v, dict): return int(v['bigint'])
    return v
out = {}
for name, values in json.loads(${JSON.stringify(JSON.stringify(sources, (_k, v) => (typeof v === 'bigint' ? { bigint: String(v) } : v)))}):
    a = np.array([decode(v) for v in values], dtype=name)
    for t in ${JSON.stringify(targets)}:
        out[name + ' ' + t] = [encode(x) for x in a.astype(t).tolist()]
print(json.dumps(out))`)
    : {};

  const normalise = (value: unknown, target: string): unknown => {
    if (typeof value === 'object' && value !== null && 're' in value) {
      const c = value as { re: unknown; im: unknown };
      return { re: normalise(c.re, target), im: normalise(c.im, target) };
    }
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (typeof value === 'object' && value !== null && 'bigint' in value) {
      const big = BigInt((value as { bigint: string }).bigint);
      return target === 'int64' || target === 'uint64' ? big : Number(big);
    }
    return value;
  };

  // Out-of-range float -> integer values are the x86-64 ones (see the next suite).
  const floatToIntUndefined = (source: string, target: string): boolean =>
    process.arch !== 'x64' && /^(float|complex)/.test(source) && /int/.test(target);
  for (const [source, values] of sources) {
    it.each(targets)(`${source} -> %s`, (target) => {
      if (floatToIntUndefined(source, target)) return;
      const a = asarray(values as never, { dtype: source });
      const got = a.astype(target).toArray() as unknown[];
      const want = expected[`${source} ${target}`]!.map((v) => normalise(v, target));
      expect(got).toEqual(want);
    });
  }
});

describe.skipIf(process.arch !== 'x64')('astype of out-of-range floats (undefined in C; NumPy 2.4 on x86-64)', () => {
  ignoringCastWarnings();
  // Hand table recorded from NumPy 2.4 on x86-64:
  // np.array(values).astype(t).tolist()
  const values = [300.7, -1.5, -300.2, NaN, Infinity, -Infinity, 3e9, -3e9, 1e19, -1e19, 1e30, 2 ** 63, 2 ** 64, 4294967296 + 5];
  const table: Array<[string, unknown[]]> = [
    ['int8', [44, -1, -44, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['uint8', [44, 255, 212, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['int16', [300, -1, -300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['uint16', [300, 65535, 65236, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['int32', [300, -1, -300, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, -2147483648]],
    ['uint32', [300, 4294967295, 4294966996, 2147483648, 0, 2147483648, 3000000000, 2147483648, 0, 2147483648, 0, 0, 0, 5]],
    ['int64', [300n, -1n, -300n, -(2n ** 63n), -(2n ** 63n), -(2n ** 63n), 3000000000n, -3000000000n, -(2n ** 63n), -(2n ** 63n), -(2n ** 63n), -(2n ** 63n), -(2n ** 63n), 4294967301n]],
    ['uint64', [300n, 2n ** 64n - 1n, 2n ** 64n - 300n, 2n ** 63n, 0n, 2n ** 63n, 3000000000n, 2n ** 64n - 3000000000n, 10000000000000000000n, 2n ** 63n, 0n, 2n ** 63n, 0n, 4294967301n]],
    ['bool', values.map(() => true)],
  ];
  it.each(table)('float64 -> %s', (target, expected) => {
    expect(asarray(values).astype(target).toArray()).toEqual(expected);
  });
});

// Byte-exact against NumPy's astype (NaN signs, -0, float16 rounding, big
// arrays that take pooled result memory and NumPy's vector loops), for
// contiguous, strided and byte-swapped sources. NumPy gives the source bytes
// as hex and a SHA-256 of each result.
describe.skipIf(!hasNumpy || process.arch !== 'x64')('astype bytes match NumPy', () => {
  ignoringCastWarnings();
  // Values as Python literals: float('nan') etc. for the special values.
  const floats = '[0.0, -0.0, 1.5, -1.5, 2.5, -0.7, 127.9, 128.0, 255.5, -128.9, 65504.0, 65519.99, 65520.0, 1e-8, 6e-8, 2.0**-25, 1e300, -1e300, nan, -nan, inf, -inf, 3e9, -3e9, 1e19, -1e19]';
  const integers = '[0, 1, -1, 127, 128, 255, 256, -129, 65535, 65536, 2147483647, -2147483648, 16777217, 2049]';
  const sources: Array<[string, string]> = [
    ['float64', floats],
    ['float32', floats],
    ['float16', '[0.0, -0.0, 1.5, -2.5, 65504.0, nan, -nan, inf, -inf, 6e-8, -300.5]'],
    ['int32', integers],
    ['int64', `${integers} + [9007199254740993, -9223372036854775808, 9223372036854775807]`],
    ['uint8', '[0, 1, 127, 128, 255]'],
    ['bool', '[True, False]'],
    ['complex128', '[0, 1.5, -2.5, nan, 65520, -1e19]'],
  ];
  // complex -> uint32 of NaN or out-of-range values depends on the array
  // length in NumPy (see test/ufunc/kernels-cast.test.ts), so it has no single answer.
  const targets = numpyNames.filter((name) => name !== 'uint32');
  const lengths = [1, 3, 2000]; // 2000 x 26 float64 elements: pooled result memory
  const expected = hasNumpy && process.arch === 'x64'
    ? numpyJson<Record<string, { source: string; result: string }>>(`
import hashlib
nan, inf = float('nan'), float('inf')
out = {}
for name, values in [${sources.map(([name, values]) => `('${name}', ${values})`).join(', ')}]:
    base = np.array(values, dtype='f8' if name.startswith(('float', 'complex')) else name).astype(name)
    for n in ${JSON.stringify(lengths)}:
        a = np.tile(base, n)
        for t in ${JSON.stringify(targets)}:
            out[f'{name} {n} {t}'] = {'source': base.tobytes().hex(), 'result': hashlib.sha256(a.astype(t).tobytes()).hexdigest()}
print(json.dumps(out))`)
    : {};
  const tiled = (text: string, n: number): Uint8Array => new Uint8Array(Buffer.from(text.repeat(n), 'hex'));
  const toHex = (a: NDArray): string => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.size * a.dtype.itemsize)).digest('hex');
  for (const [source] of sources) {
    for (const n of lengths) {
      it.each(targets)(`${source} x${n} -> %s`, (target) => {
        const want = expected[`${source} ${n} ${target}`]!;
        const bytes = tiled(want.source, n);
        const a = new NDArray({ buffer: bytes, dtype: source, shape: [bytes.length / dtype(source).itemsize] });
        expect(toHex(a.astype(target))).toBe(want.result);
        // The same values read through a strided view and from byte-swapped memory.
        const doubled = new Uint8Array(bytes.length * 2);
        const size = dtype(source).itemsize;
        for (let i = 0; i < a.size; i += 1) doubled.set(bytes.subarray(i * size, (i + 1) * size), 2 * i * size);
        const strided = new NDArray({ buffer: doubled, dtype: source, shape: [a.size], strides: [2 * size] });
        expect(toHex(strided.astype(target))).toBe(want.result);
        const swapped = a.astype(dtype(source).newByteOrder('>'));
        expect(toHex(swapped.astype(target))).toBe(want.result);
        const bigTarget = dtype(target).newByteOrder('>');
        expect(toHex(a.astype(bigTarget).astype(target))).toBe(want.result);
      });
    }
  }
});

// NumPy 2.4 on this machine, np.array([nan, 1e300, 2.5]):
//   .astype(np.int64)   -> RuntimeWarning 'invalid value encountered in cast'
//   .astype(np.float32) -> RuntimeWarning 'overflow encountered in cast'
//   with np.errstate(invalid='raise'): FloatingPointError with that message.
describe('astype applies the error settings to its cast, as NumPy does', () => {
  const values = () => asarray(new Float64Array([Number.NaN, 1e300, 2.5]));

  it('warns once per category, naming the cast', () => {
    let result: unknown[] = [];
    expect(captureWarnings(() => (result = values().astype('int64').toArray() as unknown[]))).toEqual([{ name: 'RuntimeWarning', message: 'invalid value encountered in cast' }]);
    expect(result).toEqual([-(2n ** 63n), -(2n ** 63n), 2n]);
    expect(captureWarnings(() => (result = values().astype('float32').toArray() as unknown[]))).toEqual([{ name: 'RuntimeWarning', message: 'overflow encountered in cast' }]);
    expect(result).toEqual([Number.NaN, Infinity, 2.5]);
  });

  it('raises under errstate raise and stays quiet under ignore, and a clean cast reports nothing', () => {
    const warnings = captureWarnings(() => {
      expectError(() => errstate({ invalid: 'raise' }, () => values().astype('int32')), RangeError, 'ERR_FLOATING_POINT', 'invalid value encountered in cast');
      errstate({ all: 'ignore' }, () => values().astype('int8'));
      asarray(new Float64Array([1.5, -2])).astype('int16');
      asarray(new Float64Array([1.5, -2])).astype('float32');
    });
    expect(warnings).toEqual([]);
  });
});

describe('astype options and errors', () => {
  it('returns the array itself with copy: false when nothing changes', () => {
    const a = asarray([1.5, 2]);
    expect(a.astype('float64', { copy: false })).toBe(a);
    expect(a.astype('float64')).not.toBe(a);
    expect(a.astype('float32', { copy: false }).dtype).toBe(dtype('float32'));
  });
  it('gives C-contiguous results from strided sources', () => {
    const a = asarray([[1, 2, 3], [4, 5, 6]]).T;
    const b = a.astype('int16');
    expect(b.strides).toEqual([4, 2]);
    expect(b.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
  it('rejects a cast the casting rule forbids (NumPy message)', () => {
    expectError(
      () => asarray([1.5]).astype('int32', { casting: 'same_kind' }),
      TypeError,
      'ERR_INVALID_DTYPE',
      "Cannot cast array data from dtype('float64') to dtype('int32') according to the rule 'same_kind'",
    );
  });
  it('rejects an unknown casting rule', () => {
    expectError(() => asarray([1]).astype('int8', { casting: 'sometimes' as never }), TypeError, 'ERR_INVALID_ARG_VALUE', /casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' \(got "sometimes"\)/);
  });
  it('rejects conversions between text/time and numbers', () => {
    const M8 = NDArray._fromValidated({ buffer: new ArrayBuffer(8), byteOffset: 0, dtype: dtype('int64'), shape: [1], strides: [8], readonly: false });
    expectError(() => M8.astype('object'), TypeError, 'ERR_INVALID_DTYPE', /expected a dtype that can be viewed in memory/);
  });
});

describe('copy and toTypedArray', () => {
  it('copy is C-contiguous, same dtype and byte order, independent', () => {
    const big = dtype('int32').newByteOrder('>');
    const bytes = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]);
    const a = new NDArray({ buffer: bytes, dtype: big, shape: [2, 2] }).T;
    const c = a.copy();
    expect(c.dtype.byteorder).toBe('>');
    expect(c.strides).toEqual([8, 4]);
    expect(Array.from(new Uint8Array(c.buffer))).toEqual([0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4]);
    c.set(0, 0, 9);
    expect(a.get(0, 0)).toBe(1);
  });

  it('copies strided, reversed and byte-swapped views of every numeric type bit for bit (NaN payloads, signalling NaNs)', () => {
    // Random bytes: every float type meets signalling NaNs, payloads and
    // subnormals. The expected bytes are gathered element by element here.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const names = ['bool', 'int8', 'uint16', 'int32', 'uint64', 'float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128', 'longdouble', 'clongdouble'];
    for (const name of names) {
      for (const order of ['<', '>']) {
        const dt = dtype(name).newByteOrder(order);
        const itemsize = dt.itemsize;
        const bytes = new Uint8Array(itemsize * 4 * 6);
        for (let i = 0; i < bytes.length; i += 1) bytes[i] = name === 'bool' ? random() & 1 : random();
        const base = new NDArray({ buffer: bytes, dtype: dt, shape: [4, 6] });
        const views = [base.T, base.slice('::-1', '1::2'), base.slice('1:3', '::-3')];
        for (const view of views) {
          const expected: number[] = [];
          const visit = (axis: number, offset: number): void => {
            if (axis === view.shape.length) {
              for (let k = 0; k < itemsize; k += 1) expected.push(bytes[offset + k]!);
              return;
            }
            for (let i = 0; i < view.shape[axis]!; i += 1) visit(axis + 1, offset + i * view.strides[axis]!);
          };
          visit(0, view.byteOffset);
          const copy = view.copy();
          expect(copy.dtype.byteorder, `${name} ${order}`).toBe(dt.byteorder);
          expect(Array.from(new Uint8Array(copy.buffer as ArrayBuffer, copy.byteOffset, copy.size * itemsize)), `${name} ${order} ${JSON.stringify(view.strides)}`).toEqual(expected);
        }
      }
    }
  });

  it('is a zero-copy view for C-contiguous, native, aligned data', () => {
    const data = new Float32Array([1, 2, 3, 4]);
    const t = asarray(data).reshape(2, 2).toTypedArray();
    expect(t).toBeInstanceOf(Float32Array);
    expect(t.buffer).toBe(data.buffer);
    expect(Array.from(t)).toEqual([1, 2, 3, 4]);
  });

  it('copies strided, swapped or misaligned data into native order', () => {
    const a = asarray(new Int16Array([1, 2, 3, 4, 5, 6])).reshape(2, 3).T;
    const t = a.toTypedArray();
    expect(t).toBeInstanceOf(Int16Array);
    expect(Array.from(t)).toEqual([1, 4, 2, 5, 3, 6]);
    const swapped = new NDArray({ buffer: new Uint8Array([0x3f, 0x80, 0, 0]), dtype: dtype('float32').newByteOrder('>'), shape: [1] });
    expect(Array.from(swapped.toTypedArray())).toEqual([1]);
    const odd = new NDArray({ buffer: new Uint8Array([0, 1, 0, 2, 0]), dtype: 'uint16', shape: [2], byteOffset: 1 });
    const copied = odd.toTypedArray();
    expect(copied.buffer).not.toBe(odd.buffer);
    expect(Array.from(copied)).toEqual([1, 2]);
  });

  const kinds: Array<[string, unknown[], string, unknown[]]> = [
    ['bool', [true, false], 'Uint8Array', [1, 0]],
    ['int64', [1n, -1n], 'BigInt64Array', [1n, -1n]],
    ['uint64', [1n], 'BigUint64Array', [1n]],
    ['float16', [1, -2], 'Uint16Array', [0x3c00, 0xc000]],
    ['bfloat16', [1], 'Uint16Array', [0x3f80]],
    ['complex64', [{ re: 1, im: 2 }], 'Float32Array', [1, 2]],
    ['complex128', [{ re: 3, im: -4 }], 'Float64Array', [3, -4]],
  ];
  it.each(kinds)('%s gives %s', (name, values, ctorName, expected) => {
    const t = asarray(values as never, { dtype: name }).toTypedArray();
    expect(t.constructor.name).toBe(ctorName);
    expect(Array.from(t as ArrayLike<unknown>)).toEqual(expected);
  });
});
