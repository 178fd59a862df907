// The call signatures of the public ufunc objects, as types: what a call
// returns follows its arguments (NumPy's rules, as far as the static types
// know them). Type-only: the runtime objects are built by object.ts and
// gufunc.ts; builtin() and the generated table give each its signature.
//   - array-like inputs give an NDArray (of the first NDArray subclass input's
//     class, as at run time); JS scalars alone give a JS scalar;
//   - an `out` option gives the type of `out`; two outputs give a pair;
//   - `reduce` with `axis: null` or of a flat JS array gives a scalar, with
//     `keepdims: true` or over a literal axis other than 0 and -1 an array;
//     of an NDArray of unknown ndim, either;
//   - `.async` gives the same in a Promise.
// The element type of a result is R: 'bool' for the ufuncs whose every loop
// gives bool (comparisons, predicates), otherwise the wide DTypeName.
import type { NDArray, WithDType } from '../array/ndarray.js';
import type { DTypeLike, DTypeName } from '../dtype/dtype.js';
import type { Casting } from '../dtype/casting.js';
import type { Complex } from '../dtype/elements.js';
import type { ElementOf } from '../dtype/spelling.js';
import type { ForeignArray } from '../interop/asarray-converters.js';
import type { NotImplemented } from './dispatch.js';

/** A JS scalar ufunc input: number, bigint, boolean or `{ re, im }`. */
export type ScalarInput = number | bigint | boolean | Complex;

/** An input a ufunc makes an array of: an NDArray, nested JS arrays, a TypedArray or buffer, an array-interface or DLPack object. */
export type ArrayInput = NDArray | ArrayBuffer | SharedArrayBuffer | ArrayBufferView | readonly unknown[] | ForeignArray;

/** Any ufunc input NumPy's rules compute on. */
export type UfuncInput = ScalarInput | ArrayInput;

/** An operand a ufunc hands to an override (`__array_ufunc__`, or a class registered with ufuncDispatch.register): any object. */
export type OverridingOperand = object;

// What one operand's override returns for a call it takes over: its
// `__array_ufunc__`'s result but NotImplemented (which passes the call on);
// nothing for operands that never override (JS scalars and arrays, a plain
// NDArray); unknown for an object without `__array_ufunc__`, whose class a
// handler registered with ufuncDispatch.register may take the call for.
type OverrideOf<T> = T extends ScalarInput | readonly unknown[]
  ? never
  : T extends NDArray
    ? IsSubclass<T> extends true
      ? T extends { __array_ufunc__(...args: never[]): infer V } ? Exclude<V, typeof NotImplemented> : unknown
      : never
    : T extends { __array_ufunc__(...args: never[]): infer V }
      ? Exclude<V, typeof NotImplemented>
      : unknown;

// What a call on `I` that an override takes over returns: what the
// overriding operands' `__array_ufunc__` methods return (NotImplemented
// aside), or unknown when a registered handler may answer.
type OverrideResult<I extends readonly unknown[]> = [OverrideOf<I[number]>] extends [never] ? unknown : OverrideOf<I[number]>;

/** A 0-d result as a JS scalar: its element type for a known dtype, else number | bigint | boolean | Complex. */
export type ScalarResult<R extends DTypeName> = [DTypeName] extends [R] ? number | bigint | boolean | Complex : ElementOf<R>;

/**
 * Whether `A` is an NDArray subclass with members of its own (true), not a
 * plain NDArray or a non-array (false).
 * @typeParam A - The type asked about.
 */
export type IsSubclass<A> = A extends NDArray ? ([Exclude<keyof A, keyof NDArray>] extends [never] ? false : true) : false;

/**
 * A result of subclass `A`'s class: `A` itself when the result dtype is not
 * known statically (the element type is then taken to be A's), else A's own
 * members with NDArray<R>'s element access.
 */
export type SubclassResult<A, R extends DTypeName> = [DTypeName] extends [R] ? A : WithDType<A, R>;

/** The array a call on inputs `I` returns: of the first NDArray subclass among them (NumPy's __array_wrap__), else NDArray<R>. */
export type ArrayResult<I extends readonly unknown[], R extends DTypeName> = I extends readonly [infer Head, ...infer Rest]
  ? IsSubclass<Head> extends true
    ? SubclassResult<Head, R>
    : ArrayResult<Rest, R>
  : NDArray<R>;

