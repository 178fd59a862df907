// NumPy's ufunc loops for datetime64 ('M') and timedelta64 ('m'), computed
// in JS on the int64 counts (ufunc.types lists them: 'Mm->M', 'mm->d', ...):
//
// - Units: both operands go to their common unit (src/dtype/datetime-units.ts);
//   an integer operand counts in the other's unit.
// - NaT (the int64 minimum) propagates through arithmetic, maximum and
//   minimum; fmax/fmin skip it; comparisons with it are false but !=;
//   sign reads it as the negative integer it is (-1), as NumPy does.
// - Division: by a zero integer, float or timedelta gives NaT (or 0 for
//   'mm->q', inf/nan for 'mm->d') and the divide flag; floor division of
//   NaT by a timedelta gives 0 and the invalid flag; a float quotient or
//   product that is not finite is NaT. Division of a timedelta by a number
//   truncates toward zero, floor_divide too (NumPy's 'mq->m' and 'md->m'
//   loops: -5s // 2 is -2s); only timedelta // timedelta floors.
import type { DType } from '../dtype/dtype.js';
import { type Meta, NAT, commonMeta, convert, datetimeDType, metaOf, wrap } from '../dtype/datetime-units.js';
import { makeError } from '../base/errors.js';
import { broadcastShapes } from '../array/broadcast.js';
import { bool as boolType, float64, int64 } from '../dtype/promotion.js';
import { asarray } from '../interop/asarray.js';
import { type NDArray, checkReadable, isNDArray, uninitializedArray } from './arrays.js';
import { FP_DIVIDE, FP_INVALID, handleFloatingPointFlags } from './errstate.js';
import { noLoopError, noSignatureLoopError } from './loop-selection.js';
import { weakKindOf } from './operands.js';
import { comparisons, deliver, operandTypesOf, valuesAt, writeAll } from './element-loops.js';


// ---------------------------------------------------------------------------
// Operands

type Kind = 'M' | 'm' | 'q' | 'd';

interface Operand {
  kind: Kind;
  meta: Meta;
  array: NDArray;
}

function operandOf(value: unknown): Operand | undefined {
  if (isNDArray(value)) {
    const a = checkReadable(value);
    const k = a.dtype.kind;
    if (k === 'M' || k === 'm') return { kind: k, meta: metaOf(a.dtype), array: a };
    if (k === 'i' || k === 'u' || k === 'b') return { kind: 'q', meta: { base: '', count: 1n }, array: a };
    if (k === 'f') return { kind: 'd', meta: { base: '', count: 1n }, array: a };
    return undefined;
  }
  const weak = weakKindOf(value);
  if (weak === 'int' || weak === 'bool') return { kind: 'q', meta: { base: '', count: 1n }, array: asarray(value as number) };
  if (weak === 'float') return { kind: 'd', meta: { base: '', count: 1n }, array: asarray(Number(value), { dtype: 'float64' }) };
  return undefined;
}

/** Whether any input is a datetime64 or timedelta64 array. */
export function hasDatetimeInput(inputs: readonly unknown[]): boolean {
  return inputs.some((x) => isNDArray(x) && (x.dtype.kind === 'M' || x.dtype.kind === 'm'));
}

// The counts of an operand at `shape`, in `meta` (integers as they are).
function countsAt(op: Operand, shape: readonly number[], meta: Meta): bigint[] {
  const values = valuesAt(op.array, shape);
  if (op.kind === 'q') return values.map((v) => (typeof v === 'bigint' ? v : BigInt(Number(v))));
  return values.map((v) => convert(v as bigint, op.meta, meta));
}

function floatsAt(op: Operand, shape: readonly number[]): number[] {
  return valuesAt(op.array, shape).map(Number);
}

// ---------------------------------------------------------------------------
// Loops

type Binary = (a: bigint, b: bigint) => bigint;

