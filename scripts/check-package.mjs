// The package as a user gets it: packs the tarball, installs it into a
// scratch project with a PATH that holds no compiler, Python or make (so only
// the prebuilt binaries can work), and runs an ES module, a CommonJS and a
// TypeScript (tsc --strict, module nodenext) consumer, then publint and
// @arethetypeswrong/cli. With --node DIR (or NDINTEROP_PREBUILD_NODES), the
// ESM and CJS consumers run on those Nodes too. Maintainer and CI script.
//
//   node scripts/check-package.mjs [--node DIR]... [--keep]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { otherNodes } from './other-nodes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const nodes = otherNodes(args);
const keep = args.includes('--keep');
const which = (command) => execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
const run = (command, commandArgs, options = {}) =>
  execFileSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
const step = (text) => console.log(`== check-package: ${text}`);

const scratch = mkdtempSync(join(tmpdir(), 'ndinterop-consumer-'));
try {
  step('npm pack');
  // Lifecycle scripts (prepack, prepare) print to stdout before the JSON.
  // prepack (scripts/prebuild.mjs) builds a binary for each Node checked here.
  const packEnv = { ...process.env, NDINTEROP_PREBUILD_NODES: nodes.join(':') };
  const packOutput = run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root, env: packEnv });
  const packed = JSON.parse(packOutput.slice(packOutput.search(/^\[$/m)));
  const tarball = join(scratch, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  console.log(`   ${packed[0].filename}: ${files.length} files, ${(packed[0].size / 1e6).toFixed(1)} MB packed, ${(packed[0].unpackedSize / 1e6).toFixed(1)} MB unpacked`);
  const unwanted = files.filter((f) => /^(test|bench|fuzz|\.ci)\/|^scripts\/(?!install\.mjs$|node-gyp\.mjs$|list-sources\.mjs$)|CMakeLists\.txt$/.test(f));
  if (unwanted.length > 0) throw new Error(`the tarball ships maintainer files: ${unwanted.join(', ')}`);
  for (const needed of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'dist/esm/index.js', 'dist/cjs/index.js', 'dist/esm/index.d.ts']) {
    if (!files.includes(needed)) throw new Error(`the tarball lacks ${needed}`);
  }
  const prebuilt = files.filter((f) => f.startsWith('prebuilds/'));
  console.log(`   prebuilt: ${prebuilt.join(', ') || 'none'}`);
  if (prebuilt.length === 0) throw new Error('the tarball holds no prebuilt binary');

  // A PATH with node, npm and sh only.
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(which('npm'), join(bin, 'npm'));
  symlinkSync(which('sh'), join(bin, 'sh'));
  const bare = { ...process.env, PATH: bin, CC: '/nonexistent/cc', CXX: '/nonexistent/c++' };
  for (const tool of ['c++', 'g++', 'make', 'python3']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { env: bare, stdio: 'ignore' });
      throw new Error(`${tool} is still reachable`);
    } catch (error) {
      if (String(error.message).includes('still reachable')) throw error;
    }
  }

  const app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  step('npm install <tarball> (no compiler on PATH)');
  const started = Date.now();
  run(join(bin, 'npm'), ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, env: bare, stdio: ['ignore', 'inherit', 'inherit'] });
  const seconds = (Date.now() - started) / 1000;
  console.log(`   installed in ${seconds.toFixed(1)} s`);
  const installed = join(app, 'node_modules', 'ndinterop');
  if (readdirSync(installed).includes('build')) throw new Error('the install compiled the addon instead of using a prebuilt binary');

  const esm = `import { asarray, add, fromDlpack, toDlpack, dtype } from 'ndinterop';
const a = asarray(new Float64Array([1, 2, 3]));
const b = fromDlpack(toDlpack(add(a, a)));
console.log('esm', dtype('float64').str, b.toArray().join(','));
`;
  const cjs = `const { asarray, multiply } = require('ndinterop');
console.log('cjs', multiply(asarray(new Int32Array([2, 3])), 2).toArray().join(','));
`;
  const ts = `import { asarray, add, type NDArray } from 'ndinterop';
const a: NDArray = asarray(new Float64Array([1, 2]));
const s = add(a, a);
console.log('ts', String(s));
`;
  writeFileSync(join(app, 'esm.mjs'), esm);
  writeFileSync(join(app, 'cjs.cjs'), cjs);
  writeFileSync(join(app, 'consumer.ts'), ts);
  const expectOutput = (label, out, expected) => {
    if (out.trim() !== expected) throw new Error(`${label}: printed ${JSON.stringify(out.trim())}, expected ${JSON.stringify(expected)}`);
    console.log(`   ${label}: ${out.trim()}`);
  };
  for (const node of [process.execPath, ...nodes.map((d) => join(d, 'bin', 'node'))]) {
    const version = run(node, ['--version']).trim();
    step(`ESM and CommonJS consumers on Node ${version}`);
    expectOutput(`esm ${version}`, run(node, ['esm.mjs'], { cwd: app, env: bare }), 'esm <f8 2,4,6');
    expectOutput(`cjs ${version}`, run(node, ['cjs.cjs'], { cwd: app, env: bare }), 'cjs 4,6');
  }

  step('TypeScript consumer (tsc --strict, module nodenext, skipLibCheck false)');
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: [] }, files: ['consumer.ts'] }),
  );
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] });
  console.log('   tsc: no errors');

  step('publint');
  run(process.execPath, [join(root, 'node_modules', 'publint', 'src', 'cli.js'), '--strict', installed], { stdio: ['ignore', 'inherit', 'inherit'] });
  step('@arethetypeswrong/cli');
  run(process.execPath, [join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), tarball, '--profile', 'node16'], { stdio: ['ignore', 'inherit', 'inherit'] });
  step('ok');
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
