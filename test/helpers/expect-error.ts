// Asserts that `fn` throws an error of class `cls` with the given `code` and
// message (exact string, or a pattern).
import { expect } from 'vitest';

type ErrorClass = new (...args: never[]) => Error;

export function expectError(fn: () => unknown, cls: ErrorClass, code: string, message: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expectErrorValue(caught, cls, code, message);
}

function expectErrorValue(error: unknown, cls: ErrorClass, code: string, message: string | RegExp): void {
  expect(error).toBeInstanceOf(cls);
  expect((error as { code?: string }).code).toBe(code);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}

/** What an ndinterop error carries beside its message. */
export type NdinteropError = Error & { code?: string; position?: number; cause?: unknown };

/** The error `fn` throws synchronously (fails the test when it returns). */
export function thrown(fn: () => unknown): NdinteropError {
  try {
    fn();
  } catch (error) {
    return error as NdinteropError;
  }
  throw new Error('expected a throw, but the call returned');
}

/** Asserts that `promise` rejects with an error of class `cls`, `code` and `message` (exact string, or a pattern). */
export async function expectRejection(promise: Promise<unknown>, cls: ErrorClass, code: string, message: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expectErrorValue(error, cls, code, message);
}

/** Asserts that `run()` rejects exactly as `sync()` throws: class, code and message. */
export async function expectSameRejection(sync: () => unknown, run: () => Promise<unknown>): Promise<void> {
  const error = thrown(sync);
  await expectRejection(run(), error.constructor as ErrorClass, error.code!, error.message);
}
