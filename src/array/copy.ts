// Copies of a strided view into fresh C-contiguous memory, optionally
// converting the byte order (no value conversion: see astype): natively for
// the numeric types, byte by byte in JS for the others (str, bytes, void,
// datetime) and for longdouble/clongdouble (their padding bytes are kept).
import { type DType } from '../dtype/dtype.js';
import { isLittleEndian, swapUnit } from '../dtype/elements.js';
import { NDArray } from './ndarray.js';
import { allocateForOverwrite } from '../base/memory.js';
import { contiguousStrides } from '../base/validate.js';
import { castElements } from './cast.js';

// x87 long doubles fill 10 of their 16 bytes: the cast loops store the
// value, not the 6 bytes of padding, where a copy keeps every byte.
function hasPadding(dt: DType): boolean {
  return dt.name === 'longdouble' || dt.name === 'clongdouble';
}

/**
 * A C-contiguous copy of `source` with element type `target`, which must be
 * `source.dtype` in some byte order. Bytes are reversed per swap unit when
 * the orders differ.
 */
export function copyToContiguous(source: NDArray, target: DType): NDArray {
  const itemsize = source.dtype.itemsize;
  const buffer = allocateForOverwrite(source.size * itemsize);
  const out = new Uint8Array(buffer);
  const view = source._dataView();
  const sourceBytes = new Uint8Array(view.buffer);
  const unit = swapUnit(source.dtype);
  const swap = unit > 1 && isLittleEndian(source.dtype) !== isLittleEndian(target);
  if (!swap && source.flags.cContiguous) {
    out.set(sourceBytes.subarray(source.byteOffset, source.byteOffset + buffer.byteLength));
  } else if (source.dtype.numeric && !hasPadding(source.dtype)) {
    // One native strided copy (byte swap included) for the types the cast
    // loops know; casting a type to itself raises no floating-point flag.
    const strides = contiguousStrides(source.shape, itemsize);
    castElements(source, { buffer, byteOffset: 0, strides, dtype: target }, source.shape);
  } else {
    let position = 0;
    source._forEachOffset((offset) => {
      if (swap) {
        for (let start = 0; start < itemsize; start += unit) {
          for (let k = 0; k < unit; k += 1) out[position + start + k] = sourceBytes[offset + start + unit - 1 - k]!;
        }
      } else {
        for (let k = 0; k < itemsize; k += 1) out[position + k] = sourceBytes[offset + k]!;
      }
      position += itemsize;
    });
  }
  return NDArray._fromValidated({
    buffer,
    byteOffset: 0,
    dtype: target,
    shape: source.shape,
    strides: contiguousStrides(source.shape, itemsize),
    readonly: false,
  });
}

/** Whether voidTruth reads this dtype: void, bytes ('S') and text ('U'). */
export function hasTruth(dt: DType): boolean {
  return dt.kind === 'V' || dt.kind === 'S' || dt.kind === 'U';
}

/**
 * The truth of each element of a void (`V`) or string (`S`, `U`) array, as a
 * fresh C-contiguous bool array: true where any of its bytes is nonzero
 * (NumPy's void-to-bool cast; for strings, not empty, as Python's truth
 * of str; this is how the logical ufuncs take any input).
 */
export function voidTruth(source: NDArray, bool: DType): NDArray {
  const itemsize = source.dtype.itemsize;
  const buffer = allocateForOverwrite(source.size);
  const out = new Uint8Array(buffer);
  const bytes = new Uint8Array(source._dataView().buffer);
  let position = 0;
  source._forEachOffset((offset) => {
    let truth = 0;
    for (let k = 0; k < itemsize && truth === 0; k += 1) truth = bytes[offset + k]!;
    out[position++] = truth === 0 ? 0 : 1;
  });
  return NDArray._fromValidated({
    buffer,
    byteOffset: 0,
    dtype: bool,
    shape: source.shape,
    strides: contiguousStrides(source.shape, 1),
    readonly: false,
  });
}
