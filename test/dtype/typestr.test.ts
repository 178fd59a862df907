import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DType, dtype, parseTypestr } from '../../src/index.js';
import { thrown } from '../helpers/expect-error.js';

// NumPy's answers (np.dtype(s) on x86-64 Linux), written by scripts/gen-numpy-dtype-corpus.py.
interface NumpyScalar {
  str: string;
  kind: string;
  itemsize: number;
  byteorder: string;
  alignment: number;
  unit: string;
}
interface CorpusEntry {
  input: string;
  ok: boolean;
  dtype?: NumpyScalar;
  numpy?: string;
}
const corpus = JSON.parse(readFileSync(new URL('../fixtures/numpy-dtype-corpus.json', import.meta.url), 'utf8')) as {
  typestrs: CorpusEntry[];
};

// Strings where ndinterop deliberately differs from NumPy 2.4, and why.
const deviations = new Map<string, string>([
  ['M8[s/0]', 'NumPy divides by zero and crashes (SIGFPE); ndinterop rejects a zero divisor'],
  ['M8[s/-2]', "NumPy gives the nonsense unit '-500ms'; ndinterop rejects a negative divisor"],
  ['M8[2147483647s/2]', "NumPy's int32 multiplier overflows to '-500ms'; ndinterop rejects it"],
]);

function expectSameAsNumpy(actual: DType, expected: NumpyScalar): void {
  expect({
    str: actual.str,
    kind: actual.kind,
    itemsize: actual.itemsize,
    byteorder: actual.byteorder,
    alignment: actual.alignment,
    unit: actual.unit,
  }).toEqual(expected);
}

describe('parseTypestr agrees with np.dtype on the NumPy corpus', () => {
  const accepted = corpus.typestrs.filter((entry) => entry.ok && !deviations.has(entry.input));
  const rejected = corpus.typestrs.filter((entry) => !entry.ok && !deviations.has(entry.input));

  it('the corpus holds both accepted and rejected typestrs', () => {
    expect(accepted.length).toBeGreaterThan(400);
    expect(rejected.length).toBeGreaterThan(300);
  });

  it.each(accepted.map((entry) => [JSON.stringify(entry.input), entry] as const))(
    'reads %s as NumPy does',
    (_label, entry) => {
      expectSameAsNumpy(parseTypestr(entry.input), entry.dtype!);
    },
  );

  it.each(rejected.map((entry) => [JSON.stringify(entry.input), entry] as const))(
    'rejects %s as NumPy does',
    (_label, entry) => {
      const error = thrown(() => parseTypestr(entry.input));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.code).toBe('ERR_INVALID_TYPESTR');
      expect(error.message).toMatch(/^expected typestr like '<f8', got '/);
    },
  );

  it.each([...deviations])('deliberately rejects %s (%s)', (input) => {
    const error = thrown(() => parseTypestr(input));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_TYPESTR');
  });
});

describe('typestr rules (hand table from NumPy 2.4)', () => {
  it.each([
    ['<f8', '<f8', 'float64'],
    ['|b1', '|b1', 'bool'],
    ['b1', '|b1', 'bool'],
    ['>b1', '|b1', 'bool'],
    ['b', '|i1', 'int8'],
    ['?', '|b1', 'bool'],
    ['>B', '|u1', 'uint8'],
    ['|i4', '<i4', 'int32'],
    ['=i4', '<i4', 'int32'],
    ['>i4', '>i4', 'int32'],
    ['l', '<i8', 'int64'],
    ['q', '<i8', 'int64'],
    ['p', '<i8', 'int64'],
    ['N', '<u8', 'uint64'],
    ['g', '<f16', 'longdouble'],
    ['f16', '<f16', 'longdouble'],
    ['G', '<c32', 'clongdouble'],
    ['O4', '|O', 'object'],
    ['c', '|S1', 'bytes'],
    ['S', '|S0', 'bytes'],
    ['<U0', '<U0', 'str'],
    ['<U3', '<U3', 'str'],
    ['>V8', '|V8', 'void'],
    ['M8', '<M8', 'datetime64'],
    ['>m8[25s]', '>m8[25s]', 'timedelta64'],
    ['M8[1s]', '<M8[s]', 'datetime64'],
    ['M8[10generic]', '<M8', 'datetime64'],
    ['M8[\u03bcs]', '<M8[us]', 'datetime64'],
    ['M8[D/4]', '<M8[6h]', 'datetime64'],
    ['M8[Y/5]', '<M8[73D]', 'datetime64'],
    ['M8[8s/8000]', '<M8[1000us]', 'datetime64'],
    ['i 4', '<i4', 'int32'],
    ['S+5', '|S5', 'bytes'],
  ])('%s is %s (%s)', (input, str, name) => {
    const parsed = parseTypestr(input);
    expect(parsed.str).toBe(str);
    expect(parsed.name).toBe(name);
  });

  it('counts U sizes in characters of 4 bytes', () => {
    expect(parseTypestr('<U3').itemsize).toBe(12);
    expect(parseTypestr('U536870911').itemsize).toBe(2147483644);
  });

  it('keeps the datetime unit', () => {
    expect(parseTypestr('<M8[25s]').unit).toBe('25s');
    expect(parseTypestr('m8').unit).toBe('');
  });

  it('parses swapped types as viewable DTypes that are not native', () => {
    const swapped = parseTypestr('>f8');
    expect(swapped.isNative).toBe(false);
    expect(swapped.equals(dtype('float64'))).toBe(false);
    expect(swapped.newByteOrder('=').equals(dtype('float64'))).toBe(true);
    expect(parseTypestr('<f8')).toBe(dtype('float64'));
  });

  it('treats |V8 as plain void', () => {
    const voidType = parseTypestr('|V8');
    expect(voidType.name).toBe('void');
    expect(voidType.itemsize).toBe(8);
  });
});

