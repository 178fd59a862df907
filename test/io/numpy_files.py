"""NumPy's side of the .npy/.npz differential tests (test/io/npy-numpy.test.ts).

  python3 numpy_files.py write DIR   writes one .npy per case (and .npz archives)
                                     with np.save / np.savez*, and prints what
                                     NumPy says about each (JSON)
  python3 numpy_files.py check DIR   loads the files ndinterop wrote (out-*.npy,
                                     out-*.npz) with allow_pickle=False, compares
                                     them with NumPy's own, and prints the verdicts
"""
import io
import json
import os
import sys

import numpy as np


def record(fields, **kw):
    return np.dtype(fields, **kw)


# name -> (dtype, shape, order). Values come from make_values below.
CASES = {
    'bool': ('?', (2, 3), 'C'),
    'int8': ('i1', (2, 3), 'C'),
    'uint8': ('u1', (7,), 'C'),
    'int16-le': ('<i2', (2, 3), 'C'),
    'int16-be': ('>i2', (2, 3), 'C'),
    'uint16-be': ('>u2', (4,), 'C'),
    'int32-le': ('<i4', (3, 2), 'C'),
    'int32-be': ('>i4', (3, 2), 'C'),
    'uint32-be': ('>u4', (3,), 'C'),
    'int64-le': ('<i8', (2, 2), 'C'),
    'int64-be': ('>i8', (2, 2), 'C'),
    'uint64-le': ('<u8', (3,), 'C'),
    'uint64-be': ('>u8', (3,), 'C'),
    'float16-le': ('<f2', (5,), 'C'),
    'float16-be': ('>f2', (5,), 'C'),
    'float32-le': ('<f4', (2, 3), 'C'),
    'float32-be': ('>f4', (2, 3), 'C'),
    'float64-le': ('<f8', (2, 3), 'C'),
    'float64-be': ('>f8', (2, 3), 'C'),
    'longdouble': ('<f16', (3,), 'C'),
    'complex64-le': ('<c8', (2, 2), 'C'),
    'complex64-be': ('>c8', (2, 2), 'C'),
    'complex128-le': ('<c16', (3,), 'C'),
    'complex128-be': ('>c16', (3,), 'C'),
    'clongdouble': ('<c32', (2,), 'C'),
    'bytes': ('S5', (2, 2), 'C'),
    'str-le': ('<U3', (3,), 'C'),
    'str-be': ('>U3', (3,), 'C'),
    'void': ('V4', (3,), 'C'),
    'datetime-ns': ('<M8[ns]', (3,), 'C'),
    'datetime-days-be': ('>M8[D]', (3,), 'C'),
    'datetime-generic': ('<M8', (2,), 'C'),
    'timedelta-25s': ('<m8[25s]', (3,), 'C'),
    'timedelta-us-be': ('>m8[us]', (2,), 'C'),
    'fortran-f8': ('<f8', (2, 3), 'F'),
    'fortran-3d-i2': ('>i2', (2, 3, 4), 'F'),
    'fortran-S3': ('S3', (3, 2), 'F'),
    'zero-d': ('<f8', (), 'C'),
    'zero-d-str': ('<U4', (), 'C'),
    'empty': ('<f8', (0,), 'C'),
    'empty-2d': ('<i4', (3, 0), 'C'),
    'empty-fortran': ('<i4', (0, 2), 'F'),
    'record': ([('x', '<i2'), ('y', '<f8', (2,)), ('z', 'S3')], (3,), 'C'),
    'record-be-nested': ([('a', '>i4'), ('b', [('c', '>f4'), ('d', 'u1')], (2,))], (2,), 'C'),
    'record-padded': ({'names': ['p', 'q'], 'formats': ['u1', '<i4'], 'offsets': [0, 4], 'itemsize': 12}, (2,), 'C'),
    'record-unicode-name': ([('é', '<i2'), ('名前', '<U2')], (2,), 'C'),
    'record-datetime': ([('t', '<M8[ms]'), ('v', '<f4')], (2,), 'C'),
}


