// The element-by-element machinery of the ufunc loops computed in JS over
// dtypes the native kernels do not take (strings.ts, datetime.ts): reading
// operands broadcast to the call's shape, writing results, and delivering
// them into `out` under `where` as a native call would.
import { elementWriter } from '../dtype/elements.js';
import { broadcastStrides } from '../array/broadcast.js';
import { canCast, outputCastingError } from '../dtype/casting.js';
import { type NDArray, isNDArray, readerFor, uninitializedArray } from './arrays.js';
import { type OperandType } from './loop-selection.js';
import { weakKindOf } from './operands.js';
import { asarray } from '../interop/asarray.js';
import { castInto } from './engine.js';

/** The six comparison ufuncs, as a test of an order (negative, zero, positive). */
export const comparisons: Readonly<Record<string, (order: number) => boolean>> = {
  equal: (order) => order === 0,
  not_equal: (order) => order !== 0,
  less: (order) => order < 0,
  less_equal: (order) => order <= 0,
  greater: (order) => order > 0,
  greater_equal: (order) => order >= 0,
};

/** The operand types a no-loop error names: an array's dtype, a JS scalar's weak kind, anything else as asarray reads it. */
export function operandTypesOf(inputs: readonly unknown[]): OperandType[] {
  return inputs.map((x) => (isNDArray(x) ? x.dtype : weakKindOf(x) ?? asarray(x as never).dtype));
}

/** The elements of `a` broadcast to `shape`, in C order. */
export function valuesAt(a: NDArray, shape: readonly number[]): unknown[] {
  const view = a._derive({ shape: [...shape], strides: broadcastStrides(a.shape, a.strides, shape), byteOffset: a.byteOffset }, true);
  const data = a._dataView();
  const read = readerFor(a.dtype);
  const values: unknown[] = [];
  view._forEachOffset((offset) => values.push(read(data, offset)));
  return values;
}

/** Writes `values` (C order) into the elements of `target`. */
export function writeAll(target: NDArray, values: readonly unknown[]): void {
  const data = target._dataView();
  const write = elementWriter(target.dtype);
  let i = 0;
  target._forEachOffset((offset) => write(data, offset, values[i++]));
}

/**
 * A computed result (of the call's shape) as the call returns it: itself
 * without `out`; otherwise written into `out` (cast), only where `where`
 * holds when it is given, and `out` returned.
 */
export function deliver(name: string, result: NDArray, out: NDArray | null, where: NDArray | undefined, shape: readonly number[]): NDArray {
  if (!out) return result;
  if (!canCast(result.dtype, out.dtype, 'same_kind')) throw outputCastingError(name, result.dtype, out.dtype, 'same_kind');
  if (!where) {
    castInto(result, out);
    return out;
  }
  // Masked slots keep out's values: the result in out's dtype, then chosen per slot.
  const converted = uninitializedArray(shape, out.dtype);
  castInto(result, converted);
  const mask = valuesAt(where, shape);
  const current = valuesAt(out, shape);
  writeAll(out, valuesAt(converted, shape).map((v, i) => (mask[i] ? v : current[i])));
  return out;
}
