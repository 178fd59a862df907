// Compiled by test/types/functions-usage.test.ts and by
// scripts/check-packed-types.mjs (never run): the creation, shape and
// selection functions' result types (NumPy 2.4: zeros is float64 unless a
// dtype is given, full of a bigint is int64, arange of bigints int64,
// nonzero's indices int64, isclose of scalars a bool; a subclass keeps its
// class through the shape functions, as at run time). Every line marked as
// an expected error must really be an error.
import {
  NDArray,
  allclose,
  arange,
  argsort,
  array,
  arrayEqual,
  asarray,
  broadcastArrays,
  clip,
  compress,
  concatenate,
  dtype,
  empty,
  emptyLike,
  expandDims,
  eye,
  flatten,
  flip,
  frombuffer,
  full,
  fullLike,
  hstack,
  identity,
  isclose,
  linspace,
  moveaxis,
  nonzero,
  ones,
  onesLike,
  ravel,
  squeeze,
  stack,
  swapaxes,
  take,
  vstack,
  where,
  zeros,
  zerosLike,
  sort,
} from '../../src/index.js';
import type {
  ArangeOptions,
  ArrayOptions,
  ClipOptions,
  CompressOptions,
  ConcatenateOptions,
  CreationOptions,
  EyeOptions,
  FrombufferOptions,
  IscloseOptions,
  LikeOptions,
  LinspaceOptions,
  Scalar,
  ShapeLike,
  StackOptions,
  TakeOptions,
} from '../../src/index.js';

const f8 = asarray([[1, 2], [3, 4]], { dtype: 'float64' });
const i4 = asarray(new Int32Array([1, 2, 3, 4])).reshape(2, 2);
class Meters extends NDArray<'float64'> {
  unit = 'm';
}
const m = new Meters({ buffer: new Float64Array(4), dtype: 'float64', shape: [2, 2] });

// Creation: float64 unless a dtype is given (positionally, in the options,
// as a name, a typestr or a DType).
const shape: ShapeLike = [2, 3];
const z: NDArray<'float64'> = zeros(shape);
const zInt: NDArray<'int32'> = zeros(3, 'int32');
const zTypestr: NDArray<'uint16'> = ones([2], '<u2', 'F');
const zOptions: NDArray<'complex64'> = empty(4, { dtype: 'complex64', order: 'C' });
const zDType: NDArray<'int8'> = zeros(2, dtype('i1'));
const zNull: NDArray<'float64'> = ones(2, null);
const creationOptions: CreationOptions = { dtype: 'float32', order: 'F' };
const zWide: NDArray = zeros(2, creationOptions);
const filledBig: NDArray<'int64'> = full(3, 7n);
const filledBool: NDArray<'bool'> = full([2, 2], true);
const filledComplex: NDArray<'complex128'> = full(2, { re: 1, im: 0 }, 'complex128');
const filledNumber: NDArray = full(2, 1.5);
const filledTyped: NDArray<'float32'> = full(2, 1, 'float32');
const filledFrom: NDArray<'int32'> = full(2, i4.get(0, 0), { dtype: 'int32' });
const like: NDArray<'int32'> = zerosLike(i4);
const likeTyped: NDArray<'uint8'> = onesLike(i4, 'uint8');
const likeOptions: LikeOptions = { order: 'K', shape: [3] };
const likeShaped: NDArray<'float64'> = emptyLike(f8, { shape: [3], order: 'C' });
const likeWide: NDArray = emptyLike(f8, likeOptions);
const likeFilled: NDArray<'float64'> = fullLike(f8, 0);
const likeFilledTyped: NDArray<'bool'> = fullLike(f8, 1, { dtype: 'bool' });
const range: NDArray = arange(5);
const rangeBig: NDArray<'int64'> = arange(1n, 5n);
const rangeTyped: NDArray<'float32'> = arange(0, 1, 0.25, { dtype: 'float32' });
const arangeOptions: ArangeOptions = { dtype: 'int16' };
const rangeByOptions: NDArray = arange(3, arangeOptions);
const samples: NDArray<'float64'> = linspace(0, 1, 5);
const [stepped, step]: [NDArray<'float64'>, number] = linspace(0, 1, { num: 5, retstep: true });
const linspaceOptions: LinspaceOptions = { endpoint: false, axis: 0 };
const samplesTyped: NDArray<'float32'> = linspace(0, 1, 5, { dtype: 'float32', endpoint: false });
const ident: NDArray<'float64'> = eye(3);
const band: NDArray<'int64'> = eye(3, 4, 1, { dtype: 'int64' });
const eyeOptions: EyeOptions = { k: -1, M: 2 };
const identInt: NDArray<'int8'> = identity(2, 'int8');
const identOptions: NDArray<'bool'> = identity(2, { dtype: 'bool' });
const viewed: NDArray<'float64'> = frombuffer(new ArrayBuffer(16));
const viewedTyped: NDArray<'uint8'> = frombuffer(new Uint8Array(4), 'u1', { offset: 1 });
const frombufferOptions: FrombufferOptions = { count: 2, offset: 0 };
const copied: NDArray<'int32'> = array(i4);
const copiedTyped: NDArray<'float32'> = array(new Float32Array(2));
const converted: NDArray<'int16'> = array([1, 2], 'int16', { copy: true, ndmin: 2 });
const arrayOptions: ArrayOptions = { order: 'K', copy: null };
const listed: NDArray = array([[1, 2]], arrayOptions);
void [z, zInt, zTypestr, zOptions, zDType, zNull, zWide, filledBig, filledBool, filledComplex, filledNumber, filledTyped, filledFrom, like, likeTyped, likeShaped];
void [likeWide, likeFilled, likeFilledTyped, range, rangeBig, rangeTyped, rangeByOptions, samples, stepped, step, linspaceOptions, samplesTyped, ident, band, eyeOptions];
void [identInt, identOptions, viewed, viewedTyped, frombufferOptions, copied, copiedTyped, converted, listed];

