// The native ufunc kernels against NumPy: every loop of the listed ufuncs runs
// on NumPy's special values (signed zeros, infinities, NaN, subnormals,
// integer extremes); results must be bit-identical and raise the same
// floating-point flags. Expected values come from scripts/numpy-kernel-oracle.py.
import { describe, expect, it } from 'vitest';
import { native } from '../../src/base/native.js';
import {
  describeMismatch,
  mismatches,
  numpyAvailable,
  numpyJson,
  operandChars,
  runNative,
  runOracle,
  skipWithoutNumpy,
  type OracleCase,
} from './kernels-oracle.js';

const exactUfuncs = [
  'add', 'subtract', 'multiply', 'divide',
  'equal', 'not_equal', 'less', 'less_equal', 'greater', 'greater_equal',
  'logical_and', 'logical_or', 'logical_xor', 'logical_not',
  'maximum', 'minimum', 'fmax', 'fmin',
  'isnan', 'isinf', 'isfinite', 'signbit',
  'negative', 'positive', 'absolute', 'fabs', 'square', 'reciprocal', 'sign', 'conjugate',
  'floor_divide', 'remainder', 'fmod', 'divmod',
  'bitwise_and', 'bitwise_or', 'bitwise_xor', 'invert', 'left_shift', 'right_shift',
  'gcd', 'lcm', 'bitwise_count',
  'floor', 'ceil', 'trunc', 'rint', 'sqrt',
  'copysign', 'nextafter', 'spacing', 'ldexp', 'frexp', 'modf', 'heaviside',
];

// Loops whose exact bits depend on the math library; NumPy's own may differ
// in the last bits (it uses SIMD implementations on AVX2/AVX-512 machines).
const transcendentalUfuncs = [
  'cbrt', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p',
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
  'arcsinh', 'arccosh', 'arctanh', 'degrees', 'radians', 'deg2rad', 'rad2deg',
  'arctan2', 'hypot', 'logaddexp', 'logaddexp2', 'power', 'float_power',
];

function numpyLoops(names: string[]): Array<[string, string]> {
  const loops: Array<[string, string]> = [];
  for (const name of names) {
    for (const types of native.ufuncTable[name]?.types ?? []) {
      if (!types.includes('E')) loops.push([name, types]);
    }
  }
  return loops;
}

describe.skipIf(!numpyAvailable)(`ufuncTable matches NumPy 2.4${skipWithoutNumpy}`, () => {
  const numpyTable = numpyJson<Record<string, { nin: number; nout: number; types: string[] }>>(`
import json, numpy as np
ok = set("?bBhHiIlLqQefdFDgG")
out = {}
for n in dir(np):
    u = getattr(np, n)
    if isinstance(u, np.ufunc) and u.signature is None and n == u.__name__:
        out[n] = {"nin": u.nin, "nout": u.nout,
                  "types": [t for t in u.types if all(c in ok for c in t.replace("->", ""))]}
print(json.dumps(out))`);

  it.each(Object.keys(native.ufuncTable))('%s has NumPy nin, nout and types (bfloat16 loops aside)', (name) => {
    const entry = native.ufuncTable[name]!;
    expect(numpyTable[name]).toBeDefined();
    expect(entry.nin).toBe(numpyTable[name]!.nin);
    expect(entry.nout).toBe(numpyTable[name]!.nout);
    expect(entry.types.filter((t) => !t.includes('E'))).toEqual(numpyTable[name]!.types);
  });

  it('puts each bfloat16 loop right after the float16 loop it mirrors', () => {
    const types = native.ufuncTable.add!.types;
    expect(types.indexOf('EE->E')).toBe(types.indexOf('ee->e') + 1);
    expect(native.ufuncTable.isnan!.types).toContain('E->?');
    expect(native.ufuncTable.ldexp?.types ?? ['Ei->E']).toContain('Ei->E');
  });

  it('reports identities as NumPy does', () => {
    expect(native.ufuncTable.add!.identity).toBe(0);
    expect(native.ufuncTable.multiply!.identity).toBe(1);
    expect(native.ufuncTable.maximum!.identity).toBe('reorderable-none');
    expect(native.ufuncTable.subtract!.identity).toBe(null);
    expect(native.ufuncTable.logical_and!.identity).toBe(true);
    expect(native.ufuncTable.logical_or!.identity).toBe(false);
  });
});

function checkAgainstNumpy(ufuncs: string[], ulps: number, checkFlags: boolean): void {
  const loops = numpyLoops(ufuncs);
  const cases: OracleCase[] = loops.map(([name, types]) => ({ kind: 'ufunc', name, types }));
  const results = numpyAvailable ? runOracle(cases) : [];

  it.each(loops.map(([name, types], i) => [name, types, i] as const))('%s %s', (name, types, i) => {
    const result = results[i]!;
    const { outputs, flags } = runNative(name, types, result);
    const chars = operandChars(types);
    const nin = native.ufuncTable[name]!.nin;
    outputs.forEach((actual, k) => {
      const expected = Uint8Array.from(Buffer.from(result.outputs[k]!, 'hex'));
      const bad = mismatches(chars[nin + k]!, expected, actual, ulps);
      expect(bad.slice(0, 3).map((index) => describeMismatch(result, chars, k, index, actual))).toEqual([]);
    });
    if (checkFlags) expect(flags).toBe(result.flags);
  });
}

describe.skipIf(!numpyAvailable)(`exact kernels give NumPy's bits and flags${skipWithoutNumpy}`, () => {
  checkAgainstNumpy(exactUfuncs, 0, true);
});

describe.skipIf(!numpyAvailable)(`transcendental kernels stay within 4 ulp of NumPy${skipWithoutNumpy}`, () => {
  checkAgainstNumpy(transcendentalUfuncs, 4, false);
});
