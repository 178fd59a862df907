// Builds the package's two entry points over ONE copy of the library:
//  - dist/cjs: every module of src/ transpiled to CommonJS. This is the
//    library; `require('ndinterop')` loads it.
//  - dist/esm: the .d.ts of every module (type-checked by the compiler) and
//    index.js, generated here, which re-exports dist/cjs/index.js by name.
// Two real builds would be two libraries in a process that loads both (a
// CommonJS dependency of an ESM app): NDArray, DLPackCapsule and BufferError
// would be two classes each, and the ufuncDispatch registry, errstate
// settings and busy registry two states (Node's "dual package hazard").
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Loaded only when there is something to build (it takes half a second).
let ts;

const srcDir = join(root, 'src');
const esmDir = join(root, 'dist', 'esm');
const cjsDir = join(root, 'dist', 'cjs');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// src/ as tsc -p tsconfig.json compiles it: the program and its
// diagnostics. With `check` false the compiler's noCheck: the same program,
// only syntax errors reported.
function compile(check) {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]),
  });
  const program = ts.createProgram(config.fileNames, { ...config.options, noCheck: !check });
  const diagnostics = [...config.errors, ...(check ? ts.getPreEmitDiagnostics(program) : program.getSyntacticDiagnostics())];
  return { program, diagnostics };
}

// Writes only the .d.ts files to dist/esm, after the check unless `check` is
// false; returns the program for the export list.
function emitDeclarations(check) {
  const { program, diagnostics } = compile(check);
  const emitted = program.emit(undefined, undefined, undefined, true);
  diagnostics.push(...emitted.diagnostics);
  if (diagnostics.length > 0) fail(diagnostics);
  return program;
}

// The type check alone, for a dist/ built with --no-check.
function typeCheck() {
  const { diagnostics } = compile(true);
  if (diagnostics.length > 0) fail(diagnostics);
}

function fail(diagnostics) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

function transpileToCommonJs(file) {
  // The only ESM-only construct src/ may use is import.meta.url.
  const source = readFileSync(file, 'utf8').replaceAll('import.meta.url', "require('node:url').pathToFileURL(__filename).href");
  if (source.includes('import.meta')) throw new Error(`${relative(root, file)}: only import.meta.url has a CommonJS translation`);
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const rel = relative(srcDir, file).replace(/\.ts$/, '.js');
  mkdirSync(dirname(join(cjsDir, rel)), { recursive: true });
  writeFileSync(join(cjsDir, rel), out.outputText);
}

// The names src/index.ts exports as values (type-only exports have no
// runtime binding), straight from the compiler, so the wrapper cannot drift.
function valueExportNames(program, file) {
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file));
  const isValue = (symbol) => {
    if (symbol.flags & ts.SymbolFlags.Alias) {
      if (symbol.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return false;
      return (checker.getAliasedSymbol(symbol).flags & ts.SymbolFlags.Value) !== 0;
    }
    return (symbol.flags & ts.SymbolFlags.Value) !== 0;
  };
  return checker.getExportsOfModule(moduleSymbol).filter(isValue).map((s) => s.name).sort();
}

// Node's documented fix for the dual package hazard: the ESM entry is a thin
// wrapper over the CommonJS build, with every name listed so `import { add }`
// links statically. It loads the build with require() rather than `import`:
// tools that run ESM themselves (vitest, bundlers) read `import x from` a
// CommonJS module marked __esModule as its `default` export, and could load
// a second copy besides; require() is Node's one module cache, the same
// instance `require('ndinterop')` returns.
// A name that cannot be a binding in module code (`var`, NumPy's function
// name, exported as `export { variance as var }`) is exported through a
// local of another name: `export { commonJsBuild_var as var }` is valid ESM.
function isBindingName(name) {
  try {
    new Function(`"use strict"; let ${name};`);
    return true;
  } catch {
    return false;
  }
}

function esmWrapper(names) {
  const local = 'commonJsBuild';
  if (names.includes(local) || names.includes('createRequire')) throw new Error('an export shadows a local of the ESM wrapper');
  const renamed = names.filter((name) => !isBindingName(name));
  if (renamed.some((name) => names.includes(`${local}_${name}`))) throw new Error('an export shadows a local of the ESM wrapper');
  return [
    '// Generated by scripts/build-ts.mjs. The ESM entry re-exports the CommonJS',
    '// build, so `import` and `require` share one copy of ndinterop: the same',
    '// classes (NDArray, DLPackCapsule, BufferError) and the same state.',
    "import { createRequire } from 'node:module';",
    '',
    `const ${local} = createRequire(import.meta.url)('../cjs/index.js');`,
    '',
    'export const {',
    ...names.filter(isBindingName).map((name) => `  ${name},`),
    `} = ${local};`,
    ...renamed.flatMap((name) => [`const ${local}_${name} = ${local}.${name};`, `export { ${local}_${name} as ${name} };`]),
    '',
  ].join('\n');
}

// A build is skipped when dist/ came from the same inputs: every file of
// src/, tsconfig.json, this script and the compiler's version, hashed into
// a stamp written after a build succeeds. So the install script can build
// dist/ while the native addon compiles, and npm's `prepare` after it (and
// `npm test`) find it done.
//
// `--no-check` (the install script and `prepare`) builds without the type
// check, most of the build's time: the output is the same, and the stamp
// says the check is owed. A plain run (`npm run build:ts`, which `npm test`
// and `npm pack` run) then type-checks those same inputs without building
// again; a type error fails it as it fails a full build.
const noCheck = process.argv.includes('--no-check');
function inputsHash() {
  const hash = createHash('sha256');
  hash.update(`typescript ${require('typescript/package.json').version}\n`);
  const inputs = [...walk(srcDir), join(root, 'tsconfig.json'), fileURLToPath(import.meta.url)];
  for (const file of inputs.map((f) => relative(root, f)).sort()) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

const stampFile = join(root, 'node_modules', '.cache', 'ndinterop', 'build-ts.stamp');
// Best effort: without a stamp the next run builds again.
function writeStamp(text) {
  try {
    mkdirSync(dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, text);
  } catch {
    rmSync(stampFile, { force: true });
  }
}
const inputs = inputsHash();
const built = [join(esmDir, 'index.js'), join(cjsDir, 'index.js')].every((f) => existsSync(f));
const stamp = built && existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (stamp === `${inputs} checked` || (noCheck && stamp === `${inputs} unchecked`)) {
  console.log('build-ts: dist/ is up to date with src/');
  process.exit(0);
}
ts = require('typescript');
if (stamp === `${inputs} unchecked`) {
  typeCheck();
  writeStamp(`${inputs} checked`);
  console.log('build-ts: dist/ was up to date with src/; type check passed');
  process.exit(0);
}
rmSync(stampFile, { force: true });
rmSync(join(root, 'dist'), { recursive: true, force: true });
const program = emitDeclarations(!noCheck);
for (const file of walk(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) transpileToCommonJs(file);
for (const file of walk(esmDir).filter((f) => f.endsWith('.d.ts'))) {
  const rel = relative(esmDir, file);
  mkdirSync(dirname(join(cjsDir, rel)), { recursive: true });
  copyFileSync(file, join(cjsDir, rel));
}
writeFileSync(join(cjsDir, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync(join(esmDir, 'index.js'), esmWrapper(valueExportNames(program, join(srcDir, 'index.ts'))));
writeStamp(`${inputs} ${noCheck ? 'unchecked' : 'checked'}`);
