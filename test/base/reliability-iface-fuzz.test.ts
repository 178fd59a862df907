// A seeded fuzz loop over __array_interface__ validation (its checks are in
// JS, so libFuzzer cannot reach them): random buffer-form descriptions with
// arbitrary typestrs, shapes, strides, offsets, TypedArray windows and value
// types. Property: fromArrayInterface either throws one of ndinterop's errors
// (a TypeError, RangeError or BufferError with an ERR_ code) or returns a
// view whose every element lies inside the window `data` exposes, computed
// here with BigInt arithmetic, and whose elements (when few) can all be read.
import { describe, expect, it } from 'vitest';
import { BufferError, NDArray, fromArrayInterface } from '../../src/index.js';

const iterations = 20000;

// xorshift32: a small deterministic generator, so a failure can be replayed.
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const typestrs = ['<f8', '>f4', '|b1', '<i2', '>u8', '<c16', '<f2', '|V3', '|S5', '<U2', '<M8[ns]', '<m8', '<f3', 'x', '', '<O8', '|u1', '<i8'];
const specialNumbers = [0, 1, -1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1.5, NaN, Infinity, -0];

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function integer(random: () => number): unknown {
  const roll = random();
  if (roll < 0.55) return Math.floor(random() * 9) - 2;
  if (roll < 0.75) return Math.floor(random() * 64) * pick(random, [1, -1, 2, 4, 8]);
  if (roll < 0.93) return pick(random, specialNumbers);
  return pick(random, ['2', 2n, null, undefined, {}, [1]]);
}

function list(random: () => number, length: number): unknown[] {
  return Array.from({ length }, () => integer(random));
}

function data(random: () => number): unknown {
  const bytes = Math.floor(random() * 97);
  const roll = random();
  if (roll < 0.5) return new ArrayBuffer(bytes);
  if (roll < 0.6) return new SharedArrayBuffer(bytes);
  const start = Math.min(bytes, Math.floor(random() * 16));
  const window = new Uint8Array(new ArrayBuffer(bytes + 16), start, bytes);
  if (roll < 0.9) return window;
  // Never the pointer form [address, readonly]: it trusts the caller by
  // contract (as NumPy does), so a random address is not a fair input.
  return pick(random, [null, 'buffer', 42, {}]);
}

function description(random: () => number): Record<string, unknown> {
  const ndim = Math.floor(random() * 5);
  const iface: Record<string, unknown> = { version: random() < 0.95 ? 3 : pick(random, [2, '3', undefined]) };
  iface.typestr = pick(random, typestrs);
  iface.shape = random() < 0.95 ? list(random, ndim) : integer(random);
  if (random() < 0.6) iface.strides = random() < 0.95 ? list(random, random() < 0.9 ? ndim : ndim + 1) : integer(random);
  if (random() < 0.5) iface.offset = integer(random);
  iface.data = data(random);
  if (random() < 0.05) iface.readonly = pick(random, [true, false, 1]);
  return iface;
}

// The byte window `data` exposes: [start, end) within its ArrayBuffer.
function windowOf(source: unknown): { start: bigint; end: bigint } {
  if (ArrayBuffer.isView(source)) return { start: BigInt(source.byteOffset), end: BigInt(source.byteOffset + source.byteLength) };
  return { start: 0n, end: BigInt((source as ArrayBuffer).byteLength) };
}

function checkInside(array: NDArray, source: unknown): void {
  if (array.size === 0) return;
  const { start, end } = windowOf(source);
  let lowest = BigInt(array.byteOffset);
  let highest = BigInt(array.byteOffset) + BigInt(array.itemsize);
  array.shape.forEach((length, axis) => {
    const reach = BigInt(length - 1) * BigInt(array.strides[axis]!);
    if (reach < 0n) lowest += reach;
    else highest += reach;
  });
  expect(lowest >= start && highest <= end, `view reaches [${lowest}, ${highest}) outside [${start}, ${end})`).toBe(true);
  // Zero strides make huge views over a few bytes legal (as in NumPy); read
  // the small ones completely.
  if (array.size <= 4096) array.toArray();
}

describe('__array_interface__ validation under random descriptions', () => {
  it(`accepts only in-bounds views and rejects the rest with ndinterop's errors (${iterations} cases)`, () => {
    const random = generator(0x5eed1e);
    let accepted = 0;
    for (let i = 0; i < iterations; i += 1) {
      const iface = description(random);
      let result: NDArray;
      try {
        result = fromArrayInterface(iface);
      } catch (error) {
        const known = error instanceof TypeError || error instanceof RangeError || error instanceof BufferError;
        expect(known, `case ${i}: ${String(error)}`).toBe(true);
        expect((error as { code?: unknown }).code, `case ${i}: ${String(error)}`).toMatch(/^ERR_[A-Z_]+$/);
        continue;
      }
      accepted += 1;
      checkInside(result, iface.data);
    }
    // The generator must reach the accepting paths, not only the errors.
    expect(accepted).toBeGreaterThan(iterations / 50);
  });
});
