import { describe, expect, it } from 'vitest';
import { NDArray, asarray } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';
import type { IndexSpec } from '../../src/index.js';
import { hasNumpy, noNumpyReason, numpyJson } from './ndarray-numpy.js';

/** np.arange(size, dtype=float64) viewed with shape `shape` (C order). */
function arange(shape: number[]): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  return asarray(Float64Array.from({ length: size }, (_, i) => i)).reshape(shape);
}

interface ViewResult {
  shape: number[];
  strides: number[];
  offset: number;
  values: unknown;
  view: boolean;
}

function describeView(a: NDArray, source: NDArray): ViewResult {
  return { shape: [...a.shape], strides: [...a.strides], offset: a.byteOffset - source.byteOffset, values: a.toArray(), view: a.buffer === source.buffer };
}

// The Python helper: turns JS specs into NumPy index tuples and reports the
// same fields as describeView.
const pythonPrelude = `
def spec(s):
    if s is None: return None
    if isinstance(s, int): return s
    if s.strip() == '...': return Ellipsis
    parts = [int(p) if p.strip() else None for p in s.split(':')]
    return slice(*parts)
def describe(v, a):
    base = a.__array_interface__['data'][0]
    return {'shape': list(v.shape), 'strides': list(v.strides), 'offset': v.__array_interface__['data'][0] - base,
            'values': v.tolist(), 'view': bool(np.shares_memory(v, a)) or v.size == 0 and v.base is not None}
`;

const sliceCases: Array<[number[], IndexSpec[]]> = [
  [[10], ['2:7']],
  [[10], ['::-1']],
  [[10], ['::-3']],
  [[10], ['-3:']],
  [[10], ['8:2:-2']],
  [[10], ['-100:100']],
  [[10], ['100:']],
  [[10], ['5:2']],
  [[10], ['2:3:5']],
  [[10], [':-100:-1']],
  [[10], [-1]],
  [[10], [null]],
  [[10], ['...', null]],
  [[2, 3, 4], [1]],
  [[2, 3, 4], ['...', 1]],
  [[2, 3, 4], [null, '...', null]],
  [[2, 3, 4], [':', '::-1', '1::2']],
  [[2, 3, 4], [-1, null, '...', '::-2']],
  [[2, 3, 4], ['...']],
  [[2, 3, 4], []],
  [[2, 3, 4], [1, 2, 3]],
  [[2, 3, 4], ['1:', '...', 0]],
  [[2, 3, 4], [' 0 : 2 ', ' ... ']],
  [[3, 4], ['::-1', '::-1']],
  [[0, 3], ['::-1', 1]],
];

describe.skipIf(!hasNumpy)('slice matches NumPy basic indexing', () => {
  const expected = hasNumpy
    ? numpyJson<ViewResult[]>(`${pythonPrelude}
cases = json.loads(${JSON.stringify(JSON.stringify(sliceCases))})
out = []
for shape, specs in cases:
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    index = tuple(spec(s) for s in specs)
    if Ellipsis not in index: index += (Ellipsis,)  # a 0-d view, not a scalar, for full integer indexing
    out.append(describe(a[index], a))
print(json.dumps(out))`)
    : [];
  it.each(sliceCases.map((c, i) => [JSON.stringify(c[0]), JSON.stringify(c[1]), i] as const))('shape %s, specs %s', (_s, _p, i) => {
    const [shape, specs] = sliceCases[i]!;
    const a = arange(shape);
    const view = a.slice(...specs);
    const got = describeView(view, a);
    const want = expected[i]!;
    expect(got.shape).toEqual(want.shape);
    expect(got.strides).toEqual(want.strides);
    expect(got.values).toEqual(want.values);
    if (view.size > 0) expect(got.offset).toBe(want.offset);
    expect(got.view).toBe(true);
  });
});

const reshapeCases: Array<[number[], IndexSpec[], number[], number[]]> = [
  // source shape, slice of it, transpose axes ([] = none), new shape
  [[2, 3, 4], [], [], [6, 4]],
  [[2, 3, 4], [], [], [-1]],
  [[2, 3, 4], [], [], [1, 24, 1]],
  [[2, 3, 4], [], [], [4, -1, 2]],
  [[2, 3, 4], [':', '::2'], [], [2, 2, 4]],
  [[2, 3, 4], [':', '::2'], [], [2, 8]],
  [[2, 3, 4], [], [2, 1, 0], [4, 6]],
  [[2, 3, 4], [], [2, 1, 0], [4, 3, 2, 1]],
  [[2, 3, 4], [], [1, 0, 2], [3, 8]],
  [[2, 3, 4], [], [1, 0, 2], [6, 4]],
  [[2, 3, 4], ['...', null], [], [6, 4, 1]],
  [[2, 3, 4], [':', ':', ':1'], [], [2, 3]],
  [[2, 3, 4], [':', ':', ':1'], [], [6]],
  [[2, 3, 4], ['::-1'], [], [2, 12]],
  [[2, 3, 4], ['::-1'], [], [24]],
  [[6], [], [], [6]],
  [[1], [], [], []],
  [[0, 3], [], [], [3, 0]],
  [[0, 3], [], [], [-1]],
  [[2, 0], [], [], [0, 5, 1]],
];

