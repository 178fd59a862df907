// The ufunc tables are generated, native and TypeScript alike, by one script
// from one source (NumPy plus the script's RULES). Regenerating must give
// the committed files byte for byte; this needs the NumPy they name.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const script = new URL('scripts/gen-ufunc-types.py', root).pathname;
const outputs: [file: string, flags: string[]][] = [
  ['native/core/ufunc/table_types.inc', []],
  ['native/core/ufunc/gufunc_table_types.inc', ['--gufuncs']],
  ['src/ufunc/table.generated.ts', ['--ts']],
];

function committed(file: string): string {
  return readFileSync(new URL(file, root), 'utf8');
}

/** The NumPy version the committed files were generated from. */
const wanted = /from NumPy (\S+)\. Do not edit\./.exec(committed(outputs[0]![0]))?.[1];

function installedNumpy(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const installed = installedNumpy();
const skip =
  installed === undefined
    ? `python3 with NumPy is not available; the committed tables were generated from NumPy ${wanted}`
    : installed !== wanted
      ? `NumPy ${installed} is installed, but the committed tables were generated from NumPy ${wanted}`
      : undefined;
if (skip) console.warn(`skipping the regeneration check of the ufunc tables: ${skip}`);

describe.skipIf(skip !== undefined)(`scripts/gen-ufunc-types.py regenerates the committed ufunc tables (NumPy ${wanted})`, () => {
  it.each(outputs)('writes %s byte for byte', (file, flags) => {
    const generated = execFileSync('python3', [script, ...flags], { encoding: 'utf8' });
    expect(generated).toBe(committed(file));
  });
});

describe('the committed tables agree', () => {
  it('the TypeScript table exports every ufunc of the native table', () => {
    const native = [...committed(outputs[0]![0]).matchAll(/^NDINTEROP_UFUNC\((\w+),/gm)].map((m) => m[1]);
    const ts = [...committed(outputs[2]![0]).matchAll(/^export const (\w+) = builtin/gm)].map((m) => m[1]);
    expect(ts).toEqual(native);
  });
});
