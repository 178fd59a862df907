// The public call signatures of the array functions, as types: what a call
// returns follows what it is given (NumPy 2.4's rules, and this library's
// run-time rules for subclasses, as far as the static types know them).
// Type-only: the functions are built in creation.ts, shape.ts, selection.ts,
// reductions.ts and sorting.ts, which declare each with one of these.
//   - the element type follows the input's dtype (an NDArray<D>'s D, a typed
//     array's) through NumPy's rule for the function (sum of int32 is int64,
//     mean of integers float64, std of complex128 float64, argmax int64), or
//     the `dtype` given; an unknown input dtype gives the wide DTypeName;
//   - a reduction over every axis gives a JS scalar, with `keepdims: true` an
//     array, over some axes of an array of unknown ndim either; an NDArray
//     subclass input stays its class (as at run time: reductions, cumulative
//     sums and the shape functions of a subclass give the subclass);
//   - an `out` option gives the type of `out`;
//   - option objects are exact: a misspelt option does not compile.
// Each generic call signature's result is wrapped in NoInfer: without it, a
// call assigned to an annotated variable (`const a: NDArray = zeros(2, opts)`)
// makes TypeScript infer the options' type back from the annotation through
// the dtype rules, which cost seconds per call (750k instantiations for
// test/types/functions-usage.ts, 44k with NoInfer); the options and arguments
// alone decide the result.
import type { NDArray } from '../array/ndarray.js';
import type { DTypeLike, DTypeName } from '../dtype/dtype.js';
import type { Complex, Scalar } from '../dtype/elements.js';
import type { DTypeNameOf, ElementOf } from '../dtype/spelling.js';
import type { TypedArrayDType } from '../interop/asarray.js';
import type { ArrayInput, ArrayResult, IsSubclass, OverridingOperand, ScalarInput, ScalarResult, SubclassResult } from '../ufunc/signatures.js';
import type { ArrayOptions, CreationOptions, EyeOptions, FrombufferOptions, LikeOptions, LinspaceOptions, ShapeLike } from './creation.js';
import type { ArgReduceOptions, CumulativeOptions, LogicalReduceOptions, MeanOptions, MinMaxOptions, SumOptions, VarOptions } from './reductions.js';
import type { SortOptions, UniqueOptions, UniqueResult } from './sorting.js';

/** What an array function takes as an array: a JS scalar, an array-like, or an object that overrides (`__array_function__`). */
export type ArrayOperand = ScalarInput | ArrayInput | OverridingOperand;

/** The dtype of operand `A` as far as the types know it: an NDArray's, a typed array's, else the wide DTypeName. */
export type OperandDType<A> = A extends NDArray<infer D> ? D : A extends ArrayBufferView ? TypedArrayDType<A> : DTypeName;

/**
 * Refuses keys of `Given` that `Allowed` does not have: an options parameter
 * typed `Given & NoExtraKeys<Given, Allowed>` keeps generic inference of
 * `Given` (so results can follow the options) and still rejects misspelt
 * options (and arrays, which are axis lists, not options).
 * @typeParam Given - The options object's type, as inferred from the call.
 * @typeParam Allowed - The function's options interface.
 */
export type NoExtraKeys<Given, Allowed> = { readonly [K in Exclude<keyof Given, keyof Allowed>]: never } & { readonly length?: never };

/**
 * The value of option `K` in options type `O`, or undefined when absent.
 * @typeParam O - An options object's type.
 * @typeParam K - The option's name.
 */
export type OptionOf<O, K extends string> = K extends keyof O ? O[K] : undefined;

type IntegerDType = 'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64';
// Rules on a known dtype; the wide DTypeName stays wide.
type Known<D extends DTypeName, R extends DTypeName> = [DTypeName] extends [D] ? DTypeName : R;
type SumDType<D extends DTypeName> = Known<D, D extends 'bool' | 'int8' | 'int16' | 'int32' | 'int64' ? 'int64' : D extends 'uint8' | 'uint16' | 'uint32' | 'uint64' ? 'uint64' : D>;
type MeanDType<D extends DTypeName> = Known<D, D extends IntegerDType ? 'float64' : D>;
type RealDType<D extends DTypeName> = Known<D, D extends 'complex64' ? 'float32' : D extends 'complex128' ? 'float64' : D extends 'clongdouble' ? 'longdouble' : D>;

