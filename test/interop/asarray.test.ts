import { describe, expect, it } from 'vitest';
import { BufferError, NDArray, asarray, dtype } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

describe('asarray of TypedArrays is a zero-copy view', () => {
  const cases: Array<[string, ArrayBufferView, string]> = [
    ['Int8Array', new Int8Array([1, -2]), 'int8'],
    ['Uint8Array', new Uint8Array([1, 2]), 'uint8'],
    ['Int16Array', new Int16Array([1, -2]), 'int16'],
    ['Uint16Array', new Uint16Array([1, 2]), 'uint16'],
    ['Int32Array', new Int32Array([1, -2]), 'int32'],
    ['Uint32Array', new Uint32Array([1, 2]), 'uint32'],
    ['BigInt64Array', new BigInt64Array([1n, -2n]), 'int64'],
    ['BigUint64Array', new BigUint64Array([1n, 2n]), 'uint64'],
    ['Float32Array', new Float32Array([1.5, -2]), 'float32'],
    ['Float64Array', new Float64Array([1.5, -2]), 'float64'],
    ['Buffer', Buffer.from([7, 8]), 'uint8'],
  ];
  it.each(cases)('%s gives %s', (_name, typed, name) => {
    const a = asarray(typed);
    expect(a.dtype).toBe(dtype(name));
    expect(a.shape).toEqual([2]);
    expect(a.buffer).toBe(typed.buffer);
    expect(a.byteOffset).toBe(typed.byteOffset);
    a.set(0, name.endsWith('64') && name.includes('int') ? 5n : 5);
    expect((typed as unknown as ArrayLike<unknown>)[0]).toEqual(name.endsWith('64') && name.includes('int') ? 5n : 5);
  });

  it('respects a subarray window', () => {
    const sub = new Int32Array([0, 1, 2, 3, 4]).subarray(1, 4);
    const a = asarray(sub);
    expect(a.byteOffset).toBe(4);
    expect(a.toArray()).toEqual([1, 2, 3]);
  });

  it('views an empty TypedArray', () => {
    const a = asarray(new Float32Array(0));
    expect(a.shape).toEqual([0]);
    expect(a.toArray()).toEqual([]);
  });

  it('copies with copy: true', () => {
    const data = new Float64Array([1, 2]);
    const a = asarray(data, { copy: true });
    expect(a.buffer).not.toBe(data.buffer);
    a.set(0, 9);
    expect(data[0]).toBe(1);
  });

  it('casts with a dtype (NumPy: np.asarray(np.array([1.9, -1.9, 300.5]), dtype=np.int8) -> [1, -1, 44])', () => {
    const a = asarray(new Float64Array([1.9, -1.9, 300.5]), { dtype: 'int8' });
    expect(a.dtype).toBe(dtype('int8'));
    expect(a.toArray()).toEqual([1, -1, 44]);
  });

  it('returns the same view when the dtype already matches and copy is false', () => {
    const data = new Float32Array(3);
    expect(asarray(data, { dtype: 'float32', copy: false }).buffer).toBe(data.buffer);
  });
});

describe('asarray of raw memory', () => {
  it('views an ArrayBuffer as uint8 bytes', () => {
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const a = asarray(buffer);
    expect(a.dtype).toBe(dtype('uint8'));
    expect(a.buffer).toBe(buffer);
    expect(a.toArray()).toEqual([1, 2, 3]);
  });
  it('reinterprets bytes as the given dtype, like np.frombuffer', () => {
    const bytes = new Float32Array([1.5, 2.5]).buffer;
    expect(asarray(bytes, { dtype: 'float32' }).toArray()).toEqual([1.5, 2.5]);
    const dv = new DataView(new Uint16Array([0, 0x3c00, 0x4000]).buffer, 2);
    expect(asarray(dv, { dtype: 'float16' }).toArray()).toEqual([1, 2]);
    const shared = new SharedArrayBuffer(8);
    expect(asarray(shared, { dtype: 'int64' }).buffer).toBe(shared);
  });
  it('rejects a byte length that is not a multiple of the itemsize (NumPy message)', () => {
    expectError(
      () => asarray(new ArrayBuffer(3), { dtype: 'int16' }),
      RangeError,
      'ERR_INVALID_ARG_VALUE',
      'buffer size must be a multiple of element size: 3 bytes is not a multiple of 2 (int16)',
    );
  });
  it('rejects a detached buffer', () => {
    const buffer = new ArrayBuffer(4);
    structuredClone(buffer, { transfer: [buffer] });
    expectError(() => asarray(buffer), TypeError, 'ERR_DETACHED', /detached/);
  });
});

describe('asarray of NDArrays', () => {
  it('returns the array itself', () => {
    const a = asarray(new Float64Array(2));
    expect(asarray(a)).toBe(a);
    expect(asarray(a, { dtype: 'float64' })).toBe(a);
  });
  it('copies on request and refuses an impossible no-copy', () => {
    const a = asarray(new Float64Array([1, 2]));
    const b = asarray(a, { copy: true });
    expect(b).not.toBe(a);
    expect(b.toArray()).toEqual([1, 2]);
    expectError(
      () => asarray(a, { dtype: 'float32', copy: false }),
      BufferError,
      'ERR_BUFFER',
      'Unable to avoid copy while creating an array as requested (converting float64 to float32 needs a copy)',
    );
  });
});

