import { afterEach, describe, expect, it } from 'vitest';
import { errstate, geterr, seterr } from '../../src/index.js';
import { FP_DIVIDE, FP_INVALID, FP_OVERFLOW, FP_UNDERFLOW, handleFloatingPointFlags } from '../../src/ufunc/errstate.js';
import { captureWarnings } from '../helpers/warnings.js';

const numpyDefaults = { divide: 'warn', over: 'warn', under: 'ignore', invalid: 'warn' };

afterEach(() => {
  seterr({ divide: 'warn', over: 'warn', under: 'ignore', invalid: 'warn' });
});

describe('geterr / seterr', () => {
  it("starts with NumPy's defaults", () => {
    expect(geterr()).toEqual(numpyDefaults);
  });

  it('returns the previous settings and applies `all` before the named categories', () => {
    const previous = seterr({ all: 'raise', under: 'ignore' });
    expect(previous).toEqual(numpyDefaults);
    expect(geterr()).toEqual({ divide: 'raise', over: 'raise', under: 'ignore', invalid: 'raise' });
  });

  it('rejects an unknown mode and an unknown category', () => {
    expect(() => seterr({ divide: 'print' as never })).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: `seterr option 'divide' must be one of 'ignore', 'warn', 'raise', got "print"` }),
    );
    expect(() => seterr({ overflow: 'warn' } as never)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: "seterr got an unknown category 'overflow' (expected all, divide, over, under, invalid)" }),
    );
    expect(() => seterr(null as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(geterr()).toEqual(numpyDefaults);
  });
});

describe('errstate', () => {
  it('applies settings inside the callback and restores them after it returns or throws', () => {
    expect(errstate({ all: 'ignore' }, () => geterr().divide)).toBe('ignore');
    expect(geterr()).toEqual(numpyDefaults);
    expect(() =>
      errstate({ invalid: 'raise' }, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(geterr()).toEqual(numpyDefaults);
  });

  it('rejects a callback that is not a function', () => {
    expect(() => errstate({}, 3 as never)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'errstate expects a function to run, got 3' }),
    );
  });
});

describe('floating-point flags from kernels', () => {
  it("warns with NumPy's RuntimeWarning texts, in NumPy's order, ignoring underflow by default", () => {
    const warnings = captureWarnings(() => handleFloatingPointFlags(FP_INVALID | FP_UNDERFLOW | FP_DIVIDE | FP_OVERFLOW, 'divide'));
    expect(warnings).toEqual([
      { name: 'RuntimeWarning', message: 'divide by zero encountered in divide' },
      { name: 'RuntimeWarning', message: 'overflow encountered in divide' },
      { name: 'RuntimeWarning', message: 'invalid value encountered in divide' },
    ]);
  });

  it('throws a RangeError with code ERR_FLOATING_POINT for a category set to raise', () => {
    seterr({ under: 'raise' });
    expect(() => handleFloatingPointFlags(FP_UNDERFLOW, 'multiply')).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_FLOATING_POINT', message: 'underflow encountered in multiply' }),
    );
  });

  it('is silent for ignored categories and for no flags', () => {
    const warnings = captureWarnings(() => {
      errstate({ all: 'ignore' }, () => handleFloatingPointFlags(15, 'sqrt'));
      handleFloatingPointFlags(0, 'sqrt');
    });
    expect(warnings).toEqual([]);
  });
});
