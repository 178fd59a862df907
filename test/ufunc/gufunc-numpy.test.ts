// Differential tests for the generalized ufuncs: replays NumPy's answers from
// test/fixtures/gufunc-cases.json (made by scripts/gen-gufunc-cases.py).
// Integer, bool and float16 results must be bit-exact; float and complex
// results (NumPy uses BLAS, which sums in another order) must lie within the
// fixture's per-element bound (k + 1)·eps·Σ|a||b|, with the same NaN-ness
// and the same infinities.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dtype, errstate, ufuncs } from '../../src/index.js';
import type { DType } from '../../src/dtype/dtype.js';
import { type NDArray, dataViewOf, emptyArray, isNDArray, readerFor, viewOf, writerFor } from '../../src/ufunc/arrays.js';

interface ArrayDesc {
  dtype: string;
  shape: number[];
  data: string;
  layout?: 'transposed' | 'reversed' | 'strided';
}
interface Case {
  gufunc: 'matmul' | 'vecdot' | 'matvec' | 'vecmat';
  inputs: ArrayDesc[];
  out?: ArrayDesc;
  bound?: ArrayDesc;
  error?: 'TypeError' | 'ValueError';
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/gufunc-cases.json', import.meta.url), 'utf8')) as { numpy: string; cases: Case[] };
const jsErrorClass = { TypeError: 'TypeError', ValueError: 'RangeError' } as const;

function bytesOf(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function cStrides(shape: readonly number[], itemsize: number): number[] {
  const strides: number[] = [];
  let step = itemsize;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= Math.max(shape[d]!, 1);
  }
  return strides;
}

/** Byte offset of C-order element `flat` of `shape` in an array with `strides`. */
function offsetOf(flat: number, shape: readonly number[], strides: readonly number[], base: number): number {
  let offset = base;
  for (let d = shape.length - 1; d >= 0; d--) {
    offset += (flat % shape[d]!) * strides[d]!;
    flat = Math.floor(flat / shape[d]!);
  }
  return offset;
}

/** The array of `desc` (C-order values) laid out as asked: a transposed, all-axes-reversed or strided view. */
function buildArray(desc: ArrayDesc): NDArray {
  const dt = dtype(desc.dtype);
  const size = dt.itemsize;
  const bytes = bytesOf(desc.data);
  const shape = desc.shape;
  const count = bytes.length / size;
  let base: NDArray;
  let view: NDArray;
  if (desc.layout === 'transposed') {
    base = emptyArray([...shape].reverse(), dt);
    const strides = cStrides([...shape].reverse(), size).reverse();
    view = viewOf(base, 0, shape, strides);
  } else if (desc.layout === 'reversed') {
    base = emptyArray(shape, dt);
    const strides = cStrides(shape, size);
    const last = count === 0 ? 0 : strides.reduce((sum, s, d) => sum + s * (shape[d]! - 1), 0);
    view = viewOf(base, last, shape, strides.map((s) => -s));
  } else if (desc.layout === 'strided' && shape.length > 0) {
    const wide = [...shape];
    wide[wide.length - 1]! *= 2;
    base = emptyArray(wide, dt);
    const strides = cStrides(wide, size);
    strides[strides.length - 1]! *= 2;
    view = viewOf(base, 0, shape, strides);
  } else {
    view = base = emptyArray(shape, dt);
  }
  const target = new Uint8Array(base.buffer);
  for (let flat = 0; flat < count; flat++) {
    target.set(bytes.subarray(flat * size, (flat + 1) * size), offsetOf(flat, shape, view.strides, view.byteOffset));
  }
  return view;
}

function asArray(value: unknown, dt: DType): NDArray {
  if (isNDArray(value)) return value;
  const array = emptyArray([], dt);
  writerFor(dt)(dataViewOf(array.buffer), 0, value);
  return array;
}

function realMatches(got: number, want: number, bound: number): boolean {
  if (Number.isNaN(got) || Number.isNaN(want)) return Number.isNaN(got) && Number.isNaN(want);
  if (!Number.isFinite(got) || !Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= bound;
}

function compare(actual: NDArray, expected: ArrayDesc, bound: ArrayDesc | undefined): string | undefined {
  const dt = dtype(expected.dtype);
  if (actual.dtype.name !== dt.name) return `dtype ${actual.dtype.name}, NumPy ${dt.name}`;
  if (actual.shape.join() !== expected.shape.join()) return `shape (${actual.shape}), NumPy (${expected.shape})`;
  const reference = buildArray(expected);
  const bounds = bound ? buildArray(bound) : undefined;
  const read = readerFor(dt);
  const count = expected.shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < count; flat++) {
    const got = read(dataViewOf(actual.buffer), offsetOf(flat, actual.shape, actual.strides, actual.byteOffset));
    const want = read(dataViewOf(reference.buffer), flat * dt.itemsize);
    const limit = bounds ? (readerFor(bounds.dtype)(dataViewOf(bounds.buffer), flat * 8) as number) : 0;
    let same: boolean;
    if (dt.kind === 'c') {
      const [g, w] = [got as { re: number; im: number }, want as { re: number; im: number }];
      const finite = (z: { re: number; im: number }): boolean => Number.isFinite(z.re) && Number.isFinite(z.im);
      // BLAS's complex kernels spread inf and NaN between the parts differently
      // from the textbook formula; a non-finite result must stay non-finite.
      same = finite(g) || finite(w) ? realMatches(g.re, w.re, limit) && realMatches(g.im, w.im, limit) : true;
    } else if (dt.kind === 'f') {
      same = bounds ? realMatches(got as number, want as number, limit) : Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want));
    } else {
      same = got === want;
    }
    if (!same) {
      const text = (v: unknown, _actual?: boolean): string => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
      return `element ${flat}: got ${text(got, true)}, NumPy ${text(want)}${bounds ? ` (bound ${limit})` : ''}`;
    }
  }
  return undefined;
}

