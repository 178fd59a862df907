// The ufunc methods: reduce, accumulate, reduceat, outer and at. Reductions
// run the binary inner loop with the accumulator viewed at stride 0 along the
// reduced axes, as both first input and output (the kernels' reduction form).
import { type DType, dtypeRepr } from '../dtype/dtype.js';
import { describeValue, makeError } from '../base/errors.js';
import { filledStrides } from '../base/validate.js';
import { handleFloatingPointFlags } from './errstate.js';
import { type DispatchUfunc, NoOverride } from './dispatch.js';
import { broadcastShapes, broadcastStrides, formatShape, shapesEqual } from '../array/broadcast.js';
import { bool as boolType, int64, uint64 } from '../dtype/promotion.js';
import { hasTruth, voidTruth } from '../array/copy.js';
import { datetimeReduce } from './datetime.js';
import { type UfuncLoop, noLoopError, noSignatureLoopError, resolveLoop } from './loop-selection.js';
import { type LoopOperand, type NDArray, dataViewOf, emptyArray, isNDArray, readerFor, uninitializedArray, viewOf } from './arrays.js';
import { castFlags, castInto } from './engine.js';
import { NotFast, tryFastAccumulate } from './fastpath.js';
import { NotTiny, tryTinyReduce } from './tiny.js';
import { anyPending } from '../base/busy.js';
import { baseArrayOverridden } from './dispatch.js';
import { NDArray as NDArrayClass } from '../array/ndarray.js';
import { fusableCast } from './call.js';
import type { InputCast } from './record.js';
import { checkNotBusy } from '../base/busy.js';
import { activeRecorder } from './record.js';
import { arrayOperand, defaultScalarType, inDType, readScalar, scalarArray, weakKindOf } from './operands.js';
import { wrapResult, wrapSource } from './wrap.js';
import { parseSlice, sliceIndices } from '../array/indexing.js';
import {
  type UfuncCore,
  checkCallOptionNames,
  checkOptionNames,
  checkOutArray,
  isOptionsBag,
  computeElementwise,
  dispatchIfOverridden,
  outEntries,
  parseCallOptions,
  parseDType,
  parseWhere,
  presentResults,
  forEachOffset,
} from './call.js';

export type { AccumulateOptions, ReduceOptions } from './signatures.js';

const reduceOptionNames = new Set(['axis', 'dtype', 'out', 'keepdims', 'initial', 'where']);
const accumulateOptionNames = new Set(['axis', 'dtype', 'out']);

function options(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} options must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function axisError(axis: number, ndim: number): RangeError {
  return makeError(RangeError, 'ERR_AXIS', `axis ${axis} is out of bounds for array of dimension ${ndim}`);
}

function normaliseAxis(axis: unknown, ndim: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `axis must be an integer, got ${describeValue(axis)}`);
  }
  if (axis < -ndim || axis >= ndim) throw axisError(axis, ndim);
  return axis < 0 ? axis + ndim : axis;
}

function reductionAxes(core: UfuncCore, axis: unknown, ndim: number): number[] {
  let axes: number[];
  if (axis === undefined) axes = ndim === 0 ? [] : [0];
  else if (axis === null) axes = Array.from({ length: ndim }, (_, i) => i);
  else if (Array.isArray(axis)) axes = axis.map((a: unknown) => normaliseAxis(a, ndim));
  // A 0-d array reduces along axis 0 or -1 to itself, as in NumPy.
  else axes = ndim === 0 && (axis === 0 || axis === -1) ? [] : [normaliseAxis(axis, ndim)];
  if (new Set(axes).size !== axes.length) throw makeError(RangeError, 'ERR_AXIS', `duplicate value in 'axis'`);
  if (axes.length > 1 && !core.reorderable) {
    throw makeError(
      RangeError,
      'ERR_AXIS',
      `reduction operation '${core.name}' is not reorderable, so at most one axis may be specified`,
    );
  }
  return axes.sort((a, b) => a - b);
}

function requireBinary(core: UfuncCore, method: string): void {
  if (core.nin !== 2) {
    const what = method === 'outer' ? 'outer product' : method;
    throw makeError(TypeError, 'ERR_UFUNC_TYPE', `${what} only supported for binary functions`);
  }
  if (core.nout !== 1) {
    throw makeError(TypeError, 'ERR_UFUNC_TYPE', `${method} only supported for functions returning a single value`);
  }
}

/** NumPy sums and multiplies bool and small integers in the platform integer. */
function defaultReductionType(core: UfuncCore, dt: DType): DType {
  if (!core.rules.platformIntReduction) return dt;
  if (dt.kind === 'b' || (dt.kind === 'i' && dt.itemsize < 8)) return int64;
  if (dt.kind === 'u' && dt.itemsize < 8) return uint64;
  return dt;
}

/** The loop a reduction runs: its first input and output must share one dtype. */
// The default (non-explicit) reduction loop per dtype object, checked before
// building loopCache's string key: the reduce lane's common question.
const defaultReductionLoops = new WeakMap<UfuncCore, Map<DType, UfuncLoop>>();

