// The .npy format in both directions: reading a header (the native parser,
// native/core/io/npy_header.h, is the one reader of its Python literal) into
// a layout, and writing the header NumPy's np.save writes for an array, byte
// for byte (numpy/lib/format.py: sorted keys, growth padding, the smallest
// version that holds it, padded to 64 bytes).
import { describeValue, makeError } from '../base/errors.js';
import { native, type NativeNpyDType, type NativeNpyError, type NativeNpyPrefix } from '../base/native.js';
import { contiguousStrides } from '../base/validate.js';
import { DType, dtypeFromNative, type DTypeField } from '../dtype/dtype.js';
import { checkViewableDType, type NDArray } from '../array/ndarray.js';

/** The first bytes of every .npy file. */
export const npyMagic = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);
/** How many bytes hold magic, version and header length in every version. */
export const npyPrefixLength = 12;
/** NumPy's default np.load(max_header_size=...). */
export const defaultMaxHeaderSize = 10000;
// The data starts at a multiple of this (NumPy's ARRAY_ALIGN).
const arrayAlign = 64;
// NumPy leaves room for the growth axis to reach this many digits.
const growthAxisMaxDigits = 21;

/** Where a header says the data is and how to view it. */
export interface NpyLayout {
  readonly version: readonly [number, number];
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly fortranOrder: boolean;
}

/** Reads the prefix: magic, version, header length. `bytes` holds the first bytes of the file (12 suffice). */
export function readNpyPrefix(bytes: Uint8Array, maxHeaderSize: number): NativeNpyPrefix {
  return unwrap(native.npyReadPrefix(bytes, maxHeaderSize));
}

/**
 * The layout the header describes. `header` is the header text (the bytes
 * from prefix.headerOffset, prefix.headerLength of them). Object arrays
 * (pickles) are refused: ndinterop never unpickles.
 */
export function readNpyLayout(prefix: NativeNpyPrefix, header: Uint8Array, allowPickle: boolean): NpyLayout {
  const parsed = unwrap(native.npyParseHeader(header, prefix.major));
  if (parsed.hasObject) throw pickleError(allowPickle);
  const dtype = checkViewableDType(dtypeOf(parsed.dtype));
  const shape = parsed.shape;
  return {
    version: [prefix.major, prefix.minor],
    dataOffset: prefix.dataOffset,
    dataBytes: parsed.dataBytes,
    dtype,
    shape,
    strides: parsed.fortranOrder ? fortranStrides(shape, dtype.itemsize) : contiguousStrides(shape, dtype.itemsize),
    fortranOrder: parsed.fortranOrder,
  };
}

/** The error for object arrays: NumPy's advice without allowPickle, ndinterop's refusal with it. */
export function pickleError(allowPickle: boolean): Error {
  const message = allowPickle
    ? 'this file contains pickled (object) data; ndinterop never unpickles (no file content is ever executed), even with allowPickle: load it in Python'
    : 'Object arrays cannot be loaded when allowPickle is false (this file contains pickled data, which ndinterop never unpickles)';
  return makeError(TypeError, 'ERR_NPY_PICKLE', message);
}

function unwrap<T extends object>(result: T | NativeNpyError): T {
  if ('errorKind' in result) {
    throw result.errorKind === 1 ? makeError(Error, 'ERR_NPY_INVALID', result.message) : makeError(TypeError, 'ERR_INVALID_DTYPE', result.message);
  }
  return result;
}

function dtypeOf(type: NativeNpyDType): DType {
  if (!type.structured) return dtypeFromNative(type.scalar);
  const fields: DTypeField[] = type.fields.map((field) => ({
    name: field.name,
    offset: field.offset,
    dtype: checkViewableDType(dtypeOf(field.dtype)),
    ...(field.shape.length > 0 ? { shape: field.shape } : {}),
  }));
  return new DType({ name: 'void', itemsize: type.itemsize, byteorder: '|', fields });
}

// Fortran-order strides; all 0 for an empty array, as NumPy's load gives
// (it reverses the shape, reads C order, and transposes).
function fortranStrides(shape: readonly number[], itemsize: number): number[] {
  return contiguousStrides([...shape].reverse(), itemsize).reverse();
}

