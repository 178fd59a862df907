// Reading properties of foreign objects (array-interface descriptions,
// arrays of other libraries), which may be getters or Proxies: each value is
// read exactly once, and a throwing getter or trap becomes an error that
// names what was being read, with the original error as `cause`.
import { describeValue, makeError } from './errors.js';

function accessError(path: string, cause: unknown): TypeError {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : describeValue(cause);
  const error = makeError(TypeError, 'ERR_ARRAY_INTERFACE_GETTER', `reading ${path} threw ${reason}`);
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** `source[key]`, read once; `path` names it in the error if reading throws. */
export function readOnce(source: object, key: string, path: string): unknown {
  try {
    return (source as Record<string, unknown>)[key];
  } catch (cause) {
    throw accessError(path, cause);
  }
}

/** `key in source`, for objects whose `has` trap may throw (revoked Proxies). */
export function hasProperty(source: object, key: string, path: string): boolean {
  try {
    return key in source;
  } catch (cause) {
    throw accessError(path, cause);
  }
}

/** Array.isArray, which throws for a revoked Proxy. */
export function isArraySafely(value: unknown, path: string): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch (cause) {
    throw accessError(path, cause);
  }
}
