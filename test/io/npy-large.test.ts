// Files over 4 GiB, as sparse files so the suite stays fast and small on
// disk: a .npy NumPy writes (header, then a hole) loads memory-mapped; an
// .npz ndinterop writes with a stored member over 4 GiB uses ZIP64, which
// Python's zipfile reads, and maps back.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { NDArray, NpzFile, dtype, load } from '../../src/index.js';
import { npyHeader } from '../../src/io/npy-format.js';
import { zipParts } from '../../src/io/zip.js';

function numpyAvailable(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const directory = mkdtempSync(join(tmpdir(), 'ndinterop-large-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// 2^29 + 3 float64 elements: 4 GiB + 24 bytes of data.
const count = 2 ** 29 + 3;
const dataBytes = count * 8;

describe.skipIf(!numpyAvailable())('files over 4 GiB (sparse)', () => {
  it('memory-maps a .npy of more than 4 GiB written by NumPy in O(1)', () => {
    const path = join(directory, 'big.npy');
    execFileSync('python3', [
      '-c',
      `
import numpy as np, sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, 'wb') as f:
    np.lib.format.write_array_header_1_0(f, {'descr': '<f8', 'fortran_order': False, 'shape': (count,)})
    start = f.tell()
    f.write(np.float64(1.5).tobytes())
    f.seek(start + (count - 1) * 8)
    f.write(np.float64(-2.25).tobytes())
m = np.load(path, mmap_mode='r')
assert m.shape == (count,) and m[0] == 1.5 and m[-1] == -2.25
`,
      path,
      String(count),
    ]);
    const a = load(path, { mmapMode: 'r' }) as NDArray;
    expect(a.shape).toEqual([count]);
    expect(a.nbytes).toBe(dataBytes);
    expect(a.get(0)).toBe(1.5);
    expect(a.get(count - 2)).toBe(0);
    expect(a.get(count - 1)).toBe(-2.25);
  });

  it('writes a ZIP64 .npz with a stored member over 4 GiB that zipfile and ndinterop read', () => {
    const path = join(directory, 'big.npz');
    // The member: the .npy header, then 4 GiB of zeros (left as a hole in the file) with 8 bytes of 7.0 at the end.
    const header = npyHeader(dtype('float64'), [count], false);
    const zeros = Buffer.alloc(64 << 20);
    const tail = Buffer.alloc(8);
    tail.writeDoubleLE(7, 0);
    const parts: Uint8Array[] = [header];
    let remaining = dataBytes - 8;
    while (remaining > 0) {
      const piece = Math.min(remaining, zeros.length);
      parts.push(piece === zeros.length ? zeros : zeros.subarray(0, piece));
      remaining -= piece;
    }
    parts.push(tail);
    const crc = parts.reduce((value, part) => crc32(part, value), 0);
    const size = header.byteLength + dataBytes;
    const archive = zipParts([{ name: 'big.npy', method: 0, crc, size, data: parts }]);
    // Write it sparse: the zero pieces become a hole.
    const fd = openSync(path, 'w');
    let position = 0;
    for (const part of archive) {
      if (part.buffer !== zeros.buffer) writeSync(fd, part, 0, part.byteLength, position);
      position += part.byteLength;
    }
    ftruncateSync(fd, position);
    closeSync(fd);

    const seen = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          `
import json, sys, zipfile, numpy as np
with zipfile.ZipFile(sys.argv[1]) as z:
    info = z.infolist()[0]
    with z.open(info) as f:
        version = np.lib.format.read_magic(f)
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
    print(json.dumps({'name': info.filename, 'size': info.file_size, 'compressed': info.compress_size, 'crc': info.CRC,
                      'shape': list(shape), 'descr': dtype.str}))
`,
          path,
        ],
        { encoding: 'utf8' },
      ),
    ) as { name: string; size: number; compressed: number; crc: number; shape: number[]; descr: string };
    expect(seen).toEqual({ name: 'big.npy', size, compressed: size, crc: crc >>> 0, shape: [count], descr: '<f8' });

    const npz = load(path, { mmapMode: 'r' }) as NpzFile;
    const a = npz.get('big');
    expect(a.shape).toEqual([count]);
    expect(a.get(count - 1)).toBe(7);
    expect(a.get(0)).toBe(0);
    npz.close();
  });
});
