// String arrays ('S' bytes, 'U' text) from JS strings, and the ufuncs NumPy
// has for them. Expected values are NumPy 2.4's, run by hand:
//   u = np.array(['abcd', 'ab', ''])
//   np.add(u, u) -> ['abcdabcd' 'abab' ''] <U8;  np.add(u, 'x').dtype -> <U5
//   np.equal(u, 'ab') -> [F T F];  np.less(u, np.array(['b'])) -> [T T T]
//   np.greater_equal(['\U0001F600'], ['\ue000']) -> [T]   (code point order)
//   s = np.array([b'ab', b'a\x00b', b'\xff'], 'S3')
//   np.less(s, b'ab') -> [F T F];  np.equal(s, np.array([b'ab\x00'], 'S3')) -> [T F F]
//   o = np.array([5, 5, 5]); np.not_equal(u, 'ab', out=o) -> [1 0 1]
//   o2 = np.zeros(3, bool); np.equal(u, 'ab', out=o2, where=[T, T, F]) -> [F T F]
//   np.array(['ab', 'c']).dtype -> <U2;  np.array(['😀x', '']).dtype -> <U2
//   np.array(['abcdef'], dtype='U3') -> ['abc'];  np.array([], dtype='U').dtype -> <U1
//   np.logical_or.reduce(['', '', 'a']) -> True;  np.logical_xor(['a', ''], ['b', 'b']) -> [F T]
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, concatenate, equal, greater_equal, less, logical_not, logical_or, logical_xor, multiply, not_equal, positive, stack, where } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

const u = () => asarray(['abcd', 'ab', '']);
const bytes = (...values: number[][]) => new NDArray({ buffer: Uint8Array.from(values.flatMap((v) => [...v, ...Array(3 - v.length).fill(0)])).buffer, dtype: 'S3', shape: [values.length] });

