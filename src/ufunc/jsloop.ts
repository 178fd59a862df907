// Inner loops written in JS, for user-defined ufuncs (createUfunc): a strided
// walk over all operands that reads inputs, calls the element function, and
// writes its results.
import type { UfuncLoop } from './loop-selection.js';
import { type LoopOperand, dataViewOf, readerFor, writerFor } from './arrays.js';
import type { Scalar } from './operands.js';
import { makeError } from '../base/errors.js';

/** An element function: the inputs' values in, one value (or one per output) out. */
export type ElementFunction = (...inputs: Scalar[]) => Scalar | Scalar[];

/** Calls `visit` with every element's byte offset in each operand (C order over `shape`). */
export function walkOperands(operands: readonly LoopOperand[], shape: readonly number[], visit: (offsets: number[]) => void): void {
  for (const n of shape) if (n === 0) return;
  const ndim = shape.length;
  const offsets = operands.map((o) => o.byteOffset);
  const index = new Array<number>(ndim).fill(0);
  for (;;) {
    visit(offsets);
    let d = ndim - 1;
    for (; d >= 0; d--) {
      index[d]! += 1;
      for (let k = 0; k < operands.length; k++) offsets[k]! += operands[k]!.strides[d]!;
      if (index[d]! < shape[d]!) break;
      for (let k = 0; k < operands.length; k++) offsets[k]! -= operands[k]!.strides[d]! * shape[d]!;
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

/** Runs `fn` as the inner loop `loop` over the operands; JS arithmetic raises no fp flags. */
export function runElementFunction(
  name: string,
  fn: ElementFunction,
  loop: UfuncLoop,
  operands: readonly LoopOperand[],
  shape: readonly number[],
  where?: LoopOperand,
): number {
  const nin = loop.inputs.length;
  const nout = loop.outputs.length;
  const readers = loop.inputs.map(readerFor);
  const writers = loop.outputs.map(writerFor);
  const views = operands.map((o) => dataViewOf(o.buffer));
  const all = where ? [...operands, where] : operands;
  const maskView = where ? dataViewOf(where.buffer) : undefined;
  const args = new Array<Scalar>(nin);
  walkOperands(all, shape, (offsets) => {
    if (maskView && maskView.getUint8(offsets[nin + nout]!) === 0) return;
    for (let i = 0; i < nin; i++) args[i] = readers[i]!(views[i]!, offsets[i]!) as Scalar;
    const result = fn(...args);
    if (nout === 1) {
      writers[0]!(views[nin]!, offsets[nin]!, result);
      return;
    }
    if (!Array.isArray(result) || result.length !== nout) {
      throw makeError(TypeError, 'ERR_INVALID_RETURN_VALUE', `loop '${loop.signature}' of ufunc '${name}' must return an array of ${nout} values`);
    }
    for (let j = 0; j < nout; j++) writers[j]!(views[nin + j]!, offsets[nin + j]!, result[j]);
  });
  return 0;
}
