// Where .npy and .npz bytes come from: a file (read with positioned reads,
// never all at once) or bytes in memory. Async reads go through fs's callback
// API, which runs them on the libuv thread pool.
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeValue, makeError } from '../base/errors.js';

// One read call moves at most this much (Node refuses lengths past 2^31 - 1).
const readChunk = 1 << 30;

/** A file or bytes in memory, read by position. */
export interface ByteSource {
  readonly size: number;
  /** The open file, when the source is one. */
  readonly fd: number | undefined;
  readonly name: string;
  /** Bytes [position, position + length), fewer at the end of the source. May share memory with the source. */
  bytes(position: number, length: number): Uint8Array;
  /** Fills `target` from `position`; returns how many bytes there were. */
  readInto(target: Uint8Array, position: number): number;
  readIntoAsync(target: Uint8Array, position: number): Promise<number>;
  close(): void;
}

/**
 * A `file:` URL. Declared by shape so that the package's types need neither
 * `@types/node` nor the DOM lib; a WHATWG `URL` fits it. At run time only a
 * real `URL` is taken.
 */
export interface FileUrl {
  /** The whole URL, `file:///...`. */
  readonly href: string;
  /** `'file:'` for the URLs fs accepts. */
  readonly protocol: string;
  /** The path part, percent-encoded. */
  readonly pathname: string;
}

/** Where a file is: a path string or a `file:` URL. */
export type PathInput = string | FileUrl;

/** A path for fs from a string or a file: URL; undefined when `source` is neither. */
export function pathOf(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return fileURLToPath(source);
  return undefined;
}

/** The bytes of a Uint8Array (a Buffer included), another TypedArray, DataView or ArrayBuffer. */
export function bytesOf(source: unknown): Uint8Array | undefined {
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && source instanceof SharedArrayBuffer)) return new Uint8Array(source);
  return undefined;
}

export function describeSource(source: unknown): string {
  return `expected a path (string or file: URL) or bytes (Buffer, Uint8Array, ArrayBuffer), got ${describeValue(source)}`;
}

class MemorySource implements ByteSource {
  readonly fd = undefined;
  readonly name = 'bytes';
  constructor(private readonly data: Uint8Array) {}
  get size(): number {
    return this.data.byteLength;
  }
  bytes(position: number, length: number): Uint8Array {
    return this.data.subarray(Math.min(position, this.size), Math.min(position + length, this.size));
  }
  readInto(target: Uint8Array, position: number): number {
    const part = this.bytes(position, target.byteLength);
    target.set(part);
    return part.byteLength;
  }
  readIntoAsync(target: Uint8Array, position: number): Promise<number> {
    return Promise.resolve(this.readInto(target, position));
  }
  close(): void {}
}

class FileSource implements ByteSource {
  #fd: number | undefined;
  readonly size: number;
  constructor(
    fd: number,
    readonly name: string,
  ) {
    this.#fd = fd;
    this.size = fstatSync(fd).size;
  }
  get fd(): number | undefined {
    return this.#fd;
  }
  #open(): number {
    if (this.#fd === undefined) throw makeError(Error, 'ERR_NPY_CLOSED', `${this.name} has been closed`);
    return this.#fd;
  }
  bytes(position: number, length: number): Uint8Array {
    const target = new Uint8Array(Math.max(0, Math.min(length, this.size - position)));
    return target.subarray(0, this.readInto(target, position));
  }
  readInto(target: Uint8Array, position: number): number {
    const fd = this.#open();
    let done = 0;
    while (done < target.byteLength) {
      const n = readSync(fd, target, done, Math.min(readChunk, target.byteLength - done), position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }
  async readIntoAsync(target: Uint8Array, position: number): Promise<number> {
    const fd = this.#open();
    let done = 0;
    while (done < target.byteLength) {
      const n = await new Promise<number>((resolve, reject) => {
        read(fd, target, done, Math.min(readChunk, target.byteLength - done), position + done, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead)));
      });
      if (n === 0) break;
      done += n;
    }
    return done;
  }
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** A source over bytes in memory. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return new MemorySource(bytes);
}

/** A source over an open file (the source owns `fd` and closes it). */
export function fileSource(fd: number, path: string): ByteSource {
  try {
    return new FileSource(fd, path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Opens `path` for reading ('r') or for reading and writing ('r+', for mmapMode 'r+'). */
export function openFileSource(path: string, flags: 'r' | 'r+'): ByteSource {
  return fileSource(openSync(path, flags), String(path));
}
