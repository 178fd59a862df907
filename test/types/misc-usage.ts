// Compiled by test/types/misc-usage.test.ts and by
// scripts/check-packed-types.mjs (never run): DLPack, messages, error
// settings, array-function dispatch, resultType, createUfunc, the ufunc
// helper types and the dtype and NDArray helper types. Every line marked as
// an expected error must really be an error.
import {
  BufferError,
  DLPackCapsule,
  DType,
  NDArray,
  NotImplemented,
  add,
  arrayInterface,
  asarray,
  createUfunc,
  dtype,
  equal,
  fromDlpack,
  fromArrayInterface,
  fromDlpackPointer,
  fromMessage,
  functionDispatch,
  geterr,
  matvec,
  memoryStats,
  resultType,
  sqrt,
  sum,
  toDlpack,
  toDlpackPointer,
  toMessage,
  toOrtTensor,
  toScijs,
  toStdlib,
  ufuncDispatch,
  vecmat,
} from '../../src/index.js';
import type {
  AccumulateMethod,
  AccumulateOptions,
  ArrayFunction,
  ArrayFunctionHandler,
  ArrayFunctionMembers,
  ArrayFunctionType,
  ArrayInterfaceLike,
  ArrayInterfaceOptions,
  ArrayInput,
  ArrayResult,
  ArrayUfuncHandler,
  AsarrayInput,
  AsarrayOptions,
  AstypeOptions,
  AsyncBinaryCall,
  AsyncMethod,
  AsyncReduceMethod,
  AsyncUnaryCall,
  AtIndex,
  AtMethod,
  BinaryCall,
  BufferSource,
  ByteOrderChar,
  ByteOrderRequest,
  Casting,
  CheckedSpelling,
  Complex,
  DLPackCapsuleName,
  DlpackOptions,
  DlpackProducer,
  DTypeInit,
  DTypeLike,
  DTypeName,
  ElementFunction,
  ElementInputOf,
  ElementOf,
  ElementTypedArray,
  ErrorMode,
  ErrorSettings,
  ErrorSettingsUpdate,
  FromDlpackOptions,
  FromArrayInterfaceOptions,
  FromDlpackPointerOptions,
  FunctionKwargs,
  GufuncCall,
  GufuncCallOptions,
  IndexSpec,
  IndicesInput,
  InterfaceBuffer,
  JsonElement,
  MemoryStats,
  NDArrayInit,
  NestedArray,
  NewResultOptions,
  NumericDTypeName,
  NumericScalar,
  OneDimensional,
  OrtTensorType,
  OutOption,
  OutOptions,
  OverridingOperand,
  PairOutOptions,
  ReduceatMethod,
  ReduceMethod,
  ReduceResult,
  ResultTypeOperand,
  Scalar,
  ScalarInput,
  ScalarResult,
  SubclassResult,
  ToDlpackOptions,
  ToDlpackPointerOptions,
  ToMessageOptions,
  ToOrtTensorOptions,
  ToScijsOptions,
  ToStdlibOptions,
  TypedArrayDType,
  TypedArrayOf,
  UfuncAttributes,
  LoopFunction,
  UfuncDefinition,
  UfuncDispatch,
  UfuncInput,
  UfuncOf,
  UfuncValue,
  UnaryCall,
  WhereInput,
  WithDType,
} from '../../src/index.js';

const f8 = asarray([1, 2], { dtype: 'float64' });

// DLPack: capsules, producers, raw pointers, memory counters.
const toOptions: ToDlpackOptions = { maxVersion: [1, 0], copy: null };
const capsule: DLPackCapsule = toDlpack(f8, toOptions);
const fromOptions: FromDlpackOptions = { copy: false, device: 'cpu' };
const back: NDArray = fromDlpack(capsule, fromOptions);
const protocolOptions: DlpackOptions = { stream: null, dlDevice: [1, 0], maxVersion: [1, 3] };
const producer: DlpackProducer = { __dlpack__: (options?: DlpackOptions) => toDlpack(f8, { copy: options?.copy ?? null }), __dlpack_device__: () => [1, 0] as const };
const fromProducer: NDArray = fromDlpack(producer);
const pointerOptions: ToDlpackPointerOptions = { versioned: true, copy: false };
const address: bigint = toDlpackPointer(f8, pointerOptions);
const fromPointerOptions: FromDlpackPointerOptions = { versioned: true };
const fromPointer: NDArray = fromDlpackPointer(address, fromPointerOptions);
const stats: MemoryStats = memoryStats();
const live: number = stats.liveImports + stats.liveExports + stats.externalBytes;
const capsuleName: DLPackCapsuleName = 'used_dltensor_versioned';
const bufferError: Error = new BufferError('no copy allowed');
void [capsule, back, protocolOptions, fromProducer, fromPointer, live, capsuleName, bufferError];

