// The leak soak's cycles, shared by scripts/soak.mjs (a million cycles) and
// test/base/soak.test.ts (a few thousand, inside `npm test`). Each cycle takes one
// dtype and one DLPack version (all combinations in turn) through one path:
//   import     producer tensor (capsule) -> fromDlpack -> views -> dropped
//   export     NDArray -> toDlpack -> consumed by the producer -> its deleter
//              called here or from a pthread; every third capsule is
//              dropped unconsumed instead (its finalizer must delete it)
//   roundtrip  toDlpackPointer -> fromDlpackPointer -> read -> dropped
//   fromNumpy  NumPy __dlpack__ -> fromDlpackPointer -> read -> dropped
//              (every 20th through a deleter-counting proxy)
//   toNumpy    toDlpackPointer -> np.from_dlpack -> read there -> deleted
// Every `gcEvery` cycles both heaps are collected and RSS is sampled. The
// result says what leaked (memoryStats, deleter counts) and how RSS moved.

// [ndinterop dtype, DLPack code, bits, NumPy name or null]
const dtypes = [
  ['bool', 6, 8, 'bool'],
  ['int8', 0, 8, 'int8'],
  ['uint8', 1, 8, 'uint8'],
  ['int16', 0, 16, 'int16'],
  ['uint16', 1, 16, 'uint16'],
  ['int32', 0, 32, 'int32'],
  ['uint32', 1, 32, 'uint32'],
  ['int64', 0, 64, 'int64'],
  ['uint64', 1, 64, 'uint64'],
  ['float16', 2, 16, 'float16'],
  ['bfloat16', 4, 16, null],
  ['float32', 2, 32, 'float32'],
  ['float64', 2, 64, 'float64'],
  ['complex64', 5, 64, 'complex64'],
  ['complex128', 5, 128, 'complex128'],
];
const paths = ['import', 'export', 'roundtrip', 'fromNumpy', 'toNumpy'];

// Element [1, 2] of [[0, 1, 2], [3, 4, 5]] in each dtype, and of all-zero memory.
function five(name) {
  if (name === 'bool') return true;
  if (name === 'int64' || name === 'uint64') return 5n;
  if (name.startsWith('complex')) return { re: 5, im: 0 };
  return 5;
}
function zero(name) {
  if (name === 'bool') return false;
  if (name === 'int64' || name === 'uint64') return 0n;
  if (name.startsWith('complex')) return { re: 0, im: 0 };
  return 0;
}
function same(a, b) {
  return typeof a === 'object' ? a.re === b.re && a.im === b.im : a === b;
}
function check(value, expected, what) {
  if (!same(value, expected)) throw new Error(`soak: ${what} read ${String(value)}, expected ${String(expected)}`);
}

const collect = async (numpy) => {
  for (let round = 0; round < 3; round += 1) {
    globalThis.gc();
    for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    numpy?.exec('gc.collect()');
  }
};

