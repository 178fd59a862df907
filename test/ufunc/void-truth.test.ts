// Void (V) input to the logical ufuncs and astype('bool'): NumPy's void-to-
// bool cast makes an element true when any of its bytes is nonzero, and the
// logical ufuncs take any input through that truth. Expected values are
// NumPy 2.4's (run by hand):
//   a = np.array([b'\x00\x01', b'\x00\x00'], dtype='V2')
//   a.astype(bool) -> [True, False];  a[::-1].astype(bool) -> [False, True]
//   np.logical_and(a, 1) -> [True, False]
//   np.logical_xor.reduce(np.array([b'\x01', b'\x01', b'\x00'], 'V1')) -> False
//   [np.can_cast('V3', bool, c) for c in ('no', 'equiv', 'safe', 'same_kind', 'unsafe')]
//     -> [False, False, False, False, True]
//   np.logical_not(np.array(b'1', 'V3')) -> TypeError (no loop)
import { describe, expect, it } from 'vitest';
import { NDArray, asarray, dtype, logical_and, logical_not, logical_or, logical_xor } from '../../src/index.js';
import { canCast } from '../../src/dtype/casting.js';
import { expectError } from '../helpers/expect-error.js';

const v2 = () => new NDArray({ buffer: new Uint8Array([0, 1, 0, 0]), dtype: 'V2', shape: [2] });

describe('void input has a truth value', () => {
  it('astype(bool): any nonzero byte, views included', () => {
    expect(v2().astype('bool').toArray()).toEqual([true, false]);
    expect(v2().slice('::-1').astype('bool').toArray()).toEqual([false, true]);
  });
  it('the logical ufuncs and their reductions take it', () => {
    expect((logical_and(v2(), 1) as NDArray).toArray()).toEqual([true, false]);
    expect((logical_or(v2(), asarray([0.0, 0.0])) as NDArray).toArray()).toEqual([true, false]);
    const v1 = new NDArray({ buffer: new Uint8Array([1, 1, 0]), dtype: 'V1', shape: [3] });
    expect(logical_xor.reduce(v1)).toBe(false);
    expect(logical_or.reduce(v1)).toBe(true);
  });
  it('casts from void only unsafely, and only to bool', () => {
    const casts = (['no', 'equiv', 'safe', 'same_kind', 'unsafe'] as const).map((c) => canCast(dtype('V3'), dtype('bool'), c));
    expect(casts).toEqual([false, false, false, false, true]);
    expectError(() => v2().astype('bool', { casting: 'safe' }), TypeError, 'ERR_INVALID_DTYPE', "Cannot cast array data from dtype('V2') to dtype('bool') according to the rule 'safe'");
    expectError(() => v2().astype('int32'), TypeError, 'ERR_INVALID_DTYPE', /cannot convert .*V2.* elements to int32/);
  });
  it('other ufuncs still find no loop for it', () => {
    const v3 = new NDArray({ buffer: new Uint8Array([0x31, 0, 0]), dtype: 'V3', shape: [] });
    expectError(() => logical_not(v3), TypeError, 'ERR_UFUNC_TYPE', /ufunc 'logical_not' did not contain a loop with signature matching types/);
  });
});
