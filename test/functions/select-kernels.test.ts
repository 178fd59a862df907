// The native where/nonzero/take kernels (native/core/kernels/select.cc)
// against NumPy 2.4 at the edges the JS paths used to cover: every element
// width (1 to 16 bytes), broadcast scalars on either side, multi-axis
// nonzero over large and non-contiguous masks, take's modes with negative
// and out-of-range indices, chunks wider than 8 bytes, misaligned sources.
// Then the bindings' own argument checks: a wrong call throws, never reads
// or writes outside its buffers.
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';
import { native } from '../../src/base/native.js';
import { expectError } from '../helpers/expect-error.js';
import { type Case, hasNumpy, mk, runCases, skipReason } from './numpy-cases.js';

const d = describe.skipIf(!hasNumpy);
if (!hasNumpy) console.warn(skipReason);

d('native select kernels match NumPy', () => {
  it('where over every element width, scalars on either side', () => {
    const cases: Case[] = [];
    const cond = 'np.array([True, False, True, True, False, False, True])';
    const c = () => nd.asarray([true, false, true, true, false, false, true]);
    for (const dt of ['bool', 'int8', 'int16', 'float16', 'int32', 'float32', 'int64', 'uint64', 'float64', 'complex64', 'complex128']) {
      const x = `mk('${dt}', [7])`;
      const y = `mk('${dt}', [7], 'rev')`;
      cases.push({ label: `where ${dt}`, js: () => nd.where(c(), mk(dt, [7]), mk(dt, [7], 'rev').copy()), py: `np.where(${cond}, ${x}, ${y}.copy())` });
      cases.push({ label: `where ${dt} x scalar`, js: () => nd.where(c(), mk(dt, [7]).get(3) as never, mk(dt, [7]).copy()), py: `np.where(${cond}, ${x}[3], ${x}.copy())` });
      cases.push({ label: `where ${dt} y 0-d`, js: () => nd.where(c(), mk(dt, [7]), nd.asarray(mk(dt, [7]).get(2) as never, { dtype: dt })), py: `np.where(${cond}, ${x}, np.asarray(${x}[2], '${dt}'))` });
    }
    cases.push({ label: 'where both 0-d', js: () => nd.where(c(), nd.asarray(1.5), nd.asarray(-2.5)), py: `np.where(${cond}, np.asarray(1.5), np.asarray(-2.5))` });
    cases.push({ label: 'where 2-d, mask bytes not 0/1', js: () => nd.where(nd.frombuffer(new Uint8Array([0, 2, 255, 0, 1, 0]).buffer, 'bool').reshape(2, 3), mk('float64', [2, 3]), 0), py: "np.where(np.array([0, 2, 255, 0, 1, 0], np.uint8).view(bool).reshape(2, 3), mk('float64', [2, 3]), 0)" });
    runCases(cases);
  });

  it('nonzero over 1 to 4 axes, large and non-contiguous masks', () => {
    const cases: Case[] = [];
    for (const shape of [[9], [3, 4], [2, 3, 4], [2, 1, 3, 2], [0, 3], [3, 0]]) {
      cases.push({ label: `nonzero ${shape}`, js: () => nd.nonzero(mk('int16', shape)), py: `np.nonzero(mk('int16', ${JSON.stringify(shape)}))` });
      cases.push({ label: `nonzero T ${shape}`, js: () => nd.nonzero(mk('float32', shape, 'T')), py: `np.nonzero(mk('float32', ${JSON.stringify(shape)}, 'T'))` });
    }
    cases.push({ label: 'nonzero 100000 bool', js: () => nd.nonzero(nd.equal(nd.fmod(nd.arange(100000), 7), 3)), py: 'np.nonzero(np.fmod(np.arange(100000), 7) == 3)' });
    cases.push({ label: 'flatnonzero via compress', js: () => nd.compress(mk('int8', [9]), nd.arange(9)), py: "np.compress(mk('int8', [9]), np.arange(9))" });
    runCases(cases);
  });

  it('take: modes, negative and out-of-range indices, wide chunks, misaligned sources', () => {
    const cases: Case[] = [];
    const idx = '[0, -1, 5, -7, 2, 11, -12]';
    const jsIdx = () => nd.asarray([0, -1, 5, -7, 2, 11, -12]);
    for (const mode of ['wrap', 'clip'] as const) {
      for (const dt of ['int8', 'float16', 'float32', 'float64', 'complex128']) {
        cases.push({ label: `take ${dt} ${mode}`, js: () => nd.take(mk(dt, [6]), jsIdx(), { mode }), py: `np.take(mk('${dt}', [6]), ${idx}, mode='${mode}')` });
      }
      cases.push({ label: `take axis 0 rows ${mode}`, js: () => nd.take(mk('float64', [6, 3]), jsIdx(), { axis: 0, mode }), py: `np.take(mk('float64', [6, 3]), ${idx}, axis=0, mode='${mode}')` });
      cases.push({ label: `take axis 1 ${mode}`, js: () => nd.take(mk('int32', [2, 6, 2], 'T'), jsIdx(), { axis: 1, mode }), py: `np.take(mk('int32', [2, 6, 2], 'T'), ${idx}, axis=1, mode='${mode}')` });
    }
    cases.push({ label: 'take raise, first bad index', js: () => nd.take(mk('float64', [6]), jsIdx()), py: `np.take(mk('float64', [6]), ${idx})` });
    cases.push({ label: 'take 2-d indices', js: () => nd.take(mk('int64', [6]), nd.asarray([[1, -2], [3, 0]])), py: "np.take(mk('int64', [6]), [[1, -2], [3, 0]])" });
    cases.push({ label: 'take from an empty axis', js: () => nd.take(nd.zeros([2, 0]), nd.asarray([0]), { axis: 1 }), py: 'np.take(np.zeros((2, 0)), [0], axis=1)' });
    cases.push({ label: 'take with no rows', js: () => nd.take(nd.zeros([0, 3]), nd.asarray([5]), { axis: 1 }), py: 'np.take(np.zeros((0, 3)), [5], axis=1)' });
    cases.push({
      label: 'take from a misaligned float64 view',
      js: () => nd.take(nd.frombuffer(new Uint8Array(8 * 6 + 1).buffer, 'float64', { offset: 1, count: 6 }), nd.asarray([5, 0, 2])),
      py: "np.take(np.frombuffer(bytes(8 * 6 + 1), 'float64', offset=1, count=6), [5, 0, 2])",
    });
    cases.push({ label: 'getMask rows', js: () => mk('float64', [4, 3]).getMask(nd.asarray([true, false, false, true])), py: "mk('float64', [4, 3])[np.array([True, False, False, True])]" });
    runCases(cases);
  });
});

