// The one TypedArray <-> dtype table (src/dtype/typed-arrays.ts), both directions.
import { describe, expect, it } from 'vitest';
import { dtype } from '../../src/index.js';
import { typedArrayDType, typedArrayStorage } from '../../src/dtype/typed-arrays.js';

describe('typedArrayDType: the dtype of a TypedArray’s elements', () => {
  it.each([
    [new Int8Array(1), 'int8'],
    [new Uint8Array(1), 'uint8'],
    [Buffer.alloc(1), 'uint8'],
    [new Int16Array(1), 'int16'],
    [new Uint16Array(1), 'uint16'],
    [new Int32Array(1), 'int32'],
    [new Uint32Array(1), 'uint32'],
    [new BigInt64Array(1), 'int64'],
    [new BigUint64Array(1), 'uint64'],
    [new Float32Array(1), 'float32'],
    [new Float64Array(1), 'float64'],
  ])('%o holds %s', (array, name) => {
    expect(typedArrayDType(array)?.name).toBe(name);
  });

  it('reads the internal slot, not what an object claims', () => {
    expect(typedArrayDType(new Proxy(new Float64Array(1), {}))).toBeUndefined();
    expect(typedArrayDType({ [Symbol.toStringTag]: 'Float64Array' })).toBeUndefined();
    expect(typedArrayDType(new DataView(new ArrayBuffer(1)))).toBeUndefined();
    expect(typedArrayDType(3)).toBeUndefined();
  });

  const Float16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView }).Float16Array;
  it.skipIf(!Float16)('a Float16Array holds float16 (as NumPy views float16 memory)', () => {
    expect(typedArrayDType(new Float16!(1))?.name).toBe('float16');
  });
});

describe('typedArrayStorage: the TypedArray class that holds a dtype’s elements', () => {
  it.each([
    ['bool', 'Uint8Array', 1],
    ['uint8', 'Uint8Array', 1],
    ['int64', 'BigInt64Array', 1],
    ['float16', 'Uint16Array', 1],
    ['bfloat16', 'Uint16Array', 1],
    ['float64', 'Float64Array', 1],
    ['complex64', 'Float32Array', 2],
    ['complex128', 'Float64Array', 2],
    ['<M8[ns]', 'BigInt64Array', 1],
    ['<U3', 'Uint32Array', 3],
    ['S5', 'Uint8Array', 5],
    ['V4', 'Uint8Array', 4],
  ])('%s is held in a %s, %i slot(s) per element', (spec, className, perElement) => {
    const storage = typedArrayStorage(dtype(spec))!;
    expect(storage.ctor.name).toBe(className);
    expect(storage.perElement).toBe(perElement);
  });

  it('has no class for object or longdouble elements', () => {
    expect(typedArrayStorage(dtype('object'))).toBeUndefined();
    expect(typedArrayStorage(dtype('longdouble'))).toBeUndefined();
  });
});