function reductionLoop(core: UfuncCore, dt: DType, explicit: boolean): UfuncLoop {
  let byType = explicit ? undefined : defaultReductionLoops.get(core);
  const known = byType?.get(dt);
  if (known) return known;
  const loop = reductionLoopByKey(core, dt, explicit);
  if (!explicit) {
    if (!byType) defaultReductionLoops.set(core, (byType = new Map()));
    byType.set(dt, loop);
  }
  return loop;
}

function reductionLoopByKey(core: UfuncCore, dt: DType, explicit: boolean): UfuncLoop {
  const key = `reduce|${explicit ? '!' : ''}${dt.name}`;
  let loop = core.loopCache.get(key);
  if (loop) return loop;
  loop = resolveLoop(core.loopSet, [dt, dt], explicit ? dt : undefined);
  if (loop.outputs[0]!.name !== loop.inputs[0]!.name) {
    const accType = loop.outputs[0]!;
    const uniform = core.loopSet.loops.find((l) => l.outputs[0]!.name === accType.name && l.inputs.every((t) => t.name === accType.name));
    if (!uniform || !core.rules.truthLoop) {
      throw noSignatureLoopError(core.name);
    }
    loop = uniform;
  }
  core.loopCache.set(key, loop);
  return loop;
}

function operandOf(a: NDArray, strides: readonly number[] = a.strides): LoopOperand {
  return { buffer: a.buffer, byteOffset: a.byteOffset, strides };
}

/** The view of `a` at index `i` along `axis` (that axis removed). */
function indexAlong(a: NDArray, axis: number, i: number): NDArray {
  return viewOf(
    a,
    a.byteOffset + i * a.strides[axis]!,
    a.shape.filter((_, d) => d !== axis),
    a.strides.filter((_, d) => d !== axis),
  );
}

/** The view of `a` restricted to [start, stop) along `axis`. */
function sliceAlong(a: NDArray, axis: number, start: number, stop: number): NDArray {
  const shape = [...a.shape];
  shape[axis] = Math.max(stop - start, 0);
  return viewOf(a, a.byteOffset + start * a.strides[axis]!, shape, a.strides);
}

// The bytes of a fill value cast to a dtype, for casts that raise no
// floating-point flag (null for the others, which keep going through
// castInto so their warnings stay): filling a reduction's accumulator is then
// a byte copy instead of a native cast of a fresh scalar array.
const fillPatterns = new Map<string, Uint8Array | null>();

function fillPattern(dt: DType, value: unknown, kind: ReturnType<typeof weakKindOf> & string): Uint8Array | null {
  const text = typeof value === 'number' && Object.is(value, -0) ? '-0' : String(value);
  const key = `${dt.str}|${typeof value}|${text}`;
  let pattern = fillPatterns.get(key);
  if (pattern === undefined) {
    const one = emptyArray([], dt);
    const flags = castFlags(scalarArray(value, defaultScalarType(value, kind)), one);
    pattern = flags === 0 ? new Uint8Array(one.buffer, one.byteOffset, dt.itemsize).slice() : null;
    if (fillPatterns.size >= 256) fillPatterns.clear();
    fillPatterns.set(key, pattern);
  }
  return pattern;
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

/**
 * A reduction's `initial` converted as NumPy converts a Python scalar into an
 * integer array: floats truncate, NaN and infinities and integers out of the
 * dtype's range raise (NumPy's ValueError/OverflowError texts). The ufunc's
 * own identity does not come through here: it is cast with C semantics
 * (bitwise_and's -1 becomes 255 in uint8). Other dtypes take the value as is.
 */
function initialFor(value: unknown, dt: DType): unknown {
  if ((dt.kind !== 'i' && dt.kind !== 'u') || (typeof value !== 'number' && typeof value !== 'bigint')) return value;
  let integer: bigint;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'cannot convert float NaN to integer');
    if (!Number.isFinite(value)) throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', 'cannot convert float infinity to integer');
    integer = BigInt(Math.trunc(value));
  } else {
    integer = value;
  }
  const unsigned64 = dt.kind === 'u' && dt.itemsize === 8;
  if (integer < int64Min || integer > (unsigned64 ? uint64Max : int64Max)) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', 'Python int too large to convert to C long');
  }
  const bits = BigInt(8 * dt.itemsize);
  const low = dt.kind === 'u' ? 0n : -(2n ** (bits - 1n));
  const high = dt.kind === 'u' ? 2n ** bits - 1n : 2n ** (bits - 1n) - 1n;
  if (integer < low || integer > high) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `Python integer ${integer} out of bounds for ${dt.name}`);
  }
  return integer;
}

/**
 * Fills `target`, a fresh C-contiguous array, with a scalar (cast with C
 * semantics, so identity -1 becomes all ones for unsigned types).
 */
