#!/usr/bin/env python3
"""Writes test/fixtures/numpy-array-interface.json: for each dtype and layout,
what NumPy's __array_interface__ says about an array built by the same steps
the test repeats with ndinterop (shape, typestr, descr, strides, read-only
flag), where its element [0, ..., 0] sits in the base buffer, and its bytes in
C order. Run: python3 scripts/gen-numpy-array-interface.py [--check]
(--check prints the JSON to stdout instead of writing the file)."""
import json
import sys
from pathlib import Path

import numpy as np

TYPESTRS = [
    '|b1', '|i1', '|u1', '<i2', '>i2', '<u2', '<i4', '>i4', '<u4', '>u4', '<i8', '>i8', '<u8', '>u8',
    '<f2', '>f2', '<f4', '>f4', '<f8', '>f8', '<c8', '>c8', '<c16', '>c16',
    '<M8[ns]', '>M8[s]', '<m8[us]', '|S3', '<U2', '>U2', '|V4',
]

# Each layout: the base shape, then steps applied to np.arange-filled base
# data. Slices use NumPy's 'start:stop:step' text, which NDArray.slice takes too.
LAYOUTS = {
    'contiguous': ([2, 3, 4], []),
    'transposed': ([2, 3, 4], [['T']]),
    'sliced': ([2, 3, 4], [['slice', ':', '1:3', ':']]),
    'stepped': ([2, 3, 4], [['slice', '::2', ':', '1::2']]),
    'negative strides': ([2, 3, 4], [['slice', '::-1', ':', '::-2']]),
    'reversed 1-d': ([7], [['slice', '::-1']]),
    '0-d': ([2, 3, 4], [['slice', 1, 2, 3, '...']]),
    '0-d base': ([], []),
    'size 0': ([2, 3, 4], [['slice', ':', '2:2', ':']]),
    'size 0 base': ([0, 3], []),
    'length-1 axes': ([1, 3], [['T']]),
    'read-only': ([3, 4], [['readonly']]),
    'read-only transposed': ([3, 4], [['readonly'], ['T']]),
}


def base_array(typestr, shape):
    dt = np.dtype(typestr)
    count = int(np.prod(shape)) if shape else 1
    if dt.kind in 'SUV':
        raw = (np.arange(count * dt.itemsize) % 251 + 1).astype(np.uint8)
        return raw.view(dt).reshape(shape)
    values = np.arange(count) % 120 + 1
    if dt.kind == 'b':
        return (values % 2 == 0).reshape(shape).astype(dt)
    if dt.kind in 'Mm':
        return values.astype(np.int64).view(dt.newbyteorder('=')).astype(dt).reshape(shape)
    return values.astype(dt).reshape(shape)


def apply(array, steps):
    for step in steps:
        if step[0] == 'T':
            array = array.T
        elif step[0] == 'readonly':
            array = array.view()
            array.flags.writeable = False
        elif step[0] == 'slice':
            array = array[tuple(parse_index(part) for part in step[1:])]
    return array


def parse_index(part):
    if isinstance(part, int):
        return part
    if part == '...':
        return Ellipsis
    pieces = [int(p) if p else None for p in part.split(':')]
    return slice(*pieces)


def case(typestr, layout):
    base_shape, steps = LAYOUTS[layout]
    base = base_array(typestr, base_shape)
    view = apply(base, steps)
    iface = view.__array_interface__
    base_address = base.__array_interface__['data'][0]
    return {
        'typestr': typestr,
        'layout': layout,
        'baseShape': base_shape,
        'steps': steps,
        'baseHex': base.tobytes().hex(),
        'numpy': {
            'shape': list(iface['shape']),
            'typestr': iface['typestr'],
            'descr': [list(entry) for entry in iface['descr']],
            'strides': None if iface['strides'] is None else list(iface['strides']),
            'readonly': bool(iface['data'][1]),
            'version': iface['version'],
            'keys': sorted(iface.keys()),
            'offset': iface['data'][0] - base_address,
        },
        'bytesHex': view.tobytes().hex(),
    }


def main():
    cases = [case(t, layout) for t in TYPESTRS for layout in LAYOUTS]
    text = json.dumps({'numpy': np.__version__, 'cases': cases}, indent=1) + '\n'
    if '--check' in sys.argv:
        sys.stdout.write(text)
        return
    out = Path(__file__).resolve().parent.parent / 'test' / 'fixtures' / 'numpy-array-interface.json'
    out.write_text(text)
    print(f'wrote {len(cases)} cases to {out}')


if __name__ == '__main__':
    main()
