// Compiled by test/types/ufunc-table-usage.test.ts and by
// scripts/check-packed-types.mjs (never run): each of NumPy 2.4's ufuncs
// exported by name has the call signature of its kind, from NumPy's own
// nin/nout and loop tables (a hand table made with python3: np.<name>.nin,
// .nout, and whether every loop's output is '?'). Unary ufuncs take one
// input, binary ones two and have reduce; the predicates and comparisons
// give bool arrays; frexp/modf and divmod give pairs. Every line marked as
// an expected error must really be an error.
import { abs, absolute, acos, acosh, add, arccos, arccosh, arcsin, arcsinh, arctan, arctan2, arctanh, asin, asinh, atan, atan2, atanh, bitwise_and,
  bitwise_count, bitwise_invert, bitwise_left_shift, bitwise_not, bitwise_or, bitwise_right_shift, bitwise_xor, cbrt, ceil, conj, conjugate,
  copysign, cos, cosh, deg2rad, degrees, divide, divmod, equal, exp, exp2, expm1, fabs, float_power, floor, floor_divide, fmax, fmin, fmod, frexp,
  gcd, greater, greater_equal, heaviside, hypot, invert, isfinite, isinf, isnan, lcm, ldexp, left_shift, less, less_equal, log, log10, log1p, log2,
  logaddexp, logaddexp2, logical_and, logical_not, logical_or, logical_xor, maximum, minimum, mod, modf, multiply, negative, nextafter, not_equal,
  positive, pow, power, rad2deg, radians, reciprocal, remainder, right_shift, rint, sign, signbit, sin, sinh, spacing, sqrt, square, subtract, tan,
  tanh, true_divide, trunc } from '../../src/index.js';
import { NDArray, asarray } from '../../src/index.js';
import type { BinaryPairUfunc, BinaryUfunc, Pair, UnaryPairUfunc, UnaryUfunc } from '../../src/index.js';

const a = asarray([0.5, 1.5], { dtype: 'float64' });

// nin 1, nout 1: 50 ufuncs (aliases included).
const unary: UnaryUfunc[] = [absolute, arccos, arccosh, arcsin, arcsinh, arctan, arctanh, bitwise_count, cbrt, ceil, conjugate, cos, cosh, deg2rad,
  degrees, exp, exp2, expm1, fabs, floor, invert, log, log10, log1p, log2, negative, positive, rad2deg, radians, reciprocal, rint, sign, sin, sinh,
  spacing, sqrt, square, tan, tanh, trunc, abs, acos, acosh, asin, asinh, atan, atanh, bitwise_invert, bitwise_not, conj];
// nin 1, nout 1, every loop giving bool.
const predicates: UnaryUfunc<'bool'>[] = [isfinite, isinf, isnan, logical_not, signbit];
// nin 1, nout 2.
const unaryPairs: UnaryPairUfunc[] = [frexp, modf];
// nin 2, nout 1.
const binary: BinaryUfunc[] = [add, arctan2, bitwise_and, bitwise_or, bitwise_xor, copysign, divide, float_power, floor_divide, fmax, fmin, fmod,
  gcd, heaviside, hypot, lcm, ldexp, left_shift, logaddexp, logaddexp2, maximum, minimum, multiply, nextafter, power, remainder, right_shift,
  subtract, atan2, bitwise_left_shift, bitwise_right_shift, mod, pow, true_divide];
// nin 2, nout 1, every loop giving bool.
const comparisons: BinaryUfunc<'bool'>[] = [equal, greater, greater_equal, less, less_equal, logical_and, logical_or, logical_xor, not_equal];
// nin 2, nout 2.
const binaryPairs: BinaryPairUfunc[] = [divmod];
const counts: number[] = [unary.length, predicates.length, unaryPairs.length, binary.length, comparisons.length, binaryPairs.length];
const roots: NDArray = sqrt(a);
const finite: NDArray<'bool'> = isfinite(a);
const same: NDArray<'bool'> = not_equal(a, a);
const powers: NDArray = float_power(a, 2);
const halves: Pair<NDArray> = modf(a);
const floors: Pair<NDArray> = divmod(a, 1);
const total = logaddexp.reduce(a, { axis: null });
const anyTrue = logical_or.reduce([true, false]);
void [counts, roots, finite, same, powers, halves, floors, total, anyTrue];

// @ts-expect-error sin is unary: it has no reduce
const sinIsBinary: BinaryUfunc = sin;
// @ts-expect-error hypot takes two inputs
hypot(a);
// @ts-expect-error isnan gives bool, not float64
const nanFloat: NDArray<'float64'> = isnan(a);
// @ts-expect-error less gives bool arrays
const lessFloat: NDArray<'float64'> = less(a, a);
// @ts-expect-error frexp gives a pair
const frexpSingle: NDArray = frexp(a);
// @ts-expect-error divmod gives a pair, not a BinaryUfunc's one result
const divmodSingle: BinaryUfunc = divmod;
// @ts-expect-error the aliases are the same ufuncs: pow is binary
pow(a);
// @ts-expect-error logical_not is unary
logical_not.reduce(a);
void [sinIsBinary, nanFloat, lessFloat, frexpSingle, divmodSingle];