/** What np.save writes for `a`: whether the data goes in Fortran order, and the full prefix + header. */
export function npyHeaderFor(a: NDArray): { header: Uint8Array; fortranOrder: boolean } {
  const flags = a.flags;
  const fortranOrder = !flags.cContiguous && flags.fContiguous;
  return { header: npyHeader(a.dtype, a.shape, fortranOrder), fortranOrder };
}

/** The prefix and header np.save writes for data of `dtype` and `shape` in C or Fortran order. */
export function npyHeader(dtype: DType, shape: readonly number[], fortranOrder: boolean): Uint8Array {
  let text = `{'descr': ${descrRepr(dtype)}, 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${tupleRepr(shape)}, }`;
  if (shape.length > 0) {
    const growthAxis = shape[fortranOrder ? shape.length - 1 : 0]!;
    text += ' '.repeat(Math.max(growthAxisMaxDigits - String(growthAxis).length, 0));
  }
  return wrapHeader(text);
}

// NumPy's _wrap_header_guess_version: 1.0 when the header is latin-1 and
// its length fits 16 bits, else 2.0 when latin-1, else 3.0 (UTF-8).
function wrapHeader(text: string): Uint8Array {
  if (/[^\u0000-\u00ff]/.test(text)) return wrapHeaderAs(Buffer.from(text, 'utf8'), 3)!;
  const body = Buffer.from(text, 'latin1');
  return wrapHeaderAs(body, 1) ?? wrapHeaderAs(body, 2)!;
}

// NumPy's _wrap_header: magic, version, header length, the text, spaces to
// the next multiple of 64 (a whole 64 when already there), '\n'. undefined
// when the length does not fit the version's field.
function wrapHeaderAs(body: Buffer, major: 1 | 2 | 3): Uint8Array | undefined {
  const prefixLength = major === 1 ? 10 : 12;
  const padding = arrayAlign - ((prefixLength + body.length + 1) % arrayAlign);
  const headerLength = body.length + padding + 1;
  if (major === 1 && headerLength > 0xffff) return undefined;
  const out = Buffer.alloc(prefixLength + headerLength, 0x20);
  out.set(npyMagic, 0);
  out[6] = major;
  out[7] = 0;
  if (major === 1) out.writeUInt16LE(headerLength, 8);
  else out.writeUInt32LE(headerLength, 8);
  out.set(body, prefixLength);
  out[out.length - 1] = 0x0a;
  return out;
}

/** Python's tuple repr of a shape: (), (3,), (2, 3). */
function tupleRepr(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

// NumPy's dtype_to_descr: dtype.str for plain types, dtype.descr (a list of
// tuples, padding gaps as ('', '|V<n>')) for records.
function descrRepr(type: DType): string {
  if (!type.fields) return pyStr(type.str);
  const entries: string[] = [];
  let end = 0;
  for (const field of type.fields) {
    if (field.offset < end) {
      throw makeError(TypeError, 'ERR_INVALID_DTYPE', `cannot save a record whose fields overlap or are out of order: field ${describeValue(field.name)} starts at byte ${field.offset}, before byte ${end}`);
    }
    if (field.offset > end) entries.push(`('', '|V${field.offset - end}')`);
    const shape = field.shape && field.shape.length > 0 ? `, ${tupleRepr(field.shape)}` : '';
    entries.push(`(${pyStr(field.name)}, ${descrRepr(field.dtype)}${shape})`);
    end = field.offset + (field.shape ?? []).reduce((size, n) => size * n, field.dtype.itemsize);
  }
  if (type.itemsize > end) entries.push(`('', '|V${type.itemsize - end}')`);
  return `[${entries.join(', ')}]`;
}

/** Python's repr of a str: single quotes unless it holds ' and no ", escapes for the unprintable. */
export function pyStr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && isUnprintable(char)) {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += char;
  }
  return out + quote;
}

// Python's str.isprintable is false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (but ' ').
function isUnprintable(char: string): boolean {
  return /^[\p{C}\p{Z}]$/u.test(char);
}
