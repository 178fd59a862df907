// examples/array-function-override.mjs
// NEP 18: a class with __array_function__ takes over ndinterop's array
// functions when one of its instances is a relevant argument, and NEP 35's
// `like` sends creation functions to it.
import { NotImplemented, asarray, concatenate, flip, zeros } from 'ndinterop';

class Quantity {
  constructor(value, unit) {
    this.value = asarray(value);
    this.unit = unit;
  }

  __array_function__(func, types, args, kwargs) {
    if (!types.every((type) => type === Quantity || type.name === 'NDArray')) return NotImplemented;
    const units = new Set();
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
    return new Quantity(func.implementation(...plain, kwargs), this.unit);
  }

  toString() {
    return `${this.value} ${this.unit}`;
  }
}

const d = new Quantity([1, 2, 3], 'm');
console.log(String(flip(d)));
console.log(String(concatenate([d, new Quantity([4], 'm')])));
try {
  concatenate([d, new Quantity([4], 's')]);
} catch (error) {
  console.log(error.message);
}
console.log(String(zeros(2, { like: d })));
