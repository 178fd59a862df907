// The Ufunc object: a callable with NumPy's attributes and methods. A call
// runs NEP 13 dispatch, then NEP 50 loop selection, broadcasting, casting
// checks, and one inner-loop execution (native kernels or JS loops).
import { type DType, type DTypeLike, dtype as toDType, dtypeOfChar, dtypeRepr } from '../dtype/dtype.js';
import { describeValue, makeError } from '../base/errors.js';
import { handleFloatingPointFlags } from './errstate.js';
import { type DispatchUfunc, NoOverride, tryOverride, mayOverride, type UfuncKwargs, type UfuncMethod } from './dispatch.js';
import { broadcastShapes, broadcastStrides, formatShape, shapesEqual } from '../array/broadcast.js';
import { type Casting, canCast, inputCastingError, outputCastingError, parseCasting, weakCanCastTo } from '../dtype/casting.js';
import { bool as boolType } from '../dtype/promotion.js';
import { type LoopSet, type OperandType, type ResolutionRules, type UfuncLoop, noLoopError, resolveBySignature, resolveLoop } from './loop-selection.js';
import { type LoopOperand, type NDArray, checkReadable, dataViewOf, emptyArray, isNDArray, readerFor, uninitializedArray } from './arrays.js';
import { castInto } from './engine.js';
import { hasTruth, voidTruth } from '../array/copy.js';
import { hasStringInput, stringElementwise } from './strings.js';
import { datetimeElementwise, hasDatetimeInput } from './datetime.js';
import { hasStructuredInput, structuredElementwise } from './structured.js';
import type { UfuncCallOptions } from './signatures.js';
import { wrapResult, wrapSource } from './wrap.js';
import { type FastOp, NotFast, tryFastCall } from './fastpath.js';
import { NotTiny, tryTinyCall } from './tiny.js';
import { checkNotBusy } from '../base/busy.js';
import { type InputCast, type InputCasts, activeRecorder } from './record.js';
import {
  type Scalar,
  arrayOperand,
  defaultScalarType,
  fitsInteger,
  inDType,
  overlapsUnsafely,
  readScalar,
  scalarArray,
  scratchScalar,
  weakKindOf,
} from './operands.js';

export type { Scalar, Scalar as NumericScalar } from './operands.js';

/** What a ufunc call returns for one output: the array, or a JS scalar for a 0-d result without `out`. */
export type UfuncValue = NDArray | Scalar;

/** A ufunc's `out`: an array for the one output, or one entry per output (null/undefined: allocate that one). */
export type OutOption = NDArray | null | undefined | readonly (NDArray | null | undefined)[];

export type { UfuncCallOptions } from './signatures.js';

/**
 * Runs inner loop `loop` over `shape`: operands are inputs then outputs;
 * returns fp flags. `casts` (native ufuncs only) marks inputs stored in
 * another dtype, converted inside the loop (fused casting).
 */
export type LoopRunner = (
  loop: UfuncLoop,
  operands: LoopOperand[],
  shape: readonly number[],
  where?: LoopOperand,
  casts?: InputCasts,
) => number;

/**
 * What a built-in ufunc does beyond its loops, as data on the ufunc (NumPy
 * keeps these in its ufunc definition table): scripts/gen-ufunc-types.py's
 * RULES, generated into table.generated.ts. A ufunc from createUfunc has
 * none, whatever its name.
 */
export interface UfuncRules extends ResolutionRules {
  /** NumPy's logical ufuncs compute on truth values: any input goes to the bool loop, reductions too. */
  readonly truthLoop?: boolean;
  /** A Python int that does not fit the loop's integer type compares exactly (as int64/uint64). */
  readonly exactIntComparison?: boolean;
  /** Integers to negative integer powers raise (power). */
  readonly negativeIntPowerError?: boolean;
  /** bool and small integers reduce in int64/uint64 (add, multiply). */
  readonly platformIntReduction?: boolean;
  /** The operation small same-dtype calls and accumulations may compute in JS (fastpath.ts). */
  readonly fastBinary?: FastOp;
}

