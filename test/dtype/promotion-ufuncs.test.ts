// Loop selection for every ufunc against NumPy, run at test time: for all
// pairs of arithmetic dtypes and weak Python scalars, the output dtypes (or
// the refusal) must be NumPy's. Generalized ufuncs (matmul, vecdot, ...) take
// no scalars, so they are checked separately on 1-d arrays of every dtype pair.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray, dtype, ufuncs, type Ufunc } from '../../src/index.js';
import { coreOf } from '../../src/ufunc/object.js';
import { type WeakKind } from '../../src/dtype/promotion.js';
import { resolveLoop, type OperandType } from '../../src/ufunc/loop-selection.js';
import { hasNumpy, numpyJson, skipReason } from '../ufunc/ufunc-numpy.js';

const names = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64', 'complex64', 'complex128'];
const weak: Record<string, WeakKind> = { 'py:bool': 'bool', 'py:int': 'int', 'py:float': 'float', 'py:complex': 'complex' };
const operands = [...names, ...Object.keys(weak)];

const ufuncNames = Object.entries(ufuncs as unknown as Record<string, Ufunc<unknown>>)
  .filter(([key, u]) => typeof u === 'function' && Array.isArray(u.types) && key === u.name && u.types.length > 0 && u.signature === null)
  .map(([key]) => key);

function ours(name: string, combo: string[]): string {
  const core = coreOf((ufuncs as unknown as Record<string, Ufunc<unknown>>)[name])!;
  const types: OperandType[] = combo.map((op) => weak[op] ?? dtype(op));
  try {
    return resolveLoop(core.loopSet, types, undefined).outputs.map((t) => t.name).join(',');
  } catch {
    return 'error';
  }
}

describe.skipIf(!hasNumpy)(`every ufunc picks NumPy's loop for all dtype pairs and weak scalars (${hasNumpy ? 'NumPy found' : skipReason})`, () => {
  const expected = hasNumpy
    ? numpyJson<Record<string, Record<string, string>>>(`
import itertools, warnings
warnings.simplefilter('ignore')
names = ${JSON.stringify(names)}
weak = {'py:bool': True, 'py:int': 1, 'py:float': 1.5, 'py:complex': 1j}
ops = names + list(weak)
result = {}
for name in ${JSON.stringify(ufuncNames)}:
    uf = getattr(np, name)
    table = {}
    for combo in itertools.product(ops, repeat=uf.nin):
        if all(c in weak for c in combo):
            continue
        args = [weak[c] if c in weak else np.ones(1, dtype=c) for c in combo]
        try:
            out = uf(*args)
            outs = out if isinstance(out, tuple) else (out,)
            table['|'.join(combo)] = ','.join(o.dtype.name for o in outs)
        except (TypeError, ValueError, OverflowError):
            table['|'.join(combo)] = 'error'
    result[name] = table
print(json.dumps(result))`)
    : {};

  it.each(ufuncNames)('%s', (name) => {
    const table = expected[name]!;
    const mismatches = Object.entries(table)
      .filter(([combo, want]) => ours(name, combo.split('|')) !== want)
      .map(([combo, want]) => `${combo}: ours ${ours(name, combo.split('|'))}, NumPy ${want}`);
    expect(mismatches).toEqual([]);
  });
});

const gufuncNames = ['matmul', 'vecdot'] as const;

describe.skipIf(!hasNumpy)(`gufuncs pick NumPy's loop for all dtype pairs (${hasNumpy ? 'NumPy found' : skipReason})`, () => {
  const expected = hasNumpy
    ? numpyJson<Record<string, Record<string, string>>>(`
import itertools, warnings
warnings.simplefilter('ignore')
names = ${JSON.stringify(names)}
result = {}
for name in ${JSON.stringify(gufuncNames)}:
    table = {}
    for a, b in itertools.product(names, repeat=2):
        try:
            table[a + '|' + b] = np.asarray(getattr(np, name)(np.ones(2, dtype=a), np.ones(2, dtype=b))).dtype.name
        except (TypeError, ValueError):
            table[a + '|' + b] = 'error'
    result[name] = table
print(json.dumps(result))`)
    : {};

  // 2-d operands, so the result is an NDArray (1-d ones give a JS scalar); the loop is the same.
  function ours(name: (typeof gufuncNames)[number], combo: string[]): string {
    const shapes = name === 'matmul' ? [[1, 2], [2, 1]] : [[1, 2], [1, 2]];
    try {
      const [a, b] = combo.map((dt, i) => asarray([1, 1], { dtype: dt as 'float64' }).reshape(shapes[i]!));
      return (ufuncs[name](a, b) as NDArray).dtype.name;
    } catch {
      return 'error';
    }
  }

  it.each(gufuncNames)('%s', (name) => {
    const mismatches = Object.entries(expected[name]!)
      .filter(([combo, want]) => ours(name, combo.split('|')) !== want)
      .map(([combo, want]) => `${combo}: ours ${ours(name, combo.split('|'))}, NumPy ${want}`);
    expect(mismatches).toEqual([]);
  });
});
