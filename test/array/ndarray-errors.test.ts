import { describe, expect, it } from 'vitest';
import { BufferError, NDArray, asarray, dtype } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';


function make(overrides: Record<string, unknown>): NDArray {
  return new NDArray({ buffer: new ArrayBuffer(48), dtype: 'float64', shape: [2, 3], ...overrides } as never);
}

function detach(buffer: ArrayBuffer): void {
  structuredClone(buffer, { transfer: [buffer] });
}

describe('NDArray rejects bad shapes', () => {
  it('rejects a negative shape entry', () => {
    expectError(() => make({ shape: [2, -3] }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected shape[1] to be >= 0, got -3');
  });
  it('rejects a fractional shape entry', () => {
    expectError(() => make({ shape: [1.5] }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected shape[0] to be an integer in [-(2^53 - 1), 2^53 - 1], got 1.5');
  });
  it('rejects NaN in the shape', () => {
    expectError(() => make({ shape: [NaN] }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected shape[0] to be an integer in [-(2^53 - 1), 2^53 - 1], got NaN');
  });
  it('rejects a shape entry past 2^53', () => {
    expectError(() => make({ shape: [2 ** 60] }), RangeError, 'ERR_INVALID_ARG_VALUE', /got 1152921504606847000$/);
  });
  it('rejects a shape whose product passes 2^53', () => {
    expectError(
      () => make({ shape: [2 ** 27, 2 ** 27], strides: [0, 0] }),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'expected at most 2^53 - 1 elements, got shape (134217728, 134217728) with 18014398509481984 elements',
    );
  });
  it('rejects a shape whose product overflows 64 bits', () => {
    expectError(() => make({ shape: [2 ** 40, 2 ** 40], strides: [0, 0] }), RangeError, 'ERR_OUT_OF_BOUNDS', 'the element count does not fit in 64 bits');
  });
  it('rejects a shape larger than the buffer', () => {
    expectError(
      () => make({ shape: [7] }),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'view with shape (7,), strides (8,) and byteOffset 0 reaches bytes [0, 56), outside the buffer of 48 bytes',
    );
  });
  it('rejects a non-array shape and non-number entries', () => {
    expectError(() => make({ shape: 3 }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected shape to be an array of integers, got 3');
    expectError(() => make({ shape: ['2'] }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected shape[0] to be an integer, got "2"');
    expectError(() => make({ shape: [2n] }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected shape[0] to be an integer, got 2n');
  });
  it('rejects more than 64 dimensions', () => {
    expectError(() => make({ shape: new Array(65).fill(1) }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected at most 64 dimensions, got 65');
  });
});

describe('NDArray rejects bad strides and offsets', () => {
  it('rejects a stride that reaches past the buffer', () => {
    expectError(
      () => make({ strides: [24, 16] }),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'view with shape (2, 3), strides (24, 16) and byteOffset 0 reaches bytes [0, 64), outside the buffer of 48 bytes',
    );
  });
  it('rejects a negative stride that reaches before the buffer', () => {
    expectError(
      () => make({ shape: [3], strides: [-8], byteOffset: 8 }),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'view with shape (3,), strides (-8,) and byteOffset 8 reaches bytes [-8, 16), outside the buffer of 48 bytes',
    );
  });
  it('rejects strides whose reach overflows 64 bits', () => {
    expectError(() => make({ shape: [3], strides: [2 ** 53 - 1], byteOffset: 0 }), RangeError, 'ERR_OUT_OF_BOUNDS', /outside the buffer of 48 bytes$/);
    expectError(() => make({ shape: [2 ** 20, 2 ** 20], strides: [2 ** 50, 2 ** 50] }), RangeError, 'ERR_OUT_OF_BOUNDS', 'the byte extent of the view does not fit in 64 bits');
  });
  it('rejects the wrong number of strides', () => {
    expectError(() => make({ strides: [8] }), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected 2 strides (one per dimension), got 1');
  });
  it('rejects non-integer strides', () => {
    expectError(() => make({ strides: [24, 0.5] }), RangeError, 'ERR_INVALID_ARG_VALUE', /strides\[1\].*got 0.5/);
    expectError(() => make({ strides: 'C' }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected strides to be an array of integers, got "C"');
  });
  it('rejects a byteOffset outside the buffer', () => {
    expectError(() => make({ shape: [0], byteOffset: 49 }), RangeError, 'ERR_OUT_OF_BOUNDS', 'expected a byteOffset in [0, 48], got 49');
    expectError(() => make({ shape: [0], byteOffset: -1 }), RangeError, 'ERR_OUT_OF_BOUNDS', 'expected a byteOffset in [0, 48], got -1');
    expectError(() => make({ byteOffset: 8 }), RangeError, 'ERR_OUT_OF_BOUNDS', /reaches bytes \[8, 56\)/);
  });
  it('bounds a TypedArray view by its own window, not the whole ArrayBuffer', () => {
    const window = new Float64Array(8).subarray(2, 4);
    expectError(
      () => new NDArray({ buffer: window, dtype: 'float64', shape: [3] }),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'view with shape (3,), strides (8,) and byteOffset 0 reaches bytes [0, 24), outside the buffer of 16 bytes',
    );
  });
});

describe('NDArray rejects bad buffers and dtypes', () => {
  it('rejects a detached ArrayBuffer at construction', () => {
    const buffer = new ArrayBuffer(8);
    detach(buffer);
    expectError(() => new NDArray({ buffer, dtype: 'uint8', shape: [0] }), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
  });
  it('rejects a TypedArray over a detached buffer', () => {
    const data = new Uint8Array(8);
    detach(data.buffer);
    expectError(() => new NDArray({ buffer: data, dtype: 'uint8', shape: [0] }), TypeError, 'ERR_DETACHED', /detached/);
  });
  it('throws ERR_DETACHED on use after the buffer is detached', () => {
    const buffer = new ArrayBuffer(16);
    const a = new NDArray({ buffer, dtype: 'float64', shape: [2] });
    detach(buffer);
    expectError(() => a.get(0), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
    expectError(() => a.set(0, 1), TypeError, 'ERR_DETACHED', /detached/);
    expectError(() => a.toArray(), TypeError, 'ERR_DETACHED', /detached/);
    expectError(() => a.copy(), TypeError, 'ERR_DETACHED', /detached/);
    expect(a.shape).toEqual([2]);
  });
  it('rejects a buffer that is not memory', () => {
    expectError(() => make({ buffer: [1, 2, 3] }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected buffer to be an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView or Buffer, got array of length 3');
    expectError(() => make({ buffer: undefined }), TypeError, 'ERR_INVALID_ARG_TYPE', /got undefined$/);
  });
  it('sizes views from the real memory, not from overridden getters', () => {
    class Lying extends Uint8Array {
      override get byteLength(): number {
        return 1_000_000;
      }
    }
    expectError(
      () => new NDArray({ buffer: new Lying(4), dtype: 'uint8', shape: [1000] }),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'view with shape (1000,), strides (1,) and byteOffset 0 reaches bytes [0, 1000), outside the buffer of 4 bytes',
    );
    expect(asarray(new Lying(4)).shape).toEqual([4]);
    const dv = new DataView(new ArrayBuffer(4));
    Object.defineProperty(dv, 'byteLength', { get: () => 1_000_000 });
    expect(asarray(dv).shape).toEqual([4]);
    const ab = new ArrayBuffer(2);
    Object.defineProperty(ab, 'byteLength', { get: () => 1_000_000 });
    expectError(() => new NDArray({ buffer: ab, dtype: 'uint8', shape: [3] }), RangeError, 'ERR_OUT_OF_BOUNDS', /outside the buffer of 2 bytes$/);
    const swapped = new Uint8Array(3);
    Object.setPrototypeOf(swapped, Float64Array.prototype);
    expect(asarray(swapped as never).dtype).toBe(dtype('uint8'));
  });

  it('rejects unknown dtypes', () => {
    expectError(() => make({ dtype: 'float65' }), TypeError, 'ERR_INVALID_DTYPE', "unknown dtype \"float65\"; did you mean 'float64'?");
    expectError(() => make({ dtype: 42 }), TypeError, 'ERR_INVALID_DTYPE', /got 42$/);
  });
  it('refuses object dtypes', () => {
    expectError(() => make({ dtype: dtype('object') }), TypeError, 'ERR_INVALID_DTYPE', /expected a dtype that can be viewed in memory, got object/);
  });
  it('rejects a missing options object and a non-boolean readonly', () => {
    expectError(() => new NDArray(undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an options object { buffer, dtype, shape }, got undefined');
    expectError(() => make({ readonly: 1 }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected readonly to be a boolean, got 1');
    expectError(() => make({ byteOffset: '8' }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected byteOffset to be an integer, got "8"');
  });
});

describe('NDArray element access errors', () => {
  const a = new NDArray({ buffer: new Float64Array(6), dtype: 'float64', shape: [2, 3] });
  it('rejects an index out of range (NumPy message)', () => {
    expectError(() => a.get(2, 0), RangeError, 'ERR_OUT_OF_BOUNDS', 'index 2 is out of bounds for axis 0 with size 2');
    expectError(() => a.get(0, -4), RangeError, 'ERR_OUT_OF_BOUNDS', 'index -4 is out of bounds for axis 1 with size 3');
    expectError(() => a.set(0, 3, 1), RangeError, 'ERR_OUT_OF_BOUNDS', 'index 3 is out of bounds for axis 1 with size 3');
  });
  it('rejects too many indices (NumPy message)', () => {
    expectError(() => a.get(1, 2, 3), RangeError, 'ERR_OUT_OF_BOUNDS', 'too many indices for array: array is 2-dimensional, but 3 were indexed');
  });
  it('rejects too few indices', () => {
    expectError(() => a.get(1), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected 2 indices for a 2-dimensional array, got 1 (use slice() for subarrays)');
  });
  it('rejects non-integer indices', () => {
    expectError(() => a.get(0.5, 0), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an integer index for axis 0, got 0.5');
    expectError(() => a.get(0, '1' as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an integer index for axis 1, got "1"');
  });
  it('rejects writes to a readonly view (NumPy message)', () => {
    const data = new Float64Array(2);
    const r = new NDArray({ buffer: data, dtype: 'float64', shape: [2], readonly: true });
    expectError(() => r.set(0, 1), TypeError, 'ERR_READONLY', 'assignment destination is read-only');
    expect(data[0]).toBe(0);
  });
  it('rejects set without arguments', () => {
    expectError(() => (a.set as () => void)(), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected indices followed by a value, got no arguments');
  });
  it('rejects values that do not fit, as NumPy does for Python numbers', () => {
    const i8 = new NDArray({ buffer: new Int8Array(1), dtype: 'int8', shape: [] });
    expectError(() => i8.set(300), RangeError, 'ERR_OUT_OF_BOUNDS', 'integer 300 is out of bounds for int8');
    expectError(() => i8.set(-129n), RangeError, 'ERR_OUT_OF_BOUNDS', 'integer -129 is out of bounds for int8');
    expectError(() => i8.set(NaN), RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot convert float NaN to integer (int8)');
    expectError(() => i8.set(Infinity), RangeError, 'ERR_OUT_OF_BOUNDS', 'cannot convert float Infinity to integer (int8)');
    const u64 = new NDArray({ buffer: new BigUint64Array(1), dtype: 'uint64', shape: [] });
    expectError(() => u64.set(-1n), RangeError, 'ERR_OUT_OF_BOUNDS', 'integer -1 is out of bounds for uint64');
    expectError(() => u64.set('1'), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a bigint, number or boolean for a uint64 element, got "1"');
    const f = new NDArray({ buffer: new Float32Array(1), dtype: 'float32', shape: [] });
    expectError(() => f.set(null), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a number, bigint or boolean for a float32 element, got null');
  });
  it('throws BufferError for every data access of an opaque device array', () => {
    const gpu = NDArray._fromValidated({
      buffer: new ArrayBuffer(0),
      byteOffset: 0,
      dtype: dtype('float32'),
      shape: [2, 2],
      strides: [8, 4],
      readonly: false,
      device: [2, 1],
      opaque: true,
    });
    expect(gpu.shape).toEqual([2, 2]);
    expect(gpu.device).toEqual([2, 1]);
    expect(gpu.opaque).toBe(true);
    const message = 'the data of an array on device CUDA:1 is not readable from JS (only its shape, dtype, strides and device are known)';
    expectError(() => gpu.get(0, 0), BufferError, 'ERR_BUFFER', message);
    expectError(() => gpu.toArray(), BufferError, 'ERR_BUFFER', message);
    expectError(() => gpu.copy(), BufferError, 'ERR_BUFFER', message);
    expectError(() => gpu.toTypedArray(), BufferError, 'ERR_BUFFER', message);
  });
  it('throws ERR_DETACHED after dispose', () => {
    const d = new NDArray({ buffer: new Float64Array(1), dtype: 'float64', shape: [] });
    d[Symbol.dispose]();
    expectError(() => d.get(), TypeError, 'ERR_DETACHED', 'this array has been disposed');
  });
});
