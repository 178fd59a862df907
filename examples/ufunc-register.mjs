// examples/ufunc-register.mjs
// Overrides for a class you do not own, with ufuncDispatch.register (NEP 13).
import { NDArray, NotImplemented, add, asarray, multiply, sqrt, ufuncDispatch } from 'ndinterop';

// Values in metres raised to `power` (1: m, 2: m²).
class Length {
  /**
   * @param {unknown} value an array, or the scalar of a reduction
   * @param {number} [power]
   */
  constructor(value, power = 1) {
    this.value = value;
    this.power = power;
  }
  toString() {
    const v = this.value instanceof NDArray ? [...this.value].join(', ') : this.value;
    return `${v} m^${this.power}`;
  }
}

ufuncDispatch.register(Length, (ufunc, method, inputs, kwargs) => {
  if (kwargs.out) return NotImplemented;
  const powers = inputs.map((x) => (x instanceof Length ? x.power : 0));
  const values = inputs.map((x) => (x instanceof Length ? x.value : x));
  let power;
  if (ufunc === add && method === 'reduce') power = powers[0];
  else if (method !== '__call__') return NotImplemented;
  else if (ufunc === add) {
    if (powers[0] !== powers[1]) throw new TypeError(`cannot add m^${powers[0]} and m^${powers[1]}`);
    power = powers[0];
  } else if (ufunc === multiply) power = powers[0] + powers[1];
  else if (ufunc === sqrt) power = powers[0] / 2;
  else return NotImplemented;
  const result = method === 'reduce' ? ufunc.reduce(values[0], kwargs) : ufunc(...values, kwargs);
  return new Length(result, power);
});

const side = new Length(asarray([3, 4], { dtype: 'float64' }));
const area = multiply(side, side);
// The types cannot know what a registered handler returns: narrow it.
if (!(area instanceof Length)) throw new TypeError('expected a Length');
console.log(`${area} | ${sqrt(area)} | ${add.reduce(side)}`);
try {
  add(side, area);
} catch (error) {
  if (!(error instanceof TypeError)) throw error;
  console.log(error.message);
}
