// Typed loader for the pybridge test fixture (test/fixtures/pybridge): CPython
// and NumPy embedded in the test process, so tests can hand DLPack tensors to
// real NumPy and back, in-process, and compare results with NumPy's.
//
//   const py = loadPyBridge();           // null when python3/NumPy are absent
//   withPyBridge('rule', (py) => { ... }) // a describe() that skips with the reason
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** What eval() returns: Python values converted (NumPy arrays through tolist()). */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | { re: number; im: number }
  | PyValue[]
  | { [key: string]: PyValue };

/** What set() accepts: numbers become Python floats, bigints ints, bytes-likes bytes. */
export type JsToPyValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | ArrayBuffer
  | ArrayBufferView
  | readonly JsToPyValue[]
  | { readonly [key: string]: JsToPyValue };

/** Keywords for `__dlpack__`; an absent key is not passed, `null` passes None. */
export interface PyExportOptions {
  maxVersion?: readonly [number, number] | null;
  copy?: boolean | null;
  dlDevice?: readonly [number, number] | null;
  stream?: number | null;
}

/** Keywords for `np.from_dlpack`. */
export interface PyImportOptions {
  copy?: boolean | null;
  device?: string;
}

/** A managed tensor taken out of a Python producer; the holder must call its deleter. */
export interface PyExportedTensor {
  /** Address of the DLManagedTensor or DLManagedTensorVersioned. */
  pointer: bigint;
  versioned: boolean;
  /** data + byte_offset: where element 0 lives. */
  dataAddress: bigint;
}

/** What numpyProducer() returns: the array API protocol, answered by NumPy. */
export interface PyNumpyProducer {
  __dlpack__(options?: PyExportOptions): object;
  __dlpack_device__(): [number, number];
}

/** A raw struct read without taking ownership. */
export interface PyTensorDescription {
  versioned: boolean;
  version: [number, number] | null;
  flags: bigint;
  hasDeleter: boolean;
  /** Absent when a versioned struct has an unknown major (nothing past `flags` is read). */
  data?: bigint;
  byteOffset?: bigint;
  device?: [number, number];
  dtype?: { code: number; bits: number; lanes: number };
  ndim?: number;
  shape?: number[] | null;
  /** In elements, as DLPack counts them; null when the struct has NULL strides. */
  strides?: number[] | null;
}

/** A Python exception surfaced in JS. */
export interface PythonError extends Error {
  /** The exception class name, e.g. 'BufferError'. */
  pythonType: string;
  pythonMessage: string;
}

export interface PyBridge {
  readonly pythonVersion: string;
  readonly numpyVersion: string;
  /** Runs statements in the bridge's persistent namespace (np, gc, sys, weakref, pybridge imported). */
  exec(code: string): void;
  /** Evaluates one expression there; ints are numbers when safe, else bigints (or always, with `bigint`). */
  eval(expression: string, options?: { bigint?: boolean }): PyValue;
  /** Binds `name` in the namespace to a converted JS value. */
  set(name: string, value: JsToPyValue): void;
  /** Calls `(expression).__dlpack__(**options)` and takes the tensor out of the capsule (renamed "used_..."). */
  exportFromNumpy(expression: string, options?: PyExportOptions): PyExportedTensor;
  /**
   * `name = np.from_dlpack(producer)` where the producer's capsule owns `pointer`.
   * Ownership moves to the bridge once the arguments are valid, even when NumPy refuses the tensor
   * (the capsule destructor then calls the deleter).
   */
  importToNumpy(pointer: bigint, versioned: boolean, name: string, options?: PyImportOptions): void;
  /**
   * Like exportFromNumpy, but hands the tensor over in a capsule object of include/ndinterop/ndinterop.h
   * (what `new DLPackCapsule(handle)` and `fromDlpack` accept); an unconsumed capsule that is collected
   * calls the deleter.
   */
  capsuleFromNumpy(expression: string, options?: PyExportOptions): object;
  /** Takes the tensor out of an ndinterop capsule object (e.g. `toDlpack(a).handle`): `name = np.from_dlpack(...)`. */
  capsuleToNumpy(capsule: object, name: string, options?: PyImportOptions): void;
  /**
   * A JS-side DLPack producer for `expression` (evaluated at each call): its `__dlpack__` forwards the
   * options to NumPy's `__dlpack__` and returns the capsule object, so `fromDlpack` negotiates with NumPy itself.
   */
  numpyProducer(expression: string): PyNumpyProducer;
  /** Binds `name` to a `pybridge.DLPackProducer` owning `pointer` (its `calls` record the consumer's keywords). */
  bindProducer(pointer: bigint, versioned: boolean, name: string): void;
  describeTensor(pointer: bigint, versioned: boolean): PyTensorDescription;
  /** Interposes a counting deleter: returns a proxy struct to hand on instead of `pointer`. */
  trackDeleter(pointer: bigint, versioned: boolean): { pointer: bigint; tracker: number };
  deleterCalls(tracker: number): number;
  /** Calls the deleter now, on this thread or on a new thread (joined), without holding the GIL. */
  callDeleter(pointer: bigint, versioned: boolean, options?: { onThread?: boolean }): void;
  /** Address of element 0 of `np.asarray(expression)`, as NumPy reports it. */
  dataAddress(expression: string): bigint;
  /** Collects garbage on both sides until finalizers and deleters that depend on each other have run. */
  collectGarbage(): Promise<void>;
}

