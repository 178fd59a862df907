// Every numeric ufunc of NumPy 2.4 as a Ufunc object, exported by name (and
// NumPy's aliases), plus createUfunc for ufuncs whose loops are JS functions.
import { describeValue, makeError } from '../base/errors.js';
import { NotImplemented, ufuncDispatch as dispatchRegistry } from './dispatch.js';
import { type LoopSet, loopsAreHomogeneous, parseLoops } from '../dtype/promotion.js';
import { UfuncCore, type LoopRunner, type Scalar, type UfuncValue } from './call.js';
import { type Ufunc, makeUfunc } from './object.js';
import { execNative, nativeUfuncTable } from './engine.js';
import { type ElementFunction, runElementFunction } from './jsloop.js';
import { weakKindOf } from './operands.js';
import { fastBinaryOps } from './fastpath.js';

function loopSetOf(name: string, nin: number, nout: number, types: readonly string[]): LoopSet {
  const loops = parseLoops(types);
  return { name, nin, nout, loops, homogeneous: loopsAreHomogeneous(loops) };
}

function builtin<R = UfuncValue>(name: string, fallbackNin: number, fallbackNout: number): Ufunc<R> {
  const entry = nativeUfuncTable()[name];
  const nin = entry?.nin ?? fallbackNin;
  const nout = entry?.nout ?? fallbackNout;
  const types = entry?.types ?? [];
  const rawIdentity = (entry?.identity ?? null) as Scalar | null | 'reorderable-none';
  const identity = rawIdentity === 'reorderable-none' ? null : rawIdentity;
  const reorderable = rawIdentity !== null;
  const run: LoopRunner = (loop, operands, shape, where, casts) => execNative(name, loop.index, operands, shape, where, casts);
  const core = new UfuncCore(name, nin, nout, identity, reorderable, types, loopSetOf(name, nin, nout, types), run);
  core.fastBinary = fastBinaryOps.has(name);
  core.native = true;
  return makeUfunc<R>(core);
}

type Pair = UfuncValue[];

// math
export const add = builtin('add', 2, 1);
export const subtract = builtin('subtract', 2, 1);
export const multiply = builtin('multiply', 2, 1);
export const divide = builtin('divide', 2, 1);
export const floor_divide = builtin('floor_divide', 2, 1);
export const remainder = builtin('remainder', 2, 1);
export const fmod = builtin('fmod', 2, 1);
export const divmod = builtin<Pair>('divmod', 2, 2);
export const power = builtin('power', 2, 1);
export const float_power = builtin('float_power', 2, 1);
export const logaddexp = builtin('logaddexp', 2, 1);
export const logaddexp2 = builtin('logaddexp2', 2, 1);
export const negative = builtin('negative', 1, 1);
export const positive = builtin('positive', 1, 1);
export const absolute = builtin('absolute', 1, 1);
export const fabs = builtin('fabs', 1, 1);
export const reciprocal = builtin('reciprocal', 1, 1);
export const square = builtin('square', 1, 1);
export const sqrt = builtin('sqrt', 1, 1);
export const cbrt = builtin('cbrt', 1, 1);
export const sign = builtin('sign', 1, 1);
export const conjugate = builtin('conjugate', 1, 1);
export const exp = builtin('exp', 1, 1);
export const exp2 = builtin('exp2', 1, 1);
export const expm1 = builtin('expm1', 1, 1);
export const log = builtin('log', 1, 1);
export const log2 = builtin('log2', 1, 1);
export const log10 = builtin('log10', 1, 1);
export const log1p = builtin('log1p', 1, 1);
// trigonometric
export const sin = builtin('sin', 1, 1);
export const cos = builtin('cos', 1, 1);
export const tan = builtin('tan', 1, 1);
export const arcsin = builtin('arcsin', 1, 1);
export const arccos = builtin('arccos', 1, 1);
export const arctan = builtin('arctan', 1, 1);
export const sinh = builtin('sinh', 1, 1);
export const cosh = builtin('cosh', 1, 1);
export const tanh = builtin('tanh', 1, 1);
export const arcsinh = builtin('arcsinh', 1, 1);
export const arccosh = builtin('arccosh', 1, 1);
export const arctanh = builtin('arctanh', 1, 1);
export const degrees = builtin('degrees', 1, 1);
export const radians = builtin('radians', 1, 1);
export const deg2rad = builtin('deg2rad', 1, 1);
export const rad2deg = builtin('rad2deg', 1, 1);
export const arctan2 = builtin('arctan2', 2, 1);
export const hypot = builtin('hypot', 2, 1);
// bit-twiddling
export const bitwise_and = builtin('bitwise_and', 2, 1);
export const bitwise_or = builtin('bitwise_or', 2, 1);
export const bitwise_xor = builtin('bitwise_xor', 2, 1);
export const left_shift = builtin('left_shift', 2, 1);
export const right_shift = builtin('right_shift', 2, 1);
export const gcd = builtin('gcd', 2, 1);
export const lcm = builtin('lcm', 2, 1);
export const invert = builtin('invert', 1, 1);
export const bitwise_count = builtin('bitwise_count', 1, 1);
// comparison and logical
export const greater = builtin('greater', 2, 1);
export const greater_equal = builtin('greater_equal', 2, 1);
export const less = builtin('less', 2, 1);
export const less_equal = builtin('less_equal', 2, 1);
export const equal = builtin('equal', 2, 1);
export const not_equal = builtin('not_equal', 2, 1);
export const logical_and = builtin('logical_and', 2, 1);
export const logical_or = builtin('logical_or', 2, 1);
export const logical_xor = builtin('logical_xor', 2, 1);
export const logical_not = builtin('logical_not', 1, 1);
export const maximum = builtin('maximum', 2, 1);
export const minimum = builtin('minimum', 2, 1);
export const fmax = builtin('fmax', 2, 1);
export const fmin = builtin('fmin', 2, 1);
// floating point
export const isfinite = builtin('isfinite', 1, 1);
export const isinf = builtin('isinf', 1, 1);
export const isnan = builtin('isnan', 1, 1);
export const signbit = builtin('signbit', 1, 1);
export const spacing = builtin('spacing', 1, 1);
export const floor = builtin('floor', 1, 1);
export const ceil = builtin('ceil', 1, 1);
export const trunc = builtin('trunc', 1, 1);
export const rint = builtin('rint', 1, 1);
export const copysign = builtin('copysign', 2, 1);
export const nextafter = builtin('nextafter', 2, 1);
export const ldexp = builtin('ldexp', 2, 1);
export const heaviside = builtin('heaviside', 2, 1);
export const modf = builtin<Pair>('modf', 1, 2);
export const frexp = builtin<Pair>('frexp', 1, 2);
// generalized ufuncs (core dimensions): src/ufunc/gufunc.ts
export { matmul, vecdot, matvec, vecmat } from './gufunc.js';