/**
 * The result dtype of each reduction rule for input dtype `D` (NumPy's): `sum`
 * (sum, prod, cumsum, cumprod: bool and signed integers accumulate in int64,
 * unsigned in uint64), `same` (min, max), `mean` (integers give float64),
 * `var` (var, std: the real type of mean's), `bool` (all, any), `index`
 * (argmin, argmax).
 * @typeParam D - The input's dtype.
 */
export interface ReducedDTypes<D extends DTypeName> {
  /** sum, prod, cumsum, cumprod. */
  readonly sum: SumDType<D>;
  /** min, max. */
  readonly same: D;
  /** mean. */
  readonly mean: MeanDType<D>;
  /** var, std. */
  readonly var: RealDType<MeanDType<D>>;
  /** all, any. */
  readonly bool: 'bool';
  /** argmin, argmax. */
  readonly index: 'int64';
}

/** The name of a reduction's result-dtype rule (a key of ReducedDTypes). */
export type ReductionRule = keyof ReducedDTypes<DTypeName>;

/**
 * A reduction's result dtype: the rule applied to `dtype` when the options
 * give one (var and std still take its real type), else to the input's.
 * @typeParam Rule - The reduction's rule.
 * @typeParam A - The input operand's type.
 * @typeParam O - The options object's type.
 */
export type ReductionDType<Rule extends ReductionRule, A, O> = OptionOf<O, 'dtype'> extends infer S extends DTypeLike
  ? ReducedDTypes<DTypeNameOf<S>>[Rule extends 'var' ? 'var' : 'same']
  : ReducedDTypes<OperandDType<A>>[Rule];

// argmin and argmax give their 0-d index as a number.
type ReductionScalar<Rule extends ReductionRule, R extends DTypeName> = Rule extends 'index' ? number : ScalarResult<R>;

// Whether a reduction over `axis` may give a scalar: over one axis only a 1-d
// input does, and its only axes are 0 and -1, so another literal axis means
// two or more dimensions (or an AxisError at run time).
type MayReduceToScalar<X> = X extends number ? (number extends X ? true : X extends 0 | -1 ? true : false) : true;

/**
 * What a reduction returns: `out` when given; of a subclass, the subclass;
 * with `keepdims: true`, an array; over every axis (axis absent or null), a
 * JS scalar; over some axes, an array or (of a 1-d input) a scalar, an
 * array when the axis is a literal other than 0 and -1.
 * @typeParam Rule - The reduction's rule.
 * @typeParam A - The input operand's type.
 * @typeParam X - The positional axis argument's type (undefined when absent).
 * @typeParam O - The options object's type.
 */
export type ReductionOutput<Rule extends ReductionRule, A, X, O> =
  OptionOf<O, 'out'> extends infer T extends NDArray
    ? T
    : IsSubclass<A> extends true
      ? SubclassResult<A, ReductionDType<Rule, A, O>>
      : [OptionOf<O, 'keepdims'>] extends [true]
        ? NDArray<ReductionDType<Rule, A, O>>
        : true extends OptionOf<O, 'keepdims'>
          ? NDArray<ReductionDType<Rule, A, O>> | ReductionScalar<Rule, ReductionDType<Rule, A, O>>
          : [X extends undefined ? OptionOf<O, 'axis'> : X] extends [null | undefined]
            ? ReductionScalar<Rule, ReductionDType<Rule, A, O>>
            : true extends MayReduceToScalar<X extends undefined ? OptionOf<O, 'axis'> : X>
              ? NDArray<ReductionDType<Rule, A, O>> | ReductionScalar<Rule, ReductionDType<Rule, A, O>>
              : NDArray<ReductionDType<Rule, A, O>>;

/**
 * A reduction's call: `(a, axis?, options?)` or `(a, options)`.
 * @typeParam Rule - Its result-dtype rule.
 * @typeParam Options - Its options interface.
 */
export interface ReductionFunction<Rule extends ReductionRule, Options extends { readonly axis?: unknown }> {
  <A extends ArrayOperand>(a: A): NoInfer<ReductionOutput<Rule, A, undefined, {}>>;
  <A extends ArrayOperand, const O extends Options>(a: A, options: O & NoExtraKeys<O, Options>): NoInfer<ReductionOutput<Rule, A, undefined, O>>;
  <A extends ArrayOperand, const X extends Options['axis']>(a: A, axis: X): NoInfer<ReductionOutput<Rule, A, X, {}>>;
  <A extends ArrayOperand, const X extends Options['axis'], const O extends Options>(a: A, axis: X, options: O & NoExtraKeys<O, Options>): NoInfer<ReductionOutput<Rule, A, X, O>>;
}