// A float count truncated toward zero (C's cast), NaT when not finite or out of range.
function fromFloat(x: number): bigint {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return NAT;
  return BigInt(Math.trunc(x));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function pyMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

interface Result {
  dtype: DType;
  values: unknown[];
}

/**
 * A ufunc call with a datetime64/timedelta64 input: its results, or NumPy's
 * TypeError when the ufunc has no loop for these operand kinds.
 */
export function datetimeElementwise(
  name: string,
  inputs: readonly unknown[],
  outs: readonly (NDArray | null)[],
  where: NDArray | undefined,
  dtype: DType | undefined,
): NDArray[] {
  if (name === 'isnat' && !hasDatetimeInput(inputs)) throw noLoopError(name, []);
  const ops = inputs.map(operandOf);
  if (ops.some((op) => op === undefined)) throw noLoopError(name, operandTypesOf(inputs));
  const operands = ops as Operand[];
  const shape = broadcastShapes([...operands.map((op) => op.array.shape), ...outs.filter((o): o is NDArray => o !== null).map((o) => o.shape), ...(where ? [where.shape] : [])]);
  let flags = 0;
  const results = compute(name, operands, shape, (flag) => (flags |= flag));
  if (!results) throw noLoopError(name, operandTypesOf(inputs));
  if (dtype && results.some((r) => r.dtype.kind !== dtype.kind)) {
    throw noSignatureLoopError(name);
  }
  handleFloatingPointFlags(flags, name);
  return results.map((r, j) => {
    const array = uninitializedArray(shape, r.dtype);
    writeAll(array, r.values);
    return deliver(name, array, outs[j] ?? null, where, shape);
  });
}

function compute(name: string, ops: Operand[], shape: readonly number[], raise: (flag: number) => void): Result[] | undefined {
  const kinds = ops.map((op) => op.kind).join('');
  if (ops.length === 1) return unary(name, ops[0]!, shape);
  const [a, b] = ops as [Operand, Operand];
  const compare = comparisons[name];
  // Loops where an integer stands for a timedelta in the other operand's unit.
  const asTimedelta = (op: Operand, other: Operand): Operand => (op.kind === 'q' ? { ...op, kind: 'm', meta: other.meta } : op);
  const pairwise = (x: Operand, y: Operand, strict: boolean, f: (p: bigint, q: bigint, meta: Meta) => unknown, out: (meta: Meta) => DType): Result[] => {
    const meta = commonMeta(x.meta, y.meta, strict);
    const left = countsAt(x, shape, meta);
    const right = countsAt(y, shape, meta);
    return [{ dtype: out(meta), values: left.map((p, i) => f(p, right[i]!, meta)) }];
  };
  const nat = (f: Binary): ((p: bigint, q: bigint) => bigint) => (p, q) => (p === NAT || q === NAT ? NAT : wrap(f(p, q)));
  if (compare && /^(MM|mm|mq|qm|Mq|qM)$/.test(kinds)) {
    const [x, y] = [asTimedelta(a, b), asTimedelta(b, a)];
    return pairwise(x, y, x.kind === 'm' && y.kind === 'm', (p, q) => (p === NAT || q === NAT ? name === 'not_equal' : compare(p < q ? -1 : p > q ? 1 : 0)), () => boolType);
  }
  switch (name) {
    case 'add':
    case 'subtract': {
      if (name === 'add' && /^(Mm|mM|mm|mq|qm|Mq|qM)$/.test(kinds)) {
        const [x, y] = [asTimedelta(a, b), asTimedelta(b, a)];
        const datetime = x.kind === 'M' || y.kind === 'M';
        return pairwise(x, y, !datetime, nat((p, q) => p + q), (meta) => datetimeDType(datetime ? 'M' : 'm', meta));
      }
      if (name === 'subtract' && /^(Mm|mm|MM|mq|qm|Mq)$/.test(kinds)) {
        const [x, y] = [asTimedelta(a, b), asTimedelta(b, a)];
        const kind = x.kind === 'M' && y.kind !== 'M' ? 'M' : 'm';
        return pairwise(x, y, x.kind === 'm' && y.kind === 'm', nat((p, q) => p - q), (meta) => datetimeDType(kind, meta));
      }
      return undefined;
    }
    case 'multiply': {
      if (!/^(mq|qm|md|dm)$/.test(kinds)) return undefined;
      const [t, s] = a.kind === 'm' ? [a, b] : [b, a];
      const counts = countsAt(t, shape, t.meta);
      const factors = s.kind === 'q' ? countsAt(s, shape, s.meta) : floatsAt(s, shape);
      const values = counts.map((c, i) => {
        if (c === NAT) return NAT;
        const f = factors[i]!;
        return typeof f === 'bigint' ? wrap(c * f) : fromFloat(Number(c) * f);
      });
      return [{ dtype: datetimeDType('m', t.meta), values }];
    }
    case 'divide':
    case 'true_divide':
    case 'floor_divide': {
      const floor = name === 'floor_divide';
      if (kinds === 'mq' || kinds === 'md') {
        const counts = countsAt(a, shape, a.meta);
        const divisors = kinds === 'mq' ? countsAt(b, shape, b.meta) : floatsAt(b, shape);
        const values = counts.map((c, i) => {
          const d = divisors[i]!;
          if (d === 0n || d === 0) {
            raise(FP_DIVIDE);
            return NAT;
          }
          if (c === NAT) return NAT;
          // Both divisions by a number truncate toward zero, as NumPy's loops do.
          return typeof d === 'bigint' ? wrap(c / d) : fromFloat(Number(c) / d);
        });
        return [{ dtype: datetimeDType('m', a.meta), values }];
      }
      if (kinds !== 'mm') return undefined;
      return pairwise(a, b, true, (p, q) => {
        if (floor) {
          if (q === 0n) {
            raise(FP_DIVIDE);
            return 0n;
          }
          if (p === NAT || q === NAT) {
            raise(FP_INVALID);
            return 0n;
          }
          return floorDiv(p, q);
        }
        if (p === NAT || q === NAT) return NaN;
        if (q === 0n) raise(p === 0n ? FP_INVALID : FP_DIVIDE);
        return Number(p) / Number(q);
      }, () => (floor ? int64 : float64));
    }
    case 'remainder':
    case 'mod':
    case 'divmod': {
      if (kinds !== 'mm') return undefined;
      const meta = commonMeta(a.meta, b.meta, true);
      const left = countsAt(a, shape, meta);
      const right = countsAt(b, shape, meta);
      const quotients: bigint[] = [];
      const remainders: bigint[] = [];
      left.forEach((p, i) => {
        const q = right[i]!;
        if (name === 'divmod' && (p === NAT || q === NAT)) {
          raise(FP_INVALID);
          quotients.push(0n);
          remainders.push(NAT);
        } else if (q === 0n) {
          raise(FP_DIVIDE);
          quotients.push(0n);
          remainders.push(NAT);
        } else if (p === NAT || q === NAT) {
          quotients.push(0n);
          remainders.push(NAT);
        } else {
          quotients.push(floorDiv(p, q));
          remainders.push(pyMod(p, q));
        }
      });
      const rem = { dtype: datetimeDType('m', meta), values: remainders };
      return name === 'divmod' ? [{ dtype: int64, values: quotients }, rem] : [rem];
    }
    case 'maximum':
    case 'minimum':
    case 'fmax':
    case 'fmin': {
      if (!/^(mm|MM|mq|qm)$/.test(kinds)) return undefined;
      const [x, y] = [asTimedelta(a, b), asTimedelta(b, a)];
      const max = name === 'maximum' || name === 'fmax';
      const skipNaT = name === 'fmax' || name === 'fmin';
      return pairwise(x, y, x.kind === 'm', (p, q) => {
        if (p === NAT || q === NAT) return skipNaT ? (p === NAT ? q : p) : NAT;
        return max ? (p >= q ? p : q) : p <= q ? p : q;
      }, (meta) => datetimeDType(x.kind === 'M' ? 'M' : 'm', meta));
    }
    default:
      return undefined;
  }
}

function unary(name: string, op: Operand, shape: readonly number[]): Result[] | undefined {
  if (op.kind !== 'M' && op.kind !== 'm') return undefined;
  const counts = countsAt(op, shape, op.meta);
  switch (name) {
    case 'isnat':
    case 'isnan':
      return [{ dtype: boolType, values: counts.map((c) => c === NAT) }];
    case 'isfinite':
      return [{ dtype: boolType, values: counts.map((c) => c !== NAT) }];
    case 'isinf':
      return [{ dtype: boolType, values: counts.map(() => false) }];
  }
  if (op.kind !== 'm') return undefined;
  const same = (f: (c: bigint) => bigint): Result[] => [{ dtype: datetimeDType('m', op.meta), values: counts.map((c) => (c === NAT && name !== 'sign' ? NAT : f(c))) }];
  switch (name) {
    case 'negative':
      return same((c) => wrap(-c));
    case 'positive':
      return same((c) => c);
    case 'absolute':
      return same((c) => wrap(c < 0n ? -c : c));
    case 'sign':
      return same((c) => (c > 0n ? 1n : c < 0n ? -1n : 0n));
    default:
      return undefined;
  }
}

/**
 * `ufunc.reduce` of a datetime64/timedelta64 array over `axes` (sorted):
 * maximum, minimum, fmax and fmin of either, add of timedeltas (0 for an
 * empty sum), folded with the elementwise loops above.
 */
export function datetimeReduce(name: string, a: NDArray, axes: readonly number[], keepdims: boolean, dtype: DType | undefined): NDArray {
  const extremum = name === 'maximum' || name === 'minimum' || name === 'fmax' || name === 'fmin';
  if (!extremum && !(name === 'add' && a.dtype.kind === 'm')) throw noLoopError(name, [a.dtype, a.dtype]);
  if (dtype && dtype.kind !== a.dtype.kind) {
    throw noSignatureLoopError(name);
  }
  // The reduced axes last, as one: rows of `count` elements.
  const kept = a.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const keptShape = kept.map((d) => a.shape[d]!);
  const count = axes.reduce((n, d) => n * a.shape[d]!, 1);
  const rows = a.transpose([...kept, ...axes]).copy().reshape([...keptShape, count]);
  let result: NDArray;
  if (count === 0) {
    if (extremum) throw makeError(RangeError, 'ERR_UFUNC_VALUE', `zero-size array to reduction operation ${name} which has no identity`);
    result = uninitializedArray(keptShape, a.dtype);
    writeAll(result, Array<bigint>(result.size).fill(0n));
  } else {
    const last = keptShape.length;
    result = rows.slice(...Array<string>(last).fill(':'), 0).copy();
    for (let i = 1; i < count; i++) {
      result = datetimeElementwise(name, [result, rows.slice(...Array<string>(last).fill(':'), i)], [null], undefined, undefined)[0]!;
    }
  }
  return keepdims ? result.reshape(a.shape.map((n, d) => (axes.includes(d) ? 1 : n))) : result;
}
