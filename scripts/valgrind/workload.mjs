// The workload scripts/valgrind.sh runs under memcheck. Small counts: under
// valgrind with --jitless every JS operation is ~100x slower.
import { Worker, isMainThread } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const ndi = await import('../../dist/esm/index.js');

function dtypes() {
  for (const name of ['bool', 'int8', 'uint16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'float64', 'complex128']) {
    ndi.dtype(name);
  }
}

// Each worker loads its own instance of the addon; its per-environment data
// must be freed when the worker exits.
async function workers(count) {
  const runs = [];
  for (let i = 0; i < count; ++i) {
    const worker = new Worker(fileURLToPath(import.meta.url));
    runs.push(new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
    }));
  }
  await Promise.all(runs);
}

dtypes();
if (isMainThread) {
  await workers(2);
  globalThis.gc();
  console.log('workload done');
}
