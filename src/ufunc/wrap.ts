// Which class a ufunc's new results take, by NumPy's __array_wrap__ rule:
// the class of the input NDArray subclass with the highest
// `__array_priority__` (ties: the first), over plain NDArray inputs; JS
// scalars and array-likes take no part. Results of a subclass stay arrays
// even when 0-d (NumPy's ndarray.__array_wrap__ for subclasses), made as
// views of the result with the subclass's __array_finalize__ called.
import { NDArray, arraySubclass, asClassOf } from '../array/ndarray.js';
import { readScalar } from './operands.js';

function priorityOf(array: NDArray): number {
  const priority = (array as { __array_priority__?: unknown }).__array_priority__;
  return typeof priority === 'number' && !Number.isNaN(priority) ? priority : 0;
}

/** The input whose class new results take, or undefined when every NDArray input is a plain NDArray. */
export function wrapSource(inputs: readonly unknown[]): NDArray | undefined {
  let chosen: NDArray | undefined;
  let best = -Infinity;
  for (const input of inputs) {
    if (!(input instanceof NDArray) || arraySubclass(input) === undefined) continue;
    const priority = priorityOf(input);
    if (chosen === undefined || priority > best) {
      chosen = input;
      best = priority;
    }
  }
  return chosen;
}

/** A new result as the caller sees it: of the wrapping input's class, else a JS scalar when 0-d. */
export function wrapResult(result: NDArray, source: NDArray | undefined): unknown {
  if (source !== undefined) return asClassOf(result, source);
  return result.shape.length === 0 ? readScalar(result) : result;
}
