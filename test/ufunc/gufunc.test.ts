// Generalized ufuncs: attributes, core-dimension and broadcasting rules,
// options (out, dtype, casting, axes, axis, keepdims), methods, NEP 13
// dispatch and errors. Expected values and messages are NumPy 2.4's.
import { describe, expect, it } from 'vitest';
import { NDArray, add, asarray, errstate, matmul, matvec, ufuncs, vecdot, vecmat, ufuncDispatch, NotImplemented } from '../../src/index.js';
import { expectError } from '../helpers/expect-error.js';

function ones(shape: number[], dtype = 'float64'): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return asarray(new Array<number>(n).fill(1), { dtype: dtype as 'float64' }).reshape(shape);
}

function values(result: unknown): unknown {
  return result instanceof NDArray ? result.toArray() : result;
}

const MM = '(n?,k),(k,m?)->(n?,m?)';

describe('gufunc objects', () => {
  it('have NumPy\'s attributes', () => {
    const expected = {
      matmul: MM,
      vecdot: '(n),(n)->()',
      matvec: '(m,n),(n)->(m)',
      vecmat: '(n),(n,m)->(m)',
    };
    // np.matmul.types without OO->O, plus bfloat16 after float16.
    const types = '??->? bb->b BB->B hh->h HH->H ii->i II->I ll->l LL->L qq->q QQ->Q ee->e EE->E ff->f dd->d gg->g FF->F DD->D GG->G'.split(' ');
    for (const [name, signature] of Object.entries(expected)) {
      const g = ufuncs[name as keyof typeof expected];
      expect(g.name).toBe(name);
      expect(g.signature).toBe(signature);
      expect([g.nin, g.nout, g.nargs, g.identity, g.ntypes]).toEqual([2, 1, 3, null, types.length]);
      expect(g.types).toEqual(types);
      expect(String(g)).toBe(`<ufunc '${name}'>`);
    }
    expect(ufuncs.matmul).toBe(matmul);
    expect(add.signature).toBeNull();
  });
});

