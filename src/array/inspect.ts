// NumPy's repr and str of arrays (numpy/_core/arrayprint.py with default
// options: linewidth 75, threshold 1000, edgeitems 3, precision 8).
import { type DType } from '../dtype/dtype.js';
import { type Complex, type Scalar, isLittleEndian } from '../dtype/elements.js';
import { datetimeText, splitUnit } from '../dtype/datetime-format.js';
import { type RoundTrip, floatFormatter, scalarFloatText } from '../dtype/float-format.js';
import { extendedText, readExtended } from '../dtype/extended-float.js';
import { bfloat16Bits, bfloat16Value, float16Bits, float16Value } from '../dtype/minifloat.js';
import { type NDArray, deviceName } from './ndarray.js';

const lineWidth = 75;
const threshold = 1000;
const edgeItems = 3;

type Formatter = (value: Scalar) => string;

const roundTrips: Readonly<Record<string, RoundTrip>> = {
  float16: (v) => float16Value(float16Bits(v)),
  bfloat16: (v) => bfloat16Value(bfloat16Bits(v)),
  float32: Math.fround,
  complex64: Math.fround,
};
const exact: RoundTrip = (v) => v;

/** Python's repr of bytes: b'...' with escapes. */
function bytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let body = '';
  for (const byte of bytes) {
    if (byte === 0x5c) body += '\\\\';
    else if (byte === 0x09) body += '\\t';
    else if (byte === 0x0a) body += '\\n';
    else if (byte === 0x0d) body += '\\r';
    else if (byte === quote.charCodeAt(0)) body += `\\${quote}`;
    else if (byte < 0x20 || byte >= 0x7f) body += `\\x${byte.toString(16).padStart(2, '0')}`;
    else body += String.fromCharCode(byte);
  }
  return `b${quote}${body}${quote}`;
}

/** Python's repr of str, for the common cases (ASCII controls escaped). */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') body += '\\\\';
    else if (ch === '\t') body += '\\t';
    else if (ch === '\n') body += '\\n';
    else if (ch === '\r') body += '\\r';
    else if (ch === quote) body += `\\${quote}`;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += ch;
  }
  return `${quote}${body}${quote}`;
}

function integerFormatter(values: readonly Scalar[]): Formatter {
  const texts = values.map(String);
  const width = Math.max(0, ...texts.map((t) => t.length));
  return (value) => String(value).padStart(width);
}

function complexFormatter(values: readonly Complex[], roundTrip: RoundTrip): Formatter {
  const real = floatFormatter(values.map((c) => c.re), roundTrip);
  const imag = floatFormatter(values.map((c) => c.im), roundTrip, { sign: '+' });
  return (value) => {
    const c = value as Complex;
    const imagText = imag(c.im);
    const end = imagText.trimEnd().length;
    return `${real(c.re)}${imagText.slice(0, end)}j${imagText.slice(end)}`;
  };
}

const natValue = -(2n ** 63n);

function timedeltaFormatter(values: readonly Scalar[]): Formatter {
  const valid = values.filter((v) => v !== natValue).map(String);
  let width = Math.max(0, ...valid.map((t) => t.length));
  if (valid.length < values.length) width = Math.max(width, 5);
  return (value) => (value === natValue ? "'NaT'" : String(value)).padStart(width);
}

function datetimeFormatter(values: readonly Scalar[], unit: string): Formatter {
  const text = (value: Scalar): string => {
    const iso = datetimeText(value as bigint, unit);
    return iso === undefined ? String(value) : `'${iso}'`;
  };
  const width = Math.max(0, ...values.map((v) => text(v).length));
  return (value) => text(value).padStart(width);
}

function formatterFor(dt: DType, values: readonly Scalar[]): Formatter {
  switch (dt.kind) {
    case 'b':
      return (value) => (value ? 'True' : 'False');
    case 'i':
    case 'u':
      return integerFormatter(values);
    case 'f': {
      const format = floatFormatter(values as number[], roundTrips[dt.name] ?? exact);
      return (value) => format(value as number);
    }
    case 'c':
      return complexFormatter(values as Complex[], roundTrips[dt.name] ?? exact);
    case 'S':
    case 'V':
      return (value) => bytesRepr(value as Uint8Array);
    case 'U':
      return (value) => stringRepr(value as string);
    case 'M':
      return datetimeFormatter(values, dt.unit);
    default: // 'm'
      return timedeltaFormatter(values);
  }
}

