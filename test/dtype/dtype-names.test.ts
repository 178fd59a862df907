import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DType, dtype, dtypeByName } from '../../src/dtype/dtype.js';
import { thrown } from '../helpers/expect-error.js';

// np.dtype(name) for every string key of np.sctypeDict, plus names NumPy rejects
// (scripts/gen-numpy-dtype-corpus.py).
interface CorpusEntry {
  input: string;
  ok: boolean;
  dtype?: { str: string; kind: string; itemsize: number; byteorder: string; alignment: number; unit: string };
}
const corpus = JSON.parse(readFileSync(new URL('../fixtures/numpy-dtype-corpus.json', import.meta.url), 'utf8')) as {
  names: CorpusEntry[];
};

// Not NumPy builtins, so not in NumPy's answers: ndinterop's own names.
const ndinteropOnly = new Set(['bfloat16']);

describe('dtype(name) agrees with np.dtype(name)', () => {
  const accepted = corpus.names.filter((entry) => entry.ok);
  const rejected = corpus.names.filter((entry) => !entry.ok && !ndinteropOnly.has(entry.input));

  it.each(accepted.map((entry) => [entry.input, entry] as const))('%s', (_name, entry) => {
    const parsed = dtype(entry.input);
    expect({
      str: parsed.str,
      kind: parsed.kind,
      itemsize: parsed.itemsize,
      byteorder: parsed.byteorder,
      alignment: parsed.alignment,
      unit: parsed.unit,
    }).toEqual(entry.dtype);
  });

  it.each(rejected.map((entry) => [JSON.stringify(entry.input)] as const))('rejects %s', (name) => {
    const error = thrown(() => dtype(JSON.parse(name) as string));
    expect(error).toBeInstanceOf(TypeError);
    expect(['ERR_INVALID_DTYPE', 'ERR_INVALID_TYPESTR']).toContain(error.code);
  });
});

describe('dtype(spec)', () => {
  it('accepts typestrs, codes and names for the same type', () => {
    for (const spec of ['float64', 'double', 'float', 'd', 'f8', '<f8', '=f8']) {
      expect(dtype(spec)).toBe(dtype('float64'));
    }
  });

  it('reads b as int8 and ? and b1 as bool', () => {
    expect(dtype('b').name).toBe('int8');
    expect(dtype('?').name).toBe('bool');
    expect(dtype('b1').name).toBe('bool');
  });

  it('knows bfloat16, which NumPy does not, and writes it as ml_dtypes does', () => {
    expect(dtype('bfloat16').str).toBe('<V2');
    expect(dtype('bfloat16').kind).toBe('f');
    expect(dtypeByName('bfloat16')).toBe(dtype('bfloat16'));
  });

  it('returns a DType as is', () => {
    const swapped = dtype('>i2');
    expect(dtype(swapped)).toBe(swapped);
  });

  it('builds flexible types from their itemsize', () => {
    expect(new DType({ name: 'str', itemsize: 12, byteorder: '<' }).str).toBe('<U3');
    expect(new DType({ name: 'bytes', itemsize: 5, byteorder: '<' }).str).toBe('|S5');
    expect(new DType({ name: 'void', itemsize: 8, byteorder: '=' }).str).toBe('|V8');
    expect(new DType({ name: 'datetime64', itemsize: 8, byteorder: '=', unit: '25s' }).str).toBe('<M8[25s]');
    expect(new DType({ name: 'object', itemsize: 8, byteorder: '=' }).str).toBe('|O');
  });

  it('compares by value, byte order included', () => {
    expect(dtype('<U3').equals(dtype('U3'))).toBe(true);
    expect(dtype('>U3').equals(dtype('<U3'))).toBe(false);
    expect(dtype('M8[ns]').equals(dtype('M8[us]'))).toBe(false);
  });

  it('names a name typo as an unknown dtype', () => {
    const error = thrown(() => dtype('flaot32'));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_DTYPE');
    expect(error.message).toBe("unknown dtype \"flaot32\"; did you mean 'float32'?");
  });

  it('reports a malformed typestr as such', () => {
    const error = thrown(() => dtype('<f3'));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_TYPESTR');
    expect(error.message).toBe(
      "expected typestr like '<f8', got '<f3' (itemsize 3 is not valid for kind 'f'; expected 2, 4, 8 or 16)",
    );
  });

  it('rejects what is not a string or DType', () => {
    const error = thrown(() => dtype(42 as unknown as string));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_INVALID_DTYPE');
    expect(error.message).toBe('expected a dtype name, typestr or DType, got 42');
  });
});
