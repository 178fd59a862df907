// Loop selection: which inner loop of a ufunc runs for given operand types,
// as NumPy's type resolution picks it (NEP 50 promotion first, then the first
// loop every operand casts to safely).
import { type DType, dtypeOfChar, dtypeRepr } from '../dtype/dtype.js';
import { canCast, weakCanCastTo } from '../dtype/casting.js';
import { type WeakKind, bool, defaultTypeOf, dtypeKindRank, float64, int64, resultType, uint64, weakKindRank } from '../dtype/promotion.js';
import { makeError } from '../base/errors.js';

/** One inner loop of a ufunc: its position in `types` and its exact dtypes. */
export interface UfuncLoop {
  readonly index: number;
  readonly signature: string;
  readonly inputs: readonly DType[];
  readonly outputs: readonly DType[];
}

/**
 * The special cases of NumPy's type resolvers, as data a built-in ufunc
 * carries (scripts/gen-ufunc-types.py RULES), never tests of its name.
 */
export interface ResolutionRules {
  /**
   * All-bool inputs are refused although a safe cast to an integer loop
   * exists: `true` for NumPy's generic no-loop message, or NumPy's own text.
   */
  readonly refuseBoolInputs?: true | string;
  /** Bool and integer inputs compute in float64 (true_divide). */
  readonly integersInFloat64?: true;
}

/** What loop selection knows about a ufunc. */
export interface LoopSet {
  readonly name: string;
  readonly nin: number;
  readonly nout: number;
  readonly loops: readonly UfuncLoop[];
  /** Every loop takes one type for all inputs (add, sqrt...), unlike ldexp ('fi->f'). */
  readonly homogeneous: boolean;
  /** Its type resolver's special cases; none for a ufunc from createUfunc. */
  readonly resolution?: ResolutionRules;
}

/** An operand as loop selection sees it: an array's dtype, or the kind of a weak JS scalar. */
export type OperandType = DType | WeakKind;

