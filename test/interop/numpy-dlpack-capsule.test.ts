// DLPack capsules between ndinterop and real NumPy (pybridge fixture): the
// capsule objects of include/ndinterop/ndinterop.h carry NumPy's own exports
// into fromDlpack, ndinterop's toDlpack capsules into np.from_dlpack, and
// fromDlpack negotiates with NumPy's __dlpack__ itself (maxVersion, copy,
// device). Capsules are consumed once; unconsumed ones free their tensor.
import { describe, expect, it } from 'vitest';
import { BufferError, DLPackCapsule, fromDlpack, memoryStats, NDArray, toDlpack, toDlpackPointer } from '../../src/index.js';
import { withPyBridge, type PyBridge } from '../helpers/pybridge.js';

// ndinterop's address of element 0 of `a`, read from a re-export.
function ndinteropAddress(py: PyBridge, a: NDArray): bigint {
  const pointer = toDlpackPointer(a, { versioned: true });
  const described = py.describeTensor(pointer, true);
  py.callDeleter(pointer, true);
  return described.data! + described.byteOffset!;
}

withPyBridge('DLPack capsules between ndinterop and NumPy', (py) => {
  describe("fromDlpack with NumPy's __dlpack__ as the producer", () => {
    it('negotiates a versioned tensor: zero-copy, writeable, writes seen by NumPy', () => {
      py.exec("cap_src = np.arange(12, dtype='f8').reshape(3, 4)[:, ::-2]");
      const a = fromDlpack(py.numpyProducer('cap_src'));
      expect(a.toArray()).toEqual(py.eval('cap_src.tolist()'));
      expect(a.readonly).toBe(false);
      expect(ndinteropAddress(py, a)).toBe(py.dataAddress('cap_src'));
      a.set(2, 1, -5);
      expect(py.eval('float(cap_src[2, 1])')).toBe(-5);
    });

    it('imports a read-only NumPy array read-only', () => {
      py.exec('cap_ro = np.arange(3.0); cap_ro.flags.writeable = False');
      const a = fromDlpack(py.numpyProducer('cap_ro'));
      expect(a.readonly).toBe(true);
      expect(a.toArray()).toEqual([0, 1, 2]);
    });

    it('passes copy: true on to NumPy, which exports a fresh copy', () => {
      py.exec("cap_copied = np.arange(4, dtype='i4')");
      const a = fromDlpack(py.numpyProducer('cap_copied'), { copy: true });
      expect(a.copied).toBe(true);
      expect(ndinteropAddress(py, a)).not.toBe(py.dataAddress('cap_copied'));
      a.set(0, 99);
      expect(py.eval('cap_copied.tolist()')).toEqual([0, 1, 2, 3]);
    });

    it("accepts device: 'cpu' (NumPy is asked for dl_device (1, 0))", () => {
      const a = fromDlpack(py.numpyProducer("np.ones(2, 'f4')"), { device: 'cpu' });
      expect(a.device).toEqual([1, 0]);
      expect(a.toArray()).toEqual([1, 1]);
    });

    it("surfaces NumPy's refusal as NumPy's BufferError", () => {
      expect(() => fromDlpack(py.numpyProducer("np.zeros(2, '>f8')"))).toThrow(
        'BufferError: DLPack only supports native byte order.',
      );
    });
  });

  describe("NumPy's capsules in ndinterop", () => {
    it('takes a legacy capsule: renamed used_dltensor, same memory, read-only', () => {
      py.exec("cap_legacy = np.arange(6, dtype='u2').reshape(2, 3).T");
      const capsule = new DLPackCapsule(py.capsuleFromNumpy('cap_legacy', { maxVersion: null }));
      expect(capsule.name).toBe('dltensor');
      const a = fromDlpack(capsule);
      expect(capsule.name).toBe('used_dltensor');
      expect(a.readonly).toBe(true);
      expect(a.toArray()).toEqual(py.eval('cap_legacy.tolist()'));
      expect(ndinteropAddress(py, a)).toBe(py.dataAddress('cap_legacy'));
    });

    it('takes a versioned capsule object directly (without the DLPackCapsule wrapper)', () => {
      py.exec("cap_versioned = np.arange(3, dtype='c8') * (1 + 2j)");
      const a = fromDlpack(py.capsuleFromNumpy('cap_versioned', { maxVersion: [1, 0] }));
      expect(a.toArray()).toEqual([
        { re: 0, im: 0 },
        { re: 1, im: 2 },
        { re: 2, im: 4 },
      ]);
      expect(a.readonly).toBe(false);
    });

    it('releases the NumPy array when an unconsumed capsule is collected', async () => {
      py.exec('cap_unused = np.zeros(8); cap_unused_watch = weakref.finalize(cap_unused, lambda: None)');
      let capsule: object | null = py.capsuleFromNumpy('cap_unused', { maxVersion: [1, 0] });
      py.exec('del cap_unused');
      await py.collectGarbage();
      expect(py.eval('cap_unused_watch.alive')).toBe(true);
      expect(capsule).not.toBeNull();
      capsule = null;
      await py.collectGarbage();
      expect(py.eval('cap_unused_watch.alive')).toBe(false);
    });

    it('releases the NumPy array at once when an unconsumed capsule is disposed, and only then', () => {
      py.exec('cap_disposed = np.zeros(8); cap_disposed_watch = weakref.finalize(cap_disposed, lambda: None)');
      const capsule = new DLPackCapsule(py.capsuleFromNumpy('cap_disposed', { maxVersion: null }));
      py.exec('del cap_disposed; gc.collect()');
      expect(py.eval('cap_disposed_watch.alive')).toBe(true);
      capsule[Symbol.dispose]();
      expect(py.eval('cap_disposed_watch.alive')).toBe(false);
      expect(capsule.name).toBe('used_dltensor');
      expect(() => fromDlpack(capsule)).toThrow(BufferError);
    });
  });

  describe("ndinterop's capsules in NumPy", () => {
    it('hands a versioned toDlpack capsule to np.from_dlpack: used once, same memory, writeable', () => {
      const a = new NDArray({ buffer: new Float32Array([1, 2, 3, 4, 5, 6]), dtype: 'float32', shape: [2, 3] });
      const capsule = toDlpack(a, { maxVersion: [1, 0] });
      py.capsuleToNumpy(capsule.handle, 'from_js');
      expect(capsule.name).toBe('used_dltensor_versioned');
      expect(py.eval('from_js.tolist()')).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(py.dataAddress('from_js')).toBe(ndinteropAddress(py, a));
      expect(py.eval('from_js.flags.writeable')).toBe(true);
      py.exec('from_js[1, 2] = 60');
      expect(a.get(1, 2)).toBe(60);
      py.exec('del from_js');
    });

    it('hands a legacy capsule (NDArray.__dlpack__ without maxVersion) read-only', () => {
      const a = new NDArray({ buffer: new Int8Array([-1, 0, 1]), dtype: 'int8', shape: [3] });
      const capsule = a.__dlpack__();
      expect(capsule.name).toBe('dltensor');
      py.capsuleToNumpy(capsule.handle, 'from_js_legacy');
      expect(py.eval('from_js_legacy.tolist()')).toEqual([-1, 0, 1]);
      expect(py.eval('from_js_legacy.flags.writeable')).toBe(false);
      py.exec('del from_js_legacy');
    });

    it('refuses a consumed capsule and a non-capsule', () => {
      const a = new NDArray({ buffer: new Float64Array(2), dtype: 'float64', shape: [2] });
      const capsule = toDlpack(a, { maxVersion: [1, 0] });
      py.capsuleToNumpy(capsule.handle, 'once');
      expect(() => py.capsuleToNumpy(capsule.handle, 'twice')).toThrow('the capsule was already consumed');
      expect(() => py.capsuleToNumpy({}, 'never')).toThrow(TypeError);
      expect(() => py.capsuleToNumpy({}, 'never')).toThrow('expected an ndinterop capsule object (DLPackCapsule.handle)');
      py.exec('del once');
    });

    it('frees a tensor NumPy refuses (bfloat16) once taken from the capsule', async () => {
      await py.collectGarbage();
      const before = memoryStats();
      const a = new NDArray({ buffer: new Uint16Array([0x3f80]), dtype: 'bfloat16', shape: [1] });
      const capsule = toDlpack(a, { maxVersion: [1, 0] });
      expect(() => py.capsuleToNumpy(capsule.handle, 'refused')).toThrow('Unsupported dtype in DLTensor.');
      expect(capsule.consumed).toBe(true);
      await py.collectGarbage();
      expect(memoryStats()).toEqual(before);
    });

    it('releases the export once NumPy drops the array, and memoryStats returns to where it was', async () => {
      await py.collectGarbage();
      const before = memoryStats();
      py.capsuleToNumpy(toDlpack(new NDArray({ buffer: new Uint8Array(16), dtype: 'uint8', shape: [4, 4] })).handle, 'held');
      await py.collectGarbage();
      expect(memoryStats().liveExports).toBe(before.liveExports + 1);
      expect(py.eval('int(held.sum())')).toBe(0);
      py.exec('del held');
      await py.collectGarbage();
      expect(memoryStats()).toEqual(before);
    });
  });
});