function fillWith(target: NDArray, value: unknown): void {
  const kind = weakKindOf(value);
  if (!kind) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `initial must be a number, bigint or boolean, got ${describeValue(value)}`);
  if (!activeRecorder) {
    const pattern = fillPattern(target.dtype, value, kind);
    if (pattern) {
      const size = target.dtype.itemsize;
      const bytes = new Uint8Array(target.buffer, target.byteOffset, target.size * size);
      if (bytes.length === 0) return;
      // One element, then copies of what is filled so far: a few calls
      // rather than one per element.
      bytes.set(pattern, 0);
      for (let filled = size; filled < bytes.length; filled *= 2) bytes.copyWithin(filled, 0, Math.min(filled, bytes.length - filled));
      return;
    }
  }
  castInto(scalarArray(value, defaultScalarType(value, kind)), target);
}

function checkReductionOut(core: UfuncCore, out: NDArray, expected: readonly number[]): void {
  if (out.shape.length !== expected.length) {
    throw makeError(
      RangeError,
      'ERR_BROADCAST',
      `output parameter for reduction operation ${core.name} has the wrong number of dimensions: Found ${out.shape.length} but expected ${expected.length}`,
    );
  }
  if (!shapesEqual(out.shape, expected)) {
    throw makeError(
      RangeError,
      'ERR_BROADCAST',
      `output parameter for reduction operation ${core.name} has shape ${formatShape(out.shape)} but the result has shape ${formatShape(expected)}`,
    );
  }
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function finish(result: NDArray, out: NDArray | null, input: unknown): unknown {
  if (out) {
    if (result !== out) castInto(result, out);
    return out;
  }
  return wrapResult(result, wrapSource([input]));
}

/** `ufunc.reduce(a, { axis, dtype, out, keepdims, initial, where })`. */
export function reduce(core: UfuncCore, ufunc: DispatchUfunc, a: unknown, rawOptions: unknown): unknown {
  const lane = tryFastReduce(core, a, rawOptions);
  if (lane !== NotFast) return lane;
  const opts = options(rawOptions, `${core.name}.reduce`);
  const outs = outEntries(opts.out, 1);
  checkOptionNames(core, opts, reduceOptionNames, '.reduce');
  const overridden = dispatchIfOverridden(ufunc, 'reduce', [a], opts, outs);
  if (overridden !== NoOverride) return overridden;
  requireBinary(core, 'reduce');
  let array = arrayOperand(a, `${core.name}.reduce() input`);
  // The logical ufuncs reduce any input through its truth; void and strings have one.
  if (core.rules.truthLoop && hasTruth(array.dtype)) array = voidTruth(array, boolType);
  const out = checkOutArray(outs[0], 0);
  const axes = reductionAxes(core, opts.axis, array.shape.length);
  const keepdims = opts.keepdims === true;
  const explicit = parseDType(opts.dtype);
  if (array.dtype.kind === 'M' || array.dtype.kind === 'm') {
    if (opts.where !== undefined || opts.initial !== undefined) {
      throw makeError(TypeError, 'ERR_UFUNC_TYPE', `${core.name}.reduce of datetime64/timedelta64 takes no 'where' or 'initial' here`);
    }
    const result = datetimeReduce(core.name, array, axes, keepdims, explicit);
    if (out) checkReductionOut(core, out, result.shape);
    return finish(result, out, a);
  }
  // The logical ufuncs reduce in bool unless dtype= says otherwise; out only
  // receives the result (logical_or.reduce(int32 array, out=int32) is 1).
  const truthOnly = core.rules.truthLoop === true && explicit === undefined;
  const loop = truthOnly
    ? reductionLoop(core, boolType, false)
    : reductionLoop(core, explicit ?? out?.dtype ?? defaultReductionType(core, array.dtype), explicit !== undefined || out !== null);
  const accType = loop.outputs[0]!;
  const where = parseWhere(opts.where);
  // initial: null means no starting value, even for a ufunc with an identity (NumPy's initial=None).
  const initial = opts.initial;
  if (where && (core.identity === null || initial === null) && (initial === undefined || initial === null)) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_VALUE',
      `reduction operation '${core.name}' does not have an identity, so to use a where mask one has to specify 'initial'`,
    );
  }
  const keptShape = array.shape.map((n, d) => (axes.includes(d) ? 1 : n));
  const resultShape = keepdims ? keptShape : array.shape.filter((_, d) => !axes.includes(d));
  if (out) checkReductionOut(core, out, resultShape);
  const source = inDType(array, loop.inputs[1]!);
  const accumulator = emptyArray(keptShape, accType);
  const start = initial === null ? undefined : initial !== undefined ? initialFor(initial, accType) : core.identity ?? undefined;
  let span = source;
  if (axes.length === 0) {
    castInto(source, accumulator);
  } else if (start !== undefined) {
    fillWith(accumulator, start);
  } else {
    const reducedCount = product(axes.map((d) => array.shape[d]!));
    if (reducedCount === 0) {
      // Even when the result is empty too, as NumPy: maximum.reduce of a (0, 0) array.
      throw makeError(RangeError, 'ERR_UFUNC_VALUE', `zero-size array to reduction operation ${core.name} which has no identity`);
    } else {
      // Without an identity, start from the first element along the reduced axes.
      let first = source;
      for (const d of [...axes].reverse()) first = sliceAlong(first, d, 0, 1);
      castInto(first, accumulator);
      // One axis: reduce the rest. Several (only idempotent maximum/minimum/fmax/fmin): all.
      if (axes.length === 1) span = sliceAlong(source, axes[0]!, 1, array.shape[axes[0]!]!);
    }
  }
  if (product(span.shape) > 0 && axes.length > 0) {
    const accStrides = accumulator.strides.map((s, d) => (axes.includes(d) ? 0 : s));
    const acc = operandOf(accumulator, accStrides);
    if (where) broadcastShapes([where.shape, array.shape]);
    const mask = where ? operandOf(where, broadcastStrides(where.shape, where.strides, span.shape)) : undefined;
    const flags = core.run(loop, [acc, operandOf(span), acc], span.shape, mask);
    handleFloatingPointFlags(flags, 'reduce');
  }
  const result = keepdims ? accumulator : viewOf(accumulator, accumulator.byteOffset, resultShape, accumulator.strides.filter((_, d) => !axes.includes(d)));
  return finish(result, out, a);
}