/** The boolean mask of `where`: true, false, or anything a ufunc makes a bool array of. */
export type WhereInput = boolean | ArrayInput;

/** Options of a ufunc call: `add(a, b, { out, where, dtype, casting, signature })`. */
export interface UfuncCallOptions {
  /** Where results go: an array (one output) or one entry per output (null: allocate). */
  readonly out?: NDArray | null | readonly (NDArray | null | undefined)[];
  /** Boolean mask, broadcast with the inputs: false slots of `out` are left untouched. */
  readonly where?: WhereInput;
  /** The output dtype; selects the loop. */
  readonly dtype?: DTypeLike;
  /** Casting rule for inputs and outputs (default 'same_kind'). */
  readonly casting?: Casting;
  /**
   * NumPy's `signature`: the loop's types, as a type string (`'ii->i'`: one
   * type character per input, `->`, one per output; bytes are read as
   * UTF-8) or an array with a dtype or null per input and output (NumPy's
   * tuple; null leaves that operand open). Not with `dtype`.
   */
  readonly signature?: string | Uint8Array | readonly (DTypeLike | null)[] | null;
  /** NumPy's short name for `signature` (not both). */
  readonly sig?: string | Uint8Array | readonly (DTypeLike | null)[] | null;
}

/** Call options without an `out` array: the call allocates its results. */
export interface NewResultOptions extends UfuncCallOptions {
  readonly out?: null | readonly [null];
}

/** Call options writing into `out` (one output). */
export interface OutOptions<O extends NDArray> extends UfuncCallOptions {
  readonly out: O | readonly [O];
}

/** Call options writing into both outputs of a two-output ufunc. */
export interface PairOutOptions<O1 extends NDArray, O2 extends NDArray> extends UfuncCallOptions {
  readonly out: readonly [O1, O2];
}

/** Options of `reduce`. */
export interface ReduceOptions {
  /** Axis or axes to reduce (default 0); null reduces all axes. */
  readonly axis?: number | readonly number[] | null;
  /** The dtype the reduction computes and returns in (default: the loop the input selects). */
  readonly dtype?: DTypeLike;
  /** The array the result goes into (alone or as a one-entry list); null allocates. */
  readonly out?: NDArray | null | readonly (NDArray | null)[];
  /** Keep each reduced axis as length 1, so the result broadcasts against the input. */
  readonly keepdims?: boolean;
  /** Starting value folded into every result (required with `where` for ufuncs without identity). */
  readonly initial?: number | bigint | boolean;
  /** Boolean mask, broadcast against the input: the elements to include. */
  readonly where?: WhereInput;
}

/** Options of `accumulate` and `reduceat`. */
export interface AccumulateOptions {
  /** The one axis to work along (default 0). */
  readonly axis?: number;
  /** The dtype the operation computes and returns in. */
  readonly dtype?: DTypeLike;
  /** The array the result goes into (alone or as a one-entry list); null allocates. */
  readonly out?: NDArray | null | readonly (NDArray | null)[];
}

/** A flat JS array or TypedArray: 1-d, so reducing it gives one value. */
export type OneDimensional = readonly ScalarInput[] | Exclude<ArrayBufferView, DataView>;

/** What reduce returns for input `A` without `keepdims` or `axis: null`: a subclass stays an array; otherwise an array or, for a 1-d input, a scalar. */
export type ReduceResult<A, R extends DTypeName> = IsSubclass<A> extends true ? SubclassResult<A, R> : NDArray<R> | ScalarResult<R>;

// reduce over a literal axis other than 0 and -1: only a 1-d input reduces to
// a scalar over one axis, and it has no other axis, so the result is an array.
type ReduceOverAxisResult<A, X extends number, R extends DTypeName> = number extends X ? ReduceResult<A, R> : X extends 0 | -1 ? ReduceResult<A, R> : ArrayResult<[A], R>;

