// Checks the layer rules of docs/internals/architecture.md against the
// imports and includes the code really has. Fails (exit 1) on an import that
// runs upward, on a folder that is no layer, and on native core code that
// reaches N-API, V8 or Node. The table below is the one statement of the
// rules; the document explains them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// layer -> the layers it may import (itself included).
const rules = {
  src: {
    base: ['base'],
    dtype: ['base', 'dtype'],
    array: ['base', 'dtype', 'array'],
    interop: ['base', 'dtype', 'array', 'interop'],
    ufunc: ['base', 'dtype', 'array', 'interop', 'ufunc'],
    functions: ['base', 'dtype', 'array', 'interop', 'ufunc', 'functions'],
  },
  'native/core': {
    base: ['base'],
    dtype: ['base', 'dtype'],
    view: ['base', 'dtype', 'view'],
    dlpack: ['base', 'dtype', 'view', 'dlpack'],
    ufunc: ['base', 'dtype', 'view', 'ufunc'],
    kernels: ['base', 'dtype', 'ufunc', 'kernels'],
  },
};
// The top of src/: the public face, above every layer.
const faceFiles = new Set(['src/index.ts', 'src/protocols.ts']);
// Headers native/core may never include: it is plain C++17.
const runtimeHeaders = /^(napi\.h|node_api\.h|js_native_api\.h|node\.h|v8\.h|uv\.h)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const repoPath = (abs) => relative(root, abs).split('\\').join('/');
const problems = [];

// The layer of a repo path under `tree`, '' for the tree's top (index.ts),
// undefined when it is in a folder that is no layer.
function layerOf(tree, path) {
  const inside = path.slice(tree.length + 1);
  if (!inside.includes('/')) return '';
  const layer = inside.split('/')[0];
  return Object.hasOwn(rules[tree], layer) ? layer : undefined;
}

function check(tree, file, target, how) {
  const from = layerOf(tree, file);
  if (from === undefined) {
    problems.push(`${file}: lies in no layer of ${tree}/ (${Object.keys(rules[tree]).join(', ')})`);
    return;
  }
  if (from === '') {
    // The tree's top is the public face: it may import every layer.
    if (tree === 'src' && !faceFiles.has(file)) problems.push(`${file}: only ${[...faceFiles].join(', ')} may sit at the top of src/`);
    return;
  }
  if (!target.startsWith(`${tree}/`)) return;
  const to = layerOf(tree, target);
  if (to === '') problems.push(`${file}: ${how} ${target}, the top of ${tree}/, which only the top may use`);
  else if (to !== undefined && !rules[tree][from].includes(to)) {
    problems.push(`${file}: layer '${from}' ${how} ${target} of layer '${to}' (allowed: ${rules[tree][from].join(', ')})`);
  }
}

for (const abs of walk(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
  const file = repoPath(abs);
  const text = readFileSync(abs, 'utf8');
  for (const match of text.matchAll(/(?:from|import\s*\(|import)\s*['"](\.[^'"]+)['"]/g)) {
    const target = posix.normalize(posix.join(posix.dirname(file), match[1])).replace(/\.js$/, '.ts');
    check('src', file, target, 'imports');
  }
}

for (const abs of walk(join(root, 'native/core')).filter((f) => /\.(cc|h|inc)$/.test(f))) {
  const file = repoPath(abs);
  const text = readFileSync(abs, 'utf8');
  for (const match of text.matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)) {
    const header = match[1];
    if (runtimeHeaders.test(header) || header.startsWith('napi/')) {
      problems.push(`${file}: native/core includes ${header}; core is plain C++ (no N-API, V8 or Node)`);
    } else if (header.startsWith('core/')) {
      check('native/core', file, `native/${header}`, 'includes');
    }
  }
}

if (problems.length > 0) {
  console.error(`layer rules broken (docs/internals/architecture.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: every import and include runs downward');
