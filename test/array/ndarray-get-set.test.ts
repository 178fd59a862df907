// get/set after the array has been read once (so its TypedArray path is set
// up): values stored as NumPy stores them, and every later change to the
// memory (detach, shrink, dispose, a pending async write) still caught with
// the precise error. Expected values are NumPy 2.4's (checked in python3).
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

function detach(buffer: ArrayBuffer): void {
  structuredClone(buffer, { transfer: [buffer] });
}

describe('get/set values', () => {
  it('reads and writes through negative indices, reversed and transposed views', () => {
    const m = asarray(new Float64Array([1, 2, 3, 4, 5, 6])).reshape([2, 3]);
    expect(m.get(-1, -1)).toBe(6);
    const t = m.transpose();
    expect(t.get(2, 0)).toBe(3);
    t.set(2, 1, 60);
    expect(m.get(1, 2)).toBe(60);
    const r = m.slice('::-1', '::-2');
    expect(r.get(0, 0)).toBe(60);
    r.set(1, 1, -1);
    expect(m.get(0, 0)).toBe(-1);
  });

  it('truncates fractions into integers and rounds into float32, as NumPy does', () => {
    const i = asarray(new Int32Array(3));
    i.set(0, 3.7);
    i.set(1, -2.9);
    i.set(2, -0);
    expect([i.get(0), i.get(1), Object.is(i.get(2), 0)]).toEqual([3, -2, true]);
    const f = asarray(new Float32Array(2));
    f.set(0, 0.1);
    f.set(1, Number.NaN);
    expect(f.get(0)).toBe(0.10000000149011612);
    expect(f.get(1)).toBeNaN();
  });

  it('refuses values out of an integer range, NaN for integers, and writes to read-only arrays', () => {
    const u = asarray(new Uint8Array(2));
    u.get(0);
    expectError(() => u.set(0, 256), RangeError, 'ERR_OUT_OF_BOUNDS', 'integer 256 is out of bounds for uint8');
    expectError(() => u.set(0, -1), RangeError, 'ERR_OUT_OF_BOUNDS', 'integer -1 is out of bounds for uint8');
    expectError(() => u.set(0, Number.NaN), RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot convert float NaN to integer (uint8)');
    u.set(1, true);
    expect(u.get(1)).toBe(1);
    const frozen = new NDArray({ buffer: new ArrayBuffer(8), dtype: 'float64', shape: [1], readonly: true });
    expect(frozen.get(0)).toBe(0);
    expectError(() => frozen.set(0, 1), TypeError, 'ERR_READONLY', 'assignment destination is read-only');
  });

  it('checks indices before anything else', () => {
    const a = asarray(new Float64Array(4)).reshape([2, 2]);
    a.get(0, 0);
    expectError(() => a.get(2, 0), RangeError, 'ERR_OUT_OF_BOUNDS', 'index 2 is out of bounds for axis 0 with size 2');
    expectError(() => a.get(0), RangeError, 'ERR_INVALID_ARG_VALUE', 'expected 2 indices for a 2-dimensional array, got 1 (use slice() for subarrays)');
    expectError(() => a.set(0, 0.5, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an integer index for axis 1, got 0.5');
    expectError(() => a.set(0, 0, 0, 1), RangeError, 'ERR_OUT_OF_BOUNDS', 'too many indices for array: array is 2-dimensional, but 3 were indexed');
  });

  it('reads and writes elements that are not aligned for their dtype', () => {
    const memory = new ArrayBuffer(17);
    const a = new NDArray({ buffer: memory, byteOffset: 1, dtype: 'float64', shape: [2] });
    a.set(1, 2.5);
    expect(new DataView(memory).getFloat64(9, true)).toBe(2.5);
    expect(a.get(1)).toBe(2.5);
  });
});

describe('get/set after the memory changed', () => {
  it('throws ERR_DETACHED once the buffer is transferred', () => {
    const memory = new ArrayBuffer(16);
    const a = new NDArray({ buffer: memory, dtype: 'float64', shape: [2] });
    a.set(0, 1);
    expect(a.get(0)).toBe(1);
    detach(memory);
    expectError(() => a.get(0), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
    expectError(() => a.set(0, 1), TypeError, 'ERR_DETACHED', 'the ArrayBuffer behind this array has been detached (transferred)');
  });

  it('throws when a resizable buffer shrinks below the array, and reads again once it grows back', () => {
    const memory = new ArrayBuffer(16, { maxByteLength: 64 });
    const a = new NDArray({ buffer: memory, dtype: 'float64', shape: [2] });
    a.set(0, 1.5);
    expect(a.get(0)).toBe(1.5);
    memory.resize(8);
    expectError(() => a.get(0), RangeError, 'ERR_OUT_OF_BOUNDS', 'the buffer shrank to 8 bytes; this array needs 16');
    expectError(() => a.set(0, 2), RangeError, 'ERR_OUT_OF_BOUNDS', 'the buffer shrank to 8 bytes; this array needs 16');
    memory.resize(32);
    a.set(1, 4);
    expect(a.get(1)).toBe(4);
  });

  it('throws once the array is disposed', () => {
    const a = asarray(new Float64Array(2));
    expect(a.get(0)).toBe(0);
    a[Symbol.dispose]();
    expectError(() => a.get(0), TypeError, 'ERR_DETACHED', 'this array has been disposed');
    expectError(() => a.set(0, 1), TypeError, 'ERR_DETACHED', 'this array has been disposed');
  });

  it('refuses reads and writes while a pending async call writes the memory', async () => {
    const out = asarray(new Float64Array(4));
    out.set(0, 1);
    expect(out.get(0)).toBe(1);
    const pending = add.async(asarray(new Float64Array([1, 2, 3, 4])), 1, { out });
    expectError(() => out.get(0), TypeError, 'ERR_BUSY', 'cannot read this array: its memory is being written by a pending add.async() call until its promise settles');
    expectError(() => out.set(0, 1), TypeError, 'ERR_BUSY', 'cannot write to this array: its memory is being written by a pending add.async() call until its promise settles');
    await pending;
    expect(out.get(3)).toBe(5);
  });
});