/** A binary ufunc's `reduce`. */
export interface ReduceMethod<R extends DTypeName> {
  <O extends NDArray>(a: ArrayInput, options: ReduceOptions & { readonly out: O | readonly [O] }): O;
  <A extends ArrayInput>(a: A, options: ReduceOptions & { readonly keepdims: true }): ArrayResult<[A], R>;
  <A extends ArrayInput>(a: A, options: ReduceOptions & { readonly axis: null }): IsSubclass<A> extends true ? SubclassResult<A, R> : ScalarResult<R>;
  (a: OneDimensional, options?: ReduceOptions & { readonly axis?: 0 | -1 | null }): ScalarResult<R>;
  <A extends ArrayInput, const X extends number>(a: A, options: ReduceOptions & { readonly axis: X }): ReduceOverAxisResult<A, X, R>;
  <A extends ArrayInput>(a: A, options?: ReduceOptions): ReduceResult<A, R>;
  <A extends OverridingOperand>(a: A, options?: ReduceOptions): OverrideResult<[A]>;
}

/** `reduce(...).async`: the same results in a Promise. */
export interface AsyncReduceMethod<R extends DTypeName> {
  <O extends NDArray>(a: ArrayInput, options: ReduceOptions & { readonly out: O | readonly [O] }): Promise<O>;
  <A extends ArrayInput>(a: A, options: ReduceOptions & { readonly keepdims: true }): Promise<ArrayResult<[A], R>>;
  <A extends ArrayInput>(a: A, options: ReduceOptions & { readonly axis: null }): Promise<IsSubclass<A> extends true ? SubclassResult<A, R> : ScalarResult<R>>;
  (a: OneDimensional, options?: ReduceOptions & { readonly axis?: 0 | -1 | null }): Promise<ScalarResult<R>>;
  <A extends ArrayInput, const X extends number>(a: A, options: ReduceOptions & { readonly axis: X }): Promise<ReduceOverAxisResult<A, X, R>>;
  <A extends ArrayInput>(a: A, options?: ReduceOptions): Promise<ReduceResult<A, R>>;
  <A extends OverridingOperand>(a: A, options?: ReduceOptions): Promise<OverrideResult<[A]>>;
}

/** `accumulate(a, options?)` and `reduceat(a, indices, options?)` results: arrays shaped like the input. */
export interface AccumulateMethod<R extends DTypeName> {
  <O extends NDArray>(a: ArrayInput, options: AccumulateOptions & { readonly out: O | readonly [O] }): O;
  <A extends ArrayInput>(a: A, options?: AccumulateOptions): ArrayResult<[A], R>;
  <A extends OverridingOperand>(a: A, options?: AccumulateOptions): OverrideResult<[A]>;
  /** The same call with its kernels on the libuv thread pool: the same results in a Promise. */
  async: {
    <O extends NDArray>(a: ArrayInput, options: AccumulateOptions & { readonly out: O | readonly [O] }): Promise<O>;
    <A extends ArrayInput>(a: A, options?: AccumulateOptions): Promise<ArrayResult<[A], R>>;
    <A extends OverridingOperand>(a: A, options?: AccumulateOptions): Promise<OverrideResult<[A]>>;
  };
}

/** Segment indices of `reduceat` and element indices of `at`: integers, nested arrays of them, or an integer array. */
export type IndicesInput = number | bigint | readonly unknown[] | NDArray | ArrayBufferView;

/** A binary ufunc's `reduceat(a, indices, options?)`: reductions over the segments `indices` start, along one axis. */
export interface ReduceatMethod<R extends DTypeName> {
  <O extends NDArray>(a: ArrayInput, indices: IndicesInput, options: AccumulateOptions & { readonly out: O | readonly [O] }): O;
  <A extends ArrayInput>(a: A, indices: IndicesInput, options?: AccumulateOptions): ArrayResult<[A], R>;
  <A extends OverridingOperand>(a: A, indices: IndicesInput, options?: AccumulateOptions): OverrideResult<[A]>;
  /** The same call with its kernels on the libuv thread pool: the same results in a Promise. */
  async: {
    <O extends NDArray>(a: ArrayInput, indices: IndicesInput, options: AccumulateOptions & { readonly out: O | readonly [O] }): Promise<O>;
    <A extends ArrayInput>(a: A, indices: IndicesInput, options?: AccumulateOptions): Promise<ArrayResult<[A], R>>;
    <A extends OverridingOperand>(a: A, indices: IndicesInput, options?: AccumulateOptions): Promise<OverrideResult<[A]>>;
  };
}

