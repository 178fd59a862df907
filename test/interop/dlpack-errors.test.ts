// Bad input (issue 4's list): each is rejected with its class, code and
// message, the producer's deleter still runs exactly once, and nothing leaks.
// Tensors come from the producer fixture, which can build every broken shape.
import { describe, expect, it } from 'vitest';
import { BufferError, DLPackCapsule, fromDlpack, fromDlpackPointer, memoryStats, NDArray, toDlpack } from '../../src/index.js';
import { collectGarbage, producer, type TensorSpec } from '../helpers/producer.js';

function errorOf(action: () => unknown): Error & { code?: string } {
  try {
    action();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error, none was thrown');
}

// Imports a tensor built from `spec` (as a capsule and as a pointer) and
// returns the error, checking the deleter ran exactly once each time and
// that nothing stayed alive.
async function rejectionOf(spec: TensorSpec): Promise<Error & { code?: string }> {
  await collectGarbage();
  const stats = memoryStats();
  const before = producer.counters();
  const viaCapsule = errorOf(() => fromDlpack(new DLPackCapsule(producer.makeTensor(spec).tensor as object)));
  const pointer = producer.makeTensor({ ...spec, asPointer: true }).tensor as bigint;
  const viaPointer = errorOf(() => fromDlpackPointer(pointer, { versioned: spec.versioned ?? true }));
  expect(viaPointer.message).toBe(viaCapsule.message);
  const after = producer.counters();
  expect(after.deleterCalls - before.deleterCalls).toBe(2); // at once, not at GC
  await collectGarbage();
  expect(producer.counters().deleterCalls - before.deleterCalls).toBe(2);
  expect(producer.counters().repeatedDeleterCalls).toBe(0);
  expect(memoryStats()).toEqual(stats);
  return viaCapsule;
}

const good: TensorSpec = { code: 2, bits: 32, shape: [2, 3], strides: [3, 1], bytes: new Uint8Array(24) };

const invalidCases: Array<[string, TensorSpec, string | RegExp]> = [
  ['ndim < 0', { ...good, ndim: -1 }, 'invalid DLTensor: expected ndim in [0, 64], got -1'],
  ['ndim > 64', { ...good, ndim: 65 }, 'invalid DLTensor: expected ndim in [0, 64], got 65'],
  ['a negative shape', { ...good, shape: [2, -3] }, 'invalid DLTensor: expected shape[1] >= 0, got -3'],
  ['a NULL shape with ndim > 0', { ...good, shape: null, ndim: 2 }, 'invalid DLTensor: shape is NULL but ndim is 2'],
  ['NULL data for a non-empty tensor', { ...good, nullData: true }, 'invalid DLTensor: data is NULL for a non-empty tensor of 6 elements'],
  ['a stride whose byte value overflows', { ...good, strides: [2 ** 62, 1] }, 'invalid DLTensor: strides[0] = 4611686018427387904 elements overflows 64 bits in bytes'],
  ['shape x stride overflowing 64 bits', { ...good, shape: [2 ** 31, 2], strides: [2 ** 33, 1] }, /^invalid DLTensor: the byte extent of shape and strides overflows 64 bits \(axis 0\)$/],
  ['an element count overflowing 64 bits', { ...good, shape: [2 ** 40, 2 ** 40], strides: [1, 1] }, 'invalid DLTensor: the element count of the shape overflows 64 bits'],
  ['a byte_offset wrapping the address space', { ...good, byteOffset: 2n ** 64n - 8n }, 'invalid DLTensor: data + byte_offset and the strides reach outside the address space'],
  ['an unknown dtype code', { ...good, code: 42, bits: 8 }, /^Unsupported dtype in DLTensor: expected .*, got code 42 \(unknown\), bits 8, lanes 1$/],
  ['an opaque handle dtype', { ...good, code: 3, bits: 64 }, /got code 3 \(kDLOpaqueHandle\), bits 64, lanes 1$/],
  ['a float8 dtype', { ...good, code: 10, bits: 8 }, /got code 10 \(kDLFloat8_e4m3fn\), bits 8, lanes 1$/],
  ['lanes != 1', { ...good, lanes: 4 }, 'Unsupported lanes in DLTensor dtype: expected lanes 1, got code 2 (kDLFloat), bits 32, lanes 4'],
  ['bits not matching the code (float 24)', { ...good, bits: 24 }, /got code 2 \(kDLFloat\), bits 24, lanes 1$/],
  ['1-bit bool', { ...good, code: 6, bits: 1 }, /got code 6 \(kDLBool\), bits 1, lanes 1$/],
  ['an unknown device type', { ...good, deviceType: 5 }, 'Unsupported device in DLTensor: device type 5 is not a DLPack 1.3 device type'],
  ['a device type past kDLTrn', { ...good, deviceType: 19 }, 'Unsupported device in DLTensor: device type 19 is not a DLPack 1.3 device type'],
  ['version major 2', { ...good, version: [2, 0] }, 'fromDlpack(): the exported DLPack major version is too high to be imported by this version of ndinterop: expected major <= 1, got 2.0'],
];

describe('invalid tensors are refused with BufferError ERR_DLPACK_INVALID, deleter called once', () => {
  for (const [label, spec, message] of invalidCases) {
    it(label, async () => {
      const error = await rejectionOf(spec);
      expect(error).toBeInstanceOf(BufferError);
      expect(error.code).toBe('ERR_DLPACK_INVALID');
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
    });
  }

  it('legacy tensors go through the same checks', async () => {
    const error = await rejectionOf({ ...good, versioned: false, lanes: 2 });
    expect(error.code).toBe('ERR_DLPACK_INVALID');
  });
});

describe('bad pointers and arguments', () => {
  it('a NULL pointer', () => {
    const error = errorOf(() => fromDlpackPointer(0n, { versioned: true }));
    expect(error).toBeInstanceOf(BufferError);
    expect(error.code).toBe('ERR_DLPACK_INVALID');
    expect(error.message).toBe('expected a non-NULL DLManagedTensorVersioned pointer, got 0n');
    expect(errorOf(() => fromDlpackPointer(0n, { versioned: false })).message).toBe('expected a non-NULL DLManagedTensor pointer, got 0n');
  });

  it('addresses that are not a 64-bit bigint', () => {
    expect(errorOf(() => fromDlpackPointer(-1n, { versioned: true }))).toMatchObject({ name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message: 'expected an address in [0, 2^64), got -1n' });
    expect(errorOf(() => fromDlpackPointer(2n ** 64n, { versioned: true }))).toMatchObject({ name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE' });
    expect(errorOf(() => fromDlpackPointer(1234 as unknown as bigint, { versioned: true }))).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'expected the address as a bigint, got 1234' });
    expect(errorOf(() => fromDlpackPointer(8n, {} as { versioned: boolean }))).toMatchObject({ name: 'TypeError', message: 'expected fromDlpackPointer options { versioned: boolean }, got versioned = undefined' });
  });

  it('values that are neither capsules nor producers', () => {
    for (const [value, shown] of [[42, '42'], [null, 'null'], [{}, 'an instance of Object'], [new Uint8Array(2), 'an instance of Uint8Array']] as const) {
      expect(errorOf(() => fromDlpack(value as object))).toMatchObject({
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_TYPE',
        message: `expected a DLPackCapsule or an object with __dlpack__(), got ${shown}`,
      });
    }
    expect(errorOf(() => new DLPackCapsule({}))).toMatchObject({ name: 'TypeError', message: 'expected a native DLPack capsule object, got an instance of Object' });
  });

  it("the device option only understands 'cpu' (NumPy's message)", () => {
    const a = new NDArray({ buffer: new ArrayBuffer(4), dtype: 'float32', shape: [1] });
    expect(errorOf(() => fromDlpack(a, { device: 'cuda' as 'cpu' }))).toMatchObject({
      name: 'RangeError',
      code: 'ERR_INVALID_ARG_VALUE',
      message: 'Device not understood. Only "cpu" is allowed, but received: cuda',
    });
    expect(fromDlpack(a, { device: [1, 0] }).size).toBe(1);
  });
});

describe('capsules are consumed at most once', () => {
  it('a second import of the same capsule is BufferError ERR_DLPACK_CONSUMED, deleter still once', async () => {
    await collectGarbage();
    const before = producer.counters().deleterCalls;
    const capsule = new DLPackCapsule(producer.makeTensor(good).tensor as object);
    let first: NDArray | null = fromDlpack(capsule);
    expect(capsule.consumed).toBe(true);
    expect(capsule.name).toBe('used_dltensor_versioned');
    const error = errorOf(() => fromDlpack(capsule));
    expect(error).toBeInstanceOf(BufferError);
    expect(error).toMatchObject({ code: 'ERR_DLPACK_CONSUMED', message: 'the DLPack capsule was already consumed' });
    expect(first.size).toBe(6);
    first = null;
    await collectGarbage();
    expect(producer.counters().deleterCalls - before).toBe(1);
  });

  it('a capsule taken by another addon cannot be imported afterwards', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(8), dtype: 'float32', shape: [2] });
    const capsule = toDlpack(a, { maxVersion: [1, 3] });
    const seen = producer.consumeCapsule(capsule.handle);
    expect(errorOf(() => fromDlpack(capsule)).code).toBe('ERR_DLPACK_CONSUMED');
    expect(() => producer.consumeCapsule(capsule.handle)).toThrow('consumed');
    producer.release(seen.held);
  });
});

