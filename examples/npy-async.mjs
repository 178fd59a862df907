// examples/npy-async.mjs
// The promise forms read, decompress and write on the libuv thread pool, so
// the event loop stays free during large loads and saves.
import { tmpdir } from 'node:os';
import { NDArray, loadAsync, saveAsync, toNpy, load } from '../dist/esm/index.js';

const a = new NDArray({ buffer: new Int16Array([1, 2, 3, 4]), dtype: 'int16', shape: [2, 2] });
// saveAsync resolves to the path it wrote; its .npy types loadAsync's result as an NDArray.
const path = await saveAsync(`${tmpdir()}/ndinterop-async-${process.pid}`, a);
const back = await loadAsync(path);
console.log(back.dtype.str, back.toArray());

// In memory: the same bytes np.save writes. Bytes have no extension, so the
// type is NDArray | NpzFile until narrowed (at run time the content decides).
const bytes = toNpy(a);
const copy = load(bytes);
if (copy instanceof NDArray) console.log(Buffer.from(bytes.subarray(0, 6)).toString('latin1') === '\x93NUMPY', bytes.length, copy.toArray());