describe('matmul results', () => {
  it('multiplies matrices and promotes 1-d operands like NumPy', () => {
    expect(values(matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]))).toEqual([[19n, 22n], [43n, 50n]]);
    expect(values(matmul([1, 2], [[5, 6], [7, 8]]))).toEqual([19n, 22n]);
    expect(values(matmul([[5, 6], [7, 8]], [1, 2]))).toEqual([17n, 23n]);
    expect(matmul([1, 2, 3], [4, 5, 6])).toBe(32n);
    expect(matmul([1.5, 2, 3], [4, 5, 6])).toBe(34);
    expect((matmul(ones([3]), ones([2, 3, 4])) as NDArray).shape).toEqual([2, 4]);
    expect((matmul(ones([2, 3]), ones([3])) as NDArray).shape).toEqual([2]);
  });

  it('broadcasts batch dimensions', () => {
    const result = matmul(ones([2, 1, 2, 3]), ones([3, 3, 4])) as NDArray;
    expect(result.shape).toEqual([2, 3, 2, 4]);
    expect((result.toArray() as number[][][][]).flat(3).every((v) => v === 3)).toBe(true);
  });

  it('gives zeros for an empty inner dimension and empty results for empty outer ones', () => {
    expect(values(matmul(ones([2, 0]), ones([0, 3])))).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(values(matmul(ones([2, 0], 'int32'), ones([0, 3], 'int32')))).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect((matmul(ones([0, 3]), ones([3, 2])) as NDArray).shape).toEqual([0, 2]);
  });

  it('wraps integer overflow and computes bool as or-of-ands', () => {
    expect(values(matmul(asarray([[100, 100, 100]], { dtype: 'int8' }), asarray([[100], [100], [100]], { dtype: 'int8' })))).toEqual([[48]]);
    expect(values(matmul(asarray([[200, 200, 200]], { dtype: 'uint8' }), asarray([[200], [200], [200]], { dtype: 'uint8' })))).toEqual([[192]]);
    expect(values(matmul(asarray([[true, false]]), asarray([[false], [true]])))).toEqual([[false]]);
    expect(vecdot(asarray([true, true]), asarray([false, true]))).toBe(true);
  });

  it('resolves loops by NEP 50 promotion', () => {
    expect((matmul(ones([2, 2], 'int32'), ones([2, 2], 'float32')) as NDArray).dtype.name).toBe('float64');
    expect((matmul(ones([2, 2], 'int64'), ones([2, 2], 'uint64')) as NDArray).dtype.name).toBe('float64');
    expect((vecdot(ones([3], 'int8'), ones([3], 'uint8')) as unknown)).toBe(3);
    expect((matmul(asarray([[true]]), asarray([[3]], { dtype: 'int64' })) as NDArray).dtype.name).toBe('int64');
    expect((matmul(ones([2, 2], 'int32'), ones([2, 2], 'int32'), { dtype: 'float32' }) as NDArray).dtype.name).toBe('float32');
    expect((matmul(ones([2, 2]), ones([2, 2]), { dtype: 'int32', casting: 'unsafe' }) as NDArray).dtype.name).toBe('int32');
  });

  it('sums float16 in float32 and rounds once (bit-exact with NumPy)', () => {
    const result = matmul(asarray([[0.1, 0.2, 0.3]], { dtype: 'float16' }), asarray([[0.7], [0.3], [0.9]], { dtype: 'float16' })) as NDArray;
    // NumPy: (...).tobytes().hex() == '6636'
    expect([...new Uint8Array(result.buffer, result.byteOffset, 2)]).toEqual([0x66, 0x36]);
  });

  it('reports floating-point exceptions under the name matmul', () => {
    expect(() => errstate({ invalid: 'raise' }, () => matmul([[Infinity, 1]], [[0], [1]]))).toThrow('invalid value encountered in matmul');
    expect(() => errstate({ over: 'raise' }, () => matmul([[1e308]], [[10]]))).toThrow('overflow encountered in matmul');
    expect(errstate({ all: 'raise' }, () => values(matmul([[Infinity, 1]], [[1], [1]])))).toEqual([[Infinity]]);
  });

  it('writes into out (returning it), casting from the loop type', () => {
    const out = ones([2, 2], 'float32');
    expect(matmul([[1, 2], [3, 4]], [[1, 0], [0, 1]], { out })).toBe(out);
    expect(out.toArray()).toEqual([[1, 2], [3, 4]]);
    const tupleOut = ones([2]);
    expect(matvec([[1, 2], [3, 4]], [1, 1], { out: [tupleOut] })).toBe(tupleOut);
    expect(tupleOut.toArray()).toEqual([3, 7]);
    const swapped = asarray([0, 0, 0, 0], { dtype: '>f8' }).reshape([2, 2]);
    matmul([[1, 2], [3, 4]], [[1, 0], [0, 1]], { out: swapped });
    expect(swapped.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('gives NumPy\'s result when out overlaps an input', () => {
    const a = asarray([[1, 2], [3, 4]]);
    matmul(a, a, { out: a });
    expect(a.toArray()).toEqual([[7n, 10n], [15n, 22n]]);
  });

  it('lets a larger out broadcast the batch up', () => {
    const result = vecdot(ones([2, 3]), ones([3]), { out: ones([1, 2]) }) as NDArray;
    expect(result.toArray()).toEqual([[3, 3]]);
  });
});

describe('vecdot, matvec, vecmat', () => {
  const z = (re: number, im: number) => ({ re, im });
  it('conjugate the first argument of vecdot and the vector of vecmat', () => {
    expect(vecdot(asarray([z(1, 2), z(0, 3)]), asarray([z(0, 1), z(1, 0)]))).toEqual(z(2, -2));
    expect(values(vecmat(asarray([z(1, 2), z(0, 3)]), asarray([[z(0, 1)], [z(1, 0)]])))).toEqual([z(2, -2)]);
    expect(values(matvec(asarray([[z(1, 2), z(0, 3)]]), asarray([z(0, 1), z(1, 0)])))).toEqual([z(-2, 4)]);
  });

  it('reduce over the last axis by default, or over axis/axes', () => {
    expect(values(vecdot(ones([3, 2]), ones([3, 2])))).toEqual([2, 2, 2]);
    expect(values(vecdot(ones([3, 2]), ones([3, 2]), { axis: 0 }))).toEqual([3, 3]);
    expect(values(vecdot(ones([3, 2]), ones([3, 2]), { axes: [0, 0] }))).toEqual([3, 3]);
    expect(values(vecdot(ones([3, 2]), ones([3, 2]), { axes: [[0], [0], []] }))).toEqual([3, 3]);
    expect(values(vecmat(ones([3]), ones([3, 2]), { axes: [[0], [0, 1], [0]] }))).toEqual([3, 3]);
  });

  it('keep the reduced axis with keepdims (vecdot)', () => {
    expect((vecdot(ones([3, 2]), ones([3, 2]), { axis: 0, keepdims: true }) as NDArray).shape).toEqual([1, 2]);
    expect((vecdot(ones([3, 2]), ones([3, 2]), { axis: -1, keepdims: true }) as NDArray).shape).toEqual([3, 1]);
    expect((vecdot(ones([3, 2]), ones([3, 2]), { axes: [0, 0], keepdims: true }) as NDArray).shape).toEqual([2, 1]);
    expect((vecdot(ones([3, 2]), ones([3, 2]), { keepdims: false }) as NDArray).shape).toEqual([3]);
  });
});

describe('matmul axes', () => {
  it('moves core axes where axes says, for inputs and the output', () => {
    expect((matmul(ones([3, 2]), ones([2, 3]), { axes: [[1, 0], [1, 0], [1, 0]] }) as NDArray).shape).toEqual([2, 2]);
    expect((matmul(ones([4, 3, 2]), ones([4, 3, 2]), { axes: [[1, 2], [2, 1], [1, 2]] }) as NDArray).shape).toEqual([4, 3, 3]);
    expect((matmul(ones([4, 3, 2]), ones([4, 2, 3]), { axes: [[1, 2], [1, 2], [0, 1]] }) as NDArray).shape).toEqual([3, 3, 4]);
    expect((matmul(ones([3, 2]), ones([3, 2]), { axes: [[-2, -1], [-1, -2], [-2, -1]] }) as NDArray).shape).toEqual([3, 3]);
    expect(matmul(ones([3]), ones([3]), { axes: [[0], [0], []] })).toBe(3);
    expect((matmul(ones([3, 2]), ones([2]), { axes: [[0, 1], 0, 0] }) as NDArray).shape).toEqual([3]);
  });
});

describe('gufunc errors (NumPy\'s messages)', () => {
  it('core dimension mismatches', () => {
    expectError(() => matmul(ones([2, 3]), ones([2, 3])), RangeError, 'ERR_CORE_DIMENSION',
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${MM} (size 2 is different from 3)`);
    expectError(() => vecdot(ones([3]), ones([4])), RangeError, 'ERR_CORE_DIMENSION',
      'vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n),(n)->() (size 4 is different from 3)');
    expectError(() => matvec(ones([2, 3]), ones([4])), RangeError, 'ERR_CORE_DIMENSION',
      'matvec: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,n),(n)->(m) (size 4 is different from 3)');
    expectError(() => matmul(ones([2, 3]), ones([3, 4]), { out: ones([2]) }), RangeError, 'ERR_CORE_DIMENSION',
      `matmul: Output operand 0 has a mismatch in its core dimension 0, with gufunc signature ${MM} (size 2 is different from 4)`);
    expectError(() => matmul(ones([2, 3]), ones([3, 4]), { out: ones([2, 5]) }), RangeError, 'ERR_CORE_DIMENSION',
      `matmul: Output operand 0 has a mismatch in its core dimension 1, with gufunc signature ${MM} (size 5 is different from 4)`);
  });

  it('operands with too few dimensions, including scalars', () => {
    expectError(() => matmul(1.5, ones([2, 3])), RangeError, 'ERR_CORE_DIMENSION',
      `matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature ${MM} requires 1)`);
    expectError(() => matmul(ones([2, 3]), 2), RangeError, 'ERR_CORE_DIMENSION',
      `matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature ${MM} requires 1)`);
    expectError(() => matvec(ones([3]), ones([3])), RangeError, 'ERR_CORE_DIMENSION',
      'matvec: Input operand 0 does not have enough dimensions (has 1, gufunc core with signature (m,n),(n)->(m) requires 2)');
    expectError(() => vecmat(ones([3]), ones([3])), RangeError, 'ERR_CORE_DIMENSION',
      'vecmat: Input operand 1 does not have enough dimensions (has 1, gufunc core with signature (n),(n,m)->(m) requires 2)');
    expectError(() => matvec(ones([2, 3]), ones([3]), { out: asarray(0, { dtype: 'float64' }) }), RangeError, 'ERR_CORE_DIMENSION',
      'matvec: Output operand 0 does not have enough dimensions (has 0, gufunc core with signature (m,n),(n)->(m) requires 1)');
  });

  it('batch dimensions that do not broadcast', () => {
    expectError(() => matmul(ones([2, 2, 3]), ones([3, 3, 4])), RangeError, 'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (2,2,3)->(2,newaxis,newaxis) (3,3,4)->(3,newaxis,newaxis)  and requested shape (2,4)');
    expectError(() => matmul(ones([2, 2, 3]), ones([3, 4]), { out: ones([3, 2, 4]) }), RangeError, 'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (2,2,3)->(2,newaxis,newaxis) (3,4)->() (3,2,4)->(3,2,4)  and requested shape (2,4)');
    expectError(() => vecdot(ones([2, 3]), ones([3, 3])), RangeError, 'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (2,3)->(2,) (3,3)->(3,)  and requested shape ()');
    expectError(() => vecdot(ones([2, 5, 3]), ones([4, 3])), RangeError, 'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (2,5,3)->(2,5) (4,3)->(4)  and requested shape ()');
    expectError(() => matvec(ones([2, 4, 3]), ones([5, 3])), RangeError, 'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (2,4,3)->(2,newaxis) (5,3)->(5,newaxis)  and requested shape (4)');
    expectError(() => vecdot(ones([3, 2]), ones([3, 2]), { keepdims: true, out: ones([3]) }), RangeError, 'ERR_BROADCAST',
      'operands could not be broadcast together with remapped shapes [original->remapped]: (3,2)->(3,newaxis) (3,2)->(3,newaxis) (3,)->(3)  and requested shape (1)');
  });

  it('outputs whose batch dimensions do not match', () => {
    const reduction = 'output operand requires a reduction along dimension -1, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape.';
    expectError(() => matmul(ones([2, 2, 3]), ones([3, 4]), { out: ones([2, 4]) }), RangeError, 'ERR_BROADCAST', reduction);
    expectError(() => vecdot(ones([2, 3]), ones([3]), { out: asarray(0, { dtype: 'float64' }) }), RangeError, 'ERR_BROADCAST', reduction);
    expectError(() => matmul(ones([2, 2, 3]), ones([3, 4]), { out: ones([1, 2, 4]) }), RangeError, 'ERR_BROADCAST',
      "non-broadcastable output operand with shape (1,2,4) [remapped to (4,2,1)] doesn't match the broadcast shape (2,2,4)");
    expectError(() => vecdot(ones([2, 3]), ones([3]), { out: ones([2, 1]) }), RangeError, 'ERR_BROADCAST',
      "non-broadcastable output operand with shape (2,1) [remapped to (1,2)] doesn't match the broadcast shape (2,2)");
    expectError(() => matmul(ones([3]), ones([5, 3, 2]), { out: ones([5, 1, 2]) }), RangeError, 'ERR_BROADCAST',
      "non-broadcastable output operand with shape (5,1,2) [remapped to (2,1,5)] doesn't match the broadcast shape (5,5,2)");
  });

  it('dtypes and casting', () => {
    expectError(() => matmul(ones([2, 2]), ones([2, 2]), { out: ones([2, 2], 'int32') }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'matmul' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
    expectError(() => matmul(ones([2, 2], '>f8'), ones([2, 2], '>f8'), { out: ones([2, 2], '>i4') }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'matmul' output from dtype('float64') to dtype('>i4') with casting rule 'same_kind'");
    expectError(() => matmul(ones([2, 2], 'int32'), ones([2, 2]), { casting: 'no' }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'matmul' input 0 from dtype('int32') to dtype('float64') with casting rule 'no'");
    expectError(() => matmul(ones([2, 2]), ones([2, 2]), { dtype: 'int32' }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'matmul' input 0 from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
    // Casting is checked before core dimensions, as in NumPy.
    expectError(() => matmul(ones([2, 3]), ones([2, 3]), { out: ones([2, 2], 'int32') }), TypeError, 'ERR_UFUNC_CASTING',
      "Cannot cast ufunc 'matmul' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
    const text = new NDArray({ buffer: new ArrayBuffer(4), dtype: '<U1', shape: [1] });
    expectError(() => matmul(ones([1]), text), TypeError, 'ERR_UFUNC_TYPE',
      "ufunc 'matmul' did not contain a loop with signature matching types (dtype('float64'), dtype('<U1')) -> None");
  });

  it('options NumPy does not take', () => {
    expectError(() => matmul(ones([2, 3]), ones([3, 2]), { where: true } as never), TypeError, 'ERR_INVALID_ARG_VALUE',
      "matmul() got an unexpected keyword argument 'where'");
    expectError(() => matmul(ones([2, 3]), ones([3, 2]), { foo: 1 } as never), TypeError, 'ERR_INVALID_ARG_VALUE',
      "matmul() got an unexpected keyword argument 'foo'");
    expectError(() => matmul(ones([2, 3])), TypeError, 'ERR_INVALID_ARG_COUNT',
      'matmul() takes from 2 to 3 positional arguments but 1 was given');
  });

  it('axes, axis and keepdims', () => {
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: 5 as never }), TypeError, 'ERR_INVALID_ARG_TYPE', 'axes should be a list.');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: [[1, 0], [1, 0]] }), RangeError, 'ERR_INVALID_ARG_VALUE',
      'axes should be a list with an entry for all 3 inputs and outputs; entries for outputs can only be omitted if none of them has core axes.');
    expectError(() => matmul(ones([3]), ones([3]), { axes: [0, 0] }), RangeError, 'ERR_INVALID_ARG_VALUE',
      'axes should be a list with an entry for all 3 inputs and outputs; entries for outputs can only be omitted if none of them has core axes.');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: [[1, 5], [1, 0], [1, 0]] }), RangeError, 'ERR_AXIS',
      'axis 5 is out of bounds for array of dimension 2');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: [[1, 1], [1, 0], [1, 0]] }), RangeError, 'ERR_AXIS',
      'axes item 0 has value 1 repeated');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: [[1], [1, 0], [1, 0]] }), RangeError, 'ERR_AXIS',
      'matmul: operand 0 has 2 core dimensions, but 1 dimensions are specified by axes tuple.');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: [0, [1, 0], [1, 0]] }), RangeError, 'ERR_AXIS',
      'matmul: operand 0 has 2 core dimensions, but the axes item is a single integer.');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axes: ['a', [1, 0], [1, 0]] as never }), TypeError, 'ERR_INVALID_ARG_TYPE',
      'matmul: axes item 0 should be a tuple.');
    expectError(() => vecdot(ones([3, 2]), ones([3, 2]), { axes: [[0], [0], [0]] }), RangeError, 'ERR_AXIS',
      'vecdot: operand 2 has 0 core dimensions, but 1 dimensions are specified by axes tuple.');
    expectError(() => vecdot(ones([3, 2]), ones([3, 2]), { axes: [0, 0], axis: 0 }), TypeError, 'ERR_INVALID_ARG_VALUE',
      "cannot specify both 'axis' and 'axes'");
    expectError(() => vecdot(ones([3, 2]), ones([3, 2]), { axis: 2 }), RangeError, 'ERR_AXIS', 'axis 2 is out of bounds for array of dimension 2');
    expectError(() => vecdot(ones([3, 2]), ones([3, 2]), { axis: 0.5 }), TypeError, 'ERR_INVALID_ARG_TYPE', 'expected an integer axis, got 0.5');
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { axis: 0 }), TypeError, 'ERR_INVALID_ARG_VALUE',
      `matmul: axis can only be used with a single shared core dimension, not with the 3 distinct ones implied by signature ${MM}.`);
    expectError(() => matvec(ones([3, 2]), ones([2]), { axis: 0 }), TypeError, 'ERR_INVALID_ARG_VALUE',
      'matvec: axis can only be used with a single shared core dimension, not with the 2 distinct ones implied by signature (m,n),(n)->(m).');
    const keepdimsTail = 'but keepdims can only be used when all inputs have the same number of core dimensions and all outputs have no core dimensions.';
    expectError(() => matmul(ones([3, 2]), ones([2, 3]), { keepdims: false }), TypeError, 'ERR_INVALID_ARG_VALUE',
      `matmul does not support keepdims: its signature ${MM} requires output 0 to have 2 core dimensions, ${keepdimsTail}`);
    expectError(() => matvec(ones([3, 2]), ones([2]), { keepdims: true }), TypeError, 'ERR_INVALID_ARG_VALUE',
      `matvec does not support keepdims: its signature (m,n),(n)->(m) requires input 1 to have 1 core dimensions, ${keepdimsTail}`);
    expectError(() => vecmat(ones([2]), ones([2, 3]), { keepdims: true }), TypeError, 'ERR_INVALID_ARG_VALUE',
      `vecmat does not support keepdims: its signature (n),(n,m)->(m) requires input 1 to have 2 core dimensions, ${keepdimsTail}`);
    expectError(() => vecdot(ones([3, 2]), ones([3, 2]), { keepdims: 'x' as never }), TypeError, 'ERR_INVALID_ARG_TYPE', "'keepdims' must be a boolean");
  });

  it('methods other than calls, refused before any override is consulted', () => {
    const reduction = 'Reduction not defined on ufunc with signature';
    expectError(() => matmul.reduce(ones([2, 2])), TypeError, 'ERR_UFUNC_TYPE', reduction);
    expectError(() => matmul.accumulate(ones([2, 2])), TypeError, 'ERR_UFUNC_TYPE', reduction);
    expectError(() => vecdot.reduceat(ones([2, 2]), [0]), TypeError, 'ERR_UFUNC_TYPE', reduction);
    expectError(() => matmul.outer(ones([2, 2]), ones([2, 2])), TypeError, 'ERR_UFUNC_TYPE', 'method outer is not allowed in ufunc with non-trivial signature');
    expectError(() => matmul.at(ones([2, 2]), [0], ones([2, 2])), TypeError, 'ERR_UFUNC_TYPE',
      `matmul.at does not support ufunc with non-trivial signature: matmul has signature ${MM}.`);
    expectError(() => vecdot.at(ones([2, 2]), [0]), TypeError, 'ERR_UFUNC_TYPE',
      'vecdot.at does not support ufunc with non-trivial signature: vecdot has signature (n),(n)->().');
  });
});

describe('gufunc NEP 13 dispatch', () => {
  class Tagged {
    __array_ufunc__(ufunc: unknown, method: string, inputs: unknown[], kwargs: Record<string, unknown>): unknown {
      return { ufunc, method, count: inputs.length, kwargs };
    }
  }

  it('hands the gufunc itself and normalised kwargs to __array_ufunc__', () => {
    const out = ones([2]);
    const result = matmul(ones([2, 3]), new Tagged(), { out, axes: [[0, 1], [0, 1], [0]] }) as { ufunc: unknown; method: string; count: number; kwargs: Record<string, unknown> };
    expect(result.ufunc).toBe(matmul);
    expect(result.method).toBe('__call__');
    expect(result.count).toBe(2);
    expect(result.kwargs).toEqual({ out: [out], axes: [[0, 1], [0, 1], [0]] });
  });

  it('checks option names before dispatching, as NumPy does', () => {
    expectError(() => matmul(ones([2, 3]), new Tagged(), { where: true } as never), TypeError, 'ERR_INVALID_ARG_VALUE',
      "matmul() got an unexpected keyword argument 'where'");
  });

  it('reaches registered handlers, and NDArray computes when they call back with plain arrays', () => {
    class Wrapped {
      constructor(readonly inner: NDArray) {}
    }
    ufuncDispatch.register(Wrapped, (ufunc, method, inputs, kwargs) => {
      if (method !== '__call__') return NotImplemented;
      const unwrapped = inputs.map((x) => (x instanceof Wrapped ? x.inner : x));
      return new Wrapped((ufunc as typeof matmul)(...unwrapped, kwargs) as NDArray);
    });
    try {
      const result = vecdot(new Wrapped(asarray([1, 2, 3])), asarray([4, 5, 6]));
      expect(result).toBeInstanceOf(Wrapped);
      expect((result as unknown as Wrapped).inner).toBe(32n);
    } finally {
      ufuncDispatch.unregister(Wrapped);
    }
  });
});
