// examples/worker-message.mjs
// Sending an array to a worker: toMessage / fromMessage (structured clone of
// an NDArray itself is refused, since it would lose the data).
import { Worker } from 'node:worker_threads';
import { asarray, toMessage } from 'ndinterop';

const worker = new Worker(
  `import { parentPort } from 'node:worker_threads';
   import { fromMessage, multiply } from 'ndinterop';
   parentPort.once('message', (m) => {
     const a = fromMessage(m);
     parentPort.postMessage(multiply(a, 10).toArray());
   });`,
  { eval: true },
);
const a = asarray([[1, 2], [3, 4]], { dtype: 'float64' });
const message = toMessage(a); // or toMessage(a, { transfer: true }) to move the memory
worker.postMessage(message, message.transfer);
worker.once('message', (result) => {
  console.log('the worker sent back', JSON.stringify(result));
  void worker.terminate();
});
