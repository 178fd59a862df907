// Hostile input: every bad input tried against ndinterop's public surface and
// the result it must give. Each row is a rule: a clear error of the stated
// class and code (or the stated harmless outcome), never a crash. The
// sanitizer and valgrind CI runs execute this file too, so a row that
// touched memory it should not would fail there.
//
// The "Hostile input" table of docs/reliability.md is rendered from these rows; the last
// test keeps the two identical.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BufferError,
  DLPackCapsule,
  NDArray,
  add,
  asarray,
  dtype,
  fromArrayInterface,
  fromDlpack,
  fromDlpackPointer,
  memoryStats,
  parseBufferFormat,
  parseTypestr,
  toDlpack,
} from '../../src/index.js';
import { type TensorSpec, collectGarbage, producer } from '../helpers/producer.js';

type ErrorClass = new (...args: never[]) => Error;

interface ErrorOutcome {
  readonly error: ErrorClass;
  readonly code: string | undefined;
  readonly message: RegExp;
  /** README wording when the error is not one of ndinterop's own. */
  readonly note?: string;
}
interface ValueOutcome {
  /** What happens instead of an error, as the README states it. */
  readonly outcome: string;
  readonly check: (result: unknown) => void;
}
interface HostileCase {
  readonly area: string;
  readonly input: string;
  readonly run: () => unknown;
  readonly expect: ErrorOutcome | ValueOutcome;
}

function buffer(bytes: number): ArrayBuffer {
  return new ArrayBuffer(bytes);
}

function detached(bytes: number): ArrayBuffer {
  const memory = new ArrayBuffer(bytes);
  structuredClone(memory, { transfer: [memory] });
  return memory;
}

function view(init: Record<string, unknown>): NDArray {
  return new NDArray({ buffer: buffer(16), dtype: 'float64', shape: [2], ...init } as never);
}

// A getter whose answer changes on every read: first `first`, then `later`.
function changingOptions(name: string, first: unknown, later: unknown): Record<string, unknown> {
  let reads = 0;
  return Object.defineProperty({ buffer: buffer(16), dtype: 'float64', shape: [2] }, name, {
    get: () => (reads++ === 0 ? first : later),
    enumerable: true,
  });
}

function withPollutedArrayIndex<T>(value: unknown, run: () => T): T {
  Object.defineProperty(Array.prototype, '0', { value, configurable: true, writable: true });
  try {
    return run();
  } finally {
    delete (Array.prototype as unknown as Record<string, unknown>)['0'];
  }
}

function withPollutedObject<T>(name: string, value: unknown, run: () => T): T {
  Object.defineProperty(Object.prototype, name, { value, configurable: true, writable: true });
  try {
    return run();
  } finally {
    delete (Object.prototype as unknown as Record<string, unknown>)[name];
  }
}

function shrunkView(): NDArray {
  const memory = new ArrayBuffer(16, { maxByteLength: 64 });
  const array = new NDArray({ buffer: memory, dtype: 'float64', shape: [2] });
  memory.resize(8);
  return array;
}

function shrunkLengthTracking(): NDArray {
  const memory = new ArrayBuffer(16, { maxByteLength: 64 });
  const array = asarray(new Float64Array(memory)); // a length-tracking TypedArray
  memory.resize(0);
  return array;
}

function grownShared(): NDArray {
  const memory = new SharedArrayBuffer(16, { maxByteLength: 64 });
  new Float64Array(memory).set([1.5, 2.5]);
  const array = new NDArray({ buffer: memory, dtype: 'float64', shape: [2] });
  memory.grow(64);
  return array;
}

function cyclicArray(): unknown[] {
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  return cyclic;
}

function deeplyNested(levels: number): unknown {
  let nested: unknown = [1];
  for (let i = 1; i < levels; i += 1) nested = [nested];
  return nested;
}

// A float32 tensor from the producer fixture with `spec` overriding fields.
function produced(spec: TensorSpec): object {
  return producer.makeTensor({ code: 2, bits: 32, shape: [2], bytes: new Uint8Array(8), ...spec }).tensor as object;
}

function consumedCapsule(): DLPackCapsule {
  const capsule = toDlpack(asarray([1, 2]), { maxVersion: [1, 3] });
  fromDlpack(capsule);
  return capsule;
}

const isArrayOf = (expected: unknown) => (result: unknown) => {
  expect(result).toBeInstanceOf(NDArray);
  expect((result as NDArray).toArray()).toEqual(expected);
};

