// The published entry points: ESM import and CommonJS require both load the
// built package (dist/) and expose the same API.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('package entry points', () => {
  it('loads through require (CommonJS)', () => {
    const cjs = require('../../dist/cjs/index.js') as typeof import('../../src/index.js');
    expect(cjs.dtype('float64').str).toBe('<f8');
    expect(typeof cjs.BufferError).toBe('function');
  });

  it('loads through import (ESM)', async () => {
    const esm = (await import('../../dist/esm/index.js')) as typeof import('../../src/index.js');
    expect(esm.dtype('int8').str).toBe('|i1');
  });

  it('resolves the package name through exports for both conditions', async () => {
    const viaRequire = require('ndinterop') as typeof import('../../src/index.js');
    const viaImport = (await import('ndinterop')) as typeof import('../../src/index.js');
    expect(viaRequire.dtype('uint16').str).toBe('<u2');
    expect(viaImport.dtype('uint16').str).toBe('<u2');
  });
});
