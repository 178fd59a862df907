// Core dimensions of generalized ufuncs, NumPy's way: parsing a signature
// like '(n?,k),(k,m?)->(n?,m?)', dropping flexible ('?') dimensions an
// operand lacks, the `axes`/`axis`/`keepdims` options, core sizes, and the
// broadcast of the loop (batch) dimensions, each with NumPy's error text.
import { describeValue, makeError } from '../base/errors.js';
import { broadcastShapes } from '../array/broadcast.js';

export interface CoreDim {
  readonly name: string;
  /** NumPy's `n?`: may be missing when an operand has too few dimensions. */
  readonly flexible: boolean;
}

export interface GufuncSignature {
  readonly text: string;
  /** Core dimensions of each operand: inputs, then outputs. */
  readonly operands: readonly (readonly CoreDim[])[];
  readonly nin: number;
  /** Distinct dimension names, in order of first appearance. */
  readonly names: readonly string[];
}

const operandPattern = /\(([^()]*)\)/g;

/** Parses NumPy's core signature notation (names, '?' for flexible; no fixed sizes). */
export function parseSignature(text: string): GufuncSignature {
  const [inputs, outputs] = text.split('->') as [string, string];
  const parseList = (list: string): CoreDim[][] =>
    [...list.matchAll(operandPattern)].map((match) =>
      match[1]!
        .split(',')
        .filter((name) => name !== '')
        .map((name) => ({ name: name.replace('?', ''), flexible: name.endsWith('?') })),
    );
  const ins = parseList(inputs);
  const operands = [...ins, ...parseList(outputs)];
  const names: string[] = [];
  for (const dims of operands) for (const dim of dims) if (!names.includes(dim.name)) names.push(dim.name);
  return { text, operands, nin: ins.length, names };
}

/** How a call lays out its operands: which core dimensions are missing, where each operand's core axes are. */
export interface CoreLayout {
  /** Names of flexible dimensions that are missing (NumPy's UFUNC_CORE_DIM_MISSING). */
  readonly missing: ReadonlySet<string>;
  /** Core dimensions each operand has after dropping missing ones. */
  readonly operandDims: readonly (readonly CoreDim[])[];
}

function operandLabel(signature: GufuncSignature, index: number): string {
  return index < signature.nin ? `Input operand ${index}` : `Output operand ${index - signature.nin}`;
}

function coreDimError(message: string): RangeError {
  return makeError(RangeError, 'ERR_CORE_DIMENSION', message);
}

/**
 * NumPy's _validate_num_dims: an operand with fewer dimensions than its core
 * needs drops its flexible dimensions (for every operand) until it fits.
 * `ndims` holds one entry per operand (undefined for outputs not given).
 */
export function resolveCoreLayout(name: string, signature: GufuncSignature, ndims: readonly (number | undefined)[]): CoreLayout {
  const missing = new Set<string>();
  const countOf = (i: number): number => signature.operands[i]!.filter((d) => !missing.has(d.name)).length;
  ndims.forEach((ndim, i) => {
    if (ndim === undefined || ndim >= countOf(i)) return;
    for (const dim of signature.operands[i]!) {
      if (!dim.flexible || missing.has(dim.name)) continue;
      missing.add(dim.name);
      if (ndim === countOf(i)) break;
    }
    if (ndim < countOf(i)) {
      throw coreDimError(
        `${name}: ${operandLabel(signature, i)} does not have enough dimensions (has ${ndim}, gufunc core with signature ${signature.text} requires ${countOf(i)})`,
      );
    }
  });
  return { missing, operandDims: signature.operands.map((dims) => dims.filter((d) => !missing.has(d.name))) };
}

/** The options that place core axes. */
export interface AxesOptions {
  axes?: unknown;
  axis?: unknown;
  keepdims?: unknown;
}

function integerAxis(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an integer axis, got ${describeValue(value)}`);
  }
  return value;
}

function normaliseAxis(axis: number, ndim: number): number {
  if (axis < -ndim || axis >= ndim) throw makeError(RangeError, 'ERR_AXIS', `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  return axis < 0 ? axis + ndim : axis;
}

