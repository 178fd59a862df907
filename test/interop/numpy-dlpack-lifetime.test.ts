// Who releases what, between ndinterop and real NumPy (pybridge fixture):
// NumPy's array lives until JS drops the last view of it and is then released
// once; ndinterop's memory lives until NumPy drops its array and is then
// released once; chains (NumPy -> ndinterop -> NumPy) release the original
// only when both consumers are gone; refused tensors are freed at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromDlpackPointer, memoryStats, NDArray, toDlpackPointer } from '../../src/index.js';
import { withPyBridge, type PyBridge } from '../helpers/pybridge.js';

const dtypes = ['bool', 'int8', 'uint16', 'int32', 'uint64', 'float16', 'float32', 'float64', 'complex64', 'complex128'];
// Size-0 views last: an import of one holds no memory, so ndinterop hands it back at once.
const views = ['x', 'x[::-1]', 'x.reshape(4, 6).T', 'x.reshape(4, 6)[1:3, ::2]', 'x[3:4].reshape(())', 'x[2:2]'];
const isSizeZero = (view: string) => view === 'x[2:2]';

const protocols = [
  { name: 'DLPack 1.x (versioned)', versioned: true, maxVersion: [1, 3] as [number, number] },
  { name: 'legacy DLPack', versioned: false, maxVersion: null },
] as const;

const allFalse = (n: number) => Array.from({ length: n }, () => false);
// Per case, in importEveryCase's order: does the import keep NumPy's array?
const keptByImport = dtypes.flatMap(() => views.map((view) => !isSizeZero(view)));
const allTrue = (n: number) => Array.from({ length: n }, () => true);

// Imports every (dtype, view) case from NumPy; Python keeps only a weakref
// watch on each exported array, JS the views and a deleter tracker.
function importEveryCase(py: PyBridge, versioned: boolean, maxVersion: [number, number] | null) {
  const arrays: NDArray[] = [];
  const trackers: number[] = [];
  py.exec('watches = []');
  for (const dtype of dtypes) {
    for (const view of views) {
      py.exec(`x = (np.arange(24) % 7).astype('${dtype}'); v = ${view}; watches.append(weakref.finalize(v, lambda: None))`);
      const exported = py.exportFromNumpy('v', { maxVersion });
      const tracked = py.trackDeleter(exported.pointer, exported.versioned);
      trackers.push(tracked.tracker);
      arrays.push(fromDlpackPointer(tracked.pointer, { versioned }));
    }
  }
  py.exec('del x, v');
  return { arrays, trackers };
}

// Exports every case from ndinterop into NumPy arrays kept in `imported`
// (with NumPy's own copy of the expected values); JS keeps nothing but trackers.
function exportEveryCase(py: PyBridge, versioned: boolean): number[] {
  const trackers: number[] = [];
  py.exec('imported = []');
  for (const dtype of dtypes) {
    for (const view of views) {
      py.exec(`x = (np.arange(24) % 7).astype('${dtype}'); expected = ${view}`);
      const values = py.eval('x.tolist()', { bigint: dtype === 'uint64' }) as unknown[];
      const base = new NDArray({ buffer: new ArrayBuffer(24 * (py.eval('x.itemsize') as number)), dtype, shape: [24] });
      values.forEach((value, i) => base.set(i, value));
      py.exec(`offset, strides = (pybridge.data_address(expected) - pybridge.data_address(x)), list(expected.strides)`);
      const a = new NDArray({
        buffer: base.buffer,
        dtype,
        shape: py.eval('list(expected.shape)') as number[],
        strides: py.eval('strides') as number[],
        byteOffset: py.eval('offset') as number,
      });
      const tracked = py.trackDeleter(toDlpackPointer(a, { versioned }), versioned);
      trackers.push(tracked.tracker);
      py.importToNumpy(tracked.pointer, versioned, 'w');
      py.exec('imported.append((w, expected.copy()))');
    }
  }
  py.exec('del x, w, expected');
  return trackers;
}

