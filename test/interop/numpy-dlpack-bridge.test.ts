// The pybridge fixture on its own (no ndinterop): embedded NumPy, value
// conversion, and DLPack tensors taken out of NumPy and handed back to NumPy
// through the bridge's capsules, with deleters counted. The cross tests with
// ndinterop (numpy-dlpack.test.ts) rely on every rule checked here.
import { expect, it } from 'vitest';
import { isPythonError, withPyBridge, type PyBridge } from '../helpers/pybridge.js';

function pythonErrorOf(action: () => unknown): { type: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isPythonError(error)) return { type: error.pythonType, message: error.pythonMessage };
    throw error;
  }
  throw new Error('expected a Python exception, none was raised');
}

// Exports `expression` from NumPy and wraps it in a counting proxy.
function trackedExport(py: PyBridge, expression: string, maxVersion: [number, number] | null) {
  const exported = py.exportFromNumpy(expression, { maxVersion });
  const tracked = py.trackDeleter(exported.pointer, exported.versioned);
  return { ...exported, pointer: tracked.pointer, tracker: tracked.tracker };
}

withPyBridge('pybridge: the embedded interpreter', (py) => {
  it('runs the python3 the build probed, with NumPy imported as np', () => {
    expect(py.eval('sys.version.split()[0]')).toBe(py.pythonVersion);
    expect(py.eval('np.__version__')).toBe(py.numpyVersion);
  });

  it('keeps one namespace across exec and eval calls', () => {
    py.exec('bridge_counter = 40');
    py.exec('bridge_counter += 2');
    expect(py.eval('bridge_counter')).toBe(42);
  });

  it('converts Python values to JS', () => {
    expect(py.eval('None')).toBeNull();
    expect(py.eval('(True, False)')).toEqual([true, false]);
    expect(py.eval('[1, -2.5, "héllo", b"\\x00\\xff"]')).toEqual([1, -2.5, 'héllo', new Uint8Array([0, 255])]);
    expect(py.eval('{"a": {"b": [1, 2]}}')).toEqual({ a: { b: [1, 2] } });
    expect(py.eval('complex(1.5, -2)')).toEqual({ re: 1.5, im: -2 });
    expect(py.eval('float("nan")')).toBeNaN();
  });

  it('turns ints beyond 2**53 into bigints, and all ints with { bigint: true }', () => {
    expect(py.eval('2**53 - 1')).toBe(9007199254740991);
    expect(py.eval('2**53')).toBe(9007199254740992n);
    expect(py.eval('-2**63')).toBe(-9223372036854775808n);
    expect(py.eval('2**64 - 1')).toBe(18446744073709551615n);
    expect(py.eval('7', { bigint: true })).toBe(7n);
  });

  it('converts NumPy arrays and scalars through tolist()', () => {
    expect(py.eval("np.arange(6, dtype='f4').reshape(2, 3)[:, ::-1]")).toEqual([
      [2, 1, 0],
      [5, 4, 3],
    ]);
    expect(py.eval("np.array([2**63 - 1, -1], dtype='i8')", { bigint: true })).toEqual([9223372036854775807n, -1n]);
    expect(py.eval('np.float32(0.1)')).toBe(Math.fround(0.1));
    expect(py.eval('np.complex64(1+2j)')).toEqual({ re: 1, im: 2 });
    expect(py.eval('np.bool_(True)')).toBe(true);
  });

  it('converts JS values to Python with set()', () => {
    py.set('from_js', [1, 2n, 'x', true, null, { k: new Uint8Array([1, 2]) }]);
    expect(py.eval('[type(v).__name__ for v in from_js]')).toEqual(['float', 'int', 'str', 'bool', 'NoneType', 'dict']);
    expect(py.eval("from_js[5]['k'] == b'\\x01\\x02'")).toBe(true);
    py.set('big', 2n ** 64n - 1n);
    expect(py.eval('big == 2**64 - 1')).toBe(true);
  });

  it('raises Python exceptions as JS errors carrying the Python type and message', () => {
    expect(pythonErrorOf(() => py.exec('1 / 0'))).toEqual({ type: 'ZeroDivisionError', message: 'division by zero' });
    expect(() => py.eval('undefined_name_xyz')).toThrow("NameError: name 'undefined_name_xyz' is not defined");
    expect(pythonErrorOf(() => py.exec('def broken(:'))).toMatchObject({ type: 'SyntaxError' });
  });

  it('rejects values it cannot convert, saying what it expected', () => {
    expect(() => py.eval('object()')).toThrow(TypeError);
    expect(() => py.eval('object()')).toThrow(
      'cannot convert a Python object to JS: expected None, bool, int, float, complex, str, bytes, list, tuple, dict or an object with tolist()',
    );
    expect(() => py.eval('{1: 2}')).toThrow('expected dict keys of type str, got a key of type int');
    expect(() => py.eval('2**64')).toThrow(RangeError);
    expect(() => py.set('f', (() => 1) as unknown as null)).toThrow(TypeError);
    expect(() => py.set('deep', 2n ** 64n)).toThrow(RangeError);
  });
});

