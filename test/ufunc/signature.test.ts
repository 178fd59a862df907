// The ufunc `signature`/`sig` keyword: each form, each error (class, code,
// NumPy 2.4's message), and the loop it picks. Expected values are NumPy's,
// run by hand (a = 0.5 * np.arange(3)):
//   np.add(a, 0.5, sig='ii->i', casting='unsafe')          -> [0 0 1] int32
//   np.add(a, 0.5, sig='ii->i')                            -> UFuncTypeError same_kind input 0
//   np.add(3, 4, signature=('i', None, 'i'))                -> int32 7
//   np.add(3, 4, signature=('i', None, None))               -> No loop matching
//   np.add(3, 4, signature=(np.int8, np.int8, None))        -> int8 7
//   np.add(np.arange(3, dtype='i4'), 2, signature=('i', None, None)) -> int32 [2 3 4]
//   np.divmod(7., 2., signature='dd->dd')                   -> (3.0, 1.0)
//   np.divmod(7., 2., signature=(None, None, 'f', None))    -> No loop matching
//   np.negative(3, signature='i->i')                        -> int32 -3
//   np.equal(1, 2, signature='ii->?')                       -> False
//   np.sqrt(4, signature=(None, 'f'))                       -> float32 2.0
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, divmod, equal, ldexp, negative, sqrt } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

type AnyUfunc = (...args: unknown[]) => unknown;
const call = (ufunc: unknown, ...args: unknown[]): unknown => (ufunc as AnyUfunc)(...args);
const a = () => asarray([0, 0.5, 1]);

