// Basic indexing (integers, 'start:stop:step' strings, null for a new axis,
// '...') and the other pure layout transforms: transpose, reshape without a
// copy (NumPy's _attempt_nocopy_reshape), broadcast strides. Each works on
// (shape, byte strides, byteOffset) only and never touches element data.
import { describeValue, makeError } from '../base/errors.js';
import { maxDims, shapeText } from '../base/validate.js';

/** One index of NDArray.slice: an integer, a 'start:stop:step' string, null (new axis) or '...'. */
export type IndexSpec = number | string | null;

export interface Layout {
  shape: number[];
  strides: number[];
  byteOffset: number;
}

export interface SliceBounds {
  start: number | undefined;
  stop: number | undefined;
  step: number | undefined;
}

const sliceText = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*(?::\s*([+-]?\d+)?\s*)?$/;

/** A 'start:stop:step' string as slice bounds (TypeError for anything else). */
export function parseSlice(spec: string): SliceBounds {
  const match = sliceText.exec(spec);
  if (!match) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an index (integer, 'start:stop:step' string, null or '...'), got ${describeValue(spec)}`);
  }
  const part = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
  return { start: part(match[1]), stop: part(match[2]), step: part(match[3]) };
}

/** Python's slice.indices(length): clipped start, the step, and the number of elements. */
export function sliceIndices(bounds: SliceBounds, length: number): { start: number; step: number; count: number } {
  const step = bounds.step ?? 1;
  if (step === 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'slice step cannot be zero');
  const lower = step > 0 ? 0 : -1;
  const upper = step > 0 ? length : length - 1;
  const clip = (value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const shifted = value < 0 ? value + length : value;
    return Math.min(Math.max(shifted, lower), upper);
  };
  const start = clip(bounds.start, step > 0 ? lower : upper);
  const stop = clip(bounds.stop, step > 0 ? upper : lower);
  const span = step > 0 ? stop - start : start - stop;
  const count = span <= 0 ? 0 : Math.floor((span - 1) / Math.abs(step)) + 1;
  return { start, step, count };
}

function checkIndex(index: number, length: number, axis: number): number {
  if (!Number.isSafeInteger(index)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an integer index for axis ${axis}, got ${describeValue(index)}`);
  }
  const position = index < 0 ? index + length : index;
  if (position < 0 || position >= length) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `index ${index} is out of bounds for axis ${axis} with size ${length}`);
  }
  return position;
}

function isEllipsis(spec: IndexSpec): boolean {
  return typeof spec === 'string' && spec.trim() === '...';
}

/** The view selected by `specs`, NumPy basic-indexing rules. */
export function sliceLayout(layout: Layout, specs: readonly IndexSpec[]): Layout {
  const ndim = layout.shape.length;
  let ellipses = 0;
  let consumed = 0;
  for (const spec of specs) {
    if (isEllipsis(spec)) ellipses += 1;
    else if (spec !== null) consumed += 1;
  }
  if (ellipses > 1) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', "an index can only have a single ellipsis ('...')");
  if (consumed > ndim) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `too many indices for array: array is ${ndim}-dimensional, but ${consumed} were indexed`);
  }
  const shape: number[] = [];
  const strides: number[] = [];
  let byteOffset = layout.byteOffset;
  let axis = 0;
  const keepAxes = (count: number): void => {
    for (let k = 0; k < count; k += 1, axis += 1) {
      shape.push(layout.shape[axis]!);
      strides.push(layout.strides[axis]!);
    }
  };
  for (const spec of specs) {
    if (spec === null) {
      shape.push(1);
      strides.push(0);
    } else if (isEllipsis(spec)) {
      keepAxes(ndim - consumed);
    } else if (typeof spec === 'number') {
      byteOffset += checkIndex(spec, layout.shape[axis]!, axis) * layout.strides[axis]!;
      axis += 1;
    } else if (typeof spec === 'string') {
      const { start, step, count } = sliceIndices(parseSlice(spec), layout.shape[axis]!);
      const stride = layout.strides[axis]!;
      shape.push(count);
      if (count === 0) {
        // NumPy treats an empty slice as start 0, step 1.
        strides.push(stride);
      } else {
        byteOffset += start * stride;
        // stride * step can only pass 2^53 when count is 1, where no element
        // is reached through it.
        const stepped = stride * step;
        strides.push(Number.isSafeInteger(stepped) ? stepped : stride);
      }
      axis += 1;
    } else {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an index (integer, 'start:stop:step' string, null or '...'), got ${describeValue(spec)}`);
    }
  }
  keepAxes(ndim - axis);
  return { shape, strides, byteOffset };
}

/** Normalises an axis argument (negative counts from the end) with NumPy's AxisError message. */
export function normalizeAxis(axis: unknown, ndim: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an integer axis, got ${describeValue(axis)}`);
  }
  if (axis < -ndim || axis >= ndim) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** The permutation for transpose(axes); reversed axes when `axes` is undefined. */
