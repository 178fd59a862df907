// nonzero's native kernels (core/kernels/select.cc: countNonzero and the
// 1-d positions, 32 mask bytes per vector step where the CPU has AVX2, the
// last positions serially): every length to 200 and each density, masks
// whose true bytes are not 1 (a bool array over raw bytes, as NumPy reads
// any nonzero byte as true), and views, against a plain loop over the bytes.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray } from '../../src/index.js';

function positionsOf(bytes: Uint8Array): number[] {
  const out: number[] = [];
  bytes.forEach((b, i) => {
    if (b !== 0) out.push(i);
  });
  return out;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const densities = [0, 0.05, 1 / 3, 0.9, 1];

describe('nonzero of 1-d masks', () => {
  it('every length to 200 at each density, true bytes of any value', () => {
    const random = seeded(3);
    for (const density of densities) {
      for (let n = 0; n <= 200; n++) {
        const bytes = new Uint8Array(n);
        for (let i = 0; i < n; i++) bytes[i] = random() < density ? 1 + Math.floor(random() * 255) : 0;
        const mask = new NDArray({ buffer: bytes.slice(), dtype: 'bool', shape: [n] });
        const want = positionsOf(bytes);
        const [got] = nd.nonzero(mask);
        expect([n, density, Array.from(got!.toTypedArray() as BigInt64Array, Number)]).toEqual([n, density, want]);
      }
    }
  });

  it('long masks: runs of false, a true only at the end, all true', () => {
    const n = 100003;
    const cases = [
      (i: number) => i % 1000 === 999,
      (i: number) => i === n - 1,
      () => true,
      (i: number) => i % 64 < 32,
    ];
    for (const rule of cases) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (rule(i) ? 1 : 0));
      const [got] = nd.nonzero(new NDArray({ buffer: bytes.slice(), dtype: 'bool', shape: [n] }));
      expect(Array.from(got!.toTypedArray() as BigInt64Array, Number)).toEqual(positionsOf(bytes));
    }
  });

  it('a strided view and a non-bool array', () => {
    const random = seeded(11);
    const values = Float64Array.from({ length: 301 }, () => (random() < 0.4 ? random() : 0));
    const a = nd.asarray(values);
    const every = a.slice('::3');
    const expected = positionsOf(Uint8Array.from(Array.from(values).filter((_, i) => i % 3 === 0), (v) => (v !== 0 ? 1 : 0)));
    expect(Array.from(nd.nonzero(every)[0]!.toTypedArray() as BigInt64Array, Number)).toEqual(expected);
    expect(Array.from(nd.nonzero(a)[0]!.toTypedArray() as BigInt64Array, Number)).toEqual(positionsOf(Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0))));
  });
});
