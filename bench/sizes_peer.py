"""NumPy side of bench/sizes.mjs: a long-lived process timing one call form
at one size and dtype per request, so ndinterop and NumPy passes interleave.

Protocol: one JSON object per line on stdin,
  {"form": name, "dtype": "float64"|"int32", "n": size, "rows": r, "cols": c,
   "a": path, "b": path, "reps": r, "settle": bool}
answers one line {"ns": per-call nanoseconds, "warm": {...}} . With "settle"
the calls repeat in batches of `reps` until two batches in a row agree within
3% (at least 0.2 s, at most 3 s): the warm-up, reported back.
The arrays come from the JS side's float64 files (same data, same shapes).
"""
import json
import sys
import time

import numpy as np


def setup(req):
    n, rows, cols = req['n'], req['rows'], req['cols']
    a = np.fromfile(req['a'], dtype='float64', count=n)
    b = np.fromfile(req['b'], dtype='float64', count=n)
    if req['dtype'] == 'int32':
        a = np.trunc(a * 10).astype('int32')
        b = np.trunc(b * 10).astype('int32')
    form = req['form']
    if form == 'add':
        return lambda: np.add(a, b)
    if form == 'add_out':
        o = np.empty_like(a)
        return lambda: np.add(a, b, out=o)
    if form == 'add_scalar':
        return lambda: np.add(a, 2.5)
    if form == 'multiply_outer':
        col = a[:rows].reshape(rows, 1).copy()
        row = b[:cols].reshape(1, cols).copy()
        return lambda: np.multiply(col, row)
    if form == 'reduce':
        return lambda: np.add.reduce(a)
    if form == 'reduce_axis1':
        m = a.reshape(rows, cols)
        return lambda: np.add.reduce(m, axis=1)
    if form == 'sin':
        return lambda: np.sin(a)
    if form == 'astype':
        return lambda: a.astype('float32')
    if form == 'less':
        return lambda: np.less(a, b)
    if form == 'matmul':
        ma, mb = a[: rows * cols].reshape(rows, cols), b[: rows * cols].reshape(rows, cols)
        return lambda: np.matmul(ma, mb)
    if form == 'matmul_batched':
        sa, sb = a[: n].reshape(-1, rows, cols), b[: n].reshape(-1, rows, cols)
        return lambda: np.matmul(sa, sb)
    raise ValueError('unknown form ' + form)


def timed(fn, reps):
    start = time.perf_counter_ns()
    for _ in range(reps):
        fn()
    return (time.perf_counter_ns() - start) / reps


cache = {}
for line in sys.stdin:
    req = json.loads(line)
    key = (req['form'], req['dtype'], req['n'])
    if key not in cache:
        cache.clear()
        cache[key] = setup(req)
    fn = cache[key]
    reps = req['reps']
    warm = None
    if req.get('settle'):
        begin = time.perf_counter()
        batches = []
        while True:
            batches.append(timed(fn, reps))
            elapsed = time.perf_counter() - begin
            if len(batches) >= 2 and elapsed >= 0.2 and abs(batches[-1] - batches[-2]) <= 0.03 * batches[-2]:
                break
            if elapsed >= 3:
                break
        warm = {'calls': len(batches) * reps, 'seconds': round(elapsed, 3), 'first': batches[0], 'last': batches[-1]}
    ns = timed(fn, reps)
    sys.stdout.write(json.dumps({'ns': ns, 'warm': warm}) + '\n')
    sys.stdout.flush()
