// Reading and writing one element of any viewable dtype at a byte offset of a
// DataView, in the dtype's byte order, at any alignment. These are the only
// functions that interpret element bytes; NDArray, copies and casts use them.
import { type DType, littleEndianHost } from './dtype.js';
import { describeValue, makeError } from '../base/errors.js';
import { bfloat16Bits, bfloat16Value, float16Bits, float16Value } from './minifloat.js';
import { readExtended, writeExtended, writeExtendedInteger } from './extended-float.js';

/** A complex element: real and imaginary parts. */
export interface Complex {
  /** The real part. */
  re: number;
  /** The imaginary part. */
  im: number;
}

/**
 * What `get` returns for each dtype kind: number (int8..uint32, floats;
 * longdouble rounded to the nearest float64),
 * bigint (int64, uint64, datetime64, timedelta64), boolean, `{ re, im }`
 * (complex), string (U, trailing NULs removed), Uint8Array (S with trailing
 * NULs removed, like NumPy's bytes; V as all its bytes; both copies).
 */
export type Scalar = number | bigint | boolean | string | Uint8Array | Complex;

export type ElementReader = (view: DataView, offset: number) => Scalar;
export type ElementWriter = (view: DataView, offset: number, value: unknown) => void;

/** True when multi-byte values of `dt` are stored little-endian. */
export function isLittleEndian(dt: DType): boolean {
  return dt.byteorder === '<' || (dt.byteorder !== '>' && littleEndianHost);
}

const integerRanges: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

const bigintRanges: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  datetime64: [-(2n ** 63n), 2n ** 63n - 1n],
  timedelta64: [-(2n ** 63n), 2n ** 63n - 1n],
};

export function elementReader(dt: DType): ElementReader {
  const little = isLittleEndian(dt);
  const size = dt.itemsize;
  switch (dt.name) {
    case 'bool':
      return (v, o) => v.getUint8(o) !== 0;
    case 'int8':
      return (v, o) => v.getInt8(o);
    case 'uint8':
      return (v, o) => v.getUint8(o);
    case 'int16':
      return (v, o) => v.getInt16(o, little);
    case 'uint16':
      return (v, o) => v.getUint16(o, little);
    case 'int32':
      return (v, o) => v.getInt32(o, little);
    case 'uint32':
      return (v, o) => v.getUint32(o, little);
    case 'int64':
    case 'datetime64':
    case 'timedelta64':
      return (v, o) => v.getBigInt64(o, little);
    case 'uint64':
      return (v, o) => v.getBigUint64(o, little);
    case 'float16':
      return (v, o) => float16Value(v.getUint16(o, little));
    case 'bfloat16':
      return (v, o) => bfloat16Value(v.getUint16(o, little));
    case 'float32':
      return (v, o) => v.getFloat32(o, little);
    case 'float64':
      return (v, o) => v.getFloat64(o, little);
    case 'complex64':
      return (v, o) => ({ re: v.getFloat32(o, little), im: v.getFloat32(o + 4, little) });
    case 'complex128':
      return (v, o) => ({ re: v.getFloat64(o, little), im: v.getFloat64(o + 8, little) });
    case 'longdouble':
      return (v, o) => readExtended(v, o, little);
    case 'clongdouble':
      return (v, o) => ({ re: readExtended(v, o, little), im: readExtended(v, o + 16, little) });
    case 'bytes':
      return (v, o) => {
        let length = size;
        while (length > 0 && v.getUint8(o + length - 1) === 0) length -= 1;
        return new Uint8Array(v.buffer.slice(v.byteOffset + o, v.byteOffset + o + length));
      };
    case 'void':
      return (v, o) => new Uint8Array(v.buffer.slice(v.byteOffset + o, v.byteOffset + o + size));
    case 'str':
      return (v, o) => readUcs4(v, o, size / 4, little);
    default:
      throw makeError(TypeError, 'ERR_INVALID_DTYPE', `elements of dtype ${dt.fullName} cannot be read`);
  }
}

