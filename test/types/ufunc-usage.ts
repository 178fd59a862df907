// Compiled by test/ufunc/ufunc-types.test.ts (never run). Every line must
// type-check, and every @ts-expect-error line must really be an error.
import { NDArray, NotImplemented, add, asarray, divmod, equal, errstate, frexp, isnan, isnat, matmul, modf, seterr, sqrt, ufuncDispatch, ufuncs, vecdot } from '../../src/index.js';
import type { BinaryUfunc, Complex, ErrorSettings, Gufunc, ReduceOptions, Ufunc, UfuncCallOptions, UfuncKwargs, UfuncMethod, UnaryUfunc } from '../../src/index.js';

const a: NDArray = asarray([1, 2], { dtype: 'float64' });
const options: UfuncCallOptions = { out: a, where: true, dtype: 'float64', casting: 'same_kind' };
const shape: readonly number[] = add(a, b()).shape;
function b(): NDArray<'float64'> {
  return asarray([3, 4], { dtype: 'float64' });
}
const listed = matmul([[1, 2]], [[3], [4]]).toArray();
const intoOut: NDArray<'float64'> = add(a, 1, { out: b() });
const intoTuple: NDArray<'float64'> = sqrt(a, { out: [b()] });
const scalarSum: number | bigint | boolean | Complex = add(1, 2.5);
const compared: boolean = equal(1, 2);
const mask: NDArray<'bool'> = isnan(a);
const elementwise: NDArray = add(a, [1, 2], { where: [true, false], casting: 'unsafe' });
const [quotient, remainder]: [NDArray, NDArray] = divmod(a, 2);
const [fraction, exponent] = frexp(a);
const [whole, part] = modf(2.5);
const pairOut: [NDArray<'float64'>, NDArray<'float64'>] = divmod(a, 2, { out: [b(), b()] });
const total = add.reduce(a, { axis: null });
const flatTotal = add.reduce([1, 2, 3]);
const kept: NDArray = add.reduce(a, { keepdims: true, initial: 0, where: [true, false] });
const eitherShape = add.reduce(a, { axis: 0 });
const reduceOptions: ReduceOptions = { axis: [0], dtype: 'int64', out: null };
const running: NDArray = add.accumulate(a, { axis: 0, dtype: 'float32' });
const segments: NDArray = add.reduceat(a, [0, 1]);
const outer: NDArray = add.outer(a, a);
add.at(a, [0, 0], 1);
const later: Promise<NDArray> = add.async(a, a);
const laterScalar: Promise<boolean> = equal.async(1, 1);
const laterReduce: Promise<number | bigint | boolean | Complex> = add.reduce.async(a, { axis: null });
const laterMatmul: Promise<NDArray> = matmul.async(a, a.reshape(2, 1));
const dot = vecdot([1, 2], [3, 4]);
const u: UnaryUfunc = sqrt;
const bin: BinaryUfunc = ufuncs.hypot;
const g: Gufunc = matmul;
const loose = add as Ufunc;
const types: readonly string[] = add.types;
const identity = add.identity;
const previous: ErrorSettings = seterr({ all: 'ignore', under: 'warn' });
const result: number = errstate({ divide: 'raise' }, () => 1);
const twice = ufuncDispatch.createUfunc({ name: 'twice', nin: 1, nout: 1, identity: null, loops: { 'd->d': (x) => (x as number) * 2 } });
const twiceOf: NDArray = twice(a);
class Wrapper {}
ufuncDispatch.register(Wrapper, (ufunc: Ufunc, method: UfuncMethod, inputs: unknown[], kwargs: UfuncKwargs) =>
  method === '__call__' ? ufunc(...inputs, kwargs) : method === 'reduce' ? ufunc.reduce(inputs[0], kwargs) : NotImplemented,
);
const overridden: unknown = add(new Wrapper(), 1);
const removed: boolean = ufuncDispatch.unregister(Wrapper);
void [options, shape, listed, intoOut, intoTuple, scalarSum, compared, mask, elementwise, quotient, remainder, fraction, exponent, whole, part, pairOut];
void [total, flatTotal, kept, eitherShape, reduceOptions, running, segments, outer, later, laterScalar, laterReduce, laterMatmul, dot, u, bin, g, loose];
void [types, identity, previous, result, twiceOf, overridden, removed];
// Over a literal axis other than 0 and -1 the input has two or more dimensions: an array.
const rows: NDArray = add.reduce(a, { axis: 1 });
const rowsLater: Promise<NDArray> = add.reduce.async(a, { axis: -2, dtype: 'float64' });
// A call an operand's __array_ufunc__ takes over gives what the method returns, NotImplemented aside.
class Metres {
  value: NDArray;
  constructor(value: NDArray) {
    this.value = value;
  }
  __array_ufunc__(ufunc: Ufunc, method: UfuncMethod, inputs: unknown[], kwargs: UfuncKwargs): Metres | typeof NotImplemented {
    const result = ufunc(...inputs.map((x) => (x instanceof Metres ? x.value : x)), kwargs);
    return method === '__call__' && result instanceof NDArray ? new Metres(result) : NotImplemented;
  }
}
const metres = new Metres(a);
const metresSum: Metres = add(metres, 1);
const metresRoot: Metres = sqrt(add(metres, metres));
const metresWithArray: Metres = add(a, metres);
const metresLater: Promise<Metres> = add.async(metres, a);
const metresTotal: Metres = add.reduce(metres);
void [rows, rowsLater, metresSum, metresRoot, metresWithArray, metresLater, metresTotal];
const totalIsScalar: number | bigint | boolean | Complex = total;
const flatIsScalar: number | bigint | boolean | Complex = flatTotal;
void [totalIsScalar, flatIsScalar];

