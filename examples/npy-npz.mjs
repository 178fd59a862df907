// examples/npy-npz.mjs
// .npz archives: save several arrays (compressed or not), then read members
// lazily by name, as NumPy's NpzFile does; `using` closes the file.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NDArray, load, savezCompressed } from '../dist/esm/index.js';

const base = join(tmpdir(), `ndinterop-arrays-${process.pid}`);
const path = savezCompressed(base, {
  weights: new NDArray({ buffer: new Float32Array([0.5, -1, 2]), dtype: 'float32', shape: [3] }),
  labels: new NDArray({ buffer: new Int32Array([3, 1, 2]), dtype: 'int32', shape: [3] }),
});
console.log(path === `${base}.npz`); // savez appends .npz, as NumPy does

const npz = load(path); // an NpzFile, typed so by the extension savez wrote
console.log(npz.files);
console.log(npz.get('labels').toArray());
for (const [name, array] of npz) console.log(name, array.dtype.str, array.shape);
npz.close();
