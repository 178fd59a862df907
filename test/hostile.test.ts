// Hostile input: every bad input tried against ndinterop's public surface and
// the result it must give. Each row is a rule: a clear error of the stated
// class and code (or the stated harmless outcome), never a crash. The
// sanitizer and valgrind CI runs execute this file too, so a row that
// touched memory it should not would fail there.
//
// The README's "Hostile input" table is rendered from these rows; the last
// test keeps the two identical.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NDArray, asarray, dtype, parseTypestr, add } from '../src/index.js';

type ErrorClass = new (...args: never[]) => Error;

interface ErrorOutcome {
  readonly error: ErrorClass;
  readonly code: string | undefined;
  readonly message: RegExp;
  /** README wording when the error is not one of ndinterop's own. */
  readonly note?: string;
}
interface ValueOutcome {
  /** What happens instead of an error, as the README states it. */
  readonly outcome: string;
  readonly check: (result: unknown) => void;
}
interface HostileCase {
  readonly area: string;
  readonly input: string;
  readonly run: () => unknown;
  readonly expect: ErrorOutcome | ValueOutcome;
}

function buffer(bytes: number): ArrayBuffer {
  return new ArrayBuffer(bytes);
}

function detached(bytes: number): ArrayBuffer {
  const memory = new ArrayBuffer(bytes);
  structuredClone(memory, { transfer: [memory] });
  return memory;
}

function view(init: Record<string, unknown>): NDArray {
  return new NDArray({ buffer: buffer(16), dtype: 'float64', shape: [2], ...init } as never);
}

// A getter whose answer changes on every read: first `first`, then `later`.
function changingOptions(name: string, first: unknown, later: unknown): Record<string, unknown> {
  let reads = 0;
  return Object.defineProperty({ buffer: buffer(16), dtype: 'float64', shape: [2] }, name, {
    get: () => (reads++ === 0 ? first : later),
    enumerable: true,
  });
}

function withPollutedArrayIndex<T>(value: unknown, run: () => T): T {
  Object.defineProperty(Array.prototype, '0', { value, configurable: true, writable: true });
  try {
    return run();
  } finally {
    delete (Array.prototype as unknown as Record<string, unknown>)['0'];
  }
}

function withPollutedObject<T>(name: string, value: unknown, run: () => T): T {
  Object.defineProperty(Object.prototype, name, { value, configurable: true, writable: true });
  try {
    return run();
  } finally {
    delete (Object.prototype as unknown as Record<string, unknown>)[name];
  }
}

function shrunkView(): NDArray {
  const memory = new ArrayBuffer(16, { maxByteLength: 64 });
  const array = new NDArray({ buffer: memory, dtype: 'float64', shape: [2] });
  memory.resize(8);
  return array;
}

function shrunkLengthTracking(): NDArray {
  const memory = new ArrayBuffer(16, { maxByteLength: 64 });
  const array = asarray(new Float64Array(memory)); // a length-tracking TypedArray
  memory.resize(0);
  return array;
}

function grownShared(): NDArray {
  const memory = new SharedArrayBuffer(16, { maxByteLength: 64 });
  new Float64Array(memory).set([1.5, 2.5]);
  const array = new NDArray({ buffer: memory, dtype: 'float64', shape: [2] });
  memory.grow(64);
  return array;
}

function cyclicArray(): unknown[] {
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  return cyclic;
}

function deeplyNested(levels: number): unknown {
  let nested: unknown = [1];
  for (let i = 1; i < levels; i += 1) nested = [nested];
  return nested;
}

const isArrayOf = (expected: unknown) => (result: unknown) => {
  expect(result).toBeInstanceOf(NDArray);
  expect((result as NDArray).toArray()).toEqual(expected);
};

