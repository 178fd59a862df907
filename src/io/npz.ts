// .npz archives: NpzFile reads members lazily by name, like NumPy's NpzFile;
// npzParts builds what np.savez / np.savez_compressed write.
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { describeValue, makeError } from '../base/errors.js';
import { NDArray } from '../array/ndarray.js';
import '../base/dispose.js';
import { mapArray, npyParts, readArray, readArrayAsync, readLayout, type CheckedLoadOptions } from './npy.js';
import { memorySource, type ByteSource } from './source.js';
import {
  checkCrc,
  checkCrcAsync,
  checkStored,
  inflateMember,
  inflateMemberAsync,
  memberDataOffset,
  readDirectory,
  zipParts,
  type ZipEntry,
  type ZipMemberData,
} from './zip.js';
import type { NpyLayout } from './npy-format.js';

function stripNpy(name: string): string {
  return name.endsWith('.npy') ? name.slice(0, -4) : name;
}

/**
 * An open .npz archive, as `load` returns it: members are read when asked
 * for, by name with or without `.npy` (like NumPy's NpzFile). Iterating
 * gives `[name, array]` pairs, like a Map. Close it (or `using` it) to close
 * the file; arrays already read, memory-mapped ones included, stay valid.
 */
export class NpzFile implements Iterable<[string, NDArray]> {
  /** The member names, `.npy` stripped (NumPy's NpzFile.files). */
  readonly files: readonly string[];
  #source: ByteSource | undefined;
  readonly #entries: Map<string, ZipEntry>;
  readonly #options: CheckedLoadOptions;
  readonly #directoryStart: number;

  // Made by load and loadAsync (NpzFile._open).
  private constructor(source: ByteSource, options: CheckedLoadOptions) {
    const { entries, directoryOffset } = readDirectory(source);
    this.#source = source;
    this.#options = options;
    this.#entries = new Map(entries.map((entry) => [entry.name, entry]));
    this.#directoryStart = directoryOffset;
    this.files = Object.freeze(entries.map((entry) => stripNpy(entry.name)));
  }

  /** @internal */
  static _open(source: ByteSource, options: CheckedLoadOptions): NpzFile {
    return new NpzFile(source, options);
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#source === undefined;
  }

  /** Whether the archive has the member `name` (with or without `.npy`). */
  has(name: string): boolean {
    return this.#entries.has(name) || this.#entries.has(`${name}.npy`);
  }

