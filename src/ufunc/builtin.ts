// The built-in ufuncs' maker: a Ufunc over a native table entry, with the
// rules the generated table (table.generated.ts) gives it.
import { type LoopSet, loopsAreHomogeneous, parseLoops } from './loop-selection.js';
import { UfuncCore, type LoopRunner, type Scalar, type UfuncRules, type UfuncValue } from './call.js';
import { type Ufunc, makeUfunc } from './object.js';
import { isTinyUfunc } from './tiny.js';
import { execNativeEntry, nativeUfuncId, nativeUfuncTable } from './engine.js';

/** A ufunc's two outputs (divmod, modf, frexp). */
export type Pair = UfuncValue[];

export function loopSetOf(name: string, nin: number, nout: number, types: readonly string[], rules: UfuncRules = {}): LoopSet {
  const loops = parseLoops(types);
  const { refuseBoolInputs, integersInFloat64 } = rules;
  return { name, nin, nout, loops, homogeneous: loopsAreHomogeneous(loops), resolution: { refuseBoolInputs, integersInFloat64 } };
}

/** The native ufunc `name`; nin/nout are used when the addon lacks it. */
/** `T` is the ufunc's public signature (signatures.ts), given by the generated table. */
export function builtin<T>(name: string, fallbackNin: number, fallbackNout: number, rules: UfuncRules = {}): T {
  const entry = nativeUfuncTable()[name];
  const nin = entry?.nin ?? fallbackNin;
  const nout = entry?.nout ?? fallbackNout;
  const types = entry?.types ?? [];
  const rawIdentity = (entry?.identity ?? null) as Scalar | null | 'reorderable-none';
  const identity = rawIdentity === 'reorderable-none' ? null : rawIdentity;
  const reorderable = rawIdentity !== null;
  const id = nativeUfuncId(name);
  const run: LoopRunner = (loop, operands, shape, where, casts) => execNativeEntry(id, name, loop.index, operands, shape, where, casts);
  const core = new UfuncCore(name, nin, nout, identity, reorderable, types, loopSetOf(name, nin, nout, types, rules), run, rules);
  core.native = true;
  core.tiny = isTinyUfunc(name);
  return makeUfunc(core) as unknown as T;
}
