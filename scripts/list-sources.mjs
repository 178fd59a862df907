// Prints the addon's C++ sources for binding.gyp, one per line: every .cc
// under native/core and native/napi (or only the layer named: `core`,
// `napi`), folders included, so a new file needs no edit of the build files.
// CMakeLists.txt globs the same two trees.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = [];
const layers = process.argv[2] === undefined ? ['core', 'napi'] : [process.argv[2]];
for (const dir of layers.map((layer) => `native/${layer}`)) {
  for (const entry of readdirSync(join(root, dir), { recursive: true })) {
    const path = String(entry).split('\\').join('/');
    if (path.endsWith('.cc')) sources.push(`${dir}/${path}`);
  }
}
for (const source of sources.sort()) console.log(source);
