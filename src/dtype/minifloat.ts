// float16 and bfloat16 conversions (Node 20 has no Float16Array). Encoding
// rounds a float64 straight to the narrow format, round-to-nearest-even,
// without passing through float32 (which would round twice).

interface MiniFormat {
  readonly mantissaBits: number;
  readonly exponentBias: number;
  readonly maxExponent: number; // largest unbiased exponent of a finite value
  readonly nanBits: number;
}

const float16Format: MiniFormat = { mantissaBits: 10, exponentBias: 15, maxExponent: 15, nanBits: 0x7e00 };
const bfloat16Format: MiniFormat = { mantissaBits: 7, exponentBias: 127, maxExponent: 127, nanBits: 0x7fc0 };

const scratch = new DataView(new ArrayBuffer(8));

/** floor(log2(x)) for a finite x > 0, read exactly from the float64 exponent field. */
function binaryExponent(x: number): number {
  scratch.setFloat64(0, x);
  const biased = (scratch.getUint16(0) >>> 4) & 0x7ff;
  return biased === 0 ? -1023 : biased - 1023;
}

function roundHalfEven(q: number): number {
  const floor = Math.floor(q);
  const diff = q - floor;
  if (diff > 0.5 || (diff === 0.5 && floor % 2 === 1)) return floor + 1;
  return floor;
}

// A NaN keeps its sign and the top bits of its payload, as NumPy's
// npy_doublebits_to_halfbits does (a payload shifted out leaves a quiet bit).
function encodeNan(value: number, format: MiniFormat): number {
  scratch.setFloat64(0, value);
  const high = scratch.getUint32(0);
  const signBit = high >>> 31 ? 0x8000 : 0;
  if (format !== float16Format) return signBit | format.nanBits;
  const payload = (high & 0xfffff) >>> 10;
  return signBit | 0x7c00 | (payload === 0 ? 1 : payload);
}

function encode(value: number, format: MiniFormat): number {
  if (Number.isNaN(value)) return encodeNan(value, format);
  const signBit = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  const infinityBits = ((format.maxExponent + format.exponentBias + 1) << format.mantissaBits) | signBit;
  if (magnitude === Infinity) return infinityBits;
  if (magnitude === 0) return signBit;
  const minExponent = 1 - format.exponentBias;
  let exponent = Math.max(binaryExponent(magnitude), minExponent);
  const implicitOne = 1 << format.mantissaBits;
  // Dividing by a power of two is exact, so only roundHalfEven rounds.
  let significand = roundHalfEven(magnitude / 2 ** (exponent - format.mantissaBits));
  if (significand === 2 * implicitOne) {
    significand = implicitOne;
    exponent += 1;
  }
  if (exponent > format.maxExponent) return infinityBits;
  if (significand < implicitOne) return signBit | significand; // subnormal (or zero)
  return signBit | ((exponent + format.exponentBias) << format.mantissaBits) | (significand - implicitOne);
}

/** The float16 bit pattern nearest to `value` (ties to even). */
export function float16Bits(value: number): number {
  return encode(value, float16Format);
}

/** The bfloat16 bit pattern nearest to `value` (ties to even). */
export function bfloat16Bits(value: number): number {
  return encode(value, bfloat16Format);
}

export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (mantissa + 0x400) * 2 ** (exponent - 25);
}

export function bfloat16Value(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}
