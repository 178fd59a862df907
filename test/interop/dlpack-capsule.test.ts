// Capsules cross addon boundaries through include/ndinterop/ndinterop.h: a
// capsule made by one addon (the plain-C producer fixture, or a second copy
// of ndinterop loaded from another path) is recognised and consumed by
// another, through the Node-API type tag and the shared state layout.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DLPackCapsule, fromDlpack, NDArray, toDlpack } from '../../src/index.js';
import { native } from '../../src/base/native.js';
import type { NativeAddon } from '../../src/base/native.js';
import { collectGarbage, producer } from '../helpers/producer.js';

const f32 = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);

describe('DLPackCapsule', () => {
  it('reports name, versioned and consumed as PyCapsules do', () => {
    const legacy = new DLPackCapsule(producer.makeTensor({ versioned: false, shape: [1], strides: [1], bytes: f32([1]) }).tensor as object);
    expect([legacy.name, legacy.versioned, legacy.consumed]).toEqual(['dltensor', false, false]);
    fromDlpack(legacy);
    expect([legacy.name, legacy.consumed]).toEqual(['used_dltensor', true]);
    const versioned = new DLPackCapsule(producer.makeTensor({ shape: [1], strides: [1], bytes: f32([1]) }).tensor as object);
    expect(versioned.name).toBe('dltensor_versioned');
    versioned[Symbol.dispose]();
    expect(versioned.name).toBe('used_dltensor_versioned');
  });

  it('fromDlpack accepts the bare native capsule object another addon returns', () => {
    const handle = producer.makeTensor({ shape: [2], strides: [1], bytes: f32([5, 6]) }).tensor as object;
    expect(fromDlpack(handle).toArray()).toEqual([5, 6]);
    expect(producer.inspectCapsule(handle)).toEqual({ versioned: 1, consumed: 1 });
  });

  it('other addons see ndinterop capsules through the public header', () => {
    const a = new NDArray({ buffer: new Float32Array([1]), dtype: 'float32', shape: [1] });
    const capsule = toDlpack(a);
    const handle = capsule.handle;
    expect(producer.inspectCapsule(handle)).toEqual({ versioned: 0, consumed: 0 });
    expect(producer.inspectCapsule({})).toBeNull();
    expect(producer.inspectCapsule(42)).toBeNull();
    capsule[Symbol.dispose]();
    expect(producer.inspectCapsule(handle)).toEqual({ versioned: 0, consumed: 1 });
  });

  it('prints like a PyCapsule', async () => {
    const { inspect } = await import('node:util');
    const capsule = new DLPackCapsule(producer.makeTensor({ shape: [1], strides: [1], bytes: f32([1]) }).tensor as object);
    expect(inspect(capsule)).toBe('<capsule "dltensor_versioned">');
    capsule[Symbol.dispose]();
  });
});

describe('a second copy of ndinterop in the same process', () => {
  // The addon file copied elsewhere loads as a separate shared object with its
  // own code and statics, like a second package version in node_modules.
  function loadSecondCopy(): NativeAddon {
    const original = process.env.NDINTEROP_ADDON ?? createRequire(import.meta.url)('node-gyp-build').path(new URL('../..', import.meta.url).pathname);
    const copy = join(mkdtempSync(join(tmpdir(), 'ndinterop-copy-')), 'ndinterop.node');
    copyFileSync(original, copy);
    return createRequire(import.meta.url)(copy) as NativeAddon;
  }

  it('recognises, consumes and releases capsules of the first copy, and the reverse', async () => {
    const second = loadSecondCopy();
    expect(second).not.toBe(native);
    const data = new Float64Array([1, 2, 3]);
    const a = new NDArray({ buffer: data, dtype: 'float64', shape: [3] });
    const capsule = toDlpack(a, { maxVersion: [1, 3] });
    expect(second.dlpackCapsuleState(capsule.handle)).toBe(1);
    const parts = second.dlpackImportCapsule(capsule.handle, 2, false);
    expect(capsule.consumed).toBe(true);
    new Float64Array(parts.buffer, parts.byteOffset, 3)[0] = 10;
    expect(data[0]).toBe(10);

    const back = second.dlpackExportCapsule(new Float32Array([7, 8]).buffer, 0, 2, 32, 4, [2], [4], [1, 0], 0, true, false);
    expect(fromDlpack(back).toArray()).toEqual([7, 8]);
    expect(native.dlpackCapsuleState(back)).toBe(3);
    await collectGarbage();
  });
});