describe.skipIf(!hasNumpy)('reshape matches NumPy (a view exactly when NumPy gives one)', () => {
  const expected = hasNumpy
    ? numpyJson<ViewResult[]>(`${pythonPrelude}
cases = json.loads(${JSON.stringify(JSON.stringify(reshapeCases))})
out = []
for shape, specs, axes, new in cases:
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    v = a[tuple(spec(s) for s in specs)]
    if axes: v = v.transpose(axes)
    r = v.reshape(new)
    d = describe(r, a)
    d['view'] = bool(np.shares_memory(r, a)) if r.size else True
    out.append(d)
print(json.dumps(out))`)
    : [];
  it.each(reshapeCases.map((c, i) => [JSON.stringify(c), i] as const))('%s', (_label, i) => {
    const [shape, specs, axes, newShape] = reshapeCases[i]!;
    const a = arange(shape);
    let v = a.slice(...specs);
    if (axes.length) v = v.transpose(axes);
    const r = v.reshape(newShape);
    const want = expected[i]!;
    expect([...r.shape]).toEqual(want.shape);
    expect(r.toArray()).toEqual(want.values);
    if (r.size > 0) expect(r.buffer === a.buffer).toBe(want.view);
    if (want.view) expect([...r.strides]).toEqual(want.strides);
    if (want.view && r.size > 0) expect(r.byteOffset - a.byteOffset).toBe(want.offset);
  });

  it('accepts the shape as separate arguments', () => {
    expect(arange([6]).reshape(2, 3).shape).toEqual([2, 3]);
  });
});

describe.skipIf(!hasNumpy)('transpose and broadcastTo match NumPy', () => {
  const cases: Array<[number[], number[] | null, number[] | null]> = [
    [[2, 3, 4], null, null],
    [[2, 3, 4], [1, -1, 0], null],
    [[3], null, [2, 3]],
    [[3, 1], null, [2, 4, 3]],
    [[1], null, [0]],
    [[2, 3], [1, 0], [4, 3, 2]],
    [[], null, [2, 2]],
  ];
  const expected = hasNumpy
    ? numpyJson<ViewResult[]>(`${pythonPrelude}
out = []
for shape, axes, target in json.loads(${JSON.stringify(JSON.stringify(cases))}):
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    v = a.transpose(axes) if axes is not None else a.T
    if target is not None: v = np.broadcast_to(v, target)
    out.append(describe(v, a))
print(json.dumps(out))`)
    : [];
  it.each(cases.map((c, i) => [JSON.stringify(c), i] as const))('%s', (_label, i) => {
    const [shape, axes, target] = cases[i]!;
    const a = arange(shape);
    let v = axes ? a.transpose(axes) : a.T;
    if (target) v = v.broadcastTo(target);
    const want = expected[i]!;
    expect([...v.shape]).toEqual(want.shape);
    expect([...v.strides]).toEqual(want.strides);
    expect(v.toArray()).toEqual(want.values);
    expect(v.buffer).toBe(a.buffer);
    if (target) expect(v.readonly).toBe(true);
  });
});

describe('view bookkeeping', () => {
  it('views share memory, readonly, base and device with their source', () => {
    const owner = {};
    const data = new Float64Array(6);
    const a = new NDArray({ buffer: data, dtype: 'float64', shape: [2, 3], readonly: true, base: owner });
    for (const v of [a.slice(1), a.T, a.reshape(3, 2), a.transpose(1, 0), a.slice('::-1', null)]) {
      expect(v.buffer).toBe(data.buffer);
      expect(v.readonly).toBe(true);
      expect(v.base).toBe(owner);
      expect(v.device).toEqual([1, 0]);
    }
  });
  it('writes through a view to the source', () => {
    const a = arange([3, 4]);
    a.slice('::-1', '1::2').set(0, 1, -5);
    expect(a.get(2, 3)).toBe(-5);
  });
  it('slices opaque device arrays without reading them', () => {
    const gpu = NDArray._fromValidated({ buffer: new ArrayBuffer(0), byteOffset: 0, dtype: arange([1]).dtype, shape: [4, 4], strides: [32, 8], readonly: false, device: [2, 0], opaque: true });
    const v = gpu.slice('1:3').T;
    expect(v.shape).toEqual([4, 2]);
    expect(v.opaque).toBe(true);
    expect(v.byteOffset).toBe(32);
  });
});

