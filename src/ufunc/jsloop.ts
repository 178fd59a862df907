// Inner loops written in JS, for user-defined ufuncs (createUfunc).
//
// Each element function gets its own loops, generated from a template (one
// `new Function` per element function and layout: number of dimensions
// after coalescing, how each operand is read and written, a where mask),
// and cached. Because a generated loop calls exactly one element function,
// its call site stays monomorphic and V8 inlines the element function into
// it, as it would into a hand-written loop; a two-output function's result
// array then never leaves the loop and is not allocated at all.
//
// Operands whose memory is aligned for their dtype are read and written
// through TypedArrays (element positions and strides); the others, and
// dtypes no TypedArray holds as JS values (float16, complex...), through the
// dtype's DataView reader and writer (byte positions). A TypedArray store is
// only taken for values it stores exactly as the dtype's writer would
// (numbers in range, booleans for bool, bigints in range); anything else
// goes through the writer, which converts or throws with its own error.
import type { UfuncLoop } from './loop-selection.js';
import { type LoopOperand, dataViewOf, readerFor, writerFor } from './arrays.js';
import type { Scalar } from './operands.js';
import type { DType } from '../dtype/dtype.js';
import type { ElementReader, ElementWriter } from '../dtype/elements.js';
import { makeError } from '../base/errors.js';

/** An element function: the inputs' values in, one value (or one per output) out. */
export type ElementFunction = (...inputs: Scalar[]) => Scalar | Scalar[];

type Memory = ArrayBuffer | SharedArrayBuffer;
type SlotArray = Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;
type SlotArrayConstructor = new (buffer: Memory, byteOffset: number, length: number) => SlotArray;

/** How a TypedArray holds one dtype's elements as the JS values its reader gives. */
interface Slots {
  readonly ctor: SlotArrayConstructor;
  /** The read expression of slot `at` of TypedArray `t`. */
  readonly read: (t: string, at: string) => string;
  /** The condition under which `value` may be stored as is (else the dtype's writer takes it). */
  readonly storable: (value: string) => string;
}

const numberIn = (low: number, high: number) => (value: string) => `typeof ${value} === 'number' && ${value} >= ${low} && ${value} <= ${high}`;
const plainRead = (t: string, at: string) => `${t}[${at}]`;

// The dtypes a TypedArray holds as the very values their element reader
// returns (elements.ts), with the values it stores as the writer would: a
// number in range truncates toward zero in both (the writer's range check is
// on the truncated value, so a value just past the range takes the writer).
const slotsByName: ReadonlyMap<string, Slots> = new Map<string, Slots>([
  ['float64', { ctor: Float64Array, read: plainRead, storable: (v) => `typeof ${v} === 'number'` }],
  ['float32', { ctor: Float32Array, read: plainRead, storable: (v) => `typeof ${v} === 'number'` }],
  ['int8', { ctor: Int8Array, read: plainRead, storable: numberIn(-128, 127) }],
  ['uint8', { ctor: Uint8Array, read: plainRead, storable: numberIn(0, 255) }],
  ['int16', { ctor: Int16Array, read: plainRead, storable: numberIn(-32768, 32767) }],
  ['uint16', { ctor: Uint16Array, read: plainRead, storable: numberIn(0, 65535) }],
  ['int32', { ctor: Int32Array, read: plainRead, storable: numberIn(-2147483648, 2147483647) }],
  ['uint32', { ctor: Uint32Array, read: plainRead, storable: numberIn(0, 4294967295) }],
  ['bool', { ctor: Uint8Array, read: (t, at) => `(${t}[${at}] !== 0)`, storable: (v) => `typeof ${v} === 'boolean'` }],
  ['int64', { ctor: BigInt64Array, read: plainRead, storable: (v) => `typeof ${v} === 'bigint' && ${v} >= -0x8000000000000000n && ${v} <= 0x7fffffffffffffffn` }],
  ['uint64', { ctor: BigUint64Array, read: plainRead, storable: (v) => `typeof ${v} === 'bigint' && ${v} >= 0n && ${v} <= 0xffffffffffffffffn` }],
]);

