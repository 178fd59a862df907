// NEP 50 type promotion, NumPy's casting table (can_cast) and the choice of
// a ufunc inner loop for given operand types.
//
// Everything here works on the arithmetic dtypes (bool, ints, floats, bfloat16,
// complex). Safe casting is derived from promotion (a -> b is safe exactly when
// promote(a, b) is b), so the two tables cannot disagree.
import { type DType, dtypeByName, dtypeRepr } from './dtype.js';
import { describeValue, makeError } from '../base/errors.js';

export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';
export const castingRules: readonly Casting[] = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'];

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
const signedBySize = new Map<number, DType>([1, 2, 4, 8].map((size) => [size, named(`int${size * 8}`)]));

const arithmeticNames = new Set([
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128',
]);

/** True for the dtypes ufuncs compute on. */
export function isArithmetic(dt: DType): boolean {
  return arithmeticNames.has(dt.name);
}

// Kind ranks for same_kind casting: bool < unsigned < signed < float < complex
// (unsigned -> signed is same-kind, signed -> unsigned is not).
const kindRank: Record<string, number> = { b: 0, u: 1, i: 2, f: 3, c: 4 };
// Kind ranks for NEP 50 weak scalars, where signed and unsigned are one kind.
const weakRank: Record<WeakKind, number> = { bool: 0, int: 1, float: 2, complex: 3 };
const strongWeakRank: Record<string, number> = { b: 0, u: 1, i: 1, f: 2, c: 3 };

function smallestFloatHolding(intType: DType): DType {
  if (intType.itemsize === 1) return float16;
  if (intType.itemsize === 2) return float32;
  return float64;
}

function complexFor(floatType: DType): DType {
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
  if (dt.kind === 'c') return dt === complex64 ? float32 : float64;
  if (dt.kind === 'f') return dt;
  return smallestFloatHolding(dt);
}

