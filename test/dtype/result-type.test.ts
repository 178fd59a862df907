// resultType is np.result_type (NEP 50): every case here is run through NumPy
// and the dtype (or the error message) compared.
import { describe, expect, it } from 'vitest';
import { NDArray, resultType, type ResultTypeOperand } from '../../src/index.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';
import { expectError } from '../helpers/expect-error.js';

// [JS operands, the same operands as Python source]
const cases: [ResultTypeOperand[], string][] = [
  [['int8', 'uint8'], "'i1', 'u1'"],
  [['int64', 'uint64'], "'i8', 'u8'"],
  [[1, 'int8'], "1, 'i1'"],
  [[300, 'int8'], "300, 'i1'"],
  [[1.5, 'int16'], "1.5, 'i2'"],
  [[1.5, 2], '1.5, 2'],
  [[true], 'True'],
  [[7], '7'],
  [[{ re: 1, im: 2 }, 'float32'], "1j, 'f4'"],
  [[{ re: 1, im: 2 }, 'float16'], "1j, 'f2'"],
  [['float16', 'int16'], "'f2', 'i2'"],
  [['>f8'], "'>f8'"],
  [['longdouble', 'int64'], "'g', 'i8'"],
  [['longdouble', { re: 0, im: 1 }], "'g', 1j"],
  [['longdouble', 'complex64'], "'g', 'c8'"],
  [['clongdouble', 'float64'], "'G', 'f8'"],
  [['float128', 2.5], "'float128', 2.5"],
  [['U3', 'U5'], "'U3', 'U5'"],
  [['S1', 'U3'], "'S1', 'U3'"],
  [['S2', true], "'S2', True"],
  [['U1', 'int8'], "'U1', 'i1'"],
  [['U1', 'uint64'], "'U1', 'u8'"],
  [['S1', 'float32'], "'S1', 'f4'"],
  [['U1', 'complex128'], "'U1', 'c16'"],
  [['U1', 'longdouble'], "'U1', 'g'"],
  [['U40', 'float64'], "'U40', 'f8'"],
  [['V3', 'V3'], "'V3', 'V3'"],
  [['M8[s]', 'M8[ms]'], "'M8[s]', 'M8[ms]'"],
  [['M8[s]', 'm8[s]'], "'M8[s]', 'm8[s]'"],
  [['M8[D]', 'm8[h]'], "'M8[D]', 'm8[h]'"],
  [['m8[s]', 'int64'], "'m8[s]', 'i8'"],
  [['m8[s]', 3], "'m8[s]', 3"],
  [['m8[s]', true], "'m8[s]', True"],
  [['m8[h]', 'm8[m]'], "'m8[h]', 'm8[m]'"],
  [['m8[2s]', 'm8[3s]'], "'m8[2s]', 'm8[3s]'"],
  [['m8[W]', 'm8[D]'], "'m8[W]', 'm8[D]'"],
  [['m8[M]', 'm8[Y]'], "'m8[M]', 'm8[Y]'"],
  [['m8[ms]', 'm8[us]', 'm8[10ns]'], "'m8[ms]', 'm8[us]', 'm8[10ns]'"],
  [['M8', 'M8[s]'], "'M8', 'M8[s]'"],
  [['m8[s]', 'm8'], "'m8[s]', 'm8'"],
];

// Errors: NumPy's exception class (DTypePromotionError is a TypeError) and message.
const errorCases: [ResultTypeOperand[], string][] = [
  [['m8[s]', 'float64'], "'m8[s]', 'f8'"],
  [['m8[s]', 3.5], "'m8[s]', 3.5"],
  [['M8[s]', 3], "'M8[s]', 3"],
  [['m8[s]', 'uint64'], "'m8[s]', 'u8'"],
  [['M8[s]', 'bool'], "'M8[s]', 'bool'"],
  [['U3', 1], "'U3', 1"],
  [['U3', 'M8[s]'], "'U3', 'M8[s]'"],
  [['V3', 'float64'], "'V3', 'f8'"],
  [['U3', 'V3'], "'U3', 'V3'"],
  [['V4', 'V3'], "'V4', 'V3'"],
  [['m8[Y]', 'm8[D]'], "'m8[Y]', 'm8[D]'"],
  [['m8[D]', 'm8[M]'], "'m8[D]', 'm8[M]'"],
];

describe.skipIf(!hasNumpy)(`resultType matches np.result_type${hasNumpy ? '' : ` (${skipReason})`}`, () => {
  const fromNumpy = hasNumpy
    ? numpyJson<string[]>(`
out = []
for args in [${cases.map(([, py]) => `(${py},)`).join(', ')}]:
    out.append(np.result_type(*args).str)
print(json.dumps(out))`)
    : [];
  cases.forEach(([operands, py], i) => {
    it(`result_type(${py})`, () => {
      expect(resultType(...operands).str).toBe(fromNumpy[i]);
    });
  });

  const errors = hasNumpy
    ? numpyJson<[string, string][]>(`
out = []
for args in [${errorCases.map(([, py]) => `(${py},)`).join(', ')}]:
    try:
        np.result_type(*args)
        out.append(['none', ''])
    except TypeError as e:
        out.append([type(e).__name__, str(e)])
print(json.dumps(out))`)
    : [];
  errorCases.forEach(([operands, py], i) => {
    it(`result_type(${py}) raises ${errors[i]?.[0]}`, () => {
      expectError(() => resultType(...operands), TypeError, 'ERR_DTYPE_PROMOTION', errors[i]![1]);
    });
  });
});

describe('resultType arguments', () => {
  it('needs at least one operand (NumPy: ValueError)', () => {
    expectError(() => resultType(), TypeError, 'ERR_INVALID_ARG_COUNT', 'at least one array or dtype is required');
  });

  it('takes an array as a strong operand, 0-d arrays included (NEP 50)', () => {
    const a = new NDArray({ buffer: new ArrayBuffer(1), dtype: 'int8', shape: [] });
    expect(resultType(a, 300).name).toBe('int8');
    expect(resultType(a, 'int16').name).toBe('int16');
  });

  it('rejects a value that is no array, dtype or scalar', () => {
    expectError(() => resultType(null as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an NDArray, a dtype or a JS scalar, got null');
  });
});
