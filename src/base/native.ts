// Loads the compiled addon (build/Release/ndinterop.node, found by
// node-gyp-build) and describes what it exports. NDINTEROP_ADDON may name
// another build of the same addon (CI runs the suite against the cmake-js
// build and the sanitizer build that way).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NativeDTypeRow {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
  readonly char: string;
  readonly itemsize: number;
  readonly alignment: number;
  readonly dlpack: { readonly code: number; readonly bits: number; readonly lanes: number } | null;
  readonly numeric: boolean;
  /** The kind letter NumPy writes in dtype.str ('V' for bfloat16). */
  readonly typestrKind: string;
}

/** A parsed scalar type from native/core/dtype/typestr.h, before it becomes a DType. */
export interface NativeScalarType {
  readonly id: number;
  readonly name: string;
  readonly byteorder: '<' | '>' | '=' | '|';
  readonly itemsize: number;
  /** datetime64/timedelta64 unit ('ns', '25s'); '' for generic and other kinds. */
  readonly unit: string;
}

/** One row of `native.ufuncTable` (contract: the comment atop native/napi/ufunc/ufunc.cc). */
export interface NativeUfuncEntry {
  /** The entry's index, for ufuncExecPacked. */
  readonly id: number;
  readonly nin: number;
  readonly nout: number;
  /** NumPy's ufunc.identity; 'reorderable-none' = no identity, but reorderable (maximum, fmax, ...). */
  readonly identity: number | boolean | null | 'reorderable-none';
  /** NumPy's ufunc.types order (supported dtypes only), plus bfloat16 ('E') loops after float16 ones. */
  readonly types: readonly string[];
  readonly aliases: readonly string[];
}

/** One row of `native.gufuncTable` (contract: the comment atop native/napi/ufunc/gufunc.cc). */
export interface NativeGufuncEntry {
  readonly nin: number;
  readonly nout: number;
  /** NumPy's core signature, e.g. '(n?,k),(k,m?)->(n?,m?)'. */
  readonly signature: string;
  /** NumPy's ufunc.types (supported dtypes only), plus 'EE->E' after 'ee->e'. */
  readonly types: readonly string[];
}

/** Memory of one kernel operand: byte strides, one per dimension of the shape. */
export interface NativeOperand {
  /** An ArrayBuffer or SharedArrayBuffer, or a TypedArray/DataView (its byteOffset is added). */
  readonly buffer: ArrayBufferLike | ArrayBufferView;
  readonly byteOffset: number;
  readonly strides: readonly number[];
}

export interface NativeCastOperand extends NativeOperand {
  /** A DTypeId (row id of dtypeTable); any numeric dtype (longdouble and clongdouble included). */
  readonly dtype: number;
  readonly byteSwapped?: boolean;
}

/** Memory a kernel reads or writes: an ArrayBuffer or SharedArrayBuffer, or a TypedArray/DataView (its byteOffset is added). */
export type NativeMemory = ArrayBufferLike | ArrayBufferView;

/** One step of native.ufuncExecAsync: a ufuncExec, castExec or gufuncExec call, or a flag check. */
export type NativeAsyncStep =
  | {
      readonly op: 'exec';
      readonly name: string;
      readonly typeIndex: number;
      readonly operands: readonly NativeOperand[];
      readonly shape: readonly number[];
      readonly where?: NativeOperand;
      /** As ufuncExec's `casts`: inputs the loop converts from another dtype. */
      readonly casts?: readonly ({ readonly dtype: number; readonly byteSwapped?: boolean } | undefined)[];
    }
  | { readonly op: 'cast'; readonly source: NativeCastOperand; readonly destination: NativeCastOperand; readonly shape: readonly number[] }
  | {
      readonly op: 'gufunc';
      readonly name: string;
      readonly typeIndex: number;
      readonly buffers: readonly NativeMemory[];
      readonly params: Float64Array;
    }
  | { readonly op: 'check'; readonly raiseMask: number };

/** Bits of the mask ufuncExec and castExec return (NumPy's npy_get_floatstatus). */
export const FpFlag = { DivideByZero: 1, Overflow: 2, Underflow: 4, Invalid: 8 } as const;

/** A parsed PEP 3118 item from native/core/dtype/buffer_format.h. */
export interface NativeFormatItem {
  readonly isStruct: boolean;
  /** One scalar's or one struct's bytes. */
  readonly elementSize: number;
  readonly alignment: number;
  /** Sub-array dimensions, outermost first; [] for none. */
  readonly shape: readonly number[];
  readonly scalar?: NativeScalarType;
  readonly fields?: readonly { readonly name: string; readonly offset: number; readonly item: NativeFormatItem }[];
}

