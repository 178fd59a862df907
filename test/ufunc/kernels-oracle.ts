// Shared helpers for test/kernels*.test.ts: run scripts/numpy-kernel-oracle.py
// (NumPy computes the expected bytes and flags) and run the same inputs
// through the native entry points.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { native, type NativeOperand } from '../../src/base/native.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export type OracleCase =
  | { kind: 'ufunc'; name: string; types: string; values?: 'cross' | 'list' }
  | { kind: 'cast'; from: string; to: string };

export interface OracleResult {
  count: number;
  inputs: string[];
  outputs: string[];
  flags: number;
}

function probeNumpy(): boolean {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return probe.status === 0;
}
export const numpyAvailable = probeNumpy();
export const skipWithoutNumpy = numpyAvailable ? '' : ' (skipped: python3 with NumPy is not installed)';

export function runOracle(cases: OracleCase[]): OracleResult[] {
  const run = spawnSync('python3', [join(root, 'scripts/numpy-kernel-oracle.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`numpy oracle failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleResult[];
}

export function numpyJson<T>(code: string): T {
  const run = spawnSync('python3', ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export const itemsizeOf: Record<string, number> = {
  '?': 1, b: 1, B: 1, h: 2, H: 2, e: 2, E: 2, i: 4, I: 4, f: 4,
  l: 8, L: 8, q: 8, Q: 8, d: 8, F: 8, D: 16, g: 16, G: 32,
};

export function operandChars(types: string): string[] {
  return types.replace('->', '').split('');
}

export function contiguous(bytes: Uint8Array, itemsize: number): NativeOperand {
  return { buffer: bytes.buffer, byteOffset: bytes.byteOffset, strides: [itemsize] };
}

/** Runs `types` of ufunc `name` on contiguous copies of the oracle's inputs. */
export function runNative(name: string, types: string, result: OracleResult): { outputs: Uint8Array[]; flags: number } {
  const entry = native.ufuncTable[name]!;
  const typeIndex = entry.types.indexOf(types);
  if (typeIndex < 0) throw new Error(`${name} has no loop ${types}`);
  const chars = operandChars(types);
  const inputs = result.inputs.map(hexToBytes);
  const outputs = chars.slice(entry.nin).map((c) => new Uint8Array(result.count * itemsizeOf[c]!));
  const operands = [...inputs, ...outputs].map((bytes, k) => contiguous(bytes, itemsizeOf[chars[k]!]!));
  const flags = native.ufuncExec(name, typeIndex, operands, [result.count]);
  return { outputs, flags };
}

// Ordered integer form of a float's bits: adjacent floats differ by 1.
function orderedBits(view: DataView, offset: number, size: number): bigint {
  let bits: bigint;
  let signMask: bigint;
  if (size === 2) {
    bits = BigInt(view.getUint16(offset, true));
    signMask = 0x8000n;
  } else if (size === 4) {
    bits = BigInt(view.getUint32(offset, true));
    signMask = 0x80000000n;
  } else if (size === 8) {
    bits = view.getBigUint64(offset, true);
    signMask = 0x8000000000000000n;
  } else {
    // x87 extended: 64-bit significand with its integer bit, then sign and
    // exponent; bytes 10-15 are padding. Consecutive values differ by 1 in
    // (exponent, significand without the integer bit) except across the
    // integer bit, close enough for an ulp distance.
    const top = view.getUint16(offset + 8, true);
    bits = (BigInt(top & 0x7fff) << 63n) | (view.getBigUint64(offset, true) & 0x7fffffffffffffffn);
    return top & 0x8000 ? -bits : bits;
  }
  return bits & signMask ? -(bits & (signMask - 1n)) : bits;
}

function isNanAt(view: DataView, offset: number, size: number, char: string): boolean {
  if (size === 2) {
    const bits = view.getUint16(offset, true);
    return char === 'E' ? (bits & 0x7f80) === 0x7f80 && (bits & 0x7f) !== 0 : (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
  }
  if (size === 16) {
    const exponent = view.getUint16(offset + 8, true) & 0x7fff;
    return exponent === 0x7fff && (view.getBigUint64(offset, true) & 0x7fffffffffffffffn) !== 0n;
  }
  return Number.isNaN(size === 4 ? view.getFloat32(offset, true) : view.getFloat64(offset, true));
}

/**
 * Compares element by element. Integers and bools must match exactly; floats
 * within `ulps` (0 = same bits), any NaN matches any NaN. Returns a list of
 * mismatching element indices (empty when equal).
 */
export function mismatches(char: string, expected: Uint8Array, actual: Uint8Array, ulps: number): number[] {
  const size = itemsizeOf[char]!;
  const floatKind = 'eEfdgFDG'.includes(char);
  const partSize = char === 'F' ? 4 : char === 'D' ? 8 : char === 'G' ? 16 : size;
  const ev = new DataView(expected.buffer, expected.byteOffset, expected.byteLength);
  const av = new DataView(actual.buffer, actual.byteOffset, actual.byteLength);
  const bad: number[] = [];
  for (let i = 0; i * size < expected.length; i++) {
    let ok = true;
    for (let part = 0; part < size; part += partSize) {
      const offset = i * size + part;
      if (!floatKind) {
        for (let k = 0; k < partSize; k++) if (expected[offset + k] !== actual[offset + k]) ok = false;
        continue;
      }
      const en = isNanAt(ev, offset, partSize, char);
      const an = isNanAt(av, offset, partSize, char);
      if (en || an) {
        if (en !== an) ok = false;
        continue;
      }
      const diff = orderedBits(ev, offset, partSize) - orderedBits(av, offset, partSize);
      if ((diff < 0n ? -diff : diff) > BigInt(ulps)) ok = false;
    }
    if (!ok) bad.push(i);
  }
  return bad;
}

export function describeMismatch(result: OracleResult, chars: string[], output: number, index: number, actual: Uint8Array): string {
  const parts = result.inputs.map((hex, k) => {
    const size = itemsizeOf[chars[k]!]!;
    return `in${k}=${hex.slice(2 * index * size, 2 * (index + 1) * size)}`;
  });
  const size = itemsizeOf[chars[chars.length - result.outputs.length + output]!]!;
  const expectedHex = result.outputs[output]!.slice(2 * index * size, 2 * (index + 1) * size);
  const actualHex = Buffer.from(actual.subarray(index * size, (index + 1) * size)).toString('hex');
  return `element ${index}: ${parts.join(' ')} expected ${expectedHex} got ${actualHex}`;
}
