// ErrorCode is the list of every code ndinterop throws: the codes in the
// sources (makeError calls and other code literals in src/, the codes
// native/napi gives core's statuses) are read from the files here and
// compared with errorCodes, the runtime list the type derives from.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/base/errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

// The text of a source file, without the list under test (errors.ts).
function sourceText(file: string): string {
  return readFileSync(file, 'utf8').replace(/export const errorCodes = Object\.freeze\(\[[^\]]*\]/, '');
}

function codesIn(files: readonly string[], literal: RegExp): Set<string> {
  const codes = new Set<string>();
  for (const file of files) for (const match of sourceText(file).matchAll(literal)) codes.add(match[1]!);
  return codes;
}

// Quoted 'ERR_…' literals in TypeScript (makeError's argument, BufferError's
// default code, a code compared against); "ERR_…" strings in the C++.
const jsCodes = codesIn(filesUnder(join(root, 'src'), /\.ts$/), /'(ERR_[A-Z0-9_]+)'/g);
const nativeCodes = codesIn(
  [...filesUnder(join(root, 'native'), /\.(cc|h|inc)$/), ...filesUnder(join(root, 'include'), /\.h$/)],
  /"(ERR_[A-Z0-9_]+)"/g,
);

describe('ErrorCode', () => {
  it('lists every code src/ throws', () => {
    expect(jsCodes.size).toBeGreaterThan(10);
    expect([...jsCodes].filter((code) => !errorCodes.includes(code as never))).toEqual([]);
  });

  it('lists every code native/ and include/ give their errors', () => {
    expect(nativeCodes.has('ERR_INVALID_TYPESTR')).toBe(true);
    expect([...nativeCodes].filter((code) => !errorCodes.includes(code as never))).toEqual([]);
  });

  it('lists no code that nothing throws', () => {
    expect(sourceText(join(root, 'src', 'base', 'errors.ts'))).not.toContain("'ERR_UFUNC_TYPE'");
    expect(errorCodes.filter((code) => !jsCodes.has(code) && !nativeCodes.has(code))).toEqual([]);
  });

  it('lists each code once', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });
});
