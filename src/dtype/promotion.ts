// NEP 50 type promotion for the arithmetic dtypes (bool, ints, floats,
// bfloat16, complex): NumPy's promote_types, and result_type with weak
// (Python-like) JS scalars. Which casts are allowed is derived from this in
// casting.ts; which ufunc loop runs, in src/ufunc/loop-selection.ts.
import { type DType, dtypeByName } from './dtype.js';
import { commonMeta, datetimeDType, metaOf } from './datetime-units.js';

/** The kind of a JS scalar taking part in an operation as a weak (Python-like) scalar. */
export type WeakKind = 'bool' | 'int' | 'float' | 'complex';

function named(name: string): DType {
  const found = dtypeByName(name);
  if (!found) throw new Error(`ndinterop: dtype table lacks '${name}'`);
  return found;
}

export const bool = named('bool');
export const int64 = named('int64');
export const uint64 = named('uint64');
export const float16 = named('float16');
export const bfloat16 = named('bfloat16');
export const float32 = named('float32');
export const float64 = named('float64');
export const complex64 = named('complex64');
export const complex128 = named('complex128');
export const longdouble = named('longdouble');
export const clongdouble = named('clongdouble');
const signedBySize = new Map<number, DType>([1, 2, 4, 8].map((size) => [size, named(`int${size * 8}`)]));

// Kind ranks for NEP 50 weak scalars, where signed and unsigned are one kind.
const weakRank: Record<WeakKind, number> = { bool: 0, int: 1, float: 2, complex: 3 };
const strongWeakRank: Record<string, number> = { b: 0, u: 1, i: 1, f: 2, c: 3 };

/** A weak scalar kind's rank among NEP 50 kinds: bool < int < float < complex. */
export function weakKindRank(kind: WeakKind): number {
  return weakRank[kind];
}

/** The NEP 50 kind rank of an arithmetic dtype (signed and unsigned integers are one kind). */
export function dtypeKindRank(dt: DType): number {
  return strongWeakRank[dt.kind]!;
}

function smallestFloatHolding(intType: DType): DType {
  if (intType.itemsize === 1) return float16;
  if (intType.itemsize === 2) return float32;
  return float64;
}

function complexFor(floatType: DType): DType {
  if (floatType === longdouble) return clongdouble;
  return floatType === float64 ? complex128 : complex64;
}

function promoteFloats(a: DType, b: DType): DType {
  if (a.name === b.name) return a;
  // bfloat16 and float16 each lack the other's range or precision.
  if ((a === bfloat16 && b === float16) || (a === float16 && b === bfloat16)) return float32;
  return a.itemsize >= b.itemsize ? a : b;
}

function promoteIntegers(a: DType, b: DType): DType {
  if (a.kind === b.kind) return a.itemsize >= b.itemsize ? a : b;
  const signed = a.kind === 'i' ? a : b;
  const unsigned = a.kind === 'i' ? b : a;
  if (signed.itemsize > unsigned.itemsize) return signed;
  return signedBySize.get(unsigned.itemsize * 2) ?? float64;
}

function floatPart(dt: DType): DType {
  if (dt.kind === 'c') return dt === complex64 ? float32 : dt === clongdouble ? longdouble : float64;
  if (dt.kind === 'f') return dt;
  return smallestFloatHolding(dt);
}

/** NumPy's promote_types for arithmetic dtypes (results in native byte order). */
export function promoteTypes(a: DType, b: DType): DType {
  const flexible = promoteFlexible(a, b);
  if (flexible) return flexible;
  const left = a.isNative ? a : named(a.name);
  const right = b.isNative ? b : named(b.name);
  if (left.name === right.name) return named(left.name);
  if (left.kind === 'b') return named(right.name);
  if (right.kind === 'b') return named(left.name);
  const leftInt = left.kind === 'i' || left.kind === 'u';
  const rightInt = right.kind === 'i' || right.kind === 'u';
  if (leftInt && rightInt) return promoteIntegers(left, right);
  if (left.kind === 'c' || right.kind === 'c') {
    return complexFor(promoteFloats(floatPart(left), floatPart(right)));
  }
  // One float, one float or integer. One-byte integers fit bfloat16 like float16.
  const leftFloat = leftInt ? (right === bfloat16 && left.itemsize === 1 ? bfloat16 : smallestFloatHolding(left)) : left;
  const rightFloat = rightInt ? (left === bfloat16 && right.itemsize === 1 ? bfloat16 : smallestFloatHolding(right)) : right;
  return named(promoteFloats(leftFloat, rightFloat).name);
}