/** A binary ufunc's call (also `outer`, whose result has both inputs' axes). */
export interface BinaryCall<R extends DTypeName> {
  <O extends NDArray>(a: UfuncInput, b: UfuncInput, options: OutOptions<O>): O;
  (a: ScalarInput, b: ScalarInput, options?: NewResultOptions): ScalarResult<R>;
  <A extends UfuncInput, B extends UfuncInput>(a: A, b: B, options?: NewResultOptions): ArrayResult<[A, B], R>;
  <A extends UfuncInput | OverridingOperand, B extends UfuncInput | OverridingOperand>(a: A, b: B, options?: UfuncCallOptions): OverrideResult<[A, B]>;
}

/** A binary call's `.async`. */
export interface AsyncBinaryCall<R extends DTypeName> {
  <O extends NDArray>(a: UfuncInput, b: UfuncInput, options: OutOptions<O>): Promise<O>;
  (a: ScalarInput, b: ScalarInput, options?: NewResultOptions): Promise<ScalarResult<R>>;
  <A extends UfuncInput, B extends UfuncInput>(a: A, b: B, options?: NewResultOptions): Promise<ArrayResult<[A, B], R>>;
  <A extends UfuncInput | OverridingOperand, B extends UfuncInput | OverridingOperand>(a: A, b: B, options?: UfuncCallOptions): Promise<OverrideResult<[A, B]>>;
}

/** A unary ufunc's call. */
export interface UnaryCall<R extends DTypeName> {
  <O extends NDArray>(x: UfuncInput, options: OutOptions<O>): O;
  (x: ScalarInput, options?: NewResultOptions): ScalarResult<R>;
  <A extends UfuncInput>(x: A, options?: NewResultOptions): ArrayResult<[A], R>;
  <X extends UfuncInput | OverridingOperand>(x: X, options?: UfuncCallOptions): OverrideResult<[X]>;
}

/** A unary call's `.async`. */
export interface AsyncUnaryCall<R extends DTypeName> {
  <O extends NDArray>(x: UfuncInput, options: OutOptions<O>): Promise<O>;
  (x: ScalarInput, options?: NewResultOptions): Promise<ScalarResult<R>>;
  <A extends UfuncInput>(x: A, options?: NewResultOptions): Promise<ArrayResult<[A], R>>;
  <X extends UfuncInput | OverridingOperand>(x: X, options?: UfuncCallOptions): Promise<OverrideResult<[X]>>;
}

/** `ufunc.at(a, indices, b?)`: unbuffered in-place operation on `a` at `indices`. */
export interface AtMethod {
  (a: NDArray | OverridingOperand, indices: AtIndex, b?: UfuncInput | OverridingOperand): void;
  /** The same operation with its kernel on the libuv thread pool. */
  async(a: NDArray | OverridingOperand, indices: AtIndex, b?: UfuncInput | OverridingOperand): Promise<void>;
}

/**
 * The index of `ufunc.at`: an integer, an integer array (NumPy's `a[[0, 1]]`),
 * a boolean mask (an array of booleans or a bool NDArray), a slice string
 * (`'1:3'`), `'...'`, or an array of these and null (new axis) as NumPy's
 * tuple; `undefined` is NumPy's empty tuple `()`, the whole array.
 */
export type AtIndex = IndicesInput | string | null | undefined;

/** What every ufunc object has: NumPy's attributes. */
export interface UfuncAttributes {
  /** NumPy's name of the ufunc: 'add', 'sqrt', 'matmul'. */
  readonly name: string;
  /** The number of inputs. */
  readonly nin: number;
  /** The number of outputs. */
  readonly nout: number;
  /** nin + nout. */
  readonly nargs: number;
  /** The number of loops (the length of `types`). */
  readonly ntypes: number;
  /** NumPy's identity: the value reductions start from, or null. */
  readonly identity: number | bigint | boolean | Complex | null;
  /** Loop signatures in NumPy's notation, e.g. 'dd->d'. */
  readonly types: readonly string[];
  /** NumPy's core signature: null for elementwise ufuncs, '(n),(n)->()' style for generalized ones. */
  readonly signature: string | null;
}

/** A ufunc of one input and one output (sqrt, negative, isnan, ...); `R` is its result dtype when every loop agrees. */
export interface UnaryUfunc<R extends DTypeName = DTypeName> extends UnaryCall<R>, UfuncAttributes {
  /** One input. */
  readonly nin: 1;
  /** One output. */
  readonly nout: 1;
  /** The same call with its kernels on the libuv thread pool (see Ufunc.async). */
  readonly async: AsyncUnaryCall<R>;
  /** `at(a, indices, b?)`: the operation in place on `a` at `indices`, unbuffered (repeated indices apply repeatedly). */
  readonly at: AtMethod;
}

