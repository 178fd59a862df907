// Runs the C++ core tests (test/native/**/*_test.cc): plain C++, no N-API.
// Each test is compiled on its own and linked against the object files the
// addon build (node-gyp, `npm install`) already made of native/core (see
// list-sources.mjs), so the core is not compiled a second time and no CMake
// is needed. A test binary is rebuilt only when its source, a header or the
// core objects are newer.
//
//   node scripts/test-native.mjs            build (as needed) and run every test
//   NDINTEROP_CORE_OBJECTS=<dir>            another build's obj.target/ndinterop
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreObjects as coreObjectFiles } from './list-sources.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const objectRoot = process.env.NDINTEROP_CORE_OBJECTS || join(root, 'build', 'Release', 'obj.target', 'ndinterop');
const outDir = join(root, 'build', 'core-tests');
const cxx = process.env.CXX || 'c++';

function walk(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((path) => keep(path) && statSync(path).isFile());
}

const coreObjects = coreObjectFiles(objectRoot);
const missing = coreObjects.filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error(
    `test-native: ${missing.length} of the ${coreObjects.length} object files of native/core are not under ${objectRoot} ` +
      `(the first: ${missing[0]}).\n` +
      'Build the addon first (npm install, or npm run build:native), then run this again.',
  );
  process.exit(1);
}

const headers = [join(root, 'native', 'core'), join(root, 'include'), join(root, 'test', 'native')].flatMap((dir) =>
  walk(dir, (p) => /\.(h|inc)$/.test(p)),
);
const newest = Math.max(...[...coreObjects, ...headers].map((p) => statSync(p).mtimeMs));
const tests = walk(join(root, 'test', 'native'), (p) => p.endsWith('_test.cc')).sort();
mkdirSync(outDir, { recursive: true });

// Compile the stale tests, one per core at a time.
const stale = tests.filter((source) => {
  const binary = join(outDir, basename(source, '.cc'));
  return !existsSync(binary) || statSync(binary).mtimeMs < Math.max(newest, statSync(source).mtimeMs);
});
const flags = ['-std=c++20', '-O2', '-Wall', '-Wextra', '-Werror', '-pthread', `-I${join(root, 'include')}`, `-I${join(root, 'native')}`, `-I${join(root, 'test', 'native')}`];
const compile = (source) =>
  new Promise((resolve) => {
    const binary = join(outDir, basename(source, '.cc'));
    const child = spawn(cxx, [...flags, source, ...coreObjects, '-o', binary], { stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`test-native: cannot run ${cxx}: ${error.message}`);
      resolve(source);
    });
    child.on('exit', (code) => resolve(code === 0 ? null : source));
  });
const width = Math.max(1, cpus().length);
const failedBuilds = [];
for (let i = 0; i < stale.length; i += width) {
  const batch = stale.slice(i, i + width);
  console.log(`test-native: compiling ${batch.map((s) => basename(s)).join(', ')}`);
  for (const result of await Promise.all(batch.map(compile))) if (result) failedBuilds.push(result);
}
if (failedBuilds.length > 0) {
  console.error(`test-native: failed to compile ${failedBuilds.join(', ')}`);
  process.exit(1);
}

let failed = 0;
for (const source of tests) {
  const name = basename(source, '.cc');
  const started = process.hrtime.bigint();
  const result = spawnSync(join(outDir, name), [], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status === 0) {
    console.log(`  ok   ${name} (${ms.toFixed(0)} ms)`);
  } else {
    failed++;
    console.log(`  FAIL ${name} (exit ${result.status ?? result.signal})`);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
  }
}
console.log(`test-native: ${tests.length - failed} of ${tests.length} C++ core tests passed`);
if (failed > 0) process.exit(1);
