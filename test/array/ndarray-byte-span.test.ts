// NDArray._byteSpan: the bytes a view's elements reach, kept from the
// constructor's layout check or computed once for views made from parts.
import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/index.js';

describe('the byte span of a view', () => {
  const base = new NDArray({ buffer: new ArrayBuffer(96), dtype: 'float64', shape: [3, 4] });

  it('is the layout check’s extent for a constructed view with negative strides', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(64), dtype: 'float64', shape: [2, 3], strides: [24, -8], byteOffset: 16 });
    expect(a._byteSpan()).toEqual({ start: 0, end: 48 });
  });

  it('covers a reversed, strided slice exactly', () => {
    // rows 2 and 0 (stride -64), columns 3 and 1 (stride -16): elements at bytes 88, 72, 24, 8
    expect(base.slice('::-2', '::-2')._byteSpan()).toEqual({ start: 8, end: 96 });
  });

  it('ignores broadcast axes, which repeat the same bytes', () => {
    expect(base.slice(1).broadcastTo([5, 4])._byteSpan()).toEqual({ start: 32, end: 64 });
  });

  it('is null for a view without elements', () => {
    expect(base.slice('1:1')._byteSpan()).toBeNull();
    expect(new NDArray({ buffer: new ArrayBuffer(0), dtype: 'int8', shape: [0] })._byteSpan()).toBeNull();
  });
});