const noRules: UfuncRules = Object.freeze({});

/** Everything a ufunc object knows; shared by its call and its methods. */
export class UfuncCore {
  readonly nargs: number;
  /** Whether loops are native kernels (which never re-enter JS while running). */
  native = false;
  /** Whether small calls may take the pure-JS path (tiny.ts; built-in arithmetic and comparisons). */
  tiny = false;
  /** Loop choice per operand types and dtype option, which do not change between calls. */
  readonly loopCache = new Map<string, UfuncLoop>();
  /** The most recent loop choice, checked before loopCache. */
  lastLoop: { readonly types: readonly OperandType[]; readonly dtype: DType | undefined; readonly loop: UfuncLoop } | undefined;

  constructor(
    readonly name: string,
    readonly nin: number,
    readonly nout: number,
    readonly identity: Scalar | null,
    /** Whether a reduction may run over several axes at once (NumPy's reorderable). */
    readonly reorderable: boolean,
    readonly types: readonly string[],
    readonly loopSet: LoopSet,
    readonly run: LoopRunner,
    readonly rules: UfuncRules = noRules,
  ) {
    this.nargs = nin + nout;
  }
}

/** A ufunc's call options after validation. */
interface CallSetup {
  outs: (NDArray | null)[];
  where: NDArray | undefined;
  dtype: DType | undefined;
  casting: Casting;
  /** `signature`/`sig`: a type per input and output, undefined where open. */
  signature?: readonly (DType | undefined)[];
}

const callOptionNames = new Set(['out', 'where', 'dtype', 'casting', 'signature', 'sig']);

export function isOptionsBag(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || isNDArray(value) || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return !('__array_ufunc__' in value) && !('__array_interface__' in value) && !('__dlpack__' in value) && weakKindOf(value) === undefined;
}

/**
 * Splits `(inputs..., options?)`; checks the number of inputs. A trailing
 * options object is always the options (never an input), so a call with too
 * few inputs is refused before any override sees it, as NumPy refuses it.
 */
export function splitArguments(core: UfuncCore, args: readonly unknown[], method = ''): [unknown[], Record<string, unknown>] {
  let count = args.length;
  let options: Record<string, unknown> = {};
  const last = args[count - 1];
  if (count > 0 && (isOptionsBag(last) || (count === core.nin + 1 && last === undefined))) {
    options = (last as Record<string, unknown> | undefined) ?? {};
    count -= 1;
  }
  if (count < core.nin || count > core.nin + core.nout) {
    // NumPy's text: its positional arguments are the inputs, then the outputs.
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_COUNT',
      `${core.name}${method}() takes from ${core.nin} to ${core.nin + core.nout} positional arguments but ${count} ${count === 1 ? 'was' : 'were'} given`,
    );
  }
  if (count !== core.nin) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_COUNT',
      `${core.name}${method}() takes ${core.nin === 1 ? '1 input' : `${core.nin} inputs`} and an optional options object (outputs go in its 'out'), but ${count} arguments were given`,
    );
  }
  return [count === args.length ? [...args] : args.slice(0, count), options];
}

/** `out` as one entry per output (null where not given); overriding objects pass through unchecked. */
export function outEntries(out: unknown, nout: number): unknown[] {
  if (out === null && nout > 1) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', "'out' must be a tuple of arrays");
  if (out === undefined || out === null) return nout === 1 ? [null] : new Array<unknown>(nout).fill(null);
  if (Array.isArray(out)) {
    if (out.length !== nout) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The 'out' tuple must have exactly one entry per ufunc output`);
    }
    return out.map((entry) => entry ?? null);
  }
  if (nout !== 1) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The 'out' tuple must have exactly one entry per ufunc output`);
  }
  return [out];
}