describe('producers that misbehave', () => {
  it('a __dlpack__ that throws: its error propagates', () => {
    const boom = new RangeError('no tensor for you');
    expect(errorOf(() => fromDlpack({ __dlpack__: () => { throw boom; } }))).toBe(boom);
  });

  it('a __dlpack__ that returns something else', () => {
    expect(errorOf(() => fromDlpack({ __dlpack__: () => 'capsule' }))).toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'expected __dlpack__() to return a DLPack capsule, got "capsule"',
    });
  });

  it('a __dlpack__ that returns a used capsule', () => {
    const capsule = new DLPackCapsule(producer.makeTensor(good).tensor as object);
    capsule[Symbol.dispose]();
    expect(errorOf(() => fromDlpack({ __dlpack__: () => capsule })).code).toBe('ERR_DLPACK_DISPOSED');
    const taken = new DLPackCapsule(producer.makeTensor(good).tensor as object);
    fromDlpack(taken);
    expect(errorOf(() => fromDlpack({ __dlpack__: () => taken })).code).toBe('ERR_DLPACK_CONSUMED');
  });

  it('asks for maxVersion [1, 3] and retries without options after a TypeError (like NumPy)', () => {
    const calls: unknown[] = [];
    const producerObject = {
      __dlpack__(options?: unknown) {
        calls.push(options);
        if (options !== undefined) throw new TypeError('unexpected keyword');
        return new DLPackCapsule(producer.makeTensor({ ...good, versioned: false }).tensor as object);
      },
    };
    expect(fromDlpack(producerObject).shape).toEqual([2, 3]);
    expect(calls).toEqual([{ maxVersion: [1, 3] }, undefined]);
  });
});
