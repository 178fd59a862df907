// __array_interface__ round trips, the pointer form's memory ownership, and
// every array-like asarray accepts through its converters.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { NDArray, arrayInterface, asarray, fromArrayInterface, toDlpack } from '../../src/index.js';
import { native } from '../../src/base/native.js';

const gc = (globalThis as { gc?: () => void }).gc;

async function collect(): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    gc!();
    await nextTurn();
  }
}

describe('the pointer form', () => {
  it('round-trips an array through its address, sharing memory both ways', () => {
    const a = asarray(new Float64Array([1, 2, 3, 4, 5, 6])).reshape(2, 3).T;
    const iface = arrayInterface(a, { pointer: true });
    const b = fromArrayInterface(iface, { base: a });
    expect(b.shape).toEqual([3, 2]);
    expect(b.strides).toEqual([8, 24]);
    expect(b.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(b.base).toBe(a);
    b.set(2, 1, 60);
    expect(a.get(2, 1)).toBe(60);
    a.set(0, 0, 10);
    expect(b.get(0, 0)).toBe(10);
  });

  it('reaches memory before element [0, ..., 0] for negative strides', () => {
    const a = asarray(new Int16Array([1, 2, 3, 4])).slice('::-1');
    const b = fromArrayInterface(arrayInterface(a, { pointer: true }), { base: a });
    expect(b.toArray()).toEqual([4, 3, 2, 1]);
  });

  it('carries the read-only flag', () => {
    const ro = new NDArray({ buffer: new Uint8Array([1, 2]), dtype: 'uint8', shape: [2], readonly: true });
    const iface = arrayInterface(ro, { pointer: true });
    expect(iface.data).toEqual([expect.any(BigInt), true]);
    expect(fromArrayInterface(iface, { base: ro }).readonly).toBe(true);
  });

  it('makes the description object the owner when no base is given', () => {
    const a = asarray([1, 2, 3]);
    const iface = { ...arrayInterface(a, { pointer: true }), keepAlive: a };
    expect(fromArrayInterface(iface).base).toBe(iface);
  });

  it('copies (copied: true) where the runtime refuses external buffers, as Electron does', () => {
    native.dlpackRefuseExternalBuffers(true);
    try {
      const a = asarray(new Int32Array([1, 2, 3])).slice('::-1');
      const b = fromArrayInterface(arrayInterface(a, { pointer: true }), { base: a });
      expect(b.copied).toBe(true);
      expect(b.toArray()).toEqual([3, 2, 1]);
      b.set(0, 30);
      expect(a.get(0)).toBe(3);
    } finally {
      native.dlpackRefuseExternalBuffers(false);
    }
    const kept = asarray([1]);
    expect(fromArrayInterface(arrayInterface(kept, { pointer: true }), { base: kept }).copied).toBe(false);
  });

  it('accepts address 0 for an empty array, as NumPy does', () => {
    const empty = fromArrayInterface({ shape: [0, 4], typestr: '<i4', data: [0n, false] });
    expect(empty.shape).toEqual([0, 4]);
    expect(empty.size).toBe(0);
  });

  it.skipIf(!gc)('keeps the owner alive while only the wrapped memory is referenced, and lets it go afterwards', async () => {
    const collected: string[] = [];
    const registry = new FinalizationRegistry<string>((name) => collected.push(name));
    let memory: ArrayBufferLike | undefined;
    (() => {
      const owner = asarray(new Float64Array([7, 8, 9]));
      registry.register(owner, 'owner');
      memory = fromArrayInterface(arrayInterface(owner, { pointer: true }), { base: owner }).buffer;
    })();
    await collect();
    expect(collected).toEqual([]);
    expect(Array.from(new Float64Array(memory!))).toEqual([7, 8, 9]);
    memory = undefined;
    await collect();
    await collect();
    expect(collected).toEqual(['owner']);
  });
});

describe('the buffer form', () => {
  it('describes a view by its buffer and the offset of element [0, ..., 0]', () => {
    const a = asarray(new Int32Array([0, 1, 2, 3, 4, 5])).reshape(2, 3).slice('::-1', '1:');
    const iface = a.__array_interface__;
    expect(iface).toEqual({ version: 3, shape: [2, 2], typestr: '<i4', descr: [['', '<i4']], strides: [-12, 4], data: a.buffer, offset: 16 });
    expect(fromArrayInterface(iface).toArray()).toEqual([[4, 5], [1, 2]]);
  });

  it('marks read-only arrays with readonly: true and imports them read-only', () => {
    const ro = new NDArray({ buffer: new Float32Array([1, 2]), dtype: 'float32', shape: [2], readonly: true });
    const iface = arrayInterface(ro);
    expect(iface.readonly).toBe(true);
    expect(fromArrayInterface(iface).readonly).toBe(true);
    expect('readonly' in arrayInterface(asarray([1]))).toBe(false);
  });

  it('takes a TypedArray as data, with offset counted from its first byte', () => {
    const words = new Uint16Array([9, 9, 1, 2, 3]);
    const window = words.subarray(1);
    const a = fromArrayInterface({ shape: [3], typestr: '<u2', data: window, offset: 2 });
    expect(a.toArray()).toEqual([1, 2, 3]);
    a.set(0, 100);
    expect(words[2]).toBe(100);
  });

  it('views the memory of base when data is null', () => {
    const bytes = new Uint8Array([1, 0, 2, 0]);
    const a = fromArrayInterface({ shape: [2], typestr: '<u2', data: null }, { base: bytes });
    expect(a.toArray()).toEqual([1, 2]);
    expect(a.base).toBe(bytes);
  });
});

describe('structured dtypes', () => {
  // NumPy 2.4: np.zeros(2, np.dtype({'names': ['a', 'b'], 'formats': ['<i4', '<f8'],
  // 'offsets': [0, 8], 'itemsize': 16})).__array_interface__
  const numpyTypestr = '|V16';
  const numpyDescr = [['a', '<i4'], ['', '|V4'], ['b', '<f8']];

  it("imports NumPy's structured description, padding entries as gaps", () => {
    const a = fromArrayInterface({ shape: [2], typestr: numpyTypestr, descr: numpyDescr, data: new ArrayBuffer(32) });
    expect(a.dtype.itemsize).toBe(16);
    expect(a.dtype.fields!.map((f) => [f.name, f.offset, f.dtype.str])).toEqual([['a', 0, '<i4'], ['b', 8, '<f8']]);
  });

  it('exports the same typestr and descr NumPy writes', () => {
    const a = fromArrayInterface({ shape: [2], typestr: numpyTypestr, descr: numpyDescr, data: new ArrayBuffer(32) });
    const iface = arrayInterface(a);
    expect(iface.typestr).toBe(numpyTypestr);
    expect(iface.descr).toEqual(numpyDescr);
  });

  it('reads sub-array and nested entries', () => {
    // NumPy 2.4 takes this descr as fields a@0 '<i4', b@4 ('<i2', (2,)), c@10 [('x', 'u1')] (plus f2, its name for the gap).
    const descr = [['a', '<i4'], ['b', '<i2', [2]], ['', '|V2'], ['c', [['x', '|u1']]]];
    const a = fromArrayInterface({ shape: [1], typestr: '|V11', descr, data: new ArrayBuffer(11) });
    expect(a.dtype.fields!.map((f) => [f.name, f.offset, f.shape ?? null])).toEqual([['a', 0, null], ['b', 4, [2]], ['c', 10, null]]);
    expect(a.dtype.fields![2]!.dtype.fields!.map((f) => [f.name, f.dtype.str])).toEqual([['x', '|u1']]);
  });
});

describe('asarray accepts every array-like', () => {
  it('an object with __array_interface__ (zero-copy), held as base', () => {
    const memory = new Float32Array([1, 2, 3, 4]);
    const holder = { __array_interface__: { shape: [2, 2], typestr: '<f4', data: memory.buffer, strides: [4, 8] } };
    const a = asarray(holder);
    expect(a.toArray()).toEqual([[1, 3], [2, 4]]);
    expect(a.base).toBe(holder);
    a.set(1, 1, 40);
    expect(memory[3]).toBe(40);
  });

  it('an object with __array_interface__ in pointer form, owned by the object', () => {
    const source = asarray(new Int8Array([5, 6, 7]));
    const holder = { source, get __array_interface__() { return arrayInterface(source, { pointer: true }); } };
    const a = asarray(holder);
    expect(a.toArray()).toEqual([5, 6, 7]);
    expect(a.base).toBe(holder);
  });

  it('copies instead of viewing with copy: true, and converts with dtype', () => {
    const memory = new Float64Array([1, 2]);
    const holder = { __array_interface__: { shape: [2], typestr: '<f8', data: memory } };
    const copied = asarray(holder, { copy: true });
    copied.set(0, 10);
    expect(memory[0]).toBe(1);
    expect(asarray(holder, { dtype: 'int32' }).toArray()).toEqual([1, 2]);
  });

  it('an undefined __array_interface__ means "not array-like", as an AttributeError does in NumPy', () => {
    expect(asarray({ __array_interface__: undefined, type: 'int8', dims: [1], data: new Int8Array([3]) } as never).toArray()).toEqual([3]);
  });

  it('an object with __dlpack__ (zero-copy through DLPack)', () => {
    const source = asarray(new Int32Array([1, 2, 3]));
    const producer = { __dlpack__: (options?: object) => toDlpack(source, options as never) };
    const a = asarray(producer);
    expect(a.toArray()).toEqual([1, 2, 3]);
    a.set(2, 30);
    expect(source.get(2)).toBe(30);
  });

  it('a DLPack capsule', () => {
    const source = asarray(new Uint8Array([4, 5]));
    expect(asarray(toDlpack(source)).toArray()).toEqual([4, 5]);
  });
});
