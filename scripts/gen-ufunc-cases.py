#!/usr/bin/env python3
"""Generates test/fixtures/ufunc-cases.json: NumPy's answers for a seeded set of
ufunc calls, which test/ufunc/ufunc-numpy.test.ts replays against ndinterop.

Run from the package root: python3 scripts/gen-ufunc-cases.py
Covers every supported loop of every numeric ufunc with special values
(+-0, +-inf, NaN, subnormals, integer extremes) in contiguous, reversed and
strided layouts; broadcasting shapes including 0-d and size 0; mixed dtypes;
weak Python scalars; and calls NumPy rejects (only the error class is kept).
Element data is stored as little-endian hex bytes in C order."""
import json
import sys
import warnings

import numpy as np

SUPPORTED = "?bBhHiIlLqQefdFD"
NAMES = {'?': 'bool', 'b': 'int8', 'B': 'uint8', 'h': 'int16', 'H': 'uint16', 'i': 'int32', 'I': 'uint32',
         'l': 'int64', 'L': 'uint64', 'q': 'int64', 'Q': 'uint64', 'e': 'float16', 'f': 'float32',
         'd': 'float64', 'F': 'complex64', 'D': 'complex128'}
rng = np.random.default_rng(6)


def ufunc_names():
    names = set()
    for attr in dir(np):
        value = getattr(np, attr)
        if isinstance(value, np.ufunc) and value.signature is None:
            names.add(value.__name__)
    return sorted(names - {'isnat'})


def special_values(dt, n):
    dt = np.dtype(dt)
    if dt.kind == 'b':
        base = [True, False, True, True, False, False, True, False]
    elif dt.kind in 'iu':
        info = np.iinfo(dt)
        base = [0, 1, 2, 3, 7, 5, 10, 100 % (info.max + 1), info.max, info.max - 1, info.min, info.min + 1]
        if dt.kind == 'i':
            base += [-1, -2, -7, -100]
        else:
            base += [info.max // 2, info.max // 2 + 1, 13, 64]
    elif dt.kind == 'f':
        info = np.finfo(dt)
        base = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, np.inf, -np.inf, np.nan,
                float(info.smallest_subnormal), float(info.max), -float(info.max), 1e-3, 7.0, 100.0]
    else:
        reals = [0.0, -0.0, 1.0, -1.5, 2.0, np.inf, np.nan, 3.0]
        imags = [0.0, 1.0, -0.0, -2.0, np.inf, 0.5, np.nan, -1.0]
        base = [complex(r, i) for r in reals[:4] for i in imags[:4]] + [complex(r, i) for r, i in zip(reals, imags)]
    values = [base[k % len(base)] for k in range(n)]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return np.array(values).astype(dt)


def encode(arr):
    arr = np.ascontiguousarray(arr)
    return {'dtype': arr.dtype.name, 'shape': list(arr.shape), 'data': arr.astype(arr.dtype.newbyteorder('<')).tobytes().hex()}


def make_input(values, layout):
    """A view of `values` in the given layout, and its description for the JS side."""
    if layout == 'reversed':
        physical = values[::-1].copy()
        view = physical[::-1]
    elif layout == 'strided':
        physical = np.zeros((values.size * 2,), values.dtype)
        physical[::2] = values.ravel()
        view = physical[::2].reshape(values.shape)
    else:
        physical = values.copy()
        view = physical
    desc = encode(values)
    desc['layout'] = layout
    return view, desc


def run(uf, args, kwargs=None):
    kwargs = kwargs or {}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            result = uf(*args, **kwargs)
        except (TypeError, ValueError, OverflowError) as error:
            for base in (TypeError, ValueError, OverflowError):
                if isinstance(error, base):
                    return {'error': base.__name__}
    results = result if isinstance(result, tuple) else (result,)
    return {'out': [encode(np.asarray(r)) for r in results]}


def loop_cases(uf):
    cases = []
    seen = set()
    for sig in uf.types:
        ins, outs = sig.split('->')
        if any(c not in SUPPORTED for c in sig.replace('->', '')):
            continue
        key = tuple(NAMES[c] for c in ins)
        if key in seen:
            continue
        seen.add(key)
        n = 16
        for layout in ('c', 'reversed', 'strided'):
            arrays, descs = [], []
            for k, c in enumerate(ins):
                values = special_values(c, n)
                if k > 0:
                    values = np.roll(values, 3 * k + 1)
                    if uf.__name__ == 'power' and np.dtype(c).kind in 'iu':
                        values = (np.abs(values.astype(np.int64)) % 5).astype(c)
                    if uf.__name__ in ('left_shift', 'right_shift'):
                        values = (np.abs(values.astype(np.int64)) % (8 * np.dtype(c).itemsize + 2)).astype(c)
                view, desc = make_input(values, layout)
                arrays.append(view)
                descs.append(desc)
            cases.append({'ufunc': uf.__name__, 'inputs': descs, **run(uf, arrays)})
    return cases


def shape_cases(uf):
    cases = []
    shapes = [[(3, 1), (1, 4)], [(0, 3), (3,)], [(), (2,)], [(2, 0), (1, 0)], [(2, 3), (4,)]]
    for dt in ('float64', 'int32'):
        if not uf.types or not any(NAMES.get(s[0]) == dt for s in uf.types if '->' in s):
            continue
        for pair in shapes:
            use = pair[:uf.nin] if uf.nin == 2 else [pair[0]]
            arrays, descs = [], []
            for k, shape in enumerate(use):
                size = int(np.prod(shape))
                values = special_values(dt, max(size, 1))[:size].reshape(shape)
                view, desc = make_input(values, 'c')
                arrays.append(view)
                descs.append(desc)
            cases.append({'ufunc': uf.__name__, 'inputs': descs, **run(uf, arrays)})
    return cases


MIXED = [('int8', 'uint8'), ('int32', 'float32'), ('int64', 'uint64'), ('float16', 'int16'), ('bool', 'int8'),
         ('float32', 'complex64'), ('uint32', 'int32'), ('bool', 'bool'), ('float16', 'float64'), ('int16', 'uint64')]
WEAK = [1, -1, 2.5, True, 300, -0.0, 1j]


def mixed_cases(uf):
    cases = []
    if uf.nin == 2:
        for a, b in MIXED:
            x = make_input(special_values(a, 8), 'c')
            y = make_input(np.roll(special_values(b, 8), 2), 'c')
            cases.append({'ufunc': uf.__name__, 'inputs': [x[1], y[1]], **run(uf, [x[0], y[0]])})
    for dt in ('uint8', 'int16', 'float32', 'float16', 'bool', 'int64'):
        for scalar in WEAK:
            x = make_input(special_values(dt, 8), 'c')
            weak = {'weak': {'re': 0.0, 'im': scalar.imag} if isinstance(scalar, complex) else scalar}
            args = [x[0], scalar] if uf.nin == 2 else None
            if args is None:
                continue
            cases.append({'ufunc': uf.__name__, 'inputs': [x[1], weak], **run(uf, args)})
            cases.append({'ufunc': uf.__name__, 'inputs': [weak, x[1]], **run(uf, args[::-1])})
    return cases


def main():
    cases = []
    for name in ufunc_names():
        uf = getattr(np, name)
        cases += loop_cases(uf)
        cases += shape_cases(uf)
        cases += mixed_cases(uf)
    with open('test/fixtures/ufunc-cases.json', 'w') as f:
        json.dump({'numpy': np.__version__, 'cases': cases}, f, separators=(',', ':'))
    print(f'{len(cases)} cases', file=sys.stderr)


if __name__ == '__main__':
    main()
