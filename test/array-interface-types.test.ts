import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The public types of the array interface and adapters: test/types/interop-usage.ts must
// compile under strict settings (its @ts-expect-error lines must each be
// errors), and removing those markers must make it fail.
const usage = fileURLToPath(new URL('./types/interop-usage.ts', import.meta.url));
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

// Later compilations reuse the previous program, so only the usage file is re-checked.
function diagnosticsFor(source: string): readonly ts.Diagnostic[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === usage ? source : readFile(name));
  const program = ts.createProgram([usage], options, host, previous);
  previous = program;
  const file = program.getSourceFile(usage)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
}

describe('array interface and adapter public types', () => {
  const source = ts.sys.readFile(usage)!;

  it('accept typed usage and reject every marked misuse', () => {
    const messages = diagnosticsFor(source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);
  });

  it('really fail to compile each misuse', () => {
    const expectedErrors = source.split('\n').filter((line) => line.startsWith('// @ts-expect-error')).length;
    const unmarked = source.replaceAll('// @ts-expect-error', '// (was expected error)');
    expect(diagnosticsFor(unmarked).length).toBe(expectedErrors);
  });
});
