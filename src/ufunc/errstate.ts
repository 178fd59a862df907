// Floating-point error handling for ufuncs: NumPy's seterr/geterr/errstate.
// Kernels report IEEE flags as a bitmask; this module turns them into
// nothing, a RuntimeWarning, or a thrown error, per the current settings.
import { describeValue, makeError } from '../base/errors.js';
import { activeRecorder } from './record.js';
import { setCastFlagsHandler } from '../array/cast.js';

/**
 * What happens on a floating-point error (NumPy's seterr modes): 'ignore'
 * does nothing, 'warn' emits a process warning of type RuntimeWarning,
 * 'raise' throws RangeError ERR_FLOATING_POINT.
 */
export type ErrorMode = 'ignore' | 'warn' | 'raise';

/** The floating-point error settings, one mode per IEEE flag (NumPy's geterr()). */
export interface ErrorSettings {
  /** Division by zero (default 'warn'). */
  divide: ErrorMode;
  /** Overflow (default 'warn'). */
  over: ErrorMode;
  /** Underflow (default 'ignore'). */
  under: ErrorMode;
  /** Invalid operation, a NaN from non-NaN inputs (default 'warn'). */
  invalid: ErrorMode;
}

/** What {@link seterr} and {@link errstate} take: the settings to change. */
export interface ErrorSettingsUpdate {
  /** Sets every category, before the specific ones below. */
  all?: ErrorMode;
  /** Division by zero. */
  divide?: ErrorMode;
  /** Overflow. */
  over?: ErrorMode;
  /** Underflow. */
  under?: ErrorMode;
  /** Invalid operation. */
  invalid?: ErrorMode;
}

/** Bits of the flag mask native kernels and casts return. */
export const FP_DIVIDE = 1;
export const FP_OVERFLOW = 2;
export const FP_UNDERFLOW = 4;
export const FP_INVALID = 8;

const modes: readonly ErrorMode[] = ['ignore', 'warn', 'raise'];
const categories = ['divide', 'over', 'under', 'invalid'] as const;

// NumPy's defaults: underflow is ignored, everything else warns.
let current: ErrorSettings = { divide: 'warn', over: 'warn', under: 'ignore', invalid: 'warn' };

/** The current floating-point error settings (a copy). */
export function geterr(): ErrorSettings {
  return { ...current };
}

function checkMode(key: string, mode: unknown): ErrorMode {
  if (!modes.includes(mode as ErrorMode)) {
    throw makeError(
      TypeError,
      'ERR_INVALID_ARG_VALUE',
      `seterr option '${key}' must be one of 'ignore', 'warn', 'raise', got ${describeValue(mode)}`,
    );
  }
  return mode as ErrorMode;
}

/** Changes the floating-point error settings; returns the previous ones. `all` sets every category first. */
export function seterr(settings: ErrorSettingsUpdate): ErrorSettings {
  if (typeof settings !== 'object' || settings === null) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `seterr expects an object of settings, got ${describeValue(settings)}`);
  }
  const next = { ...current };
  for (const key of Object.keys(settings)) {
    if (key !== 'all' && !(categories as readonly string[]).includes(key)) {
      throw makeError(
        TypeError,
        'ERR_INVALID_ARG_VALUE',
        `seterr got an unknown category '${key}' (expected all, divide, over, under, invalid)`,
      );
    }
  }
  const all = settings.all;
  if (all !== undefined) {
    const mode = checkMode('all', all);
    for (const category of categories) next[category] = mode;
  }
  for (const category of categories) {
    const mode = settings[category];
    if (mode !== undefined) next[category] = checkMode(category, mode);
  }
  const previous = current;
  current = next;
  return { ...previous };
}

/**
 * Runs `fn` with the given settings and restores the previous ones afterwards,
 * even when `fn` throws. `fn` runs synchronously: settings are process-wide,
 * so they are restored as soon as `fn` returns (a returned promise is not awaited).
 */
export function errstate<T>(settings: ErrorSettingsUpdate, fn: () => T): T {
  if (typeof fn !== 'function') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `errstate expects a function to run, got ${describeValue(fn)}`);
  }
  const previous = seterr(settings);
  try {
    return fn();
  } finally {
    current = previous;
  }
}

const messages: readonly [number, keyof ErrorSettings, string][] = [
  [FP_DIVIDE, 'divide', 'divide by zero encountered in'],
  [FP_OVERFLOW, 'over', 'overflow encountered in'],
  [FP_UNDERFLOW, 'under', 'underflow encountered in'],
  [FP_INVALID, 'invalid', 'invalid value encountered in'],
];

/**
 * Applies the settings to the flags a kernel raised while computing `what`
 * (a ufunc name, or 'cast'). Checks in NumPy's order: divide, over, under, invalid.
 */
export function handleFloatingPointFlags(flags: number, what: string): void {
  if (activeRecorder && activeRecorder.checkpoint(flags, what)) return;
  if (flags === 0) return;
  for (const [bit, category, text] of messages) {
    if ((flags & bit) === 0) continue;
    const mode = current[category];
    if (mode === 'ignore') continue;
    const message = `${text} ${what}`;
    if (mode === 'raise') throw makeError(RangeError, 'ERR_FLOATING_POINT', message);
    process.emitWarning(message, 'RuntimeWarning');
  }
}

// astype (src/array) reports its cast's flags here, as NumPy's astype does.
setCastFlagsHandler((flags) => handleFloatingPointFlags(flags, 'cast'));
