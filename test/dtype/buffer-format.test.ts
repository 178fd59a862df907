import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DType, dtype, parseBufferFormat } from '../../src/index.js';
import { littleEndianHost } from '../../src/dtype/dtype.js';
import { thrown } from '../helpers/expect-error.js';

// NumPy's reading of each format (np.asarray of a buffer exporting it), from
// scripts/gen-numpy-dtype-corpus.py: formats NumPy itself writes
// (memoryview(array).format for every dtype, swapped, structured, unaligned)
// and hand-picked ones, accepted and rejected.
interface NumpyScalar {
  str: string;
  kind: string;
  itemsize: number;
  byteorder: string;
  alignment: number;
  unit: string;
}
interface NumpySubarray {
  subarray: NumpyDescription;
  shape: number[];
  itemsize: number;
}
interface NumpyStruct {
  itemsize: number;
  fields: { name: string; offset: number; dtype: NumpyDescription }[];
}
type NumpyDescription = NumpyScalar | NumpySubarray | NumpyStruct;
interface CorpusEntry {
  input: string;
  ok: boolean;
  itemsize?: number;
  dtype?: NumpyDescription;
  shape?: number[];
  descr?: unknown[] | null;
  numpy?: string;
}
const corpus = JSON.parse(readFileSync(new URL('../fixtures/numpy-dtype-corpus.json', import.meta.url), 'utf8')) as {
  bufferFormats: CorpusEntry[];
};

// NumPy's single-item fast path keeps an explicit native order ('<d' has
// byteorder '<' on a little-endian host, where np.dtype('<f8') has '=');
// DTypes always write native order as '=', as np.dtype does.
function normaliseNativeOrder(description: NumpyDescription): NumpyDescription {
  if ('str' in description && description.byteorder === (littleEndianHost ? '<' : '>')) {
    return { ...description, byteorder: '=' };
  }
  return description;
}

// Formats where ndinterop deliberately differs from NumPy 2.4, and why.
const deviations = new Map<string, string>([
  ['Zb', "NumPy's single-item fast path ignores 'Z' before a non-complex code"],
  ['Ze', "NumPy's single-item fast path ignores 'Z' before a non-complex code"],
  ['d>', "NumPy's single-item fast path accepts a byte order after the code"],
  ['<>d', "NumPy's single-item fast path accepts several byte orders in a row"],
  ['<@d', "NumPy's single-item fast path accepts several byte orders in a row"],
  ['i:a:}', "NumPy stops at a stray '}' and ignores the rest of the format"],
  ['T{i:a:}}', "NumPy stops at a stray '}' and ignores the rest of the format"],
  ['}', "NumPy stops at a stray '}' and ignores the rest of the format"],
  ['T{i:a:', "NumPy accepts a 'T{' that is never closed"],
  ['T{', "NumPy accepts a 'T{' that is never closed"],
]);

function describeLikeNumpy(type: DType): NumpyDescription {
  if (type.fields) {
    return {
      itemsize: type.itemsize,
      fields: type.fields.map((field) => ({
        name: field.name,
        offset: field.offset,
        dtype: field.shape
          ? {
              subarray: describeLikeNumpy(field.dtype),
              shape: [...field.shape],
              itemsize: field.shape.reduce((size, dim) => size * dim, field.dtype.itemsize),
            }
          : describeLikeNumpy(field.dtype),
      })),
    };
  }
  return {
    str: type.str,
    kind: type.kind,
    itemsize: type.itemsize,
    byteorder: type.byteorder,
    alignment: type.alignment,
    unit: type.unit,
  };
}