/** The kwargs an override sees: the options given, with `out` as an array (left out when all entries are null). */
export function overrideKwargs(options: Record<string, unknown>, outs: readonly unknown[] | undefined): UfuncKwargs {
  const kwargs: UfuncKwargs = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'out' || value === undefined) continue;
    kwargs[key] = value;
  }
  if (outs && outs.some((entry) => entry !== null)) kwargs.out = outs;
  return kwargs;
}

/** NEP 13: returns the override's result, or NoOverride when no operand overrides. */
export function dispatchIfOverridden(
  ufunc: DispatchUfunc,
  method: UfuncMethod,
  inputs: unknown[],
  options: Record<string, unknown>,
  outs: readonly unknown[] | undefined,
): unknown {
  const where = options.where;
  let any = false;
  for (const value of inputs) if (mayOverride(value)) any = true;
  if (outs) for (const value of outs) if (mayOverride(value)) any = true;
  if (where !== undefined && mayOverride(where)) any = true;
  if (!any) return NoOverride;
  const operands = [...inputs, ...(outs ?? []).filter((o) => o !== null)];
  if (where !== undefined) operands.push(where);
  return tryOverride(ufunc, method, inputs, overrideKwargs(options, outs), operands);
}

export function checkOptionNames(core: UfuncCore, options: Record<string, unknown>, allowed: ReadonlySet<string>, method = ''): void {
  for (const key of Object.keys(options)) {
    if (!allowed.has(key)) {
      throw makeError(
        TypeError,
        'ERR_INVALID_ARG_VALUE',
        `${core.name}${method}() got an unexpected option '${key}' (expected one of ${[...allowed].join(', ')})`,
      );
    }
  }
}

export function checkOutArray(entry: unknown, index: number): NDArray | null {
  if (entry === null) return null;
  if (!isNDArray(entry)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `out[${index}] must be an NDArray or null, got ${describeValue(entry)}`);
  }
  if (entry.readonly) throw makeError(TypeError, 'ERR_READONLY', `output array is read-only`);
  checkNotBusy(entry.buffer, `out[${index}] cannot be written`);
  return checkReadable(entry);
}

export function parseDType(value: unknown): DType | undefined {
  if (value === undefined || value === null) return undefined;
  const dt = toDType(value as DTypeLike);
  if (!dt.isNative || dt.unit !== '') {
    throw makeError(
      TypeError,
      'ERR_INVALID_DTYPE',
      'The `dtype` and `signature` arguments to ufuncs only select the general DType and not details such as the byte order or time unit. You can avoid this error by using the scalar types `np.float64` or the dtype string notation.',
    );
  }
  return dt;
}

/** The `where` mask as a bool NDArray (NumPy accepts only bool-safe masks). */
export function parseWhere(value: unknown): NDArray | undefined {
  if (value === undefined || value === true) return undefined;
  const mask = typeof value === 'boolean' ? scalarArray(value, boolType) : arrayOperand(value, 'where');
  if (mask.dtype.name !== 'bool') {
    throw makeError(
      TypeError,
      'ERR_UFUNC_CASTING',
      `Cannot cast array data from ${dtypeRepr(mask.dtype)} to dtype('bool') according to the rule 'safe'`,
    );
  }
  return mask;
}

/** The call's option names, checked before override dispatch (NumPy parses its arguments first). */
export function checkCallOptionNames(core: UfuncCore, options: Record<string, unknown>): void {
  checkOptionNames(core, options, callOptionNames);
}

/**
 * NumPy's `signature` (or `sig`) keyword: a type string ('ii->i', one type
 * character per input, '->', one per output) or an array with one dtype or
 * null per input and output (NumPy's tuple). Undefined when absent or all
 * null.
 */