interface NativePyBridge {
  initialize(config: { home: string; sysPath: string[]; prelude: string }): { python: string; numpy: string };
  exec(code: string): void;
  eval(expression: string, options: { bigint?: boolean }): PyValue;
  setGlobal(name: string, value: JsToPyValue): void;
  exportFromNumpy(expression: string, options: PyExportOptions): { pointer: bigint; versioned: boolean };
  importToNumpy(pointer: bigint, versioned: boolean, name: string, options: PyImportOptions): void;
  capsuleFromNumpy(expression: string, options: PyExportOptions): object;
  capsuleToNumpy(capsule: object, name: string, options: PyImportOptions): void;
  bindProducer(pointer: bigint, versioned: boolean, name: string): void;
  describeTensor(pointer: bigint, versioned: boolean): PyTensorDescription;
  trackDeleter(pointer: bigint, versioned: boolean): { pointer: bigint; tracker: number };
  deleterCalls(tracker: number): number;
  callDeleter(pointer: bigint, versioned: boolean, onThread: boolean): void;
}

type BuildInfo =
  | { status: 'skipped'; reason: string }
  | { status: 'built'; addon: string; prelude: string; home: string; sysPath: string[] };

const infoPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build-fixtures', 'pybridge', 'build-info.json');
const requireHere = createRequire(import.meta.url);

function wrap(native: NativePyBridge, versions: { python: string; numpy: string }): PyBridge {
  const bridge: PyBridge = {
    pythonVersion: versions.python,
    numpyVersion: versions.numpy,
    exec: (code) => native.exec(code),
    eval: (expression, options = {}) => native.eval(expression, options),
    set: (name, value) => native.setGlobal(name, value),
    exportFromNumpy(expression, options = {}) {
      const tensor = native.exportFromNumpy(expression, options);
      const described = native.describeTensor(tensor.pointer, tensor.versioned);
      const dataAddress = (described.data ?? 0n) + (described.byteOffset ?? 0n);
      return { ...tensor, dataAddress };
    },
    importToNumpy: (pointer, versioned, name, options = {}) => native.importToNumpy(pointer, versioned, name, options),
    capsuleFromNumpy: (expression, options = {}) => native.capsuleFromNumpy(expression, options),
    capsuleToNumpy: (capsule, name, options = {}) => native.capsuleToNumpy(capsule, name, options),
    numpyProducer: (expression) => ({
      __dlpack__: (options = {}) => native.capsuleFromNumpy(expression, options),
      __dlpack_device__: () => native.eval(`tuple(${expression}.__dlpack_device__())`, {}) as [number, number],
    }),
    bindProducer: (pointer, versioned, name) => native.bindProducer(pointer, versioned, name),
    describeTensor: (pointer, versioned) => native.describeTensor(pointer, versioned),
    trackDeleter: (pointer, versioned) => native.trackDeleter(pointer, versioned),
    deleterCalls: (tracker) => native.deleterCalls(tracker),
    callDeleter: (pointer, versioned, options = {}) => native.callDeleter(pointer, versioned, options.onThread ?? false),
    dataAddress: (expression) => native.eval(`pybridge.data_address(${expression})`, { bigint: true }) as bigint,
    async collectGarbage() {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('collectGarbage() needs node --expose-gc (vitest.config.ts sets it)');
      // A JS finalizer may release a Python object whose release frees JS memory, and back: three rounds.
      for (let round = 0; round < 3; round += 1) {
        gc();
        for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        native.exec('gc.collect()');
      }
    },
  };
  return bridge;
}

let loaded: { bridge: PyBridge | null; skipReason: string } | undefined;

function load(): { bridge: PyBridge | null; skipReason: string } {
  if (!existsSync(infoPath)) {
    return {
      bridge: null,
      skipReason:
        'the pybridge fixture is not built (vitest globalSetup builds it; or run node test/fixtures/pybridge/build.mjs)',
    };
  }
  const info = JSON.parse(readFileSync(infoPath, 'utf8')) as BuildInfo;
  if (info.status === 'skipped') return { bridge: null, skipReason: `pybridge skipped: ${info.reason}` };
  // Built means python3, libpython and NumPy are all there: failing from here on is a bug, not a skip.
  const native = requireHere(info.addon) as NativePyBridge;
  const versions = native.initialize({ home: info.home, sysPath: info.sysPath, prelude: readFileSync(info.prelude, 'utf8') });
  return { bridge: wrap(native, versions), skipReason: '' };
}

/** The bridge (one per process), or null when python3 with NumPy is not available. */
export function loadPyBridge(): PyBridge | null {
  loaded ??= load();
  return loaded.bridge;
}

/** Why loadPyBridge() returned null ('' when it did not). */
export function pyBridgeSkipReason(): string {
  loaded ??= load();
  return loaded.skipReason;
}

/** A describe() block that gets the bridge, or is skipped with the reason in its title. */
export function withPyBridge(name: string, body: (py: PyBridge) => void): void {
  const py = loadPyBridge();
  if (py) describe(name, () => body(py));
  else {
    const reason = pyBridgeSkipReason();
    describe.skip(`${name} [${reason}]`, () => {
      it(reason, () => {});
    });
  }
}

/** Narrows an unknown error to a PythonError (for expect() on pythonType). */
export function isPythonError(error: unknown): error is PythonError {
  return error instanceof Error && typeof (error as Partial<PythonError>).pythonType === 'string';
}
