// The unit-carrying array example of docs/guides/ufuncs.md (examples/ufunc-register.mjs), verbatim in behaviour: a class we
// "do not own" takes over add, multiply, sqrt and add.reduce through
// ufuncDispatch.register. Expected values are hand-computed.
import { afterAll, describe, expect, it } from 'vitest';
import { NDArray, NotImplemented, add, asarray, multiply, sqrt, subtract, ufuncDispatch, type ReduceOptions } from '../../src/index.js';

/** Values in metres raised to `power` (1: m, 2: m²). */
class Length {
  constructor(
    readonly value: NDArray | number,
    readonly power = 1,
  ) {}
}

ufuncDispatch.register(Length, (ufunc, method, inputs, kwargs) => {
  if (kwargs.out) return NotImplemented;
  const powers = inputs.map((x) => (x instanceof Length ? x.power : 0));
  const values = inputs.map((x) => (x instanceof Length ? x.value : x));
  let power: number;
  if (ufunc === add && method === 'reduce') power = powers[0]!;
  else if (method !== '__call__') return NotImplemented;
  else if (ufunc === add) {
    if (powers[0] !== powers[1]) throw new TypeError(`cannot add m^${powers[0]} and m^${powers[1]}`);
    power = powers[0]!;
  } else if (ufunc === multiply) power = powers[0]! + powers[1]!;
  else if (ufunc === sqrt) power = powers[0]! / 2;
  else return NotImplemented;
  const result = method === 'reduce' ? ufunc.reduce(values[0], kwargs as ReduceOptions) : ufunc(...values, kwargs);
  return new Length(result as NDArray | number, power);
});

afterAll(() => {
  ufuncDispatch.unregister(Length);
});

const side = new Length(asarray([3, 4], { dtype: 'float64' }));
const unwrap = (x: unknown) => {
  const length = x as Length;
  return [length.value instanceof NDArray ? length.value.toArray() : length.value, length.power];
};

describe('a unit-carrying class registered with ufuncDispatch', () => {
  it('keeps units through add and combines them through multiply and sqrt', () => {
    expect(unwrap(add(side, side))).toEqual([[6, 8], 1]);
    const area = multiply(side, side);
    expect(unwrap(area)).toEqual([[9, 16], 2]);
    expect(unwrap(sqrt(area))).toEqual([[3, 4], 1]);
    expect(unwrap(multiply(side, 2))).toEqual([[6, 8], 1]);
  });

  it('reduces with add.reduce and keeps the unit', () => {
    expect(unwrap(add.reduce(side))).toEqual([7, 1]);
  });

  it('checks units, and declines what it does not handle', () => {
    expect(() => add(side, multiply(side, side))).toThrow('cannot add m^1 and m^2');
    expect(() => subtract(side, side)).toThrow(
      "operand type(s) all returned NotImplemented from __array_ufunc__(<ufunc 'subtract'>, '__call__', Length {",
    );
  });
});
