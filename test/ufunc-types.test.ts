import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The public types of ufuncs, errstate and ufuncDispatch: test/types/ufunc-usage.ts
// must compile strictly with each @ts-expect-error line an error, and each of
// those lines must really fail once its marker is removed.
const usage = fileURLToPath(new URL('./types/ufunc-usage.ts', import.meta.url));
const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
  types: ['node'],
  skipLibCheck: true,
};

let previous: ts.Program | undefined;

// The second compilation reuses the first program, so only the usage file is re-checked.
function diagnosticsFor(source: string): string[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === usage ? source : readFile(name));
  const program = ts.createProgram([usage], options, host, previous);
  previous = program;
  const file = program.getSourceFile(usage)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

describe('ufunc public types', () => {
  const source = ts.sys.readFile(usage)!;

  it('accept typed usage and reject every marked misuse', () => {
    expect(diagnosticsFor(source)).toEqual([]);
  });

  it('really fail to compile each misuse', () => {
    const marked = source.split('\n').filter((line) => line.startsWith('// @ts-expect-error')).length;
    const unmarked = source.replaceAll('// @ts-expect-error', '// (was expected error)');
    expect(diagnosticsFor(unmarked).length).toBe(marked);
  });
});
