// np.load for JS: a path or bytes in, an NDArray (.npy) or an NpzFile (.npz) out.
import { open } from 'node:fs';
import { makeError } from '../base/errors.js';
import type { NDArray } from '../array/ndarray.js';
import { npyMagic, npyPrefixLength } from './npy-format.js';
import { checkLoadOptions, mapArray, readArray, readArrayAsync, readLayout, type CheckedLoadOptions, type LoadOptions } from './npy.js';
import { NpzFile } from './npz.js';
import { bytesOf, describeSource, fileSource, memorySource, openFileSource, pathOf, type ByteSource, type PathInput } from './source.js';

type Kind = 'npy' | 'npz';

// NumPy's np.load: a zip archive (local header or empty archive's end record) is .npz, the .npy magic is .npy.
function kindOf(magic: Uint8Array): Kind {
  const zip = magic.byteLength >= 4 && magic[0] === 0x50 && magic[1] === 0x4b && ((magic[2] === 3 && magic[3] === 4) || (magic[2] === 5 && magic[3] === 6));
  if (zip) return 'npz';
  // A file cut inside the magic string is a truncated .npy: the prefix reader says so.
  const npyPart = magic.subarray(0, npyMagic.byteLength);
  if (npyPart.byteLength > 0 && npyPart.every((byte, i) => byte === npyMagic[i])) return 'npy';
  const shown = Buffer.from(magic.subarray(0, 6)).toString('latin1').replace(/[^\x20-\x7e]|['\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  throw makeError(Error, 'ERR_NPY_INVALID', `not a .npy or .npz file: expected the magic string b'\\x93NUMPY' or a zip archive (b'PK\\x03\\x04'), got b'${shown}'`);
}

function refuseMmapOfBytes(options: CheckedLoadOptions): void {
  if (options.mmapMode !== null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `mmapMode ${JSON.stringify(options.mmapMode)} needs a path: bytes in memory cannot be memory-mapped`);
  }
}

function fromSource(source: ByteSource, magic: Uint8Array, options: CheckedLoadOptions): NDArray | NpzFile {
  if (kindOf(magic) === 'npz') return NpzFile._open(source, options);
  const layout = readLayout(source, 0, source.size, options);
  return options.mmapMode !== null && source.fd !== undefined ? mapArray(source, 0, layout, options.mmapMode) : readArray(source, 0, layout);
}

// An NpzFile keeps its file open until closed; an array does not need it.
function closeUnlessKept(source: ByteSource, result: NDArray | NpzFile): NDArray | NpzFile {
  if (!(result instanceof NpzFile)) source.close();
  return result;
}

/**
 * Loads a `.npy` file as an NDArray, or opens a `.npz` archive as an
 * NpzFile whose members are read by name (np.load). `source` is a path
 * (string or file: URL) or the file's bytes (Buffer, Uint8Array,
 * ArrayBuffer). Format versions 1.0, 2.0 and 3.0; every dtype ndinterop can
 * view, either byte order, Fortran order (a view with Fortran strides), 0-d
 * and empty arrays, records. With `mmapMode` the data is memory-mapped from
 * the file instead of read. Object arrays (pickles) are always refused.
 *
 * The file's content decides what is returned, as in NumPy. The static
 * type follows a path's extension, as np.save and np.savez name files: a
 * path typed `${string}.npy` gives `NDArray`, `${string}.npz` gives
 * `NpzFile`, and any other source (a `string`, a URL, bytes) the union. A
 * file whose content does not match its extension still returns by content.
 *
 * Errors: ERR_NPY_INVALID (not a valid .npy or .npz, truncated, bad header),
 * ERR_INVALID_DTYPE (a dtype ndinterop cannot represent), ERR_NPY_PICKLE,
 * ERR_ZIP_* for damaged or hostile archives, and Node's own fs errors.
 */
export function load(source: `${string}.npy`, options?: LoadOptions): NDArray;
export function load(source: `${string}.npz`, options?: LoadOptions): NpzFile;
export function load(source: PathInput | Uint8Array | ArrayBuffer, options?: LoadOptions): NDArray | NpzFile;
export function load(source: PathInput | Uint8Array | ArrayBuffer, options: LoadOptions = {}): NDArray | NpzFile {
  const checked = checkLoadOptions(options);
  const path = pathOf(source);
  if (path === undefined) {
    const bytes = bytesOf(source);
    if (!bytes) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', describeSource(source));
    refuseMmapOfBytes(checked);
    const memory = memorySource(bytes);
    return fromSource(memory, memory.bytes(0, npyPrefixLength), checked);
  }
  const file = openFileSource(path, checked.mmapMode === 'r+' ? 'r+' : 'r');
  try {
    return closeUnlessKept(file, fromSource(file, file.bytes(0, npyPrefixLength), checked));
  } catch (error) {
    file.close();
    throw error;
  }
}

function openAsync(path: string, flags: 'r' | 'r+'): Promise<number> {
  return new Promise((resolve, reject) => open(path, flags, (error, fd) => (error ? reject(error) : resolve(fd))));
}

/**
 * `load` with the file's data read on the libuv thread pool, so a large load
 * does not block the event loop (only the header, the archive directory and
 * memory-mapping, all small, happen on the calling thread). For an .npz, use
 * the NpzFile's `getAsync` to read members off the thread too. Typed as
 * `load`: by the path's extension, the content deciding at run time.
 */
export function loadAsync(source: `${string}.npy`, options?: LoadOptions): Promise<NDArray>;
export function loadAsync(source: `${string}.npz`, options?: LoadOptions): Promise<NpzFile>;
export function loadAsync(source: PathInput | Uint8Array | ArrayBuffer, options?: LoadOptions): Promise<NDArray | NpzFile>;
export async function loadAsync(source: PathInput | Uint8Array | ArrayBuffer, options: LoadOptions = {}): Promise<NDArray | NpzFile> {
  const checked = checkLoadOptions(options);
  const path = pathOf(source);
  if (path === undefined) return load(source, options);
  const fd = await openAsync(path, checked.mmapMode === 'r+' ? 'r+' : 'r');
  const file = fileSource(fd, path);
  try {
    const magic = new Uint8Array(Math.min(npyPrefixLength, file.size));
    await file.readIntoAsync(magic, 0);
    if (kindOf(magic) === 'npz' || checked.mmapMode !== null) return closeUnlessKept(file, fromSource(file, magic, checked));
    const layout = readLayout(file, 0, file.size, checked);
    const array = await readArrayAsync(file, 0, layout);
    file.close();
    return array;
  } catch (error) {
    file.close();
    throw error;
  }
}

