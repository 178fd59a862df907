// examples/dlpack-api.mjs
// The DLPack API: capsules for native addons, raw pointers, the protocol
// methods, and what stays alive.
import { asarray, fromDlpack, fromDlpackPointer, memoryStats, toDlpack, toDlpackPointer } from 'ndinterop';
import { addon } from './native-addon/load.mjs';

const a = fromDlpack(addon.ramp(4)); // no copy: one external ArrayBuffer over the addon's tensor
console.log(a.toArray(), 'live imports:', memoryStats().liveImports);

const b = fromDlpack(asarray(new Float32Array([1, 2]))); // anything with __dlpack__()
console.log(b.dtype.name, b.toArray());

const capsule = toDlpack(a, { maxVersion: [1, 3] });
console.log(capsule.name);
console.log('the addon consumed it and summed', addon.sum(capsule.handle));
console.log(capsule.name, '(once a consumer took it)');

// A bare pointer: the receiver owns the tensor and must call its deleter once.
const ptr = toDlpackPointer(a, { versioned: true });
console.log(typeof ptr);
const again = fromDlpackPointer(ptr, { versioned: true }); // here the receiver is ndinterop itself
console.log(again.toArray());

console.log(a.__dlpack_device__()); // [deviceType, deviceId]: CPU
console.log(a.__dlpack__({ maxVersion: [1, 0], dlDevice: [1, 0] }).name);
