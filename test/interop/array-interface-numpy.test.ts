// __array_interface__ against NumPy: test/fixtures/numpy-array-interface.json
// (written by scripts/gen-numpy-array-interface.py) records, for each dtype
// and layout, what NumPy's interface says about an array built by the same
// steps. ndinterop repeats the steps and must describe its array the same
// way; NumPy's descriptions must import to the same bytes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NDArray, arrayInterface, asarray, fromArrayInterface } from '../../src/index.js';
import { native } from '../../src/base/native.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixturePath = join(root, 'test', 'fixtures', 'numpy-array-interface.json');
const fixtureText = readFileSync(fixturePath, 'utf8');

type Step = ['T'] | ['readonly'] | ['slice', ...(string | number)[]];

interface Case {
  typestr: string;
  layout: string;
  baseShape: number[];
  steps: Step[];
  baseHex: string;
  numpy: {
    shape: number[];
    typestr: string;
    descr: [string, string][];
    strides: number[] | null;
    readonly: boolean;
    version: number;
    keys: string[];
    offset: number;
  };
  bytesHex: string;
}

const { cases } = JSON.parse(fixtureText) as { cases: Case[] };

function bytesOf(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

// The same steps NumPy took, through NDArray's own view operations.
function build(c: Case): { base: NDArray; view: NDArray } {
  const readonly = c.steps.some((step) => step[0] === 'readonly');
  const base = new NDArray({ buffer: bytesOf(c.baseHex), dtype: c.typestr, shape: c.baseShape, readonly });
  let view = base;
  for (const step of c.steps) {
    if (step[0] === 'T') view = view.T;
    if (step[0] === 'slice') view = view.slice(...step.slice(1));
  }
  return { base, view };
}

function hexOf(a: NDArray): string {
  const contiguous = a.copy();
  return Buffer.from(new Uint8Array(contiguous.buffer, contiguous.byteOffset, contiguous.nbytes)).toString('hex');
}

const size = (shape: readonly number[]): number => shape.reduce((n, k) => n * k, 1);

describe('arrayInterface describes an array exactly as NumPy does', () => {
  it.each(cases.map((c) => [`${c.typestr} ${c.layout}`, c] as const))('%s', (_name, c) => {
    const { base, view } = build(c);
    const iface = arrayInterface(view, { pointer: true });
    expect(iface.shape).toEqual(c.numpy.shape);
    expect(iface.typestr).toBe(c.numpy.typestr);
    expect(iface.descr).toEqual(c.numpy.descr);
    expect(iface.strides).toEqual(c.numpy.strides);
    expect(iface.version).toBe(c.numpy.version);
    expect(Object.keys(iface).sort()).toEqual(c.numpy.keys);
    const [address, readonly] = iface.data as readonly [bigint, boolean];
    expect(readonly).toBe(c.numpy.readonly);
    if (size(c.numpy.shape) > 0) {
      expect(address - native.bufferAddress(new Uint8Array(base.buffer, base.byteOffset, 0))).toBe(BigInt(c.numpy.offset));
    }
    expect(hexOf(view)).toBe(c.bytesHex);

    const bufferForm = view.__array_interface__;
    expect(bufferForm.data).toBe(base.buffer);
    if (size(c.numpy.shape) > 0) expect(bufferForm.offset! - base.byteOffset).toBe(c.numpy.offset);
    expect(bufferForm.readonly ?? false).toBe(c.numpy.readonly);
  });
});

describe("NumPy's descriptions import to the same values", () => {
  it.each(cases.map((c) => [`${c.typestr} ${c.layout}`, c] as const))('%s (buffer form)', (_name, c) => {
    const memory = bytesOf(c.baseHex);
    const { shape, typestr, descr, strides, readonly, offset } = c.numpy;
    const a = fromArrayInterface({ version: 3, shape, typestr, descr, strides, data: memory.buffer, offset: size(shape) > 0 ? offset : 0, readonly });
    expect(a.shape).toEqual(shape);
    expect(a.dtype.str).toBe(typestr);
    expect(a.readonly).toBe(readonly);
    expect(hexOf(a)).toBe(c.bytesHex);
    expect(a.buffer).toBe(memory.buffer);
  });

  it.each(cases.map((c) => [`${c.typestr} ${c.layout}`, c] as const))('%s (pointer form)', (_name, c) => {
    const memory = bytesOf(c.baseHex);
    const { shape, typestr, descr, strides, readonly, offset } = c.numpy;
    const start = native.bufferAddress(new Uint8Array(memory.buffer, 0, 0));
    const address = size(shape) > 0 ? start + BigInt(offset) : 0n;
    const a = fromArrayInterface({ shape, typestr, descr, strides, data: [address, readonly] }, { base: memory });
    expect(a.shape).toEqual(shape);
    expect(a.dtype.str).toBe(typestr);
    expect(a.readonly).toBe(readonly);
    expect(a.base).toBe(memory);
    expect(hexOf(a)).toBe(c.bytesHex);
  });

  it('asarray takes an object with __array_interface__ and views its memory', () => {
    const c = cases.find((entry) => entry.typestr === '<i4' && entry.layout === 'negative strides')!;
    const memory = bytesOf(c.baseHex);
    const { shape, typestr, strides, offset } = c.numpy;
    const holder = { __array_interface__: { shape, typestr, strides, data: memory, offset } };
    const a = asarray(holder);
    expect(hexOf(a)).toBe(c.bytesHex);
    expect(a.base).toBe(holder);
  });
});

function numpyAvailable(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the fixture is what NumPy says today', () => {
  const available = numpyAvailable();
  it.skipIf(!available)('scripts/gen-numpy-array-interface.py --check reproduces test/fixtures/numpy-array-interface.json', () => {
    const fresh = execFileSync('python3', [join(root, 'scripts', 'gen-numpy-array-interface.py'), '--check'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect((JSON.parse(fresh) as { cases: Case[] }).cases).toEqual(cases);
  });
  if (!available) it.skip('python3 with NumPy is not installed: the fixture was not re-derived from NumPy in this run', () => {});
});