function parseSignature(core: UfuncCore, options: Record<string, unknown>): (DType | undefined)[] | undefined {
  if (options.sig !== undefined && options.signature !== undefined) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', "cannot specify both 'sig' and 'signature'");
  }
  const value = options.signature ?? options.sig;
  if (value === undefined || value === null) return undefined;
  if (options.dtype !== undefined && options.dtype !== null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', "cannot specify both 'signature' and 'dtype'");
  }
  const count = core.nin + core.nout;
  let entries: unknown[];
  if (value instanceof Uint8Array) {
    // Python bytes: decoded as UTF-8, then read as the string.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(value);
    } catch {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', "'utf-8' codec can't decode the signature bytes");
    }
    return parseSignature(core, { signature: text });
  }
  if (typeof value === 'string' && value.length !== 1) {
    const [before, after, ...rest] = value.split('->');
    if (after === undefined || rest.length > 0 || before!.length !== core.nin || after.length !== core.nout) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `a type-string for ${core.name}, ${core.nin} typecode(s) before and ${core.nout} after the -> sign`);
    }
    entries = [...before!, ...after].map((char) => {
      const dt = dtypeOfChar(char);
      if (!dt) throw makeError(RangeError, 'ERR_INVALID_DTYPE', 'Invalid data-type for array');
      return dt;
    });
  } else if (typeof value === 'string' || Array.isArray(value)) {
    entries = typeof value === 'string' ? [value] : [...(value as unknown[])];
    if (entries.length === 1) {
      if (entries[0] === null || entries[0] === undefined) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'a single item type tuple cannot contain None.');
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', "Use `dtype` or  fill the tuple with more than one 'None'.");
    }
    if (entries.length !== count) {
      throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `a type-tuple must be specified of length ${count} for ufunc '${core.name}'`);
    }
  } else {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'the signature object to ufunc must be a string or a tuple.');
  }
  const signature = entries.map(parseDType);
  return signature.some((t) => t !== undefined) ? signature : undefined;
}

function parseCallOptions(core: UfuncCore, options: Record<string, unknown>, outs: unknown[]): CallSetup {
  const signature = parseSignature(core, options);
  return {
    outs: outs.map(checkOutArray),
    where: parseWhere(options.where),
    dtype: parseDType(options.dtype),
    casting: options.casting === undefined ? 'same_kind' : parseCasting(options.casting),
    ...(signature ? { signature } : {}),
  };
}

// A JS scalar whose kind the signature's loop does not take (0.5 into
// 'ii->i') becomes an array of its default type, so the casting rule decides
// (NumPy: unsafe casting truncates it, same_kind refuses). True when one did.
function materialiseForSignature(prepared: PreparedInputs, loop: UfuncLoop): boolean {
  let changed = false;
  prepared.types.forEach((t, i) => {
    if (typeof t !== 'string' || weakCanCastTo(t, loop.inputs[i]!)) return;
    const array = scalarArray(prepared.values[i], defaultScalarType(prepared.values[i], t));
    prepared.arrays[i] = array;
    prepared.types[i] = array.dtype;
    changed = true;
  });
  return changed;
}

/** Inputs as arrays (strong) or weak scalars, with the operand types loop selection sees. */
interface PreparedInputs {
  arrays: (NDArray | undefined)[];
  values: unknown[];
  types: OperandType[];
}

// A value that is not array-like: NumPy would hold it in an object array,
// whose loop looks for a method of the ufunc's name on it.
function ufuncInput(core: UfuncCore, value: unknown, index: number): NDArray {
  try {
    return arrayOperand(value, `${core.name}() input ${index}`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_INVALID_ARG_TYPE') throw error;
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `loop of ufunc does not support argument ${index} of type ${jsTypeName(value)} which has no callable ${core.name} method`,
    );
  }
}

function jsTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name ? ctor.name : 'Object';
}

