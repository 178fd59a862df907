// Compiled by test/types/io-usage.test.ts and by scripts/check-packed-types.mjs
// (never run). Every line must type-check, and every @ts-expect-error line
// must really be an error.
import { NDArray, NpzFile, asarray, load, loadAsync, save, saveAsync, savez, savezAsync, savezCompressed, savezCompressedAsync, toNpy, toNpz } from '../../src/index.js';
import type { FileUrl, LoadOptions, MmapMode, NpzArrays, PathInput, SaveOptions, SavedPath } from '../../src/index.js';

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

// load's static type follows the path's extension, as np.save and np.savez name files.
const directory: string = '/tmp';
const named: string = written;
const npyByName: NDArray = load('weights.npy');
const npzByName: NpzFile = load('arrays.npz', { mmapMode: 'r' });
const npyInDirectory: NDArray = load(`${directory}/weights.npy`);
const eitherByString: NDArray | NpzFile = load(named);
const eitherByUrl: NDArray | NpzFile = load(url);
const eitherByExtension: NDArray | NpzFile = load(Math.random() < 0.5 ? 'a.npy' : 'a.npz');
const npyLater: Promise<NDArray> = loadAsync('weights.npy');
const npzLater: Promise<NpzFile> = loadAsync(`${directory}/arrays.npz`);
const eitherLater: Promise<NDArray | NpzFile> = loadAsync(bytes);
const shape: readonly number[] = load('weights.npy', { mmapMode: 'r' }).shape;
const labels: NDArray = load('arrays.npz').get('labels');
for (const [name, member] of load('arrays.npz')) void [name.length, member.dtype];
void [npyByName, npzByName, npyInDirectory, eitherByString, eitherByUrl, eitherByExtension, npyLater, npzLater, eitherLater, shape, labels];

// A save returns the path it wrote, with the extension it appends, so loading it needs no annotation.
const savedNpy: SavedPath<'.npy'> = save(directory, a);
const savedNpz: `${string}.npz` = savezCompressed(url, { a });
const roundTrip: NDArray = load(save(`${directory}/w`, a));
const roundTripZ: NpzFile = load(savez(directory, [a]));
const roundTripLater: Promise<NpzFile> = savezAsync(directory, { a }).then((path) => load(path));
const roundTripNpyLater: Promise<NDArray> = saveAsync(directory, a).then((path) => loadAsync(path));
void [savedNpy, savedNpz, roundTrip, roundTripZ, roundTripLater, roundTripNpyLater];

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
// @ts-expect-error a .npz path gives an NpzFile, not an NDArray
const notAnArray: NDArray = load('arrays.npz');
// @ts-expect-error a .npy path gives an NDArray, not an NpzFile
const notAnArchive: NpzFile = load('weights.npy');
// @ts-expect-error a path typed string may name either kind of file
const unknownKind: NDArray = load(named);
// @ts-expect-error bytes may hold either kind of file
const unknownBytes: Promise<NpzFile> = loadAsync(bytes);
// @ts-expect-error the extension is matched as np.save writes it, lower case
const upperCase: NDArray = load('WEIGHTS.NPY');
// @ts-expect-error an NDArray has no member names
void load('weights.npy').files;
// @ts-expect-error save writes .npy files: its path loads as an NDArray
const savedAsArchive: NpzFile = load(save(directory, a));
// @ts-expect-error savez writes .npz files
const savezAsNpy: SavedPath<'.npy'> = savez(directory, { a });