/** The values a formatter is built from: all, or the edge items of every axis when summarising. */
function collectValues(a: NDArray, summarise: boolean): Scalar[] {
  const values: Scalar[] = [];
  const visit = (view: NDArray): void => {
    if (view.ndim === 0) {
      values.push(view.get());
      return;
    }
    const length = view.shape[0]!;
    const indices =
      summarise && length > 2 * edgeItems
        ? [...Array.from({ length: edgeItems }, (_, i) => i), ...Array.from({ length: edgeItems }, (_, i) => length - edgeItems + i)]
        : Array.from({ length }, (_, i) => i);
    for (const i of indices) visit(view.slice(i));
  };
  visit(a);
  return values;
}

function extendLine(text: string, line: string, word: string, width: number, prefix: string): [string, string] {
  let needsWrap = line.length + word.length > width;
  if (line.length <= prefix.length) needsWrap = false;
  if (needsWrap) {
    text += `${line.trimEnd()}\n`;
    line = prefix;
  }
  return [text, line + word];
}

// NumPy's _formatArray: rows wrap at `width`, higher axes are separated by
// blank lines, and long axes are summarised with '...'.
function formatArray(a: NDArray, format: Formatter, width: number, prefix: string, separator: string, summarise: boolean): string {
  const recurse = (view: NDArray, indent: string, currentWidth: number): string => {
    if (view.ndim === 0) return format(view.get());
    const nextIndent = `${indent} `;
    const nextWidth = currentWidth - 1;
    const length = view.shape[0]!;
    const showSummary = summarise && 2 * edgeItems < length;
    const leading = showSummary ? edgeItems : 0;
    const trailing = showSummary ? edgeItems : length;
    let text = '';
    if (view.ndim === 1) {
      const elementWidth = currentWidth - Math.max(separator.trimEnd().length, 1);
      let line = indent;
      for (let i = 0; i < leading; i += 1) {
        [text, line] = extendLine(text, line, recurse(view.slice(i), nextIndent, nextWidth), elementWidth, indent);
        line += separator;
      }
      if (showSummary) {
        [text, line] = extendLine(text, line, '...', elementWidth, indent);
        line += separator;
      }
      for (let i = trailing; i > 1; i -= 1) {
        [text, line] = extendLine(text, line, recurse(view.slice(length - i), nextIndent, nextWidth), elementWidth, indent);
        line += separator;
      }
      [text, line] = extendLine(text, line, recurse(view.slice(length - 1), nextIndent, nextWidth), elementWidth, indent);
      text += line;
    } else {
      const lineSeparator = separator.trimEnd() + '\n'.repeat(view.ndim - 1);
      for (let i = 0; i < leading; i += 1) text += indent + recurse(view.slice(i), nextIndent, nextWidth) + lineSeparator;
      if (showSummary) text += `${indent}...${lineSeparator}`;
      for (let i = trailing; i > 1; i -= 1) text += indent + recurse(view.slice(length - i), nextIndent, nextWidth) + lineSeparator;
      text += indent + recurse(view.slice(length - 1), nextIndent, nextWidth);
    }
    return `[${text.slice(indent.length)}]`;
  };
  return recurse(a, prefix, width);
}

function array2string(a: NDArray, separator: string, prefix: string, width: number): string {
  if (a.size === 0) return '[]';
  const summarise = a.size > threshold;
  const values = collectValues(a, summarise);
  const format = formatterFor(a.dtype, values);
  if (a.ndim === 0) return format(a.get());
  // Bool arrays pad True to line up with False (NumPy's ' True').
  const padded: Formatter = a.dtype.kind === 'b' ? (v) => (v ? ' True' : 'False') : format;
  return formatArray(a, padded, width, ` ${' '.repeat(prefix.length)}`, separator, summarise);
}

const impliedDTypes = new Set(['float64', 'int64', 'bool', 'complex128']);

/** NumPy's dtype_short_repr. */
function dtypeRepr(dt: DType): string {
  if (dt.kind === 'S' || dt.kind === 'U' || dt.kind === 'V' || !dt.isNative) return `'${dt.str}'`;
  const name = dt.fullName;
  return /^[a-z][a-z0-9]*$/i.test(name) ? name : `'${name}'`;
}

function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Metadata-only form for arrays whose elements cannot be read. */
function unreadableRepr(a: NDArray, reason: string): string {
  return `array(<${reason}>, shape=${pythonTuple(a.shape)}, dtype=${dtypeRepr(a.dtype)})`;
}