const cases: readonly HostileCase[] = [
  // Sizes and overflow in view construction.
  {
    area: 'views',
    input: 'shape [2^40, 2^40] (element count overflows int64)',
    run: () => view({ buffer: buffer(8), shape: [2 ** 40, 2 ** 40] }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the element count does not fit in 64 bits$/ },
  },
  {
    area: 'views',
    input: '65 dimensions',
    run: () => view({ buffer: buffer(8), shape: new Array(65).fill(1) }),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /^expected at most 64 dimensions, got 65$/ },
  },
  {
    area: 'views',
    input: 'stride 2^53 - 1 (byte extent past 2^53)',
    run: () => view({ shape: [2, 2], strides: [2 ** 53 - 1, 8] }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /reaches bytes \[0, 9007199254741007\), outside the buffer of 16 bytes$/ },
  },
  {
    area: 'views',
    input: 'negative stride reaching before the buffer',
    run: () => view({ strides: [-8] }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /reaches bytes \[-8, 8\), outside the buffer of 16 bytes$/ },
  },
  {
    area: 'views',
    input: 'byteOffset 2^53 - 1',
    run: () => view({ byteOffset: 2 ** 53 - 1 }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^expected a byteOffset in \[0, 16\], got 9007199254740991$/ },
  },
  {
    area: 'views',
    input: 'index 2^60',
    run: () => asarray([1, 2]).get(2 ** 60),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^index 1152921504606847000 is out of bounds for axis 0 with size 2$/ },
  },
  // Option objects that misbehave.
  {
    area: 'views',
    input: 'strides getter answering [8], then [80]',
    run: () => new NDArray(changingOptions('strides', [8], [80]) as never).strides,
    expect: { outcome: 'read once: the validated [8] is used', check: (strides) => expect(strides).toEqual([8]) },
  },
  {
    area: 'views',
    input: 'byteOffset getter answering 0, then 800',
    run: () => new NDArray(changingOptions('byteOffset', 0, 800) as never).byteOffset,
    expect: { outcome: 'read once: the validated 0 is used', check: (offset) => expect(offset).toBe(0) },
  },
  {
    area: 'views',
    input: "readonly getter answering true, then 'yes'",
    run: () => new NDArray(changingOptions('readonly', true, 'yes') as never).readonly,
    expect: { outcome: 'read once: readonly is true', check: (readonly) => expect(readonly).toBe(true) },
  },
  {
    area: 'views',
    input: 'shape Proxy whose get trap throws',
    run: () =>
      view({
        shape: new Proxy([2], {
          get(target, key) {
            if (key === '0') throw new Error('trap says no');
            return Reflect.get(target, key);
          },
        }),
      }),
    expect: { error: Error, code: undefined, message: /^trap says no$/ },
  },
  {
    area: 'views',
    input: 'sparse shape [ , ] (a hole)',
    run: () => view({ shape: [, ] }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected shape to be a number$/ },
  },
  {
    area: 'views',
    input: 'sparse strides with Array.prototype[0] = 1e6',
    run: () => withPollutedArrayIndex(1e6, () => view({ strides: [, ] })),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^view with shape \(2,\), strides \(1000000,\)/ },
  },
  {
    area: 'views',
    input: 'Object.prototype.strides = [800]',
    run: () => withPollutedObject('strides', [800], () => view({})),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /strides \(800,\) and byteOffset 0 reaches bytes \[0, 808\)/ },
  },
  {
    area: 'views',
    input: 'frozen options with a frozen shape',
    run: () => new NDArray(Object.freeze({ buffer: buffer(16), dtype: 'float64', shape: Object.freeze([2]) })),
    expect: { outcome: 'accepted (options are only read)', check: isArrayOf([0, 0]) },
  },
  {
    area: 'views',
    input: 'options inherited through a prototype',
    run: () => new NDArray(Object.create({ buffer: buffer(16), dtype: 'float64', shape: [2] }) as never),
    expect: { outcome: 'accepted like any option bag', check: isArrayOf([0, 0]) },
  },
  // Memory that is not what it claims, or changes underneath.
  {
    area: 'buffers',
    input: 'Object.create(ArrayBuffer.prototype) as the buffer',
    run: () => view({ buffer: Object.create(ArrayBuffer.prototype) }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected buffer to be an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView or Buffer, got an instance of ArrayBuffer$/ },
  },
  {
    area: 'buffers',
    input: '{ byteLength: 1e9 } as the buffer',
    run: () => view({ buffer: { byteLength: 1e9 } }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /got an instance of Object$/ },
  },
  {
    area: 'buffers',
    input: 'Proxy around a Float64Array',
    run: () => asarray(new Proxy(new Float64Array(4), {}) as never),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /got an instance of Float64Array$/ },
  },
  {
    area: 'buffers',
    input: 'detached (transferred) ArrayBuffer',
    run: () => view({ buffer: detached(16) }),
    expect: { error: TypeError, code: 'ERR_DETACHED', message: /^the ArrayBuffer behind this array has been detached \(transferred\)$/ },
  },
  {
    area: 'buffers',
    input: 'asarray of a detached ArrayBuffer',
    run: () => asarray(detached(16)),
    expect: { error: TypeError, code: 'ERR_DETACHED', message: /has been detached/ },
  },
  {
    area: 'buffers',
    input: 'buffer detached after the view was made, then get()',
    run: () => {
      const memory = buffer(16);
      const array = view({ buffer: memory });
      structuredClone(memory, { transfer: [memory] });
      return array.get(0);
    },
    expect: { error: TypeError, code: 'ERR_DETACHED', message: /has been detached/ },
  },
  {
    area: 'buffers',
    input: 'resizable ArrayBuffer shrunk below the view, then get()',
    run: () => shrunkView().get(1),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the buffer shrank to 8 bytes; this array needs 16$/ },
  },
  {
    area: 'buffers',
    input: 'resizable ArrayBuffer shrunk, then copy()',
    run: () => shrunkView().copy(),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the buffer shrank to 8 bytes/ },
  },
  {
    area: 'buffers',
    input: 'length-tracking Float64Array, buffer shrunk to 0',
    run: () => shrunkLengthTracking().toArray(),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the buffer shrank to 0 bytes; this array needs 16$/ },
  },
  {
    area: 'buffers',
    input: 'growable SharedArrayBuffer grown after the view',
    run: () => grownShared(),
    expect: { outcome: 'the view keeps its shape and data', check: isArrayOf([1.5, 2.5]) },
  },
  // Nested arrays.
  {
    area: 'asarray',
    input: 'a cyclic nested array',
    run: () => asarray(cyclicArray() as never),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /inhomogeneous shape after 1 dimensions/ },
  },
  {
    area: 'asarray',
    input: 'arrays nested 101 levels deep',
    run: () => asarray(deeplyNested(101) as never),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /^expected at most 64 nested levels$/ },
  },
  // Type strings.
  {
    area: 'dtypes',
    input: "typestr '<f8\\0' (embedded NUL)",
    run: () => parseTypestr('<f8\0'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /^expected typestr like '<f8', got '<f8\\x00'/ },
  },
  {
    area: 'dtypes',
    input: 'typestr with a 100000-digit itemsize',
    run: () => parseTypestr(`<U${'9'.repeat(100000)}`),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /^expected typestr like '<f8', got '<U9999/ },
  },
  {
    area: 'dtypes',
    input: "typestr '<U2147483647' (byte size overflows)",
    run: () => parseTypestr('<U2147483647'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /at most 536870911 characters\)$/ },
  },
  {
    area: 'dtypes',
    input: "typestr '|S9223372036854775807'",
    run: () => parseTypestr('|S9223372036854775807'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /too large for kind 'S', at most 2147483647\)$/ },
  },
  {
    area: 'dtypes',
    input: "typestr '<M8[2147483648s]' (multiplier overflows int32)",
    run: () => parseTypestr('<M8[2147483648s]'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /datetime multiplier 2147483648 is too large/ },
  },
  {
    area: 'dtypes',
    input: 'typestr with a lone surrogate',
    run: () => parseTypestr('<f8\ud800'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /^expected typestr like '<f8', got '<f8/ },
  },
  {
    area: 'dtypes',
    input: "object whose toString() returns '<f8'",
    run: () => parseTypestr({ toString: () => '<f8' } as never),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected a typestr string like '<f8', got an instance of Object$/ },
  },
  {
    area: 'dtypes',
    input: 'a Symbol as dtype',
    run: () => dtype(Symbol('f8') as never),
    expect: { error: TypeError, code: 'ERR_INVALID_DTYPE', message: /^expected a dtype name, typestr or DType, got / },
  },
  // DLPack: malformed capsules, pointers and tensors.
  {
    area: 'DLPack',
    input: 'a capsule consumed twice',
    run: () => fromDlpack(consumedCapsule()),
    expect: { error: BufferError, code: 'ERR_DLPACK_CONSUMED', message: /^the DLPack capsule was already consumed$/ },
  },
  {
    area: 'DLPack',
    input: 'Object.create(DLPackCapsule.prototype)',
    run: () => fromDlpack(Object.create(DLPackCapsule.prototype) as object),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected a DLPackCapsule or an object with __dlpack__\(\), got an instance of DLPackCapsule$/ },
  },
  {
    area: 'DLPack',
    input: 'pointer 0n',
    run: () => fromDlpackPointer(0n, { versioned: true }),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /^expected a non-NULL DLManagedTensorVersioned pointer, got 0n$/ },
  },
  {
    area: 'DLPack',
    input: 'pointer 2^64 and -1n',
    run: () => {
      expect(() => fromDlpackPointer(-1n, { versioned: false })).toThrow(/expected an address in \[0, 2\^64\), got -1n/);
      return fromDlpackPointer(2n ** 64n, { versioned: true });
    },
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /^expected an address in \[0, 2\^64\), got 18446744073709551616n$/ },
  },
  {
    area: 'DLPack',
    input: 'a pointer as a number',
    run: () => fromDlpackPointer(5 as never, { versioned: true }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected the address as a bigint, got 5$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor with ndim 65, or -1',
    run: () => {
      expect(() => fromDlpack(produced({ shape: [1], ndim: -1 }))).toThrow(/expected ndim in \[0, 64\], got -1/);
      return fromDlpack(produced({ shape: new Array(65).fill(1) }));
    },
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /^invalid DLTensor: expected ndim in \[0, 64\], got 65$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor with a NULL shape and ndim 2',
    run: () => fromDlpack(produced({ shape: null, ndim: 2 })),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /^invalid DLTensor: shape is NULL but ndim is 2$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor with shape [2^40, 2^40]',
    run: () => fromDlpack(produced({ shape: [2 ** 40, 2 ** 40] })),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /the element count of the shape overflows 64 bits$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor with stride 2^62 elements',
    run: () => fromDlpack(produced({ strides: [2 ** 62] })),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /strides\[0\] = 4611686018427387904 elements overflows 64 bits in bytes$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor whose data + byte_offset wraps the address space',
    run: () => fromDlpack(produced({ byteOffset: 2n ** 64n - 4n })),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /reach outside the address space$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor with NULL data and 2 elements',
    run: () => fromDlpack(produced({ nullData: true })),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /^invalid DLTensor: data is NULL for a non-empty tensor of 2 elements$/ },
  },
  {
    area: 'DLPack',
    input: 'tensor with lanes 4, dtype code 99, device type 5',
    run: () => {
      expect(() => fromDlpack(produced({ lanes: 4 }))).toThrow(/expected lanes 1/);
      expect(() => fromDlpack(produced({ code: 99 }))).toThrow(/code 99 \(unknown\)/);
      return fromDlpack(produced({ deviceType: 5 }));
    },
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /device type 5 is not a DLPack 1.3 device type$/ },
  },
  {
    area: 'DLPack',
    input: 'versioned tensor stamped 2.0',
    run: () => fromDlpack(produced({ version: [2, 0] })),
    expect: { error: BufferError, code: 'ERR_DLPACK_INVALID', message: /expected major <= 1, got 2.0$/ },
  },
  {
    area: 'DLPack',
    input: '__dlpack__ that throws',
    run: () =>
      fromDlpack({
        __dlpack__(): never {
          throw new Error('producer failed');
        },
      }),
    expect: { error: Error, code: undefined, message: /^producer failed$/ },
  },
  {
    area: 'DLPack',
    input: '__dlpack__ returning 42, or a plain object',
    run: () => {
      expect(() => fromDlpack({ __dlpack__: () => ({}) })).toThrow(/got an instance of Object/);
      return fromDlpack({ __dlpack__: () => 42 });
    },
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected __dlpack__\(\) to return a DLPack capsule, got 42$/ },
  },
  {
    area: 'DLPack',
    input: '__dlpack__ returning the same capsule twice',
    run: () => {
      const capsule = toDlpack(asarray([1, 2]), { maxVersion: [1, 3] });
      const producer_ = { __dlpack__: () => capsule };
      fromDlpack(producer_);
      return fromDlpack(producer_);
    },
    expect: { error: BufferError, code: 'ERR_DLPACK_CONSUMED', message: /already consumed$/ },
  },
  {
    area: 'DLPack',
    input: '__dlpack__ calling fromDlpack on itself forever',
    run: () => {
      const selfImporting: object = { __dlpack__: () => fromDlpack(selfImporting) };
      return fromDlpack(selfImporting);
    },
    expect: { error: RangeError, code: undefined, message: /^Maximum call stack size exceeded$/, note: '`RangeError` from the engine (stack exhausted)' },
  },
  {
    area: 'DLPack',
    input: '__dlpack__ that imports and re-exports inside the call',
    run: () => fromDlpack({ __dlpack__: () => fromDlpack(asarray([3, 4])).__dlpack__() }),
    expect: { outcome: 'works: nested calls are independent', check: isArrayOf([3, 4]) },
  },
  {
    area: 'DLPack',
    input: '__dlpack__ getter answering a function, then 5',
    run: () => {
      let reads = 0;
      return fromDlpack({
        get __dlpack__() {
          return reads++ === 0 ? () => toDlpack(asarray([1])) : 5;
        },
      } as never);
    },
    expect: { error: TypeError, code: undefined, message: /__dlpack__ is not a function$/, note: '`TypeError` from the engine (the second read is called)' },
  },
  {
    area: 'DLPack',
    input: 'Proxy around an NDArray',
    run: () => fromDlpack(new Proxy(asarray([1, 2]), {})),
    expect: { error: TypeError, code: undefined, message: /^Cannot read private member/, note: '`TypeError` from the engine (a Proxy has no private fields)' },
  },
  {
    area: 'DLPack',
    input: 'frozen NDArray',
    run: () => fromDlpack(Object.freeze(asarray([1, 2]))),
    expect: { outcome: 'exported and imported (freezing the wrapper does not freeze the memory)', check: isArrayOf([1, 2]) },
  },
  // __array_interface__ descriptions.
  {
    area: '__array_interface__',
    input: 'offset past the end of data',
    run: () => fromArrayInterface({ version: 3, shape: [2], typestr: '<f8', data: new ArrayBuffer(16), offset: 8 }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /reaches bytes \[8, 24\), outside the buffer of 16 bytes$/ },
  },
  {
    area: '__array_interface__',
    input: 'shape getter answering [2], then [2000]',
    run: () => {
      let reads = 0;
      return fromArrayInterface({
        version: 3,
        typestr: '<f8',
        data: new ArrayBuffer(16),
        get shape() {
          return reads++ === 0 ? [2] : [2000];
        },
      }).shape;
    },
    expect: { outcome: 'read once: shape [2]', check: (shape) => expect(shape).toEqual([2]) },
  },
  {
    area: '__array_interface__',
    input: 'Proxy whose every trap throws',
    run: () =>
      fromArrayInterface(
        new Proxy(
          {},
          {
            get() {
              throw new Error('iface trap');
            },
          },
        ),
      ),
    expect: { error: TypeError, code: 'ERR_ARRAY_INTERFACE_GETTER', message: /^reading __array_interface__.version threw Error: iface trap$/ },
  },
  {
    area: '__array_interface__',
    input: 'shape array of 100000 entries',
    run: () => fromArrayInterface({ version: 3, typestr: '<f8', data: new ArrayBuffer(16), shape: new Array(100000).fill(1) }),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /at most 1024 entries\), got length 100000$/ },
  },
  {
    area: '__array_interface__',
    input: 'a mask',
    run: () => fromArrayInterface({ version: 3, typestr: '<f8', data: new ArrayBuffer(16), shape: [1], mask: {} }),
    expect: { error: TypeError, code: 'ERR_ARRAY_INTERFACE_MASK', message: /masked arrays are not supported/ },
  },
  {
    area: '__array_interface__',
    input: '__array_interface__ getter that throws (asarray)',
    run: () =>
      asarray({
        get __array_interface__(): never {
          throw new Error('no iface');
        },
      } as never),
    expect: { error: TypeError, code: 'ERR_ARRAY_INTERFACE_GETTER', message: /^reading the __array_interface__ property threw Error: no iface$/ },
  },
  {
    area: 'dtypes',
    input: "PEP 3118 format with 200000 nested 'T{'",
    run: () => parseBufferFormat(`${'T{'.repeat(200000)}i${'}'.repeat(200000)}`),
    expect: { error: TypeError, code: 'ERR_INVALID_BUFFER_FORMAT', message: /structs nested deeper than 64 levels\)$/ },
  },
  // __array_ufunc__ overrides (NEP 13).
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ that throws',
    run: () =>
      add(
        new (class {
          __array_ufunc__(): never {
            throw new Error('override failed');
          }
        })() as never,
        1,
      ),
    expect: { error: Error, code: undefined, message: /^override failed$/ },
  },
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ returning a wrong type (42)',
    run: () =>
      add(
        new (class {
          __array_ufunc__(): number {
            return 42;
          }
        })() as never,
        1,
      ),
    expect: { outcome: 'returned as is, as NumPy does', check: (result) => expect(result).toBe(42) },
  },
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ calling the same ufunc on itself forever',
    run: () => {
      class Recursive {
        __array_ufunc__(): unknown {
          return add(this as never, 1);
        }
      }
      return add(new Recursive() as never, 1);
    },
    expect: { error: RangeError, code: undefined, message: /^Maximum call stack size exceeded$/, note: "`RangeError` from the engine (stack exhausted)" },
  },
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ getter that throws',
    run: () =>
      add(
        new (class {
          get __array_ufunc__(): never {
            throw new Error('getter');
          }
        })() as never,
        1,
      ),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^add\(\) input 0 must be an NDArray, an array-like or a JS scalar/ },
  },
];

