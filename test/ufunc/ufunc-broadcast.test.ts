import { describe, expect, it } from 'vitest';
import { broadcastShapes, broadcastStrides, formatShape } from '../../src/array/broadcast.js';

describe('broadcastShapes', () => {
  it.each([
    [[[2, 3], [3]], [2, 3]],
    [[[], [4]], [4]],
    [[[5, 1, 4], [3, 1]], [5, 3, 4]],
    [[[0, 3], [1]], [0, 3]],
    [[[1], [0]], [0]],
    [[[]], []],
  ])('broadcasts %j to %j (NumPy rules)', (shapes, expected) => {
    expect(broadcastShapes(shapes as number[][])).toEqual(expected);
  });

  it("reports incompatible shapes with NumPy's text, each shape followed by a space", () => {
    expect(() => broadcastShapes([[2, 3], [4]])).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_BROADCAST', message: 'operands could not be broadcast together with shapes (2,3) (4,) ' }),
    );
    expect(() => broadcastShapes([[3], [4], [5], [6]])).toThrow('operands could not be broadcast together with shapes (3,) (4,) (5,) (6,) ');
  });
});

describe('broadcastStrides', () => {
  it('gives stride 0 along broadcast and prepended dimensions', () => {
    expect(broadcastStrides([3], [8], [2, 3])).toEqual([0, 8]);
    expect(broadcastStrides([2, 1], [16, 8], [2, 5])).toEqual([16, 0]);
    expect(broadcastStrides([], [], [2])).toEqual([0]);
  });

  it('writes shapes the way NumPy does in messages', () => {
    expect(formatShape([])).toBe('()');
    expect(formatShape([3])).toBe('(3,)');
    expect(formatShape([2, 3])).toBe('(2,3)');
  });
});