/** Parses NumPy `types` strings ('dd->d'); loops with types ndinterop cannot compute on are left out. */
export function parseLoops(types: readonly string[]): UfuncLoop[] {
  const loops: UfuncLoop[] = [];
  types.forEach((signature, index) => {
    const [inputChars, outputChars] = signature.split('->') as [string, string];
    const inputs = [...inputChars].map(dtypeOfChar);
    const outputs = [...outputChars].map(dtypeOfChar);
    if (![...inputs, ...outputs].every((t) => t?.numeric)) return;
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
  // isnat's loops are datetime64/timedelta64 only, and NumPy says so.
  if (name === 'isnat') return makeError(TypeError, 'ERR_UFUNC_TYPE', "ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.");
  const list = operands.map(describeOperandType);
  const types = list.length === 1 ? list[0]! : `(${list.join(', ')})`;
  return makeError(TypeError, 'ERR_UFUNC_TYPE', `ufunc '${name}' did not contain a loop with signature matching types ${types} -> None`);
}

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
 * Rules first (bool inputs refused; true_divide computes integers in
 * float64); homogeneous ufuncs first give weak
 * scalars the NEP 50 result type; the rest (ldexp) let a weak scalar enter any
 * loop type of its kind unless its kind is above the arrays'. Then the first loop
 * every operand casts to safely wins.
 */
function resolveByPromotion(set: LoopSet, operands: readonly OperandType[]): UfuncLoop {
  const [strong, weak] = strongAndWeak(operands);
  const common = resultType(strong, weak);
  const refusal = set.resolution?.refuseBoolInputs;
  if (refusal !== undefined && common === bool) {
    if (refusal !== true) throw makeError(TypeError, 'ERR_UFUNC_TYPE', refusal);
    throw noLoopError(set.name, operands);
  }
  let candidates: readonly OperandType[];
  if (set.resolution?.integersInFloat64) {
    const target = common.kind === 'b' || common.kind === 'i' || common.kind === 'u' ? float64 : common;
    candidates = operands.map(() => target);
  } else if (set.homogeneous) {
    candidates = operands.map((operand) => (typeof operand === 'string' ? common : operand));
  } else {
    // Heterogeneous loops (ldexp 'ei->e'): a weak scalar of a kind above every
    // array's searches as its default type; otherwise it may enter any loop
    // type of its kind.
    const strongRank = strong.length > 0 ? dtypeKindRank(resultType(strong, [])) : -1;
    candidates = operands.map((operand) =>
      typeof operand === 'string' && weakKindRank(operand) > strongRank ? defaultTypeOf(operand) : operand,
    );
  }
  const loop = firstMatchingLoop(set, candidates);
  if (!loop) throw noLoopError(set.name, operands);
  return loop;
}

/**
 * With `dtype` given, the loop whose outputs all have that type. `dtype`
 * fixes the outputs only: the loop promotion picks stands when its outputs
 * already have that type (equal(1, [1], { dtype: 'bool' }) runs 'qq->?');
 * otherwise homogeneous ufuncs take it for the inputs too.
 */
function resolveByOutputType(set: LoopSet, operands: readonly OperandType[], dtype: DType): UfuncLoop {
  const promoted = promotedLoopOrUndefined(set, operands);
  if (promoted && promoted.outputs.every((t) => t.name === dtype.name)) return promoted;
  const candidates = set.loops.filter((loop) => loop.outputs.every((t) => t.name === dtype.name));
  // No loop of that output type every operand reaches safely (ldexp(1.0,
  // uint64, dtype='d'): ldexp has no unsigned exponent loop): NumPy refuses.
  const loop =
    candidates.find((c) => c.inputs.every((t) => t.name === dtype.name)) ??
    candidates.find((c) => operands.every((operand, i) => inputMatches(operand, c.inputs[i]!)));
  if (!loop) throw noSignatureLoopError(set.name);
  return loop;
}

/** NumPy's message when `dtype` or `signature` asks for a loop the ufunc does not have. */
export function noSignatureLoopError(name: string): TypeError {
  return makeError(TypeError, 'ERR_UFUNC_TYPE', `No loop matching the specified signature and casting was found for ufunc ${name}`);
}

/**
 * With `signature` given (one entry per input and output; undefined where
 * the call leaves it open), as NumPy resolves it: nothing fixed is no
 * signature; outputs alone, all of one type, are `dtype`; otherwise the
 * first loop whose types equal every fixed entry and that every open input
 * reaches safely. Casting the inputs into it follows the casting rule.
 */
export function resolveBySignature(set: LoopSet, operands: readonly OperandType[], signature: readonly (DType | undefined)[]): UfuncLoop {
  const nin = operands.length;
  const inputs = signature.slice(0, nin);
  const outputs = signature.slice(nin);
  if (inputs.every((t) => t === undefined)) {
    if (outputs.every((t) => t === undefined)) return resolveByPromotion(set, operands);
    const first = outputs[0];
    if (first && outputs.every((t) => t?.name === first.name)) return resolveByOutputType(set, operands, first);
    throw noSignatureLoopError(set.name);
  }
  // Every output fixed to one type, inputs fixed to it or open: the
  // homogeneous loop of that type (add(3, 4, signature=('i', None, 'i'))).
  const first = outputs[0];
  if (first && outputs.every((t) => t?.name === first.name) && inputs.every((t) => t === undefined || t.name === first.name)) {
    const uniform = set.loops.find((loop) => [...loop.inputs, ...loop.outputs].every((t) => t.name === first.name));
    if (uniform) return uniform;
  }
  const fits = (loop: UfuncLoop): boolean =>
    [...loop.inputs, ...loop.outputs].every((t, i) => signature[i] === undefined || signature[i]!.name === t.name) &&
    operands.every((operand, i) => inputs[i] !== undefined || inputMatches(operand, loop.inputs[i]!));
  const loop = set.loops.find(fits);
  if (!loop) throw noSignatureLoopError(set.name);
  return loop;
}

function promotedLoopOrUndefined(set: LoopSet, operands: readonly OperandType[]): UfuncLoop | undefined {
  try {
    return resolveByPromotion(set, operands);
  } catch {
    return undefined;
  }
}

/** The loop a call with these operand types runs (before casting checks against the casting rule). */
export function resolveLoop(set: LoopSet, operands: readonly OperandType[], dtype: DType | undefined): UfuncLoop {
  return dtype ? resolveByOutputType(set, operands, dtype) : resolveByPromotion(set, operands);
}
