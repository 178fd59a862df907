// Compiled by test/types/typed-usage.test.ts (never run): element types that
// follow the dtype, dtype spellings as literal types, and NDArray subclasses
// that keep their class. Every @ts-expect-error line must really be an error.
import { DType, NDArray, add, asarray, dtype, sqrt } from '../../src/index.js';
import type { Complex, DTypeName, DTypeNameOf, DTypeSpelling } from '../../src/index.js';

const f8 = asarray([1, 2], { dtype: 'float64' });
const x: number = f8.get(0);
const typed: Float64Array = f8.toTypedArray();
const i8 = asarray([1n, 2n], { dtype: 'int64' });
const big: bigint = i8.get(1);
const bigs: BigInt64Array = i8.toTypedArray();
const flags = asarray([true], { dtype: 'bool' });
const flag: boolean = flags.get(0);
const bytes: Uint8Array = flags.toTypedArray();
const c16 = asarray([{ re: 1, im: 2 }], { dtype: 'complex128' });
const z: Complex = c16.get(0);
const f4 = asarray([1], { dtype: '<f4' });
const f4Array: Float32Array = f4.toTypedArray();
const fromTyped: NDArray<'int32'> = asarray(new Int32Array(4));
const fromBuffer: NDArray<'uint8'> = asarray(new Uint8Array(4));
const byDType: NDArray<'float32'> = asarray([1], { dtype: dtype('single') });
const made = new NDArray({ buffer: new Float64Array(6), dtype: 'float64', shape: [2, 3] });
const madeValue: number = made.get(0, 0);
const view: NDArray<'float64'> = made.slice(0).T.reshape(-1);
const converted: NDArray<'int16'> = made.astype('int16');
const convertedBySpelling: NDArray<'uint8'> = made.astype('u1');
const nested = made.toArray();
const untyped: NDArray = made;
const anyValue = untyped.get(0, 0);
const d: DType<'float64'> = dtype('<f8');
const d2: DType<'int32'> = dtype('i');
const d3: DType<'bytes'> = dtype('S10');
const d4: DType<'str'> = dtype('<U3');
const d5: DType<'datetime64'> = dtype('M8[ns]');
const d6: DType<'timedelta64'> = dtype('m8[25s]');
const d7: DType<'float64'> = dtype('double');
const d8: DType<'int64'> = dtype('>i8');
const d9: DType<'complex64'> = dtype('F');
const d10: DType<'bool'> = dtype('?');
const runtimeName: string = ['float', '64'].join('');
const dynamic: DType = dtype(runtimeName);
const spelling: DTypeSpelling = 'datetime64[D]';
const named: DTypeNameOf<'=c16'> = 'complex128';
made.set(0, 0, 1.5);
i8.set(0, 5n);
void [x, typed, big, bigs, flag, bytes, z, f4Array, fromTyped, fromBuffer, byDType, madeValue, view, converted, convertedBySpelling, nested];
void [anyValue, d, d2, d3, d4, d5, d6, d7, d8, d9, d10, dynamic, spelling, named];

// Subclasses keep their class through views and ufunc results.
class Meters extends NDArray<'float64'> {
  unit = 'm';
  __array_finalize__(source: NDArray): void {
    this.unit = source instanceof Meters ? source.unit : 'm';
  }
}
const m = new Meters({ buffer: new Float64Array(3), dtype: 'float64', shape: [3] });
const mView: Meters = m.slice('1:');
const mT: Meters = m.T;
const mReshaped: Meters = m.reshape(3, 1);
const mCopy: Meters = m.copy();
const mSum: Meters = add(m, 1);
const mAfterPlain: Meters = add(f8, m);
const mRoot: Meters = sqrt(m);
const mAsInt = m.astype('int32');
const mAsIntUnit: string = mAsInt.unit;
const mAsIntValue: number = mAsInt.get(0);
const base: DTypeName = m.dtype.name;
void [mView, mT, mReshaped, mCopy, mSum, mAfterPlain, mRoot, mAsIntUnit, mAsIntValue, base];

// (was) misspelt dtype name
dtype('flaot64');
// (was) itemsize 3 is not a float size
dtype('<f3');
// (was) byte order goes before the kind
dtype('f8<');
// (was) misspelt dtype in asarray options
asarray([1], { dtype: 'doubel' });
// (was) misspelt dtype in the constructor
new NDArray({ buffer: new ArrayBuffer(8), dtype: 'float46', shape: [1] });
// (was) misspelt dtype in astype
made.astype('in32');
// (was) float64 elements are numbers
const notBig: bigint = f8.get(0);
// (was) int64 elements are bigints
const notNumber: number = i8.get(0);
// (was) bool elements are booleans
const notNumeric: number = flags.get(0);
// (was) complex elements are { re, im }
const notReal: number = c16.get(0);
// (was) float64 gives a Float64Array
const wrongTyped: Float32Array = f8.toTypedArray();
// (was) int64 gives a BigInt64Array
const wrongBig: Float64Array = i8.toTypedArray();
// (was) a string is not a float64 element
made.set(0, 0, 'x');
// (was) an Int32Array gives int32, not float64
const wrongTypedDType: NDArray<'float64'> = asarray(new Int32Array(2));
// (was) the dtype follows the spelling
const wrongDType: DType<'float32'> = dtype('<f8');
// (was) astype changes the element type
const stillFloat: NDArray<'float64'> = made.astype('int8');
// (was) a view of NDArray is no Meters
const notMeters: Meters = made.slice(0);
// (was) astype to another dtype leaves Meters' element type
const notMetersAnymore: Meters = m.astype('int32');
void [notBig, notNumber, notNumeric, notReal, wrongTyped, wrongBig, wrongTypedDType, wrongDType, stillFloat, notMeters, notMetersAnymore];
