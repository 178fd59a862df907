// examples/npy-load.mjs
// Loading a NumPy file in three lines (the first makes one, as np.save would).
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** @type {`${string}.npy`} the extension types load's result as an NDArray */
const path = `${tmpdir()}/ndinterop-example-${process.pid}.npy`;
// The bytes np.save(path, np.arange(6.0).reshape(2, 3)) writes.
const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
const prefix = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]);
writeFileSync(path, Buffer.concat([prefix, Buffer.from(header.padEnd(117) + '\n'), Buffer.from(new Float64Array([0, 1, 2, 3, 4, 5]).buffer)]));

import { load } from '../dist/esm/index.js';
const a = load(path);
console.log(a.dtype.str, a.shape, a.toArray());
rmSync(path);
