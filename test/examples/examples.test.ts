// Runs every example in examples/ (the README's and the guides' code blocks
// are copies of these files: scripts/check-docs.mjs) and compares what it
// prints with its .out file, so no example can rot.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'examples');
const scripts = readdirSync(dir).filter((name) => /\.(mjs|cjs)$/.test(name)).sort();

describe('examples/', () => {
  it('has examples, each with the output it must print', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const name of scripts) expect(existsSync(join(dir, name.replace(/\.[mc]js$/, '.out'))), `${name} has no .out file`).toBe(true);
  });

  it.each(scripts)('%s prints what its .out file says', (name) => {
    const result = spawnSync(process.execPath, [join(dir, name)], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(dir, name.replace(/\.[mc]js$/, '.out')), 'utf8'));
  });
});
