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
// property; Node 20 does not have it. Node 22 and later elide symbol texts
// over about 130 characters in the middle, so each text stays under 128.

function refusal(what: string, instead: string): symbol {
  return Symbol(`${what} cannot be structured-cloned; ${instead}`);
}

export const ndarrayCloneRefusal = refusal('NDArray', 'send toMessage(a) and rebuild it with fromMessage(message)');

export const dtypeCloneRefusal = refusal('DType', 'send dtype.str and rebuild it with dtype(str) (structured: in its array, toMessage(a))');

export const capsuleCloneRefusal = refusal(
  'DLPackCapsule',
  'send the array with toMessage(a), or give native code a pointer: toDlpackPointer(a)',
);