def make_values(dtype, shape, order):
    count = int(np.prod(shape)) if shape else 1
    data = np.zeros(count, dtype=dtype)
    flat = data.view(np.uint8)
    # Every byte different and deterministic, then fix up types whose bytes must mean something.
    flat[:] = (np.arange(flat.size) * 37 + 11) % 251
    kind = dtype.kind
    if kind == 'b':
        data[:] = np.arange(count) % 3 == 1
    elif kind in 'iuf':
        data[:] = (np.arange(count) * 7 - 5).astype(dtype) if kind != 'u' else np.arange(count) * 7 + 5
        if kind == 'f' and count:
            data[-1] = 1.0 / 3.0
    elif kind == 'c':
        data[:] = np.arange(count) * (1.5 - 2.25j)
    elif kind == 'S':
        data[:] = [b'ab%d' % i for i in range(count)]
    elif kind == 'U':
        data[:] = ['é%d' % i for i in range(count)]
    elif kind in 'Mm':
        data[:] = (np.arange(count) * 1000 - 3).astype(dtype)
    elif dtype.names:
        for name in dtype.names:
            field = dtype.fields[name][0]
            if field.kind == 'U':
                data[name] = 'x' if field.shape == () else 'y'
            elif field.names is None and field.kind in 'iufM':
                data[name] = np.arange(count).reshape((count,) + (1,) * len(field.shape)) * 3 + 1
    return data.reshape(shape, order=order) if shape else data.reshape(())


def write(directory):
    out = []
    for name, (spec, shape, order) in CASES.items():
        dtype = np.dtype(spec)
        values = make_values(dtype, shape, order)
        if order == 'F':
            values = np.asfortranarray(values)
        path = os.path.join(directory, name + '.npy')
        np.save(path, values)
        loaded = np.load(path)
        out.append({
            'name': name,
            'dtypeStr': loaded.dtype.str,
            'descr': np.lib.format.dtype_to_descr(loaded.dtype) if loaded.dtype.names is None else None,
            'descrRepr': repr(np.lib.format.dtype_to_descr(loaded.dtype)),
            'shape': list(loaded.shape),
            'strides': list(loaded.strides),
            'fortran': bool(loaded.flags.f_contiguous and not loaded.flags.c_contiguous),
            'hex': loaded.tobytes(order='C').hex(),
        })
    arrays = {'first': np.arange(6, dtype='<i4').reshape(2, 3), 'second': np.linspace(0, 1, 5),
              'third': np.array([b'a', b'bc'])}
    np.savez(os.path.join(directory, 'stored.npz'), **arrays)
    np.savez_compressed(os.path.join(directory, 'compressed.npz'), **arrays)
    np.savez(os.path.join(directory, 'positional.npz'), np.arange(3), np.eye(2))
    members = {name: {'hex': a.tobytes().hex(), 'dtypeStr': a.dtype.str, 'shape': list(a.shape)} for name, a in arrays.items()}
    print(json.dumps({'cases': out, 'npz': members}))


def same(a, b):
    return a.dtype == b.dtype and a.dtype.str == b.dtype.str and a.shape == b.shape and a.tobytes(order='A') == b.tobytes(order='A') \
        and a.flags.f_contiguous == b.flags.f_contiguous


def check(directory):
    verdicts = {}
    for name in CASES:
        mine = os.path.join(directory, 'out-' + name + '.npy')
        theirs = os.path.join(directory, name + '.npy')
        a = np.load(mine, allow_pickle=False)
        b = np.load(theirs, allow_pickle=False)
        with open(mine, 'rb') as f1, open(theirs, 'rb') as f2:
            identical = f1.read() == f2.read()
        verdicts[name] = {'equal': bool(same(a, b)), 'identical': identical}
    # Non-contiguous arrays ndinterop wrote: NumPy writes them in C order.
    base = np.arange(24, dtype='>i4').reshape(2, 3, 4)
    expected = {'transposed': base.transpose(1, 0, 2), 'strided': base[:, ::2, ::-1]}
    for name, values in expected.items():
        a = np.load(os.path.join(directory, 'out-' + name + '.npy'), allow_pickle=False)
        buffer = io.BytesIO()
        np.save(buffer, values)
        with open(os.path.join(directory, 'out-' + name + '.npy'), 'rb') as f:
            identical = f.read() == buffer.getvalue()
        verdicts[name] = {'equal': bool(a.dtype == values.dtype and a.shape == values.shape and (a == values).all()), 'identical': identical}
    for archive in ('out-stored.npz', 'out-compressed.npz'):
        with np.load(os.path.join(directory, archive), allow_pickle=False) as npz:
            with np.load(os.path.join(directory, 'stored.npz')) as reference:
                verdicts[archive] = {
                    'files': npz.files,
                    'equal': all(same(npz[k], reference[k]) for k in reference.files) and sorted(npz.files) == sorted(reference.files),
                }
    print(json.dumps(verdicts))


if __name__ == '__main__':
    {'write': write, 'check': check}[sys.argv[1]](sys.argv[2])
