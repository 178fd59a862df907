// Zero-copy both ways with the producer fixture (a plain-C addon using only
// the public headers): same addresses, writes visible on both sides, the
// deleter called exactly once, memoryStats back to zero.
import { describe, expect, it } from 'vitest';
import { DLPackCapsule, fromDlpack, memoryStats, NDArray, toDlpack, toDlpackPointer, fromDlpackPointer } from '../../src/index.js';
import { collectGarbage, deleterCallsDuring, producer } from '../helpers/producer.js';

const f32 = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);

describe('import from a native producer', () => {
  it('views the producer memory without copying: writes on either side are seen by the other', async () => {
    const made = producer.makeTensor({ shape: [2, 3], strides: [3, 1], bytes: f32([1, 2, 3, 4, 5, 6]) });
    const a = fromDlpack(new DLPackCapsule(made.tensor as object));
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    producer.poke(made.address + 4n, f32([20]));
    expect(a.get(0, 1)).toBe(20);
    a.set(1, 2, 60);
    expect(producer.peek(made.address + 20n, 4)).toEqual(f32([60]));
  });

  it('calls the deleter once, when the last view is collected, and memoryStats returns to zero', async () => {
    await collectGarbage();
    const before = memoryStats();
    const calls = await deleterCallsDuring(() => {
      const made = producer.makeTensor({ shape: [4], strides: [1], bytes: f32([1, 2, 3, 4]) });
      const a = fromDlpack(made.tensor as object);
      expect(memoryStats().liveImports).toBe(before.liveImports + 1);
      expect(memoryStats().externalBytes).toBe(before.externalBytes + 16);
      expect(a.get(3)).toBe(4);
    });
    expect(calls).toBe(1);
    expect(memoryStats()).toEqual(before);
    expect(producer.counters().repeatedDeleterCalls).toBe(0);
  });
});

describe('export to a native consumer', () => {
  it('hands out the NDArray memory itself: the consumer sees the same address and writes', async () => {
    const data = new Float64Array([1, 2, 3]);
    const a = new NDArray({ buffer: data, dtype: 'float64', shape: [3] });
    const capsule = toDlpack(a, { maxVersion: [1, 3] });
    expect(capsule.name).toBe('dltensor_versioned');
    const seen = producer.consumeCapsule(capsule.handle);
    expect(capsule.name).toBe('used_dltensor_versioned');
    expect(seen).toMatchObject({ major: 1, minor: 3, flags: 0, ndim: 1, code: 2, bits: 64, lanes: 1, shape: [3], strides: [1] });
    expect(producer.peek(seen.address, 24)).toEqual(new Uint8Array(data.buffer));
    producer.poke(seen.address + 8n, new Uint8Array(new Float64Array([42]).buffer));
    expect(data[1]).toBe(42);
    producer.release(seen.held);
    await collectGarbage();
    expect(memoryStats().liveExports).toBe(0);
  });

  it('round-trips through a raw pointer, keeping the address', async () => {
    const a = new NDArray({ buffer: new Int32Array([5, 6, 7, 8]), dtype: 'int32', shape: [2, 2] });
    const pointer = toDlpackPointer(a, { versioned: true });
    expect(memoryStats().liveExports).toBe(1);
    const b = fromDlpackPointer(pointer, { versioned: true });
    expect(b.toArray()).toEqual([
      [5, 6],
      [7, 8],
    ]);
    b.set(0, 0, 50);
    expect(a.get(0, 0)).toBe(50);
  });
});