describe('parseBufferFormat agrees with NumPy on the corpus', () => {
  const accepted = corpus.bufferFormats.filter((entry) => entry.ok && !deviations.has(entry.input));
  const rejected = corpus.bufferFormats.filter((entry) => !entry.ok && !deviations.has(entry.input));

  it('the corpus holds formats NumPy writes and formats it rejects', () => {
    expect(accepted.map((entry) => entry.input)).toEqual(expect.arrayContaining(['l', '>Q', 'T{i:a:=d:b:}', '=i']));
    expect(rejected.length).toBeGreaterThan(20);
  });

  it.each(accepted.map((entry) => [JSON.stringify(entry.input), entry] as const))(
    'reads %s as NumPy does',
    (_label, entry) => {
      const parsed = parseBufferFormat(entry.input);
      expect(parsed.itemsize).toBe(entry.itemsize);
      expect(describeLikeNumpy(parsed.dtype)).toEqual(normaliseNativeOrder(entry.dtype!));
      expect(parsed.shape ?? []).toEqual(entry.shape);
      expect(parsed.fields).toBe(parsed.dtype.fields ?? undefined);
    },
  );

  const structs = accepted.filter((entry) => entry.descr !== undefined);
  it.each(structs.map((entry) => [JSON.stringify(entry.input), entry] as const))(
    "gives %s NumPy's descr",
    (_label, entry) => {
      const { dtype: parsed } = parseBufferFormat(entry.input);
      if (entry.descr === null) {
        expect(() => parsed.descr).toThrow(TypeError);
      } else {
        expect(JSON.parse(JSON.stringify(parsed.descr))).toEqual(entry.descr);
      }
    },
  );

  it.each(rejected.map((entry) => [JSON.stringify(entry.input), entry.numpy] as const))(
    'rejects %s (NumPy: %s)',
    (label) => {
      const error = thrown(() => parseBufferFormat(JSON.parse(label) as string));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.code).toBe('ERR_INVALID_BUFFER_FORMAT');
      expect(error.message).toMatch(/^expected a PEP 3118 buffer format like '<d' or 'T\{i:a:d:b:\}', got '/);
    },
  );

  it.each([...deviations])('deliberately rejects %j (%s)', (input) => {
    const error = thrown(() => parseBufferFormat(input));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_BUFFER_FORMAT');
  });
});

describe('single items give the DType NumPy gives', () => {
  it.each([
    ['<d', '<f8', 8],
    ['=q', '<i8', 8],
    ['@i', '<i4', 4],
    ['l', '<i8', 8],
    ['<l', '<i4', 4],
    ['=L', '<u4', 4],
    ['>Q', '>u8', 8],
    ['!h', '>i2', 2],
    ['^d', '<f8', 8],
    ['g', '<f16', 16],
    ['Zf', '<c8', 8],
    ['>Zd', '>c16', 16],
    ['Zg', '<c32', 32],
    ['?', '|b1', 1],
    ['c', '|S1', 1],
    ['5s', '|S5', 5],
    ['3w', '<U3', 12],
    ['O', '|O', 8],
    ['n', '<i8', 8],
    ['N', '<u8', 8],
  ])('%s is %s (itemsize %d)', (format, str, itemsize) => {
    const parsed = parseBufferFormat(format);
    expect(parsed.dtype.str).toBe(str);
    expect(parsed.itemsize).toBe(itemsize);
    expect(parsed.fields).toBeUndefined();
    expect(parsed.shape).toBeUndefined();
  });

  it("matches memoryview(np.zeros(3, '<i8')).format, which is 'l'", () => {
    expect(parseBufferFormat('l').dtype).toBe(dtype('int64'));
  });

  it('turns a repeat count into a sub-array shape', () => {
    const parsed = parseBufferFormat('(2,3)4h');
    expect(parsed.dtype).toBe(dtype('int16'));
    expect(parsed.shape).toEqual([2, 3, 4]);
    expect(parsed.itemsize).toBe(48);
  });
});

describe('structs', () => {
  it('aligns native members and pads the end to the common alignment', () => {
    const parsed = parseBufferFormat('bd');
    expect(parsed.itemsize).toBe(16);
    expect(parsed.alignment).toBe(8);
    expect(parsed.fields!.map((field) => [field.name, field.offset, field.dtype.str])).toEqual([
      ['f0', 0, '|i1'],
      ['f1', 8, '<f8'],
    ]);
  });

  it("packs standard sizes ('=') and native '^'", () => {
    expect(parseBufferFormat('=bi').itemsize).toBe(5);
    expect(parseBufferFormat('^bd').fields![1]!.offset).toBe(1);
  });

  it('keeps field names, padding gaps and nested structs', () => {
    const parsed = parseBufferFormat('T{>h:a:xx3s:b:T{<i:x:}:c:}');
    expect(parsed.fields!.map((field) => [field.name, field.offset])).toEqual([
      ['a', 0],
      ['b', 4],
      ['c', 7],
    ]);
    expect(parsed.fields![0]!.dtype.str).toBe('>i2');
    expect(parsed.fields![2]!.dtype.fields![0]!.dtype.str).toBe('<i4');
    expect(parsed.dtype.descr).toEqual([
      ['a', '>i2'],
      ['', '|V2'],
      ['b', '|S3'],
      ['c', [['x', '<i4']]],
    ]);
  });

  it("names unnamed fields with NumPy's first unused f<n>", () => {
    expect(parseBufferFormat('bi:f0:').fields!.map((field) => field.name)).toEqual(['f1', 'f0']);
  });

  it('keeps whitespace inside names and drops it elsewhere', () => {
    expect(parseBufferFormat(' T{ i : a b : }').fields![0]!.name).toBe(' a b ');
  });
});

