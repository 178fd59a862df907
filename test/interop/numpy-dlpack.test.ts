// DLPack between ndinterop and real NumPy, in-process through the pybridge
// fixture: NumPy -> ndinterop and back, every dtype NumPy exchanges, 0-d,
// size-0, transposed, sliced, negative-stride and broadcast (zero-stride)
// views, read-only arrays, both protocol versions. Checks values (NumPy's own
// view of its own data is the expected value), shared addresses, read-only
// flags, and that each side's memory is released once the other drops it.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromDlpackPointer, memoryStats, NDArray, toDlpackPointer } from '../../src/index.js';
import { withPyBridge, type PyBridge, type PyValue } from '../helpers/pybridge.js';

const dtypes = [
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'complex64',
  'complex128',
] as const;
type ExchangedDType = (typeof dtypes)[number];

// ndinterop reads 64-bit integers as bigint; ask the bridge for the same.
const asBigInt = (dtype: ExchangedDType) => ({ bigint: dtype === 'int64' || dtype === 'uint64' });

// Views of `x`, a 24-element base array. `view` is how NumPy makes it; shape,
// element strides and element offset describe the same view by hand (checked
// against NumPy below) so ndinterop can build it over its own memory.
interface Layout {
  name: string;
  view: string;
  shape: number[];
  strides: number[];
  offset: number;
}
const layouts: Layout[] = [
  { name: 'C-contiguous', view: 'x.reshape(4, 6)', shape: [4, 6], strides: [6, 1], offset: 0 },
  { name: '0-d', view: 'x[7:8].reshape(())', shape: [], strides: [], offset: 7 },
  { name: 'size-0', view: 'x.reshape(4, 6)[2:2]', shape: [0, 6], strides: [6, 1], offset: 0 },
  { name: 'transposed', view: 'x.reshape(4, 6).T', shape: [6, 4], strides: [1, 6], offset: 0 },
  { name: 'sliced', view: 'x.reshape(4, 6)[1:3, 1::2]', shape: [2, 3], strides: [6, 2], offset: 7 },
  { name: 'negative-stride', view: 'x.reshape(4, 6)[::-1, ::-2]', shape: [4, 3], strides: [-6, -2], offset: 23 },
  {
    name: 'broadcast (zero stride)',
    view: 'np.lib.stride_tricks.as_strided(x[:6], shape=(3, 6), strides=(0, x.itemsize))',
    shape: [3, 6],
    strides: [0, 1],
    offset: 0,
  },
  {
    name: '3-d, mixed strides',
    view: 'x.reshape(2, 3, 4).transpose(2, 0, 1)[::-1, :, 1:]',
    shape: [4, 2, 2],
    strides: [-1, 12, 4],
    offset: 7,
  },
];

const protocols = [
  { name: 'DLPack 1.x (versioned)', versioned: true, maxVersion: [1, 3] as [number, number] },
  { name: 'legacy DLPack', versioned: false, maxVersion: null },
] as const;

// A value to write through one side and read through the other.
function sentinel(dtype: ExchangedDType): unknown {
  if (dtype === 'bool') return true;
  if (dtype === 'int64' || dtype === 'uint64') return 101n;
  if (dtype.startsWith('complex')) return { re: 2.5, im: -1 };
  if (dtype.startsWith('float')) return 2.5;
  return 101;
}

const lastIndex = (shape: readonly number[]) => shape.map((n) => n - 1);
const pyIndex = (index: readonly number[]) => (index.length === 0 ? '()' : `(${index.join(', ')},)`);
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

// The base data of every case: a spread of values with the edges of each
// dtype (negative zero, inf, nan, integer extremes). Runs in the bridge.
const baseFactory = `
def dl_base(dtype):
    dt = np.dtype(dtype)
    i = np.arange(24)
    if dt.kind == 'b':
        return i % 3 == 0
    if dt.kind in 'iu':
        info = np.iinfo(dt)
        x = (np.arange(24, dtype=dt) - dt.type(12 if dt.kind == 'i' else 0)) * dt.type(int(info.max) // 23)
        x[0], x[23] = info.min, info.max
        return x
    values = (i - 12) / 4
    values[0], values[5], values[9] = -0.0, np.inf, np.nan
    if dt.kind == 'c':
        values = values + 1j * (i / 8)
    return values.astype(dt)
`;

function ndinteropView(py: PyBridge, dtype: ExchangedDType, layout: Layout, options: { readonly?: boolean } = {}): NDArray {
  const values = py.eval(`dl_base('${dtype}').tolist()`, asBigInt(dtype)) as PyValue[];
  const base = new NDArray({ buffer: new ArrayBuffer(24 * itemsizeOf(dtype)), dtype, shape: [24] });
  values.forEach((value, i) => base.set(i, value));
  const itemsize = base.itemsize;
  return new NDArray({
    buffer: base.buffer,
    dtype,
    shape: layout.shape,
    strides: layout.strides.map((stride) => stride * itemsize),
    byteOffset: layout.offset * itemsize,
    readonly: options.readonly ?? false,
  });
}

function itemsizeOf(dtype: ExchangedDType): number {
  const bits = /(\d+)$/.exec(dtype);
  return bits ? Number(bits[1]) / 8 : 1;
}

