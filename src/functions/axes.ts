// Axis arguments of the array functions, read as NumPy reads them:
// `normalize_axis_index` and `normalize_axis_tuple` (negative axes count from
// the end; out of range is NumPy's AxisError, mapped to RangeError ERR_AXIS
// with NumPy's text), and unknown option names refused with Python's
// "unexpected keyword argument" text.
import { describeValue, makeError } from '../base/errors.js';

/**
 * NumPy's AxisError text, as RangeError ERR_AXIS. `prefix` names the
 * argument where NumPy does (`'source: '` in moveaxis, `'axis1: '` in swapaxes).
 */
export function axisError(axis: number, ndim: number, prefix = ''): RangeError {
  return makeError(RangeError, 'ERR_AXIS', `${prefix}axis ${axis} is out of bounds for array of dimension ${ndim}`);
}

/** One axis in [-ndim, ndim), returned in [0, ndim) (NumPy's normalize_axis_index). */
export function normalizeAxisIndex(axis: unknown, ndim: number, prefix = ''): number {
  if (typeof axis === 'bigint') axis = Number(axis);
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${prefix}axis must be an integer, got ${describeValue(axis)}`);
  }
  if (axis < -ndim || axis >= ndim) throw axisError(axis, ndim, prefix);
  return axis < 0 ? axis + ndim : axis;
}

/**
 * An axis or a list of axes, each normalized (NumPy's normalize_axis_tuple);
 * a repeat is RangeError ERR_AXIS with `duplicate`, NumPy's text for the
 * calling function ('repeated axis', "duplicate value in 'axis'", ...).
 */
export function normalizeAxisTuple(axis: unknown, ndim: number, duplicate = 'repeated axis', prefix = ''): number[] {
  const list = Array.isArray(axis) ? (axis as unknown[]) : [axis];
  const axes = list.map((a) => normalizeAxisIndex(a, ndim, prefix));
  if (new Set(axes).size !== axes.length) throw makeError(RangeError, 'ERR_AXIS', duplicate);
  return axes;
}

/** Throws Python's TypeError for an option `name()` does not take. */
export function checkOptions(name: string, options: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(options)) {
    if (!allowed.has(key)) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${name}() got an unexpected keyword argument '${key}'`);
    }
  }
}
