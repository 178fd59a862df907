// Compiled by test/types/reductions-usage.test.ts and by
// scripts/check-packed-types.mjs (never run): the reductions' and sorting
// functions' result types follow NumPy 2.4 (np.sum(int32) is int64, np.mean
// of integers float64, np.std of complex128 float64, argmax an index) and the
// run-time rules (over every axis a JS scalar; a subclass stays its class;
// `out` is returned). Every @ts-expect-error line must really be an error.
import { NDArray, var as npVar, all, any, argmax, argmin, argsort, asarray, cumprod, cumsum, max, mean, min, prod, sort, std, sum, unique, variance } from '../../src/index.js';
import type {
  ArgReduceOptions,
  AxisOption,
  Complex,
  CumulativeOptions,
  LogicalReduceOptions,
  MeanOptions,
  MinMaxOptions,
  ReductionResult,
  SortKind,
  SortOptions,
  SumOptions,
  UniqueOptions,
  UniqueResult,
  VarOptions,
} from '../../src/index.js';

const f8 = asarray([[1, 2], [3, 4]], { dtype: 'float64' });
const i4 = asarray(new Int32Array([1, 2, 3, 4])).reshape(2, 2);
const u1 = asarray(new Uint8Array([1, 2]));
const c16 = asarray([{ re: 1, im: 1 }], { dtype: 'complex128' });
const c8 = asarray([{ re: 1, im: 1 }], { dtype: 'complex64' });
const flags = asarray([true, false], { dtype: 'bool' });
const untyped: NDArray = f8;

// Over every axis: a JS scalar of NumPy's result dtype.
const total: number = sum(f8);
const intTotal: bigint = sum(i4);
const unsignedTotal: bigint = prod(u1);
const boolTotal: bigint = sum(flags);
const complexTotal: Complex = sum(c16);
const asFloat32: number = sum(i4, { dtype: 'float32' });
const allAxes: bigint = sum(i4, null);
const allAxesByOption: number = sum(f8, { axis: null, initial: 0, where: [true, false] });
const smallest: number = min(f8);
const largest: number = max(i4.astype('int16'));
const meanOfInts: number = mean(i4);
const meanOfComplex: Complex = mean(c8);
const spread: number = std(c16);
const spread32: number = variance(c8, { ddof: 1 });
const spreadVar: number = npVar(f8);
const spreadCorrected: number = std(f8, null, { correction: 1 });
const everything: boolean = all(i4);
const anything: boolean = any(f8, { where: true });
const where: number = argmax(f8);
const whereMin: number = argmin(i4, null);
const untypedTotal: number | bigint | boolean | Complex = sum(untyped);
const listTotal: number | bigint | boolean | Complex = sum([1, 2, 3]);
const typedTotal: number = sum(new Float64Array(3));
void [total, intTotal, unsignedTotal, boolTotal, complexTotal, asFloat32, allAxes, allAxesByOption, smallest, largest, meanOfInts, meanOfComplex];
void [spreadVar, spread, spread32, spreadCorrected, everything, anything, where, whereMin, untypedTotal, listTotal, typedTotal];

// keepdims: true gives an array; some axes of an array of unknown ndim, either,
// but a literal axis other than 0 and -1 only exists with two or more dimensions: an array.
const kept: NDArray<'int64'> = sum(i4, { keepdims: true });
const keptMean: NDArray<'float64'> = mean(i4, 0, { keepdims: true });
const keptAll: NDArray<'bool'> = all(f8, [0, 1], { keepdims: true });
const keptIndex: NDArray<'int64'> = argmax(f8, 0, { keepdims: true });
const byAxis: NDArray<'int64'> | bigint = sum(i4, 0);
const byAxisOption: NDArray<'float64'> = mean(i4, { axis: 1 });
const byAxes: NDArray<'float64'> | number = max(f8, [0]);
const indexByAxis: NDArray<'int64'> = argmin(f8, 1);
const byLastAxis: NDArray<'float64'> | number = max(f8, -1);
const maybeKept: NDArray<'float64'> | number = mean(f8, { keepdims: Math.random() > 0.5 });
void [kept, keptMean, keptAll, keptIndex, byAxis, byAxisOption, byAxes, indexByAxis, byLastAxis, maybeKept];