export interface NativeAddon {
  readonly dtypeTable: readonly NativeDTypeRow[];
  /** Asks the kernel for transparent huge pages on a fresh buffer's memory (Linux); true when taken. */
  adviseHugePages(buffer: ArrayBuffer): boolean;
  /**
   * An ArrayBuffer on a block of the result pool (contents unspecified; its
   * memory returns to the pool when V8 frees it), or undefined when the pool
   * has none to give.
   */
  allocateForOverwrite(byteLength: number): ArrayBuffer | undefined;
  /** The result pool: [cachedBytes, cachedBlocks, limitBytes, hits, misses]. */
  resultPoolStats(): [number, number, number, number, number];
  /** Unmaps the pool's cached blocks; with a limit, also sets the most it keeps (0: pooling off). */
  resultPoolTrim(limitBytes?: number): void;
  /**
   * Whether native code holds the memory of this buffer through its V8
   * BackingStore (a DLPack export whose deleter has not run, a pending async
   * ufunc call): native/napi/held_stores.h. False for detached buffers.
   */
  heldNatively(buffer: ArrayBufferLike | ArrayBufferView): boolean;
  setBufferErrorClass(cls: new (message: string) => Error): void;
  /**
   * Throws RangeError ERR_OUT_OF_BOUNDS unless every byte the view reaches
   * lies in [0, bufferLength); lowest/end are relative to element [0, ..., 0].
   */
  checkLayout(
    itemsize: number,
    shape: readonly number[],
    byteStrides: readonly number[],
    byteOffset: number,
    bufferLength: number,
  ): { lowest: number; end: number; size: number };
  /** NumPy's limit on dimensions (native/core/base/limits.h kMaxDims). */
  readonly maxDims: number;
  layoutFlags(itemsize: number, shape: readonly number[], byteStrides: readonly number[]): { cContiguous: boolean; fContiguous: boolean };
  /** NumPy's typestr grammar only; throws TypeError ERR_INVALID_TYPESTR with `position`. */
  parseTypestr(text: string): NativeScalarType;
  /** A typestr or a NumPy dtype name; throws ERR_INVALID_TYPESTR or ERR_INVALID_DTYPE with `position`. */
  parseDTypeString(text: string): NativeScalarType;
  readonly hostIsLittleEndian: boolean;

  // DLPack (native/napi/dlpack_*.cc). copyMode: 0 never, 1 always, 2 if needed.
  dlpackImportCapsule(capsule: object, copyMode: number, requireHost: boolean): NativeDlpackImport;
  dlpackImportPointer(address: bigint, versioned: boolean, copyMode: number, requireHost: boolean): NativeDlpackImport;
  dlpackExportCapsule(...args: NativeDlpackExportArgs): object;
  dlpackExportPointer(...args: NativeDlpackExportArgs): bigint;
  /** -1 when not a capsule, else versioned | consumed << 1. */
  dlpackCapsuleState(value: unknown): number;
  dlpackCapsuleRelease(capsule: object): boolean;
  dlpackIsDeviceHandle(value: unknown): boolean;
  dlpackMemoryStats(): { liveImports: number; liveExports: number; externalBytes: number };
  /** napi_refs held by DLPack exports of every environment in the process, not yet deleted (leak tests). */
  dlpackHeldReferences(): number;
  dlpackRefuseExternalBuffers(refuse: boolean): void;
  /** Address of view[0] as native code sees it (native/napi/address.cc). */
  bufferAddress(view: Uint8Array): bigint;
  /**
   * UNSAFE (native/napi/dlpack/pointer_view.cc): an external ArrayBuffer over every
   * byte a view at `address` reaches, holding `owner` alive until the buffer
   * is collected; a copy (copied: true) where external buffers are refused.
   */
  viewAddress(
    address: bigint,
    itemsize: number,
    shape: readonly number[],
    byteStrides: readonly number[],
    owner: object,
  ): { buffer: ArrayBuffer; byteOffset: number; copied: boolean };