describe('typestr errors', () => {
  it.each([
    ['<f3', 2, "expected typestr like '<f8', got '<f3' (itemsize 3 is not valid for kind 'f'; expected 2, 4, 8 or 16)"],
    ['<i3', 2, "expected typestr like '<f8', got '<i3' (itemsize 3 is not valid for kind 'i'; expected 1, 2, 4 or 8)"],
    ['<c4', 2, "expected typestr like '<f8', got '<c4' (itemsize 4 is not valid for kind 'c'; expected 8, 16 or 32)"],
    ['>b2', 2, "expected typestr like '<f8', got '>b2' (itemsize 2 is not valid for kind 'b'; expected 1)"],
    ['O2', 1, "expected typestr like '<f8', got 'O2' (itemsize 2 is not valid for kind 'O'; expected 4 or 8)"],
    ['', 0, "expected typestr like '<f8', got '' (empty string)"],
    ['<', 1, "expected typestr like '<f8', got '<' (byte order '<' must be followed by a type)"],
    ['!i4', 0, "expected typestr like '<f8', got '!i4' (unknown type character '!')"],
    ['<i4 ', 3, "expected typestr like '<f8', got '<i4 ' (expected a decimal itemsize after kind 'i', found '4 ')"],
    ['d8', 1, "expected typestr like '<f8', got 'd8' (type code 'd' takes no itemsize, found '8')"],
    ['S-1', 1, "expected typestr like '<f8', got 'S-1' (itemsize -1 is negative)"],
    [
      'U536870912',
      1,
      "expected typestr like '<f8', got 'U536870912' (length 536870912 is too large for kind 'U', at most 536870911 characters)",
    ],
    ['M8[]', 3, "expected typestr like '<f8', got 'M8[]' (empty datetime unit '[]')"],
    [
      'M8[xx]',
      3,
      "expected typestr like '<f8', got 'M8[xx]' (unknown datetime unit 'xx'; expected Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as or generic)",
    ],
    ['M8[s', 4, "expected typestr like '<f8', got 'M8[s' (missing ']' after the datetime unit)"],
    ['M8[s]x', 5, "expected typestr like '<f8', got 'M8[s]x' (unexpected 'x' after the datetime unit)"],
    ['M8[-1s]', 3, "expected typestr like '<f8', got 'M8[-1s]' (datetime multiplier -1 is negative)"],
    [
      'M8[s/1001]',
      5,
      "expected typestr like '<f8', got 'M8[s/1001]' (divisor 1001 does not divide 's' into a whole number of a finer unit)",
    ],
    ['M8[generic/2]', 11, "expected typestr like '<f8', got 'M8[generic/2]' (a divisor needs a unit, not generic)"],
    ['i\u00004', 1, "expected typestr like '<f8', got 'i\\x004' (expected a decimal itemsize after kind 'i', found '\\x004')"],
  ])('%j fails at character %d: %s', (input, position, message) => {
    const error = thrown(() => parseTypestr(input));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_TYPESTR');
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
  });

  it('quotes at most 100 characters of a long input', () => {
    const error = thrown(() => parseTypestr(`<f${'9'.repeat(5000)}`));
    expect(error.message).toBe(
      `expected typestr like '<f8', got '<f${'9'.repeat(98)}'... (5002 bytes) (itemsize 18446744073709551615 is not valid for kind 'f'; expected 2, 4, 8 or 16)`,
    );
    expect(error.position).toBe(2);
  });

  it('rejects a non-string with ERR_INVALID_ARG_TYPE', () => {
    const error = thrown(() => parseTypestr(8 as unknown as string));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_ARG_TYPE');
    expect(error.message).toBe("expected a typestr string like '<f8', got 8");
  });

  it('does not read dtype names as typestrs', () => {
    expect(thrown(() => parseTypestr('float64')).code).toBe('ERR_INVALID_TYPESTR');
  });
});
