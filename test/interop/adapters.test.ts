// Zero-copy adapters to JS array libraries: each direction shares memory (a
// write through one side is seen through the other), strided views keep
// their layout, and what cannot be shared raises unless `copy: true`.
// Expected values come from the libraries' own element accessors.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BufferError, NDArray, asarray, toOrtTensor, toScijs, toStdlib } from '../../src/index.js';

const require = createRequire(import.meta.url);

interface ScijsArray {
  data: ArrayLike<unknown>;
  shape: number[];
  stride: number[];
  offset: number;
  get(...index: number[]): number;
  set(...args: number[]): void;
  transpose(...axes: number[]): ScijsArray;
  step(...steps: number[]): ScijsArray;
  hi(...ends: number[]): ScijsArray;
  lo(...starts: number[]): ScijsArray;
}
const scijs = require('ndarray') as (data: unknown, shape?: number[], stride?: number[], offset?: number) => ScijsArray;

interface StdlibArray {
  dtype: string;
  data: unknown;
  shape: number[];
  strides: number[];
  offset: number;
  order: string;
  flags: { READONLY: boolean };
  get(...index: number[]): unknown;
  set(...args: unknown[]): void;
}
const StdlibNdarray = require('@stdlib/ndarray-ctor') as new (
  dtype: string,
  buffer: unknown,
  shape: number[],
  strides: number[],
  offset: number,
  order: string,
  options?: { readonly?: boolean },
) => StdlibArray;
const Complex64Array = require('@stdlib/array-complex64') as new (values: Float32Array) => unknown;
const BooleanArray = require('@stdlib/array-bool') as new (values: boolean[]) => unknown;

const ort = require('onnxruntime-common') as {
  Tensor: new (type: string, data: unknown, dims: number[]) => { type: string; dims: readonly number[]; data: ArrayBufferView };
};

/** Every index tuple of a shape, in C order. */
function indices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) out = out.flatMap((prefix) => Array.from({ length: n }, (_, i) => [...prefix, i]));
  return out;
}

function expectError(fn: () => unknown, cls: Function, code: string, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(cls);
  expect((thrown as { code?: string }).code).toBe(code);
  expect((thrown as Error).message).toMatch(message);
}

