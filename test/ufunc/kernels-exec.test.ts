// native.ufuncExec beyond contiguous 1-d loops: reductions (bit-exact with
// NumPy's pairwise add.reduce), strided/negative/broadcast layouts, where
// masks, in-place outputs, SharedArrayBuffer memory, and bad input.
import { describe, expect, it } from 'vitest';
import { native, type NativeOperand } from '../../src/base/native.js';
import { hexToBytes, mismatches, numpyAvailable, numpyJson, skipWithoutNumpy } from './kernels-oracle.js';

const loop = (name: string, types: string): number => {
  const index = native.ufuncTable[name]!.types.indexOf(types);
  if (index < 0) throw new Error(`no loop ${name} ${types}`);
  return index;
};
const operand = (view: ArrayBufferView, strides: number[], byteOffset = view.byteOffset): NativeOperand => ({
  buffer: view.buffer,
  byteOffset,
  strides,
});

describe.skipIf(!numpyAvailable)(`add.reduce is bit-exact with NumPy's pairwise summation${skipWithoutNumpy}`, () => {
  const cases = numpyJson<Array<{ char: string; n: number; data: string; sum: string; itemsize: number }>>(`
import json, numpy as np
rng = np.random.default_rng(7)
out = []
for char, n in [("d", 100003), ("d", 7), ("d", 129), ("f", 100003), ("f", 1000), ("e", 5000), ("D", 30001), ("F", 777), ("D", 3)]:
    dt = np.dtype(char)
    if dt.kind == "c":
        a = (rng.standard_normal(n) * 1000 + 1j * rng.standard_normal(n)).astype(dt)
    else:
        a = (rng.standard_normal(n) * (10 if char == "e" else 1000)).astype(dt)
    out.append({"char": char, "n": n, "data": a.tobytes().hex(), "sum": np.add.reduce(a).tobytes().hex(), "itemsize": dt.itemsize})
print(json.dumps(out))`);

  it.each(cases.map((c) => [c.char, c.n, c] as const))('%s, %i elements', (char, n, c) => {
    const data = hexToBytes(c.data);
    const accumulator = new Uint8Array(c.itemsize); // zeros: add's identity, where NumPy 2.4 starts
    native.ufuncExec('add', loop('add', `${char}${char}->${char}`), [operand(accumulator, [0]), operand(data, [c.itemsize]), operand(accumulator, [0])], [n]);
    expect(mismatches(char, hexToBytes(c.sum), accumulator, 0)).toEqual([]);
  });
});

