// The dtype spellings dtype() accepts, as literal types: every NumPy name and
// alias of the native dtype table (native/core/dtype/table.cc: names and
// kAliases), every typestr (native/core/dtype/typestr.cc: byte order, kind
// and valid itemsize, sized S/U/V, M8/m8 with a unit) and every type
// character, each mapped to the DTypeName it parses to. A misspelt literal is
// a compile error; the runtime parser stays the judge of strings known only
// at run time. Type-only: nothing here exists at run time.
import type { DTypeName } from './dtype.js';
import type { Complex } from './elements.js';

/** NumPy's names and aliases (np.sctypeDict's string keys, LP64) and what they name. */
interface NamedTypes {
  bool: 'bool'; bool_: 'bool';
  int8: 'int8'; byte: 'int8';
  uint8: 'uint8'; ubyte: 'uint8';
  int16: 'int16'; short: 'int16';
  uint16: 'uint16'; ushort: 'uint16';
  int32: 'int32'; intc: 'int32';
  uint32: 'uint32'; uintc: 'uint32';
  int64: 'int64'; int: 'int64'; int_: 'int64'; long: 'int64'; longlong: 'int64'; intp: 'int64';
  uint64: 'uint64'; uint: 'uint64'; ulong: 'uint64'; ulonglong: 'uint64'; uintp: 'uint64';
  float16: 'float16'; half: 'float16';
  bfloat16: 'bfloat16';
  float32: 'float32'; single: 'float32';
  float64: 'float64'; float: 'float64'; double: 'float64';
  longdouble: 'longdouble'; float128: 'longdouble';
  complex64: 'complex64'; csingle: 'complex64';
  complex128: 'complex128'; complex: 'complex128'; cdouble: 'complex128';
  clongdouble: 'clongdouble'; complex256: 'clongdouble';
  str: 'str'; str_: 'str'; unicode: 'str';
  bytes: 'bytes'; bytes_: 'bytes';
  void: 'void';
  datetime64: 'datetime64';
  timedelta64: 'timedelta64';
  object: 'object'; object_: 'object';
}

/** One-letter type characters (NumPy's, LP64: 'l'/'q'/'p'/'n' are int64). */
interface TypeChars {
  '?': 'bool'; b: 'int8'; B: 'uint8'; h: 'int16'; H: 'uint16'; i: 'int32'; I: 'uint32';
  l: 'int64'; q: 'int64'; p: 'int64'; n: 'int64'; L: 'uint64'; Q: 'uint64'; P: 'uint64'; N: 'uint64';
  e: 'float16'; f: 'float32'; d: 'float64'; g: 'longdouble';
  F: 'complex64'; D: 'complex128'; G: 'clongdouble';
  S: 'bytes'; a: 'bytes'; U: 'str'; V: 'void'; M: 'datetime64'; m: 'timedelta64'; O: 'object';
}

/** Kind and itemsize of fixed-size typestrs ('f8', 'c16', 'b1'). */
interface FixedTypestrs {
  b1: 'bool';
  i1: 'int8'; i2: 'int16'; i4: 'int32'; i8: 'int64';
  u1: 'uint8'; u2: 'uint16'; u4: 'uint32'; u8: 'uint64';
  f2: 'float16'; f4: 'float32'; f8: 'float64'; f16: 'longdouble';
  c8: 'complex64'; c16: 'complex128'; c32: 'clongdouble';
  M8: 'datetime64'; m8: 'timedelta64';
  O8: 'object';
}

/** A typestr's byte-order character: '<' little, '>' big, '=' native, '|' not applicable. */
export type ByteOrderChar = '<' | '>' | '=' | '|';

/** Sized kinds: bytes 'S10' (also 'a10'), str 'U3' (characters), void 'V8'. */
interface SizedKinds {
  S: 'bytes';
  a: 'bytes';
  U: 'str';
  V: 'void';
}

type SizedTypestr = `${keyof SizedKinds}${number}`;
/** datetime64/timedelta64 with a unit: 'M8[ns]', 'm8[25s]', 'datetime64[D]'. */
type UnitTypestr = `${'M8' | 'm8' | 'datetime64' | 'timedelta64'}[${string}]`;
type OrderedForm = keyof FixedTypestrs | keyof TypeChars | SizedTypestr | `${'M8' | 'm8'}[${string}]`;

