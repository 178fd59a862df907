// Large operands take the engine's other paths: outputs of 16 MiB and more
// are written with non-temporal stores, work of 2^18 elements and more is
// split across a pool thread, and inputs in another dtype are converted
// chunk by chunk inside the loop (fused casting). Expected values come from
// closed forms (integer-valued doubles, so every order of evaluation gives
// the same bits) and NumPy's documented semantics, never from the engine.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numpyAvailable, numpyJson, skipWithoutNumpy } from './kernels-oracle.js';
import { NDArray, add, asarray, bitwise_and, cos, divide, errstate, exp, multiply, sin, sqrt } from '../../src/index.js';
import { captureWarnings as captureAll } from '../helpers/warnings.js';

const N = 3_000_000; // 24 MB of float64: streamed and split

function ramp(n: number, scale = 1, offset = 0): Float64Array {
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = i * scale + offset;
  return data;
}

function firstMismatch(actual: ArrayLike<number>, expected: (i: number) => number): number {
  for (let i = 0; i < actual.length; i++) {
    const want = expected(i);
    if (!Object.is(actual[i], want)) return i;
  }
  return -1;
}

function values(a: unknown): Float64Array {
  return (a as NDArray).toTypedArray() as Float64Array;
}

// The messages of the warnings `fn` emits.
function captureWarnings(fn: () => void): string[] {
  return captureAll(fn).map((warning) => warning.message);
}

function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0]! - bits[1]!;
  return Number(d < 0n ? -d : d);
}

describe('large elementwise calls (streamed stores, split across threads)', () => {
  it('add of two large float64 arrays, allocating and into out', () => {
    const a = asarray(ramp(N));
    const b = asarray(ramp(N, 2, 1));
    expect(firstMismatch(values(add(a, b)), (i) => 3 * i + 1)).toBe(-1);
    const out = asarray(new Float64Array(N));
    expect(add(a, b, { out })).toBe(out);
    expect(firstMismatch(values(out), (i) => 3 * i + 1)).toBe(-1);
  });

  it('in place (out is an input) gives each element once', () => {
    const x = asarray(ramp(N));
    const y = asarray(ramp(N, 0, 5));
    add(x, y, { out: x });
    expect(firstMismatch(values(x), (i) => i + 5)).toBe(-1);
  });

  it('out overlapping an input at an offset behaves as if the input were copied first', () => {
    const x = asarray(ramp(N + 1));
    const head = x.slice(':-1');
    const tail = x.slice('1:');
    add(head, tail, { out: tail });
    const data = values(x);
    expect(data[0]).toBe(0);
    // tail[i] = old x[i] + old x[i + 1] = 2i + 1
    expect(firstMismatch(data.subarray(1), (i) => 2 * i + 1)).toBe(-1);
  });

  it('a where mask leaves the masked-out elements of out untouched', () => {
    const a = asarray(ramp(N));
    const mask = new Uint8Array(N);
    for (let i = 0; i < N; i += 3) mask[i] = 1;
    const out = asarray(new Float64Array(N).fill(-1));
    add(a, 1, { out, where: asarray(mask, { dtype: 'bool' }) });
    expect(firstMismatch(values(out), (i) => (i % 3 === 0 ? i + 1 : -1))).toBe(-1);
  });

  it('strided and negative-stride views', () => {
    const base = asarray(ramp(2 * N));
    const evens = base.slice('::2');
    const reversed = base.slice('::-2');
    expect(firstMismatch(values(add(evens, reversed)), (i) => 2 * i + (2 * N - 1 - 2 * i))).toBe(-1);
  });

  it('broadcasting a row over many rows, and a column over many columns', () => {
    const rows = 1500;
    const cols = 2000;
    const m = asarray(ramp(rows * cols)).reshape([rows, cols]);
    const row = asarray(ramp(cols, -1));
    const col = asarray(ramp(rows, 1000)).reshape([rows, 1]);
    expect(firstMismatch(values(add(m, row)), (i) => i - (i % cols))).toBe(-1);
    expect(firstMismatch(values(add(m, col)), (i) => i + 1000 * Math.floor(i / cols))).toBe(-1);
    // A transposed (Fortran-ordered) operand.
    const t = m.T;
    expect(firstMismatch(values(add(t, 0)), (i) => (i % rows) * cols + Math.floor(i / rows))).toBe(-1);
  });

  it('floating-point flags raised in any part are reported once', () => {
    const a = asarray(new Float64Array(N).fill(1));
    const b = asarray(new Float64Array(N).fill(2));
    b.set(N - 1, 0);
    const warnings = captureWarnings(() => divide(a, b));
    expect(warnings).toEqual(['divide by zero encountered in divide']);
    expect(() => errstate({ divide: 'raise' }, () => divide(a, b))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'divide by zero encountered in divide' }),
    );
    const negatives = asarray(new Float64Array(N).fill(4));
    negatives.set(0, -1);
    expect(captureWarnings(() => sqrt(negatives))).toEqual(['invalid value encountered in sqrt']);
  });

  it('reductions along either axis of a large matrix (threads never split a reduced axis)', () => {
    const rows = 1200;
    const cols = 1000;
    const m = asarray(ramp(rows * cols)).reshape([rows, cols]);
    // Column j sums j + cols*i over i; row i sums cols*cols*i + j over j.
    const down = values(add.reduce(m, { axis: 0 }));
    expect(firstMismatch(down, (j) => rows * j + (cols * rows * (rows - 1)) / 2)).toBe(-1);
    const across = values(add.reduce(m, { axis: 1 }));
    expect(firstMismatch(across, (i) => cols * cols * i + (cols * (cols - 1)) / 2)).toBe(-1);
    expect(add.reduce(asarray(ramp(N)))).toBe((N * (N - 1)) / 2);
  });
});

