// Equality of structured (record) arrays, as NumPy's == compares them: field
// by field in order (names may differ, the number of fields may not), an
// element equal when every field is, NaN unequal to itself, NaT too. NumPy
// does this in the operator (its equal ufunc has no structured loop); JS
// has no operators, so equal and not_equal take it here.
import { type DType } from '../dtype/dtype.js';
import { makeError } from '../base/errors.js';
import { broadcastShapes } from '../array/broadcast.js';
import { bool as boolType } from '../dtype/promotion.js';
import { NDArray } from '../array/ndarray.js';
import { checkReadable, isNDArray, uninitializedArray } from './arrays.js';
import { noLoopError } from './loop-selection.js';
import { NAT } from '../dtype/datetime-units.js';
import { deliver, operandTypesOf, valuesAt, writeAll } from './element-loops.js';

/** Whether any input is a structured array. */
export function hasStructuredInput(inputs: readonly unknown[]): boolean {
  return inputs.some((x) => isNDArray(x) && x.dtype.fields !== null);
}

function fieldView(a: NDArray, index: number): NDArray {
  const field = a.dtype.fields![index]!;
  if (field.shape !== undefined || field.dtype.fields !== null) {
    throw makeError(TypeError, 'ERR_UFUNC_TYPE', 'equality of structured arrays with nested or sub-array fields is not supported');
  }
  return NDArray._fromValidated({ buffer: a.buffer, byteOffset: a.byteOffset + field.offset, dtype: field.dtype, shape: a.shape, strides: a.strides, readonly: true });
}

function sameValue(x: unknown, y: unknown, dt: DType): boolean {
  if ((dt.kind === 'M' || dt.kind === 'm') && (x === NAT || y === NAT)) return false;
  if (x instanceof Uint8Array && y instanceof Uint8Array) return x.length === y.length && x.every((v, i) => v === y[i]);
  if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
    const a = x as { re: number; im: number };
    const b = y as { re: number; im: number };
    return a.re === b.re && a.im === b.im;
  }
  // Fields of different types compare by value (int32 5 equals int64 5n, true equals 1).
  const plain = (v: unknown): unknown => (typeof v === 'boolean' ? Number(v) : v);
  const [p, q] = [plain(x), plain(y)];
  if (typeof p === 'bigint' || typeof q === 'bigint') {
    const whole = (v: unknown): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
    return whole(p) && whole(q) && BigInt(p) === BigInt(q);
  }
  return p === q;
}

/** equal/not_equal of structured arrays (NumPy's ==/!=); NumPy's TypeError for any other ufunc or operand. */
export function structuredElementwise(
  name: string,
  inputs: readonly unknown[],
  outs: readonly (NDArray | null)[],
  where: NDArray | undefined,
): NDArray[] {
  if ((name !== 'equal' && name !== 'not_equal') || inputs.length !== 2) throw noLoopError(name, operandTypesOf(inputs));
  const [a, b] = inputs;
  if (!isNDArray(a) || !isNDArray(b) || a.dtype.fields === null || b.dtype.fields === null || a.dtype.fields.length !== b.dtype.fields.length) {
    throw makeError(TypeError, 'ERR_UFUNC_TYPE', 'Cannot compare structured arrays unless they have a common dtype.  I.e. `np.result_type(arr1, arr2)` must be defined.');
  }
  const left = checkReadable(a);
  const right = checkReadable(b);
  const out = outs[0] ?? null;
  const shape = broadcastShapes([left.shape, right.shape, ...(out ? [out.shape] : []), ...(where ? [where.shape] : [])]);
  let equalAll: boolean[] = Array<boolean>(shape.reduce((n, d) => n * d, 1)).fill(true);
  left.dtype.fields!.forEach((_, i) => {
    const x = fieldView(left, i);
    const y = fieldView(right, i);
    const xs = valuesAt(x, shape);
    const ys = valuesAt(y, shape);
    equalAll = equalAll.map((e, k) => e && sameValue(xs[k], ys[k], x.dtype) && sameValue(xs[k], ys[k], y.dtype));
  });
  const result = uninitializedArray(shape, boolType);
  writeAll(result, name === 'equal' ? equalAll : equalAll.map((e) => !e));
  return [deliver(name, result, out, where, shape)];
}
