// Elementwise casts between numeric dtypes in one native call
// (native.castRun, contract atop native/napi/ufunc/ufunc.cc): astype's path
// and the ufunc engine's synchronous casts. NumPy's C-cast semantics
// (native/core/ufunc/cast.h).
import { type DType, dtypeByName } from '../dtype/dtype.js';
import { native } from '../base/native.js';
import { isLittleEndian } from '../dtype/elements.js';
import { convert, metaOf } from '../dtype/datetime-units.js';
import { makeError } from '../base/errors.js';

/** @internal One side of a cast: memory, where its elements are, and what they hold. */
export interface CastSide {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly byteOffset: number;
  /** Byte strides, one per dimension of the cast's shape (0 where broadcast). */
  readonly strides: readonly number[];
  readonly dtype: DType;
}

/** What astype does with the floating-point flags its cast raised. */
export type CastFlagsHandler = (flags: number) => void;

let castFlagsHandler: CastFlagsHandler = () => {};

/**
 * @internal Installs the handler of astype's cast flags: src/ufunc/errstate.ts
 * applies the error settings to them ('invalid value encountered in cast'),
 * as NumPy's astype does. The array layer sits below the settings, so they
 * are handed in.
 */
export function setCastFlagsHandler(handler: CastFlagsHandler): void {
  castFlagsHandler = handler;
}

/** @internal Reports flags an astype cast raised to the installed handler. */
export function reportCastFlags(flags: number): void {
  if (flags !== 0) castFlagsHandler(flags);
}

// The layout array is reused: the native call reads it before returning and
// never calls back into JS.
let layout = new Float64Array(32);

function sameCounts(a: DType, b: DType): boolean {
  return (a.kind === 'M' || a.kind === 'm') && a.kind === b.kind && a.unit === b.unit;
}

// Two 'S', two 'U', or two voids of one size: copied in JS (no native loop).
function textOrVoid(a: DType, b: DType): boolean {
  return (a.kind === 'S' || a.kind === 'U' || (a.kind === 'V' && a.itemsize === b.itemsize)) && a.kind === b.kind;
}

// Calls visit(source offset, destination offset) for every element of
// `shape`, in C order.
function eachPair(source: CastSide, destination: CastSide, shape: readonly number[], visit: (at: number, put: number) => void): void {
  const index = shape.map(() => 0);
  const count = shape.reduce((n, d) => n * d, 1);
  for (let k = 0; k < count; k++) {
    let at = source.byteOffset;
    let put = destination.byteOffset;
    shape.forEach((_, d) => {
      at += index[d]! * source.strides[d]!;
      put += index[d]! * destination.strides[d]!;
    });
    visit(at, put);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
}

// Each element's bytes into the other, NUL-padded or cut to the destination's
// length (NumPy's string casts), 'U' code units swapped when the byte orders differ.
function copyText(source: CastSide, destination: CastSide, shape: readonly number[]): number {
  const from = new Uint8Array(source.buffer);
  const to = new Uint8Array(destination.buffer);
  const size = source.dtype.itemsize;
  const width = destination.dtype.itemsize;
  const swap = source.dtype.kind === 'U' && isLittleEndian(source.dtype) !== isLittleEndian(destination.dtype);
  eachPair(source, destination, shape, (at, put) => {
    for (let i = 0; i < width; i++) to[put + i] = i < size ? from[at + (swap ? i - (i % 4) + 3 - (i % 4) : i)]! : 0;
  });
  return 0;
}

// datetime64 or timedelta64 counts into another unit of the same kind (NaT stays NaT).
function convertUnits(source: CastSide, destination: CastSide, shape: readonly number[]): number {
  const from = new DataView(source.buffer);
  const to = new DataView(destination.buffer);
  const fromMeta = metaOf(source.dtype);
  const toMeta = metaOf(destination.dtype);
  const fromLittle = isLittleEndian(source.dtype);
  const toLittle = isLittleEndian(destination.dtype);
  eachPair(source, destination, shape, (at, put) => to.setBigInt64(put, convert(from.getBigInt64(at, fromLittle), fromMeta, toMeta), toLittle));
  return 0;
}

function isDatetime(d: DType): boolean {
  return d.kind === 'M' || d.kind === 'm';
}

function int64Id(): number {
  return dtypeByName('int64')!.id;
}

/**
 * @internal Casts `source`'s elements into `destination` over `shape`;
 * returns the floating-point flags raised (FpFlag bits).
 */
export function castElements(source: CastSide, destination: CastSide, shape: readonly number[]): number {
  const ndim = shape.length;
  const needed = 5 + ndim + 2 * (1 + ndim);
  if (layout.length < needed) layout = new Float64Array(Math.max(needed, 2 * layout.length));
  const out = layout;
  // datetime64/timedelta64 into the same kind and unit is a copy of int64
  // counts (NaT included); other datetime casts are not native.
  if (textOrVoid(source.dtype, destination.dtype)) return copyText(source, destination, shape);
  const counts = sameCounts(source.dtype, destination.dtype);
  if (!counts && isDatetime(source.dtype) && source.dtype.kind === destination.dtype.kind) return convertUnits(source, destination, shape);
  if (!counts && (isDatetime(source.dtype) || isDatetime(destination.dtype))) {
    throw makeError(
      TypeError,
      'ERR_INVALID_DTYPE',
      `cannot convert ${source.dtype.fullName} elements to ${destination.dtype.fullName} (datetime64 and timedelta64 convert only within their kind here)`,
    );
  }
  out[0] = counts ? int64Id() : source.dtype.id;
  out[1] = source.dtype.isNative ? 0 : 1;
  out[2] = counts ? int64Id() : destination.dtype.id;
  out[3] = destination.dtype.isNative ? 0 : 1;
  out[4] = ndim;
  let at = 5;
  for (let d = 0; d < ndim; d++) out[at++] = shape[d]!;
  out[at++] = source.byteOffset;
  for (let d = 0; d < ndim; d++) out[at++] = source.strides[d]!;
  out[at++] = destination.byteOffset;
  for (let d = 0; d < ndim; d++) out[at++] = destination.strides[d]!;
  return native.castRun(out, source.buffer, destination.buffer);
}