/** NumPy's promote_types for arithmetic dtypes (results in native byte order). */
export function promoteTypes(a: DType, b: DType): DType {
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

/** The dtype a lone weak scalar takes (Python's int, float, complex defaults). */
export function defaultTypeOf(kind: WeakKind): DType {
  return kind === 'bool' ? bool : kind === 'int' ? int64 : kind === 'float' ? float64 : complex128;
}

/** The dtype a weak scalar of `kind` takes next to the strong type `strong` (NEP 50). */
export function weakPromote(strong: DType, kind: WeakKind): DType {
  const strongRank = strongWeakRank[strong.kind]!;
  if (weakRank[kind] <= strongRank) return strong;
  if (kind === 'complex') return strong.kind === 'f' && strong !== float64 ? complex64 : complex128;
  return defaultTypeOf(kind);
}

/** NEP 50 result_type: strong dtypes decide; weak scalars only raise the kind. */
export function resultType(strong: readonly DType[], weak: readonly WeakKind[]): DType {
  let result: DType | undefined;
  for (const dt of strong) result = result ? promoteTypes(result, dt) : named(dt.name);
  if (!result) {
    if (weak.length === 0) throw new Error('ndinterop: resultType needs at least one operand');
    result = defaultTypeOf(weak[0]!);
    for (const kind of weak) result = promoteTypes(result, defaultTypeOf(kind));
    return result;
  }
  for (const kind of weak) result = weakPromote(result, kind);
  return result;
}

/** Whether a weak scalar of `kind` may enter a loop of type `to` (any type of its kind or higher). */
export function weakCanCastTo(kind: WeakKind, to: DType): boolean {
  if (!isArithmetic(to)) return false;
  return weakRank[kind] <= strongWeakRank[to.kind]!;
}

/** Parses a casting option; throws NumPy's message for anything else. */
export function parseCasting(value: unknown): Casting {
  if (castingRules.includes(value as Casting)) return value as Casting;
  throw makeError(
    TypeError,
    'ERR_INVALID_ARG_VALUE',
    `casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got ${describeValue(value)})`,
  );
}

// ---------------------------------------------------------------------------
// Loop selection: which inner loop of a ufunc runs for given operand types.

/** One inner loop of a ufunc: its position in `types` and its exact dtypes. */
export interface UfuncLoop {
  readonly index: number;
  readonly signature: string;
  readonly inputs: readonly DType[];
  readonly outputs: readonly DType[];
}

/** What loop selection knows about a ufunc. */
export interface LoopSet {
  readonly name: string;
  readonly nin: number;
  readonly nout: number;
  readonly loops: readonly UfuncLoop[];
  /** Every loop takes one type for all inputs (add, sqrt...), unlike ldexp ('fi->f'). */
  readonly homogeneous: boolean;
}

/** An operand as loop selection sees it: an array's dtype, or the kind of a weak JS scalar. */
export type OperandType = DType | WeakKind;

const typeByChar = new Map<string, DType>();
for (const name of arithmeticNames) {
  const dt = named(name);
  typeByChar.set(dt.char, dt);
}
// NumPy spells int64/uint64 'q'/'Q' as well as 'l'/'L' on LP64 platforms.
typeByChar.set('q', int64);
typeByChar.set('Q', uint64);

/** The DType of a NumPy type character ('d' -> float64), or undefined if not arithmetic. */
export function dtypeOfChar(char: string): DType | undefined {
  return typeByChar.get(char);
}

/** Parses NumPy `types` strings ('dd->d'); loops with types ndinterop cannot compute on are left out. */
export function parseLoops(types: readonly string[]): UfuncLoop[] {
  const loops: UfuncLoop[] = [];
  types.forEach((signature, index) => {
    const [inputChars, outputChars] = signature.split('->') as [string, string];
    const inputs = [...inputChars].map((c) => typeByChar.get(c));
    const outputs = [...outputChars].map((c) => typeByChar.get(c));
    if (inputs.some((t) => !t) || outputs.some((t) => !t)) return;
    loops.push({ index, signature, inputs: inputs as DType[], outputs: outputs as DType[] });
  });
  return loops;
}

// Comparisons' extra int64/uint64 loops ('qQ->?') do not change how NumPy
// resolves them: like add, they promote all inputs first.
function isMixedSignLoop(loop: UfuncLoop): boolean {
  return loop.inputs.every((t) => t === int64 || t === uint64);
}

/** Whether every loop takes one dtype for all its inputs (mixed int64/uint64 comparison loops aside). */
export function loopsAreHomogeneous(loops: readonly UfuncLoop[]): boolean {
  return loops.every((loop) => isMixedSignLoop(loop) || loop.inputs.every((t) => t === loop.inputs[0]));
}

function describeOperandType(type: OperandType): string {
  // NumPy lists a Python scalar by the default dtype of its kind.
  return dtypeRepr(typeof type === 'string' ? defaultTypeOf(type) : type);
}

/** NumPy's message when no loop of ufunc `name` takes these operand types. */
export function noLoopError(name: string, operands: readonly OperandType[]): TypeError {
  const list = operands.map(describeOperandType);
  const types = list.length === 1 ? list[0]! : `(${list.join(', ')})`;
  return makeError(TypeError, 'ERR_UFUNC_TYPE', `ufunc '${name}' did not contain a loop with signature matching types ${types} -> None`);
}

// Ufuncs whose NumPy promotion refuses all-bool inputs although a safe cast
// to an integer loop exists; two of them have their own messages.
const boolRefused = new Map<string, string | null>([
  [
    'subtract',
    'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
  ],
  ['negative', 'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.'],
  ['positive', null],
  ['sign', null],
  ['gcd', null],
  ['lcm', null],
]);

function inputMatches(operand: OperandType, loopType: DType): boolean {
  return typeof operand === 'string' ? weakCanCastTo(operand, loopType) : canCast(operand, loopType, 'safe');
}

function firstMatchingLoop(set: LoopSet, operands: readonly OperandType[]): UfuncLoop | undefined {
  return set.loops.find((loop) => operands.every((operand, i) => inputMatches(operand, loop.inputs[i]!)));
}

function strongAndWeak(operands: readonly OperandType[]): [DType[], WeakKind[]] {
  const strong: DType[] = [];
  const weak: WeakKind[] = [];
  for (const operand of operands) {
    if (typeof operand === 'string') weak.push(operand);
    else strong.push(operand);
  }
  return [strong, weak];
}

/**
 * Chooses the loop NumPy's type resolution chooses when no `dtype` is given.
 * true_divide computes integers in float64; homogeneous ufuncs first give weak
 * scalars the NEP 50 result type; the rest (ldexp) let a weak scalar enter any
 * loop type of its kind unless its kind is above the arrays'. Then the first loop
 * every operand casts to safely wins.
 */
function resolveByPromotion(set: LoopSet, operands: readonly OperandType[]): UfuncLoop {
  const [strong, weak] = strongAndWeak(operands);
  const common = resultType(strong, weak);
  const refusal = boolRefused.get(set.name);
  if (refusal !== undefined && common === bool) {
    if (refusal !== null) throw makeError(TypeError, 'ERR_UFUNC_TYPE', refusal);
    throw noLoopError(set.name, operands);
  }
  let candidates: readonly OperandType[];
  if (set.name === 'divide') {
    const target = common.kind === 'b' || common.kind === 'i' || common.kind === 'u' ? float64 : common;
    candidates = operands.map(() => target);
  } else if (set.homogeneous) {
    candidates = operands.map((operand) => (typeof operand === 'string' ? common : operand));
  } else {
    // Heterogeneous loops (ldexp 'ei->e'): a weak scalar of a kind above every
    // array's searches as its default type; otherwise it may enter any loop
    // type of its kind.
    const strongRank = strong.length > 0 ? strongWeakRank[resultType(strong, []).kind]! : -1;
    candidates = operands.map((operand) =>
      typeof operand === 'string' && weakRank[operand] > strongRank ? defaultTypeOf(operand) : operand,
    );
  }
  const loop = firstMatchingLoop(set, candidates);
  if (!loop) throw noLoopError(set.name, operands);
  return loop;
}

/** With `dtype` given, the loop whose outputs all have that type (homogeneous ufuncs: inputs too). */
function resolveByOutputType(set: LoopSet, operands: readonly OperandType[], dtype: DType): UfuncLoop {
  const candidates = set.loops.filter((loop) => loop.outputs.every((t) => t.name === dtype.name));
  const loop =
    candidates.find((c) => c.inputs.every((t) => t.name === dtype.name)) ??
    candidates.find((c) => operands.every((operand, i) => inputMatches(operand, c.inputs[i]!))) ??
    candidates[0];
  if (!loop) {
    throw makeError(
      TypeError,
      'ERR_UFUNC_TYPE',
      `No loop matching the specified signature and casting was found for ufunc ${set.name}`,
    );
  }
  return loop;
}

/** The loop a call with these operand types runs (before casting checks against the casting rule). */
export function resolveLoop(set: LoopSet, operands: readonly OperandType[], dtype: DType | undefined): UfuncLoop {
  return dtype ? resolveByOutputType(set, operands, dtype) : resolveByPromotion(set, operands);
}

/** NumPy's message for an input that the casting rule does not allow into the loop. */
export function inputCastingError(name: string, index: number, from: DType, to: DType, casting: Casting): TypeError {
  return makeError(
    TypeError,
    'ERR_UFUNC_CASTING',
    `Cannot cast ufunc '${name}' input ${index} from ${dtypeRepr(from)} to ${dtypeRepr(to)} with casting rule '${casting}'`,
  );
}

/** NumPy's message for a loop result that the casting rule does not allow into `out`. */
export function outputCastingError(name: string, from: DType, to: DType, casting: Casting): TypeError {
  return makeError(
    TypeError,
    'ERR_UFUNC_CASTING',
    `Cannot cast ufunc '${name}' output from ${dtypeRepr(from)} to ${dtypeRepr(to)} with casting rule '${casting}'`,
  );
}
