// test_umath.py, integer classes: TestDivisionIntegerOverflowsAndDivideByZero,
// TestDivision (integer boundaries and reductions) and TestComparisons
// (the numeric cases). Registered on the umath port by umath.test.ts.
import { expect } from 'vitest';
import { NDArray, asarray, divmod, dtype as toDType, errstate, floor_divide, fmod, full, remainder, ufuncs } from '../../src/index.js';
import type { Port } from './harness.js';
import { raises } from './harness.js';
import { dtypeOfChar, randomIntegers } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

type AnyUfunc = ((...args: unknown[]) => unknown) & { reduce: (a: unknown, o?: object) => unknown };
const byName = ufuncs as unknown as Record<string, AnyUfunc>;
const parameters = (id: string): string[] => /\[(.*)\]$/.exec(id)![1]!.split('-');

/** np.iinfo(dtype): the integer range, as bigints. */
export function iinfo(dtype: string): { min: bigint; max: bigint } {
  const dt = toDType(dtype);
  const bits = BigInt(dt.itemsize * 8);
  return dt.kind === 'u' ? { min: 0n, max: (1n << bits) - 1n } : { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
}

/** Python's `//` on integers (floor division). */
function pyFloorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d !== 0n) && ((n < 0n) !== (d < 0n)) ? q - 1n : q;
}

/** An element or scalar as a bigint (results of integer ufuncs). */
const big = (value: unknown): bigint => BigInt(value as number | bigint);

/** `pytest.warns(RuntimeWarning, match=...)`: `fn` warns with a RuntimeWarning matching `match`. */
function warns<T>(match: RegExp, fn: () => T): T {
  let result!: T;
  const seen = captureWarnings(() => {
    result = fn();
  });
  expect(seen.some((w) => w.name === 'RuntimeWarning' && match.test(w.message)), JSON.stringify(seen)).toBe(true);
  return result;
}

/** No warning at all (NumPy's test suite turns warnings into errors). */
function quiet<T>(fn: () => T): T {
  let result!: T;
  expect(captureWarnings(() => {
    result = fn();
  })).toEqual([]);
  return result;
}

/** The dtype name of a result: an array's, or undefined for a JS scalar (a 0-d result). */
const dtypeOfResult = (res: unknown): string | undefined => (res instanceof NDArray ? res.dtype.name : undefined);

type Extractor = (res: unknown) => unknown;

/**
 * interesting_binop_operands(val1, val2, dtype): scalars, 0-d arrays, long
 * arrays with the values at several positions (with and without a scalar
 * second operand), and oddly strided views. NumPy's scalars are 0-d arrays here.
 */
function* interestingBinopOperands(val1: bigint, val2: bigint, dtype: string): Generator<[unknown, unknown, Extractor, string]> {
  const fill = 1;
  const arr1 = full(10003, fill, { dtype }) as NDArray;
  const arr2 = full(10003, fill, { dtype }) as NDArray;
  const at = (a: NDArray, i: number): NDArray => a.slice(`${i}:${i + 1}`).reshape([]).copy();
  const put = (a: NDArray, i: number, v: bigint): void => a.set(i, v as never);
  put(arr1, 0, val1);
  put(arr2, 0, val2);
  yield [at(arr1, 0), at(arr2, 0), (res) => res, 'scalars'];
  yield [arr1.slice('0:1').reshape([]), arr2.slice('0:1').reshape([]), (res) => res, 'scalar-arrays'];
  put(arr1, 0, BigInt(fill));
  put(arr2, 0, BigInt(fill));
  for (const pos of [0, 1, 2, 3, 4, 5, -1, -2, -3, -4]) {
    const index = pos < 0 ? 10003 + pos : pos;
    put(arr1, index, val1);
    put(arr2, index, val2);
    const extractor: Extractor = (res) => (res as NDArray).get(index);
    yield [arr1, arr2, extractor, `off-${pos}`];
    yield [arr1, at(arr2, index), extractor, `off-${pos}-with-scalar`];
    put(arr1, index, BigInt(fill));
    put(arr2, index, BigInt(fill));
  }
  for (const stride of [-1, 113]) {
    const op1 = arr1.slice(`::${stride}`);
    const op2 = arr2.slice(`::${stride}`);
    op1.set(10, val1 as never);
    op2.set(10, val2 as never);
    yield [op1, op2, (res) => (res as NDArray).get(10), `stride-${stride}`];
    op1.set(10, BigInt(fill) as never);
    op2.set(10, BigInt(fill) as never);
  }
}

