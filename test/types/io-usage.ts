// Compiled by test/types/io-usage.test.ts and by scripts/check-packed-types.mjs
// (never run). Every line must type-check, and every @ts-expect-error line
// must really be an error.
import { NDArray, NpzFile, asarray, load, loadAsync, save, saveAsync, savez, savezAsync, savezCompressed, savezCompressedAsync, toNpy, toNpz } from '../../src/index.js';
import type { FileUrl, LoadOptions, MmapMode, NpzArrays, PathInput, SaveOptions } from '../../src/index.js';

const a: NDArray = asarray([1, 2]);
const bytes: Uint8Array = toNpy(a);
const archive: Uint8Array = toNpz({ a, b: a }, { compress: true });
const listed: Uint8Array = toNpz([a, a]);
const fromBytes: NDArray | NpzFile = load(bytes);
const fromBuffer = load(bytes.buffer as ArrayBuffer, { maxHeaderSize: 20000 });
const mode: MmapMode = 'r';
const options: LoadOptions = { mmapMode: mode, allowPickle: false, maxMemberBytes: 1 << 20 };
const mapped = load('a.npy', options);
const url: FileUrl = { href: 'file:///tmp/a.npy', protocol: 'file:', pathname: '/tmp/a.npy' };
const where: PathInput = url;
const saveOptions: SaveOptions = { durable: true };
const written: string = save(where, a, saveOptions);
const writtenZ: string = savez('a.npz', { a });
const writtenC: string = savezCompressed('a.npz', [a]);
const later: Promise<string> = saveAsync('a.npy', a);
const laterZ: Promise<string> = savezAsync('a.npz', { a });
const laterC: Promise<string> = savezCompressedAsync('a.npz', { a });
const loaded: Promise<NDArray | NpzFile> = loadAsync('a.npz', { mmapMode: null });
const members: NpzArrays = { a };
if (fromBytes instanceof NpzFile) {
  const names: string[] = [...fromBytes.keys()];
  const first: NDArray = fromBytes.get('a');
  const raw: Uint8Array = fromBytes.getBytes('a');
  const whenRead: Promise<NDArray> = fromBytes.getAsync('a');
  const isClosed: boolean = fromBytes.closed;
  for (const [name, member] of fromBytes) void [name.length, member.shape];
  fromBytes.close();
  void [names, first, raw, whenRead, isClosed];
}
void [archive, listed, fromBuffer, mapped, written, writtenZ, writtenC, later, laterZ, laterC, loaded, members];

// @ts-expect-error load takes a path or bytes, not a number
load(5);
// @ts-expect-error mmapMode is 'r', 'r+', 'c' or null
load('a.npy', { mmapMode: 'w' });
// @ts-expect-error allowPickle is a boolean
load('a.npy', { allowPickle: 'yes' });
// @ts-expect-error save writes an NDArray, not a plain list
save('a.npy', [1, 2]);
// @ts-expect-error savez takes named arrays or a list of arrays
savez('a.npz', a);
// @ts-expect-error compress is a boolean
toNpz({ a }, { compress: 1 });
// @ts-expect-error a path is a string or a file: URL
save({ path: 'a.npy' }, a);
// @ts-expect-error NpzFile has no public constructor
new NpzFile();
// @ts-expect-error the member list is read-only
(members as Readonly<Record<string, NDArray>>).a = a;
