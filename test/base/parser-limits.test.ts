// Parsers under hostile sizes (issue 8): a PEP 3118 format with 100,000
// fields parses in linear time (naming unnamed fields used to be cubic), and
// no error message quotes more than 100 bytes of a 1 MB input.
import { describe, expect, it } from 'vitest';
import { dtype, parseBufferFormat, parseTypestr } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

const MB = 1 << 20;
const formatError = "expected a PEP 3118 buffer format like '<d' or 'T{i:a:d:b:}', got ";

describe('PEP 3118 structs with very many fields', () => {
  it('names 100,000 unnamed fields the way NumPy does: the first unused f<n>, skipping explicit names', () => {
    // NumPy: _dtype_from_pep3118('T{iiiid:f1:d:f3:}') names the ints f0, f2, f4, f5.
    const count = 100_000;
    const parsed = parseBufferFormat(`T{${'i'.repeat(count)}d:f1:d:f3:}`);
    const names = parsed.fields!.map((field) => field.name);
    expect(names.length).toBe(count + 2);
    expect(names.slice(0, 4)).toEqual(['f0', 'f2', 'f4', 'f5']);
    expect(names.slice(count - 1)).toEqual([`f${count + 1}`, 'f1', 'f3']);
    expect(new Set(names).size).toBe(count + 2);
    expect(parsed.itemsize).toBe(count * 4 + 16);
    expect(parsed.fields![count]!.offset).toBe(count * 4);
  });

  it('finds a duplicate among 100,000 named fields', () => {
    const count = 100_000;
    const body = Array.from({ length: count }, (_, i) => `B:n${i}:`).join('');
    expect(parseBufferFormat(`T{${body}}`).itemsize).toBe(count);
    const at = 2 + body.length + 2; // after 'T{', the body and 'B:'
    expectError(
      () => parseBufferFormat(`T{${body}B:n${count - 1}:}`),
      TypeError,
      'ERR_INVALID_BUFFER_FORMAT',
      `${formatError}'T{${body.slice(0, 98)}'... (${at + `n${count - 1}:}`.length} bytes) (at character ${at}: duplicate field name 'n${count - 1}')`,
    );
  });
});

describe('error messages quote at most 100 bytes of the input', () => {
  const hundred = (c: string) => c.repeat(100);

  it('a 1 MB datetime unit in a typestr', () => {
    expectError(
      () => parseTypestr(`<M8[${'x'.repeat(MB)}]`),
      TypeError,
      'ERR_INVALID_TYPESTR',
      `expected typestr like '<f8', got '<M8[${'x'.repeat(96)}'... (${MB + 5} bytes) (unknown datetime unit '${hundred('x')}'... (${MB} bytes); expected Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as or generic)`,
    );
  });

  it('1 MB after a datetime unit, and a 1 MB divisor', () => {
    for (const text of [`<M8[ns]${'x'.repeat(MB)}`, `<M8[ns/${'x'.repeat(MB)}]`]) {
      let message = '';
      try {
        parseTypestr(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^expected typestr like '<f8', got '<M8\[ns/);
      expect(message).toContain(`'${hundred('x')}'... (${MB} bytes)`);
      expect(message.length).toBeLessThan(400);
    }
  });

  it('a 1 MB dtype name', () => {
    expectError(() => dtype('a'.repeat(MB)), TypeError, 'ERR_INVALID_DTYPE', `unknown dtype "${hundred('a')}"... (${MB} bytes)`);
  });

  it('a 1 MB sub-array dimension in a buffer format', () => {
    expectError(
      () => parseBufferFormat(`(${'a'.repeat(MB)})i`),
      TypeError,
      'ERR_INVALID_BUFFER_FORMAT',
      `${formatError}'(${'a'.repeat(99)}'... (${MB + 3} bytes) (at character 1: expected an integer sub-array dimension, found '${hundred('a')}'... (${MB} bytes))`,
    );
  });

  it('a 1 MB duplicate field name', () => {
    const name = 'n'.repeat(MB);
    expectError(
      () => parseBufferFormat(`T{i:${name}:i:${name}:}`),
      TypeError,
      'ERR_INVALID_BUFFER_FORMAT',
      `${formatError}'T{i:${'n'.repeat(96)}'... (${2 * MB + 9} bytes) (at character ${MB + 7}: duplicate field name '${hundred('n')}'... (${MB} bytes))`,
    );
  });

  it('a 1 MB repeat count', () => {
    expectError(
      () => parseBufferFormat(`${'9'.repeat(MB)}i`),
      TypeError,
      'ERR_INVALID_BUFFER_FORMAT',
      `${formatError}'${hundred('9')}'... (${MB + 1} bytes) (at character 0: repeat count ${hundred('9')}... (${MB} bytes) does not fit in a C int)`,
    );
  });

  it('a character cut at the limit is left out whole, never split', () => {
    // 'é' is 2 bytes in UTF-8: '<', 98 ASCII bytes and 'é' would end mid-character at byte 100.
    expectError(
      () => parseTypestr(`<${'a'.repeat(98)}é${'b'.repeat(MB)}`),
      TypeError,
      'ERR_INVALID_TYPESTR',
      new RegExp(`^expected typestr like '<f8', got '<a{98}'\\.\\.\\. \\(${MB + 101} bytes\\) \\(`),
    );
  });
});
