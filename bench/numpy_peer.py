"""NumPy side of bench/run.mjs: a long-lived process that times one case per
request, so ndinterop and NumPy passes interleave within one run.

Protocol: one JSON object per line on stdin,
{"case": name, "reps": r, "n": size, "warm": seconds, "a": path, "b": path};
answers one line {"ns": per-call nanoseconds}. With "warm" > 0 (a warm-up
request) the calls go on until that many seconds have passed too. Arrays are
built once per case from the JS side's own inputs (written to files), with
the same shapes.
"""
import json
import sys
import time

import numpy as np



def setup(name, n, path_a, path_b):
    # Same data as the JS side: it writes its seeded inputs to two files.
    a = np.fromfile(path_a, dtype='float64', count=n)
    b = np.fromfile(path_b, dtype='float64', count=n)
    if name == 'add_f64_out':
        c = np.empty_like(a)
        return lambda: np.add(a, b, out=c)
    if name == 'add_f32':
        a32, b32 = a.astype('float32'), b.astype('float32')
        return lambda: np.add(a32, b32)
    if name == 'add_f64_alloc':
        return lambda: np.add(a, b)
    if name == 'add_f64_strided':
        big_a, big_b = np.empty(2 * n), np.empty(2 * n)
        big_a[::2], big_a[1::2] = a, b
        big_b[::2], big_b[1::2] = b, a
        va, vb = big_a[::2], big_b[::2]
        return lambda: np.add(va, vb)
    if name == 'add_broadcast':
        m = a.reshape(1000, n // 1000)
        row = b[: n // 1000].copy()
        return lambda: np.add(m, row)
    if name == 'add_reduce':
        return lambda: np.add.reduce(a)
    if name == 'add_i32_f64':
        i32 = np.trunc(a * 10).astype('int32')
        return lambda: np.add(i32, b)
    if name == 'sin_f64':
        return lambda: np.sin(a)
    if name == 'exp_f64':
        return lambda: np.exp(a)
    if name == 'add_small':
        return lambda: np.add(a, b)
    if name == 'matmul_f64_256':
        ma, mb = a.reshape(256, 256), b.reshape(256, 256)
        return lambda: np.matmul(ma, mb)
    if name == 'matmul_batched_4x4':
        sa, sb = a.reshape(1000, 4, 4), b.reshape(1000, 4, 4)
        return lambda: np.matmul(sa, sb)
    if name == 'from_dlpack':
        class Holder:
            def __init__(self, arr):
                self.arr = arr
            def __dlpack__(self, **kw):
                return self.arr.__dlpack__(**kw)
            def __dlpack_device__(self):
                return self.arr.__dlpack_device__()
        holder = Holder(a)
        return lambda: np.from_dlpack(holder)
    if name == 'asarray':
        return lambda: np.asarray(a)
    raise ValueError('unknown case ' + name)


cache = {}
for line in sys.stdin:
    request = json.loads(line)
    key = (request['case'], request['n'])
    if key not in cache:
        cache[key] = setup(request['case'], request['n'], request['a'], request['b'])
    fn = cache[key]
    reps = request['reps']
    start = time.perf_counter_ns()
    for _ in range(reps):
        fn()
    calls = reps
    until = start + int(request.get('warm', 0) * 1e9)
    while time.perf_counter_ns() < until:
        fn()
        calls += 1
    elapsed = time.perf_counter_ns() - start
    reps = calls
    sys.stdout.write(json.dumps({'ns': elapsed / reps}) + '\n')
    sys.stdout.flush()
