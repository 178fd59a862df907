// toDlpack / toDlpackPointer / __dlpack__ seen from a native consumer (the
// producer fixture): the DLTensor fields are compared with the DLPack spec
// (element strides, codes from the spec table) and NumPy's observed export
// rules and messages (shared reference §7).
import { describe, expect, it } from 'vitest';
import { BufferError, DLPackCapsule, fromDlpack, memoryStats, NDArray, toDlpack, toDlpackPointer } from '../../src/index.js';
import { collectGarbage, deleterCallsDuring, producer } from '../helpers/producer.js';

const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

function consume(capsule: DLPackCapsule) {
  const seen = producer.consumeCapsule(capsule.handle);
  return seen;
}

// ndinterop dtype -> (code, bits), hand-written from the DLPack spec.
const exportCodes: Array<[string, number, number]> = [
  ['bool', 6, 8],
  ['int8', 0, 8],
  ['uint8', 1, 8],
  ['int16', 0, 16],
  ['uint16', 1, 16],
  ['int32', 0, 32],
  ['uint32', 1, 32],
  ['int64', 0, 64],
  ['uint64', 1, 64],
  ['float16', 2, 16],
  ['bfloat16', 4, 16],
  ['float32', 2, 32],
  ['float64', 2, 64],
  ['complex64', 5, 64],
  ['complex128', 5, 128],
];

describe('every numeric dtype exports with its DLPack code and bits', () => {
  for (const [name, code, bits] of exportCodes) {
    it(`${name} -> (${code}, ${bits}, 1)`, () => {
      const itemsize = bits / 8;
      const buffer = new ArrayBuffer(itemsize * 2);
      new Uint8Array(buffer).forEach((_, i, all) => (all[i] = i + 1));
      const a = new NDArray({ buffer, dtype: name, shape: [2] });
      for (const maxVersion of [[1, 3], null] as const) {
        const seen = consume(toDlpack(a, { maxVersion }));
        expect(seen).toMatchObject({ code, bits, lanes: 1, shape: [2], strides: [1], byteOffset: 0, deviceType: 1, deviceId: 0 });
        expect(producer.peek(seen.address, itemsize * 2)).toEqual(new Uint8Array(buffer));
        producer.release(seen.held);
      }
    });
  }
});

describe('layouts are described in element strides, without copying', () => {
  const data = new Int32Array(Array.from({ length: 12 }, (_, i) => i));
  const base = (init: { shape: number[]; strides: number[]; byteOffset?: number }) =>
    new NDArray({ buffer: data, dtype: 'int32', ...init });
  const cases: Array<[string, NDArray, number[], number[], number]> = [
    ['C-contiguous', base({ shape: [3, 4], strides: [16, 4] }), [3, 4], [4, 1], 0],
    ['transposed', base({ shape: [4, 3], strides: [4, 16] }), [4, 3], [1, 4], 0],
    ['sliced with steps', base({ shape: [2, 2], strides: [16, 8], byteOffset: 20 }), [2, 2], [4, 2], 5],
    ['negative strides', base({ shape: [3, 4], strides: [-16, -4], byteOffset: 44 }), [3, 4], [-4, -1], 11],
    ['broadcast (zero stride)', base({ shape: [5, 4], strides: [0, 4] }), [5, 4], [0, 1], 0],
  ];
  for (const [label, array, shape, strides, firstIndex] of cases) {
    it(`${label}: shape ${JSON.stringify(shape)}, strides ${JSON.stringify(strides)}`, () => {
      const seen = consume(toDlpack(array, { maxVersion: [1, 0] }));
      expect(seen.shape).toEqual(shape);
      expect(seen.strides).toEqual(strides);
      expect(seen.byteOffset).toBe(0);
      expect(producer.peek(seen.address, 4)).toEqual(bytesOf(new Int32Array([firstIndex])));
      producer.release(seen.held);
    });
  }

  it('0-d arrays export NULL shape and strides (as NumPy does)', () => {
    const seen = consume(toDlpack(new NDArray({ buffer: new Float64Array([7]), dtype: 'float64', shape: [] }), { maxVersion: [1, 3] }));
    expect(seen.ndim).toBe(0);
    expect(seen.shape).toBeNull();
    expect(seen.strides).toBeNull();
    expect(producer.peek(seen.address, 8)).toEqual(bytesOf(new Float64Array([7])));
    producer.release(seen.held);
  });

  it('size-0 arrays export their shape with zero strides (NumPy 2.4 exports (0, 3) with strides [0, 0])', () => {
    const seen = consume(toDlpack(new NDArray({ buffer: new ArrayBuffer(0), dtype: 'float32', shape: [0, 3], strides: [12, 4] }), { maxVersion: [1, 3] }));
    expect(seen.shape).toEqual([0, 3]);
    expect(seen.strides).toEqual([0, 0]);
    producer.release(seen.held);
  });

  it('SharedArrayBuffer memory exports without copying', () => {
    const shared = new SharedArrayBuffer(8);
    const a = new NDArray({ buffer: shared, dtype: 'int32', shape: [2] });
    const seen = consume(toDlpack(a, { maxVersion: [1, 3] }));
    producer.poke(seen.address, bytesOf(new Int32Array([9, 10])));
    expect(Array.from(new Int32Array(shared))).toEqual([9, 10]);
    producer.release(seen.held);
  });
});

