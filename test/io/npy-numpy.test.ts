// .npy and .npz against NumPy, both directions: test/io/numpy_files.py writes
// one file per dtype/layout case with np.save (and archives with np.savez,
// np.savez_compressed) and says what np.load sees; ndinterop must load the
// same dtype, shape, strides and bytes. ndinterop then writes every array
// back; NumPy loads each with allow_pickle=False, and the .npy files must be
// byte-identical to np.save's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NDArray, NpzFile, load, loadAsync, save, savez, savezCompressed, toNpy } from '../../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'numpy_files.py');

function numpyAvailable(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const available = numpyAvailable();

interface NumpyCase {
  name: string;
  dtypeStr: string;
  descrRepr: string;
  shape: number[];
  strides: number[];
  fortran: boolean;
  hex: string;
}

interface Written {
  cases: NumpyCase[];
  npz: Record<string, { hex: string; dtypeStr: string; shape: number[] }>;
}

function cOrderHex(a: NDArray): string {
  const copy = a.copy();
  return Buffer.from(copy.buffer, copy.byteOffset, copy.nbytes).toString('hex');
}

describe.skipIf(!available)('.npy and .npz files against NumPy', () => {
  let directory = '';
  let written: Written;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'ndinterop-npy-'));
    written = JSON.parse(execFileSync('python3', [script, 'write', directory], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Written;
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('covers every case NumPy wrote', () => {
    expect(written.cases.length).toBe(47);
  });

  it('loads every file np.save wrote with the dtype, shape, strides and bytes np.load gives', () => {
    for (const expected of written.cases) {
      const a = load(join(directory, `${expected.name}.npy`)) as NDArray;
      expect(a, expected.name).toBeInstanceOf(NDArray);
      expect(a.dtype.str, expected.name).toBe(expected.dtypeStr);
      expect([...a.shape], expected.name).toEqual(expected.shape);
      if (a.size > 0) expect([...a.strides], expected.name).toEqual(expected.strides);
      expect(a.flags.fContiguous && !a.flags.cContiguous, expected.name).toBe(expected.fortran);
      expect(cOrderHex(a), expected.name).toBe(expected.hex);
      expect(a.readonly, expected.name).toBe(false);
    }
  });

  it('loads the same from bytes, asynchronously, and memory-mapped', async () => {
    for (const expected of written.cases) {
      const path = join(directory, `${expected.name}.npy`);
      const fromBytes = load(toNpy(load(path) as NDArray)) as NDArray;
      const fromAsync = (await loadAsync(path)) as NDArray;
      const mapped = load(path, { mmapMode: 'r' }) as NDArray;
      for (const a of [fromBytes, fromAsync, mapped]) {
        expect(a.dtype.str, expected.name).toBe(expected.dtypeStr);
        expect([...a.shape], expected.name).toEqual(expected.shape);
        expect(cOrderHex(a), expected.name).toBe(expected.hex);
      }
      expect(mapped.readonly).toBe(true);
    }
  });

  it('loads np.savez and np.savez_compressed archives member by member', () => {
    for (const archive of ['stored.npz', 'compressed.npz']) {
      const npz = load(join(directory, archive)) as NpzFile;
      expect(npz).toBeInstanceOf(NpzFile);
      expect([...npz.files].sort()).toEqual(Object.keys(written.npz).sort());
      for (const [name, expected] of Object.entries(written.npz)) {
        const a = npz.get(name);
        expect(a.dtype.str).toBe(expected.dtypeStr);
        expect([...a.shape]).toEqual(expected.shape);
        expect(cOrderHex(a)).toBe(expected.hex);
      }
      npz.close();
    }
    const positional = load(join(directory, 'positional.npz')) as NpzFile;
    expect(positional.files).toEqual(['arr_0', 'arr_1']);
    expect(positional.get('arr_1.npy').toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    positional.close();
  });

  it('writes files NumPy loads with allow_pickle=False, byte-identical to np.save', () => {
    for (const expected of written.cases) {
      const a = load(join(directory, `${expected.name}.npy`)) as NDArray;
      save(join(directory, `out-${expected.name}.npy`), a);
    }
    const base = new NDArray({ buffer: new ArrayBuffer(96), dtype: '>i4', shape: [2, 3, 4] });
    for (let i = 0; i < 24; i += 1) base.set(Math.floor(i / 12), Math.floor(i / 4) % 3, i % 4, i);
    save(join(directory, 'out-transposed.npy'), base.transpose(1, 0, 2));
    save(join(directory, 'out-strided.npy'), base.slice(':', '::2', '::-1'));
    const members = { first: load(join(directory, 'stored.npz')) as NpzFile };
    const arrays = Object.fromEntries(members.first);
    members.first.close();
    savez(join(directory, 'out-stored.npz'), arrays);
    savezCompressed(join(directory, 'out-compressed.npz'), arrays);

    const verdicts = JSON.parse(execFileSync('python3', [script, 'check', directory], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Record<
      string,
      { equal: boolean; identical?: boolean }
    >;
    for (const expected of written.cases) {
      expect(verdicts[expected.name], expected.name).toEqual({ equal: true, identical: true });
    }
    expect(verdicts.transposed).toEqual({ equal: true, identical: true });
    expect(verdicts.strided).toEqual({ equal: true, identical: true });
    expect(verdicts['out-stored.npz']!.equal).toBe(true);
    expect(verdicts['out-compressed.npz']!.equal).toBe(true);
  });
});

describe.skipIf(available)('.npy and .npz files against NumPy (skipped)', () => {
  it.skip('python3 with NumPy is not installed: the differential suite did not run', () => {});
});
