// Generalized ufuncs: matmul, vecdot, matvec and vecmat, as NumPy 2.4 has
// them. A call resolves the loop like an elementwise ufunc (NEP 50), places
// core axes (`axes`, `axis`, `keepdims`), checks core sizes, broadcasts the
// loop dimensions, and runs one native batched product (native/napi/ufunc/gufunc.cc).
import { inspect } from 'node:util';
import type { DType } from '../dtype/dtype.js';
import { makeError } from '../base/errors.js';
import { broadcastStrides } from '../array/broadcast.js';
import { handleFloatingPointFlags } from './errstate.js';
import { type DispatchUfunc, NoOverride, mayOverride } from './dispatch.js';
import { native } from '../base/native.js';
import { NDArray as NDArrayClass } from '../array/ndarray.js';
import { activeRecorder, withoutRecording } from './record.js';
import { attachGufuncAsync } from './async.js';
import { type Casting, canCast, outputCastingError, parseCasting } from '../dtype/casting.js';
import { type OperandType, loopsAreHomogeneous, noLoopError, parseLoops } from './loop-selection.js';
import { type NDArray, checkReadable, emptyArray, uninitializedArray, viewOf } from './arrays.js';
import { castInto } from './engine.js';
import { arrayOperand, defaultScalarType, inDType, readScalar, scalarArray, weakKindOf } from './operands.js';
import { wrapResult, wrapSource } from './wrap.js';
import {
  type LoopRunner,
  type UfuncCallOptions,
  UfuncCore,
  checkOutArray,
  dispatchIfOverridden,
  outEntries,
  parseDType,
  selectLoop,
  splitArguments,
} from './call.js';
import type { Ufunc } from './object.js';
import type { Gufunc } from './signatures.js';
import type { AccumulateOptions, ReduceOptions } from './methods.js';
import {
  type GufuncSignature,
  type LoopOperandShape,
  broadcastLoops,
  checkAxesCount,
  checkKeepdims,
  coreAxesPermutation,
  coreSizes,
  parseAxes,
  parseSignature,
  resolveCoreLayout,
} from './gufunc-dims.js';

/** Call options of a generalized ufunc. `where` is not supported (as in NumPy). */
export type { Gufunc, GufuncCallOptions } from './signatures.js';

/** Which dimension names play rows, inner and columns of the product out = A @ B. */
interface ProductRoles {
  readonly rows: string | null;
  readonly inner: string;
  readonly cols: string | null;
}

const productRoles: Readonly<Record<string, ProductRoles>> = {
  matmul: { rows: 'n', inner: 'k', cols: 'm' },
  vecdot: { rows: null, inner: 'n', cols: null },
  matvec: { rows: 'm', inner: 'n', cols: null },
  vecmat: { rows: null, inner: 'n', cols: 'm' },
};

const kernels = native;

const optionNames = new Set(['out', 'dtype', 'casting', 'axes', 'axis', 'keepdims']);

class GufuncCore extends UfuncCore {
  constructor(
    name: string,
    readonly signature: GufuncSignature,
    readonly roles: ProductRoles,
    types: readonly string[],
    nin: number,
    nout: number,
  ) {
    const loops = parseLoops(types);
    // Elementwise runs never reach a gufunc: its calls go through callGufunc.
    const run: LoopRunner = () => {
      throw makeError(TypeError, 'ERR_UFUNC_TYPE', `${name} has core dimensions and cannot run elementwise`);
    };
    super(name, nin, nout, null, false, types, { name, nin, nout, loops, homogeneous: loopsAreHomogeneous(loops) }, run);
    this.native = true;
  }

  private readonly fastLoops = new Map<DType, number>();

  /** The loop a call with two inputs of `dt` selects when it computes in `dt` itself, else -1 (cached). */
  fastLoop(dt: DType): number {
    let index = this.fastLoops.get(dt);
    if (index === undefined) {
      index = -1;
      try {
        const loop = selectLoop(this, [dt, dt], undefined, 'same_kind');
        if ([...loop.inputs, ...loop.outputs].every((t) => t.name === dt.name)) index = loop.index;
      } catch {
        // No loop for dt: the general path raises the error.
      }
      this.fastLoops.set(dt, index);
    }
    return index;
  }
}

