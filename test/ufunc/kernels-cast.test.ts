// native.castExec against NumPy's astype on special values (NaN, infinities,
// out-of-range floats, integer extremes): identical bytes and the same
// floating-point flags, for every pair of NumPy dtypes; bfloat16 against a
// hand table; byte-swapped sides; bad input.
import { describe, expect, it } from 'vitest';
import { native } from '../../src/base/native.js';
import { hexToBytes, mismatches, numpyAvailable, runOracle, skipWithoutNumpy } from './kernels-oracle.js';

const chars = ['?', 'b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'e', 'f', 'd', 'g', 'F', 'D', 'G'];
const idOf = (name: string): number => native.dtypeTable.find((row) => row.name === name)!.id;
const idOfChar = (char: string): number => native.dtypeTable.find((row) => row.char === char)!.id;
const itemsize = (char: string): number => native.dtypeTable.find((row) => row.char === char)!.itemsize;

function castBytes(from: number, to: number, source: Uint8Array, count: number, toItemsize: number, swap = {}) {
  const fromItemsize = source.length / count;
  const out = new Uint8Array(count * toItemsize);
  const flags = native.castExec(
    { buffer: source.buffer, byteOffset: source.byteOffset, strides: [fromItemsize], dtype: from, ...swap },
    { buffer: out.buffer, byteOffset: 0, strides: [toItemsize], dtype: to },
    [count],
  );
  return { out, flags };
}

// complex -> uint32 of NaN, inf or out-of-range values: NumPy's own answer
// depends on the array length (how its buffered cast splits vector and scalar
// code), so there is no single result to match.
const lengthDependentInNumpy = new Set(['F->I', 'D->I']);

describe.skipIf(!numpyAvailable)(`castExec matches NumPy's astype${skipWithoutNumpy}`, () => {
  const pairs = chars
    .flatMap((from) => chars.map((to) => [from, to] as const))
    .filter(([from, to]) => !lengthDependentInNumpy.has(`${from}->${to}`));
  const results = numpyAvailable ? runOracle(pairs.map(([from, to]) => ({ kind: 'cast', from, to }))) : [];

  it.each(pairs.map(([from, to], i) => [from, to, i] as const))('%s -> %s', (from, to, i) => {
    const result = results[i]!;
    const { out, flags } = castBytes(idOfChar(from), idOfChar(to), hexToBytes(result.inputs[0]!), result.count, itemsize(to));
    expect(mismatches(to, hexToBytes(result.outputs[0]!), out, 0)).toEqual([]);
    expect(flags).toBe(result.flags);
  });
});

describe('castExec to and from bfloat16', () => {
  const bfloat16 = idOf('bfloat16');
  // Hand table: float32 value -> bfloat16 bits (round to nearest even).
  const table: Array<[number, number]> = [
    [1, 0x3f80],
    [-2, 0xc000],
    [1 + 2 ** -8, 0x3f80], // tie, rounds to even
    [1 + 3 * 2 ** -8, 0x3f82], // tie, rounds to even (up)
    [1 + 2 ** -8 + 2 ** -20, 0x3f81],
    [Infinity, 0x7f80],
    [3.3961e38, 0x7f7f],
    [3.4e38, 0x7f80], // rounds past the largest bfloat16
  ];
  it.each(table)('float32 %d -> bfloat16 %i', (value, bits) => {
    const source = new Uint8Array(new Float32Array([value]).buffer);
    const { out } = castBytes(idOf('float32'), bfloat16, source, 1, 2);
    expect(new Uint16Array(out.buffer)[0]).toBe(bits);
  });

  it('rounds float64 once, not through float32', () => {
    // 1 + 2^-8 + 2^-40: float32 would round it to the tie 1 + 2^-8 (-> 0x3f80); the value is above the tie.
    const source = new Uint8Array(new Float64Array([1 + 2 ** -8 + 2 ** -40]).buffer);
    const { out } = castBytes(idOf('float64'), bfloat16, source, 1, 2);
    expect(new Uint16Array(out.buffer)[0]).toBe(0x3f81);
  });

  it('widens bfloat16 exactly and keeps NaN', () => {
    const source = new Uint8Array(new Uint16Array([0x3fc0, 0xff80, 0x7fc1, 0x0001]).buffer);
    const { out } = castBytes(bfloat16, idOf('float64'), source, 4, 8);
    const values = Array.from(new Float64Array(out.buffer));
    expect(values.slice(0, 3)).toEqual([1.5, -Infinity, NaN]);
    expect(values[3]).toBe(2 ** -133);
  });
});

describe('castExec with byte-swapped operands', () => {
  it('reads a big-endian int32 source', () => {
    const source = new Uint8Array([0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe]);
    const { out } = castBytes(idOf('int32'), idOf('float64'), source, 2, 8, { byteSwapped: true });
    expect(Array.from(new Float64Array(out.buffer))).toEqual([258, -2]);
  });

  it('writes a big-endian complex128 destination part by part', () => {
    const source = new Uint8Array(new Float64Array([1.5]).buffer);
    const out = new Uint8Array(16);
    native.castExec(
      { buffer: source.buffer, byteOffset: 0, strides: [8], dtype: idOf('float64') },
      { buffer: out.buffer, byteOffset: 0, strides: [16], dtype: idOf('complex128'), byteSwapped: true },
      [1],
    );
    expect(Array.from(out.subarray(0, 8))).toEqual([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(out.subarray(8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('castExec rejects bad input', () => {
  const f64 = new Float64Array(4);
  const base = { buffer: f64.buffer, byteOffset: 0, strides: [8], dtype: idOf('float64') };

  it('rejects a non-numeric dtype', () => {
    expect(() => native.castExec({ ...base, dtype: idOf('str') }, base, [4])).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });

  it('rejects an operand that reaches past its buffer', () => {
    expect(() => native.castExec(base, { ...base, byteOffset: 8 }, [4])).toThrow(
      expect.objectContaining({
        name: 'RangeError',
        code: 'ERR_OUT_OF_BOUNDS',
        message: 'expected destination to stay inside its buffer of 32 bytes, but its elements reach bytes 8 to 40',
      }),
    );
  });
});
