// Builds the package's two entry points over ONE copy of the library:
//  - dist/cjs: every module of src/ transpiled to CommonJS. This is the
//    library; `require('ndinterop')` loads it.
//  - dist/esm: the .d.ts of every module (type-checked by the compiler) and
//    index.js, generated here, which re-exports dist/cjs/index.js by name.
// `--no-check` (the install script and npm's `prepare`) builds the
// JavaScript only, the part of the build that needs no type checker: a clone
// then runs. The declarations and the check are a plain run's
// (`npm run build:ts`, which `npm test` and `npm pack` run).
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

// src/ as tsc -p tsconfig.json compiles it: the program, type-checked, and
// the .d.ts files written to dist/esm (its outDir).
function emitDeclarations() {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]),
  });
  const program = ts.createProgram(config.fileNames, config.options);
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  const emitted = program.emit(undefined, undefined, undefined, true);
  diagnostics.push(...emitted.diagnostics);
  if (diagnostics.length > 0) fail(diagnostics);
  return program;
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
// runtime binding), from the type checker: what a syntactic reading
// (exportedValues) must agree with.
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

// The same names read from the sources' syntax alone, with no program or
// checker (a fraction of the time): `export` statements and modifiers,
// followed through `export ... from` and imports to the declarations, where
// a function, class, variable, non-const enum or namespace import is a
// value and an interface or type alias is not. A plain build fails when
// this and valueExportNames disagree, so the JavaScript-only build cannot
// drift from the checker's answer.
function exportedValues(file, cache = new Map()) {
  if (cache.has(file)) return cache.get(file);
  const exports = new Map();
  cache.set(file, exports);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const where = (node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const target = (specifier) => {
    const resolved = join(dirname(file), specifier.text.replace(/\.js$/, '.ts'));
    if (!specifier.text.startsWith('.') || !existsSync(resolved)) throw new Error(`${where(specifier)}: cannot follow ${specifier.text}`);
    return resolved;
  };
  const has = (node, kind) => node.modifiers?.some((m) => m.kind === kind) ?? false;
  // Local names: whether each is a value, or how to find out (an import).
  const locals = new Map();
  const localValue = (name, node) => {
    const local = locals.get(name);
    if (local === undefined) throw new Error(`${where(node)}: ${name} is not declared in this file`);
    return typeof local === 'boolean' ? local : local();
  };
  for (const statement of source.statements) {
    const ambient = has(statement, ts.SyntaxKind.DeclareKeyword);
    const declared = [];
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) throw new Error(`${where(d)}: a destructured declaration`);
        declared.push([d.name.text, !ambient]);
      }
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) declared.push([statement.name.text, !ambient]);
    } else if (ts.isEnumDeclaration(statement)) {
      declared.push([statement.name.text, !ambient && !has(statement, ts.SyntaxKind.ConstKeyword)]);
    } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      declared.push([statement.name.text, false]);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      const from = () => exportedValues(target(statement.moduleSpecifier), cache);
      if (clause.name) locals.set(clause.name.text, false);  // default imports: not re-exported here
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) locals.set(bindings.name.text, !clause.isTypeOnly);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const original = (element.propertyName ?? element.name).text;
          locals.set(element.name.text, clause.isTypeOnly || element.isTypeOnly ? false : () => from().get(original) ?? false);
        }
      }
    }
    for (const [name, value] of declared) {
      // Overloads and declaration merging: a name is a value if any of its declarations is.
      locals.set(name, value || locals.get(name) === true);
      if (has(statement, ts.SyntaxKind.ExportKeyword) && !has(statement, ts.SyntaxKind.DefaultKeyword)) {
        exports.set(name, value || exports.get(name) === true);
      }
    }
  }
  // Names the file exports by name, which no `export *` overrides.
  const named = new Set(exports.keys());
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.exportClause === undefined) continue;
    const clause = statement.exportClause;
    if (ts.isNamespaceExport(clause)) named.add(clause.name.text);
    else for (const element of clause.elements) named.add(element.name.text);
  }
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    if (statement.moduleSpecifier === undefined) {
      for (const element of clause.elements) {
        if (!element.isTypeOnly) exports.set(element.name.text, localValue((element.propertyName ?? element.name).text, element));
      }
      continue;
    }
    const from = exportedValues(target(statement.moduleSpecifier), cache);
    if (clause === undefined) {
      for (const [name, value] of from) if (name !== 'default' && !named.has(name)) exports.set(name, value);
    } else if (ts.isNamespaceExport(clause)) {
      exports.set(clause.name.text, true);
    } else {
      for (const element of clause.elements) {
        if (element.isTypeOnly) continue;
        const original = (element.propertyName ?? element.name).text;
        if (!from.has(original)) throw new Error(`${where(element)}: ${original} is not exported by ${statement.moduleSpecifier.text}`);
        exports.set(element.name.text, from.get(original));
      }
    }
  }
  return exports;
}

function exportedValueNames(file) {
  return [...exportedValues(file)].filter(([, value]) => value).map(([name]) => name).sort();
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
// a stamp written after a build succeeds, which says how far it went. So the
// install script can build dist/ while the native addon compiles, and npm's
// `prepare` after it (and `npm test`) find it done.
//
// `--no-check` builds the JavaScript (stamp "js"); a plain run adds the
// declarations and the type check to that (stamp "checked"), without
// building the JavaScript again when the inputs are the same. A type error
// fails it and leaves the stamp at "js", so the next plain run checks again.
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

// dist/cjs from src/, and dist/esm/index.js over it.
function buildJavaScript() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  for (const file of walk(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) transpileToCommonJs(file);
  writeFileSync(join(cjsDir, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  mkdirSync(esmDir, { recursive: true });
  writeFileSync(join(esmDir, 'index.js'), esmWrapper(exportedValueNames(join(srcDir, 'index.ts'))));
}

// The checked .d.ts of every module, in dist/esm and dist/cjs; fails when
// the checker's export list is not the one the ESM wrapper was built from.
function buildDeclarations() {
  const program = emitDeclarations();
  for (const file of walk(esmDir).filter((f) => f.endsWith('.d.ts'))) {
    const rel = relative(esmDir, file);
    mkdirSync(dirname(join(cjsDir, rel)), { recursive: true });
    copyFileSync(file, join(cjsDir, rel));
  }
  const index = join(srcDir, 'index.ts');
  const checker = valueExportNames(program, index);
  const syntactic = exportedValueNames(index);
  const differ = [...checker.filter((n) => !syntactic.includes(n)), ...syntactic.filter((n) => !checker.includes(n))];
  if (differ.length > 0) {
    console.error(`build-ts: the value exports read from the syntax differ from the checker's: ${differ.join(', ')} (see exportedValues)`);
    process.exit(1);
  }
}

const inputs = inputsHash();
const built = [join(esmDir, 'index.js'), join(cjsDir, 'index.js')].every((f) => existsSync(f));
const stamp = built && existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (stamp === `${inputs} checked` || (noCheck && stamp === `${inputs} js`)) {
  console.log('build-ts: dist/ is up to date with src/');
  process.exit(0);
}
ts = require('typescript');
const javaScriptBuilt = stamp === `${inputs} js`;
if (!javaScriptBuilt) {
  rmSync(stampFile, { force: true });
  buildJavaScript();
  writeStamp(`${inputs} js`);
}
if (!noCheck) {
  buildDeclarations();
  writeStamp(`${inputs} checked`);
  if (javaScriptBuilt) console.log('build-ts: the JavaScript was up to date with src/; declarations built and type check passed');
}