/** `ufunc.accumulate(a, { axis, dtype, out })`. */
export function accumulate(core: UfuncCore, ufunc: DispatchUfunc, a: unknown, rawOptions: unknown): unknown {
  const opts = options(rawOptions, `${core.name}.accumulate`);
  const outs = outEntries(opts.out, 1);
  checkOptionNames(core, opts, accumulateOptionNames, '.accumulate');
  const overridden = dispatchIfOverridden(ufunc, 'accumulate', [a], opts, outs);
  if (overridden !== NoOverride) return overridden;
  requireBinary(core, 'accumulate');
  if (opts.axis === null || Array.isArray(opts.axis)) {
    throw makeError(RangeError, 'ERR_AXIS', 'accumulate does not allow multiple axes');
  }
  const array = arrayOperand(a, `${core.name}.accumulate() input`);
  const out = checkOutArray(outs[0], 0);
  const axis = normaliseAxis(opts.axis ?? 0, array.shape.length);
  const explicit = parseDType(opts.dtype);
  const loop = reductionLoop(core, explicit ?? out?.dtype ?? defaultReductionType(core, array.dtype), explicit !== undefined || out !== null);
  if (out && !shapesEqual(out.shape, array.shape)) {
    throw makeError(RangeError, 'ERR_BROADCAST', `accumulate output has shape ${formatShape(out.shape)} but the input has shape ${formatShape(array.shape)}`);
  }
  const source = inDType(array, loop.inputs[1]!);
  const accumulator = emptyArray(array.shape, loop.outputs[0]!);
  const n = array.shape[axis]!;
  const fastOp = core.native ? core.rules.fastBinary : undefined;
  if (n > 0 && !(fastOp && tryFastAccumulate(fastOp, source, accumulator, axis))) {
    castInto(indexAlong(source, axis, 0), indexAlong(accumulator, axis, 0));
    let flags = 0;
    for (let i = 1; i < n; i++) {
      const previous = indexAlong(accumulator, axis, i - 1);
      const current = indexAlong(accumulator, axis, i);
      flags |= core.run(loop, [operandOf(previous), operandOf(indexAlong(source, axis, i)), operandOf(current)], current.shape);
    }
    handleFloatingPointFlags(flags, 'accumulate');
  }
  return finish(accumulator, out, a);
}

function isIntegerValue(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
}

function readIndices(indices: unknown, what: string): number[] {
  if (isIntegerValue(indices)) return [Number(indices)];
  if (Array.isArray(indices)) {
    if (!indices.every(isIntegerValue)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} must be integers, got ${describeValue(indices.find((v) => !isIntegerValue(v)))}`);
    }
    return indices.map(Number);
  }
  const array = arrayOperand(indices, what);
  if (array.dtype.kind !== 'i' && array.dtype.kind !== 'u') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} must hold integers, got ${dtypeRepr(array.dtype)}`);
  }
  const read = readerFor(array.dtype);
  const view = dataViewOf(array.buffer);
  const values: number[] = [];
  forEachOffset(array, (offset) => values.push(Number(read(view, offset))));
  return values;
}

