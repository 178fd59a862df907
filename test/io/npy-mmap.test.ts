// Memory-mapped loads: np.load's mmap_mode semantics, the mapping counted in
// memoryStats() and unmapped once the last view is collected, and .npz
// members mapped where stored uncompressed and aligned.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NDArray, NpzFile, load, memoryStats, save, savez, savezCompressed, toMessage, toNpy, zeros } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import { collectGarbage } from '../helpers/gc.js';

const directory = mkdtempSync(join(tmpdir(), 'ndinterop-mmap-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function float64s(values: number[], shape = [values.length]): NDArray {
  return new NDArray({ buffer: Float64Array.from(values), dtype: 'float64', shape });
}

function fresh(name: string, a: NDArray): string {
  return save(join(directory, name), a);
}

describe("mmapMode 'r'", () => {
  it('maps the data read-only, with the values of the file', () => {
    const path = fresh('r.npy', float64s([1, 2, 3, 4, 5, 6], [2, 3]));
    const a = load(path, { mmapMode: 'r' }) as NDArray;
    expect(a.readonly).toBe(true);
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectError(() => a.set(0, 0, 9), TypeError, 'ERR_READONLY', /read-only|readonly/);
  });

  it('never changes the file, even through a raw TypedArray over the buffer (private pages, no crash)', () => {
    const path = fresh('raw.npy', float64s([1, 2]));
    const before = readFileSync(path);
    const a = load(path, { mmapMode: 'r' }) as NDArray;
    new Float64Array(a.buffer)[0] = 42;
    expect(readFileSync(path)).toEqual(before);
  });
});

describe("mmapMode 'r+' and 'c'", () => {
  it("'r+' writes reach the file", () => {
    const path = fresh('rplus.npy', float64s([1, 2, 3]));
    const a = load(path, { mmapMode: 'r+' }) as NDArray;
    expect(a.readonly).toBe(false);
    a.set(1, 20);
    expect((load(path) as NDArray).toArray()).toEqual([1, 20, 3]);
  });

  it("'c' writes stay in memory (copy-on-write)", () => {
    const path = fresh('cow.npy', float64s([1, 2, 3]));
    const a = load(path, { mmapMode: 'c' }) as NDArray;
    a.set(1, 20);
    expect(a.toArray()).toEqual([1, 20, 3]);
    expect((load(path) as NDArray).toArray()).toEqual([1, 2, 3]);
  });

  it('maps Fortran-order files as Fortran views, and empty arrays without a mapping', () => {
    const f = new NDArray({ buffer: Float64Array.of(1, 4, 2, 5, 3, 6), dtype: 'float64', shape: [2, 3], strides: [8, 16] });
    const a = load(fresh('fortran.npy', f), { mmapMode: 'r' }) as NDArray;
    expect(a.strides).toEqual([8, 16]);
    expect(a.toArray()).toEqual(f.toArray());
    const before = memoryStats().liveMappings;
    const empty = load(fresh('empty.npy', float64s([])), { mmapMode: 'r' }) as NDArray;
    expect(empty.shape).toEqual([0]);
    expect(empty.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(memoryStats().liveMappings).toBe(before);
  });
});

describe('mapping lifetime', () => {
  it('counts a mapping in memoryStats() and unmaps it once its last view is collected', async () => {
    const path = fresh('life.npy', float64s(Array.from({ length: 1000 }, (_, i) => i)));
    await collectGarbage();
    const before = memoryStats();
    let a: NDArray | undefined = load(path, { mmapMode: 'r' }) as NDArray;
    let view: NDArray | undefined = a.slice('10:20');
    expect(memoryStats().liveMappings).toBe(before.liveMappings + 1);
    expect(memoryStats().mappedBytes).toBe(before.mappedBytes + 8000);
    a = undefined;
    await collectGarbage();
    // The slice still holds the mapping.
    expect(memoryStats().liveMappings).toBe(before.liveMappings + 1);
    expect(view.get(0)).toBe(10);
    view = undefined;
    await collectGarbage();
    expect(memoryStats().liveMappings).toBe(before.liveMappings);
    expect(memoryStats().mappedBytes).toBe(before.mappedBytes);
  });

  it("is a SharedArrayBuffer that V8 does not count as external memory (no GC pressure from mapped pages)", () => {
    const path = fresh('large.npy', zeros([1e7]) as NDArray);
    const before = process.memoryUsage().external;
    const mapped = ['r', 'r+', 'c'].map((mmapMode) => load(path, { mmapMode: mmapMode as 'r' }) as NDArray);
    // 3 x 80 MB mapped; an ArrayBuffer would have added 240 MB here.
    expect(process.memoryUsage().external - before).toBeLessThan(1e6);
    for (const a of mapped) {
      expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(a.buffer.byteLength).toBe(8e7);
    }
  });

  it('is shared, not copied, when sent to another thread, and keeps its readonly flag', () => {
    const a = load(fresh('shared.npy', float64s([1, 2])), { mmapMode: 'r' }) as NDArray;
    const message = toMessage(a);
    expect(message.data).toBe(a.buffer);
    expect(message.transfer).toEqual([]);
    expect(message.readonly).toBe(true);
  });

  it('keeps the data valid after the file is deleted', () => {
    const path = fresh('deleted.npy', float64s([7, 8]));
    const a = load(path, { mmapMode: 'r' }) as NDArray;
    rmSync(path);
    expect(a.toArray()).toEqual([7, 8]);
  });
});

describe('memory-mapped .npz members', () => {
  it("maps stored members of ndinterop's archives (aligned to 64 bytes); reads compressed ones", () => {
    const arrays = { a: float64s([1, 2, 3]), b: float64s([4, 5]) };
    const stored = load(savez(join(directory, 'mapped.npz'), arrays), { mmapMode: 'r' }) as NpzFile;
    const before = memoryStats().liveMappings;
    const a = stored.get('a');
    expect(memoryStats().liveMappings).toBe(before + 1);
    expect(a.readonly).toBe(true);
    expect(a.toArray()).toEqual([1, 2, 3]);
    stored.close();
    expect(a.toArray()).toEqual([1, 2, 3]);

    const compressed = load(savezCompressed(join(directory, 'packed.npz'), arrays), { mmapMode: 'r' }) as NpzFile;
    const b = compressed.get('b');
    expect(memoryStats().liveMappings).toBe(before + 1);
    expect(b.toArray()).toEqual([4, 5]);
    compressed.close();
  });

  it('reads (does not map) stored members whose data is not aligned', () => {
    // A stored archive written with a 1-byte member first: Python-style, no alignment padding.
    const path = join(directory, 'unaligned.npz');
    const npy = toNpy(float64s([1, 2]));
    writeFileSync(path, handZip('a.npy', npy));
    const npz = load(path, { mmapMode: 'r' }) as NpzFile;
    const before = memoryStats().liveMappings;
    expect(npz.get('a').toArray()).toEqual([1, 2]);
    expect(memoryStats().liveMappings).toBe(before);
    npz.close();
  });
});

// One stored member without padding: local header, data, central directory, end record.
function handZip(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const crc = crc32Of(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

// CRC-32 (IEEE), bitwise: independent of the zlib the code under test uses.
function crc32Of(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
