// Memory a pending `.async` call writes is busy for reads as well as writes
// (issue 13 item 2): a forgotten `await` must not read a half-written output.
// Every synchronous path that reads such an array (element access, copies,
// views, ufunc inputs on every path, exports, the array interface, adapters)
// throws TypeError ERR_BUSY naming the pending call; printing shows a
// placeholder. Memory a pending call only reads stays readable. Expected
// values are computed by hand (NumPy gives the same).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  NDArray,
  add,
  arrayInterface,
  asarray,
  createUfunc,
  fromDlpack,
  fromDlpackPointer,
  logical_not,
  matmul,
  multiply,
  sqrt,
  subtract,
  toDlpack,
  toDlpackPointer,
  toOrtTensor,
  toScijs,
  toStdlib,
  vecdot,
} from '../../src/index.js';
import { expectError, expectRejection } from '../helpers/expect-error.js';

const written = (call: string): string => `its memory is being written by a pending ${call} call until its promise settles`;
const byReduce = written('add.reduce.async()');
const readRefused = `cannot read this array: ${byReduce}`;
const viewRefused = `cannot make a view of this array: ${byReduce}`;

function float64(values: number[]): NDArray {
  return asarray(new Float64Array(values));
}

/** `out` (4 float64) being written by a pending add.reduce.async(); it becomes [11, 22, 33, 44]. */
function pendingReduction(): { out: NDArray; pending: Promise<unknown> } {
  const m = float64([1, 2, 3, 4, 10, 20, 30, 40]).reshape(2, 4);
  const out = float64([0, 0, 0, 0]);
  return { out, pending: add.reduce.async(m, { axis: 0, out }) };
}

function expectReadRefused(fn: () => unknown, message = readRefused): void {
  expectError(fn, TypeError, 'ERR_BUSY', message);
}

describe("a pending call's output cannot be read through NDArray methods until the promise settles", () => {
  it('refuses element access: get, toArray, toTypedArray', async () => {
    const { out, pending } = pendingReduction();
    expectReadRefused(() => out.get(0));
    expectReadRefused(() => out.toArray());
    expectReadRefused(() => out.toTypedArray());
    await pending;
    expect(out.get(1)).toBe(22);
    expect(out.toArray()).toEqual([11, 22, 33, 44]);
    expect(Array.from(out.toTypedArray())).toEqual([11, 22, 33, 44]);
  });

  it('refuses copies: copy, astype to another dtype, to the same one, to the other byte order', async () => {
    const { out, pending } = pendingReduction();
    expectReadRefused(() => out.copy());
    expectReadRefused(() => out.astype('int32'));
    expectReadRefused(() => out.astype('float64'));
    expectReadRefused(() => out.astype('>f8'));
    expect(out.astype('float64', { copy: false })).toBe(out); // returns the array itself, reads nothing
    await pending;
    expect(out.copy().toArray()).toEqual([11, 22, 33, 44]);
    expect(out.astype('int32').toArray()).toEqual([11, 22, 33, 44]);
    expect(out.astype('>f8').toArray()).toEqual([11, 22, 33, 44]);
  });

  it('refuses making views (slice, transpose, T, reshape, broadcastTo) and reading views made before', async () => {
    const m = float64([1, 2, 3, 4, 10, 20, 30, 40]).reshape(2, 4);
    const out = float64([0, 0, 0, 0]);
    const tail = out.slice('2:');
    const pending = add.reduce.async(m, { axis: 0, out });
    expectReadRefused(() => out.slice('1:'), viewRefused);
    expectReadRefused(() => out.slice(0), viewRefused);
    expectReadRefused(() => out.transpose(), viewRefused);
    expectReadRefused(() => out.T, viewRefused);
    expectReadRefused(() => out.reshape(2, 2), viewRefused);
    expectReadRefused(() => out.broadcastTo([2, 4]), viewRefused);
    expectReadRefused(() => tail.get(0));
    await pending;
    expect(out.slice('1:').toArray()).toEqual([22, 33, 44]);
    expect(out.reshape(2, 2).toArray()).toEqual([
      [11, 22],
      [33, 44],
    ]);
    expect(out.broadcastTo([2, 4]).toArray()).toEqual([
      [11, 22, 33, 44],
      [11, 22, 33, 44],
    ]);
    expect(tail.toArray()).toEqual([33, 44]);
  });

  it('refuses a reshape that must copy', async () => {
    const a = float64([1, 2, 3, 4, 5, 6]).reshape(2, 3);
    const out = float64(new Array<number>(6).fill(0)).reshape(2, 3);
    const columns = out.T; // (3, 2), not C-contiguous: reshape(6) copies
    const pending = multiply.async(a, 2, { out });
    expectReadRefused(() => columns.reshape(6), `cannot read this array: ${written('multiply.async()')}`);
    await pending;
    expect(columns.reshape(6).toArray()).toEqual([2, 8, 4, 10, 6, 12]);
  });

  it('prints a placeholder with the reason instead of reading (inspect, toString, template strings)', async () => {
    const { out, pending } = pendingReduction();
    const placeholder = `array(<${readRefused}>, shape=(4,), dtype=float64)`;
    expect(inspect(out)).toBe(placeholder);
    expect(out.toString()).toBe(placeholder);
    expect(`${out}`).toBe(placeholder);
    await pending;
    expect(inspect(out)).toBe('array([11., 22., 33., 44.])');
    expect(String(out)).toBe('[11. 22. 33. 44.]');
  });
});

