// Casting: which casts NumPy allows (can_cast and the `casting` option, with
// NumPy's messages for a refused cast) and what value a cast stores in one
// element (astype).
//
// Safe casting is derived from promotion (a -> b is safe exactly when
// promote(a, b) is b), so the two tables cannot disagree.
import { type DType, dtypeRepr } from './dtype.js';
import { type Complex, type Scalar } from './elements.js';
import { type WeakKind, dtypeKindRank, promoteTypes, weakKindRank } from './promotion.js';
import { describeValue, makeError } from '../base/errors.js';

/**
 * NumPy's casting rules, strictest first: 'no' (identical types), 'equiv'
 * (byte order may differ), 'safe' (no value can change), 'same_kind' (safe, or
 * within a kind such as float64 to float32), 'unsafe' (anything).
 */
export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';
export const castingRules: readonly Casting[] = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'];

/** Parses a casting option; throws NumPy's message for anything else. */
export function parseCasting(value: unknown): Casting {
  if (castingRules.includes(value as Casting)) return value as Casting;
  throw makeError(
    TypeError,
    'ERR_INVALID_ARG_VALUE',
    `casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got ${describeValue(value)})`,
  );
}

// Kind ranks for same_kind casting: bool < unsigned < signed < float < complex
// (unsigned -> signed is same-kind, signed -> unsigned is not).
const kindRank: Record<string, number> = { b: 0, u: 1, i: 2, f: 3, c: 4 };

/** NumPy's can_cast(from, to, casting) for arithmetic dtypes. */
export function canCast(from: DType, to: DType, casting: Casting): boolean {
  if (from.name === to.name) {
    if (casting !== 'no') return true;
    return from.isNative === to.isNative && (from.isNative || from.byteorder === to.byteorder);
  }
  switch (casting) {
    case 'no':
    case 'equiv':
      return false;
    case 'safe':
      return promoteTypes(from, to).name === to.name;
    case 'same_kind':
      return promoteTypes(from, to).name === to.name || kindRank[from.kind]! <= kindRank[to.kind]!;
    case 'unsafe':
      return true;
  }
}

/** Whether a weak scalar of `kind` may enter a loop of type `to` (any type of its kind or higher, NEP 50). */
export function weakCanCastTo(kind: WeakKind, to: DType): boolean {
  if (!to.numeric) return false;
  return weakKindRank(kind) <= dtypeKindRank(to);
}

/** NumPy's message when astype's casting rule refuses a cast. */
export function arrayCastingError(from: DType, to: DType, casting: Casting): TypeError {
  return makeError(TypeError, 'ERR_INVALID_DTYPE', `Cannot cast array data from ${dtypeRepr(from)} to ${dtypeRepr(to)} according to the rule '${casting}'`);
}

/** NumPy's message for a ufunc input that the casting rule does not allow into the loop. */
export function inputCastingError(name: string, index: number, from: DType, to: DType, casting: Casting): TypeError {
  return makeError(
    TypeError,
    'ERR_UFUNC_CASTING',
    `Cannot cast ufunc '${name}' input ${index} from ${dtypeRepr(from)} to ${dtypeRepr(to)} with casting rule '${casting}'`,
  );
}

/** NumPy's message for a ufunc loop result that the casting rule does not allow into `out`. */
export function outputCastingError(name: string, from: DType, to: DType, casting: Casting): TypeError {
  return makeError(
    TypeError,
    'ERR_UFUNC_CASTING',
    `Cannot cast ufunc '${name}' output from ${dtypeRepr(from)} to ${dtypeRepr(to)} with casting rule '${casting}'`,
  );
}

/** Same type apart from byte order. */
export function sameType(a: DType, b: DType): boolean {
  return a.name === b.name && a.itemsize === b.itemsize && a.unit === b.unit;
}

/** True when astype can convert values between these types at all (with 'unsafe'). */
export function isConvertible(from: DType, to: DType): boolean {
  return sameType(from, to) || (from.numeric && to.numeric);
}

const two31 = 2 ** 31;
const two63 = 2 ** 63;
const two64 = 2 ** 64;