function prepareInputs(core: UfuncCore, inputs: readonly unknown[], signature?: readonly (DType | undefined)[]): PreparedInputs {
  const arrays: (NDArray | undefined)[] = [];
  const types: OperandType[] = [];
  let strongCount = 0;
  for (let i = 0; i < inputs.length; i++) {
    const value = inputs[i];
    const kind = weakKindOf(value);
    if (kind) {
      arrays.push(undefined);
      types.push(kind);
    } else {
      let array = isNDArray(value) ? checkReadable(value) : ufuncInput(core, value, i);
      if (!array.dtype.numeric) {
        // logical_and/or/xor take any input through its truth (NumPy's
        // promoter for them; logical_not has none): void and strings have one.
        // An input the signature fixes fails later, at its cast into the loop.
        if (signature?.[i] === undefined && (!core.rules.truthLoop || core.nin !== 2 || !hasTruth(array.dtype))) throw noLoopError(core.name, inputs.map((x) => weakKindOf(x) ?? arrayOperand(x, 'input').dtype));
        if (signature?.[i] === undefined) array = voidTruth(array, boolType);
      }
      arrays.push(array);
      types.push(array.dtype);
      strongCount += 1;
    }
  }
  if (strongCount === 0) {
    // Scalars alone are not weak: each takes its default dtype, like np.add(1, 2.5).
    for (let i = 0; i < inputs.length; i++) {
      const dt = defaultScalarType(inputs[i], types[i] as never);
      arrays[i] = scalarArray(inputs[i], dt);
      types[i] = dt;
    }
  }
  return { arrays, values: [...inputs], types };
}

// NumPy compares integer arrays with Python ints of any size exactly: an int
// that does not fit the chosen loop's type compares as int64/uint64 instead.
// Returns whether an operand changed (the loop must then be chosen again).
function materialiseUnfitInts(prepared: PreparedInputs, loop: UfuncLoop): boolean {
  let changed = false;
  prepared.types.forEach((type, i) => {
    const loopType = loop.inputs[i]!;
    if (type !== 'int' || (loopType.kind !== 'i' && loopType.kind !== 'u' && loopType.kind !== 'b')) return;
    if (loopType.kind !== 'b' && fitsInteger(prepared.values[i], loopType)) return;
    const dt = defaultScalarType(prepared.values[i], 'int');
    prepared.arrays[i] = scalarArray(prepared.values[i], dt);
    prepared.types[i] = dt;
    changed = true;
  });
  return changed;
}

function cacheKey(types: readonly OperandType[], dtype: DType | undefined): string {
  let key = dtype ? dtype.name : '';
  for (const t of types) key += typeof t === 'string' ? `|~${t}` : `|${t.name}`;
  return key;
}

function sameTypes(a: readonly OperandType[], b: readonly OperandType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The loop for these operand types (cached), checked against the casting rule for inputs. */
export function selectLoop(core: UfuncCore, types: readonly OperandType[], dtype: DType | undefined, casting: Casting): UfuncLoop {
  // The last choice first: DType objects are shared, so a repeated call
  // compares equal by identity without building the cache key.
  const last = core.lastLoop;
  let loop = last && last.dtype === dtype && sameTypes(last.types, types) ? last.loop : undefined;
  if (!loop) loop = loopFor(core, types, dtype);
  if (core.rules.truthLoop && !dtype) return loop;
  return checkInputCasts(core, types, loop, casting);
}

/** `loop`, once every strong input may be cast into it under the casting rule. */
function checkInputCasts(core: UfuncCore, types: readonly OperandType[], loop: UfuncLoop, casting: Casting): UfuncLoop {
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    if (typeof t !== 'string' && !canCast(t, loop.inputs[i]!, casting)) {
      throw inputCastingError(core.name, i, t, loop.inputs[i]!, casting);
    }
  }
  return loop;
}

function loopFor(core: UfuncCore, types: readonly OperandType[], dtype: DType | undefined): UfuncLoop {
  const key = cacheKey(types, dtype);
  let loop = core.loopCache.get(key);
  if (!loop) {
    // NumPy's logical ufuncs compute on truth values: any input goes to the bool loop.
    const logical = core.rules.truthLoop && !dtype;
    loop = (logical && core.loopSet.loops.find((l) => l.inputs.every((t) => t.kind === 'b'))) || resolveLoop(core.loopSet, types, dtype);
    core.loopCache.set(key, loop);
  }
  core.lastLoop = { types: [...types], dtype, loop };
  return loop;
}

