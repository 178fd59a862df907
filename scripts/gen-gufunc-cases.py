#!/usr/bin/env python3
"""Generates test/fixtures/gufunc-cases.json: NumPy's answers for a seeded set
of matmul, vecdot, matvec and vecmat calls, which test/ufunc/gufunc-numpy.test.ts
replays against ndinterop.

Run from the package root: python3 scripts/gen-gufunc-cases.py
Covers every supported loop of each gufunc over core shapes including the
1-d promotion of matmul's n?/m?, broadcast batch dimensions, size-0 core and
batch dimensions; C-order, transposed, reversed (negative strides) and
strided inputs; mixed input dtypes; special values (inf, NaN, integer
extremes that overflow); and calls NumPy rejects (only the error class is
kept). Element data is little-endian hex bytes in C order.

NumPy computes float and complex products with BLAS, whose summation order
differs from ndinterop's (p = 0, 1, ... in order; 32 interleaved lanes for
long float dot products), so each float case also
stores `bound`: (k + 1) * eps * sum_p |a_ip| |b_pj| per output element, the
classic bound on the difference of two summation orders. Integer, bool and
float16 results (NumPy sums those in order without BLAS) compare exactly.
"""
import json
import warnings

import numpy as np

SUPPORTED = "?bBhHiIlLqQefdFD"
rng = np.random.default_rng(66)

CORE_SHAPES = {
    'matmul': [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)), ((2, 3, 4), (4, 5)),
               ((2, 1, 3, 4), (3, 4, 2)), ((3, 0), (0, 2)), ((0, 3), (3, 2)), ((2, 3, 4), (2, 4, 5)),
               ((0, 2, 3), (3, 2)), ((1, 1), (1, 1)), ((21, 37), (37, 19)), ((6, 300), (300, 11)),
               # batches of tiny products (the tiny path: fixed 2/3/4 squares, fixed column counts)
               ((40, 4, 4), (40, 4, 4)), ((3, 5, 2, 2), (5, 2, 2)), ((6, 3, 3), (3, 3)), ((9, 2, 7), (7, 6)),
               ((4, 8, 8), (4, 8, 8)), ((5, 3, 5), (5, 2))],
    'vecdot': [((5,), (5,)), ((3, 5), (5,)), ((2, 1, 5), (3, 5)), ((0,), (0,)), ((4, 0), (0,)), ((2, 40), (2, 40)), ((3, 100), (100,))],
    'matvec': [((3, 4), (4,)), ((2, 3, 4), (2, 4)), ((0, 4), (4,)), ((3, 0), (0,)), ((2, 1, 3, 4), (5, 4)),
               ((19, 70), (70,))],
    'vecmat': [((4,), (4, 3)), ((2, 4), (2, 4, 3)), ((0,), (0, 3)), ((3, 1, 4), (2, 4, 5)), ((37,), (37, 19))],
}
BAD_SHAPES = {
    'matmul': [((3, 4), (5, 2)), ((), (4, 5)), ((3, 4), ()), ((2, 3, 4), (3, 4, 5)), ((4,), (5,))],
    'vecdot': [((5,), (4,)), ((), (5,)), ((2, 5), (3, 5))],
    'matvec': [((3, 4), (5,)), ((4,), (4,)), ((3, 4), ())],
    'vecmat': [((4,), (5, 3)), ((4,), (4,)), ((), (4, 3))],
}
MIXED = [('int32', 'float32'), ('bool', 'int8'), ('uint8', 'int8'), ('int64', 'uint64'), ('float16', 'float32'),
         ('int16', 'complex64'), ('float64', 'complex64'), ('uint16', 'float16'), ('bool', 'float64')]
LAYOUTS = ['c', 'transposed', 'reversed', 'strided']