/**
 * A reduction as an NDArray method (`a.sum(axis?, options?)`): the
 * function's call with the array itself as its input, so a subclass keeps
 * its class and the dtype rule sees the array's dtype.
 * @typeParam Rule - Its result-dtype rule.
 * @typeParam Options - Its options interface.
 */
export interface ReductionMethodOf<Rule extends ReductionRule, Options extends { readonly axis?: unknown }> {
  <This extends NDArray>(this: This): NoInfer<ReductionOutput<Rule, This, undefined, {}>>;
  <This extends NDArray, const O extends Options>(this: This, options: O & NoExtraKeys<O, Options>): NoInfer<ReductionOutput<Rule, This, undefined, O>>;
  <This extends NDArray, const X extends Options['axis']>(this: This, axis: X): NoInfer<ReductionOutput<Rule, This, X, {}>>;
  <This extends NDArray, const X extends Options['axis'], const O extends Options>(this: This, axis: X, options: O & NoExtraKeys<O, Options>): NoInfer<ReductionOutput<Rule, This, X, O>>;
}

/** sum and prod. */
export type SumFunction = ReductionFunction<'sum', SumOptions>;
/** min and max. */
export type MinMaxFunction = ReductionFunction<'same', MinMaxOptions>;
/** all and any. */
export type LogicalReduceFunction = ReductionFunction<'bool', LogicalReduceOptions>;
/** mean. */
export type MeanFunction = ReductionFunction<'mean', MeanOptions>;
/** var (exported as `variance`) and std. */
export type VarFunction = ReductionFunction<'var', VarOptions>;
/** argmin and argmax. */
export type ArgReduceFunction = ReductionFunction<'index', ArgReduceOptions>;

/**
 * What cumsum and cumprod return: `out` when given, of a subclass the
 * subclass, else an array (1-d when the axis is absent or null).
 * @typeParam A - The input operand's type.
 * @typeParam O - The options object's type.
 */
export type CumulativeOutput<A, O> =
  OptionOf<O, 'out'> extends infer T extends NDArray
    ? T
    : IsSubclass<A> extends true
      ? SubclassResult<A, ReductionDType<'sum', A, O>>
      : NDArray<ReductionDType<'sum', A, O>>;

/** cumsum and cumprod as NDArray methods: `a.cumsum(axis?, options?)` or `a.cumsum(options)`. */
export interface CumulativeMethodOf {
  <This extends NDArray, const O extends CumulativeOptions = {}>(this: This, options?: O & NoExtraKeys<O, CumulativeOptions>): NoInfer<CumulativeOutput<This, O>>;
  <This extends NDArray, const O extends CumulativeOptions = {}>(this: This, axis: number | null, options?: O & NoExtraKeys<O, CumulativeOptions>): NoInfer<CumulativeOutput<This, O>>;
}

/** cumsum and cumprod: `(a, axis?, options?)` or `(a, options)`. */
export interface CumulativeFunction {
  <A extends ArrayOperand, const O extends CumulativeOptions = {}>(a: A, options?: O & NoExtraKeys<O, CumulativeOptions>): NoInfer<CumulativeOutput<A, O>>;
  <A extends ArrayOperand, const O extends CumulativeOptions = {}>(a: A, axis: number | null, options?: O & NoExtraKeys<O, CumulativeOptions>): NoInfer<CumulativeOutput<A, O>>;
}

/**
 * sort (`R` never: the input's dtype) and argsort (`R` 'int64': indices).
 * @typeParam R - The result dtype, or never for the input's.
 */
export interface SortFunction<R extends DTypeName> {
  <A extends ArrayOperand>(a: A, axis?: number | null | SortOptions, options?: SortOptions): NoInfer<ArrayResult<[A], [R] extends [never] ? OperandDType<A> : R>>;
}

type Asked<O, K extends string> = [OptionOf<O, K>] extends [true] ? [NDArray<'int64'>] : [];

