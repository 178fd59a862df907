import { describe, expect, it } from 'vitest';
import { dtype } from '../../src/index.js';
import { canCast, castingRules, parseCasting } from '../../src/dtype/casting.js';
import { promoteTypes, resultType, type WeakKind } from '../../src/dtype/promotion.js';
import { parseLoops, resolveLoop, loopsAreHomogeneous, type OperandType } from '../../src/ufunc/loop-selection.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';

const names = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64', 'complex64', 'complex128'];

describe.skipIf(!hasNumpy)(`promote_types and can_cast agree with NumPy (${hasNumpy ? 'NumPy found' : skipReason})`, () => {
  const table = hasNumpy
    ? numpyJson<{ promote: string[][]; cast: Record<string, boolean[][]> }>(`
names = ${JSON.stringify(names)}
print(json.dumps({
  'promote': [[np.promote_types(a, b).name for b in names] for a in names],
  'cast': {c: [[bool(np.can_cast(a, b, c)) for b in names] for a in names] for c in ['no', 'equiv', 'safe', 'same_kind', 'unsafe']},
}))`)
    : { promote: [], cast: {} };

  it('promotes every pair of arithmetic dtypes like np.promote_types', () => {
    const ours = names.map((a) => names.map((b) => promoteTypes(dtype(a), dtype(b)).name));
    expect(ours).toEqual(table.promote);
  });

  it.each(castingRules)('casts every pair like np.can_cast with casting=%s', (rule) => {
    const ours = names.map((a) => names.map((b) => canCast(dtype(a), dtype(b), rule)));
    expect(ours).toEqual(table.cast[rule]);
  });

  it('gives weak JS scalars the NEP 50 result type of np.result_type with Python scalars', () => {
    const weakKinds: WeakKind[] = ['bool', 'int', 'float', 'complex'];
    const expected = numpyJson<string[][]>(`
names = ${JSON.stringify(names)}
vals = [True, 1, 1.5, 1j]
print(json.dumps([[np.result_type(np.dtype(a), v).name for v in vals] for a in names]))`);
    const ours = names.map((a) => weakKinds.map((kind) => resultType([dtype(a)], [kind]).name));
    expect(ours).toEqual(expected);
  });
});

describe('NEP 50 promotion (hand-written table from NEP 50 and the NumPy 2.4 fact sheet)', () => {
  it.each([
    ['int8', 'int16', 'int16'],
    ['uint8', 'int8', 'int16'],
    ['uint32', 'int32', 'int64'],
    ['int64', 'uint64', 'float64'],
    ['int32', 'float32', 'float64'],
    ['int16', 'float16', 'float32'],
    ['int8', 'float16', 'float16'],
    ['float32', 'complex64', 'complex64'],
    ['int32', 'complex64', 'complex128'],
    ['bfloat16', 'float16', 'float32'],
    ['bfloat16', 'int8', 'bfloat16'],
    ['bfloat16', 'complex64', 'complex64'],
  ])('%s with %s gives %s', (a, b, result) => {
    expect(promoteTypes(dtype(a), dtype(b)).name).toBe(result);
    expect(promoteTypes(dtype(b), dtype(a)).name).toBe(result);
  });

  it('keeps the array dtype for a weak scalar of the same or a lower kind', () => {
    expect(resultType([dtype('uint8')], ['int']).name).toBe('uint8');
    expect(resultType([dtype('float32')], ['float']).name).toBe('float32');
    expect(resultType([dtype('float16')], ['int']).name).toBe('float16');
    expect(resultType([dtype('bool')], ['bool']).name).toBe('bool');
  });

  it('uses the default type of a higher weak kind (complex64 next to float16/float32)', () => {
    expect(resultType([dtype('int8')], ['float']).name).toBe('float64');
    expect(resultType([dtype('bool')], ['int']).name).toBe('int64');
    expect(resultType([dtype('float32')], ['complex']).name).toBe('complex64');
    expect(resultType([dtype('float64')], ['complex']).name).toBe('complex128');
    expect(resultType([dtype('int16')], ['complex']).name).toBe('complex128');
  });

  it('gives weak scalars alone their default types', () => {
    expect(resultType([], ['int']).name).toBe('int64');
    expect(resultType([], ['int', 'float']).name).toBe('float64');
    expect(resultType([], ['bool']).name).toBe('bool');
  });

  it('treats a byte-swapped dtype like its native twin, except for casting "no"', () => {
    const swapped = dtype('int32').newByteOrder('>');
    expect(canCast(swapped, dtype('int32'), 'no')).toBe(false);
    expect(canCast(swapped, dtype('int32'), 'equiv')).toBe(true);
    expect(promoteTypes(swapped, dtype('int32')).isNative).toBe(true);
  });
});