function unreadableReason(a: NDArray): string | undefined {
  if (a.opaque) return `data on device ${deviceName(a.device)}`;
  try {
    a._dataView();
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/** NumPy's repr(a): `array([1., 2.], dtype=float32)`. */
export function arrayRepr(a: NDArray): string {
  const reason = unreadableReason(a);
  if (reason) return unreadableRepr(a, reason);
  const prefix = 'array(';
  const body = array2string(a, ', ', prefix, lineWidth - 1);
  const extras: string[] = [];
  if ((a.size === 0 && !(a.ndim === 1 && a.shape[0] === 0)) || a.size > threshold) extras.push(`shape=${pythonTuple(a.shape)}`);
  if (!impliedDTypes.has(a.dtype.name) || !a.dtype.isNative || a.size === 0) extras.push(`dtype=${dtypeRepr(a.dtype)}`);
  if (extras.length === 0) return `${prefix}${body})`;
  const head = `${prefix}${body},`;
  const extra = `${extras.join(', ')})`;
  const lastLineLength = head.length - (head.lastIndexOf('\n') + 1);
  const spacer = lastLineLength + extra.length + 1 > lineWidth ? `\n${' '.repeat(prefix.length)}` : ' ';
  return head + spacer + extra;
}

/** NumPy's str(a): `[1. 2.]`; a 0-d array prints as its scalar. */
export function arrayStr(a: NDArray): string {
  const reason = unreadableReason(a);
  if (reason) return unreadableRepr(a, reason);
  if (a.ndim === 0 && (a.dtype.name === 'longdouble' || a.dtype.name === 'clongdouble')) return longDoubleScalarStr(a);
  if (a.ndim === 0) return scalarStr(a.dtype, a.get());
  return array2string(a, ' ', '', lineWidth);
}

const timedeltaUnitNames: Readonly<Record<string, string>> = {
  Y: 'years', M: 'months', W: 'weeks', D: 'days', h: 'hours', m: 'minutes', s: 'seconds', ms: 'milliseconds',
  us: 'microseconds', ns: 'nanoseconds', ps: 'picoseconds', fs: 'femtoseconds', as: 'attoseconds', '': 'generic time units',
};

// Python's complex repr drops '.0' from integral parts: (1+2j), (1.5-2j).
function complexPartText(value: number, roundTrip: RoundTrip): string {
  return scalarFloatText(value, roundTrip).replace(/\.0$/, '');
}

// A 0-d longdouble prints its exact shortest digits from the element's own
// bytes (the float64 that get() returns may have lost some).
function longDoubleScalarStr(a: NDArray): string {
  const view = a._dataView();
  const little = isLittleEndian(a.dtype);
  if (a.dtype.name === 'longdouble') return extendedText(view, a.byteOffset, little);
  const part = (offset: number): string => extendedText(view, offset, little).replace(/\.0$/, '');
  const re = readExtended(view, a.byteOffset, little);
  const imag = `${part(a.byteOffset + 16)}j`;
  if (re === 0 && !Object.is(re, -0)) return imag;
  return `(${part(a.byteOffset)}${imag.startsWith('-') ? '' : '+'}${imag})`;
}

/** str() of one NumPy scalar. */
function scalarStr(dt: DType, value: Scalar): string {
  const roundTrip = roundTrips[dt.name] ?? exact;
  switch (dt.kind) {
    case 'b':
      return value ? 'True' : 'False';
    case 'f':
      return scalarFloatText(value as number, roundTrip);
    case 'c': {
      const { re, im } = value as Complex;
      const imag = `${complexPartText(im, roundTrip)}j`;
      if (re === 0 && !Object.is(re, -0)) return imag;
      return `(${complexPartText(re, roundTrip)}${imag.startsWith('-') ? '' : '+'}${imag})`;
    }
    case 'S':
      return `np.bytes_(${bytesRepr(value as Uint8Array)})`;
    case 'V':
      return bytesRepr(value as Uint8Array);
    case 'U':
      return value as string;
    case 'M':
      return datetimeText(value as bigint, dt.unit) ?? String(value);
    case 'm': {
      if (value === natValue) return 'NaT';
      const [multiplier, base] = splitUnit(dt.unit);
      return `${(value as bigint) * multiplier} ${timedeltaUnitNames[base] ?? base}`;
    }
    default:
      return String(value);
  }
}
