// Generalized ufuncs: matmul, vecdot, matvec and vecmat, as NumPy 2.4 has
// them. A call resolves the loop like an elementwise ufunc (NEP 50), places
// core axes (`axes`, `axis`, `keepdims`), checks core sizes, broadcasts the
// loop dimensions, and runs one native batched product (native/napi/gufunc.cc).
import { inspect } from 'node:util';
import type { DType } from './dtype.js';
import { makeError } from './errors.js';
import { broadcastStrides } from './broadcast.js';
import { handleFloatingPointFlags } from './errstate.js';
import { type DispatchUfunc, NoOverride } from './dispatch.js';
import { native } from './native.js';
import {
  type Casting,
  type OperandType,
  canCast,
  isArithmetic,
  loopsAreHomogeneous,
  noLoopError,
  outputCastingError,
  parseCasting,
  parseLoops,
} from './promotion.js';
import { type NDArray, emptyArray, viewOf } from './ufunc-arrays.js';
import { castInto } from './ufunc-engine.js';
import { arrayOperand, defaultScalarType, inDType, readScalar, scalarArray, weakKindOf } from './ufunc-operands.js';
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
} from './ufunc.js';
import type { Ufunc } from './ufunc-object.js';
import type { AccumulateOptions, ReduceOptions } from './ufunc-methods.js';
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
export interface GufuncCallOptions extends Omit<UfuncCallOptions, 'where'> {
  /** Core-axis positions per operand (inputs, then outputs): an integer or an array of integers each. */
  axes?: readonly (number | readonly number[])[];
  /** The one shared core axis of every input (vecdot only). */
  axis?: number;
  /** Keep the reduced core axis as size 1 in the output (vecdot only). */
  keepdims?: boolean;
}

/** A generalized ufunc: a Ufunc whose loops work on core dimensions given by `signature`. */
export interface Gufunc extends Ufunc {
  /** NumPy's core signature, e.g. '(n?,k),(k,m?)->(n?,m?)'. */
  readonly signature: string;
}

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
  if (types.some((t) => typeof t !== 'string' && !isArithmetic(t))) throw noLoopError(core.name, types);
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

function byteRange(a: NDArray): [number, number] | undefined {
  let low = a.byteOffset;
  let high = a.byteOffset + a.dtype.itemsize;
  for (let d = 0; d < a.shape.length; d++) {
    if (a.shape[d] === 0) return undefined;
    const reach = (a.shape[d]! - 1) * a.strides[d]!;
    if (reach < 0) low += reach;
    else high += reach;
  }
  return [low, high];
}

/** Whether `a` and `b` may share bytes (same buffer, intersecting ranges). */
function mayOverlap(a: NDArray, b: NDArray): boolean {
  if (a.buffer !== b.buffer) return false;
  const ra = byteRange(a);
  const rb = byteRange(b);
  return ra !== undefined && rb !== undefined && ra[0] < rb[1] && rb[0] < ra[1];
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
  return result.shape.length === 0 ? readScalar(result) : result;
}

/** The new output: loop dimensions, with its core axes at the `axes` positions (last by default). */
function allocateResult(loopShape: readonly number[], outCore: readonly number[], entry: readonly unknown[] | undefined, dt: DType): NDArray {
  const ndim = loopShape.length + outCore.length;
  if (!entry) return emptyArray([...loopShape, ...outCore], dt);
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
  return emptyArray(shape, dt);
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
  ].map(({ a, strides }) => ({ buffer: a.buffer, byteOffset: a.byteOffset, strides }));
  const flags = kernels.gufuncExec(core.name, typeIndex, operands, loopShape, [size(rows), size(inner), size(cols)]);
  handleFloatingPointFlags(flags, core.name);
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
    return callGufunc(core, gufunc, args);
  } as unknown as Gufunc;
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
  constant(gufunc, 'toString', () => `<ufunc '${name}'>`);
  constant(gufunc, inspect.custom, () => `<ufunc '${name}'>`);
  return gufunc;
}

/** Matrix product with NumPy's rules for 1-d operands and batch broadcasting: '(n?,k),(k,m?)->(n?,m?)'. */
export const matmul = makeGufunc('matmul');
/** Vector dot product over the last axis, conjugating the first argument: '(n),(n)->()'. */
export const vecdot = makeGufunc('vecdot');
/** Matrix-vector product: '(m,n),(n)->(m)'. */
export const matvec = makeGufunc('matvec');
/** Vector-matrix product, conjugating the vector: '(n),(n,m)->(m)'. */
export const vecmat = makeGufunc('vecmat');