describe('signature= picks the loop', () => {
  it('a type string, with the casting rule deciding the input casts', () => {
    const r = call(add, a(), 0.5, { sig: 'ii->i', casting: 'unsafe' }) as NDArray;
    expect(r.dtype.name).toBe('int32');
    expect(r.toArray()).toEqual([0, 0, 1]);
    expectError(() => call(add, a(), 0.5, { sig: 'ii->i' }), TypeError, 'ERR_UFUNC_CASTING', "Cannot cast ufunc 'add' input 0 from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
  });
  it('.async and outer take it too', async () => {
    const r = (await (add.async as AnyUfunc)(a(), 0.5, { sig: 'ii->i', casting: 'unsafe' })) as NDArray;
    expect([r.dtype.name, r.toArray()]).toEqual(['int32', [0, 0, 1]]);
    const o = (add.outer as AnyUfunc)(a(), a(), { signature: 'ii->i', casting: 'unsafe' }) as NDArray;
    expect([o.dtype.name, o.toArray()]).toEqual(['int32', [[0, 0, 1], [0, 0, 1], [1, 1, 2]]]);
  });
  it('arrays of dtypes and null (NumPy tuples), partly open', () => {
    expect((call(add, asarray([3]), asarray([4]), { signature: ['i', null, 'i'] }) as NDArray).dtype.name).toBe('int32');
    expect(call(add, 3, 4, { signature: ['i', null, 'i'] })).toBe(7);
    expectError(() => call(add, 3, 4, { signature: ['i', null, null] }), TypeError, 'ERR_UFUNC_TYPE', 'No loop matching the specified signature and casting was found for ufunc add');
    const r = call(add, asarray([1, 2], { dtype: 'int8' }), asarray([3, 4], { dtype: 'int8' }), { signature: ['int8', 'int8', null] }) as NDArray;
    expect([r.dtype.name, r.toArray()]).toEqual(['int8', [4, 6]]);
    const s = call(add, asarray([0, 1, 2], { dtype: 'int32' }), 2, { signature: ['i', null, null] }) as NDArray;
    expect([s.dtype.name, s.toArray()]).toEqual(['int32', [2, 3, 4]]);
    expect(call(add, [3], [4], { sig: [null, null, null] })).toEqual(add([3], [4]));
  });
  it('several outputs, unary ufuncs, comparisons', () => {
    expect(call(divmod, 7, 2, { signature: 'dd->dd' })).toEqual([3, 1]);
    const [q] = call(divmod, asarray([7]), asarray([2]), { signature: [null, null, 'f', 'f'] }) as NDArray[];
    expect(q!.dtype.name).toBe('float32');
    expectError(() => call(divmod, 7, 2, { signature: [null, null, 'f', null] }), TypeError, 'ERR_UFUNC_TYPE', 'No loop matching the specified signature and casting was found for ufunc divmod');
    expect((call(negative, asarray([3]), { signature: 'i->i' }) as NDArray).dtype.name).toBe('int32');
    expect(call(equal, 1, 2, { signature: 'ii->?' })).toBe(false);
    expect((call(sqrt, asarray([4]), { signature: [null, 'f'] }) as NDArray).dtype.name).toBe('float32');
  });
  it('no loop of those types', () => {
    for (const sig of ['dd->i', 'ii->d'] as const) {
      expectError(() => call(add, 3, 4, { signature: sig }), TypeError, 'ERR_UFUNC_TYPE', 'No loop matching the specified signature and casting was found for ufunc add');
    }
    expectError(() => call(ldexp, 1, asarray(3n, { dtype: 'uint64' }), { signature: [null, null, 'd'] }), TypeError, 'ERR_UFUNC_TYPE', 'No loop matching the specified signature and casting was found for ufunc ldexp');
    expectError(() => call(add, asarray(1, { dtype: 'float16' }), asarray(2n, { dtype: 'uint64' }), { sig: ['e', 'd', null] }), TypeError, 'ERR_UFUNC_TYPE', 'No loop matching the specified signature and casting was found for ufunc add');
  });
});

describe('signature= errors, as NumPy words them', () => {
  it('conflicting keywords', () => {
    expectError(() => call(add, 1, 2, { sig: 'ii->i', signature: 'ii->i' }), TypeError, 'ERR_INVALID_ARG_TYPE', "cannot specify both 'sig' and 'signature'");
    expectError(() => call(add, 1, 2, { sig: 'ii->i', dtype: 'int64' }), TypeError, 'ERR_INVALID_ARG_TYPE', "cannot specify both 'signature' and 'dtype'");
    expectError(() => call(add, 1, 2, { signature: 'ii->i', dtype: 'int64' }), TypeError, 'ERR_INVALID_ARG_TYPE', "cannot specify both 'signature' and 'dtype'");
  });
  it('malformed signatures', () => {
    expectError(() => call(add, a(), 0.5, { sig: 'i' }), TypeError, 'ERR_INVALID_ARG_TYPE', "Use `dtype` or  fill the tuple with more than one 'None'.");
    expectError(() => call(add, a(), 0.5, { sig: ['i4'] }), TypeError, 'ERR_INVALID_ARG_TYPE', "Use `dtype` or  fill the tuple with more than one 'None'.");
    expectError(() => call(add, 3, 4, { signature: [null] }), TypeError, 'ERR_INVALID_ARG_TYPE', 'a single item type tuple cannot contain None.');
    expectError(() => call(add, 3, 4, { signature: 123 }), TypeError, 'ERR_INVALID_ARG_TYPE', 'the signature object to ufunc must be a string or a tuple.');
    expectError(() => call(add, 3, 4, { signature: '%^->#' }), RangeError, 'ERR_INVALID_DTYPE', 'Invalid data-type for array');
    for (const sig of ['ii>i', 'i,i->i', 'i4i4->i4', 'ii->', '->i', 'iii->i']) {
      expectError(() => call(add, 3, 4, { signature: sig }), RangeError, 'ERR_INVALID_ARG_VALUE', 'a type-string for add, 2 typecode(s) before and 1 after the -> sign');
    }
    expectError(() => call(add, 3, 4, { signature: [null, 'f8'] }), RangeError, 'ERR_INVALID_ARG_VALUE', "a type-tuple must be specified of length 3 for ufunc 'add'");
    expectError(() => call(add, 3, 4, { signature: ['i', 'i', 'i', 'i'] }), RangeError, 'ERR_INVALID_ARG_VALUE', "a type-tuple must be specified of length 3 for ufunc 'add'");
  });
  it('byte order and time units are not part of a signature', () => {
    const message = 'The `dtype` and `signature` arguments to ufuncs only select the general DType and not details such as the byte order or time unit. You can avoid this error by using the scalar types `np.float64` or the dtype string notation.';
    expectError(() => call(add, 3, 5, { signature: ['>i8', null, null] }), TypeError, 'ERR_INVALID_DTYPE', message);
    expectError(() => call(add, 3, 5, { signature: ['m8[ns]', null, null] }), TypeError, 'ERR_INVALID_DTYPE', message);
    expectError(() => call(add, 3, 5, { dtype: 'm8[ns]' }), TypeError, 'ERR_INVALID_DTYPE', message);
  });
  it('bytes are decoded as UTF-8', () => {
    expect(call(add, asarray([1]), 1, { signature: new TextEncoder().encode('ll->l') })).toEqual(asarray([2]));
    expectError(() => call(add, 3, 4, { signature: Uint8Array.from([0xff, 0xff, 0x2d, 0x3e, 0x69]) }), RangeError, 'ERR_INVALID_ARG_VALUE', "'utf-8' codec can't decode the signature bytes");
  });
  it('reduce takes no signature', () => {
    expectError(() => (add.reduce as AnyUfunc)([1, 2], { signature: 'ii->i' }), TypeError, 'ERR_INVALID_ARG_VALUE', "add.reduce() got an unexpected option 'signature' (expected one of axis, dtype, out, keepdims, initial, where)");
  });
});