/** `ufunc.reduceat(a, indices, { axis, dtype, out })`. */
export function reduceat(core: UfuncCore, ufunc: DispatchUfunc, a: unknown, indices: unknown, rawOptions: unknown): unknown {
  const opts = options(rawOptions, `${core.name}.reduceat`);
  const outs = outEntries(opts.out, 1);
  checkOptionNames(core, opts, accumulateOptionNames, '.reduceat');
  const overridden = dispatchIfOverridden(ufunc, 'reduceat', [a, indices], opts, outs);
  if (overridden !== NoOverride) return overridden;
  requireBinary(core, 'reduceat');
  const array = arrayOperand(a, `${core.name}.reduceat() input`);
  const out = checkOutArray(outs[0], 0);
  const axis = normaliseAxis(opts.axis ?? 0, array.shape.length);
  const starts = readIndices(indices, `${core.name}.reduceat() indices`);
  const n = array.shape[axis]!;
  for (const index of starts) {
    if (!(index >= 0 && index < n)) {
      throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `index ${index} out-of-bounds in ${core.name}.reduceat [0, ${n})`);
    }
  }
  const explicit = parseDType(opts.dtype);
  const loop = reductionLoop(core, explicit ?? out?.dtype ?? defaultReductionType(core, array.dtype), explicit !== undefined || out !== null);
  const resultShape = [...array.shape];
  resultShape[axis] = starts.length;
  if (out && !shapesEqual(out.shape, resultShape)) {
    throw makeError(RangeError, 'ERR_BROADCAST', `reduceat output has shape ${formatShape(out.shape)} but the result has shape ${formatShape(resultShape)}`);
  }
  const source = inDType(array, loop.inputs[1]!);
  const result = emptyArray(resultShape, loop.outputs[0]!);
  let flags = 0;
  starts.forEach((start, i) => {
    const target = indexAlong(result, axis, i);
    castInto(indexAlong(source, axis, start), target);
    const stop = i + 1 < starts.length ? starts[i + 1]! : n;
    if (stop - start < 2) return;
    const span = sliceAlong(source, axis, start + 1, stop);
    const accStrides = span.strides.map((_, d) => (d === axis ? 0 : target.strides[d < axis ? d : d - 1]!));
    const acc = operandOf(target, accStrides);
    flags |= core.run(loop, [acc, operandOf(span), acc], span.shape);
  });
  handleFloatingPointFlags(flags, 'reduceat');
  return finish(result, out, a);
}

function strongOperand(value: unknown, what: string): NDArray {
  const kind = weakKindOf(value);
  return kind ? scalarArray(value, defaultScalarType(value, kind)) : arrayOperand(value, what);
}

/** `ufunc.outer(a, b, options)`: the result has shape a.shape + b.shape. */
export function outer(core: UfuncCore, ufunc: DispatchUfunc, a: unknown, b: unknown, rawOptions: unknown, given = 2): unknown {
  // NumPy checks the two operands before any override sees the call.
  if (given < 2 || given > 3 || (given === 3 && rawOptions !== undefined && !isOptionsBag(rawOptions))) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_COUNT', 'exactly two arguments expected');
  }
  const opts = options(rawOptions, `${core.name}.outer`);
  const outs = outEntries(opts.out, core.nout);
  checkCallOptionNames(core, opts);
  const overridden = dispatchIfOverridden(ufunc, 'outer', [a, b], opts, outs);
  if (overridden !== NoOverride) return overridden;
  if (core.nin !== 2) throw makeError(TypeError, 'ERR_UFUNC_TYPE', 'outer product only supported for binary functions');
  const left = strongOperand(a, `${core.name}.outer() input 0`);
  const right = strongOperand(b, `${core.name}.outer() input 1`);
  const expanded = viewOf(left, left.byteOffset, [...left.shape, ...right.shape.map(() => 1)], [...left.strides, ...right.shape.map(() => 0)]);
  const setup = parseCallOptions(core, opts, outs);
  return presentResults(core, computeElementwise(core, [expanded, right], setup), outs, [a, b]);
}

function checkIndex(index: number, axis: number, size: number): number {
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `index ${index} is out of bounds for axis ${axis} with size ${size}`);
  }
  return index < 0 ? index + size : index;
}

/** One entry of an `at` index: NumPy's index kinds, in the JS spelling NDArray.slice uses. */
type AtEntry =
  | { kind: 'integer'; value: number }
  | { kind: 'slice'; spec: string }
  | { kind: 'ellipsis' }
  | { kind: 'newaxis' }
  | { kind: 'array'; values: number[]; shape: number[] };

const invalidIndex =
  "only integers, slices ('start:stop:step' strings), ellipsis ('...'), null (new axis) and integer arrays are valid indices";

/** A boolean mask entry (a bool NDArray or a JS array of booleans), as NDArray; undefined for anything else. */
function maskOf(value: unknown): NDArray | undefined {
  if (isNDArray(value)) return value.dtype.kind === 'b' ? value : undefined;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'boolean')) return arrayOperand(value, 'at() indices');
  return undefined;
}

/**
 * A boolean mask over the `mask.ndim` axes from `axis` on, as NumPy reads
 * it: one index array per mask axis, the coordinates of its true elements.
 */
function maskEntries(mask: NDArray, axis: number, shape: readonly number[]): AtEntry[] {
  if (axis + mask.ndim > shape.length) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `too many indices for array: array is ${shape.length}-dimensional, but ${axis + mask.ndim} were indexed`);
  }
  mask.shape.forEach((n, d) => {
    const size = shape[axis + d]!;
    if (n !== size) {
      throw makeError(
        RangeError,
        'ERR_OUT_OF_BOUNDS',
        `boolean index did not match indexed array along axis ${axis + d}; size of axis is ${size} but size of corresponding boolean axis is ${n}`,
      );
    }
  });
  const coords: number[][] = mask.shape.map(() => []);
  const index = mask.shape.map(() => 0);
  const count = mask.size;
  for (let k = 0; k < count; k++) {
    if (mask.get(...index)) index.forEach((i, d) => coords[d]!.push(i));
    for (let d = mask.ndim - 1; d >= 0; d--) {
      if (++index[d]! < mask.shape[d]!) break;
      index[d] = 0;
    }
  }
  return coords.map((values) => ({ kind: 'array', values, shape: [values.length] }));
}