describe('parseCasting', () => {
  it('rejects an unknown rule with NumPy\'s message', () => {
    expect(() => parseCasting('foo')).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: `casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got "foo")` }),
    );
  });
});

describe('loop selection', () => {
  const addTypes = ['??->?', 'bb->b', 'BB->B', 'hh->h', 'HH->H', 'ii->i', 'II->I', 'll->l', 'LL->L', 'qq->q', 'QQ->Q', 'ee->e', 'ff->f', 'dd->d', 'FF->F', 'DD->D'];
  const add = { name: 'add', nin: 2, nout: 1, loops: parseLoops(addTypes), homogeneous: true };
  const ldexpLoops = parseLoops(['ei->e', 'fi->f', 'el->e', 'fl->f', 'di->d', 'dl->d']);
  const ldexp = { name: 'ldexp', nin: 2, nout: 1, loops: ldexpLoops, homogeneous: loopsAreHomogeneous(ldexpLoops) };
  const pick = (set: typeof add, ops: OperandType[], dt?: string) => resolveLoop(set, ops, dt ? dtype(dt) : undefined).signature;

  it('picks the loop of the promoted type', () => {
    expect(pick(add, [dtype('int8'), dtype('uint8')])).toBe('hh->h');
    expect(pick(add, [dtype('int8'), 'float'])).toBe('dd->d');
    expect(pick(add, [dtype('uint8'), 'int'])).toBe('BB->B');
    expect(pick(add, [dtype('bool'), 'int'])).toBe('ll->l');
  });

  it('lets a weak scalar enter any loop of its kind in heterogeneous ufuncs (ldexp)', () => {
    expect(ldexp.homogeneous).toBe(false);
    expect(pick(ldexp, [dtype('float32'), 'int'])).toBe('fi->f');
    expect(pick(ldexp, [dtype('uint64'), 'int'])).toBe('di->d');
  });

  it('with dtype, takes the loop producing that type', () => {
    expect(pick(add, [dtype('int8'), dtype('int8')], 'float32')).toBe('ff->f');
  });

  it('refuses bool subtract with NumPy\'s message', () => {
    const refusal = 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.';
    // The rule is data the built-in subtract carries (its generated table entry), not its name.
    const subtract = { ...add, name: 'subtract', loops: parseLoops(addTypes.slice(1)), resolution: { refuseBoolInputs: refusal } };
    expect(() => pick(subtract, [dtype('bool'), dtype('bool')])).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        code: 'ERR_UFUNC_TYPE',
        message: 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
      }),
    );
  });

  it('reports a missing loop with the operand types and a missing dtype loop like NumPy', () => {
    const gcd = { ...add, name: 'gcd', loops: parseLoops(addTypes.slice(1, 11)) };
    expect(() => pick(gcd, [dtype('float64'), dtype('float64')])).toThrow(
      expect.objectContaining({ code: 'ERR_UFUNC_TYPE', message: "ufunc 'gcd' did not contain a loop with signature matching types (dtype('float64'), dtype('float64')) -> None" }),
    );
    expect(() => pick(gcd, [dtype('int8'), dtype('int8')], 'float32')).toThrow(
      expect.objectContaining({ code: 'ERR_UFUNC_TYPE', message: 'No loop matching the specified signature and casting was found for ufunc gcd' }),
    );
  });
});
