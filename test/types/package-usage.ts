// Compiled by test/base/package-types.test.ts (never run) against the built
// package's .d.ts, as a consumer without @types/node or esnext libs would:
// the public surface must compile on its own, and no internal member or type
// may be visible. Every @ts-expect-error line must really be an error.
import { DLPackCapsule, NDArray, add, asarray, fromDlpack, toDlpack, ufuncDispatch } from 'ndinterop';
import type { ArrayInterface, Ufunc } from 'ndinterop';

const a: NDArray = asarray([1, 2, 3]);
const sum = add(a, a);
const capsule: DLPackCapsule = toDlpack(a);
const back: NDArray = fromDlpack(capsule);
capsule[Symbol.dispose]();
a[Symbol.dispose]();
const iface: ArrayInterface = a.__array_interface__;
const device: [number, number] = a.__dlpack_device__();
const exported: DLPackCapsule = a.__dlpack__({ maxVersion: [1, 3] });
const declined: unknown = a.__array_ufunc__(add as Ufunc<unknown>, '__call__', [a, a], {});
void [sum, back, iface, device, exported, declined, ufuncDispatch];

// @ts-expect-error internal: the unchecked factory
NDArray._fromValidated({ byteOffset: 0, dtype: a.dtype, shape: [], strides: [], readonly: false });
// @ts-expect-error internal: the unchecked constructor form
new NDArray({ byteOffset: 0, dtype: a.dtype, shape: [], strides: [], readonly: false }, Symbol());
// @ts-expect-error internal: element access helpers
a._dataView();
// @ts-expect-error internal
a._reader();
// @ts-expect-error internal
a._smallElements();
// @ts-expect-error internal
a._derive({ shape: [3], strides: [8], byteOffset: 0 });
// @ts-expect-error internal
a._checkWritable();
// @ts-expect-error internal: deferred capsules are made by toDlpack only
DLPackCapsule._deferred(a, true, () => ({}));
// @ts-expect-error internal
capsule._takeDeferred();
// @ts-expect-error internal types are not exported
import type { ValidatedParts } from 'ndinterop';
