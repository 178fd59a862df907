// native.ufuncExecPacked: the engine's cheap form of ufuncExec. Same checks
// and errors for every malformed argument; same results (expected values
// here are hand arithmetic on exactly representable doubles).
import { describe, expect, it } from 'vitest';
import { native } from '../../src/base/native.js';

const add = native.ufuncTable.add!;
const addDD = add.types.indexOf('dd->d');
const addFD = add.types.indexOf('dd->d');

function layout(values: number[]): Float64Array {
  return Float64Array.from(values);
}

describe('ufuncExecPacked', () => {
  it('runs a loop with broadcasting, a where mask and fused casts', () => {
    const a = new Float64Array([1, 2, 3, 4]);
    const b = new Float64Array([10]);
    const out = new Float64Array(4);
    // ndim 1, no where, no casts, shape [4]; a stride 8, b stride 0 (broadcast), out stride 8
    expect(native.ufuncExecPacked(add.id, addDD, [a, b, out], layout([1, 0, 0, 4, 0, 8, 0, 0, 0, 8]))).toBe(0);
    expect(Array.from(out)).toEqual([11, 12, 13, 14]);
    const mask = new Uint8Array([1, 0, 0, 1]);
    const masked = new Float64Array([-1, -1, -1, -1]);
    native.ufuncExecPacked(add.id, addDD, [a, b, masked, mask], layout([1, 1, 0, 4, 0, 8, 0, 0, 0, 8, 0, 1]));
    expect(Array.from(masked)).toEqual([11, -1, -1, 14]);
    const ints = new Int32Array([5, -6, 7, -8]);
    const fused = new Float64Array(4);
    const int32 = native.dtypeTable.find((row) => row.name === 'int32')!.id;
    native.ufuncExecPacked(add.id, addFD, [ints, a, fused], layout([1, 0, 1, 4, 0, 4, 0, 8, 0, 8, int32, 0, -1, 0, -1, 0]));
    expect(Array.from(fused)).toEqual([6, -4, 10, -4]);
  });

  it('reports floating-point flags', () => {
    const divide = native.ufuncTable.divide!;
    const out = new Float64Array(1);
    const flags = native.ufuncExecPacked(divide.id, divide.types.indexOf('dd->d'), [new Float64Array([1]), new Float64Array([0]), out], layout([1, 0, 0, 1, 0, 8, 0, 8, 0, 8]));
    expect(flags & 1).toBe(1);
    expect(out[0]).toBe(Infinity);
  });

  const good = () => [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
  const goodLayout = () => layout([1, 0, 0, 2, 0, 8, 0, 8, 0, 8]);
  const cases: [string, () => unknown, string, string, string][] = [
    ['an unknown ufunc id', () => native.ufuncExecPacked(100000, 0, good(), goodLayout()), 'RangeError', 'ERR_INVALID_ARG_VALUE', `expected a ufunc id in [0, ${Object.keys(native.ufuncTable).length}), got 100000`],
    ['a loop index out of range', () => native.ufuncExecPacked(add.id, 999, good(), goodLayout()), 'RangeError', 'ERR_INVALID_ARG_VALUE', `expected typeIndex in [0, ${add.types.length}) for ufunc 'add', got 999`],
    ['a layout that is not a Float64Array', () => native.ufuncExecPacked(add.id, addDD, good(), [1, 0, 0, 2] as never), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to be a Float64Array'],
    ['buffers that are not an array', () => native.ufuncExecPacked(add.id, addDD, 'x' as never, goodLayout()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected buffers to be an array'],
    ['too few buffers', () => native.ufuncExecPacked(add.id, addDD, good().slice(0, 2), goodLayout()), 'TypeError', 'ERR_INVALID_ARG_TYPE', "expected 3 buffers (inputs, outputs) for ufunc 'add'"],
    ['a truncated layout', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 0, 2, 0, 8])), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected layout to hold byteOffset at index 6'],
    ['a non-integer layout entry', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 0, 2.5, 0, 8, 0, 8, 0, 8])), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected layout[3] (shape) to be a safe integer, got 2.500000'],
    ['a NaN layout entry', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 0, 2, NaN, 8, 0, 8, 0, 8])), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected layout[4] (byteOffset) to be a safe integer, got nan'],
    ['a negative dimension', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 0, -2, 0, 8, 0, 8, 0, 8])), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected shape entries >= 0, got -2'],
    ['an absurd ndim', () => native.ufuncExecPacked(add.id, addDD, good(), layout([65, 0, 0])), 'RangeError', 'ERR_INVALID_ARG_VALUE', 'expected ndim in [0, 64], got 65'],
    ['an operand reaching past its buffer', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 0, 2, 0, 8, 0, 16, 0, 8])), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[1] to stay inside its buffer of 16 bytes, but its elements reach bytes 0 to 24'],
    ['a negative reach', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 0, 2, 0, -8, 0, 8, 0, 8])), 'RangeError', 'ERR_OUT_OF_BOUNDS', 'expected operands[0] to stay inside its buffer of 16 bytes, but its elements reach bytes -8 to 8'],
    ['a buffer that is not memory', () => native.ufuncExecPacked(add.id, addDD, [{}, new Float64Array(2), new Float64Array(2)], goodLayout()), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected buffers[0].buffer to be an ArrayBuffer or a TypedArray, got [object Object]'],
    ['a cast from a non-numeric dtype', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 1, 2, 0, 8, 0, 8, 0, 8, 9999, 0, -1, 0, -1, 0])), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected a cast dtype to be the id of a numeric dtype, got 9999'],
    ['a cast on an output', () => native.ufuncExecPacked(add.id, addDD, good(), layout([1, 0, 1, 2, 0, 8, 0, 8, 0, 8, -1, 0, -1, 0, 0, 0])), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'expected no cast for output 2'],
  ];
  for (const [what, call, name, code, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(call).toThrow(expect.objectContaining({ name, code, message }));
    });
  }
});
