// Reading one .npy array from a source (a file, bytes, or a member of an
// .npz), into fresh memory or memory-mapped; and the bytes np.save writes.
import { describeValue, makeError } from '../base/errors.js';
import { allocateForOverwrite } from '../base/memory.js';
import { native } from '../base/native.js';
import { shapeText } from '../base/validate.js';
import { NDArray } from '../array/ndarray.js';
import { defaultMaxHeaderSize, npyHeaderFor, npyPrefixLength, readNpyLayout, readNpyPrefix, type NpyLayout } from './npy-format.js';
import type { ByteSource } from './source.js';

/** np.load's mmap_mode: 'r' read-only, 'r+' read-write (writes reach the file), 'c' copy-on-write. */
export type MmapMode = 'r' | 'r+' | 'c';

/** Options of load and loadAsync. */
export interface LoadOptions {
  /** Map the data instead of reading it (files only; .npz members only where stored uncompressed and aligned). Default: read. */
  readonly mmapMode?: MmapMode | null;
  /**
   * NumPy's allow_pickle. Object arrays are always refused, since ndinterop
   * never unpickles; with allowPickle the error says that instead of
   * suggesting the option. Default false.
   */
  readonly allowPickle?: boolean;
  /** The longest .npy header read (NumPy's max_header_size). Default 10000 bytes. */
  readonly maxHeaderSize?: number;
  /**
   * The most bytes one compressed .npz member may inflate to; a member that
   * says or turns out to be larger is refused (ERR_ZIP_LIMIT). Default and
   * upper bound: 2^32 - 1 bytes (Node's largest Buffer is 4 GiB). Stored members have no limit.
   */
  readonly maxMemberBytes?: number;
}

/** LoadOptions after checking (not exported from the package). */
export interface CheckedLoadOptions {
  readonly mmapMode: MmapMode | null;
  readonly allowPickle: boolean;
  readonly maxHeaderSize: number;
  readonly maxMemberBytes: number;
}

const mmapModes = new Map<unknown, number>([
  ['r', 0],
  ['r+', 1],
  ['c', 2],
]);
/** One byte less than Node's largest Buffer: zlib inflates into at most that, and a member's stated size + 1 must fit. */
export const largestBuffer = 2 ** 32 - 1;

function optionalNumber(value: unknown, what: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected ${what} to be a non-negative integer, got ${describeValue(value)}`);
  }
  if (value > max) throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `expected ${what} to be at most ${max}, got ${value}`);
  return value;
}

/** @internal */
export function checkLoadOptions(options: unknown): CheckedLoadOptions {
  if (typeof options !== 'object' || options === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected options to be an object, got ${describeValue(options)}`);
  }
  const { mmapMode, allowPickle, maxHeaderSize, maxMemberBytes } = options as LoadOptions;
  if (mmapMode !== undefined && mmapMode !== null && !mmapModes.has(mmapMode)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `expected mmapMode to be 'r', 'r+', 'c' or null, got ${describeValue(mmapMode)}`);
  }
  if (allowPickle !== undefined && typeof allowPickle !== 'boolean') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected allowPickle to be a boolean, got ${describeValue(allowPickle)}`);
  }
  return {
    mmapMode: mmapMode ?? null,
    allowPickle: allowPickle ?? false,
    maxHeaderSize: optionalNumber(maxHeaderSize, 'maxHeaderSize', defaultMaxHeaderSize, 2 ** 32),
    maxMemberBytes: optionalNumber(maxMemberBytes, 'maxMemberBytes', largestBuffer, largestBuffer),
  };
}

/** The .npy that starts at `start` of `source` and may not reach past `end`: its header, checked against the bytes there. */
export function readLayout(source: ByteSource, start: number, end: number, options: CheckedLoadOptions): NpyLayout {
  const prefix = readNpyPrefix(source.bytes(start, Math.min(npyPrefixLength, end - start)), options.maxHeaderSize);
  const header = source.bytes(start + prefix.headerOffset, prefix.headerLength);
  if (header.byteLength < prefix.headerLength || start + prefix.dataOffset > end) {
    throw makeError(Error, 'ERR_NPY_INVALID', `truncated .npy: the header says it is ${prefix.headerLength} bytes, but only ${Math.max(0, end - start - prefix.headerOffset)} follow the prefix`);
  }
  const layout = readNpyLayout(prefix, header, options.allowPickle);
  const available = end - start - layout.dataOffset;
  if (layout.dataBytes > available) {
    throw makeError(
      Error,
      'ERR_NPY_INVALID',
      `truncated .npy: shape ${shapeText(layout.shape)} of ${layout.dtype.str} needs ${layout.dataBytes} bytes of data, but only ${available} follow the header`,
    );
  }
  return layout;
}

function arrayOver(buffer: ArrayBuffer | SharedArrayBuffer, layout: NpyLayout, readonly: boolean): NDArray {
  return new NDArray({ buffer, dtype: layout.dtype, shape: layout.shape, strides: layout.strides, readonly });
}

/** Reads the array into fresh memory. */
export function readArray(source: ByteSource, start: number, layout: NpyLayout): NDArray {
  const buffer = allocateForOverwrite(layout.dataBytes);
  source.readInto(new Uint8Array(buffer), start + layout.dataOffset);
  return arrayOver(buffer, layout, false);
}

/** readArray with the reads on the libuv thread pool. */
export async function readArrayAsync(source: ByteSource, start: number, layout: NpyLayout): Promise<NDArray> {
  const buffer = allocateForOverwrite(layout.dataBytes);
  await source.readIntoAsync(new Uint8Array(buffer), start + layout.dataOffset);
  return arrayOver(buffer, layout, false);
}

/**
 * Maps the array's bytes of the open file (O(1) in its size): a
 * SharedArrayBuffer over the mapping (never counted by V8 as external
 * memory, see native/napi/io/npy.cc), unmapped once the last view of it is
 * collected. 'r' gives a readonly array. Falls back to reading a copy where
 * the runtime refuses external memory (Electron).
 */
export function mapArray(source: ByteSource, start: number, layout: NpyLayout, mode: MmapMode): NDArray {
  const readonly = mode === 'r';
  if (layout.dataBytes === 0) return arrayOver(new SharedArrayBuffer(0), layout, readonly);
  const mapped = native.ioMapFile(source.fd!, mmapModes.get(mode)!, start + layout.dataOffset, layout.dataBytes);
  if (typeof mapped === 'string') throw makeError(Error, 'ERR_MMAP', `cannot memory-map ${source.name}: ${mapped}`);
  if (mapped === undefined) {
    const copy = readArray(source, start, layout);
    return readonly ? arrayOver(copy.buffer as ArrayBuffer, layout, true) : copy;
  }
  return arrayOver(mapped, layout, readonly);
}

/** The bytes np.save writes for `a`: the header, then the data (views of `a`'s memory where it is contiguous). */
export function npyParts(a: NDArray): Uint8Array[] {
  if (!(a instanceof NDArray)) throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `expected an NDArray, got ${describeValue(a)}`);
  a._dataView(); // refuses disposed, detached, opaque and busy arrays
  const { header, fortranOrder } = npyHeaderFor(a);
  const flags = a.flags;
  if (a.size === 0) return [header];
  const source = flags.cContiguous || fortranOrder ? a : a.copy();
  const span = source._byteSpan()!;
  return [header, new Uint8Array(source.buffer, span.start, span.end - span.start)];
}
