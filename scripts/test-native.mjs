// Builds native/core and its C++ tests (test/native/*_test.cc) with plain
// CMake, without N-API, and runs them with ctest. NDINTEROP_CORE_BUILD_DIR
// reuses an existing build tree (CI points it at the cmake-js build, which
// already holds the same core tests) instead of compiling the core again.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = process.env.NDINTEROP_CORE_BUILD_DIR || join(root, 'build-core-tests');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root });

if (!process.env.NDINTEROP_CORE_BUILD_DIR) {
  run('cmake', ['-S', root, '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release']);
}
run('cmake', ['--build', buildDir, '--parallel', '2']);
run('ctest', ['--test-dir', buildDir, '--output-on-failure']);
