// x86-64's 80-bit extended float, NumPy's longdouble ('g', '<f16'): a 64-bit
// significand with an explicit integer bit (bytes 0-7), then sign and a
// 15-bit exponent biased by 16383 (bytes 8-9), padded to 16 bytes. A
// big-endian '>f16' is the same 16 bytes reversed, as NumPy's byteswap does.
//
// JS numbers are float64: reading rounds to the nearest float64 (ties to
// even; values beyond float64's range become ±Infinity or ±0), writing a
// number is exact. `extendedText` gives the value's exact shortest decimal
// text, the digits NumPy's str(np.longdouble(x)) prints.

const kBias = 16383;
const kMaxExponent = 0x7fff;
const kIntegerBit = 1n << 63n;

/** The fields of one extended value. */
interface ExtendedParts {
  negative: boolean;
  exponent: number; // biased, 0..0x7fff
  significand: bigint; // 64 bits, integer bit included
}

function byteAt(view: DataView, offset: number, index: number, little: boolean): number {
  return view.getUint8(offset + (little ? index : 15 - index));
}

function readParts(view: DataView, offset: number, little: boolean): ExtendedParts {
  let significand = 0n;
  for (let i = 7; i >= 0; i -= 1) significand = (significand << 8n) | BigInt(byteAt(view, offset, i, little));
  const top = byteAt(view, offset, 8, little) | (byteAt(view, offset, 9, little) << 8);
  return { negative: (top & 0x8000) !== 0, exponent: top & kMaxExponent, significand };
}

function writeParts(view: DataView, offset: number, parts: ExtendedParts, little: boolean): void {
  const bytes = new Array<number>(16).fill(0);
  let significand = parts.significand;
  for (let i = 0; i < 8; i += 1) {
    bytes[i] = Number(significand & 0xffn);
    significand >>= 8n;
  }
  const top = parts.exponent | (parts.negative ? 0x8000 : 0);
  bytes[8] = top & 0xff;
  bytes[9] = top >> 8;
  for (let i = 0; i < 16; i += 1) view.setUint8(offset + (little ? i : 15 - i), bytes[i]!);
}

/** 2^k for any integer k float64 can represent exactly (-1074 <= k <= 1023). */
function powerOfTwo(k: number): number {
  return k < -1022 ? 2 ** (k + 1022) * 2 ** -1022 : 2 ** k;
}

/** round-half-even(value / 2^shift) for value >= 0, shift >= 0. */
function shiftRound(value: bigint, shift: number): bigint {
  if (shift === 0) return value;
  const s = BigInt(shift);
  const quotient = value >> s;
  const remainder = value - (quotient << s);
  const half = 1n << (s - 1n);
  if (remainder > half || (remainder === half && (quotient & 1n) === 1n)) return quotient + 1n;
  return quotient;
}

/** True for NaN, and for the encodings x87 treats as invalid (pseudo-NaN, unnormals): NaN too. */
function isNotANumber(parts: ExtendedParts): boolean {
  if (parts.exponent === kMaxExponent) return (parts.significand & (kIntegerBit - 1n)) !== 0n || parts.significand < kIntegerBit;
  return parts.exponent !== 0 && parts.significand < kIntegerBit;
}

/** The float64 nearest to the extended value at `offset` (ties to even). */
export function readExtended(view: DataView, offset: number, little: boolean): number {
  const parts = readParts(view, offset, little);
  const sign = parts.negative ? -1 : 1;
  if (isNotANumber(parts)) return NaN;
  if (parts.exponent === kMaxExponent) return sign * Infinity;
  if (parts.significand === 0n) return sign * 0;
  // Value = significand * 2^(lead - 63), lead the power of the integer bit;
  // denormals (exponent 0) have lead -16382 and lie far below float64's range.
  const lead = (parts.exponent === 0 ? 1 : parts.exponent) - kBias;
  if (lead > 1023) return sign * Infinity;
  const shift = lead >= -1022 ? 11 : 11 + (-1022 - lead);
  if (shift > 65) return sign * 0;
  const kept = shiftRound(parts.significand, shift);
  const magnitude = Number(kept) * powerOfTwo(lead - 63 + shift);
  return sign * magnitude;
}

const float64Bits = new DataView(new ArrayBuffer(8));

/** Writes `value` (any float64, exactly) as an extended value. */
export function writeExtended(view: DataView, offset: number, value: number, little: boolean): void {
  float64Bits.setFloat64(0, value);
  const negative = (float64Bits.getUint8(0) & 0x80) !== 0;
  if (Number.isNaN(value)) {
    writeParts(view, offset, { negative, exponent: kMaxExponent, significand: kIntegerBit | (1n << 62n) }, little);
    return;
  }
  if (!Number.isFinite(value)) {
    writeParts(view, offset, { negative, exponent: kMaxExponent, significand: kIntegerBit }, little);
    return;
  }
  if (value === 0) {
    writeParts(view, offset, { negative, exponent: 0, significand: 0n }, little);
    return;
  }
  const biased = (float64Bits.getUint16(0) >> 4) & 0x7ff;
  const fraction = float64Bits.getBigUint64(0) & ((1n << 52n) - 1n);
  // A float64 subnormal is fraction * 2^-1074; normalize it to the integer bit.
  let significand = biased === 0 ? fraction : fraction | (1n << 52n);
  let lead = biased === 0 ? -1074 + 52 : biased - 1023;
  while (significand < 1n << 52n) {
    significand <<= 1n;
    lead -= 1;
  }
  writeParts(view, offset, { negative, exponent: lead + kBias, significand: significand << 11n }, little);
}

