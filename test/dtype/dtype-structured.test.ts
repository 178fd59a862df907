import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DType, dtype } from '../../src/index.js';
import { thrown } from '../helpers/expect-error.js';

// Expected values are NumPy 2.4's (np.dtype({...}).descr, repr) on x86-64 Linux.
const int32 = dtype('int32');
const float64 = dtype('float64');

function record(fields: ConstructorParameters<typeof DType>[0]['fields'], itemsize: number): DType {
  return new DType({ name: 'void', itemsize, byteorder: '|', fields });
}

describe('structured DTypes', () => {
  const packed = record(
    [
      { name: 'a', offset: 0, dtype: int32 },
      { name: 'b', offset: 4, dtype: float64 },
    ],
    12,
  );

  it('are void records with NumPy .str and fields', () => {
    expect(packed.str).toBe('|V12');
    expect(packed.kind).toBe('V');
    expect(packed.fields!.map((field) => field.name)).toEqual(['a', 'b']);
    expect(Object.isFrozen(packed.fields)).toBe(true);
  });

  it('write descr as NumPy does, padding gaps and the tail', () => {
    expect(packed.descr).toEqual([
      ['a', '<i4'],
      ['b', '<f8'],
    ]);
    // np.dtype({'names':['a','b'],'formats':['u1','u1'],'offsets':[0,4],'itemsize':8}).descr
    const gappy = record(
      [
        { name: 'a', offset: 0, dtype: dtype('uint8') },
        { name: 'b', offset: 4, dtype: dtype('uint8') },
      ],
      8,
    );
    expect(gappy.descr).toEqual([
      ['a', '|u1'],
      ['', '|V3'],
      ['b', '|u1'],
      ['', '|V3'],
    ]);
    // np.dtype([('x','<f4',(2,3)),('y',[('p','<i2'),('q','>u8')])]).descr
    const inner = record(
      [
        { name: 'p', offset: 0, dtype: dtype('<i2') },
        { name: 'q', offset: 2, dtype: dtype('>u8') },
      ],
      10,
    );
    const nested = record(
      [
        { name: 'x', offset: 0, dtype: dtype('float32'), shape: [2, 3] },
        { name: 'y', offset: 24, dtype: inner },
      ],
      34,
    );
    expect(nested.descr).toEqual([
      ['x', '<f4', [2, 3]],
      [
        'y',
        [
          ['p', '<i2'],
          ['q', '>u8'],
        ],
      ],
    ]);
  });

  it('refuse descr for overlapping fields, as NumPy does', () => {
    const overlapping = record(
      [
        { name: 'a', offset: 0, dtype: int32 },
        { name: 'b', offset: 2, dtype: int32 },
      ],
      8,
    );
    const error = thrown(() => overlapping.descr);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_DTYPE');
    expect(error.message).toBe(
      "dtype.descr is not defined for overlapping or out-of-order fields: field 'b' starts at byte 2, before byte 4",
    );
  });

  it('plain types have a one-entry descr', () => {
    expect(dtype('>f8').descr).toEqual([['', '>f8']]);
  });

  it('compare field by field', () => {
    const same = record(
      [
        { name: 'a', offset: 0, dtype: dtype('i4') },
        { name: 'b', offset: 4, dtype: dtype('<f8') },
      ],
      12,
    );
    const renamed = record(
      [
        { name: 'a', offset: 0, dtype: int32 },
        { name: 'c', offset: 4, dtype: float64 },
      ],
      12,
    );
    expect(packed.equals(same)).toBe(true);
    expect(packed.equals(renamed)).toBe(false);
    expect(packed.equals(dtype('V12'))).toBe(false);
    expect(packed.newByteOrder('>').equals(packed)).toBe(false);
  });

  it('change the byte order of every field', () => {
    // np.dtype([('a','<i4'),('b','<f8')]).newbyteorder('>').descr
    expect(packed.newByteOrder('>').descr).toEqual([
      ['a', '>i4'],
      ['b', '>f8'],
    ]);
    expect(packed.newByteOrder('>').newByteOrder('=').equals(packed)).toBe(true);
  });

  it("print like NumPy's repr", () => {
    expect(inspect(packed)).toBe("dtype([('a', '<i4'), ('b', '<f8')])");
    const gappy = record([{ name: 'a', offset: 4, dtype: int32 }], 8);
    expect(inspect(gappy)).toBe("dtype({'names': ['a'], 'formats': ['<i4'], 'offsets': [4], 'itemsize': 8})");
  });
});

describe('structured DType errors', () => {
  it('rejects fields on a non-void type', () => {
    const error = thrown(() => new DType({ name: 'int32', itemsize: 4, byteorder: '=', fields: [] }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_DTYPE');
    expect(error.message).toBe('only \'void\' types have fields, got fields for "int32"');
  });

  it('rejects a field that reaches past the record', () => {
    const error = thrown(() => record([{ name: 'a', offset: 6, dtype: int32 }], 8));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE');
    expect(error.message).toBe('field "a" spans bytes 6..10, outside the record of 8 bytes');
  });

  it('rejects duplicate names', () => {
    const error = thrown(() =>
      record(
        [
          { name: 'a', offset: 0, dtype: int32 },
          { name: 'a', offset: 4, dtype: int32 },
        ],
        8,
      ),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_DTYPE');
    expect(error.message).toBe('duplicate field name "a"');
  });

  it('rejects a field without a DType', () => {
    const error = thrown(() => record([{ name: 'a', offset: 0, dtype: 'int32' as unknown as DType }], 8));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_DTYPE');
    expect(error.message).toBe('field "a" needs a DType, got "int32"');
  });
});
