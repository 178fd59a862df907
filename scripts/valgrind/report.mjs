// Reads a valgrind memcheck log and fails (exit 1) on errors that matter:
// every invalid read/write/free, and every other error or definite leak
// whose stack mentions `attribution` (the addon's file or symbols).
//   node scripts/valgrind/report.mjs <log> <attribution>
import { readFileSync } from 'node:fs';

const [logPath, attribution] = process.argv.slice(2);
const lines = readFileSync(logPath, 'utf8').split('\n').map((line) => line.replace(/^==\d+== ?/, ''));

// A block is a header line followed by its "at"/"by" frames.
const blocks = [];
for (const line of lines) {
  if (/^\s+(at|by) 0x/.test(line) && blocks.length > 0) blocks.at(-1).frames.push(line.trim());
  else if (line.trim() !== '') blocks.push({ header: line.trim(), frames: [] });
}

const isMemoryError = (header) => /^(Invalid (read|write|free)|Mismatched free|Source and destination overlap)/.test(header);
const isDefiniteLeak = (header) => /are definitely lost/.test(header);
const isOtherError = (header) => /^(Conditional jump|Use of uninitialised|Syscall param)/.test(header);
const mentionsAddon = (block) => block.frames.some((frame) => frame.includes(attribution));

const failures = blocks.filter(
  (block) =>
    block.frames.length > 0 &&
    (isMemoryError(block.header) || ((isDefiniteLeak(block.header) || isOtherError(block.header)) && mentionsAddon(block))),
);
const summary = lines.filter((line) => /ERROR SUMMARY|definitely lost:|indirectly lost:|possibly lost:/.test(line));
console.log(summary.map((line) => `   ${line.trim()}`).join('\n'));
if (failures.length > 0) {
  for (const block of failures) console.log(`\n${block.header}\n  ${block.frames.join('\n  ')}`);
  console.log(`\nvalgrind: ${failures.length} error(s) attributed to ${attribution} or invalid memory access (log: ${logPath})`);
  process.exit(1);
}
console.log(`valgrind: no invalid accesses, no errors or definite leaks from ${attribution}`);