  // Ufunc kernels (native/napi/ufunc/ufunc.cc; contract in its header comment).
  readonly ufuncTable: Readonly<Record<string, NativeUfuncEntry>>;
  /** Runs loop types[typeIndex] of ufunc `name` over `shape`; returns FpFlag bits. */
  ufuncExec(
    name: string,
    typeIndex: number,
    operands: readonly NativeOperand[],
    shape: readonly number[],
    where?: NativeOperand | null,
    /** Per input: the dtype it is stored in when not the loop's (converted inside the loop). */
    casts?: readonly ({ readonly dtype: number; readonly byteSwapped?: boolean } | undefined)[],
  ): number;
  // Generalized ufuncs (native/napi/ufunc/gufunc.cc; contract in its header comment).
  readonly gufuncTable: Readonly<Record<string, NativeGufuncEntry>>;
  /**
   * Runs loop types[typeIndex] of gufunc `name` as the batched product
   * out = op(A) @ B over buffers [A, B, out]; `params` is
   * [ndim, rows, inner, cols, offsetA, offsetB, offsetOut, loopShape, stridesA, stridesB, stridesOut]
   * (byte offsets and strides, ndim + 2 strides each); returns FpFlag bits.
   */
  gufuncExec(name: string, typeIndex: number, buffers: readonly NativeMemory[], params: Float64Array): number;
  /**
   * Sorts `rows` rows of `length` contiguous elements (native/napi/functions/sort_napi.cc):
   * kind 0 unsigned, 1 signed, 2 float; in place, or the stable argsort into `indices`.
   */
  sortRows(kind: 0 | 1 | 2, width: number, data: Uint8Array, length: number, rows: number, indices?: BigInt64Array): void;
  clipContiguous(x: Uint8Array, out: Uint8Array, width: 4 | 8, lo: number | null, hi: number | null): void;
  argExtremumRows(kind: 0 | 1 | 2, width: number, data: Uint8Array, length: number, rows: number, wantMax: boolean, out: BigInt64Array): void;
  /**
   * where's select over contiguous, width-aligned bytes (native/napi/functions/select_napi.cc):
   * out[i] = mask[i] ? x[i] : y[i]; a step of 0 repeats an operand's one element.
   */
  selectWhere(mask: Uint8Array, x: Uint8Array, xStep: 0 | 1, y: Uint8Array, yStep: 0 | 1, out: Uint8Array, width: number): void;
  /** The number of nonzero bytes of `mask`. */
  countNonzero(mask: Uint8Array): number;
  /** The C-order coordinates of a C-contiguous bool mask's true elements, one BigInt64Array per axis. */
  nonzeroCoordinates(mask: Uint8Array, shape: readonly number[], coords: readonly BigInt64Array[]): void;
  /**
   * take's gather along the middle axis of (outer, n, chunk bytes): returns -1, or under
   * mode 0 ('raise') the position of the first out-of-range index (1 'wrap', 2 'clip').
   */
  takeAlong(from: Uint8Array, to: Uint8Array, indices: BigInt64Array, n: number, outer: number, chunk: number, mode: 0 | 1 | 2): number;
  /**
   * ufuncExec in packed form (the engine's sync path): `id` is ufuncTable's
   * entry id, `buffers` the operands' buffers then the mask's, `layout`
   * [ndim, hasWhere, hasCasts, ...shape, per buffer byteOffset + strides,
   * per operand (castDTypeId | -1, byteSwapped) when hasCasts].
   */
  ufuncExecPacked(id: number, typeIndex: number, buffers: readonly unknown[], layout: Float64Array): number;
  /** Casts elementwise between numeric dtypes with NumPy's C-cast semantics; returns FpFlag bits. */
  castExec(source: NativeCastOperand, destination: NativeCastOperand, shape: readonly number[]): number;
  /**
   * castExec with the least per-call work: `layout` [sourceDType,
   * sourceByteSwapped, destinationDType, destinationByteSwapped, ndim,
   * ...shape, per operand byteOffset + strides]; returns FpFlag bits.
   */
  castRun(layout: Float64Array, source: ArrayBufferLike, destination: ArrayBufferLike): number;
  /**
   * Runs recorded kernel calls in order on the libuv thread pool, their
   * memory pinned until done (native/napi/ufunc/async.cc); resolves to the
   * flags of each 'check' step reached.
   */
  ufuncExecAsync(steps: readonly NativeAsyncStep[]): Promise<number[]>;
  /** PEP 3118 as NumPy reads it; throws TypeError ERR_INVALID_BUFFER_FORMAT with `position`. */
  parseBufferFormat(format: string): NativeFormatItem;