// Shape functions: an NDArray keeps its dtype, a subclass its class.
const joined: NDArray<'float64'> = concatenate([f8, f8]);
const joinedMixed: NDArray = concatenate([f8, i4], 0);
const joinedFlat: NDArray<'int32'> = concatenate([i4, i4], null);
const concatenateOptions: ConcatenateOptions = { axis: 1, casting: 'same_kind' };
const joinedTyped: NDArray<'float32'> = concatenate([f8, i4], { dtype: 'float32', casting: 'unsafe' });
const joinedOut: Meters = concatenate([f8], 0, { out: m });
const stacked: NDArray<'float64'> = stack([f8, f8], 1);
const stackOptions: StackOptions = { dtype: 'float64' };
const stackedV: NDArray<'int32'> = vstack([i4, i4]);
const stackedH: NDArray = hstack([f8, [[1], [2]]], stackOptions);
const squeezed: NDArray<'int32'> = squeeze(i4);
const expanded: Meters = expandDims(m, [0, 2]);
const raveled: NDArray<'float64'> = ravel(f8, 'F');
const raveledMeters: Meters = ravel(m);
const flipped: Meters = flip(m, { axis: 0 });
const swapped: NDArray<'int32'> = swapaxes(i4, 0, 1);
const moved: Meters = moveaxis(m, 0, -1);
const fromList: NDArray = squeeze([[1, 2]]);
const [bf, bi, bs]: [NDArray<'float64'>, NDArray<'int32'>, NDArray] = broadcastArrays(f8, i4, 1);
const flat: NDArray = flatten.call(f8, 'C');
void [joined, joinedMixed, joinedFlat, concatenateOptions, joinedTyped, joinedOut, stacked, stackedV, stackedH, squeezed, expanded, raveled, raveledMeters];
void [flipped, swapped, moved, fromList, bf, bi, bs, flat];

// Selection.
const indices: NDArray<'int64'>[] = nonzero(f8);
const whereIndices: NDArray<'int64'>[] = where([true, false]);
const chosen: NDArray<'float64'> = where([[true, false]], f8, f8);
const chosenMixed: NDArray = where(true, 1, 2);
const clipped: Meters = clip(m, 0, 1);
const clippedArray: NDArray = clip(f8, null, 1, { casting: 'unsafe' });
const clipOptions: ClipOptions = { min: 0, max: 1 };
const clippedByOptions: NDArray = clip(f8, clipOptions);
const clippedScalar: Scalar = clip(5, 1, 2);
const clippedInto: NDArray<'float64'> = clip(f8, 0, 1, f8);
const element: number = take(f8, 3);
const elementInt: number = take(i4, 0n, null);
const rows: NDArray<'float64'> = take(f8, [0, 1], 0, { mode: 'wrap' });
const takeOptions: TakeOptions = { axis: 1, mode: 'clip' };
// Of a subclass, take, compress, sort and argsort give the subclass (as at run time and in NumPy).
const takenMeters: Meters = take(m, [0, 1], 0);
const compressedMeters: Meters = compress([true, false], m, 0);
const sortedMeters: Meters = sort(m);
const argsortedMeters = argsort(m, null);
const argsortIndex: bigint = argsortedMeters.get(0);
const argsortUnit: string = argsortedMeters.unit;
void [takenMeters, compressedMeters, sortedMeters, argsortIndex, argsortUnit];
const picked: NDArray<'int32'> = take(i4, [1], takeOptions);
const rowOrElement: NDArray<'float64'> | number = take(f8, 1, 0);
const takenInto: NDArray<'float64'> = take(f8, [0], { out: asarray([0], { dtype: 'float64' }) });
const kept: NDArray<'int32'> = compress([true, false], i4, 0);
const compressOptions: CompressOptions = { axis: 1 };
const keptByOptions: NDArray<'float64'> = compress([true], f8, compressOptions);
const close: boolean = isclose(1, 1.0000001);
const closeTolerance: boolean = isclose(1, 1.1, 0.2, 0);
const closeArray: NDArray<'bool'> = isclose(f8, 1);
const closeMeters = isclose(m, f8, { equalNan: true });
const closeMetersUnit: string = closeMeters.unit;
const closeMetersValue: boolean = closeMeters.get(0, 0);
const iscloseOptions: IscloseOptions = { rtol: 1e-5, atol: 1e-8, equal_nan: false };
const allClose: boolean = allclose(f8, f8, 1e-5, 1e-8, iscloseOptions);
const same: boolean = arrayEqual(f8, [[1, 2], [3, 4]], { equalNan: true });
void [indices, whereIndices, chosen, chosenMixed, clipped, clippedArray, clippedByOptions, clippedScalar, clippedInto, element, elementInt, rows, picked];
void [rowOrElement, takenInto, kept, keptByOptions, close, closeTolerance, closeArray, closeMetersUnit, closeMetersValue, allClose, same];