describe('the select bindings check their arguments', () => {
  const bytes = (n: number) => new Uint8Array(n);
  it('selectWhere refuses short, misaligned or unsupported operands', () => {
    expectError(() => native.selectWhere(bytes(4), bytes(3 * 8), 1, bytes(4 * 8), 1, new Uint8Array(4 * 8), 8), TypeError, 'ERR_INVALID_ARG_TYPE', 'selectWhere: an operand is shorter than the mask or not aligned to its width');
    expectError(() => native.selectWhere(bytes(4), new Uint8Array(new ArrayBuffer(40), 1, 32), 1, bytes(32), 1, bytes(32), 8), TypeError, 'ERR_INVALID_ARG_TYPE', 'selectWhere: an operand is shorter than the mask or not aligned to its width');
    expectError(() => native.selectWhere(bytes(4), bytes(12), 1, bytes(12), 1, bytes(12), 3), TypeError, 'ERR_INVALID_ARG_TYPE', 'selectWhere: unsupported width or step');
    expectError(() => native.selectWhere(bytes(4), bytes(4), 2 as 1, bytes(4), 1, bytes(4), 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'selectWhere: unsupported width or step');
  });
  it('nonzeroCoordinates refuses a shape that does not fit the mask and short outputs', () => {
    expectError(() => native.nonzeroCoordinates(bytes(6), [2, 2], [new BigInt64Array(6), new BigInt64Array(6)]), TypeError, 'ERR_INVALID_ARG_TYPE', "nonzeroCoordinates: the mask does not hold shape's element count");
    expectError(() => native.nonzeroCoordinates(new Uint8Array([1, 1, 1]), [3], [new BigInt64Array(2)]), TypeError, 'ERR_INVALID_ARG_TYPE', 'nonzeroCoordinates: a coords array is shorter than the nonzero count');
    expectError(() => native.nonzeroCoordinates(bytes(1), [], []), TypeError, 'ERR_INVALID_ARG_TYPE', 'nonzeroCoordinates: ndim must be 1 to 64, one coords array per axis');
  });
  it('nonzeroCoordinates writes nothing past the nonzero count (trailing false elements)', () => {
    const storage = new BigInt64Array([-7n, -7n, -7n, -7n]);
    native.nonzeroCoordinates(new Uint8Array([0, 1, 0, 0, 0]), [5], [storage.subarray(0, 1)]);
    expect([...storage]).toEqual([1n, -7n, -7n, -7n]);
    const rows = new BigInt64Array([-7n, -7n, -7n]);
    const cols = new BigInt64Array([-7n, -7n, -7n]);
    native.nonzeroCoordinates(new Uint8Array([0, 1, 0, 0, 1, 0]), [2, 3], [rows.subarray(0, 2), cols.subarray(0, 2)]);
    expect([[...rows], [...cols]]).toEqual([[0n, 1n, -7n], [1n, 1n, -7n]]);
  });
  it('takeAlong refuses short buffers, an empty axis and a bad mode', () => {
    const idx = new BigInt64Array([0n, 1n]);
    expectError(() => native.takeAlong(bytes(8 * 3), bytes(8), idx, 3, 1, 8, 0), TypeError, 'ERR_INVALID_ARG_TYPE', 'takeAlong: from or to is shorter than its shape');
    expectError(() => native.takeAlong(bytes(8 * 3), bytes(16), idx, 4, 1, 8, 0), TypeError, 'ERR_INVALID_ARG_TYPE', 'takeAlong: from or to is shorter than its shape');
    expectError(() => native.takeAlong(bytes(0), bytes(16), idx, 0, 1, 8, 0), TypeError, 'ERR_INVALID_ARG_TYPE', 'takeAlong: cannot take from an empty axis');
    expectError(() => native.takeAlong(bytes(24), bytes(16), idx, 3, 1, 8, 3 as 0), TypeError, 'ERR_INVALID_ARG_TYPE', 'takeAlong: mode must be 0 (raise), 1 (wrap) or 2 (clip)');
    expect(native.takeAlong(bytes(24), bytes(16), new BigInt64Array([0n, 3n]), 3, 1, 8, 0)).toBe(1);
  });
});