function atEntry(value: unknown): AtEntry {
  if (typeof value === 'bigint') return { kind: 'integer', value: Number(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${invalidIndex}, got ${describeValue(value)}`);
    return { kind: 'integer', value };
  }
  if (value === null) return { kind: 'newaxis' };
  if (typeof value === 'string') {
    if (value.trim() === '...') return { kind: 'ellipsis' };
    try {
      parseSlice(value);
    } catch {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${invalidIndex}, got ${describeValue(value)}`);
    }
    return { kind: 'slice', spec: value };
  }
  if (Array.isArray(value) || isNDArray(value)) {
    if (Array.isArray(value) && !value.every(isIntegerValue)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arrays used as indices must be of integer type');
    }
    if (isNDArray(value) && value.dtype.kind !== 'i' && value.dtype.kind !== 'u') {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arrays used as indices must be of integer type');
    }
    return { kind: 'array', values: readIndices(value, 'at() indices'), shape: isNDArray(value) ? [...value.shape] : [value.length] };
  }
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${invalidIndex}, got ${describeValue(value)}`);
}

/**
 * `at`'s index as a tuple of entries. A JS array is a tuple when any entry is
 * a slice string, '...', null, an array or an NDArray; an array of integers
 * alone is one index array for axis 0 (NumPy's `a[[0, 1]]`), an array of
 * booleans (or a bool NDArray) a mask; undefined is the empty tuple `()`.
 */
function atEntries(indices: unknown, shape: readonly number[]): AtEntry[] {
  if (indices === undefined) return []; // NumPy's empty tuple (): the whole array
  const isTuple =
    Array.isArray(indices) && indices.some((entry) => typeof entry === 'string' || entry === null || Array.isArray(entry) || isNDArray(entry));
  const items = isTuple ? (indices as unknown[]) : [indices];
  // How many axes each item consumes: a mask its ndim, null and '...' none.
  const width = (item: unknown): number => maskOf(item)?.ndim ?? (item === null || (typeof item === 'string' && item.trim() === '...') ? 0 : 1);
  const entries: AtEntry[] = [];
  let axis = 0;
  let afterEllipsis = false;
  items.forEach((item, i) => {
    const mask = maskOf(item);
    if (mask) {
      // After '...', count from the end: the items still to come take the last axes.
      const start = afterEllipsis ? shape.length - items.slice(i).reduce<number>((n, next) => n + width(next), 0) : axis;
      entries.push(...maskEntries(mask, start, shape));
    } else {
      entries.push(atEntry(item));
      if (typeof item === 'string' && item.trim() === '...') afterEllipsis = true;
    }
    axis += width(item);
  });
  return entries;
}

/** The elements `at` visits: byte offsets of the leading index positions (C order), and the untouched trailing axes. */
interface AtLayout {
  leadShape: number[];
  offsets: number[];
  rowShape: number[];
  rowStrides: number[];
}

/** NumPy's indexing result for `at`: basic slices and integers, advanced index arrays broadcast together. */
function atLayout(a: NDArray, entries: readonly AtEntry[]): AtLayout {
  const ndim = a.shape.length;
  const ellipses = entries.filter((e) => e.kind === 'ellipsis').length;
  if (ellipses > 1) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', "an index can only have a single ellipsis ('...')");
  const consumed = entries.filter((e) => e.kind !== 'ellipsis' && e.kind !== 'newaxis').length;
  if (consumed > ndim) {
    throw makeError(RangeError, 'ERR_OUT_OF_BOUNDS', `too many indices for array: array is ${ndim}-dimensional, but ${consumed} were indexed`);
  }
  // With any index array present, integers are advanced indices too (0-d arrays).
  const advancedPresent = entries.some((e) => e.kind === 'array');
  const isAdvanced = (e: AtEntry): boolean => e.kind === 'array' || (advancedPresent && e.kind === 'integer');
  let base = a.byteOffset;
  let axis = 0;
  const dims: ({ size: number; stride: number } | 'advanced')[] = [];
  const advanced: { axis: number; values: number[]; shape: number[] }[] = [];
  const advancedAt: number[] = [];
  entries.forEach((entry, position) => {
    if (isAdvanced(entry)) {
      advanced.push(entry.kind === 'array' ? { axis, ...entry } : { axis, values: [(entry as { value: number }).value], shape: [] });
      advancedAt.push(position);
      if (advanced.length === 1) dims.push('advanced');
      axis += 1;
    } else if (entry.kind === 'newaxis') {
      dims.push({ size: 1, stride: 0 });
    } else if (entry.kind === 'ellipsis') {
      for (let k = 0; k < ndim - consumed; k++, axis++) dims.push({ size: a.shape[axis]!, stride: a.strides[axis]! });
    } else if (entry.kind === 'integer') {
      base += checkIndex(entry.value, axis, a.shape[axis]!) * a.strides[axis]!;
      axis += 1;
    } else if (entry.kind === 'slice') {
      const { start, step, count } = sliceIndices(parseSlice(entry.spec), a.shape[axis]!);
      if (count > 0) base += start * a.strides[axis]!;
      dims.push({ size: count, stride: step * a.strides[axis]! });
      axis += 1;
    }
  });
  let advancedShape: number[] = [];
  let advancedOffsets = [0];
  if (advanced.length > 0) {
    try {
      advancedShape = broadcastShapes(advanced.map((entry) => entry.shape));
    } catch {
      const listed = advanced.map((entry) => `${formatShape(entry.shape)} `).join('');
      throw makeError(RangeError, 'ERR_BROADCAST', `shape mismatch: indexing arrays could not be broadcast together with shapes ${listed}`);
    }
    const columns = advanced.map((entry) => {
      const strides = broadcastStrides(entry.shape, filledStrides(entry.shape, 1), advancedShape);
      return enumerate(advancedShape.map((size, d) => ({ size, stride: strides[d]! })), 0).map(
        (k) => checkIndex(entry.values[k]!, entry.axis, a.shape[entry.axis]!) * a.strides[entry.axis]!,
      );
    });
    advancedOffsets = columns[0]!.map((_, k) => columns.reduce((sum, column) => sum + column[k]!, 0));
  }
  // Advanced indices next to each other keep their place; separated ones go first (NumPy's rule).
  const adjacent = advancedAt.every((position, k) => k === 0 || position === advancedAt[k - 1]! + 1);
  const marker = dims.indexOf('advanced');
  if (marker >= 0 && !adjacent) dims.splice(0, 0, ...dims.splice(marker, 1));
  const index = dims.indexOf('advanced');
  const before = (index < 0 ? dims : dims.slice(0, index)) as { size: number; stride: number }[];
  const after = (index < 0 ? [] : dims.slice(index + 1)) as { size: number; stride: number }[];
  const offsets: number[] = [];
  for (const outer of enumerate(before, base)) {
    for (const advancedOffset of index < 0 ? [0] : advancedOffsets) {
      for (const inner of enumerate(after, 0)) offsets.push(outer + advancedOffset + inner);
    }
  }
  const leadShape = [...before.map((d) => d.size), ...(index < 0 ? [] : advancedShape), ...after.map((d) => d.size)];
  return { leadShape, offsets, rowShape: a.shape.slice(axis), rowStrides: a.strides.slice(axis) };
}

function broadcastsTo(shape: readonly number[], target: readonly number[]): boolean {
  if (shape.length > target.length) return false;
  const offset = target.length - shape.length;
  return shape.every((n, d) => n === 1 || n === target[offset + d]);
}

/** `start + Σ index·stride` for every index of the dims, in C order. */
function enumerate(dims: readonly { size: number; stride: number }[], start: number): number[] {
  let result = [start];
  for (const { size, stride } of dims) {
    const next: number[] = [];
    for (const offset of result) for (let i = 0; i < size; i++) next.push(offset + i * stride);
    result = next;
  }
  return result;
}

/**
 * `ufunc.at(a, indices, b?)`: unbuffered in-place operation on a[indices];
 * repeated indices apply repeatedly. Casts unsafely, like NumPy.
 */
export function at(core: UfuncCore, ufunc: DispatchUfunc, a: unknown, indices: unknown, b: unknown, given: number): undefined {
  // NumPy's argument checks come before any override sees the call.
  if (given < 2 || given > 3) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_COUNT', `at() takes at least 2 arguments (${given} given)`);
  }
  const inputs = core.nin === 2 ? [a, indices, b] : [a, indices];
  const overridden = dispatchIfOverridden(ufunc, 'at', inputs, {}, undefined);
  if (overridden !== NoOverride) return overridden as undefined;
  if (core.nout !== 1) throw makeError(TypeError, 'ERR_UFUNC_TYPE', 'Only single output ufuncs supported at this time');
  if (core.nin === 2 && given === 2) throw makeError(TypeError, 'ERR_INVALID_ARG_COUNT', 'second operand needed for ufunc');
  if (core.nin === 1 && given === 3) throw makeError(TypeError, 'ERR_INVALID_ARG_COUNT', 'second operand provided when ufunc is unary');
  if (!isNDArray(a)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${core.name}.at() first argument must be an NDArray, got ${describeValue(a)}`);
  if (a.readonly) throw makeError(TypeError, 'ERR_READONLY', 'output array is read-only');
  checkNotBusy(a.buffer, `${core.name}.at() cannot write to its first argument`);
  a._dataView();
  const layout = atLayout(a, atEntries(indices, a.shape));
  const { rowShape } = layout;
  const other = core.nin === 2 ? strongOperand(b, `${core.name}.at() b`) : undefined;
  const types = other ? [a.dtype, other.dtype] : [a.dtype];
  if (!types.every((t) => t.numeric)) throw noLoopError(core.name, types);
  const loop = resolveLoop(core.loopSet, types, undefined);
  const values = other ? inDType(other, loop.inputs[1]!) : undefined;
  const target = [...layout.leadShape, ...rowShape];
  if (values && !broadcastsTo(values.shape, target)) throw makeError(RangeError, 'ERR_BROADCAST', 'array is not broadcastable to correct shape');
  const valueStrides = values ? broadcastStrides(values.shape, values.strides, target) : [];
  const leadCount = layout.leadShape.length;
  const valueOffsets = values
    ? enumerate(layout.leadShape.map((size, d) => ({ size, stride: valueStrides[d]! })), values.byteOffset)
    : [];
  const direct = a.dtype.isNative && a.dtype.name === loop.inputs[0]!.name && a.dtype.name === loop.outputs[0]!.name;
  let flags = 0;
  layout.offsets.forEach((offset, k) => {
    const row = viewOf(a, offset, rowShape, layout.rowStrides);
    const input = direct ? row : inDType(row, loop.inputs[0]!);
    const output = direct ? row : emptyArray(rowShape, loop.outputs[0]!);
    const operands = [operandOf(input)];
    if (values) operands.push({ buffer: values.buffer, byteOffset: valueOffsets[k]!, strides: valueStrides.slice(leadCount) });
    operands.push(operandOf(output));
    flags |= core.run(loop, operands, rowShape);
    if (!direct) castInto(output, row);
  });
  handleFloatingPointFlags(flags, core.name);
  return undefined;
}