/**
 * Every string dtype() accepts, as a type: NumPy names and aliases
 * ('float64', 'double', 'intc', 'str'), type characters ('d', '?'),
 * typestrs with or without a byte order ('<f8', 'f8', '>i4', '|b1', 'S10',
 * '<U3', 'V8', 'M8[ns]', '<m8[25s]') and unit forms ('datetime64[ns]').
 */
export type DTypeSpelling = keyof NamedTypes | UnitTypestr | OrderedForm | `${ByteOrderChar}${OrderedForm}`;

type WithoutOrder<S extends string> = S extends `${ByteOrderChar}${infer Rest}` ? Rest : S;

type FormName<S extends string> = S extends keyof FixedTypestrs
  ? FixedTypestrs[S]
  : S extends keyof TypeChars
    ? TypeChars[S]
    : S extends `${infer K extends keyof SizedKinds}${number}`
      ? SizedKinds[K]
      : S extends `M8[${string}]` | `datetime64[${string}]`
        ? 'datetime64'
        : S extends `m8[${string}]` | `timedelta64[${string}]`
          ? 'timedelta64'
          : DTypeName;

/**
 * The DTypeName a spelling parses to ('<f8' and 'double' are 'float64');
 * DTypeName itself for a DType or a string known only at run time.
 */
export type DTypeNameOf<S> = S extends {
  /** A DType's name (a DType gives its own). */
  readonly name: infer N extends DTypeName;
}
  ? N
  : S extends keyof NamedTypes
    ? NamedTypes[S]
    : S extends string
      ? string extends S
        ? DTypeName
        : FormName<WithoutOrder<S>>
      : DTypeName;

type BigIntDType = 'int64' | 'uint64' | 'datetime64' | 'timedelta64';
type ComplexDType = 'complex64' | 'complex128';

/**
 * What `get` returns for elements of dtype `D` (bigint for 64-bit integers
 * and datetimes, boolean for bool, `{ re, im }` for complex, string for str,
 * Uint8Array for bytes and void); for the wide DTypeName, their union.
 */
export type ElementOf<D extends DTypeName> = D extends 'bool'
  ? boolean
  : D extends BigIntDType
    ? bigint
    : D extends ComplexDType
      ? Complex
      : D extends 'str'
        ? string
        : D extends 'bytes' | 'void'
          ? Uint8Array
          : D extends 'object' | 'longdouble' | 'clongdouble'
            ? never
            : number;

/** What `set` writes into elements of dtype `D`: the JS values the element writers convert. */
export type ElementInputOf<D extends DTypeName> = D extends 'str'
  ? string
  : D extends 'bytes' | 'void'
    ? Uint8Array | string
    : D extends ComplexDType
      ? number | bigint | boolean | Complex
      : D extends 'object' | 'longdouble' | 'clongdouble'
        ? never
        : number | bigint | boolean;

/**
 * The TypedArray toTypedArray() returns for dtype `D`: bool as Uint8Array
 * (0/1), float16/bfloat16 as their bits in a Uint16Array, complex as
 * interleaved (re, im) pairs, datetimes as BigInt64Array, str as Uint32Array
 * code points, bytes/void as Uint8Array.
 */
export type TypedArrayOf<D extends DTypeName> = D extends 'bool' | 'uint8' | 'bytes' | 'void'
  ? Uint8Array
  : D extends 'int8'
    ? Int8Array
    : D extends 'int16'
      ? Int16Array
      : D extends 'uint16' | 'float16' | 'bfloat16'
        ? Uint16Array
        : D extends 'int32'
          ? Int32Array
          : D extends 'uint32' | 'str'
            ? Uint32Array
            : D extends 'int64' | 'datetime64' | 'timedelta64'
              ? BigInt64Array
              : D extends 'uint64'
                ? BigUint64Array
                : D extends 'float32' | 'complex64'
                  ? Float32Array
                  : D extends 'float64' | 'complex128'
                    ? Float64Array
                    : never;