/** The loop's shape with length-1 axes dropped and axes merged where every operand steps evenly across them. */
interface Coalesced {
  readonly shape: number[];
  /** Byte strides, operand-major: strides[k][d]. */
  readonly strides: number[][];
}

function coalesce(operands: readonly LoopOperand[], shape: readonly number[]): Coalesced {
  const outShape: number[] = [];
  const strides: number[][] = operands.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d]!;
    if (n === 1) continue;
    const last = outShape.length - 1;
    // The previous kept axis (outer) merges with this one when each operand's
    // outer stride is its inner stride times this axis's length.
    const mergeable = last >= 0 && operands.every((o, k) => strides[k]![last] === o.strides[d]! * n);
    if (mergeable) {
      outShape[last] = outShape[last]! * n;
      operands.forEach((o, k) => (strides[k]![last] = o.strides[d]!));
    } else {
      outShape.push(n);
      operands.forEach((o, k) => strides[k]!.push(o.strides[d]!));
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of strides) s.push(0);
  }
  return { shape: outShape, strides };
}

/** The slots of an operand the loop may use as a TypedArray, or undefined (DataView access). */
function slotsFor(dt: DType, operand: LoopOperand): Slots | undefined {
  const slots = slotsByName.get(dt.name);
  if (!slots || !dt.isNative) return undefined;
  const size = dt.itemsize;
  if (operand.byteOffset % size !== 0) return undefined;
  for (const stride of operand.strides) if (stride % size !== 0) return undefined;
  return slots;
}

type CompiledLoop = (
  fn: ElementFunction,
  typed: readonly (SlotArray | null)[],
  views: readonly DataView[],
  readers: readonly ElementReader[],
  writers: readonly ElementWriter[],
  starts: readonly number[],
  strides: readonly number[],
  shape: readonly number[],
  itemsizes: readonly number[],
  badResult: () => never,
) => void;

// The source of one loop. Operand k is `t{k}` (TypedArray, positions in
// elements) or `v{k}` (DataView, positions in bytes); the mask, when there is
// one, is the last operand and always a TypedArray of bytes.
function loopSource(nin: number, nout: number, slots: readonly (Slots | undefined)[], ndim: number, masked: boolean): string {
  const count = slots.length;
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    lines.push(`const t${k} = typed[${k}], v${k} = views[${k}], r${k} = readers[${k}], w${k} = writers[${k}], z${k} = itemsizes[${k}];`);
    for (let d = 0; d < ndim; d++) lines.push(`const s${k}_${d} = strides[${k * ndim + d}];`);
  }
  for (let d = 0; d < ndim; d++) lines.push(`const n${d} = shape[${d}];`);
  for (let k = 0; k < count; k++) lines.push(`let p${k}_0 = starts[${k}];`);
  const at = (k: number) => `p${k}_${ndim - 1}`;
  const read = (k: number) => (slots[k] ? slots[k]!.read(`t${k}`, at(k)) : `r${k}(v${k}, ${at(k)})`);
  const write = (k: number, value: string) =>
    slots[k]
      ? `if (${slots[k]!.storable(value)}) t${k}[${at(k)}] = ${value}; else w${k}(v${k}, ${at(k)} * z${k}, ${value});`
      : `w${k}(v${k}, ${at(k)}, ${value});`;
  const body: string[] = [];
  const call = `fn(${Array.from({ length: nin }, (_, k) => read(k)).join(', ')})`;
  if (nout === 1) {
    body.push(`const value = ${call};`, write(nin, 'value'));
  } else {
    body.push(`const values = ${call};`, `if (!Array.isArray(values) || values.length !== ${nout}) badResult();`);
    for (let j = 0; j < nout; j++) body.push(`const value${j} = values[${j}];`, write(nin + j, `value${j}`));
  }
  if (masked) {
    const m = count - 1;
    body.unshift(`if (t${m}[${at(m)}] !== 0) {`);
    body.push('}');
  }
  const open: string[] = [];
  const close: string[] = [];
  for (let d = 0; d < ndim; d++) {
    if (d > 0) open.push(Array.from({ length: count }, (_, k) => `let p${k}_${d} = p${k}_${d - 1};`).join(' '));
    const steps = Array.from({ length: count }, (_, k) => `p${k}_${d} += s${k}_${d}`).join(', ');
    open.push(`for (let i${d} = 0; i${d} < n${d}; i${d}++, ${steps}) {`);
    close.push('}');
  }
  return [...lines, ...open, ...body, ...close].join('\n');
}