describe('fused casting of inputs in another dtype', () => {
  const cases: [string, (i: number) => number][] = [
    ['int32', (i) => (i % 2000) - 1000],
    ['uint8', (i) => i % 256],
    ['int16', (i) => (i % 60000) - 30000],
    ['float32', (i) => (i % 4096) * 0.5],
    ['float16', (i) => (i % 2048) * 0.25],
    ['int64', (i) => i * 3 - 7],
  ];
  for (const [name, element] of cases) {
    it(`${name} + float64 gives float64 exactly as converting first would`, () => {
      const n = name === 'int64' ? 400_000 : N;
      const source = asarray(new Float64Array(n).map((_, i) => element(i))).astype(name as never);
      const other = asarray(ramp(n, 0.5));
      const result = add(source, other) as NDArray;
      expect(result.dtype.name).toBe('float64');
      expect(firstMismatch(values(result), (i) => element(i) + i * 0.5)).toBe(-1);
      // Input order does not matter.
      expect(firstMismatch(values(add(other, source)), (i) => element(i) + i * 0.5)).toBe(-1);
    });
  }

  it('a byte-swapped input is converted in the loop', () => {
    const n = 500_000;
    const bytes = new DataView(new ArrayBuffer(4 * n));
    for (let i = 0; i < n; i++) bytes.setInt32(4 * i, i - 250_000, false); // big-endian
    const swapped = new NDArray({ buffer: bytes.buffer, dtype: '>i4', shape: [n] });
    const result = multiply(swapped, 0.5) as NDArray;
    expect(result.dtype.name).toBe('float64');
    expect(firstMismatch(values(result), (i) => (i - 250_000) * 0.5)).toBe(-1);
  });

  it('int8 + uint8 computes in int16 with NumPy promotion', () => {
    const n = 300_000;
    const a = asarray(new Int8Array(n).map((_, i) => (i % 256) - 128));
    const b = asarray(new Uint8Array(n).map((_, i) => 255 - (i % 256)));
    const result = add(a, b) as NDArray;
    expect(result.dtype.name).toBe('int16');
    const data = result.toTypedArray() as Int16Array;
    expect(firstMismatch(data, (i) => (i % 256) - 128 + 255 - (i % 256))).toBe(-1);
  });

  it('a small mixed call takes the same path', () => {
    expect(Array.from(values(add(asarray(new Int32Array([1, -2, 3])), asarray(new Float64Array([0.5, 0.25, 0.125])))))).toEqual([
      1.5, -1.75, 3.125,
    ]);
  });
});