/** A ufunc of two inputs and one output (add, hypot, less, ...), with the reduction methods. */
export interface BinaryUfunc<R extends DTypeName = DTypeName> extends BinaryCall<R>, UfuncAttributes {
  /** Two inputs. */
  readonly nin: 2;
  /** One output. */
  readonly nout: 1;
  /** The same call with its kernels on the libuv thread pool (see Ufunc.async). */
  readonly async: AsyncBinaryCall<R>;
  /** `reduce(a, options?)`: applies the ufunc along axes, reducing them (`add.reduce` is a sum); `.async` on the thread pool. */
  readonly reduce: ReduceMethod<R> & {
    /** The same reduction with its kernels on the libuv thread pool, in a Promise. */
    readonly async: AsyncReduceMethod<R>;
  };
  /** `accumulate(a, options?)`: the running results along one axis (`add.accumulate` is a cumulative sum). */
  readonly accumulate: AccumulateMethod<R>;
  /** `reduceat(a, indices, options?)`: reductions over the segments starting at `indices`. */
  readonly reduceat: ReduceatMethod<R>;
  /** `outer(a, b, options?)`: the ufunc on every pair of elements of a and b (result shape a.shape + b.shape). */
  readonly outer: BinaryCall<R> & {
    /** The same outer product with its kernels on the libuv thread pool, in a Promise. */
    readonly async: AsyncBinaryCall<R>;
  };
  /** `at(a, indices, b?)`: the operation in place on `a` at `indices`, unbuffered (repeated indices apply repeatedly). */
  readonly at: AtMethod;
}

/** Two results, one per output. */
export type Pair<T> = [T, T];

