// Error classes and the one helper that builds every error ndinterop throws
// from JS: a built-in class (or BufferError) with a stable `code`.
import { native } from './native.js';

/** Memory cannot be shared as asked (consumed capsule, device data, byte order, copy impossible). */
export class BufferError extends Error {
  code = 'ERR_BUFFER';
  constructor(message: string) {
    super(message);
    this.name = 'BufferError';
  }
}

export type ErrorCode =
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'
  | 'ERR_INVALID_DTYPE'
  | 'ERR_INVALID_TYPESTR'
  | 'ERR_INVALID_BUFFER_FORMAT'
  | 'ERR_OUT_OF_BOUNDS'
  | 'ERR_READONLY'
  | 'ERR_DETACHED'
  | 'ERR_BUFFER'
  | 'ERR_DLPACK_CONSUMED'
  | 'ERR_DLPACK_INVALID'
  | (string & {});

type ErrorClass = new (message: string) => Error;

/** Builds an error of class `cls` with `code` set; messages say what was expected and what was found. */
export function makeError<C extends ErrorClass>(cls: C, code: ErrorCode, message: string): InstanceType<C> & { code: string } {
  const error = new cls(message) as InstanceType<C> & { code: string };
  error.code = code;
  return error;
}

/** Short, unambiguous rendering of a user value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return `function ${value.name || '<anonymous>'}`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return ctor?.name ? `an instance of ${ctor.name}` : 'an object';
}

native.setBufferErrorClass(BufferError);
