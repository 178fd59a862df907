// examples/npy-async.mjs
// The promise forms read, decompress and write on the libuv thread pool, so
// the event loop stays free during large loads and saves.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NDArray, loadAsync, saveAsync, toNpy, load } from '../dist/esm/index.js';

const a = new NDArray({ buffer: new Int16Array([1, 2, 3, 4]), dtype: 'int16', shape: [2, 2] });
const path = await saveAsync(join(tmpdir(), `ndinterop-async-${process.pid}.npy`), a);
const back = await loadAsync(path);
console.log(back.dtype.str, back.toArray());

// In memory: the same bytes np.save writes, as a Buffer.
const bytes = toNpy(a);
console.log(bytes.subarray(0, 6).toString('latin1') === '\x93NUMPY', bytes.length, load(bytes).toArray());