// NumPy's aliases are the same objects.
export const true_divide = divide;
export const mod = remainder;
export const pow = power;
export const abs = absolute;
export const conj = conjugate;
export const asin = arcsin;
export const acos = arccos;
export const atan = arctan;
export const asinh = arcsinh;
export const acosh = arccosh;
export const atanh = arctanh;
export const atan2 = arctan2;
export const bitwise_left_shift = left_shift;
export const bitwise_right_shift = right_shift;
export const bitwise_not = invert;
export const bitwise_invert = invert;

/** Definition of a user ufunc: element functions keyed by NumPy loop signature ('dd->d'), in priority order. */
export interface UfuncDefinition {
  name: string;
  nin: number;
  nout: number;
  /** Reductions start from this value; null (default) for none. */
  identity?: Scalar | null;
  loops: Readonly<Record<string, ElementFunction>>;
}

function invalidDefinition(message: string): TypeError {
  return makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `createUfunc: ${message}`);
}

function checkCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 32) {
    throw invalidDefinition(`${what} must be an integer from 1 to 32, got ${describeValue(value)}`);
  }
  return value;
}

/** Makes a ufunc whose inner loops are JS element functions; it gets broadcasting, options, methods and dispatch. */
export function createUfunc(definition: UfuncDefinition): Ufunc<UfuncValue | UfuncValue[]> {
  if (typeof definition !== 'object' || definition === null) throw invalidDefinition(`expected a definition object, got ${describeValue(definition)}`);
  const { name, loops } = definition;
  if (typeof name !== 'string' || name === '') throw invalidDefinition(`name must be a non-empty string, got ${describeValue(name)}`);
  const nin = checkCount(definition.nin, 'nin');
  const nout = checkCount(definition.nout, 'nout');
  const identity = definition.identity ?? null;
  if (identity !== null && !weakKindOf(identity)) throw invalidDefinition(`identity must be a JS scalar or null, got ${describeValue(identity)}`);
  if (typeof loops !== 'object' || loops === null) throw invalidDefinition(`loops must be an object of element functions, got ${describeValue(loops)}`);
  const types = Object.keys(loops);
  const functions = types.map((signature) => loops[signature]!);
  const loopSet = loopSetOf(name, nin, nout, types);
  types.forEach((signature, index) => {
    const parsed = loopSet.loops.find((l) => l.index === index);
    if (!parsed || parsed.inputs.length !== nin || parsed.outputs.length !== nout) {
      throw invalidDefinition(`loop '${signature}' is not a signature of ${nin} input and ${nout} output type characters like 'dd->d'`);
    }
    if (typeof functions[index] !== 'function') throw invalidDefinition(`loop '${signature}' must be a function, got ${describeValue(functions[index])}`);
  });
  if (types.length === 0) throw invalidDefinition('loops must define at least one signature');
  const run: LoopRunner = (loop, operands, shape, where) => runElementFunction(name, functions[loop.index]!, loop, operands, shape, where);
  return makeUfunc(new UfuncCore(name, nin, nout, identity, identity !== null, types, loopSet, run));
}

/** NEP 13 for JS: register overrides for classes you do not own, and make new ufuncs. */
export const ufuncDispatch = {
  register: dispatchRegistry.register,
  unregister: dispatchRegistry.unregister,
  createUfunc,
  NotImplemented,
};