/**
 * What unique returns: the values alone, or `[values, index?, inverse?,
 * counts?]` (int64 arrays, the asked-for ones in that order) when an extra is
 * asked for; when a flag is a plain boolean, either.
 * @typeParam D - The input's dtype.
 * @typeParam O - The options object's type.
 */
export type UniqueOutput<D extends DTypeName, O> = true extends OptionOf<O, 'returnIndex'> | OptionOf<O, 'returnInverse'> | OptionOf<O, 'returnCounts'>
  ? boolean extends OptionOf<O, 'returnIndex'> | OptionOf<O, 'returnInverse'> | OptionOf<O, 'returnCounts'>
    ? UniqueResult
    : [NDArray<D>, ...Asked<O, 'returnIndex'>, ...Asked<O, 'returnInverse'>, ...Asked<O, 'returnCounts'>]
  : NDArray<D>;

/** unique's call. */
export interface UniqueFunction {
  <A extends ArrayOperand, const O extends UniqueOptions = {}>(ar: A, options?: O & NoExtraKeys<O, UniqueOptions>): NoInfer<UniqueOutput<OperandDType<A>, O>>;
}

// `DTypeName & (...)` changes no result (a DTypeName intersected with one of
// its members is that member, with DTypeName itself DTypeName) but lets
// TypeScript see at once that the still generic alias, as written in the
// published .d.ts files, meets NDArray's `D extends DTypeName`. Without it,
// every signature made TypeScript distribute DTypeNameOf over each spelling of
// DTypeLike to prove that: checking the package's .d.ts (a consumer with
// skipLibCheck: false) took 58 s and 814k types, 3.3 s and 29k with it.
/**
 * The dtype a dtype argument names, or `Default` when it is absent or null.
 * @typeParam S - The dtype argument's type.
 * @typeParam Default - The function's default dtype.
 */
export type DTypeArgument<S, Default extends DTypeName> = DTypeName & (S extends DTypeLike ? DTypeNameOf<S> : Default);

/**
 * The dtype of a creation call: the positional dtype, else the options' dtype, else `Default`.
 * @typeParam S - The positional dtype argument's type.
 * @typeParam O - The options object's type.
 * @typeParam Default - The function's default dtype.
 */
export type CreationDType<S, O, Default extends DTypeName> = DTypeName & (S extends DTypeLike ? DTypeNameOf<S> : DTypeArgument<OptionOf<O, 'dtype'>, Default>);