// Messages and JSON elements.
const messageOptions: ToMessageOptions = { transfer: false };
const message = toMessage(f8, messageOptions);
const received: NDArray = fromMessage(message);
const jsonElement: JsonElement = { re: 1, im: '-Infinity' };
const nested: NestedArray<number> = [[1, 2], [3]];
void [received, jsonElement, nested];

// Error settings.
const mode: ErrorMode = 'warn';
const update: ErrorSettingsUpdate = { all: mode, invalid: 'raise' };
const current: ErrorSettings = geterr();
const divideMode: ErrorMode = current.divide;
void [update, divideMode];

// Array-function dispatch (NEP 18).
class Tagged {
  constructor(readonly value: NDArray) {}
}
const handler: ArrayFunctionHandler = (func: ArrayFunction, types: readonly ArrayFunctionType[], args: unknown[], kwargs: FunctionKwargs) =>
  types.includes(Tagged) ? func.implementation(...(args.map((x) => (x instanceof Tagged ? x.value : x)) as never[])) : NotImplemented;
functionDispatch.register(Tagged, handler);
const declined: typeof NotImplemented = functionDispatch.NotImplemented;
const removed: boolean = functionDispatch.unregister(Tagged);
const members: ArrayFunctionMembers = sum;
const sumName: string = sum.name;
const typedFunction: ArrayFunction<(a: NDArray) => number> = Object.assign((a: NDArray) => a.size, { implementation: (a: NDArray) => a.size });
void [declined, removed, members, sumName, typedFunction];

// Ufunc dispatch (NEP 13) and createUfunc.
const ufuncHandler: ArrayUfuncHandler = (ufunc, method, inputs, kwargs) => (method === '__call__' ? ufunc(...inputs, kwargs) : NotImplemented);
const elementFunction: ElementFunction = (x, y) => (x as number) + (y as number);
const definition: UfuncDefinition<2, 1> = { name: 'plus', nin: 2, nout: 1, identity: 0, loops: { 'dd->d': elementFunction } };
const plus: UfuncOf<2, 1> = createUfunc(definition);
const plusResult: NDArray = plus(f8, f8);
const dispatch: UfuncDispatch = { ...({} as UfuncDispatch) };
// Each loop's element function is typed by its signature's type characters.
const clamped = createUfunc({
  name: 'clamped',
  nin: 2,
  nout: 1,
  identity: 0,
  loops: { 'll->l': (a, b) => (a + b > 100n ? 100n : a + b), 'dd->d': (a, b) => Math.min(a + b, 100), '??->?': (a, b) => a || b },
});
const clampedResult: NDArray = clamped(f8, f8);
const viaRegistry = ufuncDispatch.createUfunc({ name: 'times', nin: 2, nout: 1, loops: { 'll->l': (a, b) => a * b } });
void viaRegistry;
const complexLoop: LoopFunction<'DD->D'> = (a, b) => ({ re: a.re + b.re, im: a.im + b.im });
const pairLoop: LoopFunction<'d->dd'> = (x) => [Math.floor(x), x - Math.floor(x)];
const unreadLoop: LoopFunction<'not a signature'> = elementFunction;
void [ufuncHandler, plusResult, dispatch, clampedResult, complexLoop, pairLoop, unreadLoop];

// @ts-expect-error int64 elements are bigints, which do not mix with numbers
createUfunc({ name: 'mixed', nin: 2, nout: 1, loops: { 'll->l': (a, b) => a + b + 1 } });
// @ts-expect-error a float64 output cannot be written from a string
const stringOut: LoopFunction<'dd->d'> = (x) => `${x}`;
// @ts-expect-error a loop of two outputs returns a pair
const notAPair: LoopFunction<'d->dd'> = (x) => x;

