// The units of datetime64 and timedelta64 as NumPy combines them: the
// common unit of two (NumPy's greatest common divisor of their metadata:
// generic takes the other; [2h] and [45m] give [15m]; years and months are
// 12 apart; between them and the linear units only a datetime converts,
// through the calendar, and two timedeltas are NumPy's TypeError), and
// counts converted into it. Used by type promotion and the datetime loops
// (src/ufunc/datetime.ts).
import { type DType, dtype as toDType } from './dtype.js';
import { daysOfMonth, splitUnit } from './datetime-format.js';
import { makeError } from '../base/errors.js';

/** NaT: the int64 minimum. */
export const NAT = -(2n ** 63n);

/** An int64 count wrapped as C's int64 arithmetic does. */
export const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

export interface Meta {
  /** '' for generic, else Y M W D h m s ms us ns ps fs as. */
  readonly base: string;
  readonly count: bigint;
}

const linear = ['W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as'];
const perNext: Readonly<Record<string, bigint>> = { W: 7n, D: 24n, h: 60n, m: 60n, s: 1000n, ms: 1000n, us: 1000n, ns: 1000n, ps: 1000n, fs: 1000n };

export function metaOf(dt: DType): Meta {
  const [count, base] = splitUnit(dt.unit);
  return { base, count };
}

const nonlinear = (m: Meta): boolean => m.base === 'Y' || m.base === 'M';

function unitText(m: Meta): string {
  return m.base === '' ? '' : m.count === 1n ? m.base : `${m.count}${m.base}`;
}

/** How many `to` units make one `from` unit (`to` as fine or finer, both linear). */
function ticks(from: string, to: string): bigint {
  let factor = 1n;
  for (let i = linear.indexOf(from); i < linear.indexOf(to); i++) factor *= perNext[linear[i]!]!;
  return factor;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** NumPy's common unit of two metadata; `strict` (two timedeltas) refuses years/months against linear units. */
export function commonMeta(a: Meta, b: Meta, strict: boolean): Meta {
  if (a.base === '') return b;
  if (b.base === '') return a;
  if (nonlinear(a) && nonlinear(b)) {
    if (a.base === 'Y' && b.base === 'Y') return { base: 'Y', count: gcd(a.count, b.count) };
    const months = (m: Meta): bigint => m.count * (m.base === 'Y' ? 12n : 1n);
    return { base: 'M', count: gcd(months(a), months(b)) };
  }
  if (nonlinear(a) || nonlinear(b)) {
    if (strict) {
      throw makeError(
        TypeError,
        'ERR_UFUNC_TYPE',
        `Cannot get a common metadata divisor for Numpy datetime metadata [${unitText(a)}] and [${unitText(b)}] because they have incompatible nonlinear base time units.`,
      );
    }
    // A datetime in years or months goes through the calendar to days.
    const day = { base: 'D', count: 1n };
    return commonMeta(nonlinear(a) ? day : a, nonlinear(b) ? day : b, false);
  }
  const finer = linear.indexOf(a.base) >= linear.indexOf(b.base) ? a.base : b.base;
  return { base: finer, count: gcd(a.count * ticks(a.base, finer), b.count * ticks(b.base, finer)) };
}

/** A count from one unit into another (`to` from commonMeta, so exact); `datetime` converts years/months through the calendar. */
export function convert(value: bigint, from: Meta, to: Meta): bigint {
  if (value === NAT || from.base === '' || to.base === '' || (from.base === to.base && from.count === to.count)) return value;
  if (nonlinear(from)) {
    const months = value * from.count * (from.base === 'Y' ? 12n : 1n);
    if (nonlinear(to)) return months / (to.count * (to.base === 'Y' ? 12n : 1n));
    return convert(daysOfMonth(months), { base: 'D', count: 1n }, to);
  }
  return wrap((value * from.count * ticks(from.base, to.base)) / to.count);
}

export function datetimeDType(kind: 'M' | 'm', meta: Meta): DType {
  const unit = unitText(meta);
  return toDType(unit === '' ? `<${kind}8` : `<${kind}8[${unit}]`);
}

/**
 * A date in ISO 8601 text ('2010-01-02', '1833-03', '2010', 'NaT') as a
 * datetime64 count in `unit` (NumPy's parse of a date string; a month or a
 * year is its first day). Undefined for any other text (times of day
 * included).
 */
export function parseDate(text: string, unit: string): bigint | undefined {
  if (text.trim().toUpperCase() === 'NAT') return NAT;
  const match = /^\s*(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?\s*$/.exec(text);
  if (!match) return undefined;
  const year = BigInt(match[1]!);
  const month = match[2] === undefined ? undefined : BigInt(match[2]);
  const day = match[3] === undefined ? undefined : BigInt(match[3]);
  if (month !== undefined && (month < 1n || month > 12n)) return undefined;
  const months = (year - 1970n) * 12n + (month ?? 1n) - 1n;
  const target = metaOf(toDType(unit === '' ? 'M8' : `M8[${unit}]`));
  if (day === undefined) {
    const from: Meta = month === undefined ? { base: 'Y', count: 1n } : { base: 'M', count: 1n };
    const value = month === undefined ? year - 1970n : months;
    return target.base === '' ? value : convert(value, from, target);
  }
  const days = daysOfMonth(months) + day - 1n;
  if (day < 1n || daysOfMonth(months + 1n) - daysOfMonth(months) < day) return undefined;
  return target.base === '' ? days : convert(days, { base: 'D', count: 1n }, target);
}