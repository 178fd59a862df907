// Child of matmul-kernel.test.ts: runs the products of a case file with the
// thread count and CPU level of its environment (NDINTEROP_NUM_THREADS,
// NDINTEROP_CPU_LEVEL are read once, at load, so each setting needs its own
// process). Reads argv[2] (case list, JSON) and argv[3] (operand bytes from
// NumPy), writes every result's bytes, C order, to argv[4]; for a strided
// `out` it also checks that the gaps between the written columns were left
// alone, and writes 0 bytes for the result when they were not.
import { readFileSync, writeFileSync } from 'node:fs';

const { NDArray, matmul } = await import(new URL('../../dist/esm/index.js', import.meta.url).href);
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bytes = readFileSync(process.argv[3]);
const itemsizes = { float64: 8, float32: 4, int32: 4, int64: 8 };
const sentinel = 0x5a;

function operand(c, role) {
  const [rows, cols] = role === 'a' ? [c.n, c.k] : [c.k, c.m];
  const layout = role === 'a' ? c.layoutA : c.layoutB;
  const item = itemsizes[c.dtype];
  const { offset, length } = c[role];
  const buffer = new Uint8Array(bytes.subarray(offset, offset + length)).buffer;
  const strides = layout === 'transposed' ? [item, rows * item] : layout === 'strided' ? [2 * cols * item, 2 * item] : [cols * item, item];
  return new NDArray({ buffer, dtype: c.dtype, shape: [rows, cols], strides });
}

const results = [];
for (const c of cases) {
  const a = operand(c, 'a');
  const b = operand(c, 'b');
  const item = itemsizes[c.dtype];
  const resultBytes = c.n * c.m * item;
  if (c.out === 'none') {
    const r = matmul(a, b);
    results.push(Buffer.from(r.buffer, r.byteOffset, resultBytes));
  } else if (c.out === 'contiguous') {
    // Stale contents that no correct product keeps.
    const out = new NDArray({ buffer: new Uint8Array(resultBytes).fill(sentinel).buffer, dtype: c.dtype, shape: [c.n, c.m] });
    const r = matmul(a, b, { out });
    if (r !== out) throw new Error('matmul with out= did not return out');
    results.push(Buffer.from(out.buffer, 0, resultBytes));
  } else {
    // Every other column of a (n, 2m) array: the kernel must write through
    // the strides and leave the odd columns as they were.
    const wide = new Uint8Array(2 * resultBytes).fill(sentinel);
    const out = new NDArray({ buffer: wide.buffer, dtype: c.dtype, shape: [c.n, c.m], strides: [2 * c.m * item, 2 * item] });
    matmul(a, b, { out });
    const packed = Buffer.alloc(resultBytes);
    let gapsKept = true;
    for (let e = 0; e < c.n * c.m; e++) {
      packed.set(wide.subarray(2 * e * item, (2 * e + 1) * item), e * item);
      if (wide.subarray((2 * e + 1) * item, (2 * e + 2) * item).some((x) => x !== sentinel)) gapsKept = false;
    }
    results.push(gapsKept ? packed : Buffer.alloc(0));
  }
}
const lengths = Buffer.from(new Uint32Array(results.map((r) => r.length)).buffer);
writeFileSync(process.argv[4], Buffer.concat([lengths, ...results]));