describe('version negotiation, readonly and copy (NumPy rules)', () => {
  const a = new NDArray({ buffer: new Float32Array([1, 2, 3, 4]), dtype: 'float32', shape: [2, 2] });
  const ro = new NDArray({ buffer: new Float32Array([1, 2]), dtype: 'float32', shape: [2], readonly: true });

  it('maxVersion major >= 1 gives dltensor_versioned stamped 1.3; none or major 0 gives legacy dltensor', () => {
    for (const [maxVersion, name] of [
      [[1, 0], 'dltensor_versioned'],
      [[2, 0], 'dltensor_versioned'],
      [[0, 8], 'dltensor'],
      [null, 'dltensor'],
      [undefined, 'dltensor'],
    ] as const) {
      const capsule = toDlpack(a, { maxVersion });
      expect(capsule.name).toBe(name);
      expect(capsule.versioned).toBe(name === 'dltensor_versioned');
      const seen = consume(capsule);
      if (capsule.versioned) expect([seen.major, seen.minor]).toEqual([1, 3]);
      producer.release(seen.held);
    }
  });

  it('readonly arrays carry READ_ONLY in versioned form', () => {
    const seen = consume(toDlpack(ro, { maxVersion: [1, 3] }));
    expect(seen.flags).toBe(1);
    producer.release(seen.held);
  });

  it('readonly arrays cannot be exported as legacy tensors unless copied', () => {
    expect(() => toDlpack(ro)).toThrow(
      'Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).',
    );
    const seen = consume(toDlpack(ro, { copy: true }));
    expect(producer.peek(seen.address, 8)).toEqual(bytesOf(new Float32Array([1, 2])));
    producer.release(seen.held);
  });

  it('copy: true exports a fresh C-contiguous copy flagged IS_COPIED', () => {
    const data = new Int16Array([0, 1, 2, 3, 4, 5]);
    const transposed = new NDArray({ buffer: data, dtype: 'int16', shape: [3, 2], strides: [2, 6] });
    const seen = consume(toDlpack(transposed, { maxVersion: [1, 3], copy: true }));
    expect(seen.flags).toBe(2);
    expect(seen.strides).toEqual([2, 1]);
    expect(producer.peek(seen.address, 12)).toEqual(bytesOf(new Int16Array([0, 3, 1, 4, 2, 5])));
    producer.poke(seen.address, bytesOf(new Int16Array([99])));
    expect(data[0]).toBe(0);
    producer.release(seen.held);
  });

  it('copy: true lifts the stride-multiple rule', () => {
    const odd = new NDArray({ buffer: new ArrayBuffer(12), dtype: 'int32', shape: [2], strides: [5] });
    const seen = consume(toDlpack(odd, { copy: true, maxVersion: [1, 3] }));
    expect(seen.strides).toEqual([1]);
    producer.release(seen.held);
  });
});