// float -> integer where the value does not fit, or is NaN, is undefined in
// C; these reproduce what NumPy 2.4 gives on x86-64 (CVTTSD2SI returns the
// "integer indefinite" 0x80...0 for anything out of range, 8- and 16-bit
// targets keep the low bits of the int32 conversion, unsigned targets take
// the signed path for negative inputs).
function floatToInteger(x: number, target: string): number | bigint {
  const t = Math.trunc(x);
  switch (target) {
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
      return wrapNumber(Number.isNaN(t) || t < -two31 || t >= two31 ? 0 : t, target);
    case 'int32':
      return Number.isNaN(t) || t < -two31 || t >= two31 ? -two31 : t;
    case 'uint32':
      if (x >= 0) return t < two63 ? t >>> 0 : 0;
      return Number.isNaN(t) || t < -two31 ? two31 : t >>> 0;
    case 'int64':
      return Number.isNaN(t) || t < -two63 || t >= two63 ? -(2n ** 63n) : BigInt(t);
    default: // uint64
      if (x >= 0) return t < two64 ? BigInt(t) : 0n;
      return Number.isNaN(t) || t < -two63 ? 2n ** 63n : BigInt.asUintN(64, BigInt(t));
  }
}

/** Two's complement wrap of an integer-valued number into a 8/16/32-bit type. */
function wrapNumber(value: number, target: string): number {
  switch (target) {
    case 'int8':
      return (value << 24) >> 24;
    case 'uint8':
      return value & 0xff;
    case 'int16':
      return (value << 16) >> 16;
    case 'uint16':
      return value & 0xffff;
    case 'int32':
      return value | 0;
    default: // uint32
      return value >>> 0;
  }
}

function integerToInteger(value: number | bigint, target: string): number | bigint {
  if (target === 'int64') return BigInt.asIntN(64, BigInt(value));
  if (target === 'uint64') return BigInt.asUintN(64, BigInt(value));
  const small = typeof value === 'bigint' ? Number(BigInt.asIntN(32, value)) : value;
  return wrapNumber(small, target);
}

// Number(bigint) rounds to float64; rounding that again to float32 can land
// on the wrong side of a float32 halfway point, so settle ties exactly.
function bigintToFloat32(value: bigint): number {
  const wide = Number(value);
  const narrow = Math.fround(wide);
  if (narrow === wide || !Number.isFinite(narrow)) return narrow;
  const other = nextFloat32Toward(narrow, wide);
  const distanceNarrow = absBig(value - BigInt(narrow));
  const distanceOther = absBig(value - BigInt(other));
  if (distanceNarrow !== distanceOther) return distanceNarrow < distanceOther ? narrow : other;
  return float32MantissaIsEven(narrow) ? narrow : other;
}

const float32Scratch = new DataView(new ArrayBuffer(4));

function nextFloat32Toward(from: number, toward: number): number {
  float32Scratch.setFloat32(0, from);
  const bits = float32Scratch.getUint32(0);
  const awayFromZero = (toward > from) === (from > 0);
  float32Scratch.setUint32(0, awayFromZero ? bits + 1 : bits - 1);
  return float32Scratch.getFloat32(0);
}

function float32MantissaIsEven(value: number): boolean {
  float32Scratch.setFloat32(0, value);
  return (float32Scratch.getUint32(0) & 1) === 0;
}

function absBig(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function realPart(value: Scalar): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return (value as Complex).re;
}

/**
 * NumPy's value for `value` (read from an element of `from`) cast to `to`:
 * floats truncate toward zero into integers, integers wrap, complex drops
 * its imaginary part (NumPy warns with ComplexWarning; here it is silent),
 * anything nonzero (NaN included) becomes true.
 */
export function castValue(value: Scalar, from: DType, to: DType): Scalar {
  if (sameType(from, to)) return value;
  switch (to.kind) {
    case 'b':
      if (typeof value === 'object') return (value as Complex).re !== 0 || (value as Complex).im !== 0;
      return typeof value === 'bigint' ? value !== 0n : value !== 0 && value !== false;
    case 'i':
    case 'u':
      if (typeof value === 'boolean') return integerToInteger(value ? 1 : 0, to.name);
      if (from.kind === 'i' || from.kind === 'u') return integerToInteger(value as number | bigint, to.name);
      return floatToInteger(realPart(value), to.name);
    case 'f':
      if (typeof value === 'bigint' && to.name === 'float32') return bigintToFloat32(value);
      return realPart(value);
    default: // 'c'
      if (typeof value === 'object') return value;
      return { re: realPart(value), im: 0 };
  }
}