function describeCase(c: Case): string {
  return c.inputs.map((i) => `${i.dtype}(${i.shape}) ${i.layout ?? 'c'}`).join(' @ ');
}

function runCase(c: Case): string | undefined {
  const gufunc = ufuncs[c.gufunc];
  let result: unknown;
  try {
    result = errstate({ all: 'ignore' }, () => gufunc(...c.inputs.map(buildArray)));
  } catch (error) {
    if (!c.error) return `threw ${(error as Error).name}: ${(error as Error).message}`;
    return (error as Error).name === jsErrorClass[c.error] ? undefined : `threw ${(error as Error).name} (${(error as Error).message}), NumPy ${c.error}`;
  }
  if (c.error) return `returned a result, NumPy raised ${c.error}`;
  return compare(asArray(result, dtype(c.out!.dtype)), c.out!, c.bound);
}

const byGufunc = new Map<string, Case[]>();
for (const c of fixture.cases) {
  if (!byGufunc.has(c.gufunc)) byGufunc.set(c.gufunc, []);
  byGufunc.get(c.gufunc)!.push(c);
}

describe(`gufuncs agree with NumPy ${fixture.numpy} (fixture from scripts/gen-gufunc-cases.py)`, () => {
  it('covers all four gufuncs', () => {
    expect([...byGufunc.keys()].sort()).toEqual(['matmul', 'matvec', 'vecdot', 'vecmat']);
  });

  it.each([...byGufunc.keys()])('%s: same dtypes and shapes; exact integers/bool/float16; floats within the summation-order bound; same error classes', (name) => {
    const failures: string[] = [];
    for (const c of byGufunc.get(name)!) {
      const mismatch = runCase(c);
      if (mismatch) failures.push(`${describeCase(c)} -> ${mismatch}`);
    }
    expect(failures, `${failures.length} mismatches, first: ${failures.slice(0, 6).join(' | ')}`).toEqual([]);
  });
});
