// Type tests of the public .d.ts surface: a usage file under test/types/ must
// compile under strict settings with each `// @ts-expect-error` line really an
// error, and removing those markers must make exactly that many lines fail.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const defaultOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
  types: ['node'],
  skipLibCheck: true,
};

// A usage file of many overloaded generic calls (functions-usage.ts) takes
// close to a minute to check on a loaded two-core machine.
const compileTimeout = 300_000;

/** `overrides` replace compiler options, e.g. to compile as a consumer of the built package would. */
export function describeTypeUsage(title: string, usageFile: string, overrides: ts.CompilerOptions = {}): void {
  const usage = fileURLToPath(new URL(`../types/${usageFile}`, import.meta.url));
  const options = { ...defaultOptions, ...overrides };
  let previous: ts.Program | undefined;

  // Later compilations reuse the previous program, so only the usage file is re-checked.
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

  describe(title, () => {
    const source = ts.sys.readFile(usage)!;

    it('accept typed usage and reject every marked misuse', () => {
      expect(diagnosticsFor(source)).toEqual([]);
    }, compileTimeout);

    it('really fail to compile each misuse', () => {
      const marked = source.split('\n').filter((line) => line.startsWith('// @ts-expect-error')).length;
      const unmarked = source.replaceAll('// @ts-expect-error', '// (was expected error)');
      expect(diagnosticsFor(unmarked).length).toBe(marked);
    }, compileTimeout);
  });
}