describe('vectorized float64 exp', () => {
  it('stays within 1 ulp of fdlibm (Math.exp) over the whole finite range, contiguous, strided and in place', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    let seed = 12345;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const u = seed / 2147483648;
      x[i] = i % 4 === 0 ? (u - 0.5) * 10 : i % 4 === 1 ? (u - 0.5) * 1 : -745 + u * 1455;
    }
    const expected = Array.from(x, Math.exp);
    const check = (got: Float64Array | number[]): number => {
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, ulpDistance(got[i]!, expected[i]!));
      return worst;
    };
    expect(check(values(exp(asarray(x))))).toBeLessThanOrEqual(1);
    const spaced = asarray(new Float64Array(2 * n));
    for (let i = 0; i < n; i++) spaced.set(2 * i, x[i]!);
    expect(check(values(exp(spaced.slice('::2'))))).toBeLessThanOrEqual(1);
    const inPlace = asarray(x.slice());
    exp(inPlace, { out: inPlace });
    expect(check(values(inPlace))).toBeLessThanOrEqual(1);
  });

  it('special values as C99 Annex F and NumPy: exact results, overflow warns, NaN is quiet', () => {
    const specials = [0, -0, 1, Infinity, -Infinity, NaN, 709.78, 710, 1000, -745.1, -746, -1000, 5e-324, -5e-324, 708, -708];
    const want = [1, 1, Math.E, Infinity, 0, NaN, Math.exp(709.78), Infinity, Infinity, 5e-324, 0, 0, 1, 1, Math.exp(708), Math.exp(-708)];
    for (const layout of ['contiguous', 'in place'] as const) {
      const input = asarray(Float64Array.from(specials));
      let result: Float64Array = new Float64Array(0);
      const warnings = captureWarnings(() => {
        result = values(layout === 'contiguous' ? exp(input) : exp(input, { out: input }));
      });
      specials.forEach((_, i) => expect(ulpDistance(result[i]!, want[i]!), `exp(${specials[i]}) ${layout}`).toBeLessThanOrEqual(1));
      expect(warnings).toEqual(['overflow encountered in exp']);
    }
    expect(captureWarnings(() => exp(asarray(Float64Array.from([NaN, -Infinity, 3]))))).toEqual([]);
    expect(() => errstate({ under: 'raise' }, () => exp(asarray(Float64Array.from([-1000]))))).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'underflow encountered in exp' }),
    );
  });
});