withPyBridge('DLPack with real NumPy', (py) => {
  beforeAll(() => py.exec(baseFactory));

  it('the layout table describes the views NumPy makes', () => {
    py.exec("x = np.arange(24.0)");
    for (const layout of layouts) {
      py.exec(`v = ${layout.view}`);
      expect(py.eval('list(v.shape)'), layout.name).toEqual(layout.shape);
      expect(py.eval('[s // v.itemsize for s in v.strides]'), layout.name).toEqual(layout.strides);
      expect(py.eval('(pybridge.data_address(v) - pybridge.data_address(x)) // x.itemsize'), layout.name).toBe(
        layout.offset,
      );
    }
    py.exec('del x, v');
  });

  for (const protocol of protocols) {
    describe(`NumPy -> ndinterop, ${protocol.name}`, () => {
      for (const dtype of dtypes) {
        it.each(layouts)(`${dtype}, $name: same memory, same values, ${protocol.versioned ? 'writeable' : 'read-only'}`, (layout) => {
          py.exec(`x = dl_base('${dtype}'); v = ${layout.view}`);
          const exported = py.exportFromNumpy('v', { maxVersion: protocol.maxVersion });
          expect(exported.versioned).toBe(protocol.versioned);
          expect(exported.dataAddress).toBe(py.dataAddress('v'));
          const a = fromDlpackPointer(exported.pointer, { versioned: protocol.versioned });
          expect(a.dtype.name).toBe(dtype);
          expect(a.shape).toEqual(layout.shape);
          if (size(layout.shape) > 0) expect(a.strides).toEqual(py.eval('list(v.strides)'));
          expect(a.toArray()).toEqual(py.eval('v.tolist()', asBigInt(dtype)));
          // NumPy's rule: legacy tensors carry no read-only flag, so they import read-only.
          expect(a.readonly).toBe(!protocol.versioned);
          if (size(layout.shape) > 0) {
            const index = lastIndex(layout.shape);
            const reexported = toDlpackPointer(a, { versioned: true });
            const described = py.describeTensor(reexported, true);
            expect(described.data! + described.byteOffset!).toBe(py.dataAddress('v'));
            py.callDeleter(reexported, true);
            if (protocol.versioned) {
              a.set(...index, sentinel(dtype));
              expect(py.eval(`v[${pyIndex(index)}].item()`, asBigInt(dtype))).toEqual(sentinel(dtype));
            }
          }
          py.exec('del x, v');
        });
      }

      it('imports a read-only NumPy array read-only', () => {
        py.exec('ro = np.arange(6.0).reshape(2, 3); ro.flags.writeable = False');
        if (!protocol.versioned) {
          expect(() => py.exportFromNumpy('ro', { maxVersion: null })).toThrow(
            'BufferError: Cannot export readonly array since signalling readonly is unsupported by DLPack',
          );
          return;
        }
        const exported = py.exportFromNumpy('ro', { maxVersion: protocol.maxVersion });
        const a = fromDlpackPointer(exported.pointer, { versioned: true });
        expect(a.readonly).toBe(true);
        expect(a.flags.writeable).toBe(false);
        expect(() => a.set(0, 0, 1)).toThrow();
        expect(py.eval('ro.tolist()')).toEqual([
          [0, 1, 2],
          [3, 4, 5],
        ]);
      });
    });

    describe(`ndinterop -> NumPy, ${protocol.name}`, () => {
      for (const dtype of dtypes) {
        it.each(layouts)(`${dtype}, $name: same memory, same values, ${protocol.versioned ? 'writeable' : 'read-only'}`, (layout) => {
          const a = ndinteropView(py, dtype, layout);
          const pointer = toDlpackPointer(a, { versioned: protocol.versioned });
          const described = py.describeTensor(pointer, protocol.versioned);
          py.importToNumpy(pointer, protocol.versioned, 'w');
          py.exec(`x = dl_base('${dtype}'); expected = ${layout.view}`);
          expect(py.eval('w.dtype == expected.dtype and w.shape == expected.shape')).toBe(true);
          expect(py.eval('w.tolist()', asBigInt(dtype))).toEqual(py.eval('expected.tolist()', asBigInt(dtype)));
          // NumPy's rule: legacy imports are read-only.
          expect(py.eval('w.flags.writeable')).toBe(protocol.versioned);
          if (size(layout.shape) > 0) {
            expect(py.dataAddress('w')).toBe(described.data! + described.byteOffset!);
            expect(py.eval('list(w.strides)')).toEqual(layout.strides.map((s) => s * a.itemsize));
            if (protocol.versioned) {
              const index = lastIndex(layout.shape);
              py.set('written', sentinel(dtype) as never);
              py.exec(`w[${pyIndex(index)}] = ${dtype.startsWith('complex') ? "complex(written['re'], written['im'])" : 'written'}`);
              expect(a.get(...index)).toEqual(sentinel(dtype));
            }
          }
          py.exec('del w, x, expected');
        });
      }

      it('exports a read-only array read-only (versioned) or refuses it as NumPy does (legacy)', () => {
        const a = ndinteropView(py, 'float64', layouts[0]!, { readonly: true });
        if (!protocol.versioned) {
          expect(() => toDlpackPointer(a, { versioned: false })).toThrow(
            'Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).',
          );
          return;
        }
        const pointer = toDlpackPointer(a, { versioned: true });
        expect(py.describeTensor(pointer, true).flags).toBe(1n);
        py.importToNumpy(pointer, true, 'w_ro');
        expect(py.eval('w_ro.flags.writeable')).toBe(false);
        expect(() => py.exec('w_ro[0, 0] = 1')).toThrow('ValueError: assignment destination is read-only');
        py.exec('del w_ro');
      });
    });
  }
});
