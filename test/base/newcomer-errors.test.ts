// The errors a newcomer meets first say what to do: a misspelt dtype name
// suggests the right one, a plain array where an NDArray is needed points to
// asarray(), an optional peer's install hint names the package npm can
// install, a Uint8ClampedArray is refused with a way out, and adapters use
// the application's own copy of a peer library.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferError, arrayInterface, asarray, dtype, fromDlpack, toDlpack, toMessage, toOrtTensor, type NDArray } from '../../src/index.js';
import { loadPeer } from '../../src/interop/adapters/common.js';
import { closestName } from '../../src/base/suggest.js';
import { expectError } from '../helpers/expect-error.js';

describe('misspelt dtype names', () => {
  it.each([
    ['flaot64', 'float64'],
    ['flot32', 'float32'],
    ['in32', 'int32'],
    ['Float64', 'float64'],
    ['boool', 'bool'],
    ['complx128', 'complex128'],
    ['uint6', 'uint8'],
    ['doubel', 'double'],
  ])('%s suggests %s', (typo, name) => {
    expectError(() => dtype(typo as never), TypeError, 'ERR_INVALID_DTYPE', `unknown dtype "${typo}"; did you mean '${name}'?`);
  });

  it('suggests nothing for words that are not near a name', () => {
    expectError(() => dtype('foo' as never), TypeError, 'ERR_INVALID_DTYPE', 'unknown dtype "foo"');
    expectError(() => dtype('matrix' as never), TypeError, 'ERR_INVALID_DTYPE', 'unknown dtype "matrix"');
  });

  it('closestName: swaps count one edit, the limit grows with the length', () => {
    expect(closestName('ab', ['ba'])).toBe('ba');
    expect(closestName('abc', ['xyz', 'abd'])).toBe('abd');
    expect(closestName('abc', ['axy'])).toBeUndefined();
    expect(closestName('abcdefg', ['abcdexy'])).toBe('abcdexy');
    expect(closestName('abcdefg', ['abcxyzg'])).toBeUndefined();
  });
});

describe('an NDArray is needed', () => {
  const hint = '; convert it first with asarray(value)';
  it.each([
    ['toDlpack', () => toDlpack([1, 2, 3] as never), `expected an NDArray, got array of length 3${hint}`],
    ['arrayInterface', () => arrayInterface(new Float64Array(2) as never), /^expected an NDArray, got .*Float64Array.*; convert it first with asarray\(value\)$/],
    ['toMessage', () => toMessage(5 as never), `expected an NDArray, got 5${hint}`],
    ['toOrtTensor', () => toOrtTensor([1] as never), `expected an NDArray, got array of length 1${hint}`],
  ])('%s points to asarray()', (_, call, message) => {
    expectError(call, TypeError, 'ERR_INVALID_ARG_TYPE', message);
  });

  it('gives no asarray hint for values asarray cannot take', () => {
    expectError(() => toDlpack(null as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an NDArray, got null');
    expectError(() => toMessage({} as NDArray), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an NDArray, got an instance of Object');
  });
});

describe('optional peers', () => {
  it('the install hint names a package npm can install', () => {
    expectError(
      () => loadPeer(['@ndinterop-test/absent/ctor', 'ndinterop-test-absent'], 'toSomething'),
      Error,
      'ERR_MODULE_NOT_FOUND',
      "toSomething needs the optional peer dependency '@ndinterop-test/absent/ctor' or 'ndinterop-test-absent', which is not installed (npm install @ndinterop-test/absent)",
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), 'ndinterop-peer-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("toOrtTensor builds the application's own onnxruntime Tensor", () => {
    // An application with its own onnxruntime-common (a stand-in whose Tensor
    // records its construction); ndinterop's own copy is another class.
    const app = join(scratch, 'app');
    const peer = join(app, 'node_modules', 'onnxruntime-common');
    mkdirSync(peer, { recursive: true });
    writeFileSync(join(peer, 'package.json'), JSON.stringify({ name: 'onnxruntime-common', version: '1.99.0', main: 'index.js' }));
    writeFileSync(
      join(peer, 'index.js'),
      'class Tensor { constructor(type, data, dims) { this.type = type; this.data = data; this.dims = dims; } }\nmodule.exports = { Tensor };\n',
    );
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    writeFileSync(
      join(app, 'main.mjs'),
      `import { createRequire } from 'node:module';
import { asarray, toOrtTensor } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'esm', 'index.js')).href)};
const { Tensor } = createRequire(import.meta.url)('onnxruntime-common');
const t = toOrtTensor(asarray(new Float32Array([1, 2])));
console.log(t instanceof Tensor, t.type, t.dims.join('x'));
`,
    );
    const result = spawnSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8', env: { ...process.env } });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('true float32 2');
  });
});

describe('Uint8ClampedArray', () => {
  it('is refused with a way out, since NumPy uint8 wraps where it clamps', () => {
    const message =
      'Uint8ClampedArray has no NumPy dtype (uint8 wraps where it clamps); view its memory as a Uint8Array: new Uint8Array(a.buffer, a.byteOffset, a.length)';
    expectError(() => asarray(new Uint8ClampedArray([300])), TypeError, 'ERR_INVALID_ARG_TYPE', message);
    const clamped = new Uint8ClampedArray([1, 255]);
    expect(asarray(new Uint8Array(clamped.buffer, clamped.byteOffset, clamped.length)).toArray()).toEqual([1, 255]);
  });
});

describe('a disposed DLPack capsule', () => {
  const disposed = 'the DLPack capsule was disposed ([Symbol.dispose]() released its tensor)';
  it('says disposed, from handle and from every consumer, deferred or native', () => {
    const deferred = toDlpack(asarray(new Float64Array(2)));
    deferred[Symbol.dispose]();
    expectError(() => deferred.handle, BufferError, 'ERR_DLPACK_DISPOSED', disposed);
    expectError(() => fromDlpack(deferred), BufferError, 'ERR_DLPACK_DISPOSED', disposed);
    expect(deferred.name).toBe('used_dltensor');
    const native = toDlpack(asarray(new Float64Array(2)));
    void native.handle;
    native[Symbol.dispose]();
    expectError(() => fromDlpack(native), BufferError, 'ERR_DLPACK_DISPOSED', disposed);
  });

  it('disposing after a consumer took it changes nothing: consumed stays consumed', () => {
    const capsule = toDlpack(asarray(new Float64Array(2)));
    fromDlpack(capsule);
    capsule[Symbol.dispose]();
    expectError(() => fromDlpack(capsule), BufferError, 'ERR_DLPACK_CONSUMED', 'the DLPack capsule was already consumed');
  });
});