// `out` is returned as given; a subclass stays its class.
const into: NDArray<'float64'> = sum(f8, 0, { out: asarray([0, 0], { dtype: 'float64' }) });
class Meters extends NDArray<'float64'> {
  unit = 'm';
}
const m = new Meters({ buffer: new Float64Array(4), dtype: 'float64', shape: [2, 2] });
const mTotal: Meters = sum(m);
const mMax: Meters = max(m, 0);
const mAll = all(m);
const mAllUnit: string = mAll.unit;
const mAllValue: boolean = mAll.get();
void [into, mTotal, mMax, mAllUnit, mAllValue];

// cumsum and cumprod: always an array, with sum's accumulator dtype.
const running: NDArray<'int64'> = cumsum(i4);
const runningAxis: NDArray<'float64'> = cumprod(f8, 1);
const runningTyped: NDArray<'float32'> = cumsum(i4, { axis: 0, dtype: 'float32' });
const runningOut: NDArray<'float64'> = cumsum(f8, null, { out: asarray([0, 0, 0, 0], { dtype: 'float64' }) });
const runningMeters: Meters = cumsum(m);
void [running, runningAxis, runningTyped, runningOut, runningMeters];

// sort keeps the dtype; argsort gives int64 indices; unique gives the values,
// or [values, ...the asked-for int64 arrays].
const sorted: NDArray<'int32'> = sort(i4);
const sortedFlat: NDArray<'float64'> = sort(f8, null, { kind: 'stable' });
const sortedByOptions: NDArray<'float64'> = sort(f8, { axis: 0, stable: true });
const order: NDArray<'int64'> = argsort(f8, -1);
const values: NDArray<'int32'> = unique(i4);
const [uValues, uIndex, uCounts]: [NDArray<'int32'>, NDArray<'int64'>, NDArray<'int64'>] = unique(i4, { returnIndex: true, returnCounts: true });
const withInverse: [NDArray<'float64'>, NDArray<'int64'>] = unique(f8, { returnInverse: true, equalNan: false });
const asked = Math.random() > 0.5;
const either: UniqueResult = unique(f8, { returnCounts: asked });
void [sorted, sortedFlat, sortedByOptions, order, values, uValues, uIndex, uCounts, withInverse, either];

// The methods are typed as the functions' calls with the array as input.
const methodTotal: number = f8.sum();
const methodIntTotal: bigint = i4.sum(null);
const methodRows: NDArray<'float64'> = f8.sum(1);
const methodKept: NDArray<'int64'> = i4.prod({ axis: 0, keepdims: true });
const methodMean: NDArray<'float64'> = i4.mean(1, { keepdims: false });
const methodStd: number = c16.std();
const methodArgmax: NDArray<'int64'> = f8.argmax(1);
const methodIndex: number = f8.argmin();
const methodAny: boolean = flags.any();
const methodMinMax: number = f8.max() - f8.min();
const methodRunning: NDArray<'int64'> = i4.cumsum(0);
const methodRunningF4: NDArray<'float32'> = i4.cumprod({ dtype: 'float32' });
const methodMeters: Meters = m.sum(0);
const methodMetersRunning: Meters = m.cumsum();
const methodEither: NDArray<'float64'> | number = f8.var(0, { ddof: 1 });
void [methodTotal, methodIntTotal, methodRows, methodKept, methodMean, methodStd, methodArgmax, methodIndex, methodAny, methodMinMax];
const methodOrder: NDArray<'int64'> = f8.argsort(0);
const methodOrderMeters: string = m.argsort().unit;
void [methodRunning, methodRunningF4, methodMeters, methodMetersRunning, methodEither, methodOrder, methodOrderMeters];

