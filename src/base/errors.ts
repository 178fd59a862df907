// Error classes and the one helper that builds every error ndinterop throws
// from JS: a built-in class (or BufferError) with a stable `code`.
import { native } from './native.js';

/** Memory cannot be shared as asked (consumed capsule, device data, byte order, copy impossible). */
export class BufferError extends Error {
  /** Always 'ERR_BUFFER'. */
  code: string = 'ERR_BUFFER' satisfies ErrorCode;
  constructor(message: string) {
    super(message);
    this.name = 'BufferError';
  }
}

/**
 * Every `code` an ndinterop error can carry: those makeError is given here in
 * src/ and those native/napi/errors.cc maps core's status codes to
 * (ERR_INTERNAL: a core status with no mapping, which is a bug). The one
 * list: ErrorCode derives from it, and test/base/error-codes.test.ts checks
 * it against the codes the sources throw, both ways.
 */
export const errorCodes = Object.freeze([
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_ARG_COUNT',
  'ERR_INVALID_RETURN_VALUE',
  'ERR_INVALID_DTYPE',
  'ERR_INVALID_TYPESTR',
  'ERR_INVALID_BUFFER_FORMAT',
  'ERR_OUT_OF_BOUNDS',
  'ERR_AXIS',
  'ERR_BROADCAST',
  'ERR_CORE_DIMENSION',
  'ERR_READONLY',
  'ERR_DETACHED',
  'ERR_BUSY',
  'ERR_NOT_ITERABLE',
  'ERR_NOT_TRANSFERABLE',
  'ERR_BUFFER',
  'ERR_DLPACK_CONSUMED',
  'ERR_DLPACK_DISPOSED',
  'ERR_DLPACK_INVALID',
  'ERR_ARRAY_INTERFACE_GETTER',
  'ERR_ARRAY_INTERFACE_MASK',
  'ERR_UFUNC_TYPE',
  'ERR_ARRAY_FUNCTION_TYPE',
  'ERR_UFUNC_VALUE',
  'ERR_UFUNC_CASTING',
  'ERR_FLOATING_POINT',
  'ERR_MODULE_NOT_FOUND',
  'ERR_NO_NATIVE_BINARY',
  'ERR_NPY_INVALID',
  'ERR_NPY_PICKLE',
  'ERR_NPY_CLOSED',
  'ERR_NPZ_NO_MEMBER',
  'ERR_MMAP',
  'ERR_ZIP_INVALID',
  'ERR_ZIP_UNSUPPORTED',
  'ERR_ZIP_UNSAFE_PATH',
  'ERR_ZIP_LIMIT',
  'ERR_INTERNAL',
  'ERR_DTYPE_PROMOTION',
] as const);

/** The `code` of an error ndinterop throws. */
export type ErrorCode = (typeof errorCodes)[number];

type ErrorClass = new (message: string) => Error;

/** Builds an error of class `cls` with `code` set; messages say what was expected and what was found. */
export function makeError<C extends ErrorClass>(cls: C, code: ErrorCode, message: string): InstanceType<C> & { code: string } {
  const error = new cls(message) as InstanceType<C> & { code: string };
  error.code = code;
  return error;
}

// Error messages quote at most this much of a value a caller passed in, so a
// megabyte-long string (or name) cannot make a megabyte-long message.
const quoteLimit = 100;

/** `text` cut to quoteLimit characters (not splitting a surrogate pair), with the length it had. */
export function excerpt(text: string): string {
  if (text.length <= quoteLimit) return text;
  let end = quoteLimit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}... (${text.length} characters)`;
}

/** Short, unambiguous rendering of a user value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    return value.length <= quoteLimit ? JSON.stringify(value) : `${JSON.stringify(excerpt(value).slice(0, quoteLimit))}... (${value.length} characters)`;
  }
  if (typeof value === 'bigint') return excerpt(`${value}n`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'symbol') return excerpt(value.toString());
  if (typeof value === 'function') return `function ${excerpt(safeName(value) || '<anonymous>')}`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  let ctor: unknown;
  try {
    ctor = (value as { constructor?: unknown }).constructor;
  } catch {
    return 'an object';
  }
  const name = typeof ctor === 'function' ? safeName(ctor) : '';
  return name ? `an instance of ${excerpt(name)}` : 'an object';
}

// A function's name, or '' when reading it throws or gives no string.
function safeName(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown }).name;
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}

native.setBufferErrorClass(BufferError);