export function transposeAxes(axes: readonly unknown[] | undefined, ndim: number): number[] {
  if (axes === undefined) return Array.from({ length: ndim }, (_, i) => ndim - 1 - i);
  if (axes.length !== ndim) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', "axes don't match array");
  const permutation = axes.map((axis) => normalizeAxis(axis, ndim));
  if (new Set(permutation).size !== ndim) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'repeated axis in transpose');
  return permutation;
}

/** The requested shape of reshape with one -1 resolved; NumPy's errors. */
export function resolveReshape(requested: readonly unknown[], size: number): number[] {
  let unknownAxis = -1;
  let known = 1;
  const shape = requested.map((entry, i) => {
    if (typeof entry !== 'number' || !Number.isSafeInteger(entry)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected shape[${i}] to be an integer, got ${describeValue(entry)}`);
    }
    if (entry === -1) {
      if (unknownAxis >= 0) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'can only specify one unknown dimension');
      unknownAxis = i;
    } else if (entry < 0) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `negative dimensions not allowed, got shape[${i}] = ${entry}`);
    } else {
      known *= entry;
    }
    return entry;
  });
  if (shape.length > maxDims) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected at most ${maxDims} dimensions, got ${shape.length}`);
  if (unknownAxis >= 0 && known !== 0 && size % known === 0) shape[unknownAxis] = size / known;
  else if (unknownAxis >= 0 || known !== size) {
    const text = unknownAxis >= 0 ? `(${requested.join(',')})` : shapeText(shape).replaceAll(' ', '');
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `cannot reshape array of size ${size} into shape ${text}`);
  }
  return shape;
}

/**
 * Strides that view data of (oldShape, oldStrides) as `newShape` in C order
 * without copying, or null when no such strides exist (NumPy's
 * _attempt_nocopy_reshape). Both shapes have the same, nonzero, size.
 */
export function nocopyReshapeStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[], itemsize: number): number[] | null {
  const dims: number[] = [];
  const strides: number[] = [];
  oldShape.forEach((n, i) => {
    if (n !== 1) {
      dims.push(n);
      strides.push(oldStrides[i]!);
    }
  });
  const newStrides = new Array<number>(newShape.length).fill(0);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  while (ni < newShape.length && oi < dims.length) {
    let newProduct = newShape[ni]!;
    let oldProduct = dims[oi]!;
    while (newProduct !== oldProduct) {
      if (newProduct < oldProduct) newProduct *= newShape[nj++]!;
      else oldProduct *= dims[oj++]!;
    }
    // The old axes oi..oj-1 must be walkable as one contiguous block.
    for (let ok = oi; ok < oj - 1; ok += 1) {
      if (strides[ok] !== dims[ok + 1]! * strides[ok + 1]!) return null;
    }
    newStrides[nj - 1] = strides[oj - 1]!;
    for (let nk = nj - 1; nk > ni; nk -= 1) newStrides[nk - 1] = newStrides[nk]! * newShape[nk]!;
    ni = nj++;
    oi = oj++;
  }
  const lastStride = ni >= 1 ? newStrides[ni - 1]! : itemsize;
  for (let nk = ni; nk < newShape.length; nk += 1) newStrides[nk] = lastStride;
  return newStrides;
}

