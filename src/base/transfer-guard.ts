// Refusing a resizing transfer of memory native code holds.
//
// A DLPack export (until the consumer's deleter runs) and a pending .async
// ufunc call hold V8's BackingStore of the ArrayBuffer they use, so the
// memory survives postMessage/structuredClone transfer, GC and worker exit.
// One operation defeats that: on Node >= 21, ArrayBuffer.prototype.transfer
// and transferToFixedLength with a length other than the buffer's make V8
// reallocate a fixed-length buffer's BackingStore IN PLACE (the same
// BackingStore object gets new memory, the old memory is freed), so the
// holder would read or write freed memory. There is no way to keep that
// memory alive, so the transfer is refused (DESIGN.md, "Memory ownership").
//
// Imported once for its side effect by src/index.ts. When the runtime has the
// methods, each is replaced by a wrapper with the same name and length: if
// the new length differs from byteLength and native code holds the memory
// (native.heldNatively, native/napi/held_stores.h), it throws BufferError
// ERR_BUFFER; otherwise it calls the original. Same-length transfers stay
// allowed: V8 moves the BackingStore to the new buffer, and the holder keeps
// it (the moved buffer is still guarded). Node 20 has neither method, and
// nothing is wrapped.
//
// The wrappers are installed once per realm (a second copy of the library,
// or a re-evaluation of this module, finds them by kGuard); each evaluation
// sets the check they call, so the newest copy's BufferError is thrown.
import { types } from 'node:util';
import { BufferError, makeError } from './errors.js';
import { native } from './native.js';

type TransferMethod = (this: ArrayBuffer, newLength?: unknown) => ArrayBuffer;
type Check = (buffer: ArrayBuffer, newLength: number, method: string) => void;
type GuardedMethod = TransferMethod & { [kGuard]?: Check };

const kGuard: unique symbol = Symbol.for('ndinterop.transferGuard') as never;

export const transferRefusal =
  'native code holds its memory (a DLPack export whose deleter has not run, or a pending .async ufunc call): ' +
  'V8 would reallocate that memory in place under them. Release the export (or await the call) first, ' +
  'or transfer to the same length';

const refuseIfHeld: Check = (buffer, newLength, method) => {
  // An invalid length (negative, too large) is left to the original's RangeError.
  if (newLength < 0 || newLength > Number.MAX_SAFE_INTEGER) return;
  if (newLength !== buffer.byteLength && native.heldNatively(buffer)) {
    throw makeError(
      BufferError,
      'ERR_BUFFER',
      `cannot ${method}(${newLength}) this ArrayBuffer of ${buffer.byteLength} bytes: ${transferRefusal}`,
    );
  }
};

// ToIndex's conversion (ToNumber, then truncation), done once here so a
// valueOf runs once; the original gets the resulting number and does its own
// range checks (a negative or too large length throws RangeError there).
function toLength(value: unknown): number {
  const number = +(value as number); // throws TypeError for BigInt and Symbol, as ToNumber does
  return Number.isNaN(number) ? 0 : Math.trunc(number);
}

function guard(name: 'transfer' | 'transferToFixedLength'): void {
  const proto = ArrayBuffer.prototype as unknown as Record<string, GuardedMethod | undefined>;
  const current = proto[name];
  if (typeof current !== 'function') return;
  if (current[kGuard] !== undefined) {
    current[kGuard] = refuseIfHeld;
    return;
  }
  const original = current;
  // A method (not an arrow): `this` is the buffer it was called on.
  const wrapper = {
    [name](this: ArrayBuffer, newLength?: unknown): ArrayBuffer {
      // Not an ArrayBuffer (a SharedArrayBuffer included), or no length
      // given (same length): the original decides, and throws for the former.
      if (newLength === undefined || !types.isArrayBuffer(this)) return Reflect.apply(original, this, arguments);
      const length = toLength(newLength);
      wrapper[kGuard]!(this, length, name);
      return Reflect.apply(original, this, [length]);
    },
  }[name] as GuardedMethod;
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  Object.defineProperty(wrapper, kGuard, { value: refuseIfHeld, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, name)!;
  Object.defineProperty(ArrayBuffer.prototype, name, { ...descriptor, value: wrapper });
}

guard('transfer');
guard('transferToFixedLength');