// The ufunc helper types.
const scalarIn: ScalarInput = { re: 1, im: 0 };
const arrayIn: ArrayInput = new Float32Array(2);
const anyIn: UfuncInput = [1, 2];
const overriding: OverridingOperand = new Tagged(f8);
const oneDim: OneDimensional = [1, 2, 3];
const indicesIn: IndicesInput = [0, 1];
const whereIn: WhereInput = [true, false];
const casting: Casting = 'same_kind';
const newResult: NewResultOptions = { dtype: 'float32', casting, where: whereIn };
const outOptions: OutOptions<NDArray<'float64'>> = { out: f8 };
const pairOut: PairOutOptions<NDArray<'float64'>, NDArray<'float64'>> = { out: [f8, f8] };
const outOption: OutOption = [f8, null];
const accumulateOptions: AccumulateOptions = { axis: 0, dtype: 'float64', out: null };
const gufuncOptions: GufuncCallOptions = { axes: [0, [1]], keepdims: false };
const attributes: UfuncAttributes = add;
const nargs: number = attributes.nargs;
const unaryCall: UnaryCall<'float64'> = ((x: unknown) => x) as never;
const binaryCall: BinaryCall<'bool'> = equal;
const asyncBinary: AsyncBinaryCall<'bool'> = equal.async;
const asyncUnary: AsyncUnaryCall<DTypeName> = sqrt.async;
const reduceMethod: ReduceMethod<DTypeName> = add.reduce;
const asyncReduce: AsyncReduceMethod<DTypeName> = add.reduce.async;
const accumulate: AccumulateMethod<DTypeName> = add.accumulate;
const reduceat: ReduceatMethod<DTypeName> = add.reduceat;
const at: AtMethod = add.at;
const atIndices: AtIndex[] = [undefined, '1:3', [true, false], ['...', 0], null, 2];
at(f8, atIndices[0], 1);
const gufuncCall: GufuncCall = matvec;
const vecmatProduct: NDArray = vecmat(f8, [[1, 2], [3, 4]]);
const scalarResult: ScalarResult<'int64'> = 1n;
const wideScalar: ScalarResult<DTypeName> = { re: 1, im: 2 };
const arrayResult: ArrayResult<[NDArray<'float64'>, number], 'bool'> = equal(f8, 1);
const reduceResult: ReduceResult<NDArray<'float64'>, DTypeName> = add.reduce(f8, { axis: 0 });
class Meters extends NDArray<'float64'> {
  unit = 'm';
}
const subclassResult: SubclassResult<Meters, 'bool'> = equal(new Meters({ buffer: new Float64Array(1), dtype: 'float64', shape: [1] }), 1);
const subclassUnit: string = subclassResult.unit;
const value: UfuncValue = add(f8, 1);
const numeric: NumericScalar = 1n;
const asyncMethod: AsyncMethod<[number], number> = Object.assign((x: number) => x, { async: async (x: number) => x });
void [scalarIn, arrayIn, anyIn, overriding, oneDim, indicesIn, newResult, outOptions, pairOut, outOption, accumulateOptions, gufuncOptions, nargs];
void [unaryCall, binaryCall, asyncBinary, asyncUnary, reduceMethod, asyncReduce, accumulate, reduceat, at, gufuncCall, vecmatProduct, scalarResult];
void [wideScalar, arrayResult, reduceResult, subclassUnit, value, numeric, asyncMethod];

// resultType (np.result_type).
const operands: ResultTypeOperand[] = [f8, 'int32', 1, 2n, true, { re: 1, im: 0 }];
const promoted: DType = resultType(...operands);
void promoted;

