// Errors that name a dtype print it as NumPy's repr does (one helper,
// dtypeRepr): native types by name, byte-swapped ones by their typestr
// (dtype('>i4')), strings with their order (dtype('<U1')). Expected texts are
// NumPy 2.4's on this little-endian machine.
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, dtype, matmul, sqrt } from '../../src/index.js';
import { dtypeRepr } from '../../src/dtype/dtype.js';
import { expectError } from '../helpers/expect-error.js';

function filled(n: number, spec: string): NDArray {
  return asarray(new Array<number>(n).fill(1), { dtype: spec as 'float64' });
}

describe('dtypeRepr', () => {
  it('matches repr(np.dtype(...)) for native, byte-swapped and flexible types', () => {
    const table: [string, string][] = [
      ['<i4', "dtype('int32')"],
      ['>i4', "dtype('>i4')"],
      ['>f8', "dtype('>f8')"],
      ['>c16', "dtype('>c16')"],
      ['>u2', "dtype('>u2')"],
      ['>f2', "dtype('>f2')"],
      ['>i8', "dtype('>i8')"],
      ['=i4', "dtype('int32')"],
      ['|u1', "dtype('uint8')"],
      ['>?', "dtype('bool')"],
      ['>M8[s]', "dtype('>M8[s]')"],
      ['<M8[s]', "dtype('<M8[s]')"],
      ['M8', "dtype('<M8')"],
      ['m8[ns]', "dtype('<m8[ns]')"],
      ['>m8', "dtype('>m8')"],
      ['<U3', "dtype('<U3')"],
      ['>U3', "dtype('>U3')"],
      ['S4', "dtype('S4')"],
    ];
    for (const [spec, repr] of table) expect(dtypeRepr(dtype(spec)), spec).toBe(repr);
  });
});

describe('ufunc errors name byte-swapped dtypes as NumPy does', () => {
  it('output casting', () => {
    expectError(() => add(filled(2, 'float64'), 1, { out: filled(2, '>i4') }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'add' output from dtype('float64') to dtype('>i4') with casting rule 'same_kind'");
    expectError(() => add(filled(2, '>f8'), 1, { out: filled(2, '>i4') }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'add' output from dtype('float64') to dtype('>i4') with casting rule 'same_kind'");
    expectError(() => add(filled(2, '>i4'), filled(2, '>i4'), { out: filled(2, '>i2'), casting: 'safe' }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'add' output from dtype('int32') to dtype('>i2') with casting rule 'safe'");
    expectError(() => matmul(filled(4, '>f8').reshape([2, 2]), filled(4, '>f8').reshape([2, 2]), { out: filled(4, '>i4').reshape([2, 2]) }),
      TypeError, 'ERR_UFUNC_CASTING', "Cannot cast ufunc 'matmul' output from dtype('float64') to dtype('>i4') with casting rule 'same_kind'");
  });

  it('input casting', () => {
    expectError(() => add(filled(2, '>i4'), filled(2, '>i4'), { casting: 'no', dtype: 'float64' }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'add' input 0 from dtype('>i4') to dtype('float64') with casting rule 'no'");
  });

  it('no matching loop', () => {
    const text = new NDArray({ buffer: new ArrayBuffer(4), dtype: '<U1', shape: [1] });
    const bytes = new NDArray({ buffer: new ArrayBuffer(1), dtype: 'S1', shape: [1] });
    expectError(() => add(filled(2, '>i4'), text), TypeError, 'ERR_UFUNC_TYPE',
      "ufunc 'add' did not contain a loop with signature matching types (dtype('>i4'), dtype('<U1')) -> None");
    expectError(() => add(filled(2, '>i4'), bytes), TypeError, 'ERR_UFUNC_TYPE',
      "ufunc 'add' did not contain a loop with signature matching types (dtype('>i4'), dtype('S1')) -> None");
    expectError(() => add(text, 1), TypeError, 'ERR_UFUNC_TYPE',
      "ufunc 'add' did not contain a loop with signature matching types (dtype('<U1'), dtype('int64')) -> None");
    expectError(() => add(text, 1.5), TypeError, 'ERR_UFUNC_TYPE',
      "ufunc 'add' did not contain a loop with signature matching types (dtype('<U1'), dtype('float64')) -> None");
  });

  it('where masks and astype', () => {
    expectError(() => add(filled(2, 'float64'), 1, { where: filled(2, '>i4') }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast array data from dtype('>i4') to dtype('bool') according to the rule 'safe'");
    expectError(() => filled(2, '>f8').astype('int32', { casting: 'safe' }), TypeError, 'ERR_INVALID_DTYPE',
      "Cannot cast array data from dtype('>f8') to dtype('int32') according to the rule 'safe'");
  });

  it('sqrt on a byte-swapped float computes (byte order is not a type)', () => {
    expect((sqrt(filled(2, '>f8')) as NDArray).toArray()).toEqual([1, 1]);
  });
});
