// fromDlpack / fromDlpackPointer over tensors made by the producer fixture:
// every dtype, every layout, both struct versions, flags and devices. The
// expected dtypes come from the DLPack spec table (shared reference §3), the
// expected elements from the bytes the test itself wrote.
import { describe, expect, it } from 'vitest';
import { BufferError, DLPackCapsule, fromDlpack, fromDlpackPointer, memoryStats, toDlpack } from '../../src/index.js';
import { native } from '../../src/base/native.js';
import { collectGarbage, deleterCallsDuring, producer, type TensorSpec } from '../helpers/producer.js';

const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
const capsuleOf = (spec: TensorSpec) => {
  const made = producer.makeTensor(spec);
  return { capsule: new DLPackCapsule(made.tensor as object), address: made.address };
};

// (DLPack code, bits) -> ndinterop dtype, hand-written from the spec table.
const dtypeTable: Array<{ code: number; bits: number; name: string; data: ArrayBufferView; expected: unknown[] }> = [
  { code: 6, bits: 8, name: 'bool', data: new Uint8Array([1, 0, 1]), expected: [true, false, true] },
  { code: 0, bits: 8, name: 'int8', data: new Int8Array([-1, 2, -3]), expected: [-1, 2, -3] },
  { code: 1, bits: 8, name: 'uint8', data: new Uint8Array([255, 0, 7]), expected: [255, 0, 7] },
  { code: 0, bits: 16, name: 'int16', data: new Int16Array([-300, 0, 300]), expected: [-300, 0, 300] },
  { code: 1, bits: 16, name: 'uint16', data: new Uint16Array([65535, 1, 2]), expected: [65535, 1, 2] },
  { code: 0, bits: 32, name: 'int32', data: new Int32Array([-7, 8, 9]), expected: [-7, 8, 9] },
  { code: 1, bits: 32, name: 'uint32', data: new Uint32Array([4294967295, 0, 1]), expected: [4294967295, 0, 1] },
  { code: 0, bits: 64, name: 'int64', data: new BigInt64Array([-1n, 2n ** 62n, 3n]), expected: [-1n, 2n ** 62n, 3n] },
  { code: 1, bits: 64, name: 'uint64', data: new BigUint64Array([2n ** 64n - 1n, 0n, 5n]), expected: [2n ** 64n - 1n, 0n, 5n] },
  // float16 1.0 = 0x3c00, -2.0 = 0xc000, 0.5 = 0x3800; bfloat16 1.0 = 0x3f80, -2 = 0xc000, 0.5 = 0x3f00
  { code: 2, bits: 16, name: 'float16', data: new Uint16Array([0x3c00, 0xc000, 0x3800]), expected: [1, -2, 0.5] },
  { code: 4, bits: 16, name: 'bfloat16', data: new Uint16Array([0x3f80, 0xc000, 0x3f00]), expected: [1, -2, 0.5] },
  { code: 2, bits: 32, name: 'float32', data: new Float32Array([1.5, -2, 3]), expected: [1.5, -2, 3] },
  { code: 2, bits: 64, name: 'float64', data: new Float64Array([0.1, -2, 1e300]), expected: [0.1, -2, 1e300] },
  {
    code: 5,
    bits: 64,
    name: 'complex64',
    data: new Float32Array([1, 2, 3, 4, 5, 6]),
    expected: [{ re: 1, im: 2 }, { re: 3, im: 4 }, { re: 5, im: 6 }],
  },
  {
    code: 5,
    bits: 128,
    name: 'complex128',
    data: new Float64Array([1, -1, 0.5, 0, 0, 2]),
    expected: [{ re: 1, im: -1 }, { re: 0.5, im: 0 }, { re: 0, im: 2 }],
  },
];

describe('every DLPack dtype imports as its ndinterop dtype', () => {
  for (const row of dtypeTable) {
    for (const versioned of [true, false]) {
      it(`(${row.code}, ${row.bits}) -> ${row.name}, ${versioned ? 'versioned' : 'legacy'}`, () => {
        const { capsule, address } = capsuleOf({ versioned, code: row.code, bits: row.bits, shape: [3], strides: [1], bytes: bytesOf(row.data) });
        const a = fromDlpack(capsule);
        expect(a.dtype.name).toBe(row.name);
        expect(a.toArray()).toEqual(row.expected);
        expect(a.shape).toEqual([3]);
        expect(a.strides).toEqual([row.data.byteLength / 3]);
        // zero-copy: the ArrayBuffer starts at the producer's data
        expect(producer.peek(address, row.data.byteLength)).toEqual(bytesOf(row.data));
        expect(new Uint8Array(a.buffer, a.byteOffset, row.data.byteLength)).toEqual(bytesOf(row.data));
      });
    }
  }
});