describe('asarray of JS strings', () => {
  it('text is U of the longest string in code points; S is ASCII bytes', () => {
    expect(asarray(['ab', 'c']).dtype.str).toBe('<U2');
    expect(asarray(['\u{1F600}x', '']).dtype.str).toBe('<U2');
    expect(asarray(['\u{1F600}x', '']).toArray()).toEqual(['\u{1F600}x', '']);
    expect(asarray(['abcdef'], { dtype: 'U3' }).toArray()).toEqual(['abc']);
    expect(asarray([], { dtype: 'U' }).dtype.str).toBe('<U1');
    const s = asarray(['ab', 'c'], { dtype: 'S' });
    expect(s.dtype.str).toBe('|S2');
    expect(s.toArray()).toEqual([Uint8Array.from([97, 98]), Uint8Array.from([99])]);
    expect(asarray('abc').shape).toEqual([]);
  });
  it('refuses mixing and non-ASCII bytes', () => {
    expectError(() => asarray(['a', 1]), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected strings only or no strings: asarray does not mix strings with numbers (convert them first)');
    expectError(() => asarray(['é'], { dtype: 'S' }), RangeError, 'ERR_INVALID_ARG_VALUE', "'ascii' codec can't encode character '\\u00e9' in position 0: ordinal not in range(128)");
    expectError(() => asarray(['1'], { dtype: 'int32' }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected numbers for dtype int32, got "1" (asarray does not parse strings)');
    expectError(() => asarray([1], { dtype: 'U' }), TypeError, 'ERR_INVALID_ARG_TYPE', "expected strings for dtype 'U', got 1");
  });
});

describe('array functions on string arrays', () => {
  // np.concatenate([np.array(['ab', 'c']), np.array(['xyz'])]) -> ['ab' 'c' 'xyz'] <U3
  // np.where([True, False], ['a', 'b'], ['c', 'd']) -> ['a' 'd'];  np.stack([['a'], ['b']]) -> [['a'] ['b']]
  it('concatenate, stack and where keep the text, the longer length wins', () => {
    const joined = concatenate([asarray(['ab', 'c']), asarray(['xyz'])]);
    expect([joined.dtype.str, joined.toArray()]).toEqual(['<U3', ['ab', 'c', 'xyz']]);
    expect((where([true, false], asarray(['a', 'b']), asarray(['c', 'd'])) as NDArray).toArray()).toEqual(['a', 'd']);
    expect(stack([asarray(['a']), asarray(['b'])]).toArray()).toEqual([['a'], ['b']]);
    const bytesJoined = concatenate([asarray(['ab'], { dtype: 'S' }), asarray(['xyz'], { dtype: 'S' })]);
    expect([bytesJoined.dtype.str, bytesJoined.toArray()]).toEqual(['|S3', [Uint8Array.from([97, 98]), Uint8Array.from([120, 121, 122])]]);
    const swapped = concatenate([asarray(['ab'], { dtype: '>U2' }), asarray(['c'], { dtype: '<U1' })]);
    expect([swapped.dtype.str, swapped.toArray()]).toEqual(['<U2', ['ab', 'c']]);
  });
});

describe('ufuncs on string arrays', () => {
  it('add concatenates; the length is the sum', () => {
    const r = add(u(), u()) as NDArray;
    expect([r.dtype.str, r.toArray()]).toEqual(['<U8', ['abcdabcd', 'abab', '']]);
    expect((add(u(), 'x') as NDArray).dtype.str).toBe('<U5');
    const s = add(asarray(['ab'], { dtype: 'S' }), asarray(['c'], { dtype: 'S' })) as NDArray;
    expect([s.dtype.str, s.toArray()]).toEqual(['|S3', [Uint8Array.from([97, 98, 99])]]);
  });
  it('comparisons by code point (U) and byte (S), trailing NULs ignored', () => {
    expect((equal(u(), 'ab') as NDArray).toArray()).toEqual([false, true, false]);
    expect((less(u(), asarray(['b'])) as NDArray).toArray()).toEqual([true, true, true]);
    expect((greater_equal(asarray(['\u{1F600}']), asarray(['\uE000'])) as NDArray).toArray()).toEqual([true]);
    const s = bytes([97, 98], [97, 0, 98], [255]);
    expect((less(s, asarray(['ab'], { dtype: 'S' })) as NDArray).toArray()).toEqual([false, true, false]);
    expect((equal(s, bytes([97, 98, 0])) as NDArray).toArray()).toEqual([true, false, false]);
  });
  it('out and where', () => {
    const o = asarray([5, 5, 5]);
    expect(not_equal(u(), 'ab', { out: o })).toBe(o);
    expect(o.toArray()).toEqual([1n, 0n, 1n]);
    const o2 = asarray([false, false, false]);
    equal(u(), 'ab', { out: o2, where: [true, true, false] });
    expect(o2.toArray()).toEqual([false, true, false]);
  });
  it('the logical ufuncs take the truth of strings (not empty)', () => {
    expect(logical_or.reduce(asarray(['', '', 'a']))).toBe(true);
    expect((logical_xor(asarray(['a', '']), asarray(['b', 'b'])) as NDArray).toArray()).toEqual([false, true]);
  });
  it("positive refuses bool, datetime64 and str (TestPositive::test_invalid's first three)", () => {
    const datetime = new NDArray({ buffer: new BigInt64Array([10957n]).buffer, dtype: 'M8[D]', shape: [] }); // np.datetime64('2000-01-01')
    for (const x of [true, datetime, asarray(['foo'])]) expect(() => positive(x as never)).toThrow(TypeError);
  });
  it('no loop for the rest, as NumPy', () => {
    expectError(() => multiply(u(), 2), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'multiply' did not contain a loop with signature matching types/);
    expectError(() => add(u(), 1), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'add' did not contain a loop with signature matching types/);
    expectError(() => add(asarray(['a'], { dtype: 'S' }), asarray(['a'])), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'add' did not contain a loop with signature matching types \(dtype\('S1'\), dtype\('<U1'\)\)/);
    expectError(() => logical_not(u()), TypeError, 'ERR_UFUNC_TYPE', /^ufunc 'logical_not' did not contain a loop/);
  });
});