function checkGufuncOptions(core: GufuncCore, options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (!optionNames.has(key) && options[key] !== undefined) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `${core.name}() got an unexpected keyword argument '${key}'`);
    }
  }
}

/** Inputs as arrays (weak scalars become 0-d arrays of the loop's type) and the types loop selection sees. */
function resolveInputs(core: GufuncCore, inputs: readonly unknown[], dtype: DType | undefined, casting: Casting): { arrays: NDArray[]; loop: ReturnType<typeof selectLoop> } {
  const types: OperandType[] = [];
  const strong: (NDArray | undefined)[] = inputs.map((value, i) => {
    const kind = weakKindOf(value);
    if (kind) {
      types.push(kind);
      return undefined;
    }
    const array = arrayOperand(value, `${core.name}() input ${i}`);
    types.push(array.dtype);
    return array;
  });
  if (strong.every((a) => a === undefined)) {
    inputs.forEach((value, i) => (types[i] = defaultScalarType(value, types[i] as never)));
  }
  if (types.some((t) => typeof t !== 'string' && !t.numeric)) throw noLoopError(core.name, types);
  const loop = selectLoop(core, types, dtype, casting);
  const arrays = inputs.map((value, i) => strong[i] ?? scalarArray(value, loop.inputs[i]!));
  return { arrays, loop };
}

/** A view of `a` with the axes permuted. */
function permuted(a: NDArray, permutation: readonly number[]): NDArray {
  return viewOf(a, a.byteOffset, permutation.map((d) => a.shape[d]!), permutation.map((d) => a.strides[d]!));
}

function inverse(permutation: readonly number[]): number[] {
  const result = new Array<number>(permutation.length);
  permutation.forEach((d, k) => (result[d] = k));
  return result;
}

/** Whether `a` and `b` may share bytes (same buffer, intersecting ranges). */
function mayOverlap(a: NDArray, b: NDArray): boolean {
  if (a.buffer !== b.buffer) return false;
  const ra = a._byteSpan();
  const rb = b._byteSpan();
  return ra !== null && rb !== null && ra.start < rb.end && rb.start < ra.end;
}

function copyOf(a: NDArray): NDArray {
  const copy = emptyArray(a.shape, a.dtype);
  castInto(a, copy);
  return copy;
}

/** Byte strides of an operand (core axes last) for the product's two core roles. */
function productStrides(a: NDArray, dims: readonly { name: string }[], roleNames: readonly (string | null)[], loopShape: readonly number[]): number[] {
  const ownLoop = a.shape.length - dims.length;
  const strides = broadcastStrides(a.shape.slice(0, ownLoop), a.strides.slice(0, ownLoop), loopShape);
  for (const role of roleNames) {
    const k = role === null ? -1 : dims.findIndex((dim) => dim.name === role);
    strides.push(k < 0 ? 0 : a.strides[ownLoop + k]!);
  }
  return strides;
}