describe('indexing and layout errors (NumPy messages)', () => {
  const a = arange([2, 3, 4]);
  it('too many indices', () => {
    expectError(() => a.slice(0, 0, 0, 0), RangeError, 'ERR_OUT_OF_BOUNDS', 'too many indices for array: array is 3-dimensional, but 4 were indexed');
  });
  it('index out of range', () => {
    expectError(() => a.slice(':', 3), RangeError, 'ERR_OUT_OF_BOUNDS', 'index 3 is out of bounds for axis 1 with size 3');
  });
  it('two ellipses', () => {
    expectError(() => a.slice('...', '...'), RangeError, 'ERR_INVALID_ARG_VALUE', "an index can only have a single ellipsis ('...')");
  });
  it('zero step', () => {
    expectError(() => a.slice('::0'), RangeError, 'ERR_INVALID_ARG_VALUE', 'slice step cannot be zero');
  });
  it('malformed specs', () => {
    const message = /^expected an index \(integer, 'start:stop:step' string, null or '...'\), got /;
    expectError(() => a.slice('1-2'), TypeError, 'ERR_INVALID_ARG_TYPE', message);
    expectError(() => a.slice('1:2:3:4'), TypeError, 'ERR_INVALID_ARG_TYPE', message);
    expectError(() => a.slice(undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE', message);
    expectError(() => a.slice(1.5), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an integer index for axis 0, got 1.5');
  });
  it('transpose axes', () => {
    expectError(() => a.transpose(0, 1), RangeError, 'ERR_INVALID_ARG_VALUE', "axes don't match array");
    expectError(() => a.transpose(0, 1, 3), RangeError, 'ERR_OUT_OF_BOUNDS', 'axis 3 is out of bounds for array of dimension 3');
    expectError(() => a.transpose(0, 0, 1), RangeError, 'ERR_INVALID_ARG_VALUE', 'repeated axis in transpose');
    expectError(() => a.transpose(0, '1' as never, 2), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an integer axis, got "1"');
  });
  it('reshape', () => {
    expectError(() => a.reshape(5), RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot reshape array of size 24 into shape (5,)');
    expectError(() => a.reshape(5, 5), RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot reshape array of size 24 into shape (5,5)');
    expectError(() => a.reshape(-1, -1), RangeError, 'ERR_INVALID_ARG_VALUE', 'can only specify one unknown dimension');
    expectError(() => a.reshape(-1, 5), RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot reshape array of size 24 into shape (-1,5)');
    expectError(() => a.reshape(-2, -12), RangeError, 'ERR_INVALID_ARG_VALUE', 'negative dimensions not allowed, got shape[0] = -2');
    expectError(() => a.reshape(2.5), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected shape[0] to be an integer, got 2.5');
  });
  it('broadcastTo', () => {
    expectError(
      () => arange([2, 3]).broadcastTo([4, 3]),
      RangeError,
      'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (2,3)  and requested shape (4,3)',
    );
    expectError(
      () => arange([3]).broadcastTo([2, 2]),
      RangeError,
      'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (3,)  and requested shape (2,2)',
    );
    expectError(() => arange([2, 3]).broadcastTo([3]), RangeError, 'ERR_BROADCAST', 'input operand has more dimensions than allowed by the axis remapping');
    expectError(() => arange([3]).broadcastTo([-1, 3]), RangeError, 'ERR_INVALID_ARG_VALUE', 'all elements of broadcast shape must be non-negative');
    expectError(() => arange([3]).broadcastTo(3 as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected shape to be an array of integers, got 3');
  });
  it('broadcastTo refuses more than 2^53 - 1 elements', () => {
    expectError(
      () => arange([1]).broadcastTo([2 ** 30, 2 ** 30]),
      RangeError,
      'ERR_OUT_OF_BOUNDS',
      'expected at most 2^53 - 1 elements, got shape (1073741824, 1073741824) with 1152921504606846976 elements',
    );
  });
  it('writes to a broadcast view are refused', () => {
    expectError(() => arange([3]).broadcastTo([2, 3]).set(0, 0, 1), TypeError, 'ERR_READONLY', 'assignment destination is read-only');
  });
});

if (!hasNumpy) {
  describe('NumPy comparisons', () => {
    it.skip(noNumpyReason, () => {});
  });
}