withPyBridge('pybridge: taking tensors out of NumPy', (py) => {
  it("describes the struct NumPy exports: element strides, NumPy's address, version 1.0", () => {
    py.exec("src = np.arange(24, dtype='f4').reshape(2, 3, 4)[:, ::-1, ::2]");
    const exported = py.exportFromNumpy('src', { maxVersion: [1, 3] });
    const described = py.describeTensor(exported.pointer, exported.versioned);
    expect(exported.versioned).toBe(true);
    expect(exported.dataAddress).toBe(py.dataAddress('src'));
    expect(described).toMatchObject({
      version: [1, 0],
      flags: 0n,
      hasDeleter: true,
      byteOffset: 0n,
      device: [1, 0],
      dtype: { code: 2, bits: 32, lanes: 1 },
      ndim: 3,
      shape: py.eval('list(src.shape)'),
      strides: py.eval('[s // src.itemsize for s in src.strides]'),
    });
    py.callDeleter(exported.pointer, true);
  });

  it('gets a legacy capsule without max_version and a versioned one with major >= 1', () => {
    for (const [maxVersion, versioned] of [
      [undefined, false],
      [null, false],
      [[0, 8], false],
      [[1, 0], true],
      [[2, 0], true],
    ] as const) {
      const exported = py.exportFromNumpy('np.zeros(3)', maxVersion === undefined ? {} : { maxVersion });
      expect(exported.versioned).toBe(versioned);
      expect(py.describeTensor(exported.pointer, exported.versioned).version).toEqual(versioned ? [1, 0] : null);
      py.callDeleter(exported.pointer, exported.versioned);
    }
  });

  it('sees the read-only flag of a read-only array, and the copied flag of copy=True', () => {
    py.exec('ro = np.arange(4.0); ro.flags.writeable = False');
    const readonly = py.exportFromNumpy('ro', { maxVersion: [1, 0] });
    expect(py.describeTensor(readonly.pointer, true).flags).toBe(1n);
    py.callDeleter(readonly.pointer, true);
    const copied = py.exportFromNumpy('ro', { maxVersion: [1, 0], copy: true });
    expect(py.describeTensor(copied.pointer, true).flags).toBe(2n);
    expect(copied.dataAddress).not.toBe(py.dataAddress('ro'));
    py.callDeleter(copied.pointer, true);
  });

  it("forwards NumPy's refusals as Python errors", () => {
    expect(pythonErrorOf(() => py.exportFromNumpy('ro'))).toEqual({
      type: 'BufferError',
      message:
        'Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).',
    });
    expect(pythonErrorOf(() => py.exportFromNumpy("np.zeros(2, '>i4')", { maxVersion: [1, 0] }))).toEqual({
      type: 'BufferError',
      message: 'DLPack only supports native byte order.',
    });
    expect(pythonErrorOf(() => py.exportFromNumpy('np.zeros(2)', { stream: 1 }))).toMatchObject({
      message: 'NumPy only supports stream=None.',
    });
    expect(pythonErrorOf(() => py.exportFromNumpy('[1, 2]'))).toMatchObject({ type: 'AttributeError' });
  });

  it('refuses a __dlpack__ that returns something other than a DLPack capsule', () => {
    py.exec('class NotAProducer:\n    def __dlpack__(self, **kw):\n        return 42');
    expect(pythonErrorOf(() => py.exportFromNumpy('NotAProducer()'))).toEqual({
      type: 'TypeError',
      message: '__dlpack__ returned a int, expected a PyCapsule',
    });
  });

  it('keeps the NumPy array alive until the deleter runs, then releases it once', () => {
    py.exec('held = np.arange(5.0); held_watch = weakref.finalize(held, lambda: None)');
    const exported = trackedExport(py, 'held', [1, 0]);
    py.exec('del held; gc.collect()');
    expect(py.eval('held_watch.alive')).toBe(true);
    py.callDeleter(exported.pointer, true);
    expect(py.deleterCalls(exported.tracker)).toBe(1);
    expect(py.eval('held_watch.alive')).toBe(false);
  });

  it("runs NumPy's deleter from another thread (it takes the GIL itself)", () => {
    for (const maxVersion of [null, [1, 0]] as const) {
      py.exec('threaded = np.ones((3, 3)); threaded_watch = weakref.finalize(threaded, lambda: None)');
      const exported = trackedExport(py, 'threaded', maxVersion === null ? null : [1, 0]);
      py.exec('del threaded');
      py.callDeleter(exported.pointer, exported.versioned, { onThread: true });
      expect(py.deleterCalls(exported.tracker)).toBe(1);
      expect(py.eval('threaded_watch.alive')).toBe(false);
    }
  });
});