function readUcs4(view: DataView, offset: number, characters: number, little: boolean): string {
  let length = characters;
  while (length > 0 && view.getUint32(offset + 4 * (length - 1), little) === 0) length -= 1;
  const codePoints: number[] = [];
  for (let i = 0; i < length; i += 1) codePoints.push(view.getUint32(offset + 4 * i, little));
  try {
    return String.fromCodePoint(...codePoints);
  } catch {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `str element holds an invalid code point`);
  }
}

export function elementWriter(dt: DType): ElementWriter {
  const little = isLittleEndian(dt);
  const size = dt.itemsize;
  const name = dt.fullName;
  switch (dt.name) {
    case 'bool':
      return (v, o, x) => v.setUint8(o, toBoolean(x, name) ? 1 : 0);
    case 'int8':
      return (v, o, x) => v.setInt8(o, toInteger(x, dt.name, name));
    case 'uint8':
      return (v, o, x) => v.setUint8(o, toInteger(x, dt.name, name));
    case 'int16':
      return (v, o, x) => v.setInt16(o, toInteger(x, dt.name, name), little);
    case 'uint16':
      return (v, o, x) => v.setUint16(o, toInteger(x, dt.name, name), little);
    case 'int32':
      return (v, o, x) => v.setInt32(o, toInteger(x, dt.name, name), little);
    case 'uint32':
      return (v, o, x) => v.setUint32(o, toInteger(x, dt.name, name), little);
    case 'int64':
    case 'datetime64':
    case 'timedelta64':
      return (v, o, x) => v.setBigInt64(o, toBigInteger(x, dt.name, name), little);
    case 'uint64':
      return (v, o, x) => v.setBigUint64(o, toBigInteger(x, dt.name, name), little);
    case 'float16':
      return (v, o, x) => v.setUint16(o, float16Bits(toReal(x, name)), little);
    case 'bfloat16':
      return (v, o, x) => v.setUint16(o, bfloat16Bits(toReal(x, name)), little);
    case 'float32':
      return (v, o, x) => v.setFloat32(o, toReal(x, name), little);
    case 'float64':
      return (v, o, x) => v.setFloat64(o, toReal(x, name), little);
    case 'complex64':
      return (v, o, x) => {
        const c = toComplex(x, name);
        v.setFloat32(o, c.re, little);
        v.setFloat32(o + 4, c.im, little);
      };
    case 'complex128':
      return (v, o, x) => {
        const c = toComplex(x, name);
        v.setFloat64(o, c.re, little);
        v.setFloat64(o + 8, c.im, little);
      };
    case 'longdouble':
      return (v, o, x) => writeLongDouble(v, o, x, little, name);
    case 'clongdouble':
      return (v, o, x) => {
        if (typeof x === 'bigint') {
          writeLongDouble(v, o, x, little, name);
          writeExtended(v, o + 16, 0, little);
          return;
        }
        const c = toComplex(x, name);
        writeExtended(v, o, c.re, little);
        writeExtended(v, o + 16, c.im, little);
      };
    case 'bytes':
    case 'void':
      return (v, o, x) => writeBytes(v, o, toBytes(x, name), size, dt.name === 'void', name);
    case 'str':
      return (v, o, x) => writeUcs4(v, o, x, size / 4, little, name);
    default:
      throw makeError(TypeError, 'ERR_INVALID_DTYPE', `elements of dtype ${dt.fullName} cannot be written`);
  }
}

