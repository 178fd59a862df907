// Casting: which casts NumPy allows (can_cast and the `casting` option, with
// NumPy's messages for a refused cast). The values a cast stores come from
// the native cast kernels (native/core/ufunc/cast.cc).
//
// Safe casting is derived from promotion (a -> b is safe exactly when
// promote(a, b) is b), so the two tables cannot disagree.
import { type DType, dtypeRepr } from './dtype.js';
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
  // void converts only to bool (any nonzero byte), and only unsafely.
  if (from.kind === 'V' || to.kind === 'V') return casting === 'unsafe';
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
  return sameType(from, to) || (from.numeric && to.numeric) || (from.kind === 'V' && to.kind === 'b');
}
