// Typed loader for the producer fixture (test/fixtures/producer/producer.c):
// a plain-C addon standing in for a third-party tensor library. It makes
// tensors in malloc'd memory (capsules through ndinterop.h, or raw pointers),
// consumes ndinterop's exports, and counts deleter calls atomically.
import { createRequire } from 'node:module';
import { buildProducer } from '../fixtures/producer/build.mjs';
import { collectGarbage } from './gc.js';

/** What the fixture puts in the DLTensor; absent keys take the defaults in producer.c. */
export interface TensorSpec {
  versioned?: boolean;
  version?: [number, number];
  flags?: number | bigint;
  code?: number;
  bits?: number;
  lanes?: number;
  /** Overrides shape.length (for bad ndim). */
  ndim?: number;
  /** null: a NULL shape pointer. */
  shape?: number[] | null;
  /** null or absent: NULL strides. */
  strides?: number[] | null;
  byteOffset?: number | bigint;
  deviceType?: number;
  deviceId?: number;
  /** Copied into the malloc'd data block. */
  bytes?: Uint8Array;
  /** data = block + dataShift. */
  dataShift?: number;
  nullData?: boolean;
  /** Return a raw bigint address instead of a capsule. */
  asPointer?: boolean;
  /** The deleter frees the tensor's header too (no record kept for counting repeated calls). */
  freeHeader?: boolean;
}

export interface ConsumedTensor {
  versioned: number;
  major?: number;
  minor?: number;
  flags?: number;
  ndim: number;
  code: number;
  bits: number;
  lanes: number;
  deviceType: number;
  deviceId: number;
  byteOffset: number;
  shape: number[] | null;
  strides: number[] | null;
  /** data + byte_offset. */
  address: bigint;
  /** Pass to release(). */
  held: object;
}

export interface Producer {
  makeTensor(spec: TensorSpec): { tensor: object | bigint; address: bigint };
  counters(): { produced: number; deleterCalls: number; repeatedDeleterCalls: number };
  consumeCapsule(capsule: object): ConsumedTensor;
  /** Takes the capsule's tensor and calls its deleter at once (bench/dlpack.mjs's consumer). */
  consumeAndRelease(capsule: object): void;
  /** A versioned 1-d float64 capsule claiming n elements over an 8-byte block (bench/dlpack.mjs's producer). */
  makeFloat64(n: number): object;
  consumePointer(address: bigint, versioned: boolean): ConsumedTensor;
  capsuleFromPointer(address: bigint, versioned: boolean): object;
  release(held: object, onOtherThread?: boolean): void;
  peek(address: bigint, length: number): Uint8Array;
  poke(address: bigint, bytes: Uint8Array): void;
  inspectCapsule(value: unknown): { versioned: number; consumed: number } | null;
  /**
   * Takes over a consumed tensor: a native thread sleeps `delayMs`, waits for
   * joinSum, sums every byte of the (C-contiguous) tensor and calls its
   * deleter on that thread.
   */
  sumLater(held: object, delayMs: number): object;
  /** Lets the job's thread read, joins it, and returns the byte sum. */
  joinSum(job: object): bigint;
}

export const producer = createRequire(import.meta.url)(buildProducer()) as Producer;

export { collectGarbage } from './gc.js';

/** Deleter calls made by `action` (including finalizers it leaves behind after GC). */
export async function deleterCallsDuring(action: () => void | Promise<void>): Promise<number> {
  await collectGarbage(); // finalizers left by earlier tests are not counted
  const before = producer.counters().deleterCalls;
  await action();
  await collectGarbage();
  return producer.counters().deleterCalls - before;
}
