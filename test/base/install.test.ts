// The install hook (scripts/install.mjs) and the load error, as a user meets
// them: a prebuilt binary is used without a toolchain; with neither a binary
// nor a toolchain the hook names what to install; a package whose install
// scripts were skipped says how to build at load time. Each runs in a scratch
// package root, so nothing here can rebuild the repository's own addon.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'ndinterop-install-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakePackage(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  for (const file of ['install.mjs', 'node-gyp.mjs']) cpSync(join(root, 'scripts', file), join(dir, 'scripts', file));
  cpSync(join(root, 'binding.gyp'), join(dir, 'binding.gyp'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

// A PATH holding node and sh only: no compiler, make or Python.
const bin = join(scratch, 'bin');
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, 'node'));
symlinkSync('/bin/sh', join(bin, 'sh'));
const bareEnv = { ...process.env, PATH: bin, CXX: '', NDINTEROP_ADDON: '', npm_config_python: '', PYTHON: '' };

describe('scripts/install.mjs', () => {
  it('uses a prebuilt binary for this Node without needing a toolchain', () => {
    const dir = fakePackage('prebuilt');
    const prebuilds = join(dir, 'prebuilds', `${process.platform}-${process.arch}`);
    mkdirSync(prebuilds, { recursive: true });
    writeFileSync(join(prebuilds, `node.abi${process.versions.modules}.glibc.node`), '');
    const result = spawnSync(process.execPath, ['scripts/install.mjs'], { cwd: dir, env: bareEnv, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `ndinterop: using prebuilds/${process.platform}-${process.arch}/node.abi${process.versions.modules}.glibc.node for ` +
        `${process.platform}-${process.arch} Node ${process.version} (ABI ${process.versions.modules})\n`,
    );
  });

  it('without a binary or a toolchain, names what to install and fails in a few lines', () => {
    const dir = fakePackage('bare');
    const result = spawnSync(process.execPath, ['scripts/install.mjs'], { cwd: dir, env: bareEnv, encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `ndinterop: no prebuilt binary for ${process.platform}-${process.arch} Node ${process.version} (ABI ${process.versions.modules}), ` +
        'and building one needs Python 3, make, a C++20 compiler (g++ 10+ or clang++ 10+).',
    );
    expect(lines).toContain('  Debian/Ubuntu: sudo apt-get install python3 make g++');
    expect(lines.at(-1)).toMatch(/^then run `npm rebuild ndinterop`\./);
    expect(lines.length).toBeLessThanOrEqual(6);
  });

  it('asks Python for its version: a Python 3 counts, an older one does not', () => {
    const dir = fakePackage('python');
    // A stand-in `python3` answering the install script's question the way
    // Python 3 (its executable's path) or Python 2 (an empty line) would.
    const fakeBin = join(dir, 'fake-bin');
    mkdirSync(fakeBin);
    const run = (answer: string) => {
      writeFileSync(join(fakeBin, 'python3'), `#!/bin/sh\necho "${answer}"\n`, { mode: 0o755 });
      const env = { ...bareEnv, PATH: `${fakeBin}:${bin}` };
      return spawnSync(process.execPath, ['scripts/install.mjs'], { cwd: dir, env, encoding: 'utf8' });
    };
    const python3 = run('/opt/python3/bin/python3');
    expect(python3.status).toBe(1);
    expect(python3.stderr.split('\n')[0]).toMatch(/building one needs make, a C\+\+20 compiler \(g\+\+ 10\+ or clang\+\+ 10\+\)\.$/);
    const python2 = run('');
    expect(python2.status).toBe(1);
    expect(python2.stderr.split('\n')[0]).toMatch(/building one needs Python 3, make, a C\+\+20 compiler/);
  });
});

describe('loading without a binary', () => {
  it('throws ERR_NO_NATIVE_BINARY saying how to build', () => {
    const dir = fakePackage('unbuilt');
    cpSync(join(root, 'dist', 'cjs'), join(dir, 'dist', 'cjs'), { recursive: true });
    const probe = `try { require('./dist/cjs/index.js'); console.log('loaded'); } catch (e) { console.log(e.code + ' | ' + e.message); }`;
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: dir, env: bareEnv, encoding: 'utf8' });
    expect(result.stdout.trim()).toBe(
      `ERR_NO_NATIVE_BINARY | ndinterop: no native binary for ${process.platform}-${process.arch}, Node ${process.version} (ABI ${process.versions.modules}). ` +
        'Prebuilt binaries cover linux-x64 (glibc) on Node 20, 22 and 24; elsewhere the install builds one, which needs Python 3, make and a C++20 compiler. ' +
        'If install scripts were skipped (--ignore-scripts), run `npm rebuild ndinterop`.',
    );
  });
});
