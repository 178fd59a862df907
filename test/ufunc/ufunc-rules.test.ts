// Per-ufunc rules (NumPy's type resolvers and method special cases) are data
// on the built-in ufuncs (src/ufunc/table.generated.ts), not tests of a name:
// a user ufunc that shares a built-in's name gets none of them.
import { describe, expect, it } from 'vitest';
import { add, asarray, createUfunc, divide, logical_and, power, subtract } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

const int64 = (values: number[]) => asarray(values, { dtype: 'int64' });

describe('power: integers to negative integer powers', () => {
  it('the built-in power raises, as NumPy does', () => {
    expectError(() => power(int64([2, 3]), int64([1, -1])), RangeError, 'ERR_UFUNC_VALUE', 'Integers to negative integer powers are not allowed.');
  });

  it("a createUfunc named 'power' does not inherit the rule", () => {
    const userPower = createUfunc({ name: 'power', nin: 2, nout: 1, loops: { 'll->l': (x, y) => (y as bigint) < 0n ? 0n : (x as bigint) ** (y as bigint) } });
    expect((userPower(int64([2, 3]), int64([3, -1])) as { toArray(): unknown }).toArray()).toEqual([8n, 0n]);
  });
});

describe('logical ufuncs: any input goes to the bool loop', () => {
  it("a createUfunc named 'logical_and' chooses its loops by promotion", () => {
    const userAnd = createUfunc({ name: 'logical_and', nin: 2, nout: 1, loops: { '??->?': (x, y) => Boolean(x) && Boolean(y), 'dd->d': (x, y) => (x as number) * (y as number) } });
    expect((userAnd(asarray([2.5]), asarray([2])) as { toArray(): unknown }).toArray()).toEqual([5]);
    expect((logical_and(asarray([2.5]), asarray([2])) as { toArray(): unknown }).toArray()).toEqual([true]);
  });
});

describe('add.reduce: small integers sum in int64', () => {
  it("a createUfunc named 'add' reduces in its input type", () => {
    const userAdd = createUfunc({ name: 'add', nin: 2, nout: 1, identity: 0, loops: { 'bb->b': (x, y) => (x as number) + (y as number) } });
    const bytes = asarray([100, 20], { dtype: 'int8' });
    expect(userAdd.reduce(bytes)).toBe(120); // an int8 result reads as a number
    expect(add.reduce(bytes)).toBe(120n); // int64 reads as a bigint
  });
});

describe('subtract: all-bool inputs are refused (NumPy\'s type resolver)', () => {
  const bools = () => asarray([true, false]);
  it('the built-in subtract refuses with NumPy\'s message', () => {
    expectError(
      () => subtract(bools(), bools()),
      TypeError,
      'ERR_UFUNC_TYPE',
      'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
    );
  });

  it("a createUfunc named 'subtract' computes on bools through its integer loop", () => {
    const userSubtract = createUfunc({ name: 'subtract', nin: 2, nout: 1, loops: { 'bb->b': (x, y) => (x as number) - (y as number) } });
    expect((userSubtract(bools(), bools()) as { toArray(): unknown }).toArray()).toEqual([0, 0]);
  });
});

describe('divide: integers compute in float64 (true_divide)', () => {
  it("the built-in divide gives float64; a createUfunc named 'divide' keeps its integer loop", () => {
    const ints = () => asarray([7, 9], { dtype: 'int32' });
    expect((divide(ints(), asarray([2, 3], { dtype: 'int32' })) as { dtype: { name: string } }).dtype.name).toBe('float64');
    const userDivide = createUfunc({ name: 'divide', nin: 2, nout: 1, loops: { 'ii->i': (x, y) => Math.trunc((x as number) / (y as number)), 'dd->d': (x, y) => (x as number) / (y as number) } });
    const result = userDivide(ints(), asarray([2, 3], { dtype: 'int32' })) as { dtype: { name: string }; toArray(): unknown };
    expect(result.dtype.name).toBe('int32');
    expect(result.toArray()).toEqual([3, 3]);
  });
});
