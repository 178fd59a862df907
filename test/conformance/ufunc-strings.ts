// test_ufunc.py: the ufuncs on NumPy's string dtypes 'S' and 'U' (logical
// ufuncs through string truth, add as concatenation, no loop for anything
// else). Registered on the ufunc port by ufunc.test.ts. Python str values
// are JS strings; np.array(values, dtype) is asarray(values, { dtype }).
import { expect } from 'vitest';
import {
  NDArray, add, all, asarray, parseBufferFormat, bitwise_and, bitwise_or, bitwise_xor, divide, equal, floor_divide, fmax, fmin, fmod, greater, greater_equal,
  hypot, left_shift, less, less_equal, logaddexp, logaddexp2, logical_and, logical_or, logical_xor, maximum, minimum, mod, multiply,
  not_equal, power, right_shift, subtract, true_divide,
} from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { assertArrayEqual } from './numpy-like.js';

const U = 'TestUfunc::';
type AnyUfunc = ((...args: unknown[]) => unknown) & { reduce: (...args: unknown[]) => unknown };

export function portUfuncStrings(port: Port): void {
  const logical = { logical_and, logical_or, logical_xor } as unknown as Record<string, AnyUfunc>;
  for (const [name, ufunc] of Object.entries(logical)) {
    for (const dtype of ['S', 'U']) {
      for (const [id, values] of [['values0', ['1', 'hi', '0']], ['values1', ['', '']]] as const) {
        port.case(`${U}test_logical_ufuncs_supports_string[${id}-${dtype}-${name}]`, () => {
          // note that values are either all true or all false
          const arr = asarray([...values], { dtype: dtype as 'U' });
          // NumPy's object array of Python str: each value's truth (not empty)
          const objArr = asarray(values.map((v) => v !== ''));
          const res = ufunc(arr, arr);
          const expected = ufunc(objArr, objArr, { dtype: 'bool' });
          assertArrayEqual(res, expected);
          const reduced = ufunc.reduce(arr);
          const expectedReduced = ufunc.reduce(objArr, { dtype: 'bool' });
          assertArrayEqual(reduced, expectedReduced);
        });
      }
    }
    port.case(`${U}test_logical_ufuncs_out_cast_check[${name}]`, () => {
      const a = asarray('1');
      const c = asarray([1.0, 2.0]);
      const out = a.copy();
      // It would be safe, but not equiv casting:
      raises('TypeError', () => ufunc(a, c, { out, casting: 'equiv' }));
    });
  }

  for (const [dt1, dt2] of [['S', 'U'], ['U', 'S'], ['S', 'd'], ['S', 'V'], ['U', 'l']] as const) {
    port.case(`test_addition_string_types[${dt1}-${dt2}]`, () => {
      // np.array([1234234], dtype=dt1): asarray takes no numbers for strings, so the text
      const arr1 = dt1 === 'S' || dt1 === 'U' ? asarray(['1234234'], { dtype: dt1 }) : asarray([1234234], { dtype: dt1 });
      // np.array([b"423"], dtype=dt2)
      const arr2 =
        dt2 === 'S' || dt2 === 'U'
          ? asarray(['423'], { dtype: dt2 })
          : dt2 === 'V'
            ? new NDArray({ buffer: new Uint8Array([52, 50, 51]).buffer, dtype: 'V3', shape: [1] })
            : asarray([423], { dtype: dt2 });
      raises('TypeError', () => add(arr1, arr2));
    });
  }

  for (const [order1, order2] of [['>', '>'], ['<', '<'], ['>', '<'], ['<', '>']]) {
    port.case(`test_addition_unicode_inverse_byte_order[${order1}-${order2}]`, () => {
      const element = 'abcd';
      const arr1 = asarray([element], { dtype: `${order1}U4` as 'U' });
      const arr2 = asarray([element], { dtype: `${order2}U4` as 'U' });
      const result = add(arr1, arr2) as NDArray;
      expect(equal(result, element.repeat(2))).toEqual(asarray([true]));
      expect(result.toArray()).toEqual([element.repeat(2)]);
    });
  }

  port.case(`${U}test_structured_equal`, () => {
    // https://github.com/numpy/numpy/issues/4855 (NumPy's `==` of structured
    // arrays; JS has no operators, so equal takes it)
    class MyA extends NDArray {
      __array_ufunc__(ufunc: AnyUfunc & Record<string, AnyUfunc>, method: string, inputs: unknown[], kwargs: Record<string, unknown>): unknown {
        // getattr(ufunc, method)(*(input.view(np.ndarray) for input in inputs), **kwargs)
        const plain = inputs.map((x) =>
          x instanceof NDArray ? new NDArray({ buffer: x.buffer as ArrayBuffer, byteOffset: x.byteOffset, dtype: x.dtype, shape: x.shape, strides: x.strides }) : x,
        );
        return (method === '__call__' ? ufunc : ufunc[method]!)(...plain, kwargs);
      }
    }
    const a = asarray(Array.from({ length: 12 }, (_, i) => i), { dtype: 'float64' }).reshape(4, 3); // np.arange(12.).reshape(4, 3)
    const f8x3 = parseBufferFormat('T{<d:f0:<d:f1:<d:f2:}').dtype; // 'f8,f8,f8'
    const ra = new NDArray({ buffer: a.buffer as ArrayBuffer, dtype: f8x3, shape: [4] }); // a.view(dtype=('f8,f8,f8')).squeeze()
    const mra = new MyA({ buffer: a.buffer as ArrayBuffer, dtype: f8x3, shape: [4] }); // ra.view(MyA)
    const target = asarray([true, false, false, false]);
    expect(all(equal(target, equal(mra, ra.slice(0)) as NDArray) as NDArray)).toBe(true);
  });

  port.case(`${U}test_at_no_loop_for_op`, () => {
    // str dtype does not have a ufunc loop for np.add
    const arr = asarray(Array(10).fill('1'), { dtype: 'U' }); // np.ones(10, dtype=str)
    raises('TypeError', () => add.at(arr, [0, 1], [0, 1]));
  });

  port.case(`${U}test_NotImplemented_not_returned`, () => {
    // See gh-5964 and gh-2091. Some of these functions are not operator
    // related and were fixed for other reasons in the past.
    const binaryFuncs = [
      power, add, subtract, multiply, divide, true_divide, floor_divide, bitwise_and, bitwise_or, bitwise_xor, left_shift, right_shift, fmax,
      fmin, fmod, hypot, logaddexp, logaddexp2, maximum, minimum, mod, greater, greater_equal, less, less_equal, equal, not_equal,
    ] as unknown as AnyUfunc[];
    const a = asarray('1');
    const b = 1;
    const c = asarray([1.0, 2.0]);
    for (const f of binaryFuncs) {
      raises('TypeError', () => f(a, b));
      raises('TypeError', () => f(c, a));
    }
  });
}
