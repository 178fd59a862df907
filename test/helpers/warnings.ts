// Collects what process.emitWarning is given (RuntimeWarning texts) in a
// describe block: `start()` begins capturing, and after each test the spy
// is removed and the list emptied.
import { afterEach, vi } from 'vitest';

export function captureWarnings(): { readonly messages: string[]; start(): void } {
  const messages: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    messages.length = 0;
  });
  return {
    messages,
    start(): void {
      vi.spyOn(process, 'emitWarning').mockImplementation(((message: string) => void messages.push(message)) as never);
    },
  };
}
