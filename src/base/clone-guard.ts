// Refusing structured clone. V8's structured clone (structuredClone,
// postMessage, v8.serialize) copies an ordinary object's own enumerable
// string-keyed properties and nothing else, so an NDArray would arrive as a
// plain object with metadata and no data, silently. A symbol cannot be cloned:
// an own enumerable property holding one makes every clone throw
// `DataCloneError: Symbol(<text>) could not be cloned.`, and <text> says what
// to do instead. The property is the first one each class defines, so the
// clone stops there before reaching any other (a DType inside an NDArray would
// otherwise report itself instead). Each class names it `noStructuredClone`
// (Object.keys shows it; JSON.stringify skips symbol values). It costs one
// property store per object.
// Node 22's worker_threads.markAsUncloneable would do the same without the
// property; Node 20 does not have it.

function refusal(what: string, instead: string): symbol {
  return Symbol(`${what} cannot be structured-cloned (structuredClone, postMessage); ${instead}`);
}

export const ndarrayCloneRefusal = refusal('NDArray', 'send toMessage(a) and rebuild it with fromMessage(message)');

export const dtypeCloneRefusal = refusal('DType', 'send dtype.str and rebuild it with dtype(str) (a structured dtype travels with its array: toMessage(a))');

export const capsuleCloneRefusal = refusal(
  'DLPackCapsule',
  'a capsule is consumed in the thread that holds it: send the array with toMessage(a), or hand native code a pointer with toDlpackPointer(a)',
);
