// examples/array-function-override.mjs
// NEP 18: a class with __array_function__ takes over ndinterop's array
// functions when one of its instances is a relevant argument, and NEP 35's
// `like` sends creation functions to it.
import { NDArray, NotImplemented, asarray, concatenate, flip, zeros } from 'ndinterop';

class Quantity {
  /**
   * @param {NDArray} value
   * @param {string} unit
   */
  constructor(value, unit) {
    this.value = value;
    this.unit = unit;
  }

  /**
   * ndinterop calls this for every array function an argument of this class takes part in.
   * @param {import('ndinterop').ArrayFunction} func
   * @param {readonly import('ndinterop').ArrayFunctionType[]} types
   * @param {unknown[]} args
   * @param {import('ndinterop').FunctionKwargs} kwargs
   */
  __array_function__(func, types, args, kwargs) {
    if (!types.every((type) => type === Quantity || type === NDArray)) return NotImplemented;
    /** @type {Set<string>} */
    const units = new Set();
    /** @type {(x: unknown) => unknown} */
    const strip = (x) => {
      if (x instanceof Quantity) {
        units.add(x.unit);
        return x.value;
      }
      return Array.isArray(x) ? x.map(strip) : x;
    };
    const plain = args.map(strip);
    if (units.size > 1) throw new TypeError(`cannot combine ${[...units].join(' and ')}`);
    // func.implementation is the default implementation, without dispatch.
    const result = func.implementation(...plain, kwargs);
    return result instanceof NDArray ? new Quantity(result, this.unit) : result;
  }

  toString() {
    return `${this.value} ${this.unit}`;
  }
}

const d = new Quantity(asarray([1, 2, 3]), 'm');
console.log(String(flip(d)));
console.log(String(concatenate([d, new Quantity(asarray([4]), 'm')])));
try {
  concatenate([d, new Quantity(asarray([4]), 's')]);
} catch (error) {
  if (!(error instanceof TypeError)) throw error;
  console.log(error.message);
}
console.log(String(zeros(2, { like: d })));
