// The ufunc loops NumPy has for its fixed-width string dtypes 'S' (bytes)
// and 'U' (UCS-4 text), computed in JS: `add` concatenates (the result's
// length is the sum of the two), and the six comparisons compare by byte or
// by code point, trailing NULs ignored, as NumPy does. Both inputs must be
// of one string kind (NumPy has no 'S'/'U' mixed loops, and none with
// numbers); a JS string is a 'U' input. The logical ufuncs take strings
// through their truth instead (call.ts). Anything else with a string input
// is NumPy's no-loop TypeError.
import { type DType, dtype as toDType } from '../dtype/dtype.js';
import { makeError } from '../base/errors.js';
import { broadcastShapes } from '../array/broadcast.js';
import { asarray } from '../interop/asarray.js';
import { type NDArray, checkReadable, isNDArray, uninitializedArray } from './arrays.js';
import { comparisons, deliver, operandTypesOf, valuesAt, writeAll } from './element-loops.js';
import { noLoopError, noSignatureLoopError } from './loop-selection.js';
import { bool as boolType } from '../dtype/promotion.js';

/** Whether any input is a string array or a JS string. */
export function hasStringInput(inputs: readonly unknown[]): boolean {
  return inputs.some((x) => typeof x === 'string' || (isNDArray(x) && (x.dtype.kind === 'S' || x.dtype.kind === 'U')));
}

// Code point order of two strings (JS's < compares UTF-16 units, which puts
// U+E000 above U+1F600).
function compareText(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const d = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return left.length - right.length;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * `add` or a comparison of string inputs: the results (one array), or
 * NumPy's TypeError when the ufunc has no string loop or the inputs are not
 * all of one string kind. `out` receives the result (cast); `where` is
 * taken by the comparisons.
 */
export function stringElementwise(
  name: string,
  inputs: readonly unknown[],
  outs: readonly (NDArray | null)[],
  where: NDArray | undefined,
  dtype: DType | undefined,
): NDArray[] {
  const compare = comparisons[name];
  const arrays = inputs.map((x) => (typeof x === 'string' ? asarray(x) : isNDArray(x) ? checkReadable(x) : undefined));
  const kinds = new Set(arrays.map((a) => a?.dtype.kind));
  const kind = arrays[0]?.dtype.kind;
  if ((!compare && name !== 'add') || inputs.length !== 2 || kinds.size !== 1 || (kind !== 'S' && kind !== 'U')) {
    throw noLoopError(name, operandTypesOf(inputs));
  }
  if (dtype && !(compare !== undefined && dtype.kind === 'b') && !(name === 'add' && dtype.kind === kind)) {
    throw noSignatureLoopError(name);
  }
  const [a, b] = arrays as [NDArray, NDArray];
  const out = outs[0] ?? null;
  const shape = broadcastShapes([a.shape, b.shape, ...(out ? [out.shape] : []), ...(where ? [where.shape] : [])]);
  const left = valuesAt(a, shape);
  const right = valuesAt(b, shape);
  let result: NDArray;
  if (compare) {
    const order = kind === 'U' ? (x: unknown, y: unknown) => compareText(x as string, y as string) : (x: unknown, y: unknown) => compareBytes(x as Uint8Array, y as Uint8Array);
    result = uninitializedArray(shape, boolType);
    writeAll(result, left.map((x, i) => compare(order(x, right[i]))));
  } else {
    if (where) throw makeError(TypeError, 'ERR_UFUNC_TYPE', "add of strings takes no 'where' here");
    const unit = kind === 'U' ? 4 : 1;
    const length = a.dtype.itemsize / unit + b.dtype.itemsize / unit;
    result = uninitializedArray(shape, toDType(kind === 'U' ? `<U${length}` : `S${length}`));
    const joined = left.map((x, i) => {
      if (kind === 'U') return (x as string) + (right[i] as string);
      const y = right[i] as Uint8Array;
      const bytes = new Uint8Array((x as Uint8Array).length + y.length);
      bytes.set(x as Uint8Array);
      bytes.set(y, (x as Uint8Array).length);
      return bytes;
    });
    writeAll(result, joined);
  }
  return [deliver(name, result, out, where, shape)];
}
