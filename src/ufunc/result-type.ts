// np.result_type: the dtype NumPy 2 (NEP 50) gives the result of an operation
// on these arrays, dtypes and scalars. Arrays (0-d included) and dtypes are
// strong; JS numbers, bigints, booleans and { re, im } are weak Python-like
// scalars that only raise the kind. Numeric promotion is promotion.ts's; this
// adds NumPy's rules for strings, void, datetime64 and timedelta64.
import { type DType, type DTypeLike, dtype as toDType } from '../dtype/dtype.js';
import { type WeakKind, resultType as numericResultType } from '../dtype/promotion.js';
import { splitUnit } from '../dtype/datetime-format.js';
import { describeValue, makeError } from '../base/errors.js';
import { NDArray } from '../array/ndarray.js';
import { weakKindOf } from './operands.js';

/** What `resultType` accepts: arrays, dtypes (or names/typestrs), and JS scalars. */
export type ResultTypeOperand =
  | NDArray
  | DTypeLike
  | number
  | bigint
  | boolean
  | {
      /** The real part of a complex scalar. */
      re: number;
      /** The imaginary part. */
      im: number;
    };

type Operand = DType | WeakKind;

// NumPy's DType class names, which its promotion errors print.
const dtypeClassNames: Readonly<Record<string, string>> = {
  bool: 'BoolDType', int8: 'Int8DType', uint8: 'UInt8DType', int16: 'Int16DType', uint16: 'UInt16DType',
  int32: 'Int32DType', uint32: 'UInt32DType', int64: 'Int64DType', uint64: 'UInt64DType', float16: 'Float16DType',
  bfloat16: 'BFloat16DType', float32: 'Float32DType', float64: 'Float64DType', longdouble: 'LongDoubleDType',
  complex64: 'Complex64DType', complex128: 'Complex128DType', clongdouble: 'CLongDoubleDType', str: 'StrDType',
  bytes: 'BytesDType', void: 'VoidDType', datetime64: 'DateTime64DType', timedelta64: 'TimeDelta64DType',
  object: 'ObjectDType',
};
const weakClassNames: Readonly<Record<WeakKind, string>> = {
  bool: 'BoolDType', int: '_PyLongDType', float: '_PyFloatDType', complex: '_PyComplexDType',
};

function className(operand: Operand): string {
  const name = typeof operand === 'string' ? weakClassNames[operand] : dtypeClassNames[operand.name]!;
  return `<class 'numpy.dtypes.${name}'>`;
}

// NumPy names the two DTypes that do not promote in the order they were given.
function promotionError(one: Operand, other: Operand, all: readonly Operand[]): TypeError {
  const [first, second] = all.indexOf(one) <= all.indexOf(other) ? [one, other] : [other, one];
  return makeError(
    TypeError,
    'ERR_DTYPE_PROMOTION',
    `The DType ${className(first)} could not be promoted by ${className(second)}. This means that no common DType ` +
      'exists for the given inputs. For example they cannot be stored in a single array unless the dtype is ' +
      `\`object\`. The full list of DTypes is: (${all.map(className).join(', ')})`,
  );
}

