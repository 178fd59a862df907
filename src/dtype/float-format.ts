// NumPy's float printing (FloatingFormat with its defaults: precision 8,
// floatmode 'maxprec', suppress=False): shortest round-trip digits, cut to 8
// digits with round-half-even on the exact binary value, positional or
// scientific for the whole array, padded so the decimal points line up.

/** Digits and decimal exponent: value = 0.d1d2d3... * 10^(pointPosition). */
interface Decimal {
  negative: boolean;
  digits: string; // no leading zeros, at least one digit
  point: number; // digits before the decimal point (may be <= 0 or > digits.length)
}

export type RoundTrip = (value: number) => number;

const float64Bits = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double as mantissa * 2^exponent (mantissa >= 0). */
function exactBinary(value: number): { mantissa: bigint; exponent: number } {
  float64Bits.setFloat64(0, Math.abs(value));
  const hi = float64Bits.getUint32(0);
  const lo = float64Bits.getUint32(4);
  const biased = hi >>> 20;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** round-half-even(|value| * 10^scale) as a BigInt, exactly. */
function scaledRound(value: number, scale: number): bigint {
  const { mantissa, exponent } = exactBinary(value);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  const quotient = numerator / denominator;
  const twiceRemainder = 2n * (numerator % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/** Shortest digits that read back (through `roundTrip`) as `value`. */
function shortestDecimal(value: number, roundTrip: RoundTrip): Decimal {
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return { negative, digits: '0', point: 1 };
  let text = magnitude.toExponential();
  for (let precision = 0; precision < 17; precision += 1) {
    const candidate = magnitude.toExponential(precision);
    if (roundTrip(Number(candidate)) === magnitude) {
      text = candidate;
      break;
    }
  }
  const [mantissa, exponent] = text.split('e') as [string, string];
  return { negative, digits: mantissa.replace('.', ''), point: Number(exponent) + 1 };
}

function fractionalDigits(decimal: Decimal): number {
  return Math.max(0, decimal.digits.length - decimal.point);
}

/** Positional digits of `value`: shortest, or rounded to `maxFraction` fractional digits. */
function positional(value: number, roundTrip: RoundTrip, maxFraction: number): { intPart: string; fracPart: string } {
  let decimal = shortestDecimal(value, roundTrip);
  if (fractionalDigits(decimal) > maxFraction) {
    const rounded = scaledRound(value, maxFraction).toString().padStart(maxFraction + 1, '0');
    const trimmed = rounded.replace(/0+$/, '');
    decimal = { negative: decimal.negative, digits: trimmed === '' ? '0' : trimmed, point: rounded.length - maxFraction };
    if (trimmed === '') decimal.point = 1;
  }
  const sign = decimal.negative ? '-' : '';
  const { digits, point } = decimal;
  if (point <= 0) return { intPart: `${sign}0`, fracPart: '0'.repeat(-point) + digits.replace(/0+$/, '') };
  const intPart = digits.slice(0, point).padEnd(point, '0');
  return { intPart: sign + intPart, fracPart: digits.slice(point).replace(/0+$/, '') };
}

/** Scientific digits: shortest, or rounded to 1 + `maxFraction` significant digits. */
function scientific(value: number, roundTrip: RoundTrip, maxFraction: number): { intPart: string; fracPart: string; exponent: number } {
  let decimal = shortestDecimal(value, roundTrip);
  if (decimal.digits.length > maxFraction + 1) {
    let exponent = decimal.point - 1;
    let rounded = scaledRound(value, maxFraction - exponent).toString();
    if (rounded.length > maxFraction + 1) {
      exponent += 1;
      rounded = rounded.slice(0, maxFraction + 1);
    }
    decimal = { negative: decimal.negative, digits: rounded.replace(/0+$/, '') || '0', point: exponent + 1 };
  }
  const sign = decimal.negative ? '-' : '';
  const exponent = decimal.digits === '0' ? 0 : decimal.point - 1;
  return { intPart: sign + decimal.digits[0], fracPart: decimal.digits.slice(1).replace(/0+$/, ''), exponent };
}

export interface FloatFormatOptions {
  /** '+' to always print a sign (the imaginary part of complex numbers). */
  readonly sign?: '-' | '+';
}

const precision = 8;

/**
 * A formatter for the float values of one array (NumPy's FloatingFormat):
 * call it with each value to get its padded text.
 */
export function floatFormatter(values: readonly number[], roundTrip: RoundTrip, options: FloatFormatOptions = {}): (value: number) => string {
  const plus = options.sign === '+';
  const finite = values.filter((v) => Number.isFinite(v));
  const nonZero = finite.filter((v) => v !== 0).map(Math.abs);
  let exponential = false;
  if (nonZero.length > 0) {
    const max = Math.max(...nonZero);
    const min = Math.min(...nonZero);
    exponential = max >= 1e8 || min < 0.0001 || max / min > 1000;
  }
  const withSign = (text: string): string => (plus && !text.startsWith('-') ? `+${text}` : text);
  let padLeft = 0;
  let padRight = 0;
  let fraction = 0;
  let exponentDigits = 0;
  if (finite.length > 0) {
    if (exponential) {
      const parts = finite.map((v) => scientific(v, roundTrip, precision));
      fraction = Math.max(...parts.map((p) => p.fracPart.length));
      exponentDigits = Math.max(2, ...parts.map((p) => String(Math.abs(p.exponent)).length));
      padLeft = Math.max(...parts.map((p) => withSign(p.intPart).length));
      padRight = exponentDigits + 2 + fraction;
    } else {
      const parts = finite.map((v) => positional(v, roundTrip, precision));
      padLeft = Math.max(...parts.map((p) => withSign(p.intPart).length));
      padRight = Math.max(...parts.map((p) => p.fracPart.length));
    }
  }
  if (finite.length !== values.length) {
    const negativeInfinity = plus || values.some((v) => v === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset);
  }
  return (value: number): string => {
    if (!Number.isFinite(value)) {
      const text = Number.isNaN(value) ? (plus ? '+nan' : 'nan') : value < 0 ? '-inf' : plus ? '+inf' : 'inf';
      return text.padStart(padLeft + padRight + 1);
    }
    if (exponential) {
      const p = scientific(value, roundTrip, precision);
      const mantissa = `${withSign(p.intPart).padStart(padLeft)}.${p.fracPart.padEnd(fraction, '0')}`;
      return `${mantissa}e${p.exponent < 0 ? '-' : '+'}${String(Math.abs(p.exponent)).padStart(exponentDigits, '0')}`;
    }
    const p = positional(value, roundTrip, precision);
    return `${withSign(p.intPart).padStart(padLeft)}.${p.fracPart.padEnd(padRight)}`;
  };
}

/**
 * The str of one NumPy float scalar (like Python's repr of a float):
 * shortest digits, positional with '.0' for 1e-4 <= |x| < 1e16, otherwise
 * scientific ('1e+16', '1.5e-05').
 */
export function scalarFloatText(value: number, roundTrip: RoundTrip): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  const decimal = shortestDecimal(value, roundTrip);
  const sign = decimal.negative ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
    const p = positional(value, roundTrip, Number.POSITIVE_INFINITY);
    return `${p.intPart}.${p.fracPart || '0'}`;
  }
  const exponent = decimal.point - 1;
  const mantissa = decimal.digits.length > 1 ? `${decimal.digits[0]}.${decimal.digits.slice(1)}` : decimal.digits;
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
