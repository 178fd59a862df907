// numpy/_core/tests/test_dlpack.py, ported: one case per pytest case.
import { expect } from 'vitest';
import { BufferError, NDArray, asarray, dtype, fromDlpack, toDlpack } from '../../src/index.js';
import { Port, raises } from './harness.js';
import { arange, assertArrayEqual, mayShareMemory } from './numpy-like.js';

const port = new Port('dlpack');
const T = 'TestDLPack::';

port.skip(`${T}test_dunder_dlpack_refcount`, 'Python reference counts (sys.getrefcount): no JS equivalent');
port.skip(`${T}test_from_dlpack_refcount`, 'Python reference counts (sys.getrefcount): no JS equivalent');
port.skip(`${T}test_dlpack_destructor_exception`, 'tests a Python exception raised while a capsule is alive: no JS equivalent (the capsule is collected, test/interop/dlpack-capsule.test.ts)');

// new_and_old_dlpack(): NumPy's array, and a subclass whose __dlpack__ ignores max_version (the legacy struct).
class OldDLPack {
  constructor(readonly inner: NDArray) {}
  __dlpack__(): unknown {
    return toDlpack(this.inner);
  }
  __dlpack_device__(): readonly [number, number] {
    return [1, 0];
  }
}
const newAndOld = (make: () => NDArray): [string, () => NDArray | OldDLPack][] => [
  ['arr0', make],
  ['arr1', () => new OldDLPack(make())],
];
const innerOf = (x: NDArray | OldDLPack): NDArray => (x instanceof OldDLPack ? x.inner : x);

port.case(`${T}test_dunder_dlpack_stream`, () => {
  const x = arange(5);
  x.__dlpack__({ stream: null });
  raises('RuntimeError', () => x.__dlpack__({ stream: 1 }));
});

port.case(`${T}test_dunder_dlpack_copy`, () => {
  const x = arange(5);
  x.__dlpack__({ copy: true });
  x.__dlpack__({ copy: null as never });
  x.__dlpack__({ copy: false });
  raises('ValueError', () => x.__dlpack__({ copy: asarray([1, 2, 3]) as never }));
});

port.case(`${T}test_strides_not_multiple_of_itemsize`, () => {
  // np.zeros(5, [('int', i4), ('char', i1)])['int']: int32 elements 5 bytes apart.
  const z = new NDArray({ buffer: new ArrayBuffer(25), dtype: 'int32', shape: [5], strides: [5] });
  raises('BufferError', () => fromDlpack(z));
});

const passthroughTypes = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'complex64', 'complex128'];
for (const [arrId, make] of newAndOld(() => arange(5))) {
  for (const name of passthroughTypes) {
    port.case(`${T}test_dtype_passthrough[${arrId}-${name}]`, () => {
      const source = make();
      const x = innerOf(source).astype(name);
      const y = fromDlpack(source instanceof OldDLPack ? new OldDLPack(x) : x);
      expect(y.dtype.equals(x.dtype)).toBe(true);
      assertArrayEqual(x, y);
    });
  }
}

port.case(`${T}test_invalid_dtype`, () => {
  const x = new NDArray({ buffer: new BigInt64Array([18774n]), dtype: 'M8[D]', shape: [] });
  raises('BufferError', () => fromDlpack(x));
});

port.case(`${T}test_invalid_byte_swapping`, () => {
  const dt = dtype('=i8').newByteOrder();
  const x = arange(5).astype(dt);
  raises('BufferError', () => fromDlpack(x));
});

port.case(`${T}test_non_contiguous`, () => {
  const x = arange(25).reshape([5, 5]);
  const y1 = x.slice(0);
  assertArrayEqual(y1, fromDlpack(y1));
  const y2 = x.slice(':', 0);
  assertArrayEqual(y2, fromDlpack(y2));
  const y3 = x.slice(1, ':');
  assertArrayEqual(y3, fromDlpack(y3));
  const y4 = x.slice(1);
  assertArrayEqual(y4, fromDlpack(y4));
  // np.diagonal(x).copy()
  const y5 = new NDArray({ buffer: x.buffer, byteOffset: x.byteOffset, dtype: x.dtype, shape: [5], strides: [48] }).copy();
  assertArrayEqual(y5, fromDlpack(y5));
});

for (let ndim = 0; ndim < 33; ndim++) {
  port.case(`${T}test_higher_dims[${ndim}]`, () => {
    const shape = new Array<number>(ndim).fill(1);
    const x = new NDArray({ buffer: new Float64Array(1), dtype: 'float64', shape });
    expect(fromDlpack(x).shape).toEqual(shape);
  });
}

port.case(`${T}test_dlpack_device`, () => {
  const x = arange(5);
  expect(x.__dlpack_device__()).toEqual([1, 0]);
  const y = fromDlpack(x);
  expect(y.__dlpack_device__()).toEqual([1, 0]);
  const z = y.slice('::2');
  expect(z.__dlpack_device__()).toEqual([1, 0]);
});

port.case(`${T}test_readonly`, () => {
  const x = new NDArray({ buffer: new BigInt64Array([0n, 1n, 2n, 3n, 4n]), dtype: 'int64', shape: [5], readonly: true });
  // Raises without max_version
  raises('BufferError', () => x.__dlpack__());
  // But works fine if we try with version
  const y = fromDlpack(x);
  expect(y.flags.writeable).toBe(false);
});

port.case(`${T}test_writeable`, () => {
  const [[, makeNew], [, makeOld]] = newAndOld(() => arange(5));
  // new dlpacks respect writeability
  expect(fromDlpack(makeNew() as NDArray).flags.writeable).toBe(true);
  // old dlpacks are not writeable for backwards compatibility
  expect(fromDlpack(makeOld() as OldDLPack).flags.writeable).toBe(false);
});

port.case(`${T}test_ndim0`, () => {
  const x = asarray(1.0, { dtype: 'float64' });
  const y = fromDlpack(x);
  assertArrayEqual(x, y);
});

port.case(`${T}test_size1dims_arrays`, () => {
  // np.ndarray(dtype='f8', shape=(10, 5, 1), strides=(8, 80, 4), buffer=np.ones(1000, np.uint8), order='F')
  const x = new NDArray({ buffer: new Uint8Array(1000).fill(1), dtype: 'float64', shape: [10, 5, 1], strides: [8, 80, 4] });
  const y = fromDlpack(x);
  assertArrayEqual(x, y);
});

port.case(`${T}test_copy`, () => {
  const x = arange(5);
  let y = fromDlpack(x);
  expect(mayShareMemory(x, y)).toBe(true);
  y = fromDlpack(x, { copy: false });
  expect(mayShareMemory(x, y)).toBe(true);
  y = fromDlpack(x, { copy: true });
  expect(mayShareMemory(x, y)).toBe(false);
});

port.case(`${T}test_device`, () => {
  const x = arange(5);
  // requesting (1, 0), i.e. CPU device works in both calls:
  x.__dlpack__({ dlDevice: [1, 0] });
  fromDlpack(x, { device: 'cpu' });
  fromDlpack(x, { device: null });
  raises('BufferError', () => x.__dlpack__({ dlDevice: [10, 0] }));
  raises('ValueError', () => fromDlpack(x, { device: 'gpu' as never }));
});

port.run();
void BufferError;