/** A ufunc of one input and two outputs (modf, frexp). */
export interface UnaryPairUfunc extends UfuncAttributes {
  <O1 extends NDArray, O2 extends NDArray>(x: UfuncInput, options: PairOutOptions<O1, O2>): [O1, O2];
  (x: ScalarInput, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Pair<ScalarResult<DTypeName>>;
  <A extends UfuncInput>(x: A, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Pair<ArrayResult<[A], DTypeName>>;
  <X extends UfuncInput | OverridingOperand>(x: X, options?: UfuncCallOptions): OverrideResult<[X]>;
  /** One input. */
  readonly nin: 1;
  /** Two outputs. */
  readonly nout: 2;
  /** The same call with its kernels on the libuv thread pool: the same results in a Promise. */
  readonly async: {
    <O1 extends NDArray, O2 extends NDArray>(x: UfuncInput, options: PairOutOptions<O1, O2>): Promise<[O1, O2]>;
    (x: ScalarInput, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Promise<Pair<ScalarResult<DTypeName>>>;
    <A extends UfuncInput>(x: A, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Promise<Pair<ArrayResult<[A], DTypeName>>>;
    <X extends UfuncInput | OverridingOperand>(x: X, options?: UfuncCallOptions): Promise<OverrideResult<[X]>>;
  };
  /** `at(a, indices, b?)`: the operation in place on `a` at `indices`, unbuffered (repeated indices apply repeatedly). */
  readonly at: AtMethod;
}

/** A ufunc of two inputs and two outputs (divmod). */
export interface BinaryPairUfunc extends UfuncAttributes {
  <O1 extends NDArray, O2 extends NDArray>(a: UfuncInput, b: UfuncInput, options: PairOutOptions<O1, O2>): [O1, O2];
  (a: ScalarInput, b: ScalarInput, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Pair<ScalarResult<DTypeName>>;
  <A extends UfuncInput, B extends UfuncInput>(a: A, b: B, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Pair<ArrayResult<[A, B], DTypeName>>;
  <A extends UfuncInput | OverridingOperand, B extends UfuncInput | OverridingOperand>(a: A, b: B, options?: UfuncCallOptions): OverrideResult<[A, B]>;
  /** Two inputs. */
  readonly nin: 2;
  /** Two outputs. */
  readonly nout: 2;
  /** The same call with its kernels on the libuv thread pool: the same results in a Promise. */
  readonly async: {
    <O1 extends NDArray, O2 extends NDArray>(a: UfuncInput, b: UfuncInput, options: PairOutOptions<O1, O2>): Promise<[O1, O2]>;
    (a: ScalarInput, b: ScalarInput, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Promise<Pair<ScalarResult<DTypeName>>>;
    <A extends UfuncInput, B extends UfuncInput>(a: A, b: B, options?: UfuncCallOptions & { readonly out?: null | readonly [null, null] }): Promise<Pair<ArrayResult<[A, B], DTypeName>>>;
    <A extends UfuncInput | OverridingOperand, B extends UfuncInput | OverridingOperand>(a: A, b: B, options?: UfuncCallOptions): Promise<OverrideResult<[A, B]>>;
  };
  /** `at(a, indices, b?)`: the operation in place on `a` at `indices`, unbuffered (repeated indices apply repeatedly). */
  readonly at: AtMethod;
}

/** Options of a generalized ufunc call (matmul, vecdot, matvec, vecmat). */
export interface GufuncCallOptions {
  /** Where the result goes: an array or a one-entry list (null: allocate). */
  readonly out?: NDArray | null | readonly (NDArray | null | undefined)[];
  /** The dtype to compute in; selects the loop. */
  readonly dtype?: DTypeLike;
  /** How the inputs may be cast to the loop's types (default 'same_kind'). */
  readonly casting?: Casting;
  /** Core-axis positions per operand (inputs, then outputs): an integer or an array of integers each. */
  readonly axes?: readonly (number | readonly number[])[];
  /** The one shared core axis of every input (vecdot only). */
  readonly axis?: number;
  /** Keep the reduced core axis as size 1 in the output (vecdot only). */
  readonly keepdims?: boolean;
}

/**
 * A generalized ufunc's call. Two flat JS arrays (vectors) give a scalar;
 * NDArray inputs are typed as giving an array (a vector·vector product of
 * 1-d NDArrays gives a scalar at run time: see docs/guides/typescript.md).
 */
export interface GufuncCall {
  <O extends NDArray>(a: ArrayInput, b: ArrayInput, options: GufuncCallOptions & { readonly out: O | readonly [O] }): O;
  (a: OneDimensional, b: OneDimensional, options?: GufuncCallOptions & { readonly out?: null }): number | bigint | boolean | Complex;
  <A extends ArrayInput, B extends ArrayInput>(a: A, b: B, options?: GufuncCallOptions & { readonly out?: null }): ArrayResult<[A, B], DTypeName>;
  <A extends ArrayInput | OverridingOperand, B extends ArrayInput | OverridingOperand>(a: A, b: B, options?: GufuncCallOptions): OverrideResult<[A, B]>;
}

/** A generalized ufunc: its loops work on core dimensions given by `signature`. Its methods throw, as NumPy's do. */
export interface Gufunc extends GufuncCall, UfuncAttributes {
  /** Two inputs. */
  readonly nin: 2;
  /** One output. */
  readonly nout: 1;
  /** NumPy's core signature, e.g. '(n?,k),(k,m?)->(n?,m?)'. */
  readonly signature: string;
  /** The same call with its kernels on the libuv thread pool. */
  readonly async: {
    <O extends NDArray>(a: ArrayInput, b: ArrayInput, options: GufuncCallOptions & { readonly out: O | readonly [O] }): Promise<O>;
    (a: OneDimensional, b: OneDimensional, options?: GufuncCallOptions & { readonly out?: null }): Promise<number | bigint | boolean | Complex>;
    <A extends ArrayInput, B extends ArrayInput>(a: A, b: B, options?: GufuncCallOptions & { readonly out?: null }): Promise<ArrayResult<[A, B], DTypeName>>;
    <A extends ArrayInput | OverridingOperand, B extends ArrayInput | OverridingOperand>(a: A, b: B, options?: GufuncCallOptions): Promise<OverrideResult<[A, B]>>;
  };
}

/** The typed ufunc for `nin` inputs and `nout` outputs (createUfunc's result). */
export type UfuncOf<Nin extends number, Nout extends number> = Nin extends 1
  ? Nout extends 1
    ? UnaryUfunc
    : Nout extends 2
      ? UnaryPairUfunc
      : UfuncAttributes
  : Nin extends 2
    ? Nout extends 1
      ? BinaryUfunc
      : Nout extends 2
        ? BinaryPairUfunc
        : UfuncAttributes
    : UfuncAttributes;
