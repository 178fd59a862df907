// Error messages quote at most 100 characters of what the caller passed, so
// a hostile or accidental megabyte-long value cannot make a megabyte-long
// message (parsers cap their own excerpts: test/base/parser-limits.test.ts).
import { describe, expect, it } from 'vitest';
import { NDArray, asarray, fromArrayInterface } from '../../src/index.js';
import { describeValue, excerpt } from '../../src/base/errors.js';

describe('describeValue and excerpt', () => {
  it('quote short values whole and cut long ones, saying how long they were', () => {
    expect(describeValue('abc')).toBe('"abc"');
    const long = 'x'.repeat(1_000_000);
    expect(describeValue(long)).toBe(`"${'x'.repeat(100)}"... (1000000 characters)`);
    expect(excerpt('y'.repeat(150))).toBe(`${'y'.repeat(100)}... (150 characters)`);
    expect(excerpt('short')).toBe('short');
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(99)}😀${'b'.repeat(50)}`;
    expect(excerpt(text)).toBe(`${'a'.repeat(99)}... (${text.length} characters)`);
  });

  it('caps names of functions and classes, and survives throwing getters', () => {
    class Named {}
    Object.defineProperty(Named, 'name', { value: 'N'.repeat(10_000) });
    expect(describeValue(new Named())).toBe(`an instance of ${'N'.repeat(100)}... (10000 characters)`);
    const fn = () => 0;
    Object.defineProperty(fn, 'name', { value: 'F'.repeat(500) });
    expect(describeValue(fn)).toBe(`function ${'F'.repeat(100)}... (500 characters)`);
    const hostile = new Proxy({}, { get() { throw new Error('no'); } });
    expect(describeValue(hostile)).toBe('an object');
    expect(describeValue(123n)).toBe('123n');
    expect(describeValue(10n ** 200n)).toBe(`${(10n ** 200n).toString().slice(0, 100)}... (202 characters)`);
  });

  it('keeps API error messages short for huge inputs', () => {
    const huge = 'z'.repeat(1_000_000);
    let message = '';
    try {
      new NDArray({ buffer: new ArrayBuffer(8), dtype: huge as never, shape: [1] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThan(400);
    let descrMessage = '';
    try {
      fromArrayInterface({ shape: [1], typestr: '|V8', descr: [['a'.repeat(1_000_000), '<f8', 'bad']] as never, data: new ArrayBuffer(8), version: 3 });
    } catch (error) {
      descrMessage = (error as Error).message;
    }
    expect(descrMessage.length).toBeGreaterThan(0);
    expect(descrMessage.length).toBeLessThan(600);
    // A huge string is a 'U' array now; where one is refused, it is not quoted whole.
    for (const bad of [() => asarray([huge], { dtype: 'int32' }), () => asarray([huge], { dtype: 'M8[D]' }), () => asarray([huge, 1] as never)]) {
      let asarrayMessage = '';
      try {
        bad();
      } catch (error) {
        asarrayMessage = (error as Error).message;
      }
      expect(asarrayMessage.length).toBeGreaterThan(0);
      expect(asarrayMessage.length).toBeLessThan(400);
    }
  });
});
