// examples/array-ufunc.mjs
// An array class that takes over ufuncs (NEP 13).
import { NDArray, NotImplemented, add, asarray, multiply, sqrt } from 'ndinterop';

// Values in metres raised to `power` (1: m, 2: m²).
class Length {
  /**
   * @param {NDArray} value
   * @param {number} [power]
   */
  constructor(value, power = 1) {
    this.value = value;
    this.power = power;
  }

  /**
   * ndinterop calls this for every ufunc an operand of this class takes part in.
   * @param {import('ndinterop').Ufunc} ufunc
   * @param {import('ndinterop').UfuncMethod} method
   * @param {unknown[]} inputs
   * @param {import('ndinterop').UfuncKwargs} kwargs
   */
  __array_ufunc__(ufunc, method, inputs, kwargs) {
    if (method !== '__call__' || kwargs.out) return NotImplemented;
    const powers = inputs.map((x) => (x instanceof Length ? x.power : 0));
    const values = inputs.map((x) => (x instanceof Length ? x.value : x));
    let power;
    if (ufunc === add) {
      if (powers[0] !== powers[1]) throw new TypeError(`cannot add m^${powers[0]} and m^${powers[1]}`);
      power = powers[0];
    } else if (ufunc === multiply) power = powers[0] + powers[1];
    else if (ufunc === sqrt) power = powers[0] / 2;
    else return NotImplemented; // the caller gets NumPy's TypeError
    const result = ufunc(...values, kwargs);
    return result instanceof NDArray ? new Length(result, power) : NotImplemented;
  }

  toString() {
    return `${[...this.value].join(', ')} m^${this.power}`;
  }
}

const side = new Length(asarray([3, 4], { dtype: 'float64' }));
const area = multiply(side, side);
console.log(`area: ${area}`);
console.log(`sqrt(area): ${sqrt(area)}`);
try {
  add(side, area);
} catch (error) {
  if (!(error instanceof TypeError)) throw error;
  console.log(`add(side, area): ${error.message}`);
}
