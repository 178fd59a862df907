import { describe, expect, it } from 'vitest';
import { BufferError, DType, dtype } from '../../src/index.js';

// Hand table from NumPy 2.4 (x86-64 Linux): np.dtype(name).{str, kind, char, itemsize}.
const numpyTable: Array<[string, string, string, string, number]> = [
  ['bool', '|b1', 'b', '?', 1],
  ['int8', '|i1', 'i', 'b', 1],
  ['uint8', '|u1', 'u', 'B', 1],
  ['int16', '<i2', 'i', 'h', 2],
  ['uint16', '<u2', 'u', 'H', 2],
  ['int32', '<i4', 'i', 'i', 4],
  ['uint32', '<u4', 'u', 'I', 4],
  ['int64', '<i8', 'i', 'l', 8],
  ['uint64', '<u8', 'u', 'L', 8],
  ['float16', '<f2', 'f', 'e', 2],
  ['float32', '<f4', 'f', 'f', 4],
  ['float64', '<f8', 'f', 'd', 8],
  ['complex64', '<c8', 'c', 'F', 8],
  ['complex128', '<c16', 'c', 'D', 16],
];

describe('dtype table', () => {
  it.each(numpyTable)('%s has NumPy str %s, kind %s, char %s, itemsize %d', (name, str, kind, char, itemsize) => {
    const dt = dtype(name);
    expect(dt).toBeInstanceOf(DType);
    expect(dt.str).toBe(str);
    expect(dt.kind).toBe(kind);
    expect(dt.char).toBe(char);
    expect(dt.itemsize).toBe(itemsize);
    expect(dt.isNative).toBe(true);
  });

  it('compares by value', () => {
    expect(dtype('float64').equals(dtype('float64'))).toBe(true);
    expect(dtype('float64').equals(dtype('float32'))).toBe(false);
    expect(dtype(dtype('int8'))).toBe(dtype('int8'));
  });

  it('rejects unknown names with ERR_INVALID_DTYPE', () => {
    expect(() => dtype('float65')).toThrow(TypeError);
    try {
      dtype('float65');
    } catch (error) {
      expect((error as { code: string }).code).toBe('ERR_INVALID_DTYPE');
      expect((error as Error).message).toBe("unknown dtype \"float65\"; did you mean 'float64'?");
    }
  });

  it('exports BufferError with a code', () => {
    const error = new BufferError('x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BufferError');
    expect(error.code).toBe('ERR_BUFFER');
  });
});
