// The harness of the ported NumPy suites: every pytest case id NumPy's own
// test file has (manifest/<suite>.json, written by collect.py) becomes one
// vitest case, either a port (NumPy's assertions in JS) or a skip with its
// reason. A case nobody accounted for, or a port of an id NumPy does not
// have, fails the suite; SKIPS.md lists the skips per suite and reason and is
// checked against them (CONFORMANCE_UPDATE=1 rewrites it).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BufferError } from '../../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const skipsFile = join(here, 'SKIPS.md');

type Body = () => void | Promise<void>;

interface SkipRule {
  readonly match: RegExp;
  readonly reason: string;
}

interface Manifest {
  readonly numpy: string;
  readonly file: string;
  readonly ids: readonly string[];
}

export class Port {
  readonly #cases = new Map<string, Body>();
  readonly #skips: SkipRule[] = [];
  readonly manifest: Manifest;

  constructor(readonly suite: string) {
    this.manifest = JSON.parse(readFileSync(join(here, 'manifest', `${suite}.json`), 'utf8')) as Manifest;
  }

  /** Ports the pytest case `id` (its full id, parameters included). */
  case(id: string, body: Body): void {
    if (this.#cases.has(id)) throw new Error(`case ${id} ported twice`);
    this.#cases.set(id, body);
  }

  /** Skips every not-ported case whose id matches (a string matches an id prefix). */
  skip(match: RegExp | string, reason: string): void {
    const pattern = typeof match === 'string' ? new RegExp(`^${match.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\[|$)`) : match;
    this.#skips.push({ match: pattern, reason });
  }

  /** The skip reason of `id`, or undefined when it is ported or unaccounted for. */
  #reasonFor(id: string): string | undefined {
    if (this.#cases.has(id)) return undefined;
    return this.#skips.find((rule) => rule.match.test(id))?.reason;
  }

  /** Registers the vitest cases: call once, after every case and skip. */
  run(): void {
    const ids = this.manifest.ids;
    const known = new Set(ids);
    describe(`NumPy ${this.manifest.numpy} ${this.manifest.file} (ported)`, () => {
      for (const id of ids) {
        const body = this.#cases.get(id);
        if (body) it(id, body);
        else {
          const reason = this.#reasonFor(id);
          if (reason !== undefined) it.skip(`${id} [skip: ${reason}]`, () => undefined);
        }
      }
    });
    describe(`${this.suite}: the port accounts for NumPy's cases`, () => {
      it('every collected case is ported or skipped with a reason', () => {
        const missing = ids.filter((id) => !this.#cases.has(id) && this.#reasonFor(id) === undefined);
        expect(missing).toEqual([]);
      });
      it('every port names a case NumPy has', () => {
        expect([...this.#cases.keys()].filter((id) => !known.has(id))).toEqual([]);
      });
      it(`SKIPS.md lists this suite's skips`, () => {
        const section = this.skipSection();
        const text = readFileSync(skipsFile, 'utf8');
        const updated = replaceSection(text, this.suite, section);
        if (process.env.CONFORMANCE_UPDATE === '1' && updated !== text) writeFileSync(skipsFile, updated);
        else expect(updated).toBe(text);
      });
    });
  }

  /** This suite's part of SKIPS.md: counts, then each reason with the tests it covers. */
  skipSection(): string {
    const byReason = new Map<string, Map<string, number>>();
    let skipped = 0;
    for (const id of this.manifest.ids) {
      const reason = this.#reasonFor(id);
      if (reason === undefined) continue;
      skipped += 1;
      const test = id.replace(/\[.*$/, '');
      const tests = byReason.get(reason) ?? new Map<string, number>();
      tests.set(test, (tests.get(test) ?? 0) + 1);
      byReason.set(reason, tests);
    }
    const lines = [
      `### ${this.suite}: \`${this.manifest.file}\``,
      '',
      `${this.manifest.ids.length} cases: ${this.#cases.size} ported, ${skipped} skipped.`,
      '',
    ];
    for (const [reason, tests] of byReason) {
      const count = [...tests.values()].reduce((a, b) => a + b, 0);
      lines.push(`- ${reason} (${count}): ${[...tests].map(([test, n]) => (n > 1 ? `\`${test}\` ×${n}` : `\`${test}\``)).join(', ')}`);
    }
    return lines.join('\n');
  }
}

function replaceSection(text: string, suite: string, section: string): string {
  const begin = `<!-- begin ${suite} -->`;
  const end = `<!-- end ${suite} -->`;
  const block = `${begin}\n${section}\n${end}`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < 0) return `${text.trimEnd()}\n\n${block}\n`;
  return text.slice(0, start) + block + text.slice(stop + end.length);
}

/**
 * The JS classes a Python exception class becomes (README.md, "Errors"):
 * ndinterop throws built-in classes by DESIGN.md's rules, so NumPy's
 * ValueError is a RangeError for values out of range and a TypeError for an
 * argument of the wrong kind; OverflowError and AxisError are RangeErrors.
 */
export const pythonErrors = {
  TypeError: [TypeError],
  ValueError: [RangeError, TypeError],
  OverflowError: [RangeError],
  AxisError: [RangeError],
  BufferError: [BufferError],
  RuntimeError: [RangeError, TypeError],
  FloatingPointError: [RangeError],
  IndexError: [RangeError],
  UnicodeDecodeError: [RangeError],
} as const;

export type PythonError = keyof typeof pythonErrors;

/** pytest.raises(kind[, match]): `fn` throws an error of one of kind's JS classes, with a code. */
export function raises(kind: PythonError, fn: () => unknown, match?: RegExp | string): Error {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${kind}`).toBeInstanceOf(Error);
  const classes: readonly (new (...args: never[]) => Error)[] = pythonErrors[kind];
  expect(classes.some((cls) => caught instanceof cls), `${String(caught)} is not a ${kind}`).toBe(true);
  expect(typeof (caught as { code?: unknown }).code).toBe('string');
  if (match !== undefined) expect((caught as Error).message).toMatch(match);
  return caught as Error;
}