// One cycle, in its own function: when it returns, nothing it made is
// reachable from a stack slot any more (the interpreter keeps the last value
// of a loop variable alive until the frame is left).
function runCycle({ ndi, producer, numpy, cycle, ordinal, path, name, code, bits, numpyName, versioned, trackers }) {
  const itemsize = bits / 8;
  if (path === 'import') {
    const { tensor } = producer.makeTensor({ versioned, code, bits, shape: [2, 3], bytes: new Uint8Array(6 * itemsize), freeHeader: true });
    const array = ndi.fromDlpack(tensor);
    check(array.transpose().get(2, 1), zero(name), `${name} import`);
  } else if (path === 'export') {
    const capsule = ndi.toDlpack(ndi.asarray([[0, 1, 2], [3, 4, 5]], { dtype: name }), { maxVersion: versioned ? [1, 3] : null });
    if (cycle % 3 !== 0) producer.release(producer.consumeCapsule(capsule.handle).held, cycle % 2 === 0);
  } else if (path === 'roundtrip') {
    const pointer = ndi.toDlpackPointer(ndi.asarray([[0, 1, 2], [3, 4, 5]], { dtype: name }), { versioned });
    check(ndi.fromDlpackPointer(pointer, { versioned }).get(1, 2), five(name), `${name} round trip`);
  } else if (path === 'fromNumpy') {
    const exported = numpy.exportFromNumpy(`np.array([[0, 1, 2], [3, 4, 5]]).astype('${numpyName}')`, { maxVersion: versioned ? [1, 3] : null });
    let pointer = exported.pointer;
    if (ordinal % 20 === 1) {
      const tracked = numpy.trackDeleter(pointer, exported.versioned);
      trackers.push(tracked.tracker);
      pointer = tracked.pointer;
    }
    check(ndi.fromDlpackPointer(pointer, { versioned: exported.versioned }).get(1, 2), five(name), `${name} from NumPy`);
  } else {
    const pointer = ndi.toDlpackPointer(ndi.asarray([[0, 1, 2], [3, 4, 5]], { dtype: name }), { versioned });
    numpy.importToNumpy(pointer, versioned, 'soak_array', {});
    if (numpy.eval(`bool(soak_array[1, 2] == np.array([5]).astype('${numpyName}')[0])`, {}) !== true) throw new Error(`soak: NumPy read a wrong ${name}`);
    numpy.exec('del soak_array');
  }
}

/**
 * ndi: the ndinterop module; producer: the producer fixture; numpy: the
 * pybridge fixture's native object or null. Returns counts and RSS numbers;
 * throws on the first wrong value read.
 */
export async function runSoak({ ndi, producer, numpy, cycles, gcEvery = 1000, onProgress = () => {} }) {
  if (typeof globalThis.gc !== 'function') throw new Error('the soak needs node --expose-gc');
  const usable = numpy ? paths : paths.filter((path) => !path.includes('Numpy'));
  const producerBefore = producer.counters();
  const trackers = [];
  const counts = Object.fromEntries(usable.map((path) => [path, 0]));

  await collect(numpy);
  const rssStart = process.memoryUsage.rss();
  const warmup = Math.min(cycles, Math.max(gcEvery, Math.floor(cycles / 10)));
  let rssAfterWarmup = rssStart;
  let rssMax = rssStart;
  let warmedUp = false;

  for (let cycle = 0; cycle < cycles; cycle += 1) {
    const [name, code, bits, numpyName] = dtypes[cycle % dtypes.length];
    const versioned = Math.floor(cycle / dtypes.length) % 2 === 0;
    let path = usable[Math.floor(cycle / (2 * dtypes.length)) % usable.length];
    if (numpyName === null && path.includes('Numpy')) path = 'roundtrip';
    counts[path] += 1;

    runCycle({ ndi, producer, numpy, cycle, ordinal: counts[path], path, name, code, bits, numpyName, versioned, trackers });

    if ((cycle + 1) % gcEvery === 0) {
      await collect(numpy);
      const rss = process.memoryUsage.rss();
      if (!warmedUp && cycle + 1 >= warmup) {
        warmedUp = true;
        rssAfterWarmup = rss;
        rssMax = rss;
      }
      if (rss > rssMax) rssMax = rss;
      onProgress(cycle + 1, rss);
    }
  }

  await collect(numpy);
  const rssEnd = process.memoryUsage.rss();
  const producerAfter = producer.counters();
  return {
    cycles,
    paths: counts,
    memoryStats: ndi.memoryStats(),
    producerTensors: producerAfter.produced - producerBefore.produced,
    producerDeleterCalls: producerAfter.deleterCalls - producerBefore.deleterCalls,
    producerRepeatedCalls: producerAfter.repeatedDeleterCalls - producerBefore.repeatedDeleterCalls,
    numpyTracked: trackers.length,
    numpyDeleterCalls: trackers.map((tracker) => numpy.deleterCalls(tracker)),
    rss: { start: rssStart, afterWarmup: rssAfterWarmup, max: Math.max(rssMax, rssEnd), end: rssEnd },
  };
}