// @ts-expect-error a plain array's sort is a plain NDArray
const sortedPlain: Meters = sort(f8);
// @ts-expect-error argsort of a subclass gives int64 elements
const argsortFloat: number = argsort(m).get(0);
// @ts-expect-error zeros gives float64 without a dtype
const notInt: NDArray<'int32'> = zeros(3);
// @ts-expect-error the positional dtype decides
const notFloat: NDArray<'float64'> = ones(3, 'int8');
// @ts-expect-error misspelt dtype
zeros(3, 'flaot64');
// @ts-expect-error misspelt option
empty(3, { dtpye: 'float32' });
// @ts-expect-error order is 'C' or 'F'
zeros(3, 'float64', 'X');
// @ts-expect-error a shape is integers, not a string
zeros('3');
// @ts-expect-error full of a bigint is int64
const fullNotFloat: NDArray<'float64'> = full(2, 1n);
// @ts-expect-error zerosLike keeps the prototype's dtype
const likeNotFloat: NDArray<'float64'> = zerosLike(i4);
// @ts-expect-error arange of bigints is int64
const rangeNotFloat: NDArray<'float64'> = arange(3n);
// @ts-expect-error linspace with retstep gives a pair
const notPair: NDArray = linspace(0, 1, { num: 3, retstep: true });
// @ts-expect-error linspace has no option 'stepp'
linspace(0, 1, { stepp: 1 });
// @ts-expect-error eye's k is a number
eye(3, 3, '1');
// @ts-expect-error frombuffer takes bytes, not a list
frombuffer([1, 2]);
// @ts-expect-error array's copy is a boolean or null
array([1], { copy: 'yes' });
// @ts-expect-error concatenate takes a list of arrays
concatenate(f8, f8);
// @ts-expect-error operands of different dtypes promote: not the first one's
const mixedNotFloat: NDArray<'float64'> = concatenate([f8, i4]);
// @ts-expect-error misspelt concatenate option
concatenate([f8], { axsi: 0 });
// @ts-expect-error stack's axis is a number
stack([f8], 'x');
// @ts-expect-error vstack has no axis option
vstack([f8], { axis: 0 });
// @ts-expect-error a plain NDArray's view is no Meters
const squeezedNotMeters: Meters = squeeze(f8);
// @ts-expect-error swapaxes takes two axes
swapaxes(f8, 0);
// @ts-expect-error nonzero gives int64 index arrays
const nonzeroFloat: NDArray<'float64'>[] = nonzero(f8);
// @ts-expect-error where with x and y gives one array
const whereList: NDArray[] = where(true, f8, f8);
// @ts-expect-error take of a scalar index gives the element
const takeArray: NDArray = take(f8, 0);
// @ts-expect-error take's mode is 'raise', 'wrap' or 'clip'
take(f8, [0], { mode: 'bounce' });
// @ts-expect-error isclose of arrays gives a bool array
const closeScalar: boolean = isclose(f8, f8);
// @ts-expect-error misspelt isclose option
isclose(f8, f8, { equalNaN: true });
// @ts-expect-error allclose gives a boolean
const allCloseArray: NDArray = allclose(f8, f8);
// @ts-expect-error a string is no array
arrayEqual('ab', 'ab');
void [notInt, notFloat, fullNotFloat, likeNotFloat, rangeNotFloat, notPair, mixedNotFloat, squeezedNotMeters, nonzeroFloat, whereList, takeArray, closeScalar, allCloseArray];
