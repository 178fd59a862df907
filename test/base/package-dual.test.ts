// One library per process, whatever loads it: an ESM app (import 'ndinterop')
// and its CommonJS dependency (require('ndinterop')) run in one Node process
// (test/fixtures/dual) and exchange arrays, capsules, ufunc overrides,
// errstate settings and busy memory. Both resolve the package by its own
// name through the `exports` map, so this tests the built dist/ as published.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Outcome<T> {
  value?: T;
  error?: { name: string; code?: string; message: string };
}
interface Stats {
  liveImports: number;
  liveExports: number;
  externalBytes: number;
}
type Settings = Record<'divide' | 'over' | 'under' | 'invalid', string>;
interface Report {
  sameExports: Record<string, boolean>;
  instanceOf: { cjsArrayIsEsmNDArray: boolean; esmArrayIsCjsNDArray: boolean };
  names: { esm: string[]; cjs: string[] };
  add: { byEsm: Outcome<number[]>; byCjs: Outcome<number[]> };
  matmul: { byEsm: Outcome<number[][]>; byCjs: Outcome<number[][]> };
  capsules: {
    cjsToEsm: Outcome<number[]>;
    esmToCjs: Outcome<number[]>;
    consumedAgain?: Outcome<never>['error'];
    consumedAgainIsCjsBufferError: boolean;
  };
  memoryStats: Record<'before' | 'exported' | 'imported', { esm: Stats; cjs: Stats }>;
  override: { registered: Outcome<{ isTagged: boolean; value: number[] }>; unregistered?: Outcome<never>['error'] };
  errstate: {
    defaults: Settings;
    seenByEsm: Settings;
    esmDivide?: Outcome<never>['error'];
    insideEsmErrstate: { seenByCjs: Settings; cjsDivide: Outcome<string[]> };
    restoredSeenByCjs: Settings;
  };
  busy: { whilePending?: Outcome<never>['error']; settled: string; afterSettle: Outcome<number[]> };
}

let report: Report;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) throw new Error('dist/ is missing: npm run build:ts first');
  const output = execFileSync(process.execPath, [join(root, 'test', 'fixtures', 'dual', 'app.mjs')], { encoding: 'utf8' });
  report = JSON.parse(output) as Report;
});

describe('the ESM and CommonJS entry points are one library', () => {
  it('export the same classes, functions and registries', () => {
    expect(report.sameExports).toEqual({
      NDArray: true,
      DLPackCapsule: true,
      BufferError: true,
      DType: true,
      add: true,
      ufuncDispatch: true,
      NotImplemented: true,
      ufuncs: true,
    });
  });

  it('export exactly the same names', () => {
    expect(report.names.esm).toEqual(report.names.cjs);
    expect(report.names.esm).toContain('add');
  });

  it('make arrays that are instanceof the other side\'s NDArray', () => {
    expect(report.instanceOf).toEqual({ cjsArrayIsEsmNDArray: true, esmArrayIsCjsNDArray: true });
  });
});

describe('arrays from both entry points mix in ufuncs', () => {
  it('adds an ESM array and a CommonJS array, called from either side', () => {
    // [1, 2, 3] + [10, 20, 30]
    expect(report.add).toEqual({ byEsm: { value: [11, 22, 33] }, byCjs: { value: [11, 22, 33] } });
  });

  it('multiplies matrices made on both sides', () => {
    // [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[1*5 + 2*7, 1*6 + 2*8], [3*5 + 4*7, 3*6 + 4*8]]
    const product = { value: [[19, 22], [43, 50]] };
    expect(report.matmul).toEqual({ byEsm: product, byCjs: product });
  });
});

describe('DLPack capsules cross between the entry points', () => {
  it('imports in ESM a capsule exported by CommonJS, and the reverse', () => {
    expect(report.capsules.cjsToEsm).toEqual({ value: [4, 5, 6] });
    expect(report.capsules.esmToCjs).toEqual({ value: [7, 8] });
  });

  it('refuses a capsule consumed by the other side with the one BufferError class', () => {
    expect(report.capsules.consumedAgain).toEqual({
      name: 'BufferError',
      code: 'ERR_DLPACK_CONSUMED',
      message: 'the DLPack capsule was already consumed',
    });
    expect(report.capsules.consumedAgainIsCjsBufferError).toBe(true);
  });

  it('counts an export once in memoryStats, whichever side asks, and releases it on import', () => {
    const { before, exported, imported } = report.memoryStats;
    expect(before.cjs).toEqual(before.esm);
    expect(exported.esm).toEqual({ ...before.esm, liveExports: before.esm.liveExports + 1 });
    expect(exported.cjs).toEqual(exported.esm);
    expect(imported.esm).toEqual(before.esm);
    expect(imported.cjs).toEqual(before.esm);
  });
});

describe('state is shared', () => {
  it('honours a ufuncDispatch handler the CommonJS side registered in an ESM call', () => {
    // Tagged([1, 2]) + 40 -> the handler unwraps, adds, and wraps again.
    expect(report.override.registered).toEqual({ value: { isTagged: true, value: [41, 42] } });
    expect(report.override.unregistered).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  });

  it('applies errstate settings made on one side to calls on the other', () => {
    const raiseDivide = { ...report.errstate.defaults, divide: 'raise' };
    expect(report.errstate.seenByEsm).toEqual(raiseDivide);
    expect(report.errstate.esmDivide).toMatchObject({ name: 'RangeError', code: 'ERR_FLOATING_POINT' });
    expect(report.errstate.insideEsmErrstate).toEqual({
      seenByCjs: { ...report.errstate.defaults, divide: 'ignore' },
      cjsDivide: { value: ['Infinity'] },
    });
    expect(report.errstate.restoredSeenByCjs).toEqual(report.errstate.defaults);
  });

  it('keeps memory an ESM async call writes busy for the CommonJS side until it settles', () => {
    expect(report.busy.whilePending).toMatchObject({ name: 'TypeError', code: 'ERR_BUSY' });
    expect(report.busy.settled).toBe('resolved');
    // out = [1, 2, 3] + [10, 20, 30], then out[0] = 99
    expect(report.busy.afterSettle).toEqual({ value: [99, 22, 33] });
  });
});

describe('under a test runner that loads ESM itself (vitest)', () => {
  it('gives import and require of the package name one NDArray class', async () => {
    const viaRequire = createRequire(import.meta.url)('ndinterop') as typeof import('../../src/index.js');
    const viaImport = (await import('ndinterop')) as typeof import('../../src/index.js');
    expect(viaImport.NDArray).toBe(viaRequire.NDArray);
    expect(viaImport.add(viaImport.asarray([1, 2]), viaRequire.asarray([10, 20])).toArray()).toEqual([11n, 22n]);
  });
});

describe('the published layout', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    main: string;
    module: string;
    types: string;
    exports: { '.': Record<'import' | 'require', { types: string; default: string }> };
  };

  it('points main, module, types and both export conditions at built files', () => {
    const { import: esm, require: cjs } = manifest.exports['.'];
    for (const path of [manifest.main, manifest.module, manifest.types, esm.types, esm.default, cjs.types, cjs.default]) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
  });

  it('holds one copy of the library: dist/esm has the entry wrapper and types only', () => {
    const esmDir = join(root, 'dist', 'esm');
    const scripts = readdirSync(esmDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(scripts).toEqual(['index.js']);
    expect(readFileSync(join(esmDir, 'index.js'), 'utf8')).toContain("('../cjs/index.js')");
  });
});
