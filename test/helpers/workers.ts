// worker_threads for tests. A worker cannot run TypeScript (vitest
// transforms modules only in its own threads), so the first call transpiles
// src/ (types stripped, no type check: tsc checks the real build) into
// build-test-workers/<pid>/src, where src/base/native.ts still finds the package
// root and loads the same addon (NDINTEROP_ADDON is inherited). Workers run
// test/fixtures/threads/worker.mjs, which answers requests from `call`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { producerPath } from '../fixtures/producer/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let indexUrl: string | undefined;

function transpiledIndexUrl(): string {
  if (indexUrl) return indexUrl;
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const outDir = join(root, 'build-test-workers', String(process.pid), 'src');
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const name of sources) {
    const { outputText } = ts.transpileModule(readFileSync(join(root, 'src', name), 'utf8'), {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(outDir, name.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  indexUrl = pathToFileURL(join(outDir, 'index.js')).href;
  return indexUrl;
}

export interface TestWorker {
  readonly worker: Worker;
  /** Sends a request to the worker script and resolves with its answer. */
  call<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
}

export function startWorker(): TestWorker {
  const worker = new Worker(new URL('../fixtures/threads/worker.mjs', import.meta.url), {
    workerData: { index: transpiledIndexUrl(), producer: producerPath },
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) request?.reject(new Error(message.error));
    else request?.resolve(message.result);
  });
  worker.on('error', (error) => {
    for (const request of pending.values()) request.reject(error);
  });
  void exited.then((code) => {
    for (const request of pending.values()) request.reject(new Error(`worker exited (${code}) before answering`));
  });
  return {
    worker,
    exited,
    call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, op, ...args });
      });
    },
  };
}
