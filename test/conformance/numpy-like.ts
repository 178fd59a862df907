// The few NumPy helpers the ported suites use, written over ndinterop's API.
import { expect } from 'vitest';
import { type DTypeLike, NDArray, asarray, ufuncs } from '../../src/index.js';

/** np.arange(n) (int64 unless `dtype` says otherwise). */
export function arange(n: number, dtype: DTypeLike = 'int64'): NDArray {
  return asarray(Array.from({ length: n }, (_, i) => i), { dtype });
}

/** Element values as comparable JS values: bigints as numbers, NaN kept, -0 as 0 (NumPy's `==`), in complex parts too. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'bigint') return Number(value);
  if (value === 0) return 0;
  if (typeof value === 'object' && value !== null && 're' in value && 'im' in value) {
    const z = value as { re: number; im: number };
    return { re: z.re + 0, im: z.im + 0 };
  }
  return value;
}

/** np.testing.assert_array_equal: same shape, equal elements (NaN equals NaN). */
export function assertArrayEqual(actual: unknown, desired: unknown): void {
  const a = actual instanceof NDArray ? actual : asarray(actual as never);
  const d = desired instanceof NDArray ? desired : asarray(desired as never);
  expect(a.shape).toEqual(d.shape);
  expect(plain(a.toArray())).toEqual(plain(d.toArray()));
}

/** np.may_share_memory: the byte ranges the two arrays can reach overlap. */
export function mayShareMemory(a: NDArray, b: NDArray): boolean {
  if (a.buffer !== b.buffer) return false;
  const x = a._byteSpan();
  const y = b._byteSpan();
  return Boolean(x && y && x.start < y.end && y.start < x.end);
}

const charDTypes: Record<string, string> = {
  '?': 'bool', b: 'int8', B: 'uint8', h: 'int16', H: 'uint16', i: 'int32', I: 'uint32',
  l: 'int64', L: 'uint64', q: 'int64', Q: 'uint64', n: 'int64', N: 'uint64', p: 'int64', P: 'uint64',
  e: 'float16', f: 'float32', d: 'float64', g: 'longdouble', F: 'complex64', D: 'complex128', G: 'clongdouble',
  M: 'datetime64', m: 'timedelta64',
};

/** The dtype name of a NumPy type character ('' for those ndinterop lacks: O). */
export function dtypeOfChar(char: string): string {
  return charDTypes[char] ?? '';
}

/** np.random.randint(0, below, count), from a small seeded LCG (the tests compare two computations of the same data). */
export function randomIntegers(count: number, below: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % below; // the high bits: an LCG's low bits cycle
  });
}

type Complex = { re: number; im: number };

/** The elements of an array, a JS array or a scalar, flattened (complex values as { re, im }). */
export function elementsOf(x: unknown): unknown[] {
  return x instanceof NDArray ? ([x.toArray()].flat(Infinity) as unknown[]) : ([x].flat(Infinity) as unknown[]);
}

/** A real or complex element as { re, im }. */
export function asComplex(v: unknown): Complex {
  return typeof v === 'object' && v !== null ? (v as Complex) : { re: Number(v), im: 0 };
}

/** np.testing.assert_almost_equal(actual, desired, decimal): each part within 1.5 * 10**-decimal; NaN and infinities must match. */
export function assertAlmostEqual(actual: unknown, desired: unknown, decimal = 7): void {
  const a = elementsOf(actual).map(asComplex);
  const d = elementsOf(desired).map(asComplex);
  expect(a.length).toBe(d.length);
  a.forEach((z, i) => {
    const w = d[i]!;
    for (const part of ['re', 'im'] as const) {
      if (!Number.isFinite(w[part])) expect(z[part]).toBe(w[part]);
      else expect(Math.abs(z[part] - w[part])).toBeLessThan(1.5 * 10 ** -decimal);
    }
  });
}

/** np.testing.assert_array_almost_equal_nulp(x, y, nulp): |x - y| <= nulp * spacing(max(|x|, |y|)). */
export function assertArrayAlmostEqualNulp(x: NDArray, y: NDArray, nulp: number): void {
  const fn = ufuncs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const ax = x.toArray() as number[];
  const ay = y.toArray() as number[];
  const sp = (fn.spacing!(fn.maximum!(fn.absolute!(x), fn.absolute!(y))) as NDArray).toArray() as number[];
  ax.forEach((v, i) => expect(Math.abs(v - ay[i]!)).toBeLessThanOrEqual(nulp * sp[i]!));
}

/** np.random.uniform(low, high, n) from the seeded generator (the tests compare two computations of the same data). */
export function uniform(n: number, low: number, high: number, seed: number, dtype = 'float64'): NDArray {
  return asarray(randomIntegers(n, 1 << 23, seed).map((v) => low + ((high - low) * v) / (1 << 23)), { dtype: 'float64' }).astype(dtype);
}
