// native.ufuncRun: the engine's per-call form of ufuncExec (buffers as
// arguments, no mask). Same checks and errors for every malformed argument;
// same results, through the direct loop call (flat small work) and through
// the iterator (broadcasts, casts, large work). Expected values are hand
// arithmetic on exactly representable doubles.
import { describe, expect, it } from 'vitest';
import { native } from '../../src/base/native.js';

type UfuncRun = (layout: Float64Array, ...buffers: unknown[]) => number;
const run = (native as unknown as { ufuncRun: UfuncRun }).ufuncRun;
const add = native.ufuncTable.add!;
const addDD = add.types.indexOf('dd->d');
const int32 = native.dtypeTable.find((row) => row.name === 'int32')!.id;
const layout = (values: number[]): Float64Array => Float64Array.from(values);
const bytes = (values: number[]): ArrayBuffer => Float64Array.from(values).buffer;

describe('ufuncRun', () => {
  it('runs flat work as one loop call: contiguous operands and a repeated element', () => {
    const a = bytes([1, 2, 3, 4]);
    const b = bytes([10]);
    const out = new ArrayBuffer(32);
    // [id, typeIndex, ndim, hasCasts, shape..., per operand byteOffset + strides]
    expect(run(layout([add.id, addDD, 1, 0, 4, 0, 8, 0, 0, 0, 8]), a, b, out)).toBe(0);
    expect(Array.from(new Float64Array(out))).toEqual([11, 12, 13, 14]);
    // 2-d C-contiguous operands with byte offsets.
    const c = bytes([0, 1, 2, 3, 4]);
    const d = bytes([0, 0, 100, 200, 300, 400]);
    const e = new ArrayBuffer(40);
    run(layout([add.id, addDD, 2, 0, 2, 2, 8, 16, 8, 16, 16, 8, 8, 16, 8]), c, d, e);
    expect(Array.from(new Float64Array(e))).toEqual([0, 101, 202, 303, 404]);
  });

  it('runs strided, broadcast and reduction layouts through the iterator', () => {
    const col = bytes([1, 2]);
    const row = bytes([10, 20, 30]);
    const out = new ArrayBuffer(48);
    // (2,1) * (1,3) -> (2,3)
    const multiply = native.ufuncTable.multiply!;
    run(layout([multiply.id, multiply.types.indexOf('dd->d'), 2, 0, 2, 3, 0, 8, 0, 0, 0, 8, 0, 24, 8]), col, row, out);
    expect(Array.from(new Float64Array(out))).toEqual([10, 20, 30, 20, 40, 60]);
    // Sum along axis 1 of a (2,3): the accumulator is input 0 and the output, stride 0 along axis 1.
    const acc = new ArrayBuffer(16);
    run(layout([add.id, addDD, 2, 0, 2, 3, 0, 8, 0, 0, 24, 8, 0, 8, 0]), acc, out, acc);
    expect(Array.from(new Float64Array(acc))).toEqual([60, 120]);
    // Every other element (stride 16).
    const strided = new ArrayBuffer(16);
    run(layout([add.id, addDD, 1, 0, 2, 0, 16, 8, 16, 0, 8]), out, out, strided);
    expect(Array.from(new Float64Array(strided))).toEqual([30, 50]); // out[0] + out[1], out[2] + out[3]
  });

  it('fuses input casts', () => {
    const ints = Int32Array.from([5, -6, 7, -8]).buffer;
    const out = new ArrayBuffer(32);
    run(layout([add.id, addDD, 1, 1, 4, 0, 4, 0, 8, 0, 8, int32, -1, -1]), ints, bytes([1, 2, 3, 4]), out);
    expect(Array.from(new Float64Array(out))).toEqual([6, -4, 10, -4]);
  });

  it('runs work past the direct-call size (the split and streamed path) with the same result', () => {
    const n = (1 << 17) + 3;
    const a = new Float64Array(n).map((_, i) => i);
    const out = new Float64Array(n);
    expect(run(layout([add.id, addDD, 1, 0, n, 0, 8, 0, 8, 0, 8]), a.buffer, a.buffer, out.buffer)).toBe(0);
    expect(out[0]).toBe(0);
    expect(out[n - 1]).toBe(2 * (n - 1));
    expect(out.every((v, i) => v === 2 * i)).toBe(true);
  });

  it('accepts TypedArrays and SharedArrayBuffers as buffers', () => {
    const shared = new SharedArrayBuffer(16);
    const out = new Float64Array(shared);
    run(layout([add.id, addDD, 1, 0, 2, 0, 8, 0, 8, 0, 8]), new Float64Array([1, 2]), new Float64Array([3, 4]), shared);
    expect(Array.from(out)).toEqual([4, 6]);
  });

  it('reports floating-point flags, on the direct and the iterator path', () => {
    const divide = native.ufuncTable.divide!;
    const dd = divide.types.indexOf('dd->d');
    const out = new ArrayBuffer(16);
    expect(run(layout([divide.id, dd, 1, 0, 2, 0, 8, 0, 8, 0, 8]), bytes([1, 2]), bytes([0, 1]), out) & 1).toBe(1);
    expect(new Float64Array(out)[0]).toBe(Infinity);
    expect(run(layout([divide.id, dd, 1, 0, 2, 0, 8, 0, 0, 0, 8]), bytes([0, 2]), bytes([0]), out) & 8).toBe(8);
    expect(run(layout([divide.id, dd, 1, 0, 2, 8, -8, 0, 0, 0, 8]), bytes([1, 2]), bytes([4]), out)).toBe(0);
    expect(Array.from(new Float64Array(out))).toEqual([0.5, 0.25]);
    expect(run(layout([divide.id, dd, 1, 0, 2, 0, 16, 0, 0, 0, 8]), bytes([1, 0, 0]), bytes([0]), out) & 9).toBe(9);
  });

  it('does nothing for empty work', () => {
    expect(run(layout([add.id, addDD, 1, 0, 0, 0, 8, 0, 8, 0, 8]), new ArrayBuffer(0), new ArrayBuffer(0), new ArrayBuffer(0))).toBe(0);
  });

  const good = () => [new ArrayBuffer(16), new ArrayBuffer(16), new ArrayBuffer(16)] as const;
  const goodLayout = (...rest: number[]) => layout([add.id, addDD, 1, 0, 2, 0, 8, 0, 8, 0, 8, ...rest]);
  const cases: [string, () => unknown, string, string, string][] = [
    ['a layout that is not a Float64Array', () => run([add.id] as never, ...good()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to be a Float64Array'],
    ['no arguments', () => (run as () => unknown)(), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to be a Float64Array'],
    ['an unknown ufunc id', () => run(layout([100000, 0, 1, 0, 2]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', `expected a ufunc id in [0, ${Object.keys(native.ufuncTable).length}), got 100000`],
    ['a loop index out of range', () => run(layout([add.id, 999, 1, 0, 2]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', `expected typeIndex in [0, ${add.types.length}) for ufunc 'add', got 999`],
    ['too few buffers', () => run(goodLayout(), ...good().slice(0, 2)), 'TypeError', 'ERR_INVALID_ARG_TYPE', "expected 3 buffers (inputs, outputs) for ufunc 'add'"],
    ['a truncated layout', () => run(layout([add.id, addDD, 1, 0, 2, 0, 8]), ...good()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to hold byteOffset at index 7'],
    ['a non-integer layout entry', () => run(layout([add.id, addDD, 1, 0, 2.5, 0, 8, 0, 8, 0, 8]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected layout[4] (shape) to be a safe integer, got 2.500000'],
    ['a NaN layout entry', () => run(layout([add.id, addDD, 1, 0, 2, NaN, 8, 0, 8, 0, 8]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected layout[5] (byteOffset) to be a safe integer, got nan'],
    ['an unsafe integer', () => run(layout([add.id, addDD, 1, 0, 2, 2 ** 53, 8, 0, 8, 0, 8]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected layout[5] (byteOffset) to be a safe integer, got 9007199254740992.000000'],
    ['a negative dimension', () => run(layout([add.id, addDD, 1, 0, -2, 0, 8, 0, 8, 0, 8]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected shape entries >= 0, got -2'],
    ['an absurd ndim', () => run(layout([add.id, addDD, 65, 0]), ...good()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected ndim in [0, 64], got 65'],
    ['an operand reaching past its buffer', () => run(layout([add.id, addDD, 1, 0, 2, 0, 8, 0, 16, 0, 8]), ...good()), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[1] to stay inside its buffer of 16 bytes, but its elements reach bytes 0 to 24'],
    ['a negative reach', () => run(layout([add.id, addDD, 1, 0, 2, 0, -8, 0, 8, 0, 8]), ...good()), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[0] to stay inside its buffer of 16 bytes, but its elements reach bytes -8 to 8'],
    ['a huge reach', () => run(layout([add.id, addDD, 1, 0, 2, 0, 2 ** 52, 0, 8, 0, 8]), ...good()), 'RangeError', 'ERR_OUT_OF_BOUNDS', `expected operands[0] to stay inside its buffer of 16 bytes, but its elements reach bytes 0 to ${2 ** 52 + 8}`],
    ['an offset past the end', () => run(layout([add.id, addDD, 1, 0, 2, 0, 8, 0, 8, 16, 8]), ...good()), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[2] to stay inside its buffer of 16 bytes, but its elements reach bytes 16 to 32'],
    ['a cast input reaching past its buffer (its stored itemsize)', () => run(layout([add.id, addDD, 1, 1, 2, 0, 8, 0, 8, 0, 8, native.dtypeTable.find((row) => row.name === 'complex128')!.id, -1]), ...good()), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[0] to stay inside its buffer of 16 bytes, but its elements reach bytes 0 to 24'],
    ['a buffer that is not memory', () => run(goodLayout(), {}, new ArrayBuffer(16), new ArrayBuffer(16)), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected buffers[0].buffer to be an ArrayBuffer or a TypedArray, got [object Object]'],
    ['a cast from a non-numeric dtype', () => run(layout([add.id, addDD, 1, 1, 2, 0, 8, 0, 8, 0, 8, 9999, -1]), ...good()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected a cast dtype to be the id of a numeric dtype, got 9999'],
  ];
  for (const [what, call, name, code, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(call).toThrow(expect.objectContaining({ name, code, message }));
    });
  }
});

// native.castRun: castExec's per-call form (astype's path). Values are hand
// arithmetic; castExec's own NumPy differential is test/ufunc/kernels-cast.test.ts.
describe('castRun', () => {
  type CastRun = (layout: Float64Array, source: unknown, destination: unknown) => number;
  const cast = native.castRun as CastRun;
  const id = (name: string): number => native.dtypeTable.find((row) => row.name === name)!.id;
  const [f64, f32, i8, u8] = [id('float64'), id('float32'), id('int8'), id('uint8')];

  it('casts contiguous memory in one call, with offsets', () => {
    const out = new ArrayBuffer(16);
    // [from, fromSwapped, to, toSwapped, ndim, shape..., per operand byteOffset + strides]
    expect(cast(layout([f64, 0, f32, 0, 1, 3, 8, 8, 4, 4]), bytes([9, 1.5, -2.25, 1e40]), out)).toBe(2); // overflow, as NumPy warns
    expect(Array.from(new Float32Array(out))).toEqual([0, 1.5, -2.25, Infinity]);
  });

  it('casts strided and broadcast layouts through the iterator', () => {
    const out = new ArrayBuffer(6);
    // (2,3) from a transposed (3,2) float64 source.
    cast(layout([f64, 0, i8, 0, 2, 2, 3, 0, 8, 16, 0, 3, 1]), bytes([1, 4, 2, 5, 3, 6]), out);
    expect(Array.from(new Int8Array(out))).toEqual([1, 2, 3, 4, 5, 6]);
    // One element repeated along both axes.
    cast(layout([f64, 0, i8, 0, 2, 2, 3, 0, 0, 0, 0, 3, 1]), bytes([-7.9]), out);
    expect(Array.from(new Int8Array(out))).toEqual([-7, -7, -7, -7, -7, -7]);
  });

  it('reads and writes byte-swapped sides', () => {
    const big = new DataView(new ArrayBuffer(16));
    big.setFloat64(0, 300.5);
    big.setFloat64(8, -1.5);
    const out = new ArrayBuffer(8);
    cast(layout([f64, 1, f32, 1, 1, 2, 0, 8, 0, 4]), big.buffer, out);
    const view = new DataView(out);
    expect([view.getFloat32(0), view.getFloat32(4)]).toEqual([300.5, -1.5]);
  });

  it('reports the invalid flag of NaN to an integer, on both paths', () => {
    const out = new ArrayBuffer(2);
    expect(cast(layout([f64, 0, u8, 0, 1, 2, 0, 8, 0, 1]), bytes([NaN, 1]), out) & 8).toBe(8);
    expect(cast(layout([f64, 0, u8, 0, 1, 2, 0, 16, 0, 1]), bytes([NaN, 0, 1]), out) & 8).toBe(8);
    expect(cast(layout([f64, 0, u8, 0, 1, 2, 0, 8, 0, 1]), bytes([2, 1]), out)).toBe(0);
  });

  it('does nothing for empty work', () => {
    expect(cast(layout([f64, 0, f32, 0, 1, 0, 0, 8, 0, 4]), new ArrayBuffer(0), new ArrayBuffer(0))).toBe(0);
  });

  const two = () => [new ArrayBuffer(16), new ArrayBuffer(8)] as const;
  const cases: [string, () => unknown, string, string, string][] = [
    ['a layout that is not a Float64Array', () => cast([f64] as never, ...two()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to be a Float64Array'],
    ['a missing destination', () => (cast as (...args: unknown[]) => unknown)(layout([f64, 0, f32, 0, 0, 0, 0]), new ArrayBuffer(8)), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected castRun(layout, source, destination)'],
    ['a non-numeric source dtype', () => cast(layout([9999, 0, f32, 0, 0, 0, 0]), ...two()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected the source dtype to be the id of a numeric dtype, got 9999'],
    ['a non-numeric destination dtype', () => cast(layout([f64, 0, -1, 0, 0, 0, 0]), ...two()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected the destination dtype to be the id of a numeric dtype, got -1'],
    ['a truncated layout', () => cast(layout([f64, 0, f32, 0, 1, 2, 0]), ...two()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to hold stride at index 7'],
    ['an absurd ndim', () => cast(layout([f64, 0, f32, 0, 65]), ...two()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected ndim in [0, 64], got 65'],
    ['a negative dimension', () => cast(layout([f64, 0, f32, 0, 1, -1, 0, 8, 0, 4]), ...two()), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected shape entries >= 0, got -1'],
    ['a source reaching past its buffer', () => cast(layout([f64, 0, f32, 0, 1, 2, 8, 8, 0, 4]), ...two()), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[0] to stay inside its buffer of 16 bytes, but its elements reach bytes 8 to 24'],
    ['a destination reaching past its buffer', () => cast(layout([f64, 0, f64, 0, 1, 2, 0, 8, 0, 8]), ...two()), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[1] to stay inside its buffer of 8 bytes, but its elements reach bytes 0 to 16'],
    ['a buffer that is not memory', () => cast(layout([f64, 0, f32, 0, 1, 2, 0, 8, 0, 4]), {}, new ArrayBuffer(8)), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected buffers[0].buffer to be an ArrayBuffer or a TypedArray, got [object Object]'],
  ];
  for (const [what, call, name, code, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(call).toThrow(expect.objectContaining({ name, code, message }));
    });
  }
});