function callGufunc(core: GufuncCore, ufunc: DispatchUfunc, args: readonly unknown[]): unknown {
  if (args.length === 2) {
    const fast = tryFastCall(core, args[0], args[1]);
    if (fast !== undefined) return fast;
  }
  const [inputs, options] = splitArguments(core, args);
  checkGufuncOptions(core, options);
  const outs = outEntries(options.out, core.nout);
  const overridden = dispatchIfOverridden(ufunc, '__call__', inputs, options, outs);
  if (overridden !== NoOverride) return overridden;
  const out = checkOutArray(outs[0], 0);
  const dtype = parseDType(options.dtype);
  const casting = options.casting === undefined ? 'same_kind' : parseCasting(options.casting);
  const { arrays, loop } = resolveInputs(core, inputs, dtype, casting);
  const loopType = loop.outputs[0]!;
  if (out && !canCast(loopType, out.dtype, casting)) throw outputCastingError(core.name, loopType, out.dtype, casting);

  const { name, signature } = core;
  const keepdims = checkKeepdims(name, signature, options.keepdims);
  const axesEntries = parseAxes(name, signature, options, keepdims);
  const layout = resolveCoreLayout(name, signature, [...arrays.map((a) => a.shape.length), out?.shape.length]);
  // keepdims (vecdot): the output keeps the inputs' core axis, with size 1.
  const outDims = keepdims ? layout.operandDims[0]! : layout.operandDims[core.nin]!;
  const counts = [...layout.operandDims.slice(0, core.nin).map((dims) => dims.length), outDims.length];
  counts.forEach((count, i) => {
    const wasInteger = Array.isArray(options.axes) && typeof (options.axes as unknown[])[i] === 'number';
    checkAxesCount(name, i, axesEntries?.[i], wasInteger, count);
  });
  const inputsRemapped = arrays.map((a, i) => permuted(a, coreAxesPermutation(i, axesEntries?.[i], a.shape.length)));
  const outRemapped = out ? permuted(out, coreAxesPermutation(core.nin, axesEntries?.[core.nin], out.shape.length)) : undefined;
  const sizes = coreSizes(name, signature, layout, [...inputsRemapped.map((a) => a.shape), keepdims ? undefined : outRemapped?.shape]);
  const outCore = keepdims ? outDims.map(() => 1) : outDims.map((dim) => sizes.get(dim.name)!);
  const shapes: LoopOperandShape[] = inputsRemapped.map((a, i) => ({
    original: arrays[i]!.shape,
    loop: a.shape.slice(0, a.shape.length - layout.operandDims[i]!.length),
  }));
  if (out && outRemapped) {
    const split = outRemapped.shape.length - outCore.length;
    shapes.push({ original: out.shape, loop: outRemapped.shape.slice(0, split), outputCore: outRemapped.shape.slice(split) });
  }
  const loopShape = broadcastLoops(shapes, outCore);

  const result = out ?? allocateResult(loopShape, outCore, axesEntries?.[core.nin], loopType);
  const resultRemapped = outRemapped ?? permuted(result, coreAxesPermutation(core.nin, axesEntries?.[core.nin], result.shape.length));
  const target = resultRemapped.dtype.name === loopType.name && resultRemapped.dtype.isNative ? resultRemapped : emptyArray(resultRemapped.shape, loopType);
  const loopInputs = inputsRemapped.map((a, i) => {
    const converted = inDType(a, loop.inputs[i]!);
    return target === resultRemapped && mayOverlap(converted, target) ? copyOf(converted) : converted;
  });
  runProduct(core, loop.index, loopInputs, target, layout.operandDims, outDims, loopShape, sizes);
  if (target !== resultRemapped) castInto(target, resultRemapped);
  if (out) return out;
  return wrapResult(result, wrapSource(inputs));
}

/**
 * The new output: loop dimensions, with its core axes at the `axes` positions
 * (last by default). Its memory is not zeroed: every product loop writes
 * each output element (an empty sum writes zero), and a large result then
 * comes warm from the result pool instead of costing page faults.
 */
function allocateResult(loopShape: readonly number[], outCore: readonly number[], entry: readonly unknown[] | undefined, dt: DType): NDArray {
  const ndim = loopShape.length + outCore.length;
  if (!entry) return uninitializedArray([...loopShape, ...outCore], dt);
  const coreAt = entry.map((axis) => {
    const a = typeof axis === 'number' && Number.isInteger(axis) ? axis : NaN;
    if (!(a >= -ndim && a < ndim)) throw makeError(RangeError, 'ERR_AXIS', `axis ${String(axis)} is out of bounds for array of dimension ${ndim}`);
    return a < 0 ? a + ndim : a;
  });
  const shape: number[] = [];
  let loopIndex = 0;
  for (let d = 0; d < ndim; d++) {
    const k = coreAt.indexOf(d);
    shape.push(k >= 0 ? outCore[k]! : loopShape[loopIndex++]!);
  }
  return uninitializedArray(shape, dt);
}

/** params arrays of native.gufuncExec by length, reused across calls (the async recorder copies them). */
const paramsScratch: Float64Array[] = [];

