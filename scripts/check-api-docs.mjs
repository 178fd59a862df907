// Builds the API reference (TypeDoc, typedoc.json) into a temporary folder
// and fails on any warning: an export without TSDoc (typedoc.json's
// notDocumented validation, every property of exported interfaces included),
// a {@link} that resolves to nothing, or anything else TypeDoc reports. Exit 1
// with one line per problem; the temporary folder is removed either way.
//
//   node scripts/check-api-docs.mjs          (in `npm test`)
//   npm run docs                              the same reference, into docs/api
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');


const out = mkdtempSync(join(tmpdir(), 'ndinterop-api-'));
// typedoc's package exports no bin path: find the package from its main file.
const typedocMain = createRequire(join(root, 'package.json')).resolve('typedoc');
const typedoc = join(typedocMain.slice(0, typedocMain.lastIndexOf(`${sep}node_modules${sep}typedoc${sep}`)), 'node_modules', 'typedoc', 'bin', 'typedoc');
const started = process.hrtime.bigint();
// Warnings are collected here rather than turned into errors, so that every
// one of them is listed, not only the first.
const run = spawnSync(process.execPath, [typedoc, '--out', out, '--treatWarningsAsErrors', 'false', '--logLevel', 'Warn'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
rmSync(out, { recursive: true, force: true });

const lines = `${run.stdout}\n${run.stderr}`
  .replace(/\x1b\[[0-9;]*m/g, '')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '');
const undocumented = /^\[warning\] (.+), defined in ndinterop\/(\S+), does not have any documentation$/;
const summary = /^\[(warning|error)\] Found \d+ errors and \d+ warnings$/;
const problems = [];
for (const line of lines) {
  if (summary.test(line)) continue;
  const missing = undocumented.exec(line);
  if (missing) {
    const [, what, file] = missing;
    problems.push(`${file}: ${what} has no TSDoc`);
    continue;
  }
  if (/^\[(warning|error)\]/.test(line)) problems.push(line);
}
if (run.status !== 0 && problems.length === 0) {
  problems.push(`typedoc exited with status ${run.status ?? run.signal}: ${lines.slice(-5).join(' | ')}`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`check-api-docs: ${problem}`);
  console.error(`check-api-docs: ${problems.length} problem(s) in the API reference`);
  process.exit(1);
}
console.log(`check-api-docs: no warnings (${seconds.toFixed(1)} s)`);