// The options types.
const axis: AxisOption = [0, 1];
const sumOptions: SumOptions = { axis, dtype: 'int64', keepdims: false, initial: 1 };
const minMaxOptions: MinMaxOptions = { initial: 0, where: [true] };
const logical: LogicalReduceOptions = { keepdims: true };
const meanOptions: MeanOptions = { dtype: 'float32' };
const varOptions: VarOptions = { ddof: 1, mean: 0 };
const argOptions: ArgReduceOptions = { axis: 0 };
const cumulativeOptions: CumulativeOptions = { dtype: 'float64' };
const kind: SortKind = 'heapsort';
const sortOptions: SortOptions = { kind, axis: -1 };
const uniqueOptions: UniqueOptions = { sorted: true, axis: 0 };
const loose: ReductionResult = sum(untyped, axis, sumOptions);
void [minMaxOptions, logical, meanOptions, varOptions, argOptions, cumulativeOptions, sortOptions, uniqueOptions, loose];

// @ts-expect-error the method over every axis gives a scalar, as the function does
const methodNotArray: NDArray = f8.sum();
// @ts-expect-error the method checks its options as the function does
f8.mean({ keepdim: true });
// @ts-expect-error argmax's method gives int64 indices along an axis
const methodArgmaxFloat: NDArray<'float64'> = f8.argmax(1);
// @ts-expect-error sum of int32 is int64 (a bigint), not a number
const notNumber: number = sum(i4);
// @ts-expect-error over every axis the result is a scalar
const notArray: NDArray = sum(f8);
// @ts-expect-error over some axes of an array of unknown ndim it may be a scalar
const maybeScalar: NDArray = sum(f8, 0);
// @ts-expect-error keepdims: true gives an array
const keptScalar: number = mean(f8, { keepdims: true });
// @ts-expect-error over axis 1 the result is an array
const rowMean: number = mean(f8, 1);
// @ts-expect-error over axis -1 of an array of unknown ndim it may be a scalar
const lastAxis: NDArray = max(f8, { axis: -1 });
// @ts-expect-error mean of integers is float64
const meanStaysInt: NDArray<'int32'> = mean(i4, { keepdims: true });
// @ts-expect-error std of complex128 is float64, not complex
const spreadComplex: Complex = std(c16);
// @ts-expect-error argmax gives an index, not the element
const notIndex: NDArray<'float64'> = argmax(f8, 0, { keepdims: true });
// @ts-expect-error all gives bool
const notFloat: NDArray<'float64'> = all(f8, 0, { keepdims: true });
// @ts-expect-error misspelt option
sum(f8, { axsi: 0 });
// @ts-expect-error keepdims is a boolean
sum(f8, { keepdims: 1 });
// @ts-expect-error min has no dtype option (NumPy's neither)
min(f8, { dtype: 'float32' });
// @ts-expect-error argmax takes one axis, not a list
argmax(f8, [0, 1]);
// @ts-expect-error misspelt dtype
mean(f8, { dtype: 'flaot32' });
// @ts-expect-error ddof is a number
variance(f8, { ddof: '1' });
// @ts-expect-error cumsum works along one axis
cumsum(f8, [0, 1]);
// @ts-expect-error cumsum has no keepdims
cumsum(f8, { keepdims: true });
// @ts-expect-error a string is no array
sum('123');
// @ts-expect-error sort kinds are NumPy's
sort(f8, { kind: 'bubble' });
// @ts-expect-error argsort gives int64 indices
const sortedIndexFloat: NDArray<'float64'> = argsort(f8);
// @ts-expect-error without extras unique gives the values alone
const notPair: [NDArray, NDArray] = unique(f8);
// @ts-expect-error returnCounts is a boolean
unique(f8, { returnCounts: 'yes' });
// @ts-expect-error a plain NDArray is no Meters
const notMeters: Meters = sum(f8, { keepdims: true });
void [notNumber, notArray, maybeScalar, keptScalar, rowMean, lastAxis, meanStaysInt, spreadComplex, notIndex, notFloat, sortedIndexFloat, notPair, notMeters];
