// npm install hook. Uses a binary that fits this Node when there is one (a
// prebuilt one from prebuilds/, or an earlier build in build/Release), else
// builds from source with every core, after checking the toolchain is there
// and saying what to install when it is not.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, platform, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runCommand, runNodeGyp } from './node-gyp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = `${platform()}-${arch()} Node ${process.version} (ABI ${process.versions.modules})`;

if (!process.env.NDINTEROP_BUILD_FROM_SOURCE) {
  try {
    const found = require('node-gyp-build').path(root);
    console.log(`ndinterop: using ${found.slice(root.length + 1)} for ${target}`);
    process.exit(0);
  } catch {
    // No binary for this Node: build one.
  }
}

function has(command, args = ['--version']) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The Python 3 node-gyp will run, asked once and handed to it: node-gyp would
// otherwise start each candidate again to find one (through pyenv's shims,
// about 0.3 s each). It honours npm_config_python and PYTHON itself.
function findPython() {
  for (const command of ['python3', 'python']) {
    try {
      const script = 'import sys; print(sys.executable if sys.version_info >= (3, 6) else "")';
      const found = execFileSync(command, ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return found;
    } catch {
      // Not this one.
    }
  }
  return null;
}

const pythonChosen = process.env.npm_config_python || process.env.PYTHON;
const python = pythonChosen || findPython();
const compiler = process.env.CXX || ['c++', 'g++', 'clang++'].find((c) => has(c));
const missing = [
  !python && 'Python 3',
  !has('make') && 'make',
  !(compiler && has(compiler)) && 'a C++20 compiler (g++ 10+ or clang++ 10+)',
].filter(Boolean);
if (missing.length > 0) {
  console.error(
    [
      `ndinterop: no prebuilt binary for ${target}, and building one needs ${missing.join(', ')}.`,
      '  Debian/Ubuntu: sudo apt-get install python3 make g++',
      '  Fedora/RHEL:   sudo dnf install python3 make gcc-c++',
      '  macOS:         xcode-select --install',
      'then run `npm rebuild ndinterop`. Prebuilt binaries cover linux-x64 (glibc) on Node 20, 22 and 24.',
    ].join('\n'),
  );
  process.exit(1);
}

// In a clone (src/ and the TypeScript compiler are there), npm's `prepare`
// builds dist/ after this script; that build runs here instead, beside the
// compiler, and `prepare` then finds dist/ up to date (scripts/build-ts.mjs).
function startTypeScriptBuild() {
  const script = join(root, 'scripts', 'build-ts.mjs');
  if (!existsSync(join(root, 'src')) || !existsSync(script)) return null;
  try {
    require.resolve('typescript', { paths: [root] });
  } catch {
    return null;
  }
  // Behind the compiler: it takes a core when the compiler leaves one idle
  // (gyp's configure, the last unit, the link).
  return runCommand(process.execPath, [script, '--no-check'], { cwd: root, priority: 19 });
}

const jobs = Math.max(1, cpus().length);
const typescript = startTypeScriptBuild();
console.log(
  `ndinterop: building the native addon from source for ${target} (${jobs} parallel jobs, about a minute)` +
    (typescript ? ', and dist/ from src/ alongside' : ''),
);
const code = await runNodeGyp(['rebuild', '-j', String(jobs), ...(pythonChosen ? [] : [`--python=${python}`])], { cwd: root });
const typescriptCode = await typescript;
if (code !== 0) {
  console.error(`ndinterop: the native build failed (node-gyp exit ${code}); the compiler output is above.`);
  process.exit(code);
}
if (typescriptCode) {
  console.error(`ndinterop: the TypeScript build failed (exit ${typescriptCode}); its output is above.`);
  process.exit(typescriptCode);
}