function broadcastCallShape(arrays: readonly (NDArray | undefined)[], outs: readonly (NDArray | null)[], where: NDArray | undefined): number[] {
  const shapes: (readonly number[])[] = arrays.map((a) => (a ? a.shape : []));
  for (const out of outs) if (out) shapes.push(out.shape);
  if (where) shapes.push(where.shape);
  const shape = broadcastShapes(shapes);
  for (const out of outs) {
    if (out && !shapesEqual(out.shape, shape)) {
      throw makeError(
        RangeError,
        'ERR_BROADCAST',
        `non-broadcastable output operand with shape ${formatShape(out.shape)} doesn't match the broadcast shape ${formatShape(shape)}`,
      );
    }
  }
  return shape;
}

function operandAt(a: NDArray, shape: readonly number[]): LoopOperand {
  // An operand already at the call's shape keeps its own (frozen) strides.
  const strides = shapesEqual(a.shape, shape) ? a.strides : broadcastStrides(a.shape, a.strides, shape);
  return { buffer: a.buffer, byteOffset: a.byteOffset, strides };
}

/** Raises NumPy's error for integer powers with a negative exponent anywhere in `exponent`. */
function checkIntegerPower(core: UfuncCore, loop: UfuncLoop, exponent: NDArray): void {
  if (!core.rules.negativeIntPowerError || loop.inputs[1]!.kind !== 'i') return;
  const read = readerFor(exponent.dtype);
  const view = dataViewOf(exponent.buffer);
  let found = false;
  forEachOffset(exponent, (offset) => {
    if (!found && (read(view, offset) as number | bigint) < 0) found = true;
  });
  if (found) throw makeError(RangeError, 'ERR_UFUNC_VALUE', 'Integers to negative integer powers are not allowed.');
}

