// Runs the ported NumPy suites (test/conformance) and prints, per suite, how
// many of NumPy's cases pass, fail and are skipped, and the skip reasons.
//   node scripts/conformance.mjs            (after npm run build:native)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const report = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'report.json');
try {
  execFileSync('npx', ['vitest', 'run', 'test/conformance', '--reporter=json', `--outputFile=${report}`], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  // Failures are counted below.
}
const { testResults } = JSON.parse(readFileSync(report, 'utf8'));
const rows = [];
for (const file of testResults) {
  const cases = file.assertionResults.filter((t) => (t.ancestorTitles[0] ?? '').startsWith('NumPy '));
  if (cases.length === 0) continue;
  const count = (status) => cases.filter((t) => t.status === status).length;
  const reasons = new Map();
  for (const t of cases) {
    const reason = /\[skip: (.*)\]$/.exec(t.title)?.[1];
    if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const passed = count('passed');
  const failed = count('failed');
  const skipped = cases.length - passed - failed;
  rows.push({ suite: basename(file.name, '.test.ts'), total: cases.length, passed, failed, skipped, reasons });
}
for (const row of rows) {
  const applicable = row.passed + row.failed;
  const rate = applicable === 0 ? '-' : `${((100 * row.passed) / applicable).toFixed(1)}%`;
  console.log(`${row.suite}: ${row.total} cases, ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped (${rate} of ported cases pass)`);
  for (const [reason, n] of row.reasons) console.log(`    ${n} skipped: ${reason}`);
}
process.exitCode = rows.some((row) => row.failed > 0) ? 1 : 0;
