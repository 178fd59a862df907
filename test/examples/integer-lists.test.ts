// Runs examples/integer-lists.mjs (docs/guides/conversions.md) and checks what it prints.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('examples/integer-lists.mjs prints the dtypes the guide states', () => {
  const output = execFileSync(process.execPath, [join(__dirname, '..', '..', 'examples', 'integer-lists.mjs')], { encoding: 'utf8' });
  expect(output).toBe(['int64', 'float64', 'float64', 'float64', 'int64', '[ 1n, 8n ]', ''].join('\n'));
});
