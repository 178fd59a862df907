// Builds examples/native-addon/ramp.c (a plain-C Node-API addon using
// include/ndinterop/ndinterop.h) when it is missing or older than its sources,
// with one `cc` call against the running Node's headers, and loads it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeIncludeDir } from '../../test/fixtures/producer/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const output = join(here, 'build', 'ramp.node');
const sources = [join(here, 'ramp.c'), join(root, 'include', 'ndinterop', 'ndinterop.h'), join(root, 'include', 'dlpack', 'dlpack.h')];

if (!existsSync(output) || sources.some((file) => statSync(file).mtimeMs > statSync(output).mtimeMs)) {
  mkdirSync(dirname(output), { recursive: true });
  execFileSync(process.env.CC ?? 'cc', [
    '-std=c11', '-Wall', '-Wextra', '-Werror', '-O2', '-fPIC', '-shared', '-DNAPI_VERSION=8',
    `-I${nodeIncludeDir()}`, `-I${join(root, 'include')}`, join(here, 'ramp.c'), '-o', output,
  ], { stdio: 'inherit' });
}

/** The example addon: ramp(n), sum(capsule), freed(). */
export const addon = createRequire(import.meta.url)(output);