describe('layouts', () => {
  it('adds a reversed, strided view to a broadcast row', () => {
    // a = arange(12).reshape(3,4)[::-1, ::2] (shape (3,2)), b = [100, 200] broadcast over rows.
    const a = new Float64Array(Array.from({ length: 12 }, (_, i) => i));
    const b = new Float64Array([100, 200]);
    const out = new Float64Array(6);
    native.ufuncExec('add', loop('add', 'dd->d'), [operand(a, [-32, 16], 64), operand(b, [0, 8]), operand(out, [16, 8])], [3, 2]);
    expect(Array.from(out)).toEqual([108, 210, 104, 206, 100, 202]);
  });

  it('works in place when the output is the input', () => {
    const a = new Int16Array([1, 2, 3, 32767]);
    native.ufuncExec('add', loop('add', 'hh->h'), [operand(a, [2]), operand(a, [2]), operand(a, [2])], [4]);
    expect(Array.from(a)).toEqual([2, 4, 6, -2]);
  });

  it('reads unaligned operands', () => {
    const bytes = new Uint8Array(8 * 3 + 1);
    const view = new DataView(bytes.buffer);
    [1.5, 2.5, -3].forEach((v, i) => view.setFloat64(1 + 8 * i, v, true));
    const out = new Float64Array(3);
    native.ufuncExec('multiply', loop('multiply', 'dd->d'), [operand(bytes, [8], 1), operand(bytes, [8], 1), operand(out, [8])], [3]);
    expect(Array.from(out)).toEqual([2.25, 6.25, 9]);
  });

  it('leaves elements where the mask is false', () => {
    const a = new Int32Array([1, 2, 3, 4]);
    const out = new Int32Array([-1, -1, -1, -1]);
    const mask = new Uint8Array([0, 1, 0, 1]);
    native.ufuncExec('negative', loop('negative', 'i->i'), [operand(a, [4]), operand(out, [4])], [4], operand(mask, [1]));
    expect(Array.from(out)).toEqual([-1, -2, -1, -4]);
  });

  it('runs a 0-d operation once', () => {
    const a = new Float32Array([4]);
    const out = new Float32Array(1);
    native.ufuncExec('sqrt', loop('sqrt', 'f->f'), [operand(a, []), operand(out, [])], []);
    expect(out[0]).toBe(2);
  });

  it('reads and writes SharedArrayBuffer memory', () => {
    const shared = new SharedArrayBuffer(16);
    const values = new Float64Array(shared);
    values.set([2, 3]);
    const flags = native.ufuncExec('divide', loop('divide', 'dd->d'), [
      { buffer: shared, byteOffset: 0, strides: [8] },
      { buffer: shared, byteOffset: 8, strides: [0] },
      { buffer: shared, byteOffset: 0, strides: [8] },
    ], [2]);
    expect(Array.from(values)).toEqual([2 / 3, 1]);
    expect(flags).toBe(0);
  });

  it('reports divide-by-zero and invalid flags from integer and float loops', () => {
    const a = new Int8Array([1, -128]);
    const b = new Int8Array([0, -1]);
    const out = new Int8Array(2);
    const flags = native.ufuncExec('floor_divide', loop('floor_divide', 'bb->b'), [operand(a, [1]), operand(b, [1]), operand(out, [1])], [2]);
    expect(flags).toBe(1 | 2);
    expect(Array.from(out)).toEqual([0, -128]);
    const x = new Float64Array([0, -1]);
    const y = new Float64Array(2);
    expect(native.ufuncExec('log', loop('log', 'd->d'), [operand(x, [8]), operand(y, [8])], [2])).toBe(1 | 8);
  });
});

describe('ufuncExec rejects bad input', () => {
  const a = new Float64Array(4);
  const good = (): NativeOperand[] => [operand(a, [8]), operand(a, [8]), operand(a, [8])];

  it('rejects an unknown ufunc', () => {
    expect(() => native.ufuncExec('plus', 0, good(), [4])).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: "expected the name of a ufunc, got 'plus'" }),
    );
  });

  it('rejects a loop index out of range', () => {
    const count = native.ufuncTable.add!.types.length;
    expect(() => native.ufuncExec('add', count, good(), [4])).toThrow(
      expect.objectContaining({
        name: 'RangeError',
        code: 'ERR_INVALID_ARG_VALUE',
        message: `expected typeIndex in [0, ${count}) for ufunc 'add', got ${count}`,
      }),
    );
  });

  it('rejects the wrong number of operands', () => {
    expect(() => native.ufuncExec('add', loop('add', 'dd->d'), good().slice(0, 2), [4])).toThrow(
      expect.objectContaining({ name: 'TypeError', message: "expected 3 operands (inputs then outputs) for ufunc 'add'" }),
    );
  });

  it('rejects strides that do not match the shape', () => {
    const operands = good();
    operands[1] = operand(a, [8, 8]);
    expect(() => native.ufuncExec('add', loop('add', 'dd->d'), operands, [4])).toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'expected operands[1].strides to be an array of 1 integers (one per dimension)' }),
    );
  });

  it('rejects an operand that reaches outside its buffer', () => {
    const operands = good();
    operands[2] = operand(a, [-8], 16);
    expect(() => native.ufuncExec('add', loop('add', 'dd->d'), operands, [4])).toThrow(
      expect.objectContaining({
        name: 'RangeError',
        code: 'ERR_OUT_OF_BOUNDS',
        message: 'expected operands[2] to stay inside its buffer of 32 bytes, but its elements reach bytes -8 to 24',
      }),
    );
  });

  it('rejects a buffer that is not memory', () => {
    const operands = good();
    operands[0] = { buffer: [1, 2] as unknown as ArrayBuffer, byteOffset: 0, strides: [8] };
    expect(() => native.ufuncExec('add', loop('add', 'dd->d'), operands, [4])).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });
});
