// NDArray toJSON: NumPy's tolist() values, JSON-safe. Expected values are
// NumPy 2.4's `a.tolist()` (quoted beside each case), rewritten by the
// documented rules for what JSON cannot hold: NaN/±inf as strings, integers
// beyond 2^53 - 1 as decimal strings, complex as { re, im }, bytes as latin-1
// strings, datetime64 as np.datetime_as_string.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

function float64(values: number[], shape: number[] = [values.length]): NDArray {
  return asarray(new Float64Array(values)).reshape(shape);
}

describe('toJSON gives tolist() values', () => {
  it.each<[string, () => NDArray, unknown]>([
    // [[1.5, nan], [inf, -inf]]
    ['float64 with NaN and infinities', () => float64([1.5, NaN, Infinity, -Infinity], [2, 2]), [[1.5, 'NaN'], ['Infinity', '-Infinity']]],
    // [True, False]
    ['bool', () => new NDArray({ buffer: new Uint8Array([1, 0]).buffer, dtype: 'bool', shape: [2] }), [true, false]],
    // [9007199254740991, 9007199254740992, -9223372036854775808, 9223372036854775807]
    [
      'int64 around 2^53',
      () => asarray(new BigInt64Array([2n ** 53n - 1n, 2n ** 53n, -(2n ** 63n), 2n ** 63n - 1n])),
      [9007199254740991, '9007199254740992', '-9223372036854775808', '9223372036854775807'],
    ],
    // [18446744073709551615, 5]
    ['uint64', () => asarray(new BigUint64Array([2n ** 64n - 1n, 5n])), ['18446744073709551615', 5]],
    // [(1+2j), (nan+infj)]
    [
      'complex64',
      () => new NDArray({ buffer: new Float32Array([1, 2, NaN, Infinity]).buffer, dtype: 'complex64', shape: [2] }),
      [{ re: 1, im: 2 }, { re: 'NaN', im: 'Infinity' }],
    ],
    // [0.10000000149011612]
    ['float32', () => asarray(new Float32Array([0.1])), [0.10000000149011612]],
    // [0.0999755859375]
    ['float16', () => float64([0.1]).astype('float16'), [0.0999755859375]],
    // [1, -2, 3]
    [
      'byte-swapped int32',
      () => {
        const view = new DataView(new ArrayBuffer(12));
        [1, -2, 3].forEach((v, i) => view.setInt32(4 * i, v, false));
        return new NDArray({ buffer: view.buffer, dtype: '>i4', shape: [3] });
      },
      [1, -2, 3],
    ],
    // 7.5
    ['0-d', () => float64([7.5], []), 7.5],
    // []
    ['empty', () => float64([], [0]), []],
    // [[], []]
    ['empty rows', () => float64([], [2, 0]), [[], []]],
    // ['ab', 'c']
    ['str U3', () => new NDArray({ buffer: new Uint32Array([97, 98, 0, 99, 0, 0]).buffer, dtype: '<U3', shape: [2] }), ['ab', 'c']],
    // [b'ab', b'c']  (trailing NULs removed; bytes as latin-1 text)
    ['bytes S3', () => new NDArray({ buffer: new Uint8Array([97, 98, 0, 99, 0, 0xff]).buffer, dtype: 'S3', shape: [2] }), ['ab', 'c\u0000\u00ff']],
    // [b'\x01\x00', b'\x00\x00']  (void keeps every byte)
    ['void V2', () => new NDArray({ buffer: new Uint8Array([1, 0, 0, 0]).buffer, dtype: 'V2', shape: [2] }), ['\u0001\u0000', '\u0000\u0000']],
    // np.datetime_as_string: ['2024-01-31T12:00:00', 'NaT']
    [
      'datetime64[s]',
      () => new NDArray({ buffer: new BigInt64Array([1706702400n, -(2n ** 63n)]).buffer, dtype: 'M8[s]', shape: [2] }),
      ['2024-01-31T12:00:00', 'NaT'],
    ],
    // .view('i8').tolist(): [3, -9223372036854775808]  (NaT)
    ['timedelta64[ms]', () => new NDArray({ buffer: new BigInt64Array([3n, -(2n ** 63n)]).buffer, dtype: 'm8[ms]', shape: [2] }), [3, 'NaT']],
    // [[9, 5, 1], [21, 17, 13]]  for np.arange(24).reshape(2, 3, 4)[:, ::-1, 1]
    [
      'a strided 2-d view',
      () => asarray(new Int32Array(24).map((_, i) => i)).reshape(2, 3, 4).slice(':', '::-1', 1),
      [[9, 5, 1], [21, 17, 13]],
    ],
  ])('%s', (_, make, expected) => {
    expect(make().toJSON()).toEqual(expected);
  });

  it('makes JSON.stringify write the values, nothing silently lost', () => {
    expect(JSON.stringify(float64([1, NaN, -Infinity]))).toBe('[1,"NaN","-Infinity"]');
    expect(JSON.stringify({ a: asarray(new BigInt64Array([2n ** 60n])) })).toBe('{"a":["1152921504606846976"]}');
    expect(JSON.stringify(float64([-0]))).toBe('[0]');
  });

  it('throws for data it cannot read, as toArray does', () => {
    const a = float64([1]);
    a[Symbol.dispose]();
    expectError(() => JSON.stringify(a), TypeError, 'ERR_DETACHED', 'this array has been disposed');
  });
});