describe('export refusals', () => {
  it('byte-swapped data', () => {
    const swapped = new NDArray({ buffer: new ArrayBuffer(8), dtype: '>f4', shape: [2] });
    const error = (() => {
      try {
        toDlpack(swapped, { maxVersion: [1, 3] });
      } catch (e) {
        return e as BufferError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(BufferError);
    expect(error.code).toBe('ERR_BUFFER');
    expect(error.message).toBe('DLPack only supports native byte order.');
  });

  it('strides that are not a multiple of the itemsize', () => {
    const odd = new NDArray({ buffer: new ArrayBuffer(12), dtype: 'int32', shape: [2], strides: [5] });
    expect(() => toDlpack(odd, { maxVersion: [1, 3] })).toThrow(
      expect.objectContaining({ name: 'BufferError', code: 'ERR_BUFFER', message: expect.stringMatching(/^DLPack only supports strides which are a multiple of itemsize\./) }),
    );
  });

  it('dtypes DLPack cannot carry', () => {
    const datetime = new NDArray({ buffer: new ArrayBuffer(8), dtype: '<M8[ns]', shape: [1] });
    expect(() => toDlpack(datetime)).toThrow(
      expect.objectContaining({ name: 'BufferError', message: expect.stringMatching(/^DLPack only supports signed\/unsigned integers, float and complex dtypes\./) }),
    );
    const longdouble = new NDArray({ buffer: new ArrayBuffer(16), dtype: 'longdouble', shape: [1] });
    expect(() => toDlpack(longdouble)).toThrow(
      'DLPack only supports IEEE floating point types without padding (longdouble typically is not IEEE).',
    );
  });

  it('bad maxVersion and option values', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(4), dtype: 'float32', shape: [1] });
    for (const maxVersion of [[1], [1, 2, 3], '1.0', [1.5, 0], [-1, 0]]) {
      expect(() => toDlpack(a, { maxVersion: maxVersion as unknown as [number, number] })).toThrow(
        expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: expect.stringMatching(/^maxVersion must be null, undefined or an array of two non-negative integers, got /) }),
      );
    }
    expect(() => toDlpack(a, { copy: 'yes' as unknown as boolean })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => toDlpack({} as NDArray)).toThrow('expected an NDArray, got an instance of Object');
    expect(() => toDlpackPointer(a, {} as { versioned: boolean })).toThrow('expected toDlpackPointer options { versioned: boolean }, got versioned = undefined');
  });

  it('a disposed array', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(4), dtype: 'float32', shape: [1] });
    a[Symbol.dispose]();
    expect(() => toDlpack(a, { maxVersion: [1, 3] })).toThrow(expect.objectContaining({ code: 'ERR_DETACHED' }));
  });
});

describe('the array API protocol members', () => {
  const a = new NDArray({ buffer: new Float64Array([1, 2]), dtype: 'float64', shape: [2] });

  it('__dlpack_device__() is [1, 0] for CPU arrays', () => {
    expect(a.__dlpack_device__()).toEqual([1, 0]);
  });

  it('__dlpack__ negotiates like toDlpack and accepts the own device', () => {
    expect(a.__dlpack__().name).toBe('dltensor');
    expect(a.__dlpack__({ maxVersion: [1, 3], dlDevice: [1, 0], stream: null }).name).toBe('dltensor_versioned');
  });

  it('__dlpack__ refuses streams, other devices and malformed devices', () => {
    expect(() => a.__dlpack__({ stream: 1 })).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message: 'ndinterop only supports stream=null (it never synchronizes device streams), got 1' }),
    );
    expect(() => a.__dlpack__({ dlDevice: [2, 0] })).toThrow(
      expect.objectContaining({ name: 'BufferError', code: 'ERR_BUFFER', message: 'unsupported device requested: [2, 0] (the array is on [1, 0])' }),
    );
    expect(() => a.__dlpack__({ dlDevice: [1, 1] })).toThrow(BufferError);
    expect(() => a.__dlpack__({ dlDevice: 'cpu' as unknown as [number, number] })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'dlDevice must be an array [deviceType, deviceId], got "cpu"' }),
    );
  });

  it('fromDlpack(ndarray) goes through __dlpack__ and shares memory', () => {
    const b = fromDlpack(a);
    expect(b.readonly).toBe(false);
    b.set(0, 10);
    expect(a.get(0)).toBe(10);
  });

  it('everything is released when consumers are done', async () => {
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });
});

// The benchmark's native peers (bench/dlpack.mjs): a consumer that takes the
// tensor and calls its deleter at once, and a producer of a 1-d float64
// capsule. Checked here so the timed paths are the real ones.
describe("the per-call benchmark's native peers", () => {
  it('consumeAndRelease takes the export and releases it: nothing stays live', () => {
    const a = new NDArray({ buffer: new Float64Array([1, 2, 3]), dtype: 'float64', shape: [3] });
    const before = memoryStats().liveExports;
    const capsule = toDlpack(a, { maxVersion: [1, 3] });
    producer.consumeAndRelease(capsule.handle);
    expect(memoryStats().liveExports).toBe(before);
    expect(() => producer.consumeAndRelease(capsule.handle)).toThrow('consumed');
  });

  it('makeFloat64 makes a versioned float64 capsule of n elements, whose deleter runs once', async () => {
    const produced = producer.counters().produced;
    const calls = await deleterCallsDuring(() => {
      const one = fromDlpack(producer.makeFloat64(1));
      expect([one.dtype.name, one.shape]).toEqual(['float64', [1]]);
      const wide = fromDlpack(producer.makeFloat64(10_000_000));
      expect([wide.dtype.name, wide.shape]).toEqual(['float64', [10_000_000]]);
    });
    expect(producer.counters().produced - produced).toBe(2);
    expect(calls).toBe(2);
  });
});