function wrongValue(value: unknown, expected: string, dtypeName: string): TypeError {
  return makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${expected} for a ${dtypeName} element, got ${describeValue(value)}`);
}

function isComplex(value: unknown): value is Complex {
  return typeof value === 'object' && value !== null && typeof (value as Complex).re === 'number' && typeof (value as Complex).im === 'number';
}

function toBoolean(value: unknown, dtypeName: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0; // NaN is truthy in NumPy too
  if (typeof value === 'bigint') return value !== 0n;
  if (isComplex(value)) return value.re !== 0 || value.im !== 0;
  throw wrongValue(value, 'a boolean, number or bigint', dtypeName);
}

function outOfRange(value: number | bigint, dtypeName: string): RangeError {
  return makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `integer ${value} is out of bounds for ${dtypeName}`);
}

// Python's int(float) rules: NaN and infinity cannot become integers,
// anything else truncates toward zero before the range check.
function truncateNumber(value: number, dtypeName: string): number {
  if (Number.isNaN(value)) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `cannot convert float NaN to integer (${dtypeName})`);
  if (!Number.isFinite(value)) throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `cannot convert float ${value} to integer (${dtypeName})`);
  return Math.trunc(value);
}

function toInteger(value: unknown, typeName: string, dtypeName: string): number {
  const range = integerRanges[typeName]!;
  let integer: number;
  if (typeof value === 'number') integer = truncateNumber(value, dtypeName);
  else if (typeof value === 'boolean') integer = value ? 1 : 0;
  else if (typeof value === 'bigint') {
    if (value < BigInt(range[0]) || value > BigInt(range[1])) throw outOfRange(value, dtypeName);
    return Number(value);
  } else throw wrongValue(value, 'a number, bigint or boolean', dtypeName);
  if (integer < range[0] || integer > range[1]) throw outOfRange(integer, dtypeName);
  return integer === 0 ? 0 : integer; // no -0 for integers
}

function toBigInteger(value: unknown, typeName: string, dtypeName: string): bigint {
  const range = bigintRanges[typeName]!;
  let integer: bigint;
  if (typeof value === 'bigint') integer = value;
  else if (typeof value === 'number') integer = BigInt(truncateNumber(value, dtypeName));
  else if (typeof value === 'boolean') integer = value ? 1n : 0n;
  else throw wrongValue(value, 'a bigint, number or boolean', dtypeName);
  if (integer < range[0] || integer > range[1]) throw outOfRange(integer, dtypeName);
  return integer;
}

function toReal(value: unknown, dtypeName: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isComplex(value)) return value.re; // NumPy drops the imaginary part (with a ComplexWarning)
  throw wrongValue(value, 'a number, bigint or boolean', dtypeName);
}

// A bigint keeps up to 64 significant bits (exact where float64 would round).
function writeLongDouble(view: DataView, offset: number, value: unknown, little: boolean, dtypeName: string): void {
  if (typeof value === 'bigint') writeExtendedInteger(view, offset, value, little);
  else writeExtended(view, offset, toReal(value, dtypeName), little);
}

function toComplex(value: unknown, dtypeName: string): Complex {
  if (isComplex(value)) return value;
  if (typeof value === 'number') return { re: value, im: 0 };
  if (typeof value === 'bigint') return { re: Number(value), im: 0 };
  if (typeof value === 'boolean') return { re: value ? 1 : 0, im: 0 };
  throw wrongValue(value, '{ re, im }, a number, bigint or boolean', dtypeName);
}

function toBytes(value: unknown, dtypeName: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') {
    const bytes = new Uint8Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const code = value.charCodeAt(i);
      if (code > 127) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ASCII text for a ${dtypeName} element, got character ${JSON.stringify(value[i])}`);
      bytes[i] = code;
    }
    return bytes;
  }
  throw wrongValue(value, 'a Uint8Array or ASCII string', dtypeName);
}

// S truncates long values and pads with NULs, as NumPy does; V takes at most
// its own size.
function writeBytes(view: DataView, offset: number, bytes: Uint8Array, size: number, exact: boolean, dtypeName: string): void {
  if (exact && bytes.length > size) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected at most ${size} bytes for a ${dtypeName} element, got ${bytes.length}`);
  }
  for (let i = 0; i < size; i += 1) view.setUint8(offset + i, i < bytes.length ? bytes[i]! : 0);
}

function writeUcs4(view: DataView, offset: number, value: unknown, characters: number, little: boolean, dtypeName: string): void {
  if (typeof value !== 'string') throw wrongValue(value, 'a string', dtypeName);
  const codePoints = Array.from(value, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < characters; i += 1) view.setUint32(offset + 4 * i, i < codePoints.length ? codePoints[i]! : 0, little);
}

/** Byte-swap unit of a dtype: complex swaps each half, str each UCS4 character; 1 means no swapping. */
export function swapUnit(dt: DType): number {
  if (dt.kind === 'c') return dt.itemsize / 2;
  if (dt.kind === 'U') return 4;
  if (dt.kind === 'S' || dt.kind === 'V' || dt.kind === 'b') return 1;
  return dt.itemsize;
}