describe('scijs ndarray', () => {
  it('asarray views a scijs ndarray without copying', () => {
    const s = scijs(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const a = asarray(s);
    expect(a.shape).toEqual([2, 3]);
    expect(a.dtype.name).toBe('float64');
    s.set(1, 2, 60);
    expect(a.get(1, 2)).toBe(60);
    a.set(0, 1, 20);
    expect(s.get(0, 1)).toBe(20);
  });

  it('keeps transposed, reversed and sliced scijs views (element strides and offset become bytes)', () => {
    const s = scijs(new Int16Array(Array.from({ length: 24 }, (_, i) => i * 3 - 30)), [4, 6]);
    const view = s.lo(1, 1).hi(3, 4).transpose(1, 0).step(-1, 2);
    const a = asarray(view);
    expect(a.shape).toEqual(view.shape);
    expect(a.strides).toEqual(view.stride.map((k) => k * 2));
    for (const index of indices(a.shape)) expect(a.get(...index)).toBe(view.get(...index));
    view.set(0, 0, 999);
    expect(a.get(0, 0)).toBe(999);
  });

  it('toScijs shares memory both ways, also for negative-stride views', () => {
    const base = asarray(new Int32Array(Array.from({ length: 12 }, (_, i) => i))).reshape(3, 4);
    const view = base.slice('::-1', '1::2');
    const s = toScijs(view);
    expect(s.shape).toEqual([3, 2]);
    const lib = s as unknown as ScijsArray;
    for (const index of indices(view.shape)) expect(lib.get(...index)).toBe(view.get(...index));
    lib.set(2, 1, -7);
    expect(view.get(2, 1)).toBe(-7);
    view.set(0, 0, 42);
    expect(lib.get(0, 0)).toBe(42);
    expect((lib.data as Int32Array).buffer).toBe(base.buffer);
  });

  it('refuses a read-only array unless copy: true, which hands over an independent copy', () => {
    const ro = new NDArray({ buffer: new Float32Array([1, 2, 3]), dtype: 'float32', shape: [3], readonly: true });
    expectError(() => toScijs(ro), BufferError, 'ERR_BUFFER', /cannot share this array with scijs ndarray without a copy: it is read-only.*copy: true/);
    const copied = toScijs(ro, { copy: true }) as unknown as ScijsArray;
    copied.set(0, 100);
    expect(ro.get(0)).toBe(1);
    expect(copied.get(2)).toBe(3);
  });

  it('refuses byte-swapped data unless copy: true', () => {
    const swapped = asarray([1, 2, 3], { dtype: '>i4' });
    expectError(() => toScijs(swapped), BufferError, 'ERR_BUFFER', /dtype >i4 is not in native byte order/);
    expect(Array.from(toScijs(swapped, { copy: true }).data as Int32Array)).toEqual([1, 2, 3]);
  });

  it('refuses dtypes scijs has no TypedArray for', () => {
    expectError(() => toScijs(asarray([{ re: 1, im: 2 }])), TypeError, 'ERR_INVALID_DTYPE', /scijs ndarray cannot hold complex128 elements/);
  });

  it('refuses scijs arrays over plain JS Arrays (no memory to share)', () => {
    expectError(() => asarray(scijs([1, 2, 3]) as never), TypeError, 'ERR_INVALID_ARG_TYPE', /expected a scijs ndarray over a TypedArray, got data array of length 3/);
  });
});

describe('@stdlib/ndarray', () => {
  it('asarray views a stdlib ndarray with strides and offset, zero-copy', () => {
    const data = new Float64Array(Array.from({ length: 12 }, (_, i) => i + 0.5));
    const s = new StdlibNdarray('float64', data, [3, 2], [-4, 2], 9, 'row-major');
    const a = asarray(s);
    expect(a.shape).toEqual([3, 2]);
    for (const index of indices(a.shape)) expect(a.get(...index)).toBe(s.get(...index));
    s.set(2, 1, -1);
    expect(a.get(2, 1)).toBe(-1);
    expect(a.buffer).toBe(data.buffer);
  });

  it('views complex64 and bool stdlib buffers', () => {
    const z = new StdlibNdarray('complex64', new Complex64Array(new Float32Array([1, 2, 3, 4, 5, 6])), [3], [-1], 2, 'row-major');
    expect(asarray(z).toArray()).toEqual([{ re: 5, im: 6 }, { re: 3, im: 4 }, { re: 1, im: 2 }]);
    const b = new StdlibNdarray('bool', new BooleanArray([true, false, true, true]), [2, 2], [2, 1], 0, 'row-major');
    expect(asarray(b).toArray()).toEqual([[true, false], [true, true]]);
  });

  it('keeps stdlib read-only arrays read-only', () => {
    const s = new StdlibNdarray('int32', new Int32Array([1, 2]), [2], [1], 0, 'row-major', { readonly: true });
    expect(asarray(s).readonly).toBe(true);
  });

  it('toStdlib shares memory for transposed and reversed views', () => {
    const base = asarray(new Float32Array(Array.from({ length: 24 }, (_, i) => i))).reshape(2, 3, 4);
    const view = base.transpose(2, 0, 1).slice('::-1', ':', '1:');
    const s = toStdlib(view) as unknown as StdlibArray;
    expect(s.dtype).toBe('float32');
    expect(s.shape).toEqual(view.shape);
    for (const index of indices(view.shape)) expect(s.get(...index)).toBe(view.get(...index));
    s.set(0, 1, 1, 77);
    expect(view.get(0, 1, 1)).toBe(77);
  });

  it('toStdlib marks read-only arrays read-only and carries complex data', () => {
    const ro = new NDArray({ buffer: new Uint8Array([1, 2, 3]), dtype: 'uint8', shape: [3], readonly: true });
    expect((toStdlib(ro) as unknown as StdlibArray).flags.READONLY).toBe(true);
    const z = asarray([{ re: 1, im: -1 }, { re: 2, im: -2 }], { dtype: 'complex64' });
    const s = toStdlib(z.slice('::-1')) as unknown as StdlibArray;
    expect(s.dtype).toBe('complex64');
    const first = s.get(0) as { re: number; im: number };
    expect([first.re, first.im]).toEqual([2, -2]);
  });

  it('refuses int64 (stdlib has no int64 buffer) and generic (JS values) arrays', () => {
    expectError(() => toStdlib(asarray([1n, 2n])), TypeError, 'ERR_INVALID_DTYPE', /@stdlib\/ndarray cannot hold int64 elements/);
    const generic = new StdlibNdarray('generic', [1, 2, 3], [3], [1], 0, 'row-major');
    expectError(() => asarray(generic as never), TypeError, 'ERR_INVALID_DTYPE', /cannot view a stdlib ndarray of dtype "generic"/);
  });

  it('refuses byte strides that are not whole elements unless copy: true', () => {
    const bytes = new Uint8Array(Array.from({ length: 16 }, (_, i) => i));
    const odd = new NDArray({ buffer: bytes, dtype: 'uint16', shape: [3], strides: [3] });
    expectError(() => toStdlib(odd), BufferError, 'ERR_BUFFER', /byte strides \[3\] are not multiples of the itemsize 2/);
    expect(Array.from((toStdlib(odd, { copy: true }) as unknown as StdlibArray).data as Uint16Array)).toEqual(odd.toArray());
  });
});

describe('onnxruntime Tensor', () => {
  it('asarray views a Tensor without copying (int64, bool, float16 included)', () => {
    const t = new ort.Tensor('float32', new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2]);
    const a = asarray(t);
    expect(a.shape).toEqual([3, 2]);
    (t.data as Float32Array)[5] = 60;
    expect(a.get(2, 1)).toBe(60);
    expect(asarray(new ort.Tensor('int64', new BigInt64Array([5n, -6n]), [2])).toArray()).toEqual([5n, -6n]);
    expect(asarray(new ort.Tensor('bool', new Uint8Array([1, 0]), [2])).toArray()).toEqual([true, false]);
    expect(asarray(new ort.Tensor('float16', new Uint16Array([0x3c00, 0xc000]), [2])).toArray()).toEqual([1, -2]);
  });

  it('accepts objects of the documented Tensor shape { type, dims, data }', () => {
    const a = asarray({ type: 'int32', dims: [2, 2], data: new Int32Array([1, 2, 3, 4]) });
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('refuses tensors that are not on the CPU', () => {
    const onGpu = { type: 'float32', dims: [2], location: 'gpu-buffer', get data(): never { throw new Error('not on CPU'); } };
    expectError(() => asarray(onGpu as never), BufferError, 'ERR_BUFFER', /onnxruntime tensor whose data is on "gpu-buffer"/);
  });

  it('refuses data whose TypedArray does not match the type', () => {
    expectError(() => asarray({ type: 'float32', dims: [2], data: new Float64Array(2) } as never), TypeError, 'ERR_INVALID_ARG_TYPE', /onnxruntime float32 tensor to be a matching TypedArray/);
  });

  it('toOrtTensor shares memory with a contiguous array', () => {
    const a = asarray([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
    const t = toOrtTensor(a);
    expect(t).toBeInstanceOf(ort.Tensor);
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([2, 3]);
    (t.data as Float32Array)[4] = -5;
    expect(a.get(1, 1)).toBe(-5);
    expect((t.data as Float32Array).buffer).toBe(a.buffer);
  });

  it('refuses strided views unless copy: true', () => {
    const a = asarray([[1, 2, 3], [4, 5, 6]], { dtype: 'int32' });
    expectError(() => toOrtTensor(a.T), BufferError, 'ERR_BUFFER', /onnxruntime tensors are C-contiguous and this view has byte strides \[4, 12\]/);
    const t = toOrtTensor(a.T, { copy: true });
    expect(Array.from(t.data as Int32Array)).toEqual([1, 4, 2, 5, 3, 6]);
    expect((t.data as Int32Array).buffer).not.toBe(a.buffer);
  });

  it('refuses dtypes ORT has no type for', () => {
    expectError(() => toOrtTensor(asarray([{ re: 1, im: 0 }])), TypeError, 'ERR_INVALID_DTYPE', /onnxruntime tensors cannot hold complex128 elements/);
  });
});