describe('layouts', () => {
  const iota = (n: number) => bytesOf(new Int32Array(Array.from({ length: n }, (_, i) => i)));

  it('legacy NULL strides mean C-contiguous', () => {
    const a = fromDlpack(capsuleOf({ versioned: false, code: 0, bits: 32, shape: [2, 3], strides: null, bytes: iota(6) }).capsule);
    expect(a.strides).toEqual([12, 4]);
    expect(a.toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('versioned NULL strides (producers before 1.2) are C-contiguous too', () => {
    const a = fromDlpack(capsuleOf({ version: [1, 0], code: 0, bits: 32, shape: [3, 2], strides: null, bytes: iota(6) }).capsule);
    expect(a.toArray()).toEqual([[0, 1], [2, 3], [4, 5]]);
  });

  it('transposed (Fortran) strides', () => {
    const a = fromDlpack(capsuleOf({ code: 0, bits: 32, shape: [3, 2], strides: [1, 3], bytes: iota(6) }).capsule);
    expect(a.strides).toEqual([4, 12]);
    expect(a.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('a slice through byte_offset and steps', () => {
    // rows 1.. and every other column of a 3x4 array: byte_offset = 1 row
    const a = fromDlpack(capsuleOf({ code: 0, bits: 32, shape: [2, 2], strides: [4, 2], byteOffset: 16, bytes: iota(12) }).capsule);
    expect(a.toArray()).toEqual([[4, 6], [8, 10]]);
    expect(a.buffer.byteLength).toBe(28); // from element 4 to element 10 inclusive
  });

  it('negative strides: data points at element 0, memory below it is reachable', () => {
    const { capsule, address } = capsuleOf({ code: 0, bits: 32, shape: [4], strides: [-1], dataShift: 12, bytes: iota(4) });
    const a = fromDlpack(capsule);
    expect(a.toArray()).toEqual([3, 2, 1, 0]);
    expect(a.strides).toEqual([-4]);
    expect(a.byteOffset).toBe(12);
    expect(producer.peek(address - 12n, 16)).toEqual(iota(4));
  });

  it('negative strides with byte_offset (element 0 = data + byte_offset)', () => {
    const a = fromDlpack(capsuleOf({ code: 0, bits: 32, shape: [2, 3], strides: [-3, -1], byteOffset: 20, bytes: iota(6) }).capsule);
    expect(a.toArray()).toEqual([[5, 4, 3], [2, 1, 0]]);
  });

  it('zero strides (broadcast) reach a single element', () => {
    const a = fromDlpack(capsuleOf({ code: 0, bits: 32, shape: [3, 2], strides: [0, 1], bytes: iota(2) }).capsule);
    expect(a.toArray()).toEqual([[0, 1], [0, 1], [0, 1]]);
    expect(a.buffer.byteLength).toBe(8);
  });

  it('0-d tensors with NULL shape and strides', () => {
    const a = fromDlpack(capsuleOf({ code: 2, bits: 64, shape: null, strides: null, bytes: bytesOf(new Float64Array([2.5])) }).capsule);
    expect(a.shape).toEqual([]);
    expect(a.ndim).toBe(0);
    expect(a.toArray()).toBe(2.5);
  });

  it('0-d bool', () => {
    const a = fromDlpack(capsuleOf({ code: 6, bits: 8, shape: null, bytes: new Uint8Array([1]) }).capsule);
    expect(a.dtype.name).toBe('bool');
    expect(a.toArray()).toBe(true);
  });

  it('size-0 tensors, with NULL data, release the producer memory at once', async () => {
    await collectGarbage();
    const before = producer.counters().deleterCalls;
    const a = fromDlpack(capsuleOf({ code: 2, bits: 32, shape: [0, 3], strides: [0, 0], nullData: true }).capsule);
    expect(producer.counters().deleterCalls).toBe(before + 1);
    expect(a.shape).toEqual([0, 3]);
    expect(a.size).toBe(0);
    expect(a.toArray()).toEqual([]);
  });
});

describe('flags, versions and devices', () => {
  it('READ_ONLY makes the array readonly; versioned without it is writable', () => {
    const ro = fromDlpack(capsuleOf({ flags: 1, shape: [2], strides: [1], bytes: new Uint8Array(8) }).capsule);
    expect(ro.readonly).toBe(true);
    expect(() => ro.set(0, 1)).toThrow(TypeError);
    const rw = fromDlpack(capsuleOf({ flags: 0, shape: [2], strides: [1], bytes: new Uint8Array(8) }).capsule);
    expect(rw.readonly).toBe(false);
  });

  it('legacy tensors import read-only, as NumPy does (they cannot say whether writing is allowed)', () => {
    const a = fromDlpack(capsuleOf({ versioned: false, shape: [2], strides: [1], bytes: new Uint8Array(8) }).capsule);
    expect(a.readonly).toBe(true);
  });

  it('IS_COPIED sets copied', () => {
    const a = fromDlpack(capsuleOf({ flags: 2, shape: [1], strides: [1], bytes: new Uint8Array(4) }).capsule);
    expect(a.copied).toBe(true);
    expect(a.readonly).toBe(false);
  });

  it('accepts any 1.x minor version, including ones newer than ours', () => {
    for (const version of [[1, 0], [1, 1], [1, 3], [1, 9]] as Array<[number, number]>) {
      expect(fromDlpack(capsuleOf({ version, shape: [1], strides: [1], bytes: new Uint8Array(4) }).capsule).size).toBe(1);
    }
  });

  for (const deviceType of [3, 11, 13]) {
    it(`host-readable device type ${deviceType} imports readable, keeping its device`, () => {
      const a = fromDlpack(capsuleOf({ deviceType, shape: [2], strides: [1], bytes: bytesOf(new Float32Array([1, 2])) }).capsule);
      expect(a.device).toEqual([deviceType, 0]);
      expect(a.__dlpack_device__()).toEqual([deviceType, 0]);
      expect(a.toArray()).toEqual([1, 2]);
    });
  }

  it('device memory (CUDA) imports opaque: shape, dtype and device known, data unreadable', () => {
    const a = fromDlpack(capsuleOf({ deviceType: 2, deviceId: 1, code: 2, bits: 16, shape: [4, 5], strides: [5, 1], byteOffset: 64, bytes: new Uint8Array(1) }).capsule);
    expect(a.opaque).toBe(true);
    expect(a.device).toEqual([2, 1]);
    expect(a.shape).toEqual([4, 5]);
    expect(a.dtype.name).toBe('float16');
    expect(() => a.toArray()).toThrow(BufferError);
  });

  it('device memory re-exports unchanged: same data handle, byte_offset, device, shape and strides', async () => {
    const { capsule, address } = capsuleOf({ deviceType: 4, code: 2, bits: 32, shape: [2, 3], strides: [1, 2], byteOffset: 256, bytes: new Uint8Array(1) });
    const a = fromDlpack(capsule);
    const seen = producer.consumeCapsule(toDlpack(a, { maxVersion: [1, 3] }).handle);
    expect(seen).toMatchObject({ deviceType: 4, deviceId: 0, byteOffset: 256, shape: [2, 3], strides: [1, 2], code: 2, bits: 32 });
    expect(seen.address).toBe(address + 256n);
    // The re-export keeps the import alive: the producer's deleter waits for the consumer.
    const calls = await deleterCallsDuring(() => {
      producer.release(seen.held);
    });
    expect(calls).toBe(0);
  });

  it("fromDlpack(x, { device: 'cpu' }) refuses device memory", async () => {
    const calls = await deleterCallsDuring(() => {
      const { capsule } = capsuleOf({ deviceType: 2, shape: [1], strides: [1], bytes: new Uint8Array(4) });
      expect(() => fromDlpack(capsule, { device: 'cpu' })).toThrow(BufferError);
    });
    expect(calls).toBe(1);
  });

  it('copy: true imports a private copy and releases the producer memory at once', () => {
    const before = producer.counters().deleterCalls;
    const { capsule, address } = capsuleOf({ flags: 1, shape: [2], strides: [1], bytes: bytesOf(new Float32Array([1, 2])) });
    const a = fromDlpack(capsule, { copy: true });
    expect(producer.counters().deleterCalls).toBe(before + 1);
    expect(a.copied).toBe(true);
    expect(a.readonly).toBe(false);
    expect(a.toArray()).toEqual([1, 2]);
    expect(address).not.toBe(0n);
  });

  it('where external buffers are refused (Electron), import copies, calls the deleter and marks copied', () => {
    native.dlpackRefuseExternalBuffers(true);
    try {
      const before = producer.counters().deleterCalls;
      const a = fromDlpack(capsuleOf({ shape: [2], strides: [1], bytes: bytesOf(new Float32Array([3, 4])) }).capsule);
      expect(producer.counters().deleterCalls).toBe(before + 1);
      expect(a.copied).toBe(true);
      expect(a.toArray()).toEqual([3, 4]);
      const refused = capsuleOf({ shape: [2], strides: [1], bytes: new Uint8Array(8) }).capsule;
      expect(() => fromDlpack(refused, { copy: false })).toThrow(BufferError);
      expect(producer.counters().deleterCalls).toBe(before + 2);
    } finally {
      native.dlpackRefuseExternalBuffers(false);
    }
  });
});

describe('fromDlpackPointer', () => {
  it('takes ownership of a raw versioned or legacy pointer', async () => {
    await collectGarbage();
    const stats = memoryStats();
    const calls = await deleterCallsDuring(() => {
      for (const versioned of [true, false]) {
        const made = producer.makeTensor({ versioned, asPointer: true, code: 0, bits: 16, shape: [3], strides: [1], bytes: bytesOf(new Int16Array([7, 8, 9])) });
        const a = fromDlpackPointer(made.tensor as bigint, { versioned });
        expect(a.toArray()).toEqual([7, 8, 9]);
      }
    });
    expect(calls).toBe(2);
    expect(memoryStats()).toEqual(stats);
  });
});
