// Differential harness for the array-function tests: each case is a JS call
// and the same call in NumPy. All NumPy expressions of a file run in one
// python3 process; results are compared by dtype, shape and the exact bytes
// (little-endian, C order), or by value for scalars, or by error class and
// message. Inputs come from mk(dtype, shape, layout), written identically in
// both languages, so one expression string serves both sides.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import * as nd from '../../src/index.js';
import { NDArray } from '../../src/index.js';
import { errorCodes } from '../../src/base/errors.js';
import { hexOf } from '../ufunc/ufunc-numpy.js';

export const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
export const skipReason = 'python3 with NumPy is not installed; NumPy-differential tests skipped';

/** Deterministic test input: values (3i mod 11) - 4 (unsigned and bool: 3i mod 11), converted to `dtype`. */
export function mk(dtype: string, shape: readonly number[], layout: 'c' | 'rev' | 'strided' | 'T' = 'c'): NDArray {
  const unsigned = dtype.startsWith('u') || dtype === 'bool';
  const build = (s: readonly number[]): NDArray => {
    const size = s.reduce((x, y) => x * y, 1);
    const values = new Float64Array(size);
    for (let i = 0; i < size; i += 1) values[i] = ((3 * i) % 11) - (unsigned ? 0 : 4);
    return nd.asarray(values).astype(dtype).reshape([...s]);
  };
  if (layout === 'rev') return nd.flip(build(shape), -1);
  if (layout === 'strided') {
    const wide = build([...shape.slice(0, -1), 2 * shape[shape.length - 1]!]);
    return wide.slice(...shape.slice(0, -1).map(() => ':'), '::2');
  }
  if (layout === 'T') return build([...shape].reverse()).T;
  return build(shape);
}

const pythonPrelude = `
import json, sys, numpy as np
def mk(dtype, shape, layout='c'):
    unsigned = dtype.startswith('u') or dtype == 'bool'
    def build(s):
        size = int(np.prod(s)) if len(s) else 1
        v = (3 * np.arange(size) % 11) - (0 if unsigned else 4)
        return v.astype(np.float64).astype(dtype).reshape(s)
    if layout == 'rev': return np.flip(build(shape), -1)
    if layout == 'strided':
        w = build(list(shape[:-1]) + [2 * shape[-1]])
        return w[..., ::2]
    if layout == 'T': return build(list(reversed(shape))).T
    return build(shape)
def enc(r):
    if isinstance(r, (tuple, list)): return {'list': [enc(x) for x in r]}
    if isinstance(r, np.ndarray):
        c = np.ascontiguousarray(r).astype(r.dtype.newbyteorder('<'))
        return {'dtype': r.dtype.name, 'shape': list(r.shape), 'hex': c.tobytes().hex()}
    if isinstance(r, np.generic): r = r.item()
    if isinstance(r, bool): return {'bool': r}
    if isinstance(r, int): return {'int': str(r)}
    if isinstance(r, float): return {'float': repr(r)}
    if isinstance(r, complex): return {'complex': [repr(r.real), repr(r.imag)]}
    return {'other': repr(r)}
out = []
for expr in json.load(sys.stdin):
    try:
        out.append(enc(eval(expr)))
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e)})
print(json.dumps(out))
`;

type Encoded =
  | { list: Encoded[] }
  | { dtype: string; shape: number[]; hex: string }
  | { bool: boolean }
  | { int: string }
  | { float: string }
  | { complex: [string, string] }
  | { other: string }
  | { error: string; message: string };

/** NumPy's results for `expressions`, in order. */
export function numpyResults(expressions: readonly string[]): Encoded[] {
  const result = spawnSync('python3', ['-W', 'ignore', '-c', pythonPrelude], { input: JSON.stringify(expressions), encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Encoded[];
}

const errorClasses: Record<string, string> = {
  ValueError: 'RangeError',
  IndexError: 'RangeError',
  AxisError: 'RangeError',
  ZeroDivisionError: 'RangeError',
  OverflowError: 'RangeError',
  TypeError: 'TypeError',
};

/** Compares a JS result (or the error it threw) with NumPy's encoded one. */
export function expectSame(actual: { value?: unknown; error?: unknown }, expected: Encoded, label: string, options: { message?: boolean } = {}): void {
  if ('error' in expected) {
    expect(actual.error, `${label}: NumPy raised ${expected.error}: ${expected.message}`).toBeDefined();
    const error = actual.error as Error & { code?: string };
    expect(error.constructor.name, label).toBe(errorClasses[expected.error] ?? expected.error);
    expect((errorCodes as readonly string[]).includes(error.code ?? ''), `${label}: code ${error.code}`).toBe(true);
    if (options.message !== false) expect(error.message, label).toBe(expected.message);
    return;
  }
  if (actual.error !== undefined) throw new Error(`${label}: threw ${(actual.error as Error).message}, NumPy gave ${JSON.stringify(expected).slice(0, 200)}`);
  const value = actual.value;
  if ('list' in expected) {
    expect(Array.isArray(value), label).toBe(true);
    const items = value as unknown[];
    expect(items.length, label).toBe(expected.list.length);
    expected.list.forEach((item, i) => expectSame({ value: items[i] }, item, `${label}[${i}]`));
    return;
  }
  if ('hex' in expected) {
    expect(value, label).toBeInstanceOf(NDArray);
    const a = value as NDArray;
    expect(a.dtype.name, `${label} dtype`).toBe(expected.dtype);
    expect([...a.shape], `${label} shape`).toEqual(expected.shape);
    expect(hexOf(a), `${label} bytes`).toBe(expected.hex);
    return;
  }
  if ('bool' in expected) return void expect(value, label).toBe(expected.bool);
  if ('int' in expected) return void expect(typeof value === 'bigint' ? value : BigInt(value as number), label).toBe(BigInt(expected.int));
  if ('float' in expected) return void expect(value, label).toBe(Number(expected.float.replace('inf', 'Infinity').replace('nan', 'NaN')));
  if ('complex' in expected) return void expect(value, label).toEqual({ re: Number(expected.complex[0]), im: Number(expected.complex[1]) });
  throw new Error(`${label}: unexpected NumPy result ${expected.other}`);
}

/** One differential case: `js` computes, `py` is the NumPy expression. */
export interface Case {
  readonly label: string;
  readonly js: () => unknown;
  readonly py: string;
  /** false: compare the error class only (the message is ndinterop's own). */
  readonly message?: boolean;
}

/** Runs every case against NumPy (one python3 process) and checks each. */
export function runCases(cases: readonly Case[]): void {
  const expected = numpyResults(cases.map((c) => c.py));
  cases.forEach((c, i) => {
    let actual: { value?: unknown; error?: unknown };
    try {
      actual = { value: c.js() };
    } catch (error) {
      actual = { error };
    }
    expectSame(actual, expected[i]!, `${c.label} [${c.py}]`, { message: c.message });
  });
}

export const allDTypes = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64', 'complex64', 'complex128'] as const;
export const layouts = ['c', 'rev', 'strided', 'T'] as const;