  #entry(name: unknown): ZipEntry {
    if (typeof name !== 'string') throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected a member name string, got ${describeValue(name)}`);
    if (this.#source === undefined) throw makeError(Error, 'ERR_NPY_CLOSED', 'this NpzFile has been closed');
    const entry = this.#entries.get(name) ?? this.#entries.get(`${name}.npy`);
    if (!entry) {
      throw makeError(RangeError, 'ERR_NPZ_NO_MEMBER', `${describeValue(name)} is not a file in the archive (its files: ${this.files.map((file) => JSON.stringify(file)).join(', ') || 'none'})`);
    }
    checkStored(entry);
    return entry;
  }

  /** The array stored as `name` (or `name.npy`), read now. */
  get(name: string): NDArray {
    const entry = this.#entry(name);
    const source = this.#source!;
    const start = memberDataOffset(source, entry, this.#directoryStart);
    if (entry.method === 8) return arrayFromInflated(entry, inflateMember(entry, source.bytes(start, entry.compressedSize), this.#options.maxMemberBytes), this.#options);
    const layout = readLayout(source, start, start + entry.size, this.#options);
    const mode = this.#options.mmapMode;
    if (mode && source.fd !== undefined && (start + layout.dataOffset) % layout.dtype.alignment === 0) return mapArray(source, start, layout, mode);
    const array = readArray(source, start, layout);
    checkCrc(entry, storedBytes(source, start, layout, array));
    return array;
  }

  /** `get` with the reads and the inflating on the libuv thread pool. */
  async getAsync(name: string): Promise<NDArray> {
    const entry = this.#entry(name);
    const source = this.#source!;
    const start = memberDataOffset(source, entry, this.#directoryStart);
    if (entry.method === 8) {
      const compressed = new Uint8Array(entry.compressedSize);
      await source.readIntoAsync(compressed, start);
      const inflated = await inflateMemberAsync(entry, compressed, this.#options.maxMemberBytes);
      await checkCrcAsync(entry, [inflated]);
      return arrayFromInflated(entry, inflated, this.#options, false);
    }
    const layout = readLayout(source, start, start + entry.size, this.#options);
    const mode = this.#options.mmapMode;
    if (mode && source.fd !== undefined && (start + layout.dataOffset) % layout.dtype.alignment === 0) return mapArray(source, start, layout, mode);
    const array = await readArrayAsync(source, start, layout);
    await checkCrcAsync(entry, storedBytes(source, start, layout, array));
    return array;
  }

  /** The raw bytes of member `name` (NumPy's NpzFile gives bytes for members that are not .npy files). */
  getBytes(name: string): Uint8Array {
    const entry = this.#entry(name);
    const source = this.#source!;
    const start = memberDataOffset(source, entry, this.#directoryStart);
    const stored = source.bytes(start, entry.compressedSize);
    const bytes = entry.method === 8 ? inflateMember(entry, stored, this.#options.maxMemberBytes) : stored.slice();
    checkCrc(entry, [bytes]);
    return bytes;
  }

  /** The member names (`files`). */
  keys(): IterableIterator<string> {
    return this.files[Symbol.iterator]();
  }

  /** `[name, array]` for every member, each read when reached. */
  *entries(): IterableIterator<[string, NDArray]> {
    for (const name of this.files) yield [name, this.get(name)];
  }

  /** The `[name, array]` pairs, like a `Map`: `for (const [name, a] of npz)` (the same as `entries()`). */
  [Symbol.iterator](): IterableIterator<[string, NDArray]> {
    return this.entries();
  }

  /** Closes the file (a no-op for archives in memory and when closed already). */
  close(): void {
    this.#source?.close();
    this.#source = undefined;
  }

  /** Closes the archive, for `using npz = load(path)`: the same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

// The member's bytes (header, then data) for its CRC: the data is the array's own memory.
function storedBytes(source: ByteSource, start: number, layout: NpyLayout, array: NDArray): Uint8Array[] {
  return [source.bytes(start, layout.dataOffset), new Uint8Array(array.buffer, 0, layout.dataBytes)];
}

function arrayFromInflated(entry: ZipEntry, inflated: Uint8Array, options: CheckedLoadOptions, crcPending = true): NDArray {
  if (crcPending) checkCrc(entry, [inflated]);
  const source = memorySource(inflated);
  const layout = readLayout(source, 0, inflated.byteLength, options);
  const dataStart = inflated.byteOffset + layout.dataOffset;
  if (dataStart % layout.dtype.alignment === 0) {
    const data = inflated.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes);
    return new NDArray({ buffer: data, dtype: layout.dtype, shape: layout.shape, strides: layout.strides });
  }
  return readArray(source, 0, layout);
}

/** The arrays of savez: named, or positional (named arr_0, arr_1, ... as NumPy names them). */
export type NpzArrays = Readonly<Record<string, NDArray>> | readonly NDArray[];

/** @internal The members of an archive of `arrays`: stored, or deflated (savez_compressed). */
export function npzMembers(arrays: NpzArrays, compress: boolean): ZipMemberData[] {
  if (typeof arrays !== 'object' || arrays === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an object of named arrays or an array of arrays, got ${describeValue(arrays)}`);
  }
  const named: [string, unknown][] = Array.isArray(arrays) ? arrays.map((a, i) => [`arr_${i}`, a]) : Object.entries(arrays);
  return named.map(([name, a]) => {
    if (!(a instanceof NDArray)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected the member ${JSON.stringify(name)} to be an NDArray, got ${describeValue(a)}`);
    const parts = npyParts(a);
    const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
    const crc = parts.reduce((value, part) => crc32(part, value), 0);
    const data = compress ? [deflateRawSync(Buffer.concat(parts))] : parts;
    return { name: `${name}.npy`, method: compress ? 8 : 0, crc, size, data } satisfies ZipMemberData;
  });
}

/** npzMembers with the deflating on the libuv thread pool. */
export async function npzMembersAsync(arrays: NpzArrays, compress: boolean): Promise<ZipMemberData[]> {
  const members = npzMembers(arrays, false);
  if (!compress) return members;
  return Promise.all(
    members.map(async (member) => {
      const deflated = await new Promise<Buffer>((resolve, reject) => deflateRaw(Buffer.concat(member.data), (error, result) => (error ? reject(error) : resolve(result))));
      return { ...member, method: 8 as const, data: [deflated] };
    }),
  );
}

/** The archive's bytes in pieces. */
export function npzParts(members: readonly ZipMemberData[]): Uint8Array[] {
  return zipParts(members);
}
