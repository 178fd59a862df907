// The built package's .d.ts as a consumer sees it: test/types/package-usage.ts
// compiles against dist/ (resolved through package.json "exports") with
// strict settings, no @types/node, no lib beyond ES2022 and skipLibCheck off,
// so every .d.ts of the package is checked too; internals stay out of it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('the published types, for a consumer without Node types', 'package-usage.ts', {
  types: [],
  lib: ['lib.es2022.d.ts'],
  skipLibCheck: false,
});

function declarationFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return declarationFiles(path);
    return path.endsWith('.d.ts') ? [path] : [];
  });
}

describe('the published .d.ts files', () => {
  const dist = fileURLToPath(new URL('../../dist', import.meta.url));
  const files = declarationFiles(dist);

  it('exist for both entry points', () => {
    expect(files.some((f) => f.endsWith(join('esm', 'index.d.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('cjs', 'index.d.ts')))).toBe(true);
  });

  it('name no internal member or type', () => {
    const internal = /\b(_fromValidated|ValidatedParts|_dataView|_smallElements|_derive|_reader|_writer|_deferred|_takeDeferred|SmallStore)\b/;
    expect(files.filter((f) => internal.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('declare no underscore member besides the protocol names', () => {
    const member = /^\s*(?:static\s+)?(?:readonly\s+)?(_(?!_)\w*)\s*[(:<?]/gm;
    const underscored = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(member)].map((m) => `${f}: ${m[1]}`));
    expect(underscored).toEqual([]);
  });
});
