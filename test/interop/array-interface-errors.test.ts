// Bad __array_interface__ input: every case gets a clear TypeError or
// RangeError with a stable code (never a crash, never an out-of-bounds view).
// Where NumPy is lenient (unchecked strides, buffer length, descr), ndinterop
// refuses: a JS view must never reach outside its memory.
import { describe, expect, it } from 'vitest';
import { BufferError, NDArray, arrayInterface, asarray, fromArrayInterface } from '../../src/index.js';
import { thrown } from '../helpers/expect-error.js';

function expectError(fn: () => unknown, cls: Function, code: string, message: RegExp): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(cls);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

const memory = (): ArrayBuffer => new Float64Array([1, 2, 3]).buffer;
const valid = (): Record<string, unknown> => ({ version: 3, shape: [3], typestr: '<f8', descr: [['', '<f8']], data: memory(), strides: null, offset: 0 });
const withKey = (key: string, value: unknown): Record<string, unknown> => ({ ...valid(), [key]: value });
const without = (key: string): Record<string, unknown> => {
  const iface = valid();
  delete iface[key];
  return iface;
};

describe('the description itself', () => {
  it.each([[42], [null], ['<f8'], [[3]]])('rejects %j as a description (not an object)', (value) => {
    expectError(() => fromArrayInterface(value as never), TypeError, 'ERR_INVALID_ARG_TYPE', /expected __array_interface__ to be an object \(NumPy's dict\), got/);
  });

  it('rejects a missing typestr', () => {
    expectError(() => fromArrayInterface(without('typestr')), TypeError, 'ERR_INVALID_ARG_TYPE', /^Missing __array_interface__ typestr; expected a string like '<f8'$/);
  });

  it('rejects a missing shape', () => {
    expectError(() => fromArrayInterface(without('shape')), TypeError, 'ERR_INVALID_ARG_TYPE', /^Missing __array_interface__ shape; expected an array of integers/);
  });

  it('rejects a missing data (NumPy scalar path) and data: null without a buffer to view', () => {
    expectError(() => fromArrayInterface(without('data')), TypeError, 'ERR_INVALID_ARG_TYPE', /__array_interface__ has no data/);
    expectError(() => fromArrayInterface(withKey('data', null)), TypeError, 'ERR_INVALID_ARG_TYPE', /data is null, so the object itself must be an ArrayBuffer/);
  });
});

describe('version', () => {
  it('accepts a missing version, as NumPy does', () => {
    expect(fromArrayInterface(without('version')).toArray()).toEqual([1, 2, 3]);
  });

  it.each([[2], [4], [3.5]])('rejects version %j', (version) => {
    expectError(() => fromArrayInterface(withKey('version', version)), RangeError, 'ERR_INVALID_ARG_VALUE', new RegExp(`expected __array_interface__ version 3, got ${version}`));
  });

  it("rejects a version that is not a number ('3')", () => {
    expectError(() => fromArrayInterface(withKey('version', '3')), TypeError, 'ERR_INVALID_ARG_TYPE', /version to be the number 3, got "3"/);
  });
});

describe('wrong types and values of keys', () => {
  const cases: Array<[string, unknown, Function, string, RegExp]> = [
    ['typestr', 4, TypeError, 'ERR_INVALID_ARG_TYPE', /typestr to be a string like '<f8', got 4/],
    ['typestr', '<i3', TypeError, 'ERR_INVALID_TYPESTR', /got '<i3' \(itemsize 3 is not valid for kind 'i'/],
    ['typestr', '|O', TypeError, 'ERR_INVALID_DTYPE', /expected a dtype that can be viewed in memory, got object/],
    ['shape', 3, TypeError, 'ERR_INVALID_ARG_TYPE', /shape to be an array of integers, got 3/],
    ['shape', '3', TypeError, 'ERR_INVALID_ARG_TYPE', /shape to be an array of integers, got "3"/],
    ['shape', [1.5], TypeError, 'ERR_INVALID_ARG_TYPE', /shape\[0\] to be an integer, got 1.5/],
    ['shape', ['3'], TypeError, 'ERR_INVALID_ARG_TYPE', /shape\[0\] to be an integer, got "3"/],
    ['shape', [-1], RangeError, 'ERR_INVALID_ARG_VALUE', /shape\[0\] to be >= 0, got -1/],
    ['shape', new Array(65).fill(1), RangeError, 'ERR_INVALID_ARG_VALUE', /at most 64 dimensions, got 65/],
    ['strides', 8, TypeError, 'ERR_INVALID_ARG_TYPE', /strides to be an array of byte strides or null, got 8/],
    ['strides', [8.5], TypeError, 'ERR_INVALID_ARG_TYPE', /strides\[0\] to be an integer, got 8.5/],
    ['offset', '8', TypeError, 'ERR_INVALID_ARG_TYPE', /offset to be an integer, got "8"/],
    ['offset', -8, RangeError, 'ERR_INVALID_ARG_VALUE', /offset to be >= 0, got -8/],
    ['data', 123, TypeError, 'ERR_INVALID_ARG_TYPE', /data to be an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView, \[address, readonly\] or null, got 123/],
    ['data', 'bytes', TypeError, 'ERR_INVALID_ARG_TYPE', /data to be an ArrayBuffer.*got "bytes"/],
    ['data', {}, TypeError, 'ERR_INVALID_ARG_TYPE', /data to be an ArrayBuffer.*got an instance of Object/],
    ['data', [1n], TypeError, 'ERR_INVALID_ARG_TYPE', /data to be a pair \[address, readonly\], got an array of length 1/],
    ['data', [1n, false, 0], TypeError, 'ERR_INVALID_ARG_TYPE', /got an array of length 3/],
    ['data', ['0x10', false], TypeError, 'ERR_INVALID_ARG_TYPE', /data address to be a bigint.*got "0x10"/],
    ['data', [-16n, false], RangeError, 'ERR_INVALID_ARG_VALUE', /data address to be >= 0, got -16n/],
    ['data', [16n, 'False'], TypeError, 'ERR_INVALID_ARG_TYPE', /read-only flag of __array_interface__ data to be a boolean, got "False"/],
    ['data', [0n, false], RangeError, 'ERR_INVALID_ARG_VALUE', /^data is NULL but array contains data \(address 0, 3 elements\)$/],
    ['readonly', 'yes', TypeError, 'ERR_INVALID_ARG_TYPE', /readonly to be a boolean, got "yes"/],
    ['descr', 'f8', TypeError, 'ERR_INVALID_ARG_TYPE', /descr to be a non-empty array of \[name, typestr\] entries, got "f8"/],
  ];
  it.each(cases)('rejects %s = %o', (key, value, cls, code, message) => {
    expectError(() => fromArrayInterface(withKey(key, value)), cls, code, message);
  });
});

describe('strides and memory that do not fit', () => {
  it('rejects strides of the wrong length', () => {
    expectError(() => fromArrayInterface(withKey('strides', [8, 8])), RangeError, 'ERR_INVALID_ARG_VALUE', /strides to have one entry per dimension \(1\), got 2/);
  });

  it('rejects strides reaching past the end or before the start of the buffer', () => {
    expectError(() => fromArrayInterface(withKey('strides', [16])), RangeError, 'ERR_OUT_OF_BOUNDS', /describes memory outside its data: .*reaches bytes \[0, 40\), outside the buffer of 24 bytes/);
    expectError(() => fromArrayInterface(withKey('strides', [-8])), RangeError, 'ERR_OUT_OF_BOUNDS', /reaches bytes \[-16, 8\), outside the buffer of 24 bytes/);
  });

  it('rejects a buffer too small for shape and offset', () => {
    expectError(() => fromArrayInterface(withKey('shape', [4])), RangeError, 'ERR_OUT_OF_BOUNDS', /reaches bytes \[0, 32\), outside the buffer of 24 bytes/);
    expectError(() => fromArrayInterface(withKey('offset', 8)), RangeError, 'ERR_OUT_OF_BOUNDS', /byteOffset 8 reaches bytes \[8, 32\)/);
  });

  it('accepts negative strides that stay inside (offset at the last element)', () => {
    expect(fromArrayInterface({ ...valid(), strides: [-8], offset: 16 }).toArray()).toEqual([3, 2, 1]);
  });
});

describe('descr', () => {
  it('rejects a descr that disagrees with typestr', () => {
    expectError(() => fromArrayInterface(withKey('descr', [['', '<f4']])), TypeError, 'ERR_INVALID_DTYPE', /descr disagrees with typestr '<f8': descr \[\["","<f4"\]\] describes '<f4' of 4 bytes/);
    expectError(() => fromArrayInterface(withKey('descr', [['x', '<f8']])), TypeError, 'ERR_INVALID_DTYPE', /descr disagrees with typestr/);
  });

  it('rejects a structured descr whose size disagrees with typestr (NumPy would take it unchecked)', () => {
    const iface = { ...valid(), typestr: '|V8', shape: [2], descr: [['a', '<f4'], ['b', '<f8']] };
    expectError(() => fromArrayInterface(iface), TypeError, 'ERR_INVALID_DTYPE', /descr disagrees with typestr '\|V8': descr .* describes '\|V12' of 12 bytes/);
  });

  it('rejects malformed structured entries', () => {
    const iface = { ...valid(), typestr: '|V8', shape: [2], descr: [['a', '<f4'], ['b']] };
    expectError(() => fromArrayInterface(iface), TypeError, 'ERR_INVALID_DTYPE', /expected __array_interface__ descr\[1\] to be \[name, typestr\]/);
  });

  it("accepts NumPy's own default descr in any spelling of the same type", () => {
    expect(fromArrayInterface(withKey('descr', [['', '=f8']])).dtype.str).toBe('<f8');
  });
});

describe('mask', () => {
  it('refuses a mask (masked arrays are not supported) instead of ignoring it as NumPy does', () => {
    expectError(() => fromArrayInterface(withKey('mask', [true, false, true])), TypeError, 'ERR_ARRAY_INTERFACE_MASK', /has a mask, and masked arrays are not supported/);
  });

  it('treats mask: null as no mask', () => {
    expect(fromArrayInterface(withKey('mask', null)).size).toBe(3);
  });
});

describe('getters and Proxies', () => {
  it('propagates a throwing getter with the key it was reading and the original error as cause', () => {
    const original = new RangeError('sensor offline');
    const iface = valid();
    Object.defineProperty(iface, 'strides', { get: () => { throw original; }, enumerable: true });
    const error = thrown(() => fromArrayInterface(iface));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_ARRAY_INTERFACE_GETTER');
    expect(error.message).toBe('reading __array_interface__.strides threw RangeError: sensor offline');
    expect(error.cause).toBe(original);
  });

  it('propagates a throwing __array_interface__ getter seen by asarray', () => {
    const holder = { get __array_interface__(): never { throw new Error('no interface today'); } };
    expectError(() => asarray(holder as never), TypeError, 'ERR_ARRAY_INTERFACE_GETTER', /reading the __array_interface__ property threw Error: no interface today/);
  });

  it('reads each key exactly once', () => {
    const reads = new Map<string, number>();
    const iface = {};
    for (const [key, value] of Object.entries(valid())) {
      Object.defineProperty(iface, key, {
        get: () => {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return value;
        },
        enumerable: true,
      });
    }
    fromArrayInterface(iface);
    expect(Object.fromEntries(reads)).toEqual({ version: 1, shape: 1, typestr: 1, descr: 1, data: 1, strides: 1, offset: 1 });
  });

  it('uses the first answer of getters that answer differently on each read (no check/use gap)', () => {
    let shapeReads = 0;
    let offsetReads = 0;
    const iface = {
      typestr: '<f8',
      data: memory(),
      get shape() {
        shapeReads += 1;
        return shapeReads === 1 ? [3] : [1_000_000];
      },
      get offset() {
        offsetReads += 1;
        return offsetReads === 1 ? 0 : 1 << 30;
      },
    };
    const a = fromArrayInterface(iface);
    expect(a.shape).toEqual([3]);
    expect(a.byteOffset).toBe(0);
    expect(a.toArray()).toEqual([1, 2, 3]);
  });

  it('copies array values once, so elements that change on later reads cannot grow the view', () => {
    let reads = 0;
    const shape = [0];
    Object.defineProperty(shape, 0, { get: () => (++reads === 1 ? 3 : 1_000_000) });
    const a = fromArrayInterface({ typestr: '<f8', data: memory(), shape });
    expect(a.shape).toEqual([3]);
    expect(reads).toBe(1);
  });

  it('works through a Proxy, with one get per key', () => {
    const gets: string[] = [];
    const proxy = new Proxy(valid(), {
      get(target, key, receiver) {
        gets.push(String(key));
        return Reflect.get(target, key, receiver);
      },
    });
    expect(fromArrayInterface(proxy).toArray()).toEqual([1, 2, 3]);
    expect(gets.filter((key) => key === 'shape')).toHaveLength(1);
    expect(gets.filter((key) => key === 'data')).toHaveLength(1);
  });

  it('rejects a revoked Proxy as description, as array-like, and as a shape', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expectError(() => fromArrayInterface(proxy), TypeError, 'ERR_ARRAY_INTERFACE_GETTER', /reading __array_interface__ threw TypeError: .*revoked/);
    expectError(() => asarray(proxy as never), TypeError, 'ERR_ARRAY_INTERFACE_GETTER', /checking for __array_interface__\) threw TypeError: .*revoked/);
    expectError(() => fromArrayInterface(withKey('shape', proxy)), TypeError, 'ERR_ARRAY_INTERFACE_GETTER', /reading __array_interface__.shape threw TypeError: .*revoked/);
  });

  it('does not take a Proxy around an ArrayBuffer for a buffer', () => {
    expectError(() => fromArrayInterface(withKey('data', new Proxy(memory(), {}))), TypeError, 'ERR_INVALID_ARG_TYPE', /data to be an ArrayBuffer.*got an instance of ArrayBuffer/);
    expectError(() => asarray(new Proxy(memory(), {}) as never), TypeError, 'ERR_INVALID_ARG_TYPE', /expected numbers, bigints, booleans.*got an instance of ArrayBuffer/);
  });
});

describe('ragged nested arrays', () => {
  it('asarray rejects a ragged nested array', () => {
    expectError(() => asarray([[1, 2], [3]]), RangeError, 'ERR_INVALID_ARG_VALUE', /inhomogeneous shape after 1 dimensions. The detected shape was \(2,\) \+ inhomogeneous part/);
  });
});

describe('options', () => {
  it('arrayInterface takes only NDArrays and a boolean pointer option', () => {
    expectError(() => arrayInterface([1, 2] as never), TypeError, 'ERR_INVALID_ARG_TYPE', /expected an NDArray, got array of length 2/);
    expectError(() => arrayInterface(asarray([1]), { pointer: 1 as never }), TypeError, 'ERR_INVALID_ARG_TYPE', /expected pointer to be a boolean, got 1/);
  });

  it('fromArrayInterface needs an object as base', () => {
    expectError(() => fromArrayInterface(valid(), { base: 5 as never }), TypeError, 'ERR_INVALID_ARG_TYPE', /expected base to be an object that keeps the memory alive, got 5/);
  });

  it('refuses to describe device (non-CPU) memory', () => {
    const onDevice = NDArray._fromValidated({
      buffer: new ArrayBuffer(0),
      byteOffset: 0,
      dtype: asarray([1]).dtype,
      shape: [1],
      strides: [8],
      readonly: false,
      device: [2, 0],
      opaque: true,
    });
    expectError(() => arrayInterface(onDevice), BufferError, 'ERR_BUFFER', /cannot describe device memory in __array_interface__/);
  });
});