  // Files (native/napi/io/npy.cc).
  /** Magic, version and header length from a file's first bytes; refuses headers over maxHeaderSize. */
  npyReadPrefix(bytes: Uint8Array, maxHeaderSize: number): NativeNpyPrefix | NativeNpyError;
  /** The header text of a format `major`.0 file. */
  npyParseHeader(header: Uint8Array, major: number): NativeNpyHeader | NativeNpyError;
  /**
   * A SharedArrayBuffer over bytes [offset, offset + length) of the open
   * file `fd` (shared, so V8 does not count it as external memory), mapped
   * with mode 0 'r', 1 'r+', 2 'c' and unmapped when V8 frees it; a string saying why mapping failed; undefined where the
   * runtime refuses external memory.
   */
  ioMapFile(fd: number, mode: number, offset: number, length: number): SharedArrayBuffer | string | undefined;
  /** Swaps the directory entries of two paths in one step (Linux renameat2 RENAME_EXCHANGE); false where that is not possible. */
  ioExchangeFiles(a: string, b: string): boolean;
  /**
   * Allocates the blocks of bytes [offset, offset + length) of the open file
   * `fd` without changing its size (Linux fallocate KEEP_SIZE, for 16 MiB and
   * more): 0 reserved, 1 skipped (too small, or not supported), 2 the device
   * has no space for them.
   */
  ioReserveSpace(fd: number, offset: number, length: number): 0 | 1 | 2;
  /** Live mappings of ioMapFile in the process and their bytes. */
  ioMemoryStats(): { liveMappings: number; mappedBytes: number };
}

/** A .npy header problem (native/napi/io/npy.cc): 1 the file is not valid .npy, 2 its dtype cannot be represented. */
export interface NativeNpyError {
  readonly errorKind: 1 | 2;
  readonly message: string;
}

/** Where a .npy header lies (native/core/io/npy_header.h NpyPrefix). */
export interface NativeNpyPrefix {
  readonly major: number;
  readonly minor: number;
  readonly headerOffset: number;
  readonly headerLength: number;
  readonly dataOffset: number;
}

/** A header's descr: one scalar type, or a record of fields. */
export type NativeNpyDType =
  | { readonly structured: false; readonly scalar: NativeScalarType }
  | {
      readonly structured: true;
      readonly itemsize: number;
      readonly fields: readonly { readonly name: string; readonly offset: number; readonly shape: readonly number[]; readonly dtype: NativeNpyDType }[];
    };

/** A parsed .npy header. */
export interface NativeNpyHeader {
  readonly fortranOrder: boolean;
  readonly shape: number[];
  /** Element count times itemsize (0 for object arrays). */
  readonly dataBytes: number;
  readonly hasObject: boolean;
  readonly dtype: NativeNpyDType;
}

/** What a DLPack import hands to src/interop/dlpack.ts (already validated natively). */
export interface NativeDlpackImport {
  readonly buffer: ArrayBuffer;
  readonly byteOffset: number;
  readonly dtypeId: number;
  readonly shape: number[];
  /** Bytes. */
  readonly strides: number[];
  readonly readonly: boolean;
  readonly copied: boolean;
  readonly device: [number, number];
  readonly opaque: boolean;
  /** For device (opaque) imports: the native handle owning the tensor. */
  readonly handle?: object;
}

/** source, byteOffset, code, bits, itemsize, shape, byteStrides, device, flags, versioned, copy */
export type NativeDlpackExportArgs = [
  source: ArrayBuffer | Uint8Array | object,
  byteOffset: number,
  code: number,
  bits: number,
  itemsize: number,
  shape: readonly number[],
  byteStrides: readonly number[],
  device: readonly [number, number],
  flags: number,
  versioned: boolean,
  copy: boolean,
];

const requireHere = createRequire(import.meta.url);

// The package root holds binding.gyp; this file runs from src/ (tests) or
// dist/esm, dist/cjs (published), so look upwards for it.
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'binding.gyp'))) return dir;
    if (dirname(dir) === dir) throw new Error(`ndinterop: cannot find the package root above ${start}`);
  }
}
const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function loadAddon(): NativeAddon {
  const override = process.env.NDINTEROP_ADDON;
  if (override) return requireHere(override) as NativeAddon;
  const load = requireHere('node-gyp-build') as (dir: string) => unknown;
  try {
    return load(packageRoot) as NativeAddon;
  } catch (error) {
    if (!/No native build was found/.test(String((error as Error).message))) throw error;
    const target = `${process.platform}-${process.arch}, Node ${process.version} (ABI ${process.versions.modules})`;
    const missing = new Error(
      `ndinterop: no native binary for ${target}. Prebuilt binaries cover linux-x64 (glibc) on Node 20, 22 and 24; ` +
        'elsewhere the install builds one, which needs Python 3, make and a C++20 compiler. ' +
        'If install scripts were skipped (--ignore-scripts), run `npm rebuild ndinterop`.',
      { cause: error },
    );
    throw Object.assign(missing, { code: 'ERR_NO_NATIVE_BINARY' });
  }
}

export const native: NativeAddon = loadAddon();
