// Finds and runs node-gyp: the one npm runs scripts with (npm_config_node_gyp),
// else npm's bundled copy next to this Node, else `node-gyp` on PATH. Shared by
// the install script and the prebuild script.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function nodeGypCommand() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return [process.execPath, fromNpm];
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return [process.execPath, bundled];
  return ['node-gyp'];
}

/**
 * Runs `command` with `args` in `cwd`, output shown, at `priority` (a nice
 * value, where the system allows it); resolves with the exit code (127 when
 * it could not start, 128 when a signal ended it).
 */
export function runCommand(command, args, { cwd, env = process.env, priority } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    if (priority !== undefined && child.pid !== undefined) {
      try {
        setPriority(child.pid, priority);
      } catch {
        // Not allowed here: it runs at the caller's priority.
      }
    }
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs node-gyp with `args` in `cwd`, output shown; resolves with the exit code. */
export function runNodeGyp(args, { cwd, env = process.env } = {}) {
  const [command, ...prefix] = nodeGypCommand();
  return runCommand(command, [...prefix, ...args], { cwd, env });
}