const cases: readonly HostileCase[] = [
  // Sizes and overflow in view construction.
  {
    area: 'views',
    input: 'shape [2^40, 2^40] (element count overflows int64)',
    run: () => view({ buffer: buffer(8), shape: [2 ** 40, 2 ** 40] }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the element count does not fit in 64 bits$/ },
  },
  {
    area: 'views',
    input: '65 dimensions',
    run: () => view({ buffer: buffer(8), shape: new Array(65).fill(1) }),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /^expected at most 64 dimensions, got 65$/ },
  },
  {
    area: 'views',
    input: 'stride 2^53 - 1 (byte extent past 2^53)',
    run: () => view({ shape: [2, 2], strides: [2 ** 53 - 1, 8] }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /reaches bytes \[0, 9007199254741007\), outside the buffer of 16 bytes$/ },
  },
  {
    area: 'views',
    input: 'negative stride reaching before the buffer',
    run: () => view({ strides: [-8] }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /reaches bytes \[-8, 8\), outside the buffer of 16 bytes$/ },
  },
  {
    area: 'views',
    input: 'byteOffset 2^53 - 1',
    run: () => view({ byteOffset: 2 ** 53 - 1 }),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^expected a byteOffset in \[0, 16\], got 9007199254740991$/ },
  },
  {
    area: 'views',
    input: 'index 2^60',
    run: () => asarray([1, 2]).get(2 ** 60),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^index 1152921504606847000 is out of bounds for axis 0 with size 2$/ },
  },
  // Option objects that misbehave.
  {
    area: 'views',
    input: 'strides getter answering [8], then [80]',
    run: () => new NDArray(changingOptions('strides', [8], [80]) as never).strides,
    expect: { outcome: 'read once: the validated [8] is used', check: (strides) => expect(strides).toEqual([8]) },
  },
  {
    area: 'views',
    input: 'byteOffset getter answering 0, then 800',
    run: () => new NDArray(changingOptions('byteOffset', 0, 800) as never).byteOffset,
    expect: { outcome: 'read once: the validated 0 is used', check: (offset) => expect(offset).toBe(0) },
  },
  {
    area: 'views',
    input: "readonly getter answering true, then 'yes'",
    run: () => new NDArray(changingOptions('readonly', true, 'yes') as never).readonly,
    expect: { outcome: 'read once: readonly is true', check: (readonly) => expect(readonly).toBe(true) },
  },
  {
    area: 'views',
    input: 'shape Proxy whose get trap throws',
    run: () =>
      view({
        shape: new Proxy([2], {
          get(target, key) {
            if (key === '0') throw new Error('trap says no');
            return Reflect.get(target, key);
          },
        }),
      }),
    expect: { error: Error, code: undefined, message: /^trap says no$/ },
  },
  {
    area: 'views',
    input: 'sparse shape [ , ] (a hole)',
    run: () => view({ shape: [, ] }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected shape to be a number$/ },
  },
  {
    area: 'views',
    input: 'sparse strides with Array.prototype[0] = 1e6',
    run: () => withPollutedArrayIndex(1e6, () => view({ strides: [, ] })),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^view with shape \(2,\), strides \(1000000,\)/ },
  },
  {
    area: 'views',
    input: 'Object.prototype.strides = [800]',
    run: () => withPollutedObject('strides', [800], () => view({})),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /strides \(800,\) and byteOffset 0 reaches bytes \[0, 808\)/ },
  },
  {
    area: 'views',
    input: 'frozen options with a frozen shape',
    run: () => new NDArray(Object.freeze({ buffer: buffer(16), dtype: 'float64', shape: Object.freeze([2]) })),
    expect: { outcome: 'accepted (options are only read)', check: isArrayOf([0, 0]) },
  },
  {
    area: 'views',
    input: 'options inherited through a prototype',
    run: () => new NDArray(Object.create({ buffer: buffer(16), dtype: 'float64', shape: [2] }) as never),
    expect: { outcome: 'accepted like any option bag', check: isArrayOf([0, 0]) },
  },
  // Memory that is not what it claims, or changes underneath.
  {
    area: 'buffers',
    input: 'Object.create(ArrayBuffer.prototype) as the buffer',
    run: () => view({ buffer: Object.create(ArrayBuffer.prototype) }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected buffer to be an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView or Buffer, got an instance of ArrayBuffer$/ },
  },
  {
    area: 'buffers',
    input: '{ byteLength: 1e9 } as the buffer',
    run: () => view({ buffer: { byteLength: 1e9 } }),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /got an instance of Object$/ },
  },
  {
    area: 'buffers',
    input: 'Proxy around a Float64Array',
    run: () => asarray(new Proxy(new Float64Array(4), {}) as never),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /got an instance of Float64Array$/ },
  },
  {
    area: 'buffers',
    input: 'detached (transferred) ArrayBuffer',
    run: () => view({ buffer: detached(16) }),
    expect: { error: TypeError, code: 'ERR_DETACHED', message: /^the ArrayBuffer behind this array has been detached \(transferred\)$/ },
  },
  {
    area: 'buffers',
    input: 'asarray of a detached ArrayBuffer',
    run: () => asarray(detached(16)),
    expect: { error: TypeError, code: 'ERR_DETACHED', message: /has been detached/ },
  },
  {
    area: 'buffers',
    input: 'buffer detached after the view was made, then get()',
    run: () => {
      const memory = buffer(16);
      const array = view({ buffer: memory });
      structuredClone(memory, { transfer: [memory] });
      return array.get(0);
    },
    expect: { error: TypeError, code: 'ERR_DETACHED', message: /has been detached/ },
  },
  {
    area: 'buffers',
    input: 'resizable ArrayBuffer shrunk below the view, then get()',
    run: () => shrunkView().get(1),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the buffer shrank to 8 bytes; this array needs 16$/ },
  },
  {
    area: 'buffers',
    input: 'resizable ArrayBuffer shrunk, then copy()',
    run: () => shrunkView().copy(),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the buffer shrank to 8 bytes/ },
  },
  {
    area: 'buffers',
    input: 'length-tracking Float64Array, buffer shrunk to 0',
    run: () => shrunkLengthTracking().toArray(),
    expect: { error: RangeError, code: 'ERR_OUT_OF_BOUNDS', message: /^the buffer shrank to 0 bytes; this array needs 16$/ },
  },
  {
    area: 'buffers',
    input: 'growable SharedArrayBuffer grown after the view',
    run: () => grownShared(),
    expect: { outcome: 'the view keeps its shape and data', check: isArrayOf([1.5, 2.5]) },
  },
  // Nested arrays.
  {
    area: 'asarray',
    input: 'a cyclic nested array',
    run: () => asarray(cyclicArray() as never),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /inhomogeneous shape after 1 dimensions/ },
  },
  {
    area: 'asarray',
    input: 'arrays nested 101 levels deep',
    run: () => asarray(deeplyNested(101) as never),
    expect: { error: RangeError, code: 'ERR_INVALID_ARG_VALUE', message: /^expected at most 64 nested levels$/ },
  },
  // Type strings.
  {
    area: 'dtypes',
    input: "typestr '<f8\\0' (embedded NUL)",
    run: () => parseTypestr('<f8\0'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /^expected typestr like '<f8', got '<f8\\x00'/ },
  },
  {
    area: 'dtypes',
    input: 'typestr with a 100000-digit itemsize',
    run: () => parseTypestr(`<U${'9'.repeat(100000)}`),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /^expected typestr like '<f8', got '<U9999/ },
  },
  {
    area: 'dtypes',
    input: "typestr '<U2147483647' (byte size overflows)",
    run: () => parseTypestr('<U2147483647'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /at most 536870911 characters\)$/ },
  },
  {
    area: 'dtypes',
    input: "typestr '|S9223372036854775807'",
    run: () => parseTypestr('|S9223372036854775807'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /too large for kind 'S', at most 2147483647\)$/ },
  },
  {
    area: 'dtypes',
    input: "typestr '<M8[2147483648s]' (multiplier overflows int32)",
    run: () => parseTypestr('<M8[2147483648s]'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /datetime multiplier 2147483648 is too large/ },
  },
  {
    area: 'dtypes',
    input: 'typestr with a lone surrogate',
    run: () => parseTypestr('<f8\ud800'),
    expect: { error: TypeError, code: 'ERR_INVALID_TYPESTR', message: /^expected typestr like '<f8', got '<f8/ },
  },
  {
    area: 'dtypes',
    input: "object whose toString() returns '<f8'",
    run: () => parseTypestr({ toString: () => '<f8' } as never),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^expected a typestr string like '<f8', got an instance of Object$/ },
  },
  {
    area: 'dtypes',
    input: 'a Symbol as dtype',
    run: () => dtype(Symbol('f8') as never),
    expect: { error: TypeError, code: 'ERR_INVALID_DTYPE', message: /^expected a dtype name, typestr or DType, got / },
  },
  // __array_ufunc__ overrides (NEP 13).
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ that throws',
    run: () =>
      add(
        new (class {
          __array_ufunc__(): never {
            throw new Error('override failed');
          }
        })() as never,
        1,
      ),
    expect: { error: Error, code: undefined, message: /^override failed$/ },
  },
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ returning a wrong type (42)',
    run: () =>
      add(
        new (class {
          __array_ufunc__(): number {
            return 42;
          }
        })() as never,
        1,
      ),
    expect: { outcome: 'returned as is, as NumPy does', check: (result) => expect(result).toBe(42) },
  },
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ calling the same ufunc on itself forever',
    run: () => {
      class Recursive {
        __array_ufunc__(): unknown {
          return add(this as never, 1);
        }
      }
      return add(new Recursive() as never, 1);
    },
    expect: { error: RangeError, code: undefined, message: /^Maximum call stack size exceeded$/, note: "`RangeError` from the engine (stack exhausted)" },
  },
  {
    area: 'ufunc overrides',
    input: '__array_ufunc__ getter that throws',
    run: () =>
      add(
        new (class {
          get __array_ufunc__(): never {
            throw new Error('getter');
          }
        })() as never,
        1,
      ),
    expect: { error: TypeError, code: 'ERR_INVALID_ARG_TYPE', message: /^add\(\) input 0 must be an NDArray, an array-like or a JS scalar/ },
  },
];

