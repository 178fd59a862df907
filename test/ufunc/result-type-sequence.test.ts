// np.result_type of three or more dtypes is PyArray_PromoteDTypeSequence: the
// most knowledgeable dtype promotes with each other one, not a left-to-right
// pairwise fold, so the order does not matter. Expected values: NumPy 2.4's
// output for each sequence (python3 -c "import numpy as np; print(np.result_type(...))").
import { describe, expect, it } from 'vitest';
import { resultType } from '../../src/index.js';

const numpy: [string[], string][] = [
  [['uint16', 'int16', 'float32'], 'float32'],
  [['int16', 'uint16', 'float16'], 'float32'],
  [['float32', 'uint16', 'int8'], 'float32'],
  [['int32', 'float32', 'int8'], 'float64'],
  [['uint8', 'int8', 'float16'], 'float16'],
  [['uint64', 'int8', 'float32'], 'float64'],
  [['int8', 'uint8', 'int16', 'float16'], 'float32'],
  [['uint32', 'int32', 'complex64'], 'complex128'],
];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('resultType of a dtype sequence (NumPy PyArray_PromoteDTypeSequence)', () => {
  for (const [dtypes, expected] of numpy) {
    it(`result_type(${dtypes.join(', ')}) is ${expected} in every order`, () => {
      for (const order of permutations(dtypes)) expect(resultType(...(order as never[])).name, order.join(', ')).toBe(expected);
    });
  }
  it('two dtypes still promote as promote_types does: (uint16, int16) is int32', () => {
    expect(resultType('uint16', 'int16').name).toBe('int32');
  });
  it('weak scalars raise the kind after the strong dtypes: (uint16, int16, float32, 0.5j) is complex64', () => {
    expect(resultType('uint16', 'int16', 'float32', { re: 0.5, im: 0 }).name).toBe('complex64');
  });
});
