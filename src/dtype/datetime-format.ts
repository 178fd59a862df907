// NumPy's datetime_as_string for datetime64 values: ISO 8601 text at the
// dtype's unit ('2020-01-01', '1970-01-01T00:00:00.000000001'), 'NaT' for
// the int64 minimum.

const natValue = -(2n ** 63n);

// Units below a day: how many make one day, and how many fractional second digits they print.
const subDayUnits: Readonly<Record<string, { perDay: bigint; fields: number; fractionDigits: number }>> = {
  h: { perDay: 24n, fields: 1, fractionDigits: 0 },
  m: { perDay: 1440n, fields: 2, fractionDigits: 0 },
  s: { perDay: 86400n, fields: 3, fractionDigits: 0 },
  ms: { perDay: 86400n * 10n ** 3n, fields: 3, fractionDigits: 3 },
  us: { perDay: 86400n * 10n ** 6n, fields: 3, fractionDigits: 6 },
  ns: { perDay: 86400n * 10n ** 9n, fields: 3, fractionDigits: 9 },
  ps: { perDay: 86400n * 10n ** 12n, fields: 3, fractionDigits: 12 },
  fs: { perDay: 86400n * 10n ** 15n, fields: 3, fractionDigits: 15 },
  as: { perDay: 86400n * 10n ** 18n, fields: 3, fractionDigits: 18 },
};

function floorDivide(a: bigint, b: bigint): [bigint, bigint] {
  let quotient = a / b;
  let remainder = a % b;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += b;
  }
  return [quotient, remainder];
}

/** C's printf("%04d"): zero-padded to four characters including the sign. */
function yearText(year: bigint): string {
  return year < 0n ? `-${(-year).toString().padStart(3, '0')}` : year.toString().padStart(4, '0');
}

function two(value: bigint): string {
  return value.toString().padStart(2, '0');
}

// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), after
// Howard Hinnant's civil_from_days.
function civilFromDays(days: bigint): [bigint, bigint, bigint] {
  const shifted = days + 719468n;
  const [era] = floorDivide(shifted, 146097n);
  const dayOfEra = shifted - era * 146097n;
  const yearOfEra = (dayOfEra - dayOfEra / 1460n + dayOfEra / 36524n - dayOfEra / 146096n) / 365n;
  const dayOfYear = dayOfEra - (365n * yearOfEra + yearOfEra / 4n - yearOfEra / 100n);
  const monthIndex = (5n * dayOfYear + 2n) / 153n;
  const day = dayOfYear - (153n * monthIndex + 2n) / 5n + 1n;
  const month = monthIndex < 10n ? monthIndex + 3n : monthIndex - 9n;
  const year = yearOfEra + era * 400n + (month <= 2n ? 1n : 0n);
  return [year, month, day];
}

// The inverse: a proleptic Gregorian date to days since 1970-01-01 (Howard
// Hinnant's days_from_civil).
function daysFromCivil(year: bigint, month: bigint, day: bigint): bigint {
  const y = month <= 2n ? year - 1n : year;
  const [era] = floorDivide(y, 400n);
  const yearOfEra = y - era * 400n;
  const dayOfYear = (153n * (month > 2n ? month - 3n : month + 9n) + 2n) / 5n + day - 1n;
  const dayOfEra = yearOfEra * 365n + yearOfEra / 4n - yearOfEra / 100n + dayOfYear;
  return era * 146097n + dayOfEra - 719468n;
}

/** Days since 1970-01-01 of the first day of the month `months` months after 1970-01 (NumPy's M8[M] to M8[D]). */
export function daysOfMonth(months: bigint): bigint {
  const [years, month] = floorDivide(months, 12n);
  return daysFromCivil(1970n + years, month + 1n, 1n);
}

function dateText(days: bigint): string {
  const [year, month, day] = civilFromDays(days);
  return `${yearText(year)}-${two(month)}-${two(day)}`;
}

/** Splits a unit like '25s' into (25, 's'); '' (generic) gives (1, ''). */
export function splitUnit(unit: string): [bigint, string] {
  const match = /^(\d*)(\w*)$/.exec(unit);
  const multiplier = match && match[1] ? BigInt(match[1]) : 1n;
  return [multiplier, match ? match[2]! : unit];
}

/** ISO text of a datetime64 value, or undefined for units this does not know (generic). */
export function datetimeText(value: bigint, unit: string): string | undefined {
  if (value === natValue) return 'NaT';
  const [multiplier, base] = splitUnit(unit);
  const count = value * multiplier;
  switch (base) {
    case 'Y':
      return yearText(1970n + count);
    case 'M': {
      const [years, month] = floorDivide(count, 12n);
      return `${yearText(1970n + years)}-${two(month + 1n)}`;
    }
    case 'W':
      return dateText(count * 7n);
    case 'D':
      return dateText(count);
  }
  const sub = subDayUnits[base];
  if (!sub) return undefined;
  const [days, withinDay] = floorDivide(count, sub.perDay);
  let minutesOfDay = withinDay;
  let secondsOfMinute = 0n;
  let fraction = 0n;
  if (base === 'h') {
    minutesOfDay = withinDay * 60n;
  } else if (base !== 'm') {
    const [secondsOfDay, rest] = floorDivide(withinDay, sub.perDay / 86400n);
    minutesOfDay = secondsOfDay / 60n;
    secondsOfMinute = secondsOfDay % 60n;
    fraction = rest;
  }
  let text = `${dateText(days)}T${two(minutesOfDay / 60n)}`;
  if (sub.fields >= 2) text += `:${two(minutesOfDay % 60n)}`;
  if (sub.fields === 3) text += `:${two(secondsOfMinute)}`;
  if (sub.fractionDigits > 0) text += `.${fraction.toString().padStart(sub.fractionDigits, '0')}`;
  return text;
}
