// Compiled by test/ufunc/ufunc-types.test.ts (never run). Every line must
// type-check, and every @ts-expect-error line must really be an error.
import { NDArray, NotImplemented, add, asarray, divmod, errstate, seterr, sqrt, ufuncDispatch, ufuncs } from '../../src/index.js';
import type { ErrorSettings, NumericScalar, ReduceOptions, Ufunc, UfuncCallOptions, UfuncKwargs, UfuncMethod, UfuncValue } from '../../src/index.js';

const a: NDArray = asarray([1, 2], { dtype: 'float64' });
const options: UfuncCallOptions = { out: a, where: true, dtype: 'float64', casting: 'same_kind' };
const sum: UfuncValue = add(a, 1, options);
const pair: UfuncValue[] = divmod(a, 2);
const reduced: UfuncValue = add.reduce(a, { axis: null, keepdims: true, initial: 0, where: [true, false] });
const reduceOptions: ReduceOptions = { axis: [0], dtype: 'int64', out: null };
const running: UfuncValue = add.accumulate(a, { axis: 0, dtype: 'float32' });
const segments: UfuncValue = add.reduceat(a, [0, 1]);
const outer: UfuncValue = add.outer(a, a);
add.at(a, [0, 0], 1);
const u: Ufunc = sqrt;
const byName: Ufunc = ufuncs.hypot;
const types: readonly string[] = add.types;
const identity: NumericScalar | null = add.identity;
const previous: ErrorSettings = seterr({ all: 'ignore', under: 'warn' });
const result: number = errstate({ divide: 'raise' }, () => 1);
const custom = ufuncDispatch.createUfunc({ name: 'twice', nin: 1, nout: 1, identity: null, loops: { 'd->d': (x) => (x as number) * 2 } });
class Wrapper {}
ufuncDispatch.register(Wrapper, (ufunc: Ufunc<unknown>, method: UfuncMethod, inputs: unknown[], kwargs: UfuncKwargs) =>
  method === '__call__' ? ufunc(...inputs, kwargs) : NotImplemented,
);
void [sum, pair, reduced, reduceOptions, running, segments, outer, u, byName, types, identity, previous, result, custom];

// @ts-expect-error reduce has no option 'foo'
add.reduce(a, { foo: 1 });
// @ts-expect-error keepdims is a boolean
add.reduce(a, { keepdims: 1 });
// @ts-expect-error seterr modes are 'ignore' | 'warn' | 'raise'
seterr({ divide: 'print' });
// @ts-expect-error divmod returns one value per output
const single: NDArray = divmod(a, 2);
// @ts-expect-error nin is a number
ufuncDispatch.createUfunc({ name: 'f', nin: '1', nout: 1, loops: {} });
// @ts-expect-error handlers receive the method name as a UfuncMethod
ufuncDispatch.register(Wrapper, (_ufunc: Ufunc<unknown>, method: number) => method);
void single;