/** Runs out = op(A) @ B: fills the params layout of native.gufuncExec and calls it (or records it). */
function execProduct(
  name: string,
  typeIndex: number,
  operands: readonly { readonly a: NDArray; readonly strides: readonly number[] }[],
  loopShape: readonly number[],
  rows: number,
  inner: number,
  cols: number,
): void {
  const ndim = loopShape.length;
  const length = 7 + ndim + 3 * (ndim + 2);
  const params = (paramsScratch[length] ??= new Float64Array(length));
  params[0] = ndim;
  params[1] = rows;
  params[2] = inner;
  params[3] = cols;
  let at = 7;
  for (let d = 0; d < ndim; d++) params[at++] = loopShape[d]!;
  for (let i = 0; i < 3; i++) {
    const { a, strides } = operands[i]!;
    params[4 + i] = a.byteOffset;
    for (let d = 0; d < ndim + 2; d++) params[at++] = strides[d]!;
  }
  const buffers = [operands[0]!.a.buffer, operands[1]!.a.buffer, operands[2]!.a.buffer];
  const flags = activeRecorder ? activeRecorder.gufunc(name, typeIndex, buffers, params) : kernels.gufuncExec(name, typeIndex, buffers, params);
  handleFloatingPointFlags(flags, name);
}

function runProduct(
  core: GufuncCore,
  typeIndex: number,
  inputs: readonly NDArray[],
  out: NDArray,
  operandDims: readonly (readonly { name: string }[])[],
  outDims: readonly { name: string }[],
  loopShape: readonly number[],
  sizes: ReadonlyMap<string, number>,
): void {
  const { rows, inner, cols } = core.roles;
  const size = (role: string | null): number => (role === null ? 1 : sizes.get(role) ?? 1);
  const outRoles = outDims.length === 0 ? [null, null] : [rows, cols];
  const operands = [
    { a: inputs[0]!, strides: productStrides(inputs[0]!, operandDims[0]!, [rows, inner], loopShape) },
    { a: inputs[1]!, strides: productStrides(inputs[1]!, operandDims[1]!, [inner, cols], loopShape) },
    { a: out, strides: productStrides(out, outDims, outRoles, loopShape) },
  ];
  execProduct(core.name, typeIndex, operands, loopShape, size(rows), size(inner), size(cols));
}

/**
 * The common call, without the general machinery: two NDArrays of one
 * native-order dtype that has its own loop, no options, no overrides, every
 * input with at least its core dimensions (matmul: both at least 2-d).
 * Returns undefined when the call must take the general path (which also
 * produces every error).
 */
function tryFastCall(core: GufuncCore, a: unknown, b: unknown): unknown {
  if (activeRecorder || !(a instanceof NDArrayClass) || !(b instanceof NDArrayClass) || wrapSource([a, b])) return undefined;
  const dt = a.dtype;
  if (b.dtype !== dt || !dt.isNative) return undefined;
  const typeIndex = core.fastLoop(dt);
  if (typeIndex < 0 || mayOverride(a) || mayOverride(b)) return undefined;
  const aCore = core.roles.rows === null ? 1 : 2;
  const bCore = core.roles.cols === null ? 1 : 2;
  const as = a.shape;
  const bs = b.shape;
  const aLoop = as.length - aCore;
  const bLoop = bs.length - bCore;
  if (aLoop < 0 || bLoop < 0) return undefined;
  const inner = as[as.length - 1]!;
  if (bs[bLoop] !== inner) return undefined;
  checkReadable(a);
  checkReadable(b);
  // Broadcast the loop dimensions.
  const ndim = Math.max(aLoop, bLoop);
  const loopShape = new Array<number>(ndim);
  const aStrides = new Array<number>(ndim + 2);
  const bStrides = new Array<number>(ndim + 2);
  for (let d = 0; d < ndim; d++) {
    const da = d - (ndim - aLoop);
    const db = d - (ndim - bLoop);
    const na = da >= 0 ? as[da]! : 1;
    const nb = db >= 0 ? bs[db]! : 1;
    if (na !== nb && na !== 1 && nb !== 1) return undefined;
    const n = na === 1 ? nb : na;
    loopShape[d] = n;
    aStrides[d] = na === n && da >= 0 ? a.strides[da]! : 0;
    bStrides[d] = nb === n && db >= 0 ? b.strides[db]! : 0;
  }
  const rows = aCore === 2 ? as[as.length - 2]! : 1;
  const cols = bCore === 2 ? bs[bs.length - 1]! : 1;
  aStrides[ndim] = aCore === 2 ? a.strides[as.length - 2]! : 0;
  aStrides[ndim + 1] = a.strides[as.length - 1]!;
  bStrides[ndim] = b.strides[bLoop]!;
  bStrides[ndim + 1] = bCore === 2 ? b.strides[bs.length - 1]! : 0;
  const outShape = loopShape.slice();
  if (aCore === 2) outShape.push(rows);
  if (bCore === 2) outShape.push(cols);
  const result = uninitializedArray(outShape, dt); // the loop writes every element (see allocateResult)
  const outStrides = result.strides.slice(0, ndim);
  const itemsize = dt.itemsize;
  outStrides.push(aCore === 2 ? (bCore === 2 ? cols * itemsize : itemsize) : 0, bCore === 2 ? itemsize : 0);
  execProduct(core.name, typeIndex, [{ a, strides: aStrides }, { a: b, strides: bStrides }, { a: result, strides: outStrides }], loopShape, rows, inner, cols);
  return outShape.length === 0 ? readScalar(result) : result;
}