/** `keepdims` as NumPy allows it: only when every input has the same core count and outputs have none. */
export function checkKeepdims(name: string, signature: GufuncSignature, keepdims: unknown): boolean {
  if (keepdims === undefined) return false;
  if (typeof keepdims !== 'boolean') throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `'keepdims' must be a boolean`);
  const counts = signature.operands.map((dims) => dims.length);
  const fail = (which: string, index: number): never => {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_VALUE',
      `${name} does not support keepdims: its signature ${signature.text} requires ${which} ${index} to have ${counts[which === 'input' ? index : signature.nin + index]} core dimensions, but keepdims can only be used when all inputs have the same number of core dimensions and all outputs have no core dimensions.`,
    );
  };
  for (let i = 1; i < signature.nin; i++) if (counts[i] !== counts[0]) fail('input', i);
  for (let j = 0; signature.nin + j < counts.length; j++) if (counts[signature.nin + j] !== 0) fail('output', j);
  return keepdims;
}

/**
 * `axis` (one shared core dimension) or `axes` (one entry per operand) as
 * lists of core-axis positions per operand, or undefined for "the last axes".
 * Output entries may be left out when no output has core dimensions.
 */
export function parseAxes(name: string, signature: GufuncSignature, options: AxesOptions, keepdims: boolean): (readonly unknown[] | undefined)[] | undefined {
  if (options.axes !== undefined && options.axis !== undefined) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', "cannot specify both 'axis' and 'axes'");
  }
  const nargs = signature.operands.length;
  if (options.axis !== undefined) {
    if (signature.names.length !== 1) {
      throw makeError(
        TypeError,
        'ERR_INVALID_ARG_VALUE',
        `${name}: axis can only be used with a single shared core dimension, not with the ${signature.names.length} distinct ones implied by signature ${signature.text}.`,
      );
    }
    const axis = integerAxis(options.axis);
    // With keepdims the outputs keep the reduced axis at the same position.
    return signature.operands.map((dims) => (dims.length === 0 && !keepdims ? [] : [axis]));
  }
  if (options.axes === undefined) return undefined;
  if (!Array.isArray(options.axes)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'axes should be a list.');
  const outputsHaveCore = signature.operands.slice(signature.nin).some((dims) => dims.length > 0);
  if (options.axes.length !== nargs && (outputsHaveCore || options.axes.length !== signature.nin)) {
    throw makeError(
      RangeError,
      'ERR_INVALID_ARG_VALUE',
      `axes should be a list with an entry for all ${nargs} inputs and outputs; entries for outputs can only be omitted if none of them has core axes.`,
    );
  }
  const given: readonly unknown[] = options.axes;
  return Array.from({ length: nargs }, (_, i) => {
    const entry = given[i];
    if (i >= given.length) return undefined;
    if (typeof entry === 'number') return [entry];
    if (!Array.isArray(entry)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}: axes item ${i} should be a tuple.`);
    return entry as unknown[];
  });
}

/**
 * Checks that axes item `index` names as many axes as the operand has core
 * dimensions. `wasInteger`: the item was a single integer (NumPy words that
 * error differently).
 */
export function checkAxesCount(name: string, index: number, entry: readonly unknown[] | undefined, wasInteger: boolean, coreCount: number): void {
  if (entry === undefined || entry.length === coreCount) return;
  const specified = wasInteger ? 'the axes item is a single integer' : `${entry.length} dimensions are specified by axes tuple`;
  throw makeError(RangeError, 'ERR_AXIS', `${name}: operand ${index} has ${coreCount} core dimensions, but ${specified}.`);
}

/** The permutation that moves operand `index`'s core axes (given by `entry`, or the last ones) to the end. */
export function coreAxesPermutation(index: number, entry: readonly unknown[] | undefined, ndim: number): number[] {
  const identity = Array.from({ length: ndim }, (_, d) => d);
  if (entry === undefined) return identity;
  const core = entry.map((axis) => normaliseAxis(integerAxis(axis), ndim));
  core.forEach((axis, k) => {
    if (core.indexOf(axis) !== k) throw makeError(RangeError, 'ERR_AXIS', `axes item ${index} has value ${axis} repeated`);
  });
  return [...identity.filter((d) => !core.includes(d)), ...core];
}

/**
 * NumPy's _get_coredim_sizes: each core dimension's size, taken from the
 * first operand that has it; any other size is a mismatch. `shapes` are the
 * operands' shapes with core axes last (undefined for outputs not given).
 */
export function coreSizes(name: string, signature: GufuncSignature, layout: CoreLayout, shapes: readonly (readonly number[] | undefined)[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const dim of layout.missing) sizes.set(dim, 1);
  shapes.forEach((shape, i) => {
    if (!shape) return;
    const dims = layout.operandDims[i]!;
    dims.forEach((dim, k) => {
      const size = shape[shape.length - dims.length + k]!;
      const known = sizes.get(dim.name);
      if (known === undefined) sizes.set(dim.name, size);
      else if (known !== size) {
        throw coreDimError(
          `${name}: ${operandLabel(signature, i)} has a mismatch in its core dimension ${k}, with gufunc signature ${signature.text} (size ${size} is different from ${known})`,
        );
      }
    });
  });
  return sizes;
}

/** NumPy's convert_shape_to_string: leading newaxis (-1) entries are dropped, a single entry gets a trailing comma. */
function remappedText(dims: readonly number[]): string {
  let first = 0;
  while (first < dims.length && dims[first]! < 0) first++;
  if (first === dims.length) return '()';
  const parts = dims.slice(first).map((n, k) => (k > 0 && n < 0 ? 'newaxis' : String(n)));
  return dims.length === 1 ? `(${parts[0]},)` : `(${parts.join(',')})`;
}

function formatPlain(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** One operand as the loop broadcast sees it. */
export interface LoopOperandShape {
  /** The operand's shape as given (before its core axes moved last). */
  readonly original: readonly number[];
  /** Its loop dimensions (the shape with core axes last, minus the core). */
  readonly loop: readonly number[];
  /** For outputs: the sizes of its core dimensions; inputs: none. */
  readonly outputCore?: readonly number[];
}

/**
 * The loop shape: the broadcast of every operand's loop dimensions, outputs
 * included (a larger `out` broadcasts the inputs up), with the nditer
 * messages NumPy gives. `outputCore` is the core shape of the output (the
 * iterator's requested shape).
 */
export function broadcastLoops(operands: readonly LoopOperandShape[], outputCore: readonly number[]): number[] {
  let loopShape: number[] = [];
  const loopNdim = Math.max(0, ...operands.map((op) => op.loop.length));
  let failed = operands.some((op) => op.outputCore && op.outputCore.some((n, c) => n !== outputCore[c]));
  if (!failed) {
    try {
      loopShape = broadcastShapes(operands.map((op) => op.loop));
    } catch {
      failed = true;
    }
  }
  if (failed) {
    const iterNdim = loopNdim + outputCore.length;
    const remapped = operands.map((op) => {
      const dims: number[] = [];
      for (let d = 0; d < loopNdim; d++) {
        const axis = d - (loopNdim - op.loop.length);
        dims.push(axis >= 0 ? op.loop[axis]! : -1);
      }
      for (let c = 0; c < outputCore.length; c++) dims.push(op.outputCore ? op.outputCore[c]! : -1);
      return `${formatPlain(op.original)}->${remappedText(dims)} `;
    });
    const requested = remappedText([...new Array<number>(loopNdim).fill(-1), ...outputCore].slice(0, iterNdim));
    throw makeError(
      RangeError,
      'ERR_BROADCAST',
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${remapped.join('')} and requested shape ${requested === '()' ? '()' : requested}`,
    );
  }
  for (const op of operands) {
    if (!op.outputCore) continue;
    if (op.loop.length < loopShape.length) {
      throw makeError(
        RangeError,
        'ERR_BROADCAST',
        'output operand requires a reduction along dimension -1, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape.',
      );
    }
    if (op.loop.some((n, d) => n !== loopShape[d])) {
      const full = [...op.loop, ...op.outputCore];
      throw makeError(
        RangeError,
        'ERR_BROADCAST',
        `non-broadcastable output operand with shape ${formatPlain(op.original)} [remapped to ${formatPlain([...full].reverse())}] doesn't match the broadcast shape ${formatPlain([...loopShape, ...op.outputCore])}`,
      );
    }
  }
  return loopShape;
}