function runCase(entry: HostileCase): void {
  const expected = entry.expect;
  if ('outcome' in expected) {
    expected.check(entry.run());
    return;
  }
  let caught: unknown;
  try {
    entry.run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an error').toBeInstanceOf(expected.error);
  expect((caught as { code?: string }).code).toBe(expected.code);
  expect((caught as Error).message).toMatch(expected.message);
}

let statsBefore: ReturnType<typeof memoryStats>;
let producerBefore: ReturnType<typeof producer.counters>;
beforeAll(async () => {
  await collectGarbage();
  statsBefore = memoryStats();
  producerBefore = producer.counters();
});

describe('hostile input gives a clear error or a harmless outcome, never a crash', () => {
  for (const area of new Set(cases.map((entry) => entry.area))) {
    describe(area, () => {
      for (const entry of cases.filter((candidate) => candidate.area === area)) {
        it(entry.input, () => runCase(entry));
      }
    });
  }
});

describe('hostile input leaks nothing', () => {
  it('leaves memoryStats as it found them and runs every rejected tensor\'s deleter once', async () => {
    await collectGarbage();
    expect(memoryStats()).toEqual(statsBefore);
    const after = producer.counters();
    expect(after.deleterCalls - producerBefore.deleterCalls).toBe(after.produced - producerBefore.produced);
    expect(after.repeatedDeleterCalls).toBe(producerBefore.repeatedDeleterCalls);
  });
});

function resultText(expected: ErrorOutcome | ValueOutcome): string {
  if ('outcome' in expected) return expected.outcome;
  if (expected.note) return expected.note;
  const name = expected.error.name;
  return expected.code ? `\`${name}\` \`${expected.code}\`` : `\`${name}\` (the input's own error, unchanged)`;
}

function renderTable(): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const rows = cases.map((entry) => `| ${entry.area} | ${escape(entry.input)} | ${escape(resultText(entry.expect))} |`);
  return ['| area | hostile input | result |', '|---|---|---|', ...rows].join('\n');
}

describe("the hostile-input table in docs/reliability.md", () => {
  // NDINTEROP_PRINT_HOSTILE_TABLE=1 npx vitest run test/base/hostile.test.ts prints the table to paste.
  if (process.env.NDINTEROP_PRINT_HOSTILE_TABLE) console.log(renderTable());
  it('lists exactly the cases tested here', () => {
    const readme = readFileSync(new URL('../../docs/reliability.md', import.meta.url), 'utf8');
    const match = /<!-- hostile-table:start -->\n([\s\S]*?)\n<!-- hostile-table:end -->/.exec(readme);
    expect(match, 'docs/reliability.md needs a <!-- hostile-table:start --> ... <!-- hostile-table:end --> block').not.toBeNull();
    expect(match![1]).toBe(renderTable());
  });
});