// Generated loops of each element function, by layout key.
const compiledLoops = new WeakMap<ElementFunction, Map<string, CompiledLoop>>();

function compiledLoop(fn: ElementFunction, key: string, source: () => string): CompiledLoop {
  let byKey = compiledLoops.get(fn);
  if (!byKey) compiledLoops.set(fn, (byKey = new Map()));
  let loop = byKey.get(key);
  if (!loop) {
    // The source is loopSource's template: names and numbers, never user text.
    loop = new Function('fn', 'typed', 'views', 'readers', 'writers', 'starts', 'strides', 'shape', 'itemsizes', 'badResult', source()) as CompiledLoop;
    byKey.set(key, loop);
  }
  return loop;
}

/** Runs `fn` as the inner loop `loop` over the operands; JS arithmetic raises no fp flags. */
export function runElementFunction(
  name: string,
  fn: ElementFunction,
  loop: UfuncLoop,
  operands: readonly LoopOperand[],
  shape: readonly number[],
  where?: LoopOperand,
): number {
  for (const n of shape) if (n === 0) return 0;
  const nin = loop.inputs.length;
  const nout = loop.outputs.length;
  const all = where ? [...operands, where] : operands;
  const dtypes: readonly DType[] = [...loop.inputs, ...loop.outputs];
  const { shape: loopShape, strides } = coalesce(all, shape);
  const ndim = loopShape.length;
  const count = all.length;
  const slots: (Slots | undefined)[] = [];
  const typed: (SlotArray | null)[] = [];
  const views: DataView[] = [];
  const readers: ElementReader[] = [];
  const writers: ElementWriter[] = [];
  const starts: number[] = [];
  const flatStrides: number[] = [];
  const itemsizes: number[] = [];
  let key = `${ndim}${where ? 'm' : ''}`;
  for (let k = 0; k < count; k++) {
    const operand = all[k]!;
    const isMask = k === nin + nout;
    const dt = isMask ? undefined : dtypes[k]!;
    const view = dataViewOf(operand.buffer);
    const s = isMask ? slotsByName.get('uint8') : slotsFor(dt!, operand);
    const size = dt ? dt.itemsize : 1;
    slots.push(s);
    views.push(view);
    readers.push(dt && k < nin ? readerFor(dt) : noReader);
    writers.push(dt && k >= nin ? writerFor(dt) : noWriter);
    itemsizes.push(size);
    const unit = s ? size : 1;
    typed.push(s ? new s.ctor(operand.buffer, 0, Math.floor(operand.buffer.byteLength / size)) : null);
    starts.push(operand.byteOffset / unit);
    for (let d = 0; d < ndim; d++) flatStrides.push(strides[k]![d]! / unit);
    key += s ? `|t${dt?.name ?? 'mask'}` : `|v${dt!.name}`;
  }
  const compiled = compiledLoop(fn, `${nin},${nout}:${key}`, () => loopSource(nin, nout, slots, ndim, where !== undefined));
  const badResult = (): never => {
    throw makeError(TypeError, 'ERR_INVALID_RETURN_VALUE', `loop '${loop.signature}' of ufunc '${name}' must return an array of ${nout} values`);
  };
  compiled(fn, typed, views, readers, writers, starts, flatStrides, loopShape, itemsizes, badResult);
  return 0;
}

const noReader: ElementReader = () => {
  throw new Error('unreachable: an output is never read');
};
const noWriter: ElementWriter = () => {
  throw new Error('unreachable: an input is never written');
};
