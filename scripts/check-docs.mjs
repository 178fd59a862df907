// Keeps the docs honest. Over README.md, CHANGELOG.md and docs/**/*.md:
//  - every JavaScript or TypeScript code block is a copy of a runnable file
//    in examples/ (or a test file): its first line names the file
//    (`// examples/name.mjs`) and the block is that file's exact content, so
//    test/examples runs it and checks what it prints (vitest runs the tests);
//  - every relative link points at a file that exists, and every #anchor at
//    a heading of its target.
// Exit 1 with one line per problem. `--fix` first rewrites each block that
// names its file with that file's content.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === 'api' ? [] : walk(path)) : [path];
  });
const documents = [join(root, 'README.md'), join(root, 'CHANGELOG.md'), ...walk(join(root, 'docs')).filter((p) => p.endsWith('.md'))];
const problems = [];
const fix = process.argv.includes('--fix');
const codeLanguages = new Set(['js', 'javascript', 'mjs', 'cjs', 'ts', 'typescript']);

// GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
const slug = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = new Map();
function anchors(file) {
  if (!anchorsOf.has(file)) {
    const seen = new Map();
    const list = new Set();
    let fence = false;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.startsWith('```')) fence = !fence;
      const match = !fence && /^#{1,6}\s+(.*)$/.exec(line);
      if (!match) continue;
      const base = slug(match[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      list.add(count === 0 ? base : `${base}-${count}`);
    }
    anchorsOf.set(file, list);
  }
  return anchorsOf.get(file);
}

for (const file of documents) {
  const name = relative(root, file);
  const text = readFileSync(file, 'utf8');
  let lines = text.split('\n');
  if (fix) {
    const fixed = [];
    for (let i = 0; i < lines.length; i++) {
      fixed.push(lines[i]);
      const open = /^```(\S*)\s*$/.exec(lines[i]);
      if (!open) continue;
      let end = i + 1;
      while (end < lines.length && !lines[end].startsWith('```')) end++;
      const header = codeLanguages.has(open[1]) && /^\/\/ ((?:examples|test)\/\S+)$/.exec(lines[i + 1] ?? '');
      if (header && existsSync(join(root, header[1]))) fixed.push(...readFileSync(join(root, header[1]), 'utf8').replace(/\n$/, '').split('\n'));
      else fixed.push(...lines.slice(i + 1, end));
      if (end < lines.length) fixed.push(lines[end]);
      i = end;
    }
    if (fixed.join('\n') !== text) writeFileSync(file, fixed.join('\n'));
    lines = fixed;
  }
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    const body = lines.slice(i + 1, end).join('\n') + '\n';
    if (codeLanguages.has(open[1])) {
      const header = /^\/\/ ((?:examples|test)\/\S+)$/.exec(lines[i + 1] ?? '');
      if (!header) problems.push(`${name}:${i + 1}: a ${open[1]} block must be a copy of a runnable file: start it with // examples/<file> (or // test/<file>)`);
      else if (!existsSync(join(root, header[1]))) problems.push(`${name}:${i + 1}: ${header[1]} does not exist`);
      else if (readFileSync(join(root, header[1]), 'utf8') !== body) problems.push(`${name}:${i + 1}: the block differs from ${header[1]}`);
    }
    i = end;
  }
  let fence = false;
  lines.forEach((line, index) => {
    if (line.startsWith('```')) fence = !fence;
    if (fence) return;
    for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1];
      if (/^[a-z]+:/i.test(target)) continue;
      // The API reference is generated (npm run docs), not committed.
      if (target.startsWith('docs/api/') || target.includes('/docs/api/') || target.startsWith('api/')) continue;
      const [path, anchor] = target.split('#');
      const targetFile = path ? resolve(dirname(file), path) : file;
      if (!existsSync(targetFile)) {
        problems.push(`${name}:${index + 1}: broken link ${target}`);
        continue;
      }
      if (anchor && targetFile.endsWith('.md') && !anchors(targetFile).has(anchor)) {
        problems.push(`${name}:${index + 1}: no heading #${anchor} in ${relative(root, targetFile)}`);
      }
    }
  });
}

if (problems.length > 0) {
  console.error(`docs: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs: ${documents.length} documents, every code block runs as an example and every link resolves`);
// The size a reader faces: the front page, and everything under docs/.
const size = (files) => {
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const lines = texts.reduce((n, text) => n + text.split('\n').length - (text.endsWith('\n') ? 1 : 0), 0);
  const kb = texts.reduce((n, text) => n + Buffer.byteLength(text), 0) / 1024;
  return `${lines} lines, ${kb.toFixed(1)} KB`;
};
const docsFiles = documents.filter((file) => file.startsWith(join(root, 'docs')));
console.log(`docs: README.md ${size([join(root, 'README.md')])}; docs/ ${docsFiles.length} files, ${size(docsFiles)}`);
