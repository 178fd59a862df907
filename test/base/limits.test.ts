// Limits shared by the addon and the library have one home
// (native/core/base/limits.h); the library's copy is checked against it.
import { describe, expect, it } from 'vitest';
import { native } from '../../src/base/native.js';
import { maxDims } from '../../src/base/validate.js';

describe('maxDims', () => {
  it("is the addon's kMaxDims (NumPy's 64)", () => {
    expect(native.maxDims).toBe(64);
    expect(maxDims).toBe(native.maxDims);
  });
});