// The reduce lane: `ufunc.reduce(a)` and `ufunc.reduce(a, { axis })` over one
// axis of a plain, readable, non-empty NDArray, for a native binary ufunc
// with an identity (add, multiply, ...), nothing overriding and nothing
// pending. The same loop, start value and kernel call as reduce() below,
// without its bookkeeping; the input is cast inside the kernel (fused, like
// ufunc calls) instead of copied first when its dtype differs from the loop's
// by a safe cast (int32 sums in int64). Full reductions accumulate into a
// reused 0-d scratch (read out at once). Anything else: NotFast.
const reduceScratch = new Map<DType, NDArray>();

function tryFastReduce(core: UfuncCore, a: unknown, rawOptions: unknown): unknown {
  if (!core.native || core.nin !== 2 || core.nout !== 1 || activeRecorder || anyPending() || baseArrayOverridden()) return NotFast;
  if (typeof core.identity !== 'number' || core.rules.truthLoop) return NotFast;
  if (typeof a !== 'object' || a === null || Object.getPrototypeOf(a) !== NDArrayClass.prototype) return NotFast;
  let axis: unknown = 0;
  if (rawOptions !== undefined) {
    if (typeof rawOptions !== 'object' || rawOptions === null || Object.getPrototypeOf(rawOptions) !== Object.prototype) return NotFast;
    for (const key in rawOptions) {
      if (key !== 'axis') return NotFast;
      axis = (rawOptions as { axis?: unknown }).axis;
      if (axis === undefined) axis = 0; // null (every axis) is not a lane call
    }
  }
  const array = a as NDArray;
  const shape = array.shape;
  const ndim = shape.length;
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -ndim || axis >= ndim) return NotFast;
  const d = axis < 0 ? axis + ndim : axis;
  const dt = array.dtype;
  if (!dt.numeric || array.opaque) return NotFast;
  let size = 1;
  for (const n of shape) size *= n;
  if (size === 0) return NotFast;
  try {
    array._dataView();
  } catch {
    return NotFast;
  }
  const loop = reductionLoop(core, defaultReductionType(core, dt), false);
  const accType = loop.outputs[0]!;
  if (d === ndim - 1) {
    const small = tryTinyReduce(core, array, accType);
    if (small !== NotTiny) return small;
  }
  const want = loop.inputs[1]!;
  let casts: (InputCast | undefined)[] | undefined;
  if (dt !== want && !(dt.name === want.name && dt.isNative)) {
    if (dt.name === want.name || !dt.isNative || !fusableCast(dt, want)) return NotFast;
    casts = [undefined, { dtype: dt.id, byteSwapped: false }];
  }
  let accumulator: NDArray;
  let accStrides: readonly number[];
  if (ndim === 1) {
    let scratch = reduceScratch.get(accType);
    if (!scratch) reduceScratch.set(accType, (scratch = emptyArray([], accType)));
    accumulator = scratch;
    accStrides = zeroStride1;
  } else {
    const resultShape = shape.filter((_, k) => k !== d);
    accumulator = uninitializedArray(resultShape, accType); // fillWith writes every element
    const strides = [...accumulator.strides];
    strides.splice(d, 0, 0);
    accStrides = strides;
  }
  fillWith(accumulator, core.identity);
  const acc = operandOf(accumulator, accStrides);
  const flags = casts ? core.run(loop, [acc, array, acc], shape, undefined, casts) : core.run(loop, [acc, array, acc], shape);
  handleFloatingPointFlags(flags, 'reduce');
  return ndim === 1 ? readScalar(accumulator) : accumulator;
}

const zeroStride1: readonly number[] = Object.freeze([0]);
