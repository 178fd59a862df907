/** Runs the GC and lets deferred finalizers run (Node runs them after a setImmediate turn). */
export async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