// dtype and NDArray helper types.
const numericName: NumericDTypeName = 'bfloat16';
const orderChar: ByteOrderChar = '|';
const orderRequest: ByteOrderRequest = 'swap';
const swapped: DType = dtype('<i4').newByteOrder(orderRequest);
const checked: CheckedSpelling<'>u2'> = '>u2';
const like: DTypeLike = dtype('float32');
const init: DTypeInit<'int16'> = { name: 'int16', itemsize: 2, byteorder: '<' };
const element: ElementOf<'uint64'> = 1n;
const elementIn: ElementInputOf<'complex64'> = 1;
const typedArrayOf: TypedArrayOf<'float16'> = new Uint16Array(1);
const typedDType: TypedArrayDType<Int16Array> = 'int16';
const elementTyped: ElementTypedArray = new BigInt64Array(1);
const buffer: BufferSource = new DataView(new ArrayBuffer(8));
const ndInit: NDArrayInit<'float64'> = { buffer, dtype: 'float64', shape: [1] };
const astypeOptions: AstypeOptions = { casting: 'safe', copy: false };
const withDType: WithDType<Meters, 'int32'> = new Meters(ndInit).astype('int32', astypeOptions);
const asarrayInput: AsarrayInput = [[1, 2]];
const asarrayOptions: AsarrayOptions = { dtype: 'float32', copy: true };
const indexSpec: IndexSpec = '::2';
void [numericName, orderChar, swapped, checked, like, init, element, elementIn, typedArrayOf, typedDType, elementTyped, withDType, asarrayInput, asarrayOptions, indexSpec];

// The array interface's and adapters' option types.
const interfaceOptions: ArrayInterfaceOptions = { pointer: false };
const described: ArrayInterfaceLike = arrayInterface(f8, interfaceOptions);
const interfaceBuffer: InterfaceBuffer = new ArrayBuffer(16);
const fromInterfaceOptions: FromArrayInterfaceOptions = { base: interfaceBuffer };
const viewedAgain: NDArray = fromArrayInterface({ shape: [2], typestr: '<f8', data: interfaceBuffer }, fromInterfaceOptions);
const scijsOptions: ToScijsOptions = { copy: false };
const stdlibOptions: ToStdlibOptions = { copy: true };
const ortOptions: ToOrtTensorOptions = { copy: false };
const ortType: OrtTensorType = 'float16';
const adapted = [toScijs(f8, scijsOptions), toStdlib(f8, stdlibOptions), toOrtTensor(f8, ortOptions)];
void [described, viewedAgain, ortType, adapted];

// @ts-expect-error toDlpack exports an NDArray, not a list
toDlpack([1, 2]);
// @ts-expect-error maxVersion is a [major, minor] pair
toDlpack(f8, { maxVersion: 1 });
// @ts-expect-error toDlpackPointer needs `versioned`
toDlpackPointer(f8, {});
// @ts-expect-error an address is a bigint
fromDlpackPointer(1024, { versioned: true });
// @ts-expect-error memoryStats counts are numbers
const notBig: bigint = memoryStats().liveImports;
// @ts-expect-error an error mode is 'ignore', 'warn' or 'raise'
const badMode: ErrorMode = 'print';
// @ts-expect-error geterr's categories are divide, over, under and invalid
geterr().overflow;
// @ts-expect-error functionDispatch.register takes a class
functionDispatch.register({}, handler);
// @ts-expect-error casting is one of NumPy's names
const badCasting: Casting = 'any';
// @ts-expect-error a typestr's byte order goes first
const badChecked: CheckedSpelling<'u2>'> = 'u2>';
// @ts-expect-error int64 elements are bigints
const badElement: ElementOf<'int64'> = 1;
// @ts-expect-error float64 gives a Float64Array
const badTyped: TypedArrayOf<'float64'> = new Float32Array(1);
// @ts-expect-error createUfunc's nin is a number
createUfunc({ name: 'f', nin: 'two', nout: 1, loops: {} });
// @ts-expect-error resultType takes arrays, dtypes and scalars, not strings that are no dtype
resultType('flaot64');
// @ts-expect-error toMessage's transfer is a boolean
toMessage(f8, { transfer: 'yes' });
// @ts-expect-error the ONNX Runtime tensor types have no complex128
const badOrtType: OrtTensorType = 'complex128';
// @ts-expect-error pointer is a boolean
arrayInterface(f8, { pointer: 1 });
// @ts-expect-error toScijs's copy is a boolean
toScijs(f8, { copy: 'no' });
void [badOrtType, notBig, badMode, badCasting, badChecked, badElement, badTyped];