describe('asarray of nested arrays and scalars', () => {
  // Hand table from NumPy 2.4: np.asarray(x) -> (dtype, shape, tolist)
  const cases: Array<[string, unknown, string, number[], unknown]> = [
    ['floats', [[1.5, 2], [3, 4]], 'float64', [2, 2], [[1.5, 2], [3, 4]]],
    ['integer numbers -> int64 (np.asarray([[1, 2], [3, 4]]))', [[1, 2], [3, 4]], 'int64', [2, 2], [[1n, 2n], [3n, 4n]]],
    ['integer numbers beside bigints', [1, 2n], 'int64', [2], [1n, 2n]],
    ['-0 is a float', [-0, 1], 'float64', [2], [-0, 1]],
    ['NaN makes the list float64', [1, NaN], 'float64', [2], [1, NaN]],
    ['an integer past int64 is a float', [1, 2 ** 63], 'float64', [2], [1, 2 ** 63]],
    ['integer number scalar -> int64 (np.asarray(2))', 2, 'int64', [], 2n],
    ['bigints', [1n, -2n], 'int64', [2], [1n, -2n]],
    ['booleans', [true, false], 'bool', [2], [true, false]],
    ['bool + int -> int64', [true, 2n], 'int64', [2], [1n, 2n]],
    ['int + float -> float64', [1n, 2.5], 'float64', [2], [1, 2.5]],
    ['complex', [{ re: 1, im: 2 }, 3], 'complex128', [2], [{ re: 1, im: 2 }, { re: 3, im: 0 }]],
    ['empty', [], 'float64', [0], []],
    ['empty rows', [[], []], 'float64', [2, 0], [[], []]],
    ['uint64 for values above int64', [2n ** 63n], 'uint64', [1], [2n ** 63n]],
    ['number scalar', 2.5, 'float64', [], 2.5],
    ['bigint scalar', 7n, 'int64', [], 7n],
    ['boolean scalar', true, 'bool', [], true],
    ['TypedArrays inside arrays are sequences of JS numbers', [new Int8Array([1, 2]), new Float32Array([3.5, 4])], 'float64', [2, 2], [[1, 2], [3.5, 4]]],
    ['TypedArrays of integers inside arrays give int64', [new Int8Array([1, 2]), new Int8Array([3, 4])], 'int64', [2, 2], [[1n, 2n], [3n, 4n]]],
  ];
  it.each(cases)('%s', (_label, input, name, shape, values) => {
    const a = asarray(input as never);
    expect(a.dtype).toBe(dtype(name));
    expect(a.shape).toEqual(shape);
    expect(a.toArray()).toEqual(values);
  });

  it('converts to a requested dtype with assignment rules (np.asarray([1.9, -1.9], dtype=np.int32) -> [1, -1])', () => {
    expect(asarray([1.9, -1.9], { dtype: 'int32' }).toArray()).toEqual([1, -1]);
    expect(asarray([1, 2], { dtype: 'int64' }).toArray()).toEqual([1n, 2n]);
  });

  it('rejects ragged nesting with NumPy\'s message', () => {
    const message =
      'setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.';
    expectError(() => asarray([[1, 2], [3]]), RangeError, 'ERR_INVALID_ARG_VALUE', message);
    expectError(() => asarray([[1, 2], 3]), RangeError, 'ERR_INVALID_ARG_VALUE', message);
    expectError(() => asarray([1, [2, 3]]), RangeError, 'ERR_INVALID_ARG_VALUE', message);
    expectError(
      () => asarray([[[1], [2]], [[3], [4, 5]]]),
      RangeError,
      'ERR_INVALID_ARG_VALUE',
      'setting an array element with a sequence. The requested array has an inhomogeneous shape after 2 dimensions. The detected shape was (2, 2) + inhomogeneous part.',
    );
  });

  it('rejects values that are not numbers', () => {
    // (strings make a 'U' array: test/ufunc/strings.test.ts)
    expectError(() => asarray([Symbol.iterator] as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected numbers, bigints, booleans, { re, im } objects or (nested) arrays of them, got Symbol(Symbol.iterator)');
    expectError(() => asarray(null as never), TypeError, 'ERR_INVALID_ARG_TYPE', /got null$/);
    expectError(() => asarray([2n ** 64n]), RangeError, 'ERR_OUT_OF_BOUNDS', 'integer 18446744073709551616 is out of bounds for uint64');
  });

  it('refuses copy: false for values that must be copied', () => {
    expectError(() => asarray([1, 2], { copy: false }), BufferError, 'ERR_BUFFER', 'Unable to avoid copy while creating an array as requested (array of length 2 is not array memory)');
  });

  it('rejects bad options', () => {
    expectError(() => asarray([1], { copy: 'yes' } as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected copy to be a boolean or undefined, got "yes"');
    expectError(() => asarray([1], { dtype: 'float65' }), TypeError, 'ERR_INVALID_DTYPE', "unknown dtype \"float65\"; did you mean 'float64'?");
    expectError(() => asarray([1], null as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected options to be an object, got null');
  });

  it('gives an NDArray for every accepted input', () => {
    expect(asarray(1)).toBeInstanceOf(NDArray);
  });
});