describe.skipIf(!numpyAvailable)(`add.reduce of long runs, split in two across threads${skipWithoutNumpy}`, () => {
  it('gives the bits NumPy pairwise summation gives, contiguous and strided, for float64 and float32', () => {
    const n = 1_500_001;
    const data = new Float64Array(n);
    let seed = 7;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      data[i] = (seed / 2147483648 - 0.5) * 10 ** ((i % 7) - 3);
    }
    const file = join(tmpdir(), `ndinterop-reduce-${process.pid}.bin`);
    writeFileSync(file, new Uint8Array(data.buffer));
    try {
      const expected = numpyJson<string[]>(
        `import numpy as np, json; a = np.fromfile(${JSON.stringify(file)}, dtype=np.float64); f = a.astype(np.float32)\n` +
          `print(json.dumps([repr(float(x)) for x in (np.add.reduce(a), np.add.reduce(a[::3]), np.add.reduce(a[1:-5]), np.add.reduce(f))]))`,
      ).map(Number);
      const a = asarray(data);
      const got = [add.reduce(a), add.reduce(a.slice('::3')), add.reduce(a.slice('1:-5')), add.reduce(a.astype('float32'))];
      expect(got).toEqual(expected);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('an overflow in the second half still warns', () => {
    const a = asarray(new Float64Array(1_000_000).fill(1));
    a.set(999_998, 1.7e308);
    a.set(999_999, 1.7e308);
    expect(captureWarnings(() => add.reduce(a))).toEqual(['overflow encountered in reduce']);
  });

  it('an overflow in either half warns whichever thread ran each half', () => {
    // The pool runs the second half on the calling thread when its thread
    // starts late; repeated calls cover both placements.
    for (const at of [0, 999_998]) {
      const a = asarray(new Float64Array(1_000_000).fill(1));
      a.set(at, 1.7e308);
      a.set(at + 1, 1.7e308);
      for (let i = 0; i < 40; i += 1) {
        expect(captureWarnings(() => add.reduce(a))).toEqual(['overflow encountered in reduce']);
      }
    }
    const clean = asarray(new Float64Array(1_000_000).fill(1));
    for (let i = 0; i < 40; i += 1) expect(captureWarnings(() => add.reduce(clean))).toEqual([]);
  });
});

describe("warnings name the method as NumPy's do", () => {
  it('reduce, accumulate and reduceat say so; outer and at name the ufunc', () => {
    const big = () => asarray(Float64Array.from([1.7e308, 1.7e308]));
    expect(captureWarnings(() => add.reduce(big()))).toEqual(['overflow encountered in reduce']);
    expect(captureWarnings(() => add.accumulate(big()))).toEqual(['overflow encountered in accumulate']);
    expect(captureWarnings(() => add.reduceat(big(), [0]))).toEqual(['overflow encountered in reduceat']);
    expect(captureWarnings(() => add.outer(big(), big()))).toEqual(['overflow encountered in add']);
    expect(captureWarnings(() => add.at(big(), [0], asarray(Float64Array.from([1.7e308]))))).toEqual(['overflow encountered in add']);
    expect(captureWarnings(() => divide.reduce(asarray(Float64Array.from([1, 0]))))).toEqual(['divide by zero encountered in reduce']);
  });
});

describe('vectorized float64 sin and cos', () => {
  const n = 120_000;
  const x = new Float64Array(n);
  let seed = 99;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const u = seed / 2147483648 - 0.5;
    // small, moderate, large (up to the vector range and past it), and near multiples of pi/2
    x[i] = [u * 8, u * 2000, u * 2e6, Math.round(u * 4000) * (Math.PI / 2) + u * 1e-9][i % 4]!;
  }

  for (const [name, fn, reference] of [
    ['sin', sin, Math.sin],
    ['cos', cos, Math.cos],
  ] as const) {
    it(`${name} stays within 2 ulp of fdlibm (Math.${name}), contiguous, strided and in place`, () => {
      const expected = Array.from(x, reference);
      const worst = (got: Float64Array): number => {
        let w = 0;
        for (let i = 0; i < n; i++) w = Math.max(w, ulpDistance(got[i]!, expected[i]!));
        return w;
      };
      expect(worst(values(fn(asarray(x))))).toBeLessThanOrEqual(2);
      const spaced = asarray(new Float64Array(3 * n));
      for (let i = 0; i < n; i++) spaced.set(3 * i, x[i]!);
      expect(worst(values(fn(spaced.slice('::3'))))).toBeLessThanOrEqual(2);
      const inPlace = asarray(x.slice());
      fn(inPlace, { out: inPlace });
      expect(worst(values(inPlace))).toBeLessThanOrEqual(2);
    });

    it(`${name} special values: exact zeros, signed zero kept, invalid only for infinities`, () => {
      const specials = [0, -0, 5e-324, -1e-300, 1e-9, Infinity, -Infinity, NaN, 1e22, -1e300];
      const got = values(fn(asarray(Float64Array.from(specials.slice(0, 5)))));
      specials.slice(0, 5).forEach((v, i) => expect(Object.is(got[i], reference(v)) || ulpDistance(got[i]!, reference(v)) <= 1, `${name}(${v})`).toBe(true));
      expect(captureWarnings(() => fn(asarray(Float64Array.from([NaN, 1e22, -1e300, 3]))))).toEqual([]);
      expect(captureWarnings(() => fn(asarray(Float64Array.from([1, Infinity]))))).toEqual([`invalid value encountered in ${name}`]);
      expect(captureWarnings(() => fn(asarray(Float64Array.from([-Infinity]))))).toEqual([`invalid value encountered in ${name}`]);
    });
  }

  it('sin(-0) is -0 and cos(0) is 1 exactly', () => {
    expect(Object.is(values(sin(asarray(Float64Array.from([-0]))))[0], -0)).toBe(true);
    expect(values(cos(asarray(Float64Array.from([0, -0]))))).toEqual(Float64Array.from([1, 1]));
  });
});

describe('async calls take the same engine paths', () => {
  it('fused casts, streamed outputs and threads give the sync results', async () => {
    const n = N;
    const ints = asarray(new Int32Array(n).map((_, i) => (i % 5000) - 2500));
    const floats = asarray(ramp(n, 0.25));
    const result = (await add.async(ints, floats)) as NDArray;
    expect(result.dtype.name).toBe('float64');
    expect(firstMismatch(values(result), (i) => (i % 5000) - 2500 + i * 0.25)).toBe(-1);
    const out = asarray(new Float64Array(n));
    await multiply.async(floats, ints, { out });
    expect(firstMismatch(values(out), (i) => ((i % 5000) - 2500) * (i * 0.25))).toBe(-1);
    expect(await add.reduce.async(floats)).toBe(add.reduce(floats));
  });
});

describe("reduce's initial converts like NumPy's Python scalars into integer dtypes", () => {
  // Expected values and messages: NumPy 2.4, np.add.reduce(np.array([1, 2], dtype=dt), dtype=dt, initial=x).
  const cases: [unknown, string, number | bigint | string][] = [
    [1.5, 'int32', 4],
    [1.5, 'uint8', 4],
    [-1, 'int8', 2],
    [300, 'int32', 303],
    [true, 'int8', 4],
    [NaN, 'int32', 'RangeError ERR_INVALID_ARG_VALUE cannot convert float NaN to integer'],
    [Infinity, 'uint8', 'RangeError ERR_OUT_OF_BOUNDS cannot convert float infinity to integer'],
    [1e30, 'int8', 'RangeError ERR_OUT_OF_BOUNDS Python int too large to convert to C long'],
    [-1, 'uint8', 'RangeError ERR_OUT_OF_BOUNDS Python integer -1 out of bounds for uint8'],
    [300, 'int8', 'RangeError ERR_OUT_OF_BOUNDS Python integer 300 out of bounds for int8'],
    [2n ** 63n, 'int64', 'RangeError ERR_OUT_OF_BOUNDS Python int too large to convert to C long'],
    [2n ** 64n - 1n, 'uint64', 2n], // wraps: (2^64 - 1) + 1 + 2 mod 2^64
    [2n ** 64n, 'uint64', 'RangeError ERR_OUT_OF_BOUNDS Python int too large to convert to C long'],
  ];
  for (const [initial, dt, expected] of cases) {
    it(`initial ${String(initial)} for ${dt}`, () => {
      const a = asarray([1, 2], { dtype: dt as never });
      const run = () => add.reduce(a, { dtype: dt as never, initial });
      if (typeof expected === 'string') {
        const [name, code, ...message] = expected.split(' ');
        expect(run).toThrow(expect.objectContaining({ name, code, message: message.join(' ') }));
      } else {
        const got = run();
        expect(typeof got === 'bigint' ? got : Number(got)).toBe(expected);
      }
    });
  }

  it("the ufunc's own identity still casts with C semantics", () => {
    // np.bitwise_and.reduce(np.array([], dtype=np.uint8)) == 255
    expect(Number(bitwise_and.reduce(asarray(new Uint8Array(0))))).toBe(255);
    expect(Object.is(add.reduce(asarray(new Float64Array(0)), { initial: -0 }), -0)).toBe(true);
  });
});
