// Every name src/index.ts exports (its own and those of `export *`) is used by
// at least one type usage file (test/types/*-usage.ts, compiled by vitest and
// against the packed tarball): imported from the package there and referred
// to outside the import. The export list comes from the TypeScript compiler
// (the module symbol's exports), so a new export without a type test fails.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const typesDir = fileURLToPath(new URL('./', import.meta.url));

function publicExports(): string[] {
  const entry = `${root}src/index.ts`;
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.name);
}

// The names a usage file imports from the package and refers to outside its
// import declarations.
function namesUsedIn(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(`${typesDir}${file}`, 'utf8'), ts.ScriptTarget.ES2022, true);
  const imported = new Map<string, string>();
  const referred = new Set<string>();
  const visit = (node: ts.Node, inImport: boolean): void => {
    if (ts.isImportDeclaration(node)) {
      if ((node.moduleSpecifier as ts.StringLiteral).text === '../../src/index.js') {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.set(element.name.text, (element.propertyName ?? element.name).text);
      }
      return;
    }
    if (ts.isIdentifier(node) && !inImport) referred.add(node.text);
    ts.forEachChild(node, (child) => visit(child, inImport));
  };
  visit(source, false);
  // `var` can only be imported under another local name.
  return new Set([...imported].filter(([local]) => referred.has(local)).map(([, name]) => name));
}

describe('type usage files cover every public export', () => {
  const exported = publicExports();
  const usageFiles = readdirSync(typesDir).filter((file) => file.endsWith('-usage.ts'));

  it('reads the export list', () => {
    // The list is the compiler's: add, sum, NDArray, the ufuncs namespace, ...
    expect(exported).toEqual(expect.arrayContaining(['NDArray', 'sum', 'add', 'ufuncs', 'DTypeName', 'functionDispatch']));
    expect(exported.length).toBeGreaterThan(300);
  });

  it('finds each export used in some usage file', () => {
    const used = new Set(usageFiles.flatMap((file) => [...namesUsedIn(file)]));
    expect(exported.filter((name) => !used.has(name))).toEqual([]);
  });
});
