// Times ndinterop and NumPy in turns: one NumPy process (python3) stays up
// for the whole run and times one call of a case when asked, so each pass
// of a case runs both sides back to back (alternating which goes first),
// and a noisy spell on the shared machine falls on both instead of on
// whichever side happened to be running then.
//
//   const rows = await interleaved({ setup, cases, passes, env })
//   setup: Python run once (numpy is imported as np); cases: [label, jsFn,
//   pythonExpression]; returns [label, ndinterop median ms, NumPy median ms].
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The median of a list of timings (the upper one of an even count). */
export function median(values) {
  const sorted = [...values].sort((p, q) => p - q);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function interleaved({ setup, cases, passes, env = process.env }) {
  const script = `import json, sys, time
import numpy as np
${setup}
calls = [eval('lambda: ' + e) for e in json.loads(sys.stdin.readline())]
print('ready', flush=True)
for line in sys.stdin:
    f = calls[int(line)]
    t = time.perf_counter(); f(); print((time.perf_counter() - t) * 1e3, flush=True)
`;
  const peer = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const replies = createInterface({ input: peer.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await replies.next();
    if (done) throw new Error('the NumPy peer (python3) stopped');
    return value;
  };
  peer.stdin.write(`${JSON.stringify(cases.map((c) => c[2]))}\n`);
  if ((await next()) !== 'ready') throw new Error('the NumPy peer did not start');
  const numpyOnce = async (i) => {
    peer.stdin.write(`${i}\n`);
    return Number(await next());
  };
  const oursOnce = (fn) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const rows = [];
  try {
    for (const [i, [label, fn]] of cases.entries()) {
      oursOnce(fn);
      await numpyOnce(i);
      const ours = [];
      const theirs = [];
      for (let p = 0; p < passes; p += 1) {
        if (p % 2 === 0) {
          ours.push(oursOnce(fn));
          theirs.push(await numpyOnce(i));
        } else {
          theirs.push(await numpyOnce(i));
          ours.push(oursOnce(fn));
        }
      }
      rows.push([label, median(ours), median(theirs)]);
    }
  } finally {
    peer.stdin.end();
  }
  return rows;
}