const pair = (res: unknown): [unknown, unknown] => res as [unknown, unknown];

export function portIntegerDivision(port: Port): void {
  const T = 'TestDivisionIntegerOverflowsAndDivideByZero::';
  for (const char of 'bhilqnp') {
    port.case(`${T}test_signed_division_overflow[${char}]`, () => {
      const dtype = dtypeOfChar(char);
      const { min } = iinfo(dtype);
      for (const [op1, op2, extractor] of interestingBinopOperands(min, -1n, dtype)) {
        const opDType = (op1 as NDArray).dtype.name;
        let res = warns(/overflow encountered/, () => floor_divide(op1, op2));
        expect(dtypeOfResult(res) ?? opDType).toBe(opDType);
        expect(big(extractor(res))).toBe(min);
        // Remainder is well defined though, and does not warn:
        res = quiet(() => remainder(op1, op2));
        expect(dtypeOfResult(res) ?? opDType).toBe(opDType);
        expect(big(extractor(res))).toBe(0n);
        // Check fmod as well:
        res = quiet(() => fmod(op1, op2));
        expect(big(extractor(res))).toBe(0n);
        // Divmod warns for the division part:
        const [res1, res2] = pair(warns(/overflow encountered/, () => divmod(op1, op2)));
        expect(dtypeOfResult(res1) ?? opDType).toBe(opDType);
        expect(dtypeOfResult(res2) ?? opDType).toBe(opDType);
        expect(big(extractor(res1))).toBe(min);
        expect(big(extractor(res2))).toBe(0n);
      }
    });
  }
  for (const char of 'bBhHiIlLqQnNpP') {
    port.case(`${T}test_divide_by_zero[${char}]`, () => {
      const dtype = dtypeOfChar(char);
      for (const [op1, op2, extractor] of interestingBinopOperands(1n, 0n, dtype)) {
        const opDType = (op1 as NDArray).dtype.name;
        const res = warns(/divide by zero/, () => floor_divide(op1, op2));
        expect(dtypeOfResult(res) ?? opDType).toBe(opDType);
        expect(big(extractor(res))).toBe(0n);
        const [res1, res2] = pair(warns(/divide by zero/, () => divmod(op1, op2)));
        expect(dtypeOfResult(res1) ?? opDType).toBe(opDType);
        expect(dtypeOfResult(res2) ?? opDType).toBe(opDType);
        expect(big(extractor(res1))).toBe(0n);
        expect(big(extractor(res2))).toBe(0n);
      }
    });
  }
  // operator.mod and operator.floordiv on NumPy arrays are np.remainder and np.floor_divide.
  const operations: Record<string, AnyUfunc> = {
    remainder: byName.remainder!, fmod: byName.fmod!, divmod: byName.divmod!, floor_divide: byName.floor_divide!,
    mod: byName.remainder!, floordiv: byName.floor_divide!,
  };
  const dividing = new Set(['divmod', 'floor_divide', 'floordiv']);
  // overflow_results: what `operation(min, -1)` gives without a cast (nocast) and in a wider type (casted).
  const expected = (operation: string, min: bigint, casted: boolean): bigint[] => {
    const quotient = casted ? -min : min;
    if (operation === 'divmod') return [quotient, 0n];
    return dividing.has(operation) ? [quotient] : [0n];
  };
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${T}test_overflows[`)) continue;
    const [operation, dividendName, divisorName] = parameters(id) as [string, string, string];
    port.case(id, () => {
      errstate({ divide: 'warn', over: 'warn' }, () => {
        const op = operations[operation]!;
        const { min } = iinfo(dividendName);
        const arrays = Array.from({ length: 128 }, (_, i) => full(i + 1, min, { dtype: dividendName }) as NDArray);
        const divisor = asarray([-1], { dtype: divisorName });
        const flat = (res: unknown): bigint[] => {
          // np.array(result).flatten('F'): divmod's quotient and remainder interleaved.
          const parts = Array.isArray(res) ? (res as NDArray[]) : [res as NDArray];
          const columns = parts.map((p) => (p.toArray() as unknown[]).map(big));
          return columns[0]!.flatMap((_, i) => columns.map((c) => c[i]!));
        };
        const scalarCall = (): unknown => op(asarray(min, { dtype: dividendName }), asarray(-1, { dtype: divisorName }));
        const scalarValue = (res: unknown): bigint[] => (Array.isArray(res) ? res.map(big) : [big(res)]);
        const nocast = toDType(dividendName).itemsize >= toDType(divisorName).itemsize && dividing.has(operation);
        const want = expected(operation, min, !nocast);
        if (nocast) {
          expect(scalarValue(warns(/overflow encountered in/, scalarCall))).toEqual(want);
          for (const a of arrays) {
            const result = flat(warns(/overflow encountered in/, () => op(a, divisor)));
            expect(result).toEqual(Array.from({ length: a.size }, () => want).flat());
          }
        } else {
          expect(scalarValue(quiet(scalarCall))).toEqual(want);
          for (const a of arrays) {
            const result = flat(quiet(() => op(a, divisor)));
            expect(result).toEqual(Array.from({ length: a.size }, () => want).flat());
          }
        }
      });
    });
  }

  // ---- TestDivision: integer boundaries and reductions ----------------------
  const D = 'TestDivision::';
  /** np.array(values).astype(dtype): Python ints, converted as NumPy's unsafe cast wraps them. */
  const wrapped = (values: bigint[], dtype: string): NDArray => {
    const bits = BigInt(toDType(dtype).itemsize * 8);
    const signed = toDType(dtype).kind === 'i';
    return asarray(values.map((v) => (signed ? BigInt.asIntN : BigInt.asUintN)(Number(bits), v)), { dtype });
  };
  const range = (start: bigint, stop: bigint, step = 1n): bigint[] => {
    const out: bigint[] = [];
    for (let v = start; step > 0n ? v < stop : v > stop; v += step) out.push(v);
    return out;
  };
  const values = (a: NDArray): bigint[] => (a.toArray() as unknown[]).map(big);
  const fpRaises = (match: RegExp, fn: () => unknown): void => void raises('FloatingPointError', fn, match);
  const boundaryCases: Record<string, (fo: { min: bigint; max: bigint }, dtype: string, lsize: bigint, neg: bigint) => [NDArray, NDArray, bigint[]]> = {
    'np.array(range(fo.max-lsize, fo.max)).astype(dtype),np.arange(lsize).astype(dtype),range(15)': (fo, dtype, lsize) =>
      [wrapped(range(fo.max - lsize, fo.max), dtype), wrapped(range(0n, lsize), dtype), range(0n, 15n)],
    'np.arange(fo.min, fo.min+lsize).astype(dtype),np.arange(lsize//-2, lsize//2).astype(dtype),range(fo.min, fo.min + 15)': (fo, dtype, lsize) =>
      [wrapped(range(fo.min, fo.min + lsize), dtype), wrapped(range(pyFloorDiv(lsize, -2n), pyFloorDiv(lsize, 2n)), dtype), range(fo.min, fo.min + 15n)],
    'np.array(range(fo.max-lsize, fo.max)).astype(dtype),np.arange(lsize).astype(dtype),[1,3,9,13,neg, fo.min+1, fo.min//2, fo.max//3, fo.max//4]': (fo, dtype, lsize, neg) =>
      [wrapped(range(fo.max - lsize, fo.max), dtype), wrapped(range(0n, lsize), dtype), [1n, 3n, 9n, 13n, neg, fo.min + 1n, pyFloorDiv(fo.min, 2n), pyFloorDiv(fo.max, 3n), pyFloorDiv(fo.max, 4n)]],
  };
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${D}test_division_int_boundary[`)) continue;
    const body = /\[(.*)\]$/.exec(id)![1]!;
    const dtype = body.slice(0, body.indexOf('-'));
    const exVal = body.slice(body.indexOf('-') + 1);
    port.case(id, () => {
      const fo = iinfo(dtype);
      const neg = fo.min < 0n ? -1n : 1n;
      // Large enough to test SIMD loops and remainder elements
      const lsize = 512n + 7n;
      const [a, b, divisors] = boundaryCases[exVal]!(fo, dtype, lsize, neg);
      const aLst = values(a);
      const bLst = values(b);
      const cDiv = (n: bigint, d: bigint): bigint => (d === 0n ? 0n : n !== 0n && n === fo.min && d === -1n ? fo.min : pyFloorDiv(n, d));
      let ac = a.copy();
      let divAb!: NDArray;
      errstate({ divide: 'ignore' }, () => {
        floor_divide(ac, b, { out: ac });
        divAb = floor_divide(a, b) as NDArray;
      });
      let divLst = aLst.map((x, i) => cDiv(x, bLst[i]!));
      expect(values(divAb), 'Integer arrays floor division check (//)').toEqual(divLst);
      expect(values(ac), 'Integer arrays floor division check (//=)').toEqual(divLst);
      for (const divisor of divisors) {
        ac = a.copy();
        let divA!: NDArray;
        errstate({ divide: 'ignore', over: 'ignore' }, () => {
          divA = floor_divide(a, divisor) as NDArray;
          floor_divide(ac, divisor, { out: ac });
        });
        divLst = aLst.map((i) => cDiv(i, divisor));
        expect(values(divA), 'Integer arrays floor division check (//)').toEqual(divLst);
        expect(values(ac), 'Integer arrays floor division check (//=)').toEqual(divLst);
      }
      errstate({ divide: 'raise', over: 'raise' }, () => {
        if (bLst.includes(0n)) fpRaises(/divide by zero encountered in floor_divide/, () => floor_divide(a, b));
        else floor_divide(a, b);
        if (fo.min !== 0n && aLst.includes(fo.min)) fpRaises(/overflow encountered in floor_divide/, () => floor_divide(a, -1));
        else if (fo.min !== 0n) floor_divide(a, -1);
        fpRaises(/divide by zero encountered in floor_divide/, () => floor_divide(a, 0));
        fpRaises(/divide by zero encountered in floor_divide/, () => {
          const acc = a.copy();
          floor_divide(acc, 0, { out: acc });
        });
        floor_divide(asarray([], { dtype }), 0);
      });
    });
  }
  const reduceCases: Record<string, (fo: { min: bigint; max: bigint }, dtype: string) => NDArray> = {
    'np.array([fo.max, 1, 2, 1, 1, 2, 3], dtype=dtype)': (fo, dtype) => asarray([fo.max, 1n, 2n, 1n, 1n, 2n, 3n], { dtype }),
    'np.array([fo.min, 1, -2, 1, 1, 2, -3]).astype(dtype)': (fo, dtype) => wrapped([fo.min, 1n, -2n, 1n, 1n, 2n, -3n], dtype),
    'np.arange(fo.min, fo.min+(100*10), 10, dtype=dtype)': (fo, dtype) => wrapped(range(fo.min, fo.min + 1000n, 10n), dtype),
    'np.array(range(fo.max-(100*7), fo.max, 7)).astype(dtype)': (fo, dtype) => wrapped(range(fo.max - 700n, fo.max, 7n), dtype),
  };
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${D}test_division_int_reduce[`)) continue;
    const body = /\[(.*)\]$/.exec(id)![1]!;
    const dtype = body.slice(0, body.indexOf('-'));
    const exVal = body.slice(body.indexOf('-') + 1);
    port.case(id, () => {
      const fo = iinfo(dtype);
      const a = reduceCases[exVal]!(fo, dtype);
      const lst = values(a);
      const cDiv = (n: bigint, d: bigint): bigint => (d === 0n || (n !== 0n && n === fo.min && d === -1n) ? 0n : pyFloorDiv(n, d));
      let divA: unknown;
      errstate({ divide: 'ignore' }, () => {
        divA = floor_divide.reduce(a);
      });
      const divLst = lst.slice(1).reduce(cDiv, lst[0]!);
      expect(big(divA), 'Reduce floor integer division check').toBe(divLst);
      errstate({ divide: 'raise', over: 'raise' }, () => {
        fpRaises(/divide by zero encountered in reduce/, () => floor_divide.reduce(wrapped(range(-100n, 100n), dtype)));
        if (fo.min !== 0n) fpRaises(/overflow encountered in reduce/, () => floor_divide.reduce(asarray([fo.min, 1n, -1n], { dtype })));
      });
    });
  }
}

export function portComparisons(port: Port): void {
  const C = 'TestComparisons::';
  const py: Record<string, (x: number | bigint | boolean, y: number | bigint | boolean) => boolean> = {
    lt: (x, y) => x < y, le: (x, y) => x <= y, gt: (x, y) => x > y, ge: (x, y) => x >= y, eq: (x, y) => x == y, ne: (x, y) => x != y, // eslint-disable-line eqeqeq
  };
  const asBits = (res: unknown): number[] => ((res as NDArray).toArray() as boolean[]).map(Number);
  let seed = 1;
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${C}test_comparison_functions[`)) continue;
    const [pyName, npName, dtype] = parameters(id) as [string, string, string];
    const runSeed = seed++;
    port.case(id, () => {
      const pyComp = py[pyName]!;
      const npComp = byName[npName]!;
      let a: NDArray;
      let b: NDArray;
      let scalar: number | boolean;
      if (dtype === 'bool') {
        a = asarray(randomIntegers(1000, 2, runSeed).map(Boolean));
        b = asarray(randomIntegers(1000, 2, runSeed + 1000).map(Boolean));
        scalar = true;
      } else {
        a = asarray(randomIntegers(1000, 9, runSeed).map((v) => v + 1)).astype(dtype);
        b = asarray(randomIntegers(1000, 9, runSeed + 1000).map((v) => v + 1)).astype(dtype);
        scalar = 5;
      }
      const npScalar = asarray(scalar, { dtype });
      const aLst = (a.toArray() as (number | bigint | boolean)[]);
      const bLst = (b.toArray() as (number | bigint | boolean)[]);
      const compB = asBits(npComp(a, b));
      const compBList = aLst.map((x, i) => Number(pyComp(x, bLst[i]!)));
      const compS1 = asBits(npComp(npScalar, b));
      const compS1List = bLst.map((x) => Number(pyComp(scalar, x)));
      const compS2 = asBits(npComp(a, npScalar));
      const compS2List = aLst.map((x) => Number(pyComp(x, scalar)));
      expect(compB, `Failed comparison (${pyName})`).toEqual(compBList);
      expect(compS1, `Failed comparison (${pyName})`).toEqual(compS1List);
      expect(compS2, `Failed comparison (${pyName})`).toEqual(compS2List);
    });
  }
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${C}test_large_integer_direct_comparison[`)) continue;
    // NumPy's test does not use `vals` (both parametrizations compare 2**60 with 2**60 + 1).
    const [, pyName, npName, dtypes] = parameters(id) as [string, string, string, string];
    port.case(id, () => {
      const pyComp = py[pyName]!;
      const npComp = byName[npName]!;
      // Note that float(2**60) + 1 == float(2**60).
      const a1 = asarray([2n ** 60n], { dtype: dtypeOfChar(dtypes[0]!) });
      const a2 = asarray([2n ** 60n + 1n], { dtype: dtypeOfChar(dtypes[1]!) });
      const expected = pyComp(2n ** 60n, 2n ** 60n + 1n);
      expect((npComp(a1, a2) as NDArray).toArray()).toEqual([expected]);
      // Also check the scalars (0-d arrays here):
      const s1 = a1.slice('0:1').reshape([]);
      const s2 = a2.slice('0:1').reshape([]);
      expect(npComp(s1, s2)).toBe(expected);
    });
  }
  for (const id of port.manifest.ids) {
    if (!id.startsWith(`${C}test_unsigned_signed_direct_comparison[`)) continue;
    const [flip, pyName, npName, char] = parameters(id) as [string, string, string, string];
    port.case(id, () => {
      const pyComp = flip === 'True' ? (x: bigint, y: bigint) => py[pyName]!(y, x) : py[pyName]!;
      const npComp = flip === 'True' ? (x: unknown, y: unknown) => byName[npName]!(y, x) : byName[npName]!;
      const dtype = dtypeOfChar(char);
      const arr = asarray([iinfo(dtype).max], { dtype });
      const expected = pyComp(big(arr.get(0)), -1n);
      expect((npComp(arr, -1) as NDArray).toArray()).toEqual([expected]);
      const scalar = arr.slice('0:1').reshape([]);
      expect(npComp(scalar, -1)).toBe(expected);
    });
  }
}
