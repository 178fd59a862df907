// The ZIP container of .npz files (PKWARE APPNOTE 6.3): reading the central
// directory (ZIP64 included) and members stored or deflated, and writing
// archives. Every size and offset an archive states is checked against the
// archive before it is used, so a hostile archive gets an error, never a read
// past its end, a huge allocation or an inflate without a limit.
import { crc32, inflateRaw, inflateRawSync } from 'node:zlib';
import { makeError } from '../base/errors.js';
import type { ByteSource } from './source.js';

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endSignature = 0x06054b50;
const zip64EndSignature = 0x06064b50;
const zip64LocatorSignature = 0x07064b50;
const zip64ExtraId = 0x0001;
const endLength = 22;
const maxCommentLength = 0xffff;
const centralHeaderLength = 46;
const localHeaderLength = 30;
const u32Max = 0xffffffff;
const u16Max = 0xffff;

/** One member as the central directory lists it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

export function zipError(message: string): Error {
  return makeError(Error, 'ERR_ZIP_INVALID', message);
}

function readU64(view: DataView, at: number, what: string): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw zipError(`${what} is ${value}, beyond 2^53 - 1`);
  return Number(value);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Member names a reader could take for a path outside the archive's
// directory are refused: absolute, drive-lettered, '..' segments, NUL.
function checkMemberName(name: string): void {
  const segments = name.split(/[\\/]/);
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || segments.includes('..') || name.includes('\0')) {
    throw makeError(Error, 'ERR_ZIP_UNSAFE_PATH', `refusing the archive member ${JSON.stringify(name)}: absolute paths and '..' segments are not allowed in member names`);
  }
}

interface EndRecord {
  readonly entries: number;
  readonly directorySize: number;
  readonly directoryOffset: number;
  readonly directoryLimit: number;
}

// The end of central directory record: the last signature from which a
// record and its comment reach exactly the end of the archive.
function findEnd(source: ByteSource): EndRecord {
  const tailLength = Math.min(source.size, endLength + maxCommentLength);
  const tailStart = source.size - tailLength;
  const tail = source.bytes(tailStart, tailLength);
  const view = viewOf(tail);
  for (let at = tail.byteLength - endLength; at >= 0; at -= 1) {
    if (view.getUint32(at, true) !== endSignature) continue;
    if (at + endLength + view.getUint16(at + 20, true) !== tail.byteLength) continue;
    const position = tailStart + at;
    const record = {
      entries: view.getUint16(at + 10, true),
      directorySize: view.getUint32(at + 12, true),
      directoryOffset: view.getUint32(at + 16, true),
      directoryLimit: position,
    };
    if (record.entries === u16Max || record.directorySize === u32Max || record.directoryOffset === u32Max) return findZip64End(source, position);
    return record;
  }
  throw zipError(`not a zip archive: no end of central directory record in the last ${tailLength} bytes of ${source.name}`);
}

function findZip64End(source: ByteSource, endPosition: number): EndRecord {
  if (endPosition < 20) throw zipError('the ZIP64 end of central directory locator is missing');
  const locator = viewOf(source.bytes(endPosition - 20, 20));
  if (locator.getUint32(0, true) !== zip64LocatorSignature) throw zipError('the ZIP64 end of central directory locator is missing');
  const recordOffset = readU64(locator, 8, 'the ZIP64 end record offset');
  if (recordOffset + 56 > endPosition - 20) throw zipError(`the ZIP64 end record offset ${recordOffset} lies past the locator`);
  const record = viewOf(source.bytes(recordOffset, 56));
  if (record.getUint32(0, true) !== zip64EndSignature) throw zipError(`no ZIP64 end of central directory record at byte ${recordOffset}`);
  return {
    entries: readU64(record, 32, 'the number of entries'),
    directorySize: readU64(record, 40, 'the central directory size'),
    directoryOffset: readU64(record, 48, 'the central directory offset'),
    directoryLimit: recordOffset,
  };
}

// ZIP64 extended information: 64-bit values for the fields that hold 0xFFFFFFFF, in order.
function applyZip64(extra: DataView, sizes: { size: number; compressedSize: number; localHeaderOffset: number }, name: string): void {
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = extra.getUint16(at, true);
    const length = extra.getUint16(at + 2, true);
    const end = at + 4 + length;
    if (end > extra.byteLength) throw zipError(`the extra field of ${JSON.stringify(name)} runs past its end`);
    if (id === zip64ExtraId) {
      let field = at + 4;
      const next = (what: string): number => {
        if (field + 8 > end) throw zipError(`the ZIP64 extra field of ${JSON.stringify(name)} lacks ${what}`);
        const value = readU64(extra, field, `${what} of ${JSON.stringify(name)}`);
        field += 8;
        return value;
      };
      if (sizes.size === u32Max) sizes.size = next('the size');
      if (sizes.compressedSize === u32Max) sizes.compressedSize = next('the compressed size');
      if (sizes.localHeaderOffset === u32Max) sizes.localHeaderOffset = next('the local header offset');
    }
    at = end;
  }
}

/** The members of the archive, in central-directory order, and where that directory starts. */
export function readDirectory(source: ByteSource): { entries: ZipEntry[]; directoryOffset: number } {
  const end = findEnd(source);
  if (end.directoryOffset + end.directorySize > end.directoryLimit) {
    throw zipError(`the central directory (${end.directorySize} bytes at ${end.directoryOffset}) runs past its end record at ${end.directoryLimit}`);
  }
  if (end.entries * centralHeaderLength > end.directorySize) {
    throw zipError(`the archive says it has ${end.entries} members, more than a central directory of ${end.directorySize} bytes holds`);
  }
  const directory = source.bytes(end.directoryOffset, end.directorySize);
  const view = viewOf(directory);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = 0;
  for (let i = 0; i < end.entries; i += 1) {
    if (at + centralHeaderLength > directory.byteLength || view.getUint32(at, true) !== centralHeaderSignature) {
      throw zipError(`central directory entry ${i} at byte ${end.directoryOffset + at} is missing or damaged`);
    }
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + centralHeaderLength + nameLength + extraLength + commentLength;
    if (next > directory.byteLength) throw zipError(`central directory entry ${i} runs past the directory`);
    const nameBytes = directory.subarray(at + centralHeaderLength, at + centralHeaderLength + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, read here as latin-1 (NumPy's names are ASCII).
    const name = Buffer.from(nameBytes).toString(flags & 0x800 ? 'utf8' : 'latin1');
    checkMemberName(name);
    if (flags & 0x1) throw makeError(Error, 'ERR_ZIP_UNSUPPORTED', `the archive member ${JSON.stringify(name)} is encrypted`);
    if (names.has(name)) throw zipError(`the archive lists the member ${JSON.stringify(name)} twice`);
    names.add(name);
    const sizes = { compressedSize: view.getUint32(at + 20, true), size: view.getUint32(at + 24, true), localHeaderOffset: view.getUint32(at + 42, true) };
    applyZip64(new DataView(directory.buffer, directory.byteOffset + at + centralHeaderLength + nameLength, extraLength), sizes, name);
    entries.push({ name, method: view.getUint16(at + 10, true), crc: view.getUint32(at + 16, true), ...sizes });
    at = next;
  }
  return { entries, directoryOffset: end.directoryOffset };
}

/** Where the member's data lies in the archive, checked to lie before the central directory. */
export function memberDataOffset(source: ByteSource, entry: ZipEntry, directoryStart: number): number {
  const header = source.bytes(entry.localHeaderOffset, localHeaderLength);
  const view = viewOf(header);
  if (header.byteLength < localHeaderLength || view.getUint32(0, true) !== localHeaderSignature) {
    throw zipError(`no local header for ${JSON.stringify(entry.name)} at byte ${entry.localHeaderOffset}`);
  }
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const start = entry.localHeaderOffset + localHeaderLength + nameLength + extraLength;
  if (start + entry.compressedSize > directoryStart) {
    throw zipError(`the member ${JSON.stringify(entry.name)} says it holds ${entry.compressedSize} bytes at ${start}, past the end of the members (byte ${directoryStart})`);
  }
  return start;
}

/** Checks a stored member's sizes; compressed members are checked by inflateMember. */
export function checkStored(entry: ZipEntry): void {
  if (entry.method === 0 && entry.compressedSize !== entry.size) {
    throw zipError(`the stored member ${JSON.stringify(entry.name)} says it is ${entry.size} bytes but stores ${entry.compressedSize}`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw makeError(Error, 'ERR_ZIP_UNSUPPORTED', `the archive member ${JSON.stringify(entry.name)} uses compression method ${entry.method}; only stored (0) and deflate (8) are read`);
  }
}

function limitError(entry: ZipEntry, limit: number): Error {
  return makeError(
    RangeError,
    'ERR_ZIP_LIMIT',
    `the archive member ${JSON.stringify(entry.name)} inflates to more than ${limit} bytes (maxMemberBytes); raise maxMemberBytes if you trust the archive`,
  );
}

function checkInflateLimit(entry: ZipEntry, limit: number): void {
  if (entry.size > limit) throw limitError(entry, limit);
}

function checkInflated(entry: ZipEntry, output: Uint8Array): void {
  if (output.byteLength !== entry.size) {
    throw zipError(`the member ${JSON.stringify(entry.name)} says it inflates to ${entry.size} bytes, but inflates to ${output.byteLength}`);
  }
}

function isLimitFailure(error: unknown): boolean {
  // Node's RangeError when maxOutputLength is reached (code ERR_BUFFER_TOO_LARGE).
  return (error as { code?: string }).code?.endsWith('BUFFER_TOO_LARGE') === true;
}

function inflateFailure(entry: ZipEntry, error: unknown): Error {
  return zipError(`the member ${JSON.stringify(entry.name)} is not valid deflate data: ${(error as Error).message}`);
}

// Inflate options: stop one byte past the stated size, so a member that lies
// about its size is caught without inflating the rest of it.
function inflateOptions(entry: ZipEntry): { maxOutputLength: number; chunkSize: number } {
  return { maxOutputLength: entry.size + 1, chunkSize: Math.max(64, Math.min(entry.size + 1, 64 * 1024 * 1024)) };
}

/** The member's uncompressed bytes from its compressed ones, within `limit`. */
export function inflateMember(entry: ZipEntry, compressed: Uint8Array, limit: number): Uint8Array {
  checkInflateLimit(entry, limit);
  let output: Uint8Array;
  try {
    output = inflateRawSync(compressed, inflateOptions(entry));
  } catch (error) {
    if (isLimitFailure(error)) throw zipError(`the member ${JSON.stringify(entry.name)} says it inflates to ${entry.size} bytes, but inflates to more`);
    throw inflateFailure(entry, error);
  }
  checkInflated(entry, output);
  return output;
}

/** inflateMember on the libuv thread pool. */
export async function inflateMemberAsync(entry: ZipEntry, compressed: Uint8Array, limit: number): Promise<Uint8Array> {
  checkInflateLimit(entry, limit);
  const output = await new Promise<Uint8Array>((resolve, reject) => {
    inflateRaw(compressed, inflateOptions(entry), (error, result) => {
      if (!error) resolve(result);
      else if (isLimitFailure(error)) reject(zipError(`the member ${JSON.stringify(entry.name)} says it inflates to ${entry.size} bytes, but inflates to more`));
      else reject(inflateFailure(entry, error));
    });
  });
  checkInflated(entry, output);
  return output;
}

/** Throws when the member's bytes (given in pieces) do not have the CRC-32 the directory gives. */
export function checkCrc(entry: ZipEntry, parts: readonly Uint8Array[]): void {
  const actual = parts.reduce((crc, part) => crc32(part, crc), 0) >>> 0;
  if (actual !== entry.crc) throw crcError(entry, actual);
}

/** checkCrc in slices of 16 MiB, yielding to the event loop between them. */
export async function checkCrcAsync(entry: ZipEntry, parts: readonly Uint8Array[]): Promise<void> {
  const slice = 16 * 1024 * 1024;
  let crc = 0;
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += slice) {
      crc = crc32(part.subarray(at, Math.min(at + slice, part.byteLength)), crc);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (crc >>> 0 !== entry.crc) throw crcError(entry, crc >>> 0);
}

function crcError(entry: ZipEntry, actual: number): Error {
  return zipError(`the member ${JSON.stringify(entry.name)} is damaged: its CRC-32 is ${hex(actual)}, the archive says ${hex(entry.crc)}`);
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/** One member to write: its name and bytes (in pieces) as stored or deflated. */
export interface ZipMemberData {
  readonly name: string;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
  readonly data: readonly Uint8Array[];
}

function byteLength(parts: readonly Uint8Array[]): number {
  return parts.reduce((sum, part) => sum + part.byteLength, 0);
}

// DOS date and time of 1980-01-01 00:00: archives are reproducible.
const dosDate = (0 << 9) | (1 << 5) | 1;
const dosTime = 0;

function zip64Extra(values: readonly number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(zip64ExtraId, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  values.forEach((value, i) => extra.writeBigUInt64LE(BigInt(value), 4 + 8 * i));
  return extra;
}

// Android's zipalign extra field (0xd935): padding that puts a stored
// member's data at a multiple of 64 bytes, so its array can be memory-mapped
// aligned. Readers skip extra fields they do not know.
const alignExtraId = 0xd935;
const memberAlign = 64;
function alignmentExtra(dataStartWithout: number): Buffer {
  const padding = (memberAlign - ((dataStartWithout + 6) % memberAlign)) % memberAlign;
  const extra = Buffer.alloc(6 + padding);
  extra.writeUInt16LE(alignExtraId, 0);
  extra.writeUInt16LE(2 + padding, 2);
  extra.writeUInt16LE(memberAlign, 4);
  return extra;
}

/**
 * The pieces of a whole archive: local header and data of each member, then
 * the central directory and its end record, ZIP64 where a size, an offset or
 * the member count needs it.
 */
export function zipParts(members: readonly ZipMemberData[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const compressedSize = byteLength(member.data);
    const large = member.size >= u32Max || compressedSize >= u32Max;
    const farOffset = offset >= u32Max;
    const utf8Flag = /[^\u0000-\u007f]/.test(member.name) ? 0x800 : 0;
    const zip64 = large ? zip64Extra([member.size, compressedSize]) : Buffer.alloc(0);
    const localExtra = member.method === 0 ? Buffer.concat([zip64, alignmentExtra(offset + localHeaderLength + name.length + zip64.length)]) : zip64;
    const local = Buffer.alloc(localHeaderLength);
    local.writeUInt32LE(localHeaderSignature, 0);
    local.writeUInt16LE(large ? 45 : 20, 4);
    local.writeUInt16LE(utf8Flag, 6);
    local.writeUInt16LE(member.method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(member.crc >>> 0, 14);
    local.writeUInt32LE(large ? u32Max : compressedSize, 18);
    local.writeUInt32LE(large ? u32Max : member.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    parts.push(local, name, localExtra, ...member.data);

    const centralValues = [...(large ? [member.size, compressedSize] : []), ...(farOffset ? [offset] : [])];
    const centralExtra = centralValues.length > 0 ? zip64Extra(centralValues) : Buffer.alloc(0);
    const entry = Buffer.alloc(centralHeaderLength);
    entry.writeUInt32LE(centralHeaderSignature, 0);
    entry.writeUInt16LE(large || farOffset ? 45 : 20, 4); // made by: MS-DOS, version 2.0 / 4.5
    entry.writeUInt16LE(large || farOffset ? 45 : 20, 6);
    entry.writeUInt16LE(utf8Flag, 8);
    entry.writeUInt16LE(member.method, 10);
    entry.writeUInt16LE(dosTime, 12);
    entry.writeUInt16LE(dosDate, 14);
    entry.writeUInt32LE(member.crc >>> 0, 16);
    entry.writeUInt32LE(large ? u32Max : compressedSize, 20);
    entry.writeUInt32LE(large ? u32Max : member.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(centralExtra.length, 30);
    entry.writeUInt32LE(0o600 << 16, 38); // external attributes: -rw------- (what Python's zipfile writes)
    entry.writeUInt32LE(farOffset ? u32Max : offset, 42);
    central.push(entry, name, centralExtra);
    offset += localHeaderLength + name.length + localExtra.length + compressedSize;
  }
  const directoryOffset = offset;
  const directorySize = byteLength(central);
  parts.push(...central);
  const needs64 = members.length >= u16Max || directoryOffset >= u32Max || directorySize >= u32Max;
  if (needs64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(zip64EndSignature, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(members.length), 24);
    record.writeBigUInt64LE(BigInt(members.length), 32);
    record.writeBigUInt64LE(BigInt(directorySize), 40);
    record.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(zip64LocatorSignature, 0);
    locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const end = Buffer.alloc(endLength);
  end.writeUInt32LE(endSignature, 0);
  end.writeUInt16LE(needs64 ? u16Max : members.length, 8);
  end.writeUInt16LE(needs64 ? u16Max : members.length, 10);
  end.writeUInt32LE(needs64 ? u32Max : directorySize, 12);
  end.writeUInt32LE(needs64 ? u32Max : directoryOffset, 16);
  parts.push(end);
  return parts;
}
