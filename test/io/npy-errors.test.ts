// Bad .npy and .npz input: each gets its class, code and message, never a
// crash, a hang or a huge allocation. Files are built byte by byte here.
import { describe, expect, it } from 'vitest';
import { deflateRawSync, crc32 } from 'node:zlib';
import { NDArray, NpzFile, load, save, toNpy, toNpz } from '../../src/index.js';
import { zipParts, type ZipMemberData } from '../../src/io/zip.js';
import { expectError } from '../helpers/expect-error.js';

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** A .npy file with header text `text` (format `major`.0, no padding) and `data` after it. */
function npy(text: string, major = 1, data: Uint8Array = new Uint8Array(0)): Buffer {
  const body = Buffer.from(text, major === 3 ? 'utf8' : 'latin1');
  const prefix = Buffer.alloc(major === 1 ? 10 : 12);
  prefix.set(magic);
  prefix[6] = major;
  if (major === 1) prefix.writeUInt16LE(body.length, 8);
  else prefix.writeUInt32LE(body.length, 8);
  return Buffer.concat([prefix, body, data]);
}

const header = (descr: string, shape: string, fortran = 'False'): string => `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }\n`;

function invalid(bytes: Uint8Array, message: string | RegExp): void {
  expectError(() => load(bytes), Error, 'ERR_NPY_INVALID', message);
}