/** Writes an integer as the nearest extended value (exact below 2^64, ties to even above). */
export function writeExtendedInteger(view: DataView, offset: number, value: bigint, little: boolean): void {
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  if (magnitude === 0n) {
    writeParts(view, offset, { negative: false, exponent: 0, significand: 0n }, little);
    return;
  }
  let dropped = Math.max(0, magnitude.toString(2).length - 64);
  magnitude = shiftRound(magnitude, dropped);
  if (magnitude === 1n << 64n) {
    magnitude >>= 1n;
    dropped += 1;
  }
  const length = magnitude.toString(2).length;
  const lead = length - 1 + dropped;
  if (lead + kBias >= kMaxExponent) {
    writeParts(view, offset, { negative, exponent: kMaxExponent, significand: kIntegerBit }, little);
    return;
  }
  writeParts(view, offset, { negative, exponent: lead + kBias, significand: magnitude << BigInt(64 - length) }, little);
}

/** The exact value as numerator / denominator (finite, nonzero magnitude). */
function exactRatio(parts: ExtendedParts): { numerator: bigint; denominator: bigint } {
  const power = (parts.exponent === 0 ? 1 : parts.exponent) - kBias - 63;
  return power >= 0
    ? { numerator: parts.significand << BigInt(power), denominator: 1n }
    : { numerator: parts.significand, denominator: 1n << BigInt(-power) };
}

/** round-half-even(numerator / denominator). */
function divideRound(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twice = 2n * (numerator - quotient * denominator);
  if (twice > denominator || (twice === denominator && (quotient & 1n) === 1n)) return quotient + 1n;
  return quotient;
}

/**
 * Shortest decimal digits `d` and exponent `e` (value = 0.d * 10^e) whose
 * value is closer to this extended value than to either neighbour, so it
 * reads back to the same bits.
 */
function shortestDigits(parts: ExtendedParts): { digits: string; point: number } {
  const { numerator, denominator } = exactRatio(parts);
  // Neighbours: half an ulp each side (a quarter below at a power of two).
  const power = (parts.exponent === 0 ? 1 : parts.exponent) - kBias - 63;
  const ulpNumerator = power >= 0 ? 1n << BigInt(power) : 1n;
  const ulpDenominator = power >= 0 ? 1n : 1n << BigInt(-power);
  const atPowerOfTwo = parts.significand === kIntegerBit && parts.exponent > 1;
  let point = Math.floor(Math.log10(Number(numerator) / Number(denominator)) + 1);
  if (!Number.isFinite(point)) point = numerator.toString().length - denominator.toString().length + 1;
  const scaled = (p: number, digits: number): bigint => {
    const scale = digits - p;
    return scale >= 0 ? divideRound(numerator * 10n ** BigInt(scale), denominator) : divideRound(numerator, denominator * 10n ** BigInt(-scale));
  };
  // Correct the estimated exponent so that 10^(point-1) <= value < 10^point.
  while (numerator * 10n ** BigInt(Math.max(0, 1 - point)) < denominator * 10n ** BigInt(Math.max(0, point - 1))) point -= 1;
  while (numerator * 10n ** BigInt(Math.max(0, -point)) >= denominator * 10n ** BigInt(Math.max(0, point))) point += 1;
  for (let count = 1; count <= 21; count += 1) {
    let candidate = scaled(point, count);
    let candidatePoint = point;
    if (candidate.toString().length > count) {
      candidate /= 10n;
      candidatePoint += 1;
    }
    // |candidate * 10^(candidatePoint - count) - value| < half ulp (quarter below at a power of two)?
    const scale = candidatePoint - count;
    const left = scale >= 0 ? candidate * 10n ** BigInt(scale) : candidate;
    const leftDenominator = scale >= 0 ? 1n : 10n ** BigInt(-scale);
    // difference = left/leftDenominator - numerator/denominator
    const differenceNumerator = left * denominator - numerator * leftDenominator;
    const differenceDenominator = leftDenominator * denominator;
    const magnitude = differenceNumerator < 0n ? -differenceNumerator : differenceNumerator;
    const below = differenceNumerator < 0n;
    const halfUlpDenominator = 2n * ulpDenominator * (below && atPowerOfTwo ? 2n : 1n);
    // magnitude/differenceDenominator < ulpNumerator/halfUlpDenominator, with ties to even bits allowed
    const lhs = magnitude * halfUlpDenominator;
    const rhs = ulpNumerator * differenceDenominator;
    if (lhs < rhs || (lhs === rhs && (parts.significand & 1n) === 0n)) {
      const text = candidate.toString().replace(/0+$/, '');
      return { digits: text === '' ? '0' : text, point: candidatePoint };
    }
  }
  const digits = scaled(point, 21).toString().replace(/0+$/, '');
  return { digits, point };
}

/**
 * NumPy's repr of a longdouble scalar's value (str(np.longdouble(x))):
 * shortest round-trip digits, positional for 1e-4 <= |x| < 1e16, otherwise
 * scientific with at least two exponent digits; 'nan', 'inf', '-inf'.
 */
export function extendedText(view: DataView, offset: number, little: boolean): string {
  const parts = readParts(view, offset, little);
  if (isNotANumber(parts)) return 'nan';
  const sign = parts.negative ? '-' : '';
  if (parts.exponent === kMaxExponent) return `${sign}inf`;
  if (parts.significand === 0n) return `${sign}0.0`;
  const { digits, point } = shortestDigits(parts);
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const exponent = point - 1;
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const exponentText = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${exponentText}`;
}