describe("a pending call's output cannot be a ufunc input until the promise settles", () => {
  it('refuses the tiny same-shape fast path (add, subtract, multiply of 4 and 64 elements)', async () => {
    const { out, pending } = pendingReduction();
    const sixtyFour = float64(new Array<number>(64).fill(0));
    const source = float64(Array.from({ length: 64 }, (_, i) => i));
    const big = add.async(source, source, { out: sixtyFour });
    expectReadRefused(() => add(out, out));
    expectReadRefused(() => subtract(out, out));
    expectReadRefused(() => multiply(out, out));
    expectReadRefused(() => add(sixtyFour, sixtyFour), `cannot read this array: ${written('add.async()')}`);
    await Promise.all([pending, big]);
    expect((add(out, out) as NDArray).toArray()).toEqual([22, 44, 66, 88]);
    expect((multiply(out, out) as NDArray).toArray()).toEqual([121, 484, 1089, 1936]);
    expect((add(sixtyFour, sixtyFour) as NDArray).get(63)).toBe(252);
  });

  it('refuses the general path: 65 elements, scalars, one-input ufuncs, another out', async () => {
    const { out, pending } = pendingReduction();
    const sixtyFive = float64(new Array<number>(65).fill(0));
    const source = float64(Array.from({ length: 65 }, (_, i) => i));
    const big = add.async(source, source, { out: sixtyFive });
    const other = float64([0, 0, 0, 0]);
    expectReadRefused(() => add(sixtyFive, sixtyFive), `cannot read this array: ${written('add.async()')}`);
    expectReadRefused(() => add(out, 1));
    expectReadRefused(() => add(1, out));
    expectReadRefused(() => sqrt(out));
    expectReadRefused(() => add(other, out, { out: other }));
    await Promise.all([pending, big]);
    expect((add(sixtyFive, sixtyFive) as NDArray).get(64)).toBe(256);
    expect((add(out, 1) as NDArray).toArray()).toEqual([12, 23, 34, 45]);
    expect(add(other, out, { out: other }).toArray()).toEqual([11, 22, 33, 44]);
  });

  it('refuses a where mask a pending call writes', async () => {
    const mask = asarray([true, true, true, true]);
    const pending = logical_not.async(asarray([false, true, false, true]), { out: mask });
    const x = float64([1, 2, 3, 4]);
    const target = float64([0, 0, 0, 0]);
    expectReadRefused(() => add(x, x, { out: target, where: mask }), `cannot read this array: ${written('logical_not.async()')}`);
    await pending;
    expect(add(x, x, { out: target, where: mask }).toArray()).toEqual([2, 0, 6, 0]);
  });

  it('refuses the inputs of ufuncs made with createUfunc', async () => {
    const twice = createUfunc({ name: 'twice', nin: 1, nout: 1, loops: { 'd->d': (x) => 2 * (x as number) } });
    const { out, pending } = pendingReduction();
    expectReadRefused(() => twice(out));
    await pending;
    expect((twice(out) as NDArray).toArray()).toEqual([22, 44, 66, 88]);
  });

  it('refuses reduce, accumulate (with its JS fast path), reduceat, outer and the values of at', async () => {
    const { out, pending } = pendingReduction();
    const target = float64([0, 0, 0, 0]);
    expectReadRefused(() => add.reduce(out));
    expectReadRefused(() => add.accumulate(out));
    expectReadRefused(() => multiply.accumulate(out));
    expectReadRefused(() => add.reduceat(out, [0, 2]));
    expectReadRefused(() => multiply.outer(out, out));
    expectReadRefused(() => add.at(target, [0, 1, 2, 3], out));
    await pending;
    expect(add.reduce(out)).toBe(110);
    expect((add.accumulate(out) as NDArray).toArray()).toEqual([11, 33, 66, 110]);
    expect((add.reduceat(out, [0, 2]) as NDArray).toArray()).toEqual([33, 77]);
    expect((multiply.outer(out, out) as NDArray).slice(0).toArray()).toEqual([121, 242, 363, 484]);
    add.at(target, [0, 1, 2, 3], out);
    expect(target.toArray()).toEqual([11, 22, 33, 44]);
  });

  it('refuses generalized ufuncs: the matmul fast call, the general call, vecdot', async () => {
    const product = float64([0, 0, 0, 0]).reshape(2, 2);
    const pending = matmul.async(float64([1, 2, 3, 4]).reshape(2, 2), float64([5, 6, 7, 8]).reshape(2, 2), { out: product });
    const identity = float64([1, 0, 0, 1]).reshape(2, 2);
    const byMatmul = `cannot read this array: ${written('matmul.async()')}`;
    expectReadRefused(() => matmul(product, product), byMatmul);
    expectReadRefused(() => matmul(identity, product), byMatmul);
    expectReadRefused(() => matmul(product, identity, { out: float64([0, 0, 0, 0]).reshape(2, 2) }), byMatmul);
    expectReadRefused(() => vecdot(product, identity), byMatmul);
    await pending;
    expect(product.toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect((matmul(product, product) as NDArray).toArray()).toEqual([
      [1307, 1518],
      [2967, 3446],
    ]);
    expect((vecdot(product, identity) as NDArray).toArray()).toEqual([19, 50]);
  });

  it('rejects async calls reading it, naming both the refused and the pending call', async () => {
    const { out, pending } = pendingReduction();
    await expectRejection(sqrt.async(out), TypeError, 'ERR_BUSY', `sqrt.async() cannot read an input: ${byReduce}`);
    await expectRejection(add.reduce.async(out), TypeError, 'ERR_BUSY', `add.reduce.async() cannot read an input: ${byReduce}`);
    await expectRejection(multiply.outer.async(out, out), TypeError, 'ERR_BUSY', `multiply.outer.async() cannot read an input: ${byReduce}`);
    await pending;
    expect(await add.reduce.async(out)).toBe(110);
  });
});

describe("a pending call's output cannot be exported until the promise settles", () => {
  it('refuses DLPack exports with and without a copy: toDlpack, __dlpack__, toDlpackPointer, fromDlpack', async () => {
    const { out, pending } = pendingReduction();
    const zeroCopy = `cannot export this array without copying: ${byReduce}`;
    const copied = `cannot export a copy of this array: ${byReduce}`;
    expectReadRefused(() => toDlpack(out), zeroCopy);
    expectReadRefused(() => toDlpack(out, { copy: true }), copied);
    expectReadRefused(() => out.__dlpack__(), zeroCopy);
    expectReadRefused(() => out.__dlpack__({ copy: true }), copied);
    expectReadRefused(() => toDlpackPointer(out, { versioned: true }), zeroCopy);
    expectReadRefused(() => toDlpackPointer(out, { versioned: true, copy: true }), copied);
    expectReadRefused(() => fromDlpack(out), zeroCopy);
    expectReadRefused(() => fromDlpack(out, { copy: true }), copied);
    await pending;
    expect(fromDlpack(toDlpack(out, { copy: true })).toArray()).toEqual([11, 22, 33, 44]);
    expect(fromDlpack(out).toArray()).toEqual([11, 22, 33, 44]);
    expect(fromDlpackPointer(toDlpackPointer(out, { versioned: true, copy: true }), { versioned: true }).toArray()).toEqual([11, 22, 33, 44]);
  });

  it('refuses a DLPack capsule exported before the call, taken back or handed to native code', async () => {
    const m = float64([1, 2, 3, 4, 10, 20, 30, 40]).reshape(2, 4);
    const out = float64([0, 0, 0, 0]);
    const early = toDlpack(out);
    const later = toDlpack(out);
    const pending = add.reduce.async(m, { axis: 0, out });
    expectReadRefused(() => fromDlpack(early));
    expectReadRefused(() => later.handle, `cannot export this array without copying: ${byReduce}`);
    await pending;
    expect(fromDlpack(early).toArray()).toEqual([11, 22, 33, 44]);
    expect(fromDlpack(later).toArray()).toEqual([11, 22, 33, 44]);
  });

  it('refuses the array interface in both forms', async () => {
    const { out, pending } = pendingReduction();
    const refused = `cannot describe this array in __array_interface__: ${byReduce}`;
    expectReadRefused(() => arrayInterface(out), refused);
    expectReadRefused(() => arrayInterface(out, { pointer: true }), refused);
    expectReadRefused(() => out.__array_interface__, refused);
    await pending;
    const iface = arrayInterface(out);
    expect([iface.shape, iface.typestr, iface.strides]).toEqual([[4], '<f8', null]);
    expect(Array.from(new Float64Array(iface.data as ArrayBuffer, iface.offset, 4))).toEqual([11, 22, 33, 44]);
  });

  it('refuses sharing with scijs ndarray, stdlib and onnxruntime', async () => {
    const { out, pending } = pendingReduction();
    const refused = `cannot share this array: ${byReduce}`;
    expectReadRefused(() => toScijs(out), refused);
    expectReadRefused(() => toStdlib(out), refused);
    expectReadRefused(() => toOrtTensor(out), refused);
    await pending;
    expect(Array.from(toScijs(out).data as Float64Array)).toEqual([11, 22, 33, 44]);
    expect(Array.from(toOrtTensor(out).data as Float64Array)).toEqual([11, 22, 33, 44]);
  });
});

describe('the refusal names the pending call that writes the memory', () => {
  it.each([
    ['add.async()', (out: NDArray) => add.async(float64([1, 2, 3, 4]), float64([10, 20, 30, 40]), { out }), [11, 22, 33, 44]],
    ['add.accumulate.async()', (out: NDArray) => add.accumulate.async(float64([1, 2, 3, 4]), { out }), [1, 3, 6, 10]],
    ['multiply.reduceat.async()', (out: NDArray) => multiply.reduceat.async(float64([1, 2, 3, 4, 5, 6, 7, 8]), [0, 2, 4, 6], { out }), [2, 12, 30, 56]],
    ['subtract.outer.async()', (out: NDArray) => subtract.outer.async(float64([10, 20]), float64([1, 2]), { out: out.reshape(2, 2) }), [9, 8, 19, 18]],
    ['add.at.async()', (out: NDArray) => add.at.async(out, [0, 0, 3], 1), [2, 0, 0, 1]],
  ] as const)('%s', async (call, start, expected) => {
    const out = float64([0, 0, 0, 0]);
    const pending = start(out);
    expectReadRefused(() => out.get(0), `cannot read this array: ${written(call)}`);
    expectReadRefused(() => add(out, out), `cannot read this array: ${written(call)}`);
    await pending;
    expect(out.toArray()).toEqual(expected);
  });
});

describe('memory a pending call only reads stays readable', () => {
  it("reads the inputs of a pending call on every path while its output is refused", async () => {
    const x = float64([1, 4, 9, 16]);
    const roots = float64([0, 0, 0, 0]);
    const pending = sqrt.async(x, { out: roots });
    const bySqrt = `cannot read this array: ${written('sqrt.async()')}`;
    expectReadRefused(() => roots.get(0), bySqrt);
    expectReadRefused(() => add(roots, x), bySqrt);
    expect(x.get(1)).toBe(4);
    expect(x.toArray()).toEqual([1, 4, 9, 16]);
    expect(x.slice('1:').toArray()).toEqual([4, 9, 16]);
    expect(x.copy().toArray()).toEqual([1, 4, 9, 16]);
    expect((add(x, x) as NDArray).toArray()).toEqual([2, 8, 18, 32]);
    expect(add.reduce(x)).toBe(30);
    expect(inspect(x)).toBe('array([ 1.,  4.,  9., 16.])');
    expect(arrayInterface(x).shape).toEqual([4]);
    expect(fromDlpack(toDlpack(x, { copy: true })).toArray()).toEqual([1, 4, 9, 16]);
    await expect(add.async(x, 1)).resolves.toBeInstanceOf(NDArray);
    await pending;
    expect(roots.toArray()).toEqual([1, 2, 3, 4]);
  });
});
