// Collects what process.emitWarning is given while `fn` runs (NumPy's
// RuntimeWarnings come through it), instead of printing it.
export interface CapturedWarning {
  /** The warning's type, e.g. 'RuntimeWarning'. */
  readonly name: string;
  readonly message: string;
}

export function captureWarnings(fn: () => void): CapturedWarning[] {
  const seen: CapturedWarning[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((message: string, type?: string) => {
    seen.push({ name: String(type), message: String(message) });
  }) as typeof process.emitWarning;
  try {
    fn();
  } finally {
    process.emitWarning = original;
  }
  return seen;
}
