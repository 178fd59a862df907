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
  expect(caught).toBeInstanceOf(cls);
  expect((caught as { code?: string }).code).toBe(code);
  if (typeof message === 'string') expect((caught as Error).message).toBe(message);
  else expect((caught as Error).message).toMatch(message);
}