def values(dt, shape, special):
    dt = np.dtype(dt)
    n = int(np.prod(shape))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        if dt.kind == 'b':
            return (rng.random(n) < 0.4).reshape(shape)
        if dt.kind in 'iu':
            info = np.iinfo(dt)
            if special:
                pool = np.array([info.max, info.min, info.max - 1, info.min + 1, info.max // 2 + 1, 3, 1, 0], dtype=object)
                return np.array(rng.choice(pool, n).tolist(), dtype=dt).reshape(shape)
            low = -9 if dt.kind == 'i' else 0
            return rng.integers(low, 10, n).astype(dt).reshape(shape)
        real = rng.standard_normal(n) * 3
        if special:
            pool = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 1.0, 2.5, 1e300 if dt.itemsize >= 8 else 6e4])
            real = np.where(rng.random(n) < 0.5, rng.choice(pool, n), real)
        if dt.kind == 'c':
            imag = rng.standard_normal(n) * 3
            if special:
                imag = np.where(rng.random(n) < 0.3, rng.choice(pool, n), imag)
            return (real + 1j * imag).astype(dt).reshape(shape)
        return real.astype(dt).reshape(shape)


def encode(arr, layout='c'):
    arr = np.array(arr, order='C')  # keeps 0-d results 0-d
    desc = {'dtype': arr.dtype.name, 'shape': list(arr.shape),
            'data': arr.astype(arr.dtype.newbyteorder('<')).tobytes().hex()}
    if layout != 'c':
        desc['layout'] = layout
    return desc


def bound_of(name, a, b, out):
    """(k + 1) * eps * sum |a| |b| per output element, in float64."""
    eps = np.finfo(out.dtype).eps if out.dtype.kind in 'fc' else 0.0
    absa = np.abs(a.astype(np.complex128 if a.dtype.kind == 'c' else np.float64))
    absb = np.abs(b.astype(np.complex128 if b.dtype.kind == 'c' else np.float64))
    with warnings.catch_warnings(), np.errstate(all='ignore'):
        warnings.simplefilter('ignore')
        magnitude = getattr(np, name)(absa, absb)
    k = a.shape[-1] if a.ndim else 1
    return np.asarray((k + 1) * eps * magnitude * 2 + np.finfo(np.float64).tiny, dtype=np.float64)


def case(name, a, b, layouts=('c', 'c')):
    entry = {'gufunc': name, 'inputs': [encode(a, layouts[0]), encode(b, layouts[1])]}
    try:
        with np.errstate(all='ignore'):
            out = getattr(np, name)(a, b)
    except (TypeError, ValueError) as error:
        entry['error'] = 'TypeError' if isinstance(error, TypeError) else 'ValueError'
        return entry
    out = np.asarray(out)
    entry['out'] = encode(out)
    if out.dtype.kind in 'fc' and out.dtype.itemsize > 2 or out.dtype.kind == 'c':
        entry['bound'] = encode(bound_of(name, a, b, out))
    return entry


def type_chars(name):
    return [t[0] for t in getattr(np, name).types if t[0] in SUPPORTED and t[0] not in 'lL']


def main():
    cases = []
    for name, shapes in CORE_SHAPES.items():
        for char in type_chars(name):
            dt = np.dtype(char)
            for sa, sb in shapes:
                cases.append(case(name, values(dt, sa, False), values(dt, sb, False)))
            sa, sb = shapes[0]
            cases.append(case(name, values(dt, sa, True), values(dt, sb, True)))
            for layout in LAYOUTS[1:]:
                for sa, sb in shapes[:3]:
                    cases.append(case(name, values(dt, sa, False), values(dt, sb, False), (layout, layout)))
        for left, right in MIXED:
            sa, sb = shapes[0]
            cases.append(case(name, values(left, sa, False), values(right, sb, False), ('c', 'strided')))
        for sa, sb in BAD_SHAPES[name]:
            cases.append(case(name, values('float64', sa, False), values('float64', sb, False)))
    print(json.dumps({'numpy': np.__version__, 'cases': cases}, separators=(',', ':')))


if __name__ == '__main__':
    main()
