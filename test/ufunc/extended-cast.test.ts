// Inputs cast to the 80-bit extended types by a dtype= request. Expected
// values from NumPy 2.4: np.divide(np.array([10], t), np.array([20], t),
// dtype=np.clongdouble) is [0.5+0j] and np.add(..., dtype=np.clongdouble) is
// [30+0j] for every t below; the longdouble forms give [0.5] and [30].
// A fused native cast once read float64 inputs as clongdouble (garbage, and
// past the end of the input's memory under AddressSanitizer).
import { describe, expect, it } from 'vitest';
import { add, asarray, divide, multiply } from '../../src/index.js';

const sources = ['int8', 'uint16', 'int64', 'float16', 'float32', 'float64', 'complex64', 'complex128'] as const;

describe('dtype= with an extended-precision loop casts every input', () => {
  for (const source of sources) {
    it(`${source} inputs, clongdouble loop`, () => {
      const a = asarray([10]).astype(source);
      const b = asarray([20]).astype(source);
      expect(divide(a, b, { dtype: 'clongdouble' }).get(0)).toEqual({ re: 0.5, im: 0 });
      expect(add(a, b, { dtype: 'clongdouble' }).get(0)).toEqual({ re: 30, im: 0 });
      expect(multiply(a, b, { dtype: 'clongdouble' }).dtype.name).toBe('clongdouble');
    });
    if (!source.startsWith('complex')) {
      it(`${source} inputs, longdouble loop`, () => {
        const a = asarray([10]).astype(source);
        const b = asarray([20]).astype(source);
        expect(divide(a, b, { dtype: 'longdouble' }).get(0)).toBe(0.5);
        expect(add(a, b, { dtype: 'longdouble' }).get(0)).toBe(30);
      });
    }
  }
});
