// Builds dist/esm (type-checked by tsc, with .d.ts) and dist/cjs (the same
// modules transpiled to CommonJS) so both `import` and `require` work.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ts = require('typescript');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
  stdio: 'inherit',
});

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const srcDir = join(root, 'src');
const esmDir = join(root, 'dist', 'esm');
const cjsDir = join(root, 'dist', 'cjs');
for (const file of walk(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
  // The only ESM-only construct we allow in src/ is import.meta.url.
  const source = readFileSync(file, 'utf8').replaceAll(
    'import.meta.url',
    "require('node:url').pathToFileURL(__filename).href",
  );
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const rel = relative(srcDir, file).replace(/\.ts$/, '.js');
  mkdirSync(dirname(join(cjsDir, rel)), { recursive: true });
  writeFileSync(join(cjsDir, rel), out.outputText);
}
for (const file of walk(esmDir).filter((f) => f.endsWith('.d.ts'))) {
  const rel = relative(esmDir, file);
  mkdirSync(dirname(join(cjsDir, rel)), { recursive: true });
  copyFileSync(file, join(cjsDir, rel));
}
writeFileSync(join(cjsDir, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