describe('buffer format errors', () => {
  const prefix = "expected a PEP 3118 buffer format like '<d' or 'T{i:a:d:b:}', got";
  it.each([
    ['<g', 1, `${prefix} '<g' (at character 1: 'g' (long double) has no standard size; it needs native mode '@' or '^', not '<')`],
    ['<Zg', 1, `${prefix} '<Zg' (at character 1: 'Z' must be followed by 'f' or 'd', found 'g')`],
    ['Zb', 0, `${prefix} 'Zb' (at character 0: 'Z' must be followed by 'f', 'd' or 'g', found 'b')`],
    ['u', 0, `${prefix} 'u' (at character 0: 'u' (UCS-2 strings) cannot be represented)`],
    ['&', 0, `${prefix} '&' (at character 0: '&' (pointers) cannot be represented)`],
    ['2n', 1, `${prefix} '2n' (at character 1: expected a type code (one of ?cbBhHiIlLqQefdgswOx, Zf/Zd/Zg or T{...}), found 'n')`],
    ['<n', 1, `${prefix} '<n' (at character 1: expected a type code (one of ?cbBhHiIlLqQefdswOx, Zf/Zd or T{...}), found 'n')`],
    ['i:a:i:a:', 6, `${prefix} 'i:a:i:a:' (at character 6: duplicate field name 'a')`],
    ['i:a', 1, `${prefix} 'i:a' (at character 1: field name is not closed by ':')`],
    ['(2,3', 0, `${prefix} '(2,3' (at character 0: sub-array shape '(' is not closed by ')')`],
    ['(2,)i', 3, `${prefix} '(2,)i' (at character 3: expected an integer sub-array dimension, found '')`],
    ['(2,-1)i', 3, `${prefix} '(2,-1)i' (at character 3: sub-array dimension -1 is negative)`],
    ['3', 1, `${prefix} '3' (at character 1: expected a type code, found the end of the format)`],
    ['i:a:}', 4, `${prefix} 'i:a:}' (at character 4: '}' without an open 'T{')`],
    ['bT{i:a:', 1, `${prefix} 'bT{i:a:' (at character 1: 'T{' is not closed by '}')`],
    ['1000000000000i', 0, `${prefix} '1000000000000i' (at character 0: repeat count 1000000000000 does not fit in a C int)`],
    ['T{i:\u00e9:i:\u00e9:}', 8, `${prefix} 'T{i:\u00e9:i:\u00e9:}' (at character 8: duplicate field name '\u00e9')`],
    ['i\u{1F600}', 1, `${prefix} 'i\u{1F600}' (at character 1: expected a type code (one of ?cbBhHiIlLqQefdgswOx, Zf/Zd/Zg or T{...}), found '\u{1F600}')`],
  ])('%j fails at character %d', (format, position, message) => {
    const error = thrown(() => parseBufferFormat(format));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_BUFFER_FORMAT');
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
  });

  it('refuses structs nested deeper than 64 levels', () => {
    const error = thrown(() => parseBufferFormat('T{'.repeat(100_000)));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_BUFFER_FORMAT');
    expect(error.position).toBe(128);
    expect(error.message).toBe(
      `expected a PEP 3118 buffer format like '<d' or 'T{i:a:d:b:}', got '${'T{'.repeat(50)}'... (200000 bytes) (at character 128: structs nested deeper than 64 levels)`,
    );
    const deepest = parseBufferFormat(`${'T{'.repeat(64)}b${'}'.repeat(64)}`);
    expect(deepest.itemsize).toBe(1);
  });

  it('rejects a non-string with ERR_INVALID_ARG_TYPE', () => {
    const error = thrown(() => parseBufferFormat(null as unknown as string));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_ARG_TYPE');
    expect(error.message).toBe("expected a PEP 3118 format string like '<d', got null");
  });
});
