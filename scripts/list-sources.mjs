// Prints the addon's C++ sources for binding.gyp, one per line, so a new file
// in native/core or native/napi needs no edit of the build files. CMakeLists.txt
// globs the same two folders.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const dir of ['native/core', 'native/napi']) {
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (name.endsWith('.cc')) console.log(`${dir}/${name}`);
  }
}
