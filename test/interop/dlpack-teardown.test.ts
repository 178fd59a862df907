// What an environment leaves behind when it terminates: every napi_ref an
// export of a worker holds (on the ArrayBuffer it shares) is deleted by the
// worker's cleanup hook, whether the export was never consumed, queued for
// release, or released later from another thread. Node does not free such
// references itself, so without the hook each one leaks (issue 8).
import { describe, expect, it } from 'vitest';
import { native } from '../../src/base/native.js';
import { collectGarbage, producer } from '../helpers/producer.js';
import { startWorker } from '../helpers/workers.js';

describe('a terminating worker deletes the references its exports hold', () => {
  it('for native capsules nobody consumed and pointers nobody released', async () => {
    await collectGarbage();
    const before = native.dlpackHeldReferences();
    const w = startWorker();
    await w.call('exportCapsules', { count: 3 });
    await w.call('exportPointer', { values: [1, 2], versioned: true, copy: false });
    await w.call('exportPointer', { values: [3], versioned: false, copy: false });
    expect(native.dlpackHeldReferences()).toBe(before + 5);
    await w.worker.terminate();
    expect(native.dlpackHeldReferences()).toBe(before);
  });

  it('and a deleter called after the worker is gone leaves the deleted reference alone', async () => {
    await collectGarbage();
    const before = native.dlpackHeldReferences();
    const w = startWorker();
    const pointers = await Promise.all([
      w.call<bigint>('exportPointer', { values: [1.5], versioned: true, copy: false }),
      w.call<bigint>('exportPointer', { values: [2.5], versioned: false, copy: false }),
    ]);
    await w.worker.terminate();
    expect(native.dlpackHeldReferences()).toBe(before);
    // The data died with the worker; the tensor structs are the consumer's
    // until it calls the deleter, here from another native thread.
    producer.release(producer.consumePointer(pointers[0]!, true).held, true);
    producer.release(producer.consumePointer(pointers[1]!, false).held);
    await collectGarbage();
    expect(native.dlpackHeldReferences()).toBe(before);
  });

  it('a copy: true export holds no reference at all', async () => {
    const before = native.dlpackHeldReferences();
    const w = startWorker();
    const pointer = await w.call<bigint>('exportPointer', { values: [4], versioned: true, copy: true });
    expect(native.dlpackHeldReferences()).toBe(before);
    await w.worker.terminate();
    producer.release(producer.consumePointer(pointer, true).held);
  });
});

describe('references released while the environment lives are deleted on its thread', () => {
  it('the count returns to where it was once the event loop ran', async () => {
    await collectGarbage();
    const before = native.dlpackHeldReferences();
    const { asarray, toDlpack, toDlpackPointer } = await import('../../src/index.js');
    const capsule = toDlpack(asarray(new Float32Array([1, 2])), { maxVersion: [1, 3] });
    const fromCapsule = producer.consumeCapsule(capsule.handle);
    const fromPointer = producer.consumePointer(toDlpackPointer(asarray(new Int8Array([3])), { versioned: false }), false);
    expect(native.dlpackHeldReferences()).toBe(before + 2);
    producer.release(fromCapsule.held, true);
    producer.release(fromPointer.held);
    await collectGarbage();
    expect(native.dlpackHeldReferences()).toBe(before);
  });
});