function toOperand(value: unknown): Operand {
  if (value instanceof NDArray) return value.dtype;
  const weak = weakKindOf(value);
  if (weak) return weak;
  if (typeof value === 'string' || value instanceof Object) {
    try {
      return toDType(value as DTypeLike);
    } catch (error) {
      if (typeof value === 'string') throw error;
    }
  }
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an NDArray, a dtype or a JS scalar, got ${describeValue(value)}`);
}

const isNumeric = (t: Operand): boolean => typeof t === 'string' || (t.numeric && t.kind !== 'M' && t.kind !== 'm');
const isInteger = (t: Operand): boolean => t === 'bool' || t === 'int' || (typeof t !== 'string' && 'biu'.includes(t.kind));

// Characters NumPy needs to print a value of a numeric dtype (its string
// length when promoted with S or U): np.result_type('U1', dt).itemsize / 4.
const textLengths: Readonly<Record<string, number>> = {
  bool: 5, int8: 4, uint8: 3, int16: 6, uint16: 5, int32: 11, uint32: 10, int64: 21, uint64: 20,
  float16: 32, bfloat16: 32, float32: 32, float64: 32, longdouble: 48, complex64: 64, complex128: 64, clongdouble: 96,
};

function stringResult(strings: DType[], numbers: Operand[], all: readonly Operand[]): DType {
  const weak = numbers.find((t) => typeof t === 'string' && t !== 'bool');
  if (weak !== undefined) throw promotionError(strings[0]!, weak, all);
  const unicode = strings.some((t) => t.kind === 'U');
  let characters = 0;
  for (const t of strings) characters = Math.max(characters, t.kind === 'U' ? t.itemsize / 4 : t.itemsize);
  for (const t of numbers) characters = Math.max(characters, textLengths[typeof t === 'string' ? 'bool' : t.name]!);
  return toDType(unicode ? `<U${characters}` : `|S${characters}`);
}

// Datetime units: each linear unit in attoseconds; Y and M in months.
const attoseconds: Readonly<Record<string, bigint>> = {
  W: 604800n * 10n ** 18n, D: 86400n * 10n ** 18n, h: 3600n * 10n ** 18n, m: 60n * 10n ** 18n, s: 10n ** 18n,
  ms: 10n ** 15n, us: 10n ** 12n, ns: 10n ** 9n, ps: 10n ** 6n, fs: 10n ** 3n, as: 1n,
};
const months: Readonly<Record<string, bigint>> = { Y: 12n, M: 1n };
const unitOrder = ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as'];

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** NumPy's common metadata divisor of two datetime units ('' is generic). */
export function commonTimeUnit(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const [ma, ba] = splitUnit(a);
  const [mb, bb] = splitUnit(b);
  const scale = months[ba] !== undefined && months[bb] !== undefined ? months : attoseconds;
  if (scale[ba] === undefined || scale[bb] === undefined) {
    throw makeError(
      TypeError,
      'ERR_DTYPE_PROMOTION',
      `Cannot get a common metadata divisor for Numpy datetime metadata [${a}] and [${b}] because they have incompatible nonlinear base time units.`,
    );
  }
  const finer = unitOrder.indexOf(ba) >= unitOrder.indexOf(bb) ? ba : bb;
  const divisor = gcd(ma * scale[ba]!, mb * scale[bb]!) / scale[finer]!;
  return divisor === 1n ? finer : `${divisor}${finer}`;
}

function timeResult(times: DType[], others: Operand[], all: readonly Operand[]): DType {
  const datetime = times.some((t) => t.kind === 'M');
  // timedelta64 takes bool and signed/unsigned integers up to int64 (not uint64), never floats;
  // datetime64 takes timedelta64 and nothing else.
  for (const t of others) {
    const allowed = !datetime && isInteger(t) && !(typeof t !== 'string' && t.name === 'uint64');
    if (!allowed) throw promotionError(times[0]!, t, all);
  }
  let unit = times[0]!.unit;
  for (const t of times.slice(1)) unit = commonTimeUnit(unit, t.unit);
  return toDType(unit ? `<${datetime ? 'M' : 'm'}8[${unit}]` : datetime ? 'M8' : 'm8');
}

/**
 * NumPy's `np.result_type(*arrays_and_dtypes)` with NEP 50 rules: the dtype
 * an operation on these operands gives. Arrays and dtypes are strong; JS
 * scalars are weak (a number is a Python int when it is an integer, so
 * `resultType(2.0, 'int8')` is int8: JS cannot tell 2.0 from 2).
 *
 * @throws TypeError `ERR_INVALID_ARG_COUNT` with no operands;
 *   `ERR_DTYPE_PROMOTION` (NumPy's DTypePromotionError) when no common dtype exists.
 */
export function resultType(...arraysAndDtypes: ResultTypeOperand[]): DType {
  if (arraysAndDtypes.length === 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_COUNT', 'at least one array or dtype is required');
  }
  const all = arraysAndDtypes.map(toOperand);
  const strong = all.filter((t): t is DType => typeof t !== 'string');
  const object = strong.find((t) => t.kind === 'O');
  if (object) return object.isNative ? object : toDType('O');
  const strings = strong.filter((t) => t.kind === 'S' || t.kind === 'U');
  const voids = strong.filter((t) => t.kind === 'V' && t.name === 'void');
  const times = strong.filter((t) => t.kind === 'M' || t.kind === 'm');
  const numbers = all.filter(isNumeric);
  if (voids.length > 0) {
    const other = all.find((t) => typeof t === 'string' || t.kind !== 'V' || t.name !== 'void');
    if (other !== undefined) throw promotionError(voids[0]!, other, all);
    if (voids.some((t) => t.itemsize !== voids[0]!.itemsize || t.str !== voids[0]!.str)) {
      throw makeError(
        TypeError,
        'ERR_DTYPE_PROMOTION',
        'Invalid type promotion with void datatypes of different lengths. Use the `np.bytes_` datatype instead to pad the shorter value with trailing zero bytes.',
      );
    }
    return voids[0]!;
  }
  if (strings.length > 0) {
    if (times.length > 0) throw promotionError(strings[0]!, times[0]!, all);
    return stringResult(strings, numbers, all);
  }
  if (times.length > 0) return timeResult(times, numbers, all);
  return numericResultType(
    numbers.filter((t): t is DType => typeof t !== 'string'),
    numbers.filter((t): t is WeakKind => typeof t === 'string'),
  );
}
