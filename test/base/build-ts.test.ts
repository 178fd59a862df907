// scripts/build-ts.mjs's stamp, in a scratch copy of the sources (never the
// repository's own dist/, which the other suites load): a build whose inputs
// did not change is skipped; a --no-check build (the install script's and
// prepare's) owes the type check, which a plain run (npm test's) then does
// without building again, and fails on a type error as a full build does.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'ndinterop-build-ts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// src/, tsconfig.json, package.json (its "type" decides how NodeNext reads
// src/) and the script; node_modules/ links each package of the repository's
// but keeps its own .cache/, where the stamp goes.
function copyOfSources(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  for (const file of ['tsconfig.json', 'package.json']) cpSync(join(root, file), join(dir, file));
  cpSync(join(root, 'scripts', 'build-ts.mjs'), join(dir, 'scripts', 'build-ts.mjs'));
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== '.cache') symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  return dir;
}

function buildTs(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(dir, 'scripts', 'build-ts.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
}

const stampOf = (dir: string) => readFileSync(join(dir, 'node_modules', '.cache', 'ndinterop', 'build-ts.stamp'), 'utf8');

describe('scripts/build-ts.mjs', () => {
  it('skips an unchanged build, type-checks what a --no-check build left unchecked, builds a changed one', () => {
    const dir = copyOfSources('clean');
    const first = buildTs(dir, '--no-check');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(existsSync(join(dir, 'dist', 'esm', 'index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'esm', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'cjs', 'index.js'))).toBe(true);
    expect(stampOf(dir)).toMatch(/^[0-9a-f]{64} unchecked$/);

    const again = buildTs(dir, '--no-check');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('build-ts: dist/ is up to date with src/\n');

    const checked = buildTs(dir);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    expect(checked.stdout).toBe('build-ts: dist/ was up to date with src/; type check passed\n');
    expect(stampOf(dir)).toMatch(/^[0-9a-f]{64} checked$/);
    // The same output as the repository's own build of the same sources.
    expect(readFileSync(join(dir, 'dist', 'esm', 'index.js'), 'utf8')).toBe(readFileSync(join(root, 'dist', 'esm', 'index.js'), 'utf8'));
    expect(readFileSync(join(dir, 'dist', 'esm', 'index.d.ts'), 'utf8')).toBe(readFileSync(join(root, 'dist', 'esm', 'index.d.ts'), 'utf8'));

    for (const args of [[], ['--no-check']]) {
      const skipped = buildTs(dir, ...args);
      expect(skipped.status).toBe(0);
      expect(skipped.stdout).toBe('build-ts: dist/ is up to date with src/\n');
    }

    // A changed source is built again.
    const before = stampOf(dir);
    appendFileSync(join(dir, 'src', 'index.ts'), '// a comment changes the inputs\n');
    const rebuilt = buildTs(dir, '--no-check');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toBe('');
    expect(stampOf(dir)).not.toBe(before);
  }, 120_000);

  it('reports a type error that a --no-check build let through, and leaves the check owed', () => {
    const dir = copyOfSources('type-error');
    appendFileSync(join(dir, 'src', 'index.ts'), "export const notANumber: number = 'x';\n");
    const unchecked = buildTs(dir, '--no-check');
    expect(unchecked.stderr).toBe('');
    expect(unchecked.status).toBe(0);
    const checked = buildTs(dir);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain("Type 'string' is not assignable to type 'number'.");
    expect(checked.stderr).toContain('src/index.ts');
    // Still owed: the next plain run checks (and fails) again.
    expect(stampOf(dir)).toMatch(/ unchecked$/);
  }, 120_000);

});