/** Calls `visit` with the byte offset of every element of `a`, in C order. */
export function forEachOffset(a: { byteOffset: number; shape: readonly number[]; strides: readonly number[] }, visit: (offset: number) => void): void {
  const ndim = a.shape.length;
  for (const n of a.shape) if (n === 0) return;
  const index = new Array<number>(ndim).fill(0);
  let offset = a.byteOffset;
  for (;;) {
    visit(offset);
    let d = ndim - 1;
    for (; d >= 0; d--) {
      index[d]! += 1;
      offset += a.strides[d]!;
      if (index[d]! < a.shape[d]!) break;
      offset -= a.strides[d]! * a.shape[d]!;
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

/**
 * Computes a ufunc over prepared inputs: the elementwise core shared by calls
 * and `outer`. Returns one result per output (the given `out` arrays, or new ones).
 */
export function computeElementwise(core: UfuncCore, inputs: readonly unknown[], setup: CallSetup): NDArray[] {
  // NumPy's string loops (add, comparisons), for the built-in ufuncs.
  if (core.native && !core.rules.truthLoop && !setup.signature && hasStringInput(inputs)) {
    return stringElementwise(core.name, inputs, setup.outs, setup.where, setup.dtype);
  }
  // Structured arrays compare field by field (NumPy's ==; no other loop).
  if (core.native && !core.rules.truthLoop && !setup.signature && hasStructuredInput(inputs)) {
    return structuredElementwise(core.name, inputs, setup.outs, setup.where);
  }
  // And its datetime64/timedelta64 loops ('Mm->M', 'mm->d', ...); a signature
  // there only names the kinds (NumPy's 'm8' in signature=('m8', None, None)).
  if (core.native && !core.rules.truthLoop && (hasDatetimeInput(inputs) || core.name === 'isnat')) {
    return datetimeElementwise(core.name, inputs, setup.outs, setup.where, setup.dtype ?? setup.signature?.find((t) => t !== undefined));
  }
  const prepared = prepareInputs(core, inputs, setup.signature);
  const choose = (): UfuncLoop =>
    setup.signature
      ? checkInputCasts(core, prepared.types, resolveBySignature(core.loopSet, prepared.types, setup.signature), setup.casting)
      : selectLoop(core, prepared.types, setup.dtype, setup.casting);
  let loop = choose();
  if (core.rules.exactIntComparison && materialiseUnfitInts(prepared, loop)) loop = choose();
  if (setup.signature && materialiseForSignature(prepared, loop)) checkInputCasts(core, prepared.types, loop, setup.casting);
  for (let j = 0; j < core.nout; j++) {
    const out = setup.outs[j];
    if (out && !canCast(loop.outputs[j]!, out.dtype, setup.casting)) {
      throw outputCastingError(core.name, loop.outputs[j]!, out.dtype, setup.casting);
    }
  }
  const shape = broadcastCallShape(prepared.arrays, setup.outs, setup.where);
  // Inputs in another dtype are converted inside the native loop when the
  // cast is safe (so it raises no floating-point flags of its own); other
  // casts make a converted copy first.
  let casts: (InputCast | undefined)[] | undefined;
  const loopInputs = prepared.arrays.map((array, i) => {
    const want = loop.inputs[i]!;
    if (!array) return core.native ? scratchScalar(prepared.values[i], want) : scalarArray(prepared.values[i], want);
    if (core.native && array.dtype.name !== want.name && fusableCast(array.dtype, want)) {
      (casts ??= [])[i] = { dtype: array.dtype.id, byteSwapped: !array.dtype.isNative };
      return array;
    }
    return inDType(array, want);
  });
  if (core.nin === 2) checkIntegerPower(core, loop, loopInputs[1]!);
  // Without a mask the loop writes every element of a new result; with one,
  // the unselected elements of a new result stay zero.
  const fresh = setup.where === undefined ? uninitializedArray : emptyArray;
  const results = setup.outs.map((out, j) => out ?? fresh(shape, loop.outputs[j]!));
  const loopOutputs = results.map((result, j) => loopOutputFor(result, loop.outputs[j]!, setup.where !== undefined));
  const outputOperands = loopOutputs.map((out) => operandAt(out, shape));
  const operands: LoopOperand[] = [];
  for (const input of loopInputs) {
    let operand = operandAt(input, shape);
    for (let j = 0; j < loopOutputs.length; j++) {
      const out = loopOutputs[j]!;
      if (input.buffer === out.buffer && overlapsUnsafely(input, operand.strides, out, outputOperands[j]!.strides, shape)) {
        operand = operandAt(inDType(copyOf(input), input.dtype), shape);
        break;
      }
    }
    operands.push(operand);
  }
  for (const operand of outputOperands) operands.push(operand);
  const where = setup.where ? operandAt(setup.where, shape) : undefined;
  const flags = casts ? core.run(loop, operands, shape, where, casts) : core.run(loop, operands, shape, where);
  handleFloatingPointFlags(flags, core.name);
  loopOutputs.forEach((temporary, j) => {
    if (temporary === results[j]) return;
    if (setup.where && !activeRecorder) copyWhere(castCopyOf(temporary, results[j]!.dtype), results[j]!, setup.where, shape);
    else castInto(temporary, results[j]!);
  });
  return results;
}

function castCopyOf(a: NDArray, dt: DType): NDArray {
  const copy = uninitializedArray(a.shape, dt);
  castInto(a, copy);
  return copy;
}

/**
 * Copies the elements of `source` (C-contiguous, `target`'s dtype and shape)
 * into `target` where the broadcast `mask` is true: a masked result that went
 * through a temporary of the loop's dtype leaves the other elements untouched
 * (not round-tripped through that dtype).
 */
function copyWhere(source: NDArray, target: NDArray, mask: NDArray, shape: readonly number[]): void {
  const itemsize = target.dtype.itemsize;
  const from = new Uint8Array(source.buffer, source.byteOffset, source.size * itemsize);
  const to = new Uint8Array(target.buffer);
  const maskBytes = new Uint8Array(mask.buffer);
  const maskStrides = broadcastStrides(mask.shape, mask.strides, shape);
  let position = 0;
  forEachOffset({ byteOffset: target.byteOffset, shape, strides: target.strides }, (offset) => {
    if (maskBytes[maskOffsetAt(position, shape, maskStrides, mask.byteOffset)] !== 0) {
      to.set(from.subarray(position * itemsize, (position + 1) * itemsize), offset);
    }
    position += 1;
  });
}

// The mask's byte offset for the element at C-order position `position` of `shape`.
function maskOffsetAt(position: number, shape: readonly number[], strides: readonly number[], start: number): number {
  let offset = start;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    offset += (position % n) * strides[d]!;
    position = Math.floor(position / n);
  }
  return offset;
}

const fusable = new Map<string, boolean>();

// The 80-bit extended types (longdouble, clongdouble) are cast in JS, not
// fused into the native loop.
function extended(dtype: DType): boolean {
  return dtype.name === 'longdouble' || dtype.name === 'clongdouble';
}

// Safe casts between numeric dtypes raise no floating-point flags.
export function fusableCast(from: DType, to: DType): boolean {
  const key = `${from.str}>${to.name}`;
  let ok = fusable.get(key);
  if (ok === undefined) {
    ok = from.numeric && to.numeric && !extended(from) && !extended(to) && canCast(from, to, 'safe');
    fusable.set(key, ok);
  }
  return ok;
}

function copyOf(a: NDArray): NDArray {
  const copy = uninitializedArray(a.shape, a.dtype);
  castInto(a, copy);
  return copy;
}

// An output the loop can write directly, or a temporary of the loop's dtype
// (with a mask, only its selected elements are copied back: copyWhere).
// Recorded (async) work cannot copy selectively in JS: its temporary starts as
// the output's values, which round-trip through the loop's dtype.
function loopOutputFor(result: NDArray, loopType: DType, masked: boolean): NDArray {
  if (result.dtype.name === loopType.name && result.dtype.isNative) return result;
  const temporary = (masked ? emptyArray : uninitializedArray)(result.shape, loopType);
  if (masked && activeRecorder) castInto(result, temporary);
  return temporary;
}

/** Results as the caller sees them: the `out` arrays as given, new 0-d results as JS scalars. */
function presentResults(core: UfuncCore, results: NDArray[], outsGiven: readonly unknown[], inputs: readonly unknown[] = []): unknown {
  const source = wrapSource(inputs);
  const values = results.map((result, j) => (outsGiven[j] === null ? wrapResult(result, source) : result));
  return core.nout === 1 ? values[0] : values;
}

/**
 * NumPy's UserWarning for a mask without `out`: the unselected elements of a
 * new result are not computed (ndinterop leaves them zero). `out: null` says
 * this is intended and silences it.
 */
export function warnWhereWithoutOut(options: Record<string, unknown>): void {
  if (options.where === undefined || options.where === true || options.out !== undefined) return;
  process.emitWarning(
    "'where' used without 'out', expect unitialized memory in output. If this is intentional, use out=None.",
    'UserWarning',
  );
}

/** A ufunc call: `ufunc(...inputs, options?)`. */
export function callUfunc(core: UfuncCore, ufunc: DispatchUfunc, args: readonly unknown[]): unknown {
  if (core.tiny) {
    const tiny = tryTinyCall(core, args);
    if (tiny !== NotTiny) return tiny;
  }
  const lane = tryFastCall(core, args);
  if (lane !== NotFast) return lane;
  const [inputs, options] = splitArguments(core, args);
  const outs = outEntries(options.out, core.nout);
  checkCallOptionNames(core, options);
  const overridden = dispatchIfOverridden(ufunc, '__call__', inputs, options, outs);
  if (overridden !== NoOverride) return overridden;
  warnWhereWithoutOut(options);
  const setup = parseCallOptions(core, options, outs);
  const results = computeElementwise(core, inputs, setup);
  return presentResults(core, results, outs, inputs);
}

export { parseCallOptions, presentResults };
