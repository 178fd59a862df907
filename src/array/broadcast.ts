// NumPy broadcasting: the common shape of several operands, and the byte
// strides that view an operand at that shape (0 along broadcast dimensions).
import { makeError } from '../base/errors.js';

/** A shape as NumPy writes it in broadcasting errors: (2,3), (3,), (). */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

function broadcastError(shapes: readonly (readonly number[])[]): RangeError {
  // NumPy follows every shape with one space, including the last.
  const listed = shapes.map((shape) => `${formatShape(shape)} `).join('');
  return makeError(RangeError, 'ERR_BROADCAST', `operands could not be broadcast together with shapes ${listed}`);
}

/** The broadcast shape of `shapes`; throws NumPy's message (listing every shape) when they are incompatible. */
export function broadcastShapes(shapes: readonly (readonly number[])[]): number[] {
  let ndim = 0;
  for (const shape of shapes) if (shape.length > ndim) ndim = shape.length;
  // Filled by push: Array.prototype.fill is a runtime call, slow on hot paths.
  const result: number[] = [];
  for (let i = 0; i < ndim; i++) result.push(1);
  for (const shape of shapes) {
    const offset = ndim - shape.length;
    for (let i = 0; i < shape.length; i++) {
      const size = shape[i]!;
      const have = result[offset + i]!;
      if (size === have || size === 1) continue;
      if (have === 1) result[offset + i] = size;
      else throw broadcastError(shapes);
    }
  }
  return result;
}

/** Byte strides that present an operand of `shape`/`strides` at the (compatible) broadcast `target` shape. */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] {
  const offset = target.length - shape.length;
  const result: number[] = [];
  for (let i = 0; i < offset; i++) result.push(0);
  for (let i = 0; i < shape.length; i++) result.push(shape[i] === 1 && target[offset + i] !== 1 ? 0 : strides[i]!);
  return result;
}

/** True when `shape` broadcasts to exactly `target` (NumPy's rule for `out`). */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Number of elements of a shape. */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const n of shape) size *= n;
  return size;
}