// isnat of datetime64 (dates parsed by asarray) is a bool array
const dates = asarray(['2010-01-02', 'NaT'], { dtype: 'M8[D]' });
const nat: NDArray<'bool'> = isnat(dates);
void nat;
// signature= as a type string, bytes, or an array of dtypes and null
const forced: NDArray = add(a, a, { signature: 'dd->d', casting: 'unsafe' });
const partly: NDArray = add(a, a, { sig: ['float64', null, null] });
const fromBytes: NDArray = add(a, a, { signature: Uint8Array.from([100, 100, 45, 62, 100]) }); // b'dd->d'
void [forced, partly, fromBytes];
// @ts-expect-error a signature is a string, bytes or an array
add(a, a, { signature: 42 });
// @ts-expect-error misspelt option
add(a, a, { outt: a });
// @ts-expect-error casting is one of NumPy's names
add(a, a, { casting: 'sometimes' });
// @ts-expect-error add takes two inputs
add();
// @ts-expect-error add takes two inputs, not one
add(a);
// @ts-expect-error axes is a list of integers or lists
matmul(a, a, { axes: 'x' });
// @ts-expect-error misspelt dtype in an option
add(a, a, { dtype: 'flaot64' });
// @ts-expect-error reduce has no option 'foo'
add.reduce(a, { foo: 1 });
// @ts-expect-error keepdims is a boolean
add.reduce(a, { keepdims: 1 });
// @ts-expect-error seterr modes are 'ignore' | 'warn' | 'raise'
seterr({ divide: 'print' });
// @ts-expect-error divmod returns a pair, not one array
const single: NDArray = divmod(a, 2);
// @ts-expect-error an array input gives an array, not a scalar
const notScalar: number = add(a, 1);
// @ts-expect-error a scalar-only call gives a scalar, not an array
const notArray: NDArray = add(1, 2);
// @ts-expect-error reduce of an NDArray of unknown ndim may give a scalar
const maybeScalar: NDArray = add.reduce(a);
// @ts-expect-error keepdims: true gives an array
const keptScalar: number = add.reduce(a, { keepdims: true });
// @ts-expect-error unary ufuncs have no reduce (NumPy raises)
sqrt.reduce(a);
// @ts-expect-error gufuncs have no outer (NumPy raises)
matmul.outer(a, a);
// @ts-expect-error .async gives a Promise
const notAwaited: NDArray = add.async(a, a);
// @ts-expect-error comparisons give bool arrays
const notFloat: NDArray<'float64'> = equal(a, a);
// @ts-expect-error nin is a number
ufuncDispatch.createUfunc({ name: 'f', nin: '1', nout: 1, loops: {} });
// @ts-expect-error handlers receive the method name as a UfuncMethod
ufuncDispatch.register(Wrapper, (_ufunc: Ufunc, method: number) => method);
// @ts-expect-error register takes a class
ufuncDispatch.register({}, () => NotImplemented);
// @ts-expect-error where is a boolean mask
add(a, a, { where: 'yes' });
// @ts-expect-error a string is no ufunc input
sqrt('4');
void [single, notScalar, notArray, maybeScalar, keptScalar, notAwaited, notFloat];
// @ts-expect-error over axis 1 the result is an array
const rowScalar: number = add.reduce(a, { axis: 1 });
// @ts-expect-error over axis 0 of an array of unknown ndim it may be a scalar
const firstAxis: NDArray = add.reduce(a, { axis: 0 });
// @ts-expect-error an override's result is what its __array_ufunc__ returns, NotImplemented aside
const declined: typeof NotImplemented = add(metres, 1);
// @ts-expect-error a handler registered for a class may return anything
const wrapped: Wrapper = add(new Wrapper(), 1);