/** zeros, ones and empty: `(shape, dtype?, order?, options?)` or `(shape, options)`; float64 unless a dtype is given. */
export interface FilledFunction {
  (shape: ShapeLike): NDArray<'float64'>;
  <const O extends CreationOptions>(shape: ShapeLike, options: O & NoExtraKeys<O, CreationOptions>): NoInfer<NDArray<CreationDType<undefined, O, 'float64'>>>;
  <const S extends DTypeLike | null | undefined>(shape: ShapeLike, dtype: S, order?: 'C' | 'F'): NoInfer<NDArray<CreationDType<S, {}, 'float64'>>>;
  <const S extends DTypeLike | null | undefined, const O extends CreationOptions>(
    shape: ShapeLike,
    dtype: S,
    options: O & NoExtraKeys<O, CreationOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, 'float64'>>>;
  <const S extends DTypeLike | null | undefined, const O extends CreationOptions>(
    shape: ShapeLike,
    dtype: S,
    order: 'C' | 'F' | undefined,
    options: O & NoExtraKeys<O, CreationOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, 'float64'>>>;
}

/**
 * The dtype `full` gives a fill value when no dtype is given: int64 for a
 * bigint, bool for a boolean, complex128 for `{ re, im }`, an array's own;
 * a number may give int64 or float64 (by its value), so the wide DTypeName.
 * @typeParam V - The fill value's type.
 */
export type FillDType<V> = V extends bigint ? 'int64' : V extends boolean ? 'bool' : V extends NDArray | ArrayBufferView ? OperandDType<V> : V extends Complex ? 'complex128' : DTypeName;

/** full: `(shape, fillValue, dtype?, options?)`. */
export interface FullFunction {
  <V extends ArrayOperand, const S extends DTypeLike | null | undefined = undefined>(shape: ShapeLike, fillValue: V, dtype?: S): NoInfer<NDArray<CreationDType<S, {}, FillDType<V>>>>;
  <V extends ArrayOperand, const O extends CreationOptions>(shape: ShapeLike, fillValue: V, options: O & NoExtraKeys<O, CreationOptions>): NoInfer<NDArray<CreationDType<undefined, O, FillDType<V>>>>;
  <V extends ArrayOperand, const S extends DTypeLike | null | undefined, const O extends CreationOptions>(
    shape: ShapeLike,
    fillValue: V,
    dtype: S,
    options: O & NoExtraKeys<O, CreationOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, FillDType<V>>>>;
}

/** zerosLike, onesLike and emptyLike: `(prototype, dtype?, options?)`; the prototype's dtype unless one is given. */
export interface LikeFunction {
  <A extends ArrayOperand, const S extends DTypeLike | null | undefined = undefined>(prototype: A, dtype?: S): NoInfer<NDArray<CreationDType<S, {}, OperandDType<A>>>>;
  <A extends ArrayOperand, const O extends LikeOptions>(prototype: A, options: O & NoExtraKeys<O, LikeOptions>): NoInfer<NDArray<CreationDType<undefined, O, OperandDType<A>>>>;
  <A extends ArrayOperand, const S extends DTypeLike | null | undefined, const O extends LikeOptions>(
    prototype: A,
    dtype: S,
    options: O & NoExtraKeys<O, LikeOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, OperandDType<A>>>>;
}

/** fullLike: `(prototype, fillValue, dtype?, options?)`; the prototype's dtype unless one is given. */
export interface FullLikeFunction {
  <A extends ArrayOperand, const S extends DTypeLike | null | undefined = undefined>(prototype: A, fillValue: ArrayOperand, dtype?: S): NoInfer<NDArray<CreationDType<S, {}, OperandDType<A>>>>;
  <A extends ArrayOperand, const O extends LikeOptions>(
    prototype: A,
    fillValue: ArrayOperand,
    options: O & NoExtraKeys<O, LikeOptions>,
  ): NoInfer<NDArray<CreationDType<undefined, O, OperandDType<A>>>>;
  <A extends ArrayOperand, const S extends DTypeLike | null | undefined, const O extends LikeOptions>(
    prototype: A,
    fillValue: ArrayOperand,
    dtype: S,
    options: O & NoExtraKeys<O, LikeOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, OperandDType<A>>>>;
}

/** Options of arange (NumPy's keywords): the result dtype, and NEP 35's `like`. */
export interface ArangeCallOptions {
  /** The result dtype (default: int64 for integers, float64 for other numbers). */
  readonly dtype?: DTypeLike | null;
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

/**
 * arange's dtype: the `dtype` option's, int64 when the start is a bigint,
 * else (a number may be integral or not) the wide DTypeName.
 * @typeParam T - The first argument's type.
 * @typeParam O - The options object's type.
 */
export type ArangeDType<T, O> = DTypeArgument<OptionOf<O, 'dtype'>, [T] extends [bigint] ? 'int64' : DTypeName>;

/** arange: `(stop)`, `(start, stop, step?)`, each with options last. */
export interface ArangeFunction {
  <T extends number | bigint>(stop: T): NoInfer<NDArray<ArangeDType<T, {}>>>;
  <T extends number | bigint, const O extends ArangeCallOptions>(stop: T, options: O & NoExtraKeys<O, ArangeCallOptions>): NoInfer<NDArray<ArangeDType<T, O>>>;
  <T extends number | bigint>(start: T, stop: number | bigint | null, step?: number | bigint | null): NoInfer<NDArray<ArangeDType<T, {}>>>;
  <T extends number | bigint, const O extends ArangeCallOptions>(
    start: T,
    stop: number | bigint | null,
    options: O & NoExtraKeys<O, ArangeCallOptions>,
  ): NoInfer<NDArray<ArangeDType<T, O>>>;
  <T extends number | bigint, const O extends ArangeCallOptions>(
    start: T,
    stop: number | bigint | null,
    step: number | bigint | null | undefined,
    options: O & NoExtraKeys<O, ArangeCallOptions>,
  ): NoInfer<NDArray<ArangeDType<T, O>>>;
}

/** linspace: `(start, stop, num?, options?)`: float64 unless a dtype is given; with `retstep: true`, `[samples, step]`. */
export interface LinspaceFunction {
  (start: number, stop: number, num?: number): NDArray<'float64'>;
  <const O extends LinspaceOptions>(start: number, stop: number, options: O & NoExtraKeys<O, LinspaceOptions>): NoInfer<LinspaceOutput<O>>;
  <const O extends LinspaceOptions>(start: number, stop: number, num: number | undefined, options: O & NoExtraKeys<O, LinspaceOptions>): NoInfer<LinspaceOutput<O>>;
}

/**
 * What linspace returns: its samples (float64 unless a dtype is given), with
 * `retstep: true` as `[samples, step]`.
 * @typeParam O - The options object's type.
 */
export type LinspaceOutput<O> = [OptionOf<O, 'retstep'>] extends [true]
  ? [NDArray<CreationDType<undefined, O, 'float64'>>, number]
  : true extends OptionOf<O, 'retstep'>
    ? NDArray<CreationDType<undefined, O, 'float64'>> | [NDArray<CreationDType<undefined, O, 'float64'>>, number]
    : NDArray<CreationDType<undefined, O, 'float64'>>;

/** eye: `(N, M?, k?, options?)`; float64 unless a dtype is given. */
export interface EyeFunction {
  (N: number, M?: number | null, k?: number): NDArray<'float64'>;
  <const O extends EyeOptions>(N: number, options: O & NoExtraKeys<O, EyeOptions>): NoInfer<NDArray<CreationDType<undefined, O, 'float64'>>>;
  <const O extends EyeOptions>(N: number, M: number | null | undefined, options: O & NoExtraKeys<O, EyeOptions>): NoInfer<NDArray<CreationDType<undefined, O, 'float64'>>>;
  <const O extends EyeOptions>(
    N: number,
    M: number | null | undefined,
    k: number | undefined,
    options: O & NoExtraKeys<O, EyeOptions>,
  ): NoInfer<NDArray<CreationDType<undefined, O, 'float64'>>>;
}

/** Options of identity (NumPy's keywords). */
export interface IdentityOptions {
  /** The result dtype (default float64). */
  readonly dtype?: DTypeLike | null;
  /** NEP 35: an array whose `__array_function__` makes the result instead. */
  readonly like?: unknown;
}

/** identity: `(n, dtype?)` or `(n, options)`; float64 unless a dtype is given. */
export interface IdentityFunction {
  <const S extends DTypeLike | null | undefined = undefined>(n: number, dtype?: S): NoInfer<NDArray<CreationDType<S, {}, 'float64'>>>;
  <const O extends IdentityOptions>(n: number, options: O & NoExtraKeys<O, IdentityOptions>): NoInfer<NDArray<CreationDType<undefined, O, 'float64'>>>;
}

/** frombuffer: `(buffer, dtype?, options?)` or `(buffer, options)`; float64 unless a dtype is given. */
export interface FrombufferFunction {
  <const S extends DTypeLike | null | undefined = undefined>(buffer: ArrayBuffer | SharedArrayBuffer | ArrayBufferView, dtype?: S): NoInfer<NDArray<CreationDType<S, {}, 'float64'>>>;
  <const O extends FrombufferOptions>(buffer: ArrayBuffer | SharedArrayBuffer | ArrayBufferView, options: O & NoExtraKeys<O, FrombufferOptions>): NoInfer<NDArray<
    CreationDType<undefined, O, 'float64'>
  >>;
  <const S extends DTypeLike | null | undefined, const O extends FrombufferOptions>(
    buffer: ArrayBuffer | SharedArrayBuffer | ArrayBufferView,
    dtype: S,
    options: O & NoExtraKeys<O, FrombufferOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, 'float64'>>>;
}

/** array: `(object, dtype?, options?)` or `(object, options)`; an NDArray's or typed array's dtype unless one is given. */
export interface ArrayFunctionCall {
  <A extends ArrayOperand, const S extends DTypeLike | null | undefined = undefined>(object: A, dtype?: S): NoInfer<NDArray<CreationDType<S, {}, OperandDType<A>>>>;
  <A extends ArrayOperand, const O extends ArrayOptions>(object: A, options: O & NoExtraKeys<O, ArrayOptions>): NoInfer<NDArray<CreationDType<undefined, O, OperandDType<A>>>>;
  <A extends ArrayOperand, const S extends DTypeLike | null | undefined, const O extends ArrayOptions>(
    object: A,
    dtype: S,
    options: O & NoExtraKeys<O, ArrayOptions>,
  ): NoInfer<NDArray<CreationDType<S, O, OperandDType<A>>>>;
}

/**
 * What a shape function (squeeze, expandDims, ravel, flip, swapaxes,
 * moveaxis) returns for input `A`: a subclass stays its class (as at run
 * time), an NDArray keeps its dtype, other array-likes give NDArray.
 * @typeParam A - The input operand's type.
 */
export type ViewOutput<A> = IsSubclass<A> extends true ? A : NDArray<OperandDType<A>>;

/**
 * The dtype of a result joined from operands `A` (concatenate, stack, ...):
 * their shared dtype when every one has the same known dtype, else (NumPy
 * promotes) the wide DTypeName.
 * @typeParam A - The operands' type (a union when they differ).
 */
export type JoinedDType<A> = [OperandDType<A>] extends [infer D extends DTypeName] ? (IsUnion<D> extends false ? D : DTypeName) : DTypeName;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * The element a call on JS scalars alone gives (take of a scalar index,
 * clip of a scalar): a known dtype's element, else any Scalar.
 * @typeParam D - The result dtype.
 */
export type ElementResult<D extends DTypeName> = [DTypeName] extends [D] ? Scalar : ElementOf<D>;

/**
 * What a joining function (concatenate, stack, vstack, hstack) returns:
 * `out` when given, else an array of the `dtype` option's type or of the
 * operands' shared dtype.
 * @typeParam A - The operands' type (a union when they differ).
 * @typeParam O - The options object's type.
 */
export type JoinOutput<A, O> = OptionOf<O, 'out'> extends infer T extends NDArray ? T : NDArray<DTypeArgument<OptionOf<O, 'dtype'>, JoinedDType<A>>>;

/**
 * concatenate and stack: `(arrays, axis?, options?)` or `(arrays, options)`.
 * @typeParam Options - The function's options interface.
 */
export interface JoinFunction<Options extends { readonly axis?: unknown }> {
  <A extends ArrayOperand>(arrays: readonly A[], axis?: Options['axis']): NoInfer<NDArray<JoinedDType<A>>>;
  <A extends ArrayOperand, const O extends Options>(arrays: readonly A[], options: O & NoExtraKeys<O, Options>): NoInfer<JoinOutput<A, O>>;
  <A extends ArrayOperand, const O extends Options>(arrays: readonly A[], axis: Options['axis'], options: O & NoExtraKeys<O, Options>): NoInfer<JoinOutput<A, O>>;
}

/**
 * vstack and hstack: `(arrays, options?)`.
 * @typeParam Options - The function's options interface.
 */
export interface StackFunction<Options> {
  <A extends ArrayOperand>(arrays: readonly A[]): NoInfer<NDArray<JoinedDType<A>>>;
  <A extends ArrayOperand, const O extends Options>(arrays: readonly A[], options: O & NoExtraKeys<O, Options>): NoInfer<JoinOutput<A, O>>;
}

/** broadcastArrays: one array per operand, each keeping its dtype. */
export interface BroadcastArraysFunction {
  <const A extends readonly ArrayOperand[]>(...arrays: A): NoInfer<{ -readonly [K in keyof A]: NDArray<OperandDType<A[K]>> }>;
}

/** where: `(condition)` gives nonzero's int64 index arrays; `(condition, x, y)` an array of x's and y's shared dtype. */
export interface WhereFunction {
  (condition: ArrayOperand): NDArray<'int64'>[];
  <X extends ArrayOperand, Y extends ArrayOperand>(condition: ArrayOperand, x: X, y: Y): NoInfer<NDArray<JoinedDType<X | Y>>>;
}

/**
 * What clip returns: `out` when given; of a subclass, the subclass; of JS
 * scalars alone, a JS scalar; else an array (its dtype follows NumPy's
 * promotion with the bounds, which the types do not compute).
 * @typeParam A - The input operand's type.
 * @typeParam O - The options object's type.
 */
export type ClipOutput<A, O> = OptionOf<O, 'out'> extends infer T extends NDArray
  ? T
  : IsSubclass<A> extends true
    ? A
    : A extends ScalarInput
      ? Scalar
      : NDArray;

/**
 * clip: `(a, aMin?, aMax?, out?, options?)`.
 * @typeParam Options - Its options interface.
 */
export interface ClipFunction<Options> {
  <A extends ArrayOperand>(a: A, aMin?: ArrayOperand | null, aMax?: ArrayOperand | null): NoInfer<ClipOutput<A, {}>>;
  <A extends ArrayOperand, T extends NDArray>(a: A, aMin: ArrayOperand | null | undefined, aMax: ArrayOperand | null | undefined, out: T): T;
  <A extends ArrayOperand, const O extends Options>(a: A, options: O & NoExtraKeys<O, Options>): NoInfer<ClipOutput<A, O>>;
  <A extends ArrayOperand, const O extends Options>(a: A, aMin: ArrayOperand | null | undefined, options: O & NoExtraKeys<O, Options>): NoInfer<ClipOutput<A, O>>;
  <A extends ArrayOperand, const O extends Options>(
    a: A,
    aMin: ArrayOperand | null | undefined,
    aMax: ArrayOperand | null | undefined,
    options: O & NoExtraKeys<O, Options>,
  ): NoInfer<ClipOutput<A, O>>;
  <A extends ArrayOperand, const O extends Options>(
    a: A,
    aMin: ArrayOperand | null | undefined,
    aMax: ArrayOperand | null | undefined,
    out: NDArray | null | undefined,
    options: O & NoExtraKeys<O, Options>,
  ): NoInfer<ClipOutput<A, O>>;
}

/**
 * take: a scalar index over the flattened array gives the element; an array
 * of indices (or a scalar along an axis) gives an array; `out` is returned.
 * @typeParam Options - Its options interface.
 */
export interface TakeFunction<Options extends { readonly axis?: unknown; readonly out?: unknown }> {
  <T extends NDArray>(a: ArrayOperand, indices: ArrayOperand, options: Options & { readonly out: T }): T;
  <T extends NDArray>(a: ArrayOperand, indices: ArrayOperand, axis: number | null | undefined, options: Options & { readonly out: T }): T;
  <A extends ArrayOperand>(a: A, indices: number | bigint, axis?: null | (Options & { readonly axis?: null; readonly out?: null })): NoInfer<ElementResult<OperandDType<A>>>;
  <A extends ArrayOperand>(a: A, indices: number | bigint, axis: number | Options, options?: Options): NoInfer<ArrayResult<[A], OperandDType<A>> | ElementResult<OperandDType<A>>>;
  <A extends ArrayOperand>(a: A, indices: ArrayInput, axis?: number | null | Options, options?: Options): NoInfer<ArrayResult<[A], OperandDType<A>>>;
}

/**
 * compress: `(condition, a, axis?, options?)`: an array of a's dtype, or `out`.
 * @typeParam Options - Its options interface.
 */
export interface CompressFunction<Options extends { readonly out?: unknown }> {
  <T extends NDArray>(condition: ArrayOperand, a: ArrayOperand, options: Options & { readonly out: T }): T;
  <T extends NDArray>(condition: ArrayOperand, a: ArrayOperand, axis: number | null | undefined, options: Options & { readonly out: T }): T;
  <A extends ArrayOperand>(condition: ArrayOperand, a: A, axis?: number | null | Options, options?: Options): NoInfer<ArrayResult<[A], OperandDType<A>>>;
}

/**
 * isclose: JS scalars alone give a boolean, otherwise a bool array (of the
 * first subclass operand's class).
 * @typeParam Options - Its options interface.
 */
export interface IscloseFunction<Options> {
  (a: ScalarInput, b: ScalarInput, options?: Options): boolean;
  (a: ScalarInput, b: ScalarInput, rtol: number, atol?: number, options?: Options): boolean;
  <A extends ArrayOperand, B extends ArrayOperand>(a: A, b: B, options?: Options): NoInfer<ArrayResult<[A, B], 'bool'>>;
  <A extends ArrayOperand, B extends ArrayOperand>(a: A, b: B, rtol: Tolerance, atol?: Tolerance, options?: Options): NoInfer<ArrayResult<[A, B], 'bool'>>;
}

/**
 * allclose: `(a, b, rtol?, atol?, options?)`, a boolean.
 * @typeParam Options - Its options interface.
 */
export interface AllcloseFunction<Options> {
  (a: ArrayOperand, b: ArrayOperand, options?: Options): boolean;
  (a: ArrayOperand, b: ArrayOperand, rtol: Tolerance, atol?: Tolerance, options?: Options): boolean;
}

/** A tolerance of isclose and allclose: a number, or an array broadcast against the operands. */
export type Tolerance = number | NDArray | readonly number[];