function methodError(core: GufuncCore, method: string): TypeError {
  if (method === 'outer') return makeError(TypeError, 'ERR_UFUNC_TYPE', 'method outer is not allowed in ufunc with non-trivial signature');
  if (method === 'at') {
    return makeError(
      TypeError,
      'ERR_UFUNC_TYPE',
      `${core.name}.at does not support ufunc with non-trivial signature: ${core.name} has signature ${core.signature.text}.`,
    );
  }
  return makeError(TypeError, 'ERR_UFUNC_TYPE', 'Reduction not defined on ufunc with signature');
}

function constant(target: object, key: string | symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: key !== 'name', configurable: false, writable: false });
}

function makeGufunc(name: string): Gufunc {
  const entry = kernels.gufuncTable[name];
  if (!entry) throw makeError(TypeError, 'ERR_UFUNC_TYPE', `the native addon has no gufunc '${name}'`);
  const core = new GufuncCore(name, parseSignature(entry.signature), productRoles[name]!, entry.types, entry.nin, entry.nout);
  const gufunc = function (...args: unknown[]): unknown {
    // A synchronous call made while an async call records (from a getter or
    // an override) must really run.
    return activeRecorder ? withoutRecording(() => callGufunc(core, gufunc, args)) : callGufunc(core, gufunc, args);
  } as unknown as DispatchUfunc;
  Object.defineProperty(gufunc, 'name', { value: name });
  constant(gufunc, 'nin', core.nin);
  constant(gufunc, 'nout', core.nout);
  constant(gufunc, 'nargs', core.nargs);
  constant(gufunc, 'ntypes', core.types.length);
  constant(gufunc, 'identity', null);
  constant(gufunc, 'types', Object.freeze([...core.types]));
  constant(gufunc, 'signature', entry.signature);
  // NumPy refuses these methods for gufuncs before looking for overrides.
  constant(gufunc, 'reduce', (_a: unknown, _options?: ReduceOptions) => {
    throw methodError(core, 'reduce');
  });
  constant(gufunc, 'accumulate', (_a: unknown, _options?: AccumulateOptions) => {
    throw methodError(core, 'accumulate');
  });
  constant(gufunc, 'reduceat', (_a: unknown, _indices: unknown, _options?: AccumulateOptions) => {
    throw methodError(core, 'reduceat');
  });
  constant(gufunc, 'outer', () => {
    throw methodError(core, 'outer');
  });
  constant(gufunc, 'at', () => {
    throw methodError(core, 'at');
  });
  attachGufuncAsync(core, gufunc as unknown as Parameters<typeof attachGufuncAsync>[1], (args) => callGufunc(core, gufunc, args));
  constant(gufunc, 'toString', () => `<ufunc '${name}'>`);
  constant(gufunc, inspect.custom, () => `<ufunc '${name}'>`);
  return gufunc as unknown as Gufunc;
}

/** Matrix product with NumPy's rules for 1-d operands and batch broadcasting: '(n?,k),(k,m?)->(n?,m?)'. */
export const matmul = makeGufunc('matmul');
/** Vector dot product over the last axis, conjugating the first argument: '(n),(n)->()'. */
export const vecdot = makeGufunc('vecdot');
/** Matrix-vector product: '(m,n),(n)->(m)'. */
export const matvec = makeGufunc('matvec');
/** Vector-matrix product, conjugating the vector: '(n),(n,m)->(m)'. */
export const vecmat = makeGufunc('vecmat');