withPyBridge('pybridge: handing tensors to NumPy through its capsules', (py) => {
  it('round-trips NumPy -> bridge -> NumPy on the same memory, writeable when versioned', () => {
    py.exec("orig = np.arange(12, dtype='i2').reshape(3, 4).T[::-1]");
    const exported = trackedExport(py, 'orig', [1, 0]);
    py.importToNumpy(exported.pointer, true, 'back');
    expect(py.dataAddress('back')).toBe(py.dataAddress('orig'));
    expect(py.eval('back.tolist() == orig.tolist() and back.strides == orig.strides')).toBe(true);
    expect(py.eval('back.flags.writeable')).toBe(true);
    py.exec('back[0, 0] = -7');
    expect(py.eval('int(orig[0, 0])')).toBe(-7);
    py.exec('del back; gc.collect()');
    expect(py.deleterCalls(exported.tracker)).toBe(1);
  });

  it('imports legacy tensors read-only, and versioned read-only tensors read-only', () => {
    const legacy = trackedExport(py, 'np.arange(3.0)', null);
    py.importToNumpy(legacy.pointer, false, 'legacy_back');
    expect(py.eval('legacy_back.flags.writeable')).toBe(false);
    py.exec('ro2 = np.arange(3.0); ro2.flags.writeable = False');
    const readonly = trackedExport(py, 'ro2', [1, 0]);
    py.importToNumpy(readonly.pointer, true, 'ro2_back');
    expect(py.eval('ro2_back.flags.writeable')).toBe(false);
    py.exec('del legacy_back, ro2_back; gc.collect()');
    expect([py.deleterCalls(legacy.tracker), py.deleterCalls(readonly.tracker)]).toEqual([1, 1]);
  });

  it('records how np.from_dlpack negotiated with the producer', () => {
    const exported = trackedExport(py, 'np.zeros(2)', [1, 0]);
    py.bindProducer(exported.pointer, true, 'producer');
    py.exec('taken = np.from_dlpack(producer)');
    expect(py.eval('producer.calls')).toEqual([{ stream: null, max_version: [1, 0], dl_device: null, copy: null }]);
    expect(py.eval('producer.__dlpack_device__()')).toEqual([1, 0]);
    py.exec('del taken, producer; gc.collect()');
    expect(py.deleterCalls(exported.tracker)).toBe(1);
  });

  it('frees an unconsumed capsule when its producer is dropped', () => {
    const exported = trackedExport(py, 'np.zeros(2)', [1, 0]);
    py.bindProducer(exported.pointer, true, 'unused_producer');
    expect(py.deleterCalls(exported.tracker)).toBe(0);
    py.exec('del unused_producer; gc.collect()');
    expect(py.deleterCalls(exported.tracker)).toBe(1);
  });

  it('refuses to hand a versioned tensor to a consumer asking for legacy, and still frees it once', () => {
    const exported = trackedExport(py, 'np.zeros(2)', [1, 0]);
    py.bindProducer(exported.pointer, true, 'picky');
    expect(pythonErrorOf(() => py.exec('picky.__dlpack__()'))).toEqual({
      type: 'BufferError',
      message: 'this producer holds a versioned (DLPack 1.x) tensor, but max_version=None',
    });
    py.exec('del picky; gc.collect()');
    expect(py.deleterCalls(exported.tracker)).toBe(1);
  });

  it('hands its capsule out once', () => {
    const exported = trackedExport(py, 'np.zeros(2)', [1, 0]);
    py.bindProducer(exported.pointer, true, 'once');
    py.exec('first = np.from_dlpack(once)');
    expect(pythonErrorOf(() => py.exec('np.from_dlpack(once)'))).toEqual({
      type: 'BufferError',
      message: 'this DLPackProducer already handed out its capsule',
    });
    py.exec('del first, once; gc.collect()');
    expect(py.deleterCalls(exported.tracker)).toBe(1);
  });

  it('owns the tensor once the arguments are valid, even when NumPy refuses it', () => {
    const exported = trackedExport(py, 'np.zeros(2)', [1, 0]);
    expect(() => py.importToNumpy(exported.pointer, true, 'refused', { device: 'cuda' })).toThrow(
      'ValueError: Device not understood. Only "cpu" is allowed, but received: cuda',
    );
    py.exec('gc.collect()');
    expect(py.deleterCalls(exported.tracker)).toBe(1);
  });

  it('moves a NumPy export through an ndinterop.h capsule object back into NumPy', () => {
    py.exec("via_capsule = np.arange(6, dtype='u1').reshape(2, 3)[::-1]");
    const capsule = py.capsuleFromNumpy('via_capsule', { maxVersion: [1, 0] });
    py.capsuleToNumpy(capsule, 'via_capsule_back');
    expect(py.dataAddress('via_capsule_back')).toBe(py.dataAddress('via_capsule'));
    expect(py.eval('via_capsule_back.tolist()')).toEqual([
      [3, 4, 5],
      [0, 1, 2],
    ]);
    expect(() => py.capsuleToNumpy(capsule, 'again')).toThrow('the capsule was already consumed');
    py.exec('del via_capsule, via_capsule_back');
  });

  it('rejects malformed pointer arguments before taking anything', () => {
    expect(() => py.importToNumpy(0n, true, 'x')).toThrow(RangeError);
    expect(() => py.importToNumpy(0n, true, 'x')).toThrow('expected a non-zero pointer-sized address');
    expect(() => py.describeTensor(1 as unknown as bigint, true)).toThrow('expected the managed tensor address as a bigint');
    expect(() => py.deleterCalls(1e9)).toThrow('unknown tracker id 1000000000');
  });
});
