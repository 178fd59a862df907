// The type tests against the package as a user installs it: `npm pack`, the
// tarball unpacked as node_modules/ndinterop of one scratch project (the
// files npm would install; its dependencies are not needed to type-check,
// and unpacking needs neither the network nor npm's cache), then
// `tsc --strict --module nodenext` with skipLibCheck false over every
// test/types/*-usage.ts (imports rewritten from '../../src/index.js' to
// 'ndinterop'), once with @types/node and once
// with "types": [] and lib ES2022 only. Each file must compile, and with its
// `// @ts-expect-error` markers removed must fail on exactly the marked lines.
// Then the docs' examples (examples/*.mjs, each docs code block is one of
// them) are type-checked as JavaScript against the same installed package:
// allowJs, checkJs, strict, with @types/node (they use node: modules).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'ndinterop-types-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// Examples whose JavaScript does not yet type-check strictly: none. Each
// listed example must fail, so the list only shrinks: an example fixed and
// still listed is reported.
const examplesNotYetClean = new Set([]);
let exampleCount = 0;

function checkExamples(tsc, typesNode) {
  const examplesDir = join(root, 'examples');
  const target = join(scratch, 'examples');
  mkdirSync(join(target, 'native-addon'), { recursive: true });
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.mjs'));
  exampleCount = examples.length;
  for (const file of examples) {
    writeFileSync(join(target, file), readFileSync(join(examplesDir, file), 'utf8').replaceAll("'../dist/esm/index.js'", "'ndinterop'"));
  }
  // The example addon is built from C at run time (examples/native-addon/load.mjs): its declared shape.
  writeFileSync(
    join(target, 'native-addon', 'load.d.mts'),
    [
      '/** The example addon (examples/native-addon/ramp.c). */',
      'export declare const addon: {',
      '  /** A DLPack capsule of n float64 values 0, 1, ..., n - 1 made in C. */',
      '  ramp(n: number): object;',
      '  /** The sum of a float64 capsule\'s elements, computed in C. */',
      '  sum(capsule: object): number;',
      '};',
      '',
    ].join('\n'),
  );
  // scijs's ndarray has no types of its own: declared as a user would, with
  // the shape toScijs documents (ScijsArray).
  writeFileSync(
    join(target, 'ndarray.d.ts'),
    [
      "declare module 'ndarray' {",
      "  import type { ScijsArray } from 'ndinterop';",
      '  /** scijs ndarray: a view of `data` with the given shape, strides and offset (in elements). */',
      '  export default function ndarray(data: ArrayLike<number> | ArrayLike<bigint>, shape?: number[], stride?: number[], offset?: number): ScijsArray;',
      '}',
      '',
    ].join('\n'),
  );
  rmSync(typesNode, { force: true });
  symlinkSync(join(root, 'node_modules', '@types', 'node'), typesNode);
  const compilerOptions = { strict: true, noEmit: true, allowJs: true, checkJs: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, types: ['node'], lib: ['ES2023'] };
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['examples/ndarray.d.ts', ...examples.map((f) => `examples/${f}`)] }));
  let output = '';
  try {
    run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], scratch);
  } catch (error) {
    output = error.stdout;
  }
  const failing = new Map();
  for (const match of output.matchAll(/^examples\/([^(]+)\((\d+),\d+\): error (TS\d+: .*)$/gm)) {
    if (!failing.has(match[1])) failing.set(match[1], `examples/${match[1]}:${match[2]}: ${match[3]}`);
  }
  const problems = [];
  for (const match of output.matchAll(/^(?!examples\/)(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)) problems.push(`examples: ${match[1]}:${match[2]}: ${match[3]}`);
  for (const [file, first] of failing) if (!examplesNotYetClean.has(file)) problems.push(`examples: ${first}`);
  for (const file of examplesNotYetClean) if (!failing.has(file)) problems.push(`examples: ${file} now type-checks: remove it from examplesNotYetClean`);
  return problems;
}

try {
  const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], root).trim().split('\n').pop();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'types-check', private: true, type: 'module' }));
  const installed = join(scratch, 'node_modules', 'ndinterop');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', join(scratch, tarball), '-C', installed, '--strip-components=1'], scratch);
  // typescript and @types/node come from the project's own install (no network).
  // @types/node is linked in only for its configuration: present in
  // node_modules, it would resolve a leaked `import 'node:fs'` or `Buffer`
  // even under "types": [].
  const typesNode = join(scratch, 'node_modules', '@types', 'node');
  mkdirSync(dirname(typesNode), { recursive: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

  const typesDir = join(root, 'test', 'types');
  const usages = readdirSync(typesDir).filter((f) => f.endsWith('-usage.ts'));
  let compiled = 0;
  let failures = 0;
  for (const file of usages) {
    const source = readFileSync(join(typesDir, file), 'utf8').replaceAll("'../../src/index.js'", "'ndinterop'");
    writeFileSync(join(scratch, file), source);
    writeFileSync(join(scratch, file.replace('.ts', '.unmarked.ts')), source.replaceAll('// @ts-expect-error', '// (was expected error)'));
    compiled += source.split('\n').filter((line) => /^(const|let|\w+\(|void|new |class |ufuncDispatch)/.test(line)).length;
    failures += source.split('\n').filter((line) => line.startsWith('// @ts-expect-error')).length;
  }
  const configs = {
    'with @types/node': { types: ['node'], lib: ['ES2023'] },
    'without @types/node (and without the DOM lib)': { types: [], lib: ['ES2022'] },
  };
  // One compilation per configuration checks every file: the usage files
  // must give no error, and in each unmarked copy exactly the lines after
  // the markers must fail.
  const files = usages.flatMap((file) => [file, file.replace('.ts', '.unmarked.ts')]);
  const problems = [];
  for (const [label, extra] of Object.entries(configs)) {
    rmSync(typesNode, { force: true });
    if (extra.types.includes('node')) symlinkSync(join(root, 'node_modules', '@types', 'node'), typesNode);
    const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, ...extra };
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
    let output = '';
    try {
      run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], scratch);
    } catch (error) {
      output = error.stdout;
    }
    const errorLines = new Map();
    for (const match of output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)) {
      const [, file, line, message] = match;
      if (!errorLines.has(file)) errorLines.set(file, new Map());
      errorLines.get(file).set(Number(line), message);
    }
    // An error in the package's own declarations (a leaked Node type, an
    // unexported name) breaks every consumer, whatever it imports.
    for (const [file, lines] of errorLines) {
      if (files.includes(file)) continue;
      for (const [line, message] of lines) problems.push(`${label}: ${file}:${line}: ${message}`);
    }
    if (!/^.+\(\d+,\d+\): error/m.test(output) && output.trim() !== '') problems.push(`${label}: tsc printed something it did not parse:\n${output}`);
    for (const file of usages) {
      for (const [line, message] of errorLines.get(file) ?? []) problems.push(`${label}: ${file}:${line}: ${message}`);
      const lines = readFileSync(join(scratch, file), 'utf8').split('\n');
      const expected = lines.flatMap((text, i) => (text.startsWith('// @ts-expect-error') ? [i + 2] : []));
      const failed = errorLines.get(file.replace('.ts', '.unmarked.ts')) ?? new Map();
      for (const line of expected) if (!failed.has(line)) problems.push(`${label}: ${file}:${line}: compiles, but is marked as a misuse`);
      for (const line of failed.keys()) if (!expected.includes(line)) problems.push(`${label}: ${file}:${line}: fails without a marker`);
    }
  }
  problems.push(...checkExamples(tsc, typesNode));
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`packed types: ${usages.length} usage files, ~${compiled} must-compile lines, ${failures} must-fail cases; strict, skipLibCheck false, with and without @types/node`);
  console.log(`packed types: ${exampleCount} examples type-check as JavaScript (checkJs, strict); ${examplesNotYetClean.size} listed as not yet clean`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