describe('load refuses bad .npy input', () => {
  it('reads a well-formed hand-written header (sanity check of the builder)', () => {
    const a = load(npy(header("'<i2'", '(2,)'), 1, Uint8Array.of(1, 0, 2, 0))) as NDArray;
    expect(a.toArray()).toEqual([1, 2]);
  });

  it('refuses files that are neither .npy nor .npz', () => {
    invalid(Buffer.from('hello world!'), "not a .npy or .npz file: expected the magic string b'\\x93NUMPY' or a zip archive (b'PK\\x03\\x04'), got b'hello '");
    invalid(new Uint8Array(0), "not a .npy or .npz file: expected the magic string b'\\x93NUMPY' or a zip archive (b'PK\\x03\\x04'), got b''");
  });

  it('refuses files cut inside the prefix', () => {
    invalid(Uint8Array.of(0x93, 0x4e, 0x55), 'truncated .npy file: expected at least 8 bytes (magic string and version), got 3');
    invalid(Uint8Array.of(...magic, 1, 0, 5), 'truncated .npy file: expected 10 bytes of magic string, version and header length, got 9');
  });

  it('refuses unknown versions', () => {
    invalid(Uint8Array.of(...magic, 4, 0, 0, 0), 'unsupported .npy format version (4, 0): expected (1, 0), (2, 0) or (3, 0)');
    invalid(Uint8Array.of(...magic, 1, 1, 0, 0), 'unsupported .npy format version (1, 1): expected (1, 0), (2, 0) or (3, 0)');
  });

  it('refuses a header length past the end of the file', () => {
    invalid(Uint8Array.of(...magic, 1, 0, 100, 0, 0x7b), 'truncated .npy: the header says it is 100 bytes, but only 1 follow the prefix');
  });

  it('refuses absurd header sizes before reading them, unless maxHeaderSize allows', () => {
    invalid(Uint8Array.of(...magic, 2, 0, 0xff, 0xff, 0xff, 0x7f), 'the .npy header is 2147483647 bytes, more than maxHeaderSize (10000); raise maxHeaderSize to read it if you trust the file');
    const long = npy(header("'<i2'", '(1,)') + ' '.repeat(20000), 2, Uint8Array.of(7, 0));
    invalid(long, 'the .npy header is 20058 bytes, more than maxHeaderSize (10000); raise maxHeaderSize to read it if you trust the file');
    expect((load(long, { maxHeaderSize: 30000 }) as NDArray).toArray()).toEqual([7]);
  });

  it('refuses headers that are not a Python literal dict', () => {
    invalid(npy("{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}"), `Cannot parse header: "{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}" (expected ',' or '}' in a dict, got ':' at byte 31)`);
    invalid(npy('[1, 2]'), 'Header is not a dictionary: [1, 2]');
    invalid(npy("{'descr': os.system('x')}"), /^Cannot parse header: .*\(expected a Python literal, got the name 'os' at byte 10\)$/);
    invalid(npy(`{'descr': ${'['.repeat(40)}${']'.repeat(40)}}`), /\(literal nested deeper than 32 levels at byte 41\)$/);
    invalid(npy("{'descr': '<f8"), /\(unterminated string literal at byte 14\)$/);
  });

  it('refuses missing and extra keys', () => {
    invalid(npy("{'descr': '<f8', 'fortran_order': False}"), "Header does not contain the correct keys: ['descr', 'fortran_order'] (expected exactly 'descr', 'fortran_order', 'shape')");
    invalid(
      npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), 'x': 1}"),
      "Header does not contain the correct keys: ['descr', 'fortran_order', 'shape', 'x'] (expected exactly 'descr', 'fortran_order', 'shape')",
    );
  });

  it('refuses invalid fortran_order and shape values', () => {
    invalid(npy(header("'<f8'", '(2,)', '0')), 'fortran_order is not a valid bool: 0');
    invalid(npy(header("'<f8'", '[2]')), 'shape is not valid: [2] (expected a tuple of ints)');
    invalid(npy(header("'<f8'", '(2.0,)')), 'shape is not valid: (2.0,) (expected a tuple of ints)');
    invalid(npy(header("'<f8'", '(-2,)')), 'shape is not valid: (-2,) (negative dimensions are not allowed)');
    invalid(npy(header("'<f8'", `(${Array(65).fill(1).join(', ')})`)), /^shape is not valid: .* \(65 dimensions; at most 64 are allowed\)$/);
  });

  it('refuses shapes whose byte size overflows or exceeds the file', () => {
    invalid(npy(header("'<f8'", '(4294967296, 4294967296)')), 'shape is not valid: (4294967296, 4294967296) (more than 2^53 - 1 elements)');
    invalid(npy(header("'<f8'", '(2251799813685248,)')), 'shape is not valid: (2251799813685248,) (the data would be more than 2^53 - 1 bytes)');
    invalid(npy(header("'<f8'", '(99999999999999999999999,)')), 'shape is not valid: (99999999999999999999999,) (a dimension is larger than 2^53 - 1)');
    invalid(npy(header("'<f8'", '(1000,)')), 'truncated .npy: shape (1000,) of <f8 needs 8000 bytes of data, but only 0 follow the header');
  });

  it('refuses a descr ndinterop cannot parse, naming it', () => {
    invalid(
      npy(header("'<f3'", '(2,)')),
      "descr is not a valid dtype descriptor: '<f3' (expected typestr like '<f8', got '<f3' (itemsize 3 is not valid for kind 'f'; expected 2, 4, 8 or 16))",
    );
    invalid(npy(header("[('a', '<f8'), ('a', '<i4')]", '(2,)')), "descr is not a valid dtype descriptor: [('a', '<f8'), ('a', '<i4')] (the field name 'a' appears twice)");
    invalid(npy(header('3', '(2,)')), 'descr is not a valid dtype descriptor: 3 (expected a typestr or a list of fields, got 3)');
    expectError(() => load(npy(header("[(('T', 'a'), '<f8')]", '(2,)'))), TypeError, 'ERR_INVALID_DTYPE', "field 'a' has the title 'T'; ndinterop's structured dtypes have no field titles");
  });

  it('refuses object arrays, and never unpickles even with allowPickle', () => {
    const pickled = npy(header("'|O'", '(2,)'), 1, Buffer.from('\x80\x04garbage'));
    const message = 'Object arrays cannot be loaded when allowPickle is false (this file contains pickled data, which ndinterop never unpickles)';
    expectError(() => load(pickled), TypeError, 'ERR_NPY_PICKLE', message);
    expectError(() => load(npy(header("[('a', '<f8'), ('b', 'O')]", '(2,)'))), TypeError, 'ERR_NPY_PICKLE', message);
    expectError(
      () => load(pickled, { allowPickle: true }),
      TypeError,
      'ERR_NPY_PICKLE',
      'this file contains pickled (object) data; ndinterop never unpickles (no file content is ever executed), even with allowPickle: load it in Python',
    );
  });

  it('reads the Python literal forms NumPy accepts', () => {
    const data = Uint8Array.of(1, 0, 2, 0);
    for (const text of [
      '{"descr": "<i2", "fortran_order": False, "shape": (2,)}',
      "{'descr': u'<i2', 'fortran_order': False, 'shape': (2,),} # comment",
      "{'descr': '<' 'i2', 'fortran_order': False, 'shape': (0x2,)}",
      "{'descr':'<i2','fortran_order':False,'shape':(+2, )}",
    ]) {
      expect((load(npy(text, 1, data)) as NDArray).toArray(), text).toEqual([1, 2]);
    }
    // Python 2's long suffix, which NumPy strips from 1.0 and 2.0 headers only.
    expect((load(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (2L,)}", 1, data)) as NDArray).toArray()).toEqual([1, 2]);
    invalid(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (2L,)}", 3, data), /^Cannot parse header: .*\(invalid character in a number: 'L' at byte 52\)$/);
  });

  it('reads UTF-8 field names in format 3.0 and latin-1 ones in 1.0', () => {
    const v3 = load(npy(header("[('é名', '<i2')]", '(1,)'), 3, Uint8Array.of(5, 0))) as NDArray;
    expect(v3.dtype.fields![0]!.name).toBe('é名');
    const v1 = load(npy(header("[('\u00e9', '<i2')]", '(1,)'), 1, Uint8Array.of(5, 0))) as NDArray;
    expect(v1.dtype.fields![0]!.name).toBe('é');
  });

  it('checks its options', () => {
    const file = toNpy(new NDArray({ buffer: new Float64Array(2), dtype: 'float64', shape: [2] }));
    expectError(() => load(file, { mmapMode: 'w' as 'r' }), TypeError, 'ERR_INVALID_ARG_VALUE', `expected mmapMode to be 'r', 'r+', 'c' or null, got "w"`);
    expectError(() => load(file, { mmapMode: 'r' }), TypeError, 'ERR_INVALID_ARG_VALUE', 'mmapMode "r" needs a path: bytes in memory cannot be memory-mapped');
    expectError(() => load(file, { allowPickle: 1 as unknown as boolean }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected allowPickle to be a boolean, got 1');
    expectError(() => load(file, { maxHeaderSize: -1 }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected maxHeaderSize to be a non-negative integer, got -1');
    expectError(() => load(42 as unknown as Uint8Array), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a path (string or file: URL) or bytes (Buffer, Uint8Array, ArrayBuffer), got 42');
    // FileUrl is typed by shape; at run time only a real URL is a path.
    const lookalike = { href: 'file:///tmp/a.npy', protocol: 'file:', pathname: '/tmp/a.npy' };
    expectError(() => load(lookalike), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a path (string or file: URL) or bytes (Buffer, Uint8Array, ArrayBuffer), got an instance of Object');
    expectError(() => save(lookalike, new NDArray({ buffer: new Float64Array(2), dtype: 'float64', shape: [2] })), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected a path (string or file: URL), got an instance of Object');
  });
});

function member(name: string, bytes: Uint8Array, compress = false, overrides: Partial<ZipMemberData> = {}): ZipMemberData {
  return { name, method: compress ? 8 : 0, crc: crc32(bytes), size: bytes.byteLength, data: [compress ? deflateRawSync(bytes) : bytes], ...overrides };
}

const zip = (members: ZipMemberData[]): Buffer => Buffer.concat(zipParts(members));
const small = toNpy(new NDArray({ buffer: Int16Array.of(1, 2, 3), dtype: 'int16', shape: [3] }));

function zipError(bytes: Uint8Array, name: string, code: string, message: string | RegExp, cls: new (...args: never[]) => Error = Error): void {
  const npz = load(bytes) as NpzFile;
  expectError(() => npz.get(name), cls, code, message);
}

describe('load refuses bad .npz input', () => {
  it('reads a hand-built archive (sanity check of the builder)', () => {
    const npz = load(zip([member('a.npy', small), member('b.npy', small, true)])) as NpzFile;
    expect(npz.get('a').toArray()).toEqual([1, 2, 3]);
    expect(npz.get('b').toArray()).toEqual([1, 2, 3]);
  });

  it('refuses absolute and .. member paths', () => {
    for (const name of ['../evil.npy', '/etc/evil.npy', 'a/../../evil.npy', 'C:\\evil.npy', '..\\evil.npy']) {
      expectError(
        () => load(zip([member(name, small)])),
        Error,
        'ERR_ZIP_UNSAFE_PATH',
        `refusing the archive member ${JSON.stringify(name)}: absolute paths and '..' segments are not allowed in member names`,
      );
    }
  });

  it('refuses stored members with lying sizes', () => {
    zipError(zip([member('a.npy', small, false, { size: small.byteLength + 10 })]), 'a', 'ERR_ZIP_INVALID', `the stored member "a.npy" says it is ${small.byteLength + 10} bytes but stores ${small.byteLength}`);
  });

  it('refuses compressed members that inflate to more or less than they say', () => {
    zipError(zip([member('a.npy', small, true, { size: 20 })]), 'a', 'ERR_ZIP_INVALID', 'the member "a.npy" says it inflates to 20 bytes, but inflates to more');
    zipError(zip([member('a.npy', small, true, { size: small.byteLength + 5 })]), 'a', 'ERR_ZIP_INVALID', `the member "a.npy" says it inflates to ${small.byteLength + 5} bytes, but inflates to ${small.byteLength}`);
  });

  it('refuses zip bombs past maxMemberBytes with a clear error', () => {
    const zeros = toNpy(new NDArray({ buffer: new ArrayBuffer(8 << 20), dtype: 'uint8', shape: [8 << 20] }));
    const bomb = zip([member('z.npy', zeros, true)]);
    expect(bomb.byteLength).toBeLessThan(20000);
    const npz = load(bomb, { maxMemberBytes: 1 << 20 }) as NpzFile;
    expectError(() => npz.get('z'), RangeError, 'ERR_ZIP_LIMIT', 'the archive member "z.npy" inflates to more than 1048576 bytes (maxMemberBytes); raise maxMemberBytes if you trust the archive');
    expect((load(bomb) as NpzFile).get('z').size).toBe(8 << 20);
  });

  it('refuses damaged data (CRC-32 mismatch)', () => {
    const bytes = zip([member('a.npy', small)]);
    bytes[bytes.indexOf(Buffer.from(magic)) + 128 + 1]! ^= 0xff; // inside the data, past the member's .npy header
    zipError(bytes, 'a', 'ERR_ZIP_INVALID', /^the member "a\.npy" is damaged: its CRC-32 is 0x[0-9a-f]{8}, the archive says 0x[0-9a-f]{8}$/);
  });

  it('refuses archives without an end record, and directories out of bounds', () => {
    const bytes = zip([member('a.npy', small)]);
    expectError(() => load(bytes.subarray(0, bytes.byteLength - 3)), Error, 'ERR_ZIP_INVALID', `not a zip archive: no end of central directory record in the last ${bytes.byteLength - 3} bytes of bytes`);
    const moved = Buffer.from(bytes);
    moved.writeUInt32LE(0x7fff0000, moved.byteLength - 6);
    expectError(() => load(moved), Error, 'ERR_ZIP_INVALID', /^the central directory \(\d+ bytes at 2147418112\) runs past its end record at \d+$/);
    const many = Buffer.from(bytes);
    many.writeUInt16LE(5000, many.byteLength - 12);
    expectError(() => load(many), Error, 'ERR_ZIP_INVALID', /^the archive says it has 5000 members, more than a central directory of \d+ bytes holds$/);
  });

  it('refuses members whose data reaches into the central directory', () => {
    zipError(zip([member('a.npy', small, false, { size: 1e6 })]), 'a', 'ERR_ZIP_INVALID', /^the stored member "a\.npy" says it is 1000000 bytes but stores \d+$/);
    const bytes = zip([member('a.npy', small, true)]);
    const directory = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    bytes.writeUInt32LE(1e6, directory + 20);
    zipError(bytes, 'a', 'ERR_ZIP_INVALID', /^the member "a\.npy" says it holds 1000000 bytes at \d+, past the end of the members \(byte \d+\)$/);
  });

  it('refuses unknown compression methods and encrypted members', () => {
    const bytes = zip([member('a.npy', small)]);
    const directory = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    const bzip = Buffer.from(bytes);
    bzip.writeUInt16LE(12, directory + 10);
    zipError(bzip, 'a', 'ERR_ZIP_UNSUPPORTED', 'the archive member "a.npy" uses compression method 12; only stored (0) and deflate (8) are read');
    const encrypted = Buffer.from(bytes);
    encrypted.writeUInt16LE(1, directory + 8);
    expectError(() => load(encrypted), Error, 'ERR_ZIP_UNSUPPORTED', 'the archive member "a.npy" is encrypted');
  });

  it('names missing members, and refuses reads once closed', () => {
    const npz = load(toNpz({ x: new NDArray({ buffer: new Float64Array(1), dtype: 'float64', shape: [] }) })) as NpzFile;
    expectError(() => npz.get('y'), RangeError, 'ERR_NPZ_NO_MEMBER', '"y" is not a file in the archive (its files: "x")');
    npz.close();
    expect(npz.closed).toBe(true);
    expectError(() => npz.get('x'), Error, 'ERR_NPY_CLOSED', 'this NpzFile has been closed');
  });

  it('refuses a member that is not a .npy file when read as an array, and gives its bytes', () => {
    const npz = load(zip([member('notes.txt', Buffer.from('hello'))])) as NpzFile;
    expect(npz.files).toEqual(['notes.txt']);
    expect(Buffer.from(npz.getBytes('notes.txt')).toString()).toBe('hello');
    expectError(() => npz.get('notes.txt'), Error, 'ERR_NPY_INVALID', "not a .npy file: expected the magic string b'\\x93NUMPY', got b'hello'");
  });
});