function runCase(entry: HostileCase): void {
  const expected = entry.expect;
  if ('outcome' in expected) {
    expected.check(entry.run());
    return;
  }
  let caught: unknown;
  try {
    entry.run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an error').toBeInstanceOf(expected.error);
  expect((caught as { code?: string }).code).toBe(expected.code);
  expect((caught as Error).message).toMatch(expected.message);
}

describe('hostile input gives a clear error or a harmless outcome, never a crash', () => {
  for (const area of new Set(cases.map((entry) => entry.area))) {
    describe(area, () => {
      for (const entry of cases.filter((candidate) => candidate.area === area)) {
        it(entry.input, () => runCase(entry));
      }
    });
  }
});

function resultText(expected: ErrorOutcome | ValueOutcome): string {
  if ('outcome' in expected) return expected.outcome;
  if (expected.note) return expected.note;
  const name = expected.error.name;
  return expected.code ? `\`${name}\` \`${expected.code}\`` : `\`${name}\` (the input's own error, unchanged)`;
}

function renderTable(): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const rows = cases.map((entry) => `| ${entry.area} | ${escape(entry.input)} | ${escape(resultText(entry.expect))} |`);
  return ['| area | hostile input | result |', '|---|---|---|', ...rows].join('\n');
}

describe("the README's hostile-input table", () => {
  // NDINTEROP_PRINT_HOSTILE_TABLE=1 npx vitest run test/hostile.test.ts prints the table to paste.
  if (process.env.NDINTEROP_PRINT_HOSTILE_TABLE) console.log(renderTable());
  it('lists exactly the cases tested here', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const match = /<!-- hostile-table:start -->\n([\s\S]*?)\n<!-- hostile-table:end -->/.exec(readme);
    expect(match, 'README.md needs a <!-- hostile-table:start --> ... <!-- hostile-table:end --> block').not.toBeNull();
    expect(match![1]).toBe(renderTable());
  });
});
