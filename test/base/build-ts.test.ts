// scripts/build-ts.mjs's stamp, in a scratch copy of the sources (never the
// repository's own dist/, which the other suites load): a build whose inputs
// did not change is skipped; a --no-check build (the install script's and
// prepare's) builds the JavaScript only, and a plain run (npm test's) then
// adds the declarations and the type check without building it again, and
// fails on a type error as a full build does. The ESM wrapper's export list
// comes from the sources' syntax; a plain run fails where the type checker
// disagrees.
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
  it('skips an unchanged build, adds the declarations and the check to a --no-check build, builds a changed one', () => {
    const dir = copyOfSources('clean');
    const first = buildTs(dir, '--no-check');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(existsSync(join(dir, 'dist', 'esm', 'index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'cjs', 'index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'esm', 'index.d.ts'))).toBe(false);
    expect(stampOf(dir)).toMatch(/^[0-9a-f]{64} js$/);
    // The wrapper read from the syntax is the repository's, which a plain build made.
    expect(readFileSync(join(dir, 'dist', 'esm', 'index.js'), 'utf8')).toBe(readFileSync(join(root, 'dist', 'esm', 'index.js'), 'utf8'));

    const again = buildTs(dir, '--no-check');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('build-ts: dist/ is up to date with src/\n');

    const checked = buildTs(dir);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    expect(checked.stdout).toBe('build-ts: the JavaScript was up to date with src/; declarations built and type check passed\n');
    expect(stampOf(dir)).toMatch(/^[0-9a-f]{64} checked$/);
    // The same output as the repository's own build of the same sources.
    for (const file of ['esm/index.js', 'esm/index.d.ts', 'cjs/index.js', 'cjs/index.d.ts', 'cjs/array/ndarray.js']) {
      expect(readFileSync(join(dir, 'dist', file), 'utf8')).toBe(readFileSync(join(root, 'dist', file), 'utf8'));
    }

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

  it('lists the values a re-export names and leaves out its types, as the checker does', () => {
    const dir = copyOfSources('re-exports');
    appendFileSync(
      join(dir, 'src', 'index.ts'),
      "export { DType as DTypeAgain, littleEndianHost as hostIsLittle, DTypeInit as DTypeInitAgain } from './dtype/dtype.js';\n",
    );
    const built = buildTs(dir);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const wrapper = readFileSync(join(dir, 'dist', 'esm', 'index.js'), 'utf8');
    expect(wrapper).toContain('  DTypeAgain,\n');
    expect(wrapper).toContain('  hostIsLittle,\n');
    expect(wrapper).not.toContain('DTypeInitAgain');
  }, 120_000);

  it('lets a name the file exports itself shadow the same name of an export *', () => {
    const dir = copyOfSources('shadowed-star');
    // index.ts's `export * from './ufunc/ufuncs.js'` also brings a value named add.
    appendFileSync(join(dir, 'src', 'index.ts'), "export type { DTypeInit as add } from './dtype/dtype.js';\n");
    const built = buildTs(dir);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const wrapper = readFileSync(join(dir, 'dist', 'esm', 'index.js'), 'utf8');
    expect(wrapper).not.toContain('  add,\n');
    expect(wrapper).toContain('  subtract,\n');
  }, 120_000);

  it('fails a plain build where the syntax and the checker disagree on a value export', () => {
    const dir = copyOfSources('disagree');
    // An ambient declaration has no runtime binding, but the checker counts it a value.
    appendFileSync(join(dir, 'src', 'index.ts'), 'export declare const declaredOnly: number;\n');
    expect(buildTs(dir, '--no-check').status).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'esm', 'index.js'), 'utf8')).not.toContain('declaredOnly');
    const checked = buildTs(dir);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toBe(
      "build-ts: the value exports read from the syntax differ from the checker's: declaredOnly (see exportedValues)\n",
    );
    expect(stampOf(dir)).toMatch(/ js$/);
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
    expect(stampOf(dir)).toMatch(/ js$/);
    expect(buildTs(dir).status).toBe(1);
  }, 120_000);

});
