// NDArray.prototype.toJSON: NumPy's tolist() values, made JSON-safe so that
// JSON.stringify loses nothing silently. JSON has no NaN, Infinity, bigint,
// complex or bytes, so:
//
//   float NaN, ±Infinity   the strings 'NaN', 'Infinity', '-Infinity' (JSON.stringify would write null)
//   int64, uint64          numbers when safe (|x| <= 2^53 - 1), else exact decimal strings
//   complex                { re, im }, as get() gives it, each part by the float rule
//   bool                   true / false
//   str (U)                the string
//   bytes (S), void (V)    a string of one character per byte (latin-1: byte b is U+00bb),
//                          trailing NULs of S removed, as toArray() gives the bytes
//   datetime64             NumPy's datetime_as_string ISO text ('2024-01-31T12:00:00'), 'NaT'
//   timedelta64            the count in the dtype's unit by the int64 rule, 'NaT'
//
// -0 is written as 0 (JSON.stringify's rule for numbers).
import { datetimeText } from '../dtype/datetime-format.js';
import { type DType } from '../dtype/dtype.js';
import { type Complex, type Scalar } from '../dtype/elements.js';
import { type NDArray, type NestedArray } from './ndarray.js';

/** One element of `toJSON()`'s result. */
export type JsonElement =
  | number
  | string
  | boolean
  | {
      /** The real part: a number, or 'NaN', 'Infinity', '-Infinity'. */
      readonly re: number | string;
      /** The imaginary part: a number, or 'NaN', 'Infinity', '-Infinity'. */
      readonly im: number | string;
    };

/** What `toJSON()` returns: nested arrays of JSON-safe elements (a bare element for a 0-d array). */
export type NDArrayJson = JsonElement | NDArrayJson[];

type ElementToJson = (value: Scalar) => JsonElement;

function jsonNumber(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

function jsonInteger(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) text += String.fromCharCode(bytes[i]!);
  return text;
}

const natValue = -(2n ** 63n);

function elementToJson(dt: DType): ElementToJson {
  switch (dt.kind) {
    case 'b':
    case 'U':
      return (value) => value as boolean | string;
    case 'i':
    case 'u':
      return dt.itemsize === 8 ? (value) => jsonInteger(value as bigint) : (value) => value as number;
    case 'f':
      return (value) => jsonNumber(value as number);
    case 'c':
      return (value) => ({ re: jsonNumber((value as Complex).re), im: jsonNumber((value as Complex).im) });
    case 'S':
    case 'V':
      return (value) => latin1(value as Uint8Array);
    case 'M':
      return (value) => datetimeText(value as bigint, dt.unit) ?? jsonInteger(value as bigint);
    case 'm':
      return (value) => (value === natValue ? 'NaT' : jsonInteger(value as bigint));
    default:
      // bfloat16 and other floats the table gives another kind read as numbers.
      return (value) => (typeof value === 'number' ? jsonNumber(value) : String(value));
  }
}

function mapNested(values: Scalar | NestedArray, convert: ElementToJson, depth: number): NDArrayJson {
  if (depth === 0) return convert(values as Scalar);
  return (values as NestedArray).map((item) => mapNested(item, convert, depth - 1));
}

/** NDArray.prototype.toJSON (attached in src/protocols.ts). */
export function ndarrayToJson(this: NDArray): NDArrayJson {
  return mapNested(this.toArray(), elementToJson(this.dtype), this.ndim);
}
