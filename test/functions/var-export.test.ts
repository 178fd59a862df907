// NumPy's `var` as an export name: `var` cannot be a binding, but it can be
// an export (`export { variance as var }`), and the generated ESM entry
// (scripts/build-ts.mjs) exports it through a renamed local. Checked on the
// built package (dist/), from ESM and from CommonJS, in a fresh Node.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as nd from '../../src/index.js';

const esm = fileURLToPath(new URL('../../dist/esm/index.js', import.meta.url));
const cjs = fileURLToPath(new URL('../../dist/cjs/index.js', import.meta.url));
const built = existsSync(esm) && existsSync(cjs);
if (!built) console.warn('dist/ is not built (npm run build:ts): the var export checks on dist are skipped');

const run = (args: string[]): string => execFileSync(process.execPath, args, { encoding: 'utf8' }).trim();

describe('var (NumPy name of variance)', () => {
  it('is the same function as variance in the source', () => {
    expect(nd.var).toBe(nd.variance);
    expect(nd.var(nd.asarray([1, 2, 3, 4]))).toBe(1.25); // np.var([1, 2, 3, 4])
  });
  it.skipIf(!built)('works from ESM: a namespace import and a renamed named import', () => {
    const script = [
      `import * as nd from ${JSON.stringify(esm)};`,
      `import { var as npVar, variance } from ${JSON.stringify(esm)};`,
      'console.log(JSON.stringify([nd.var === nd.variance, npVar === variance, nd.var(nd.asarray([1, 2, 3, 4]), { ddof: 1 })]));',
    ].join('\n');
    expect(JSON.parse(run(['--input-type=module', '-e', script]))).toEqual([true, true, 5 / 3]);
  });
  it.skipIf(!built)('works from CommonJS', () => {
    const script = `const nd = require(${JSON.stringify(cjs)}); console.log(JSON.stringify([nd.var === nd.variance, nd.var(nd.asarray([1, 2, 3, 4]))]));`;
    expect(JSON.parse(run(['-e', script]))).toEqual([true, 1.25]);
  });
});