// Types whose size or unit is part of them, promoted with it kept (native
// byte order): the longer of two 'S' or two 'U', the common unit of two
// datetime64 or two timedelta64, the same void. Undefined for the others.
function promoteFlexible(a: DType, b: DType): DType | undefined {
  if (a.kind !== b.kind) return undefined;
  const native = (d: DType): DType => (d.isNative ? d : d.newByteOrder('='));
  switch (a.kind) {
    case 'S':
    case 'U':
      return native(a.itemsize >= b.itemsize ? a : b);
    case 'M':
    case 'm':
      return datetimeDType(a.kind, commonMeta(metaOf(a), metaOf(b), a.kind === 'm'));
    case 'V':
      return a.equals(b.newByteOrder(a.byteorder)) ? native(a) : undefined;
    default:
      return undefined;
  }
}

/** The dtype a lone weak scalar takes (Python's int, float, complex defaults). */
export function defaultTypeOf(kind: WeakKind): DType {
  return kind === 'bool' ? bool : kind === 'int' ? int64 : kind === 'float' ? float64 : complex128;
}

/** The dtype a weak scalar of `kind` takes next to the strong type `strong` (NEP 50). */
export function weakPromote(strong: DType, kind: WeakKind): DType {
  if (weakKindRank(kind) <= dtypeKindRank(strong)) return strong;
  if (kind === 'complex') {
    if (strong === longdouble) return clongdouble;
    return strong.kind === 'f' && strong !== float64 ? complex64 : complex128;
  }
  return defaultTypeOf(kind);
}

// NumPy's type numbers for the builtin numeric DTypes: among builtins the one
// with the larger number is the "more knowledgeable" (it answers
// __common_dtype__ for the other); float16 comes after all the others.
const typeNumbers: Readonly<Record<string, number>> = {
  bool: 0, int8: 1, uint8: 2, int16: 3, uint16: 4, int32: 5, uint32: 6, int64: 7, uint64: 8,
  float32: 11, float64: 12, longdouble: 13, complex64: 14, complex128: 15, clongdouble: 16, float16: 23,
};

/**
 * The common dtype of a sequence of strong dtypes, as NumPy's
 * PyArray_PromoteDTypeSequence finds it: not a left-to-right pairwise fold but
 * the most knowledgeable DType's promotion with each of the others, those
 * results then promoted together. So it does not depend on the order:
 * (uint16, int16, float32) is float32, where a pairwise fold gives
 * int32 then float64. Dtypes outside NumPy's builtins fold pairwise.
 */
function promoteSequence(strong: readonly DType[]): DType {
  const first = strong[0]!.numeric ? named(strong[0]!.name) : strong[0]!;
  if (strong.length <= 2 || strong.some((dt) => typeNumbers[dt.name] === undefined)) {
    return strong.slice(1).reduce((result, dt) => promoteTypes(result, dt), first);
  }
  const main = strong.reduce((a, b) => (typeNumbers[b.name]! > typeNumbers[a.name]! ? b : a));
  let result: DType | undefined;
  for (const dt of strong) {
    if (dt.name === main.name) continue;
    const common = promoteTypes(main, dt);
    result = result ? promoteTypes(result, common) : common;
  }
  return result ?? named(main.name);
}

/** NEP 50 result_type: strong dtypes decide; weak scalars only raise the kind. */
export function resultType(strong: readonly DType[], weak: readonly WeakKind[]): DType {
  let result: DType | undefined = strong.length > 0 ? promoteSequence(strong) : undefined;
  if (!result) {
    if (weak.length === 0) throw new Error('ndinterop: resultType needs at least one operand');
    result = defaultTypeOf(weak[0]!);
    for (const kind of weak) result = promoteTypes(result, defaultTypeOf(kind));
    return result;
  }
  for (const kind of weak) result = weakPromote(result, kind);
  return result;
}