withPyBridge('DLPack lifetimes between ndinterop and NumPy', (py) => {
  beforeAll(async () => {
    await py.collectGarbage();
  });

  for (const protocol of protocols) {
    describe(protocol.name, () => {
      it('releases each NumPy array exactly once, when JS drops its last view', async () => {
        const before = memoryStats();
        let imported: ReturnType<typeof importEveryCase> | null = importEveryCase(py, protocol.versioned, protocol.maxVersion);
        const count = imported.trackers.length;
        const { trackers } = imported;
        const kept = keptByImport.filter(Boolean).length;
        await py.collectGarbage();
        expect(py.eval('[w.alive for w in watches]')).toEqual(keptByImport);
        expect(memoryStats().liveImports).toBe(before.liveImports + kept);
        expect(trackers.map((t) => py.deleterCalls(t))).toEqual(keptByImport.map((alive) => (alive ? 0 : 1)));
        expect(imported.arrays.map((a) => a.size > 0)).toEqual(keptByImport);
        imported = null;
        await py.collectGarbage();
        expect(py.eval('[w.alive for w in watches]')).toEqual(allFalse(count));
        expect(trackers.map((t) => py.deleterCalls(t))).toEqual(Array(count).fill(1));
        expect(memoryStats()).toEqual(before);
      });

      it('keeps ndinterop memory alive while NumPy uses it, and releases it exactly once after', async () => {
        const before = memoryStats();
        const trackers = exportEveryCase(py, protocol.versioned);
        const count = trackers.length;
        await py.collectGarbage();
        // JS holds nothing now: only NumPy's arrays keep the exports alive, intact.
        expect(memoryStats().liveExports).toBe(before.liveExports + count);
        expect(py.eval('[np.array_equal(w, e) for w, e in imported]')).toEqual(allTrue(count));
        expect(trackers.map((t) => py.deleterCalls(t))).toEqual(Array(count).fill(0));
        py.exec('del imported');
        await py.collectGarbage();
        expect(trackers.map((t) => py.deleterCalls(t))).toEqual(Array(count).fill(1));
        expect(memoryStats()).toEqual(before);
      });

      it('releases a NumPy array re-exported to NumPy only when both consumers are gone', async () => {
        const before = memoryStats();
        py.exec("orig = np.arange(24, dtype='f4').reshape(4, 6)[::-1]; orig_watch = weakref.finalize(orig, lambda: None)");
        const exported = py.exportFromNumpy('orig', { maxVersion: protocol.maxVersion });
        let a: NDArray | null = fromDlpackPointer(exported.pointer, { versioned: protocol.versioned });
        // A legacy import is read-only, which only a versioned export can say.
        py.importToNumpy(toDlpackPointer(a, { versioned: true }), true, 'again');
        expect(py.dataAddress('again')).toBe(py.dataAddress('orig'));
        expect(py.eval('again.flags.writeable')).toBe(protocol.versioned);
        py.exec('del orig');
        a = null;
        await py.collectGarbage();
        expect(py.eval('orig_watch.alive')).toBe(true);
        expect(py.eval('again[0].tolist()')).toEqual([18, 19, 20, 21, 22, 23]);
        py.exec('del again');
        await py.collectGarbage();
        expect(py.eval('orig_watch.alive')).toBe(false);
        expect(memoryStats()).toEqual(before);
      });

      it("runs ndinterop's deleter from another thread", async () => {
        const before = memoryStats();
        const tracked = py.trackDeleter(
          toDlpackPointer(new NDArray({ buffer: new Float64Array(4), dtype: 'float64', shape: [4] }), {
            versioned: protocol.versioned,
          }),
          protocol.versioned,
        );
        expect(memoryStats().liveExports).toBe(before.liveExports + 1);
        py.callDeleter(tracked.pointer, protocol.versioned, { onThread: true });
        expect(py.deleterCalls(tracked.tracker)).toBe(1);
        await py.collectGarbage();
        expect(memoryStats()).toEqual(before);
      });

      it('frees a tensor NumPy refuses (bfloat16) at once, exactly once', async () => {
        const before = memoryStats();
        const a = new NDArray({ buffer: new Uint16Array([0x3f80, 0x4000]), dtype: 'bfloat16', shape: [2] });
        const tracked = py.trackDeleter(toDlpackPointer(a, { versioned: protocol.versioned }), protocol.versioned);
        expect(() => py.importToNumpy(tracked.pointer, protocol.versioned, 'refused')).toThrow('Unsupported dtype in DLTensor.');
        expect(py.deleterCalls(tracked.tracker)).toBe(1);
        await py.collectGarbage();
        expect(memoryStats()).toEqual(before);
      });
    });
  }
});
