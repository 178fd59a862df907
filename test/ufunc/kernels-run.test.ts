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
