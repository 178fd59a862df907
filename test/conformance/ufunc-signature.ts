// test_ufunc.py: the `signature`/`sig` keyword (a type string 'ii->i' or a
// tuple, here a JS array, of dtypes and None), its conflicts with `dtype`,
// partial signatures, and its errors. Registered on the ufunc port by
// ufunc.test.ts. NumPy scalars (np.float32(1.), np.uint64(3)) are 0-d
// arrays of that dtype; Python bytes are a Uint8Array.
import { expect } from 'vitest';
import { NDArray, add, asarray, dtype as toDType, ldexp, maximum, multiply, parseBufferFormat, power, vecdot } from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { arange, assertArrayEqual } from './numpy-like.js';

const U = 'TestUfunc::';
type AnyUfunc = (...args: unknown[]) => unknown;
const call = (ufunc: unknown, ...args: unknown[]): unknown => (ufunc as AnyUfunc)(...args);
const scalar = (value: number | bigint, dtype: string): NDArray => asarray(value, { dtype: dtype as 'float64' });

export function portUfuncSignature(port: Port): void {
  port.case('TestUfuncKwargs::test_sig_signature', () => {
    raises('TypeError', () => call(add, 1, 2, { sig: 'ii->i', signature: 'ii->i' }));
  });

  port.case('TestUfuncKwargs::test_sig_dtype', () => {
    raises('TypeError', () => call(add, 1, 2, { sig: 'ii->i', dtype: 'int64' }));
    raises('TypeError', () => call(add, 1, 2, { signature: 'ii->i', dtype: 'int64' }));
  });

  port.case(`${U}test_get_signature`, () => {
    expect(vecdot.signature).toBe('(n),(n)->()');
  });

  port.case(`${U}test_forced_sig`, () => {
    const a = multiply(0.5, arange(3, 'float64')) as NDArray;
    assertArrayEqual(add(a, 0.5), [0.5, 1, 1.5]);
    raises('TypeError', () => call(add, a, 0.5, { sig: 'i', casting: 'unsafe' }));
    assertArrayEqual(call(add, a, 0.5, { sig: 'ii->i', casting: 'unsafe' }), [0, 0, 1]);
    raises('TypeError', () => call(add, a, 0.5, { sig: ['i4'], casting: 'unsafe' }));
    assertArrayEqual(call(add, a, 0.5, { sig: ['i4', 'i4', 'i4'], casting: 'unsafe' }), [0, 0, 1]);

    const b = asarray([0, 0, 0], { dtype: 'float64' });
    add(a, 0.5, { out: b });
    assertArrayEqual(b, [0.5, 1, 1.5]);
    for (let i = 0; i < b.size; i++) b.set(i, 0); // b[:] = 0
    raises('TypeError', () => call(add, a, 0.5, { sig: 'i', out: b, casting: 'unsafe' }));
    assertArrayEqual(b, [0, 0, 0]);
    call(add, a, 0.5, { sig: 'ii->i', out: b, casting: 'unsafe' });
    assertArrayEqual(b, [0, 0, 1]);
    for (let i = 0; i < b.size; i++) b.set(i, 0); // b[:] = 0
    raises('TypeError', () => call(add, a, 0.5, { sig: ['i4'], out: b, casting: 'unsafe' }));
    assertArrayEqual(b, [0, 0, 0]);
    call(add, a, 0.5, { sig: ['i4', 'i4', 'i4'], out: b, casting: 'unsafe' });
    assertArrayEqual(b, [0, 0, 1]);
  });

  port.case(`${U}test_signature_all_None`, () => {
    // signature all None, is an acceptable alternative (since 1.21)
    // to not providing a signature.
    let res1 = call(add, [3], [4], { sig: [null, null, null] });
    let res2 = add([3], [4]);
    assertArrayEqual(res1, res2);
    res1 = call(maximum, [3], [4], { sig: [null, null, null] });
    res2 = maximum([3], [4]);
    assertArrayEqual(res1, res2);
    // special case, that would be deprecated anyway, so errors:
    raises('TypeError', () => call(add, 3, 4, { signature: [null] }));
  });

  for (const casting of ['unsafe', 'same_kind', 'safe']) {
    port.case(`${U}test_partial_signature_mismatch[${casting}]`, () => {
      // If the second argument matches already, no need to specify it:
      // (NumPy scalars there; a 0-d result is a JS number here, so 1-element arrays show the dtype)
      const one = asarray([1], { dtype: 'float32' });
      const two = asarray([2], { dtype: 'int64' });
      let res = call(ldexp, one, two, { dtype: 'd' }) as NDArray;
      expect(res.dtype.name).toBe('float64');
      res = call(ldexp, one, two, { signature: [null, null, 'd'] }) as NDArray;
      expect(res.dtype.name).toBe('float64');
      // ldexp only has a loop for long input as second argument, overriding
      // the output cannot help with that (no matter the casting)
      raises('TypeError', () => call(ldexp, 1, scalar(3n, 'uint64'), { dtype: 'd' }));
      raises('TypeError', () => call(ldexp, 1, scalar(3n, 'uint64'), { signature: [null, null, 'd'] }));
    });
  }

  port.case(`${U}test_partial_signature_mismatch_with_cache`, () => {
    raises('TypeError', () => call(add, scalar(1, 'float16'), scalar(2n, 'uint64'), { sig: ['e', 'd', null] }));
    // Ensure e,d->None is in the dispatching cache (double loop)
    add(scalar(1, 'float16'), scalar(2, 'float64'));
    // The error must still be raised:
    raises('TypeError', () => call(add, scalar(1, 'float16'), scalar(2n, 'uint64'), { sig: ['e', 'd', null] }));
  });

  port.case(`${U}test_use_output_signature_for_all_arguments`, () => {
    // Providing only `dtype=` or `signature=(None, None, dtype)` is
    // sufficient if falling back to a homogeneous signature works: the
    // `intp, intp -> intp` loop is chosen.
    let res = call(power, 1.5, 2.8, { dtype: 'intp', casting: 'unsafe' });
    expect(Number(res)).toBe(1); // the cast happens first.
    res = call(power, 1.5, 2.8, { signature: [null, null, 'intp'], casting: 'unsafe' });
    expect(Number(res)).toBe(1);
    // the unsafe casting would normally cause errors though:
    raises('TypeError', () => call(power, 1.5, 2.8, { dtype: 'intp' }));
  });

  port.case(`${U}test_signature_errors`, () => {
    raises('TypeError', () => call(add, 3, 4, { signature: 123.0 }), /the signature object to ufunc must be a string or/); // neither a string nor a tuple
    raises('ValueError', () => call(add, 3, 4, { signature: '%^->#' })); // bad symbols that do not translate to dtypes
    raises('ValueError', () => call(add, 3, 4, { signature: new TextEncoder().encode('ii-i') })); // incomplete and byte string
    raises('ValueError', () => call(add, 3, 4, { signature: 'ii>i' })); // incomplete string
    raises('ValueError', () => call(add, 3, 4, { signature: [null, 'f8'] })); // bad length
    raises('UnicodeDecodeError', () => call(add, 3, 4, { signature: Uint8Array.from([0xff, 0xff, 0x2d, 0x3e, 0x69]) }));
  });

  const timedelta = (values: bigint[], unit: string): NDArray =>
    new NDArray({ buffer: BigInt64Array.from(values).buffer, dtype: `m8[${unit}]` as 'float64', shape: [values.length] });
  for (const [id, getKwarg] of [
    ['dtype', (dt: unknown) => ({ dtype: dt })],
    ['signature', (dt: unknown) => ({ signature: [dt, null, null] })],
  ] as const) {
    port.case(`${U}test_signature_dtype_instances_allowed[${id}]`, () => {
      // We allow certain dtype instances when there is a clear singleton
      // and the given one is equivalent; mainly for backcompat.
      const int64 = toDType('int64');
      const int64b = int64.newByteOrder('>').newByteOrder('<'); // pickle.loads(pickle.dumps(int64))
      expect(int64b).not.toBe(int64);
      // (np.add(1, 2) is a NumPy scalar with a dtype; a 1-element array here)
      expect((call(add, [1], [2], getKwarg(int64b)) as NDArray).dtype.equals(int64)).toBe(true);
      const td = timedelta([2n], 's'); // np.timedelta64(2, "s")
      expect((call(add, td, td, getKwarg('m8')) as NDArray).dtype.str).toBe('<m8[s]');
      const msg = /^The `dtype` and `signature` arguments to ufuncs/;
      raises('TypeError', () => call(add, 3, 5, getKwarg(toDType('int64').newByteOrder('>'))), msg);
      raises('TypeError', () => call(add, 3, 5, getKwarg(toDType('m8[ns]'))), msg);
      raises('TypeError', () => call(add, 3, 5, getKwarg('m8[ns]')), msg);
    });
  }

  port.case(`${U}test_forced_dtype_times`, () => {
    // Signatures only set the type numbers (not the actual loop dtypes)
    // so using `M` in a signature/dtype should generally work:
    const a = asarray(['2010-01-02', '1999-03-14', '1833-03'], { dtype: '>M8[D]' });
    call(maximum, a, a, { dtype: 'M' });
    maximum.reduce(a, { dtype: 'M' });
    const arr = timedelta([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n], 's'); // np.arange(10, dtype="m8[s]")
    call(add, arr, arr, { dtype: 'm' });
    call(maximum, arr, arr, { dtype: 'm' });
  });

  port.case('test_trivial_loop_invalid_cast', () => {
    // This tests the fast-path "invalid cast", see gh-19904.
    // the void dtype definitely cannot cast to double:
    // np.array(1, "i,i"): a struct of two int32 fields f0, f1.
    const ii = parseBufferFormat('T{<i:f0:<i:f1:}').dtype;
    const structured = new NDArray({ buffer: new Int32Array([1, 1]).buffer, dtype: ii, shape: [] });
    raises('TypeError', () => call(add, structured, 3, { signature: 'dd->d' }), /cast ufunc 'add' input 0/);
  });
}
