#!/usr/bin/env python3
"""Writes test/fixtures/numpy-dtype-corpus.json: how NumPy reads typestrs,
dtype names and PEP 3118 buffer formats, for the ndinterop parser tests.

    python3 scripts/gen-numpy-dtype-corpus.py [output.json]

Every entry is NumPy's own answer on this machine: np.dtype(s) for typestrs
and names, np.asarray(<a buffer exporting the format>) for PEP 3118 formats
(the C reader, fast path included). Inputs come from what NumPy itself
writes (every dtype's .str, memoryview(array).format) plus hand-picked
strings NumPy rejects. Probes that can crash NumPy run in a forked child
(datetime divisors: 'M8[s/0]' divides by zero; buffers whose itemsize does not
match the format); crashes are recorded as "crash".
"""
import ctypes
import gc
import json
import os
import pickle
import platform
import re
import sys
import warnings

import numpy as np

warnings.simplefilter('ignore')


# ---------------------------------------------------------------- probing

def in_child(function, argument):
    """Runs function(argument) in a forked child; returns ('ok', value), ('error', text) or ('crash', signal)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            outcome = ('ok', function(argument))
        except Exception as error:  # NumPy raises TypeError, ValueError, RuntimeError, NotImplementedError
            text = f'{type(error).__name__}: {error}'
            if error.__cause__ is not None:
                text += f' (cause: {type(error.__cause__).__name__}: {error.__cause__})'
            outcome = ('error', text)
        with os.fdopen(write_end, 'wb') as pipe:
            pickle.dump(outcome, pipe)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, 'rb') as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return ('crash', os.WTERMSIG(status))
    return pickle.loads(data)


def unit_text(dt):
    if dt.kind not in 'Mm':
        return ''
    unit, count = np.datetime_data(dt)
    if unit == 'generic':
        return ''
    return unit if count == 1 else f'{count}{unit}'


def describe(dt):
    """NumPy's view of one dtype, recursively for structured and subarray types."""
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return {'subarray': describe(base), 'shape': list(shape), 'itemsize': dt.itemsize}
    if dt.names is not None:
        fields = []
        for name in dt.names:
            field_type, offset = dt.fields[name][:2]
            fields.append({'name': name, 'offset': offset, 'dtype': describe(field_type)})
        return {'itemsize': dt.itemsize, 'fields': fields}
    return {
        'str': dt.str,
        'kind': dt.kind,
        'itemsize': dt.itemsize,
        'byteorder': dt.byteorder,
        'alignment': dt.alignment,
        'unit': unit_text(dt),
    }


def read_dtype(text):
    return describe(np.dtype(text))


# A buffer exporter with any format string: a memoryview over a hand-made
# Py_buffer (ctypes), which np.asarray reads through NumPy's PEP 3118 code.
class PyBuffer(ctypes.Structure):
    _fields_ = [('buf', ctypes.c_void_p), ('obj', ctypes.c_void_p), ('len', ctypes.c_ssize_t),
                ('itemsize', ctypes.c_ssize_t), ('readonly', ctypes.c_int), ('ndim', ctypes.c_int),
                ('format', ctypes.c_char_p), ('shape', ctypes.POINTER(ctypes.c_ssize_t)),
                ('strides', ctypes.POINTER(ctypes.c_ssize_t)), ('suboffsets', ctypes.POINTER(ctypes.c_ssize_t)),
                ('internal', ctypes.c_void_p)]


memoryview_from_buffer = ctypes.pythonapi.PyMemoryView_FromBuffer
memoryview_from_buffer.argtypes = [ctypes.POINTER(PyBuffer)]
memoryview_from_buffer.restype = ctypes.py_object


def read_buffer_format_with_itemsize(request):
    fmt, itemsize = request
    # The memoryview has no owner object; the garbage collector must not
    # visit it while NumPy holds the view (that crashes CPython 3.11).
    gc.disable()
    storage = ctypes.create_string_buffer(max(itemsize, 1))
    shape = (ctypes.c_ssize_t * 1)(1)
    strides = (ctypes.c_ssize_t * 1)(itemsize)
    view = PyBuffer()
    view.buf = ctypes.addressof(storage)
    view.len = itemsize
    view.itemsize = itemsize
    view.readonly = 1
    view.ndim = 1
    view.format = fmt.encode('utf-8')
    view.shape = shape
    view.strides = strides
    array = np.asarray(memoryview_from_buffer(ctypes.byref(view)))
    result = {'itemsize': itemsize, 'dtype': describe(array.dtype), 'shape': list(array.shape[1:])}
    if array.dtype.names is not None:
        result['descr'] = descr_of(array.dtype)
    return result


def descr_of(dt):
    """dtype.descr as JSON (tuples become lists), or None where NumPy does not define it."""
    def convert(entry):
        name, form = entry[0], entry[1]
        form = [convert(e) for e in form] if isinstance(form, list) else form
        return [name, form] + ([list(entry[2])] if len(entry) > 2 else [])
    try:
        return [convert(entry) for entry in dt.descr]
    except ValueError:
        return None


def guess_itemsizes(fmt):
    """Item sizes to offer NumPy: it insists the buffer's itemsize equals the parsed one."""
    guesses = []
    try:
        stripped = re.sub(r'\s', '', fmt)
        guesses.append(np._core._internal._dtype_from_pep3118(stripped).itemsize)
    except Exception:
        pass
    return guesses + [n for n in (1, 2, 4, 8, 16, 32, 0) if n not in guesses]


def read_buffer_format(fmt):
    first_error = None
    for itemsize in guess_itemsizes(fmt):
        kind, value = in_child(read_buffer_format_with_itemsize, (fmt, itemsize))
        if kind == 'ok':
            return {'input': fmt, 'ok': True, **value}
        if kind == 'error' and 'does not match the dtype' not in value:
            return {'input': fmt, 'ok': False, 'numpy': value}
        if kind == 'error' and first_error is None:
            first_error = value
    return {'input': fmt, 'ok': False, 'numpy': first_error or 'no item size matched'}


def in_process(function, argument):
    try:
        return ('ok', function(argument))
    except Exception as error:
        return ('error', f'{type(error).__name__}: {error}')


def typestr_entry(text):
    # Only datetime divisors can crash NumPy ('[s/0]'); everything else is
    # read in this process, which is much faster than forking.
    kind, value = (in_child if '/' in text else in_process)(read_dtype, text)
    if kind == 'ok':
        return {'input': text, 'ok': True, 'dtype': value}
    if kind == 'crash':
        return {'input': text, 'ok': False, 'numpy': f'crash (signal {value})'}
    return {'input': text, 'ok': False, 'numpy': value}


# ---------------------------------------------------------------- inputs

UNITS = ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as']


def numpy_written_dtypes():
    """Every dtype NumPy builds from its own type codes and flexible kinds, both byte orders."""
    types = [np.dtype(code) for code in '?bBhHiIlLqQpPnNefdgFDGO']
    types += [np.dtype(f'{kind}{size}') for kind in 'SUV' for size in (0, 1, 3, 16)]
    types += [np.dtype(f'{kind}8[{unit}]') for kind in 'Mm' for unit in UNITS + ['generic', '25s', '10ns', '3M']]
    return types + [t.newbyteorder() for t in types]


def typestr_inputs():
    inputs = []
    for dt in numpy_written_dtypes():
        inputs.append(dt.str)
    for order in ['', '<', '>', '=', '|']:
        for kind in 'biufcOMmSUVa':
            for size in ['', '0', '1', '2', '3', '4', '5', '8', '12', '16', '32']:
                inputs.append(f'{order}{kind}{size}')
        for code in '?bBhHiIlLqQpPnNefdgFDGSUVOMmacEuwxZ!@^ ':
            inputs.append(f'{order}{code}')
    inputs += [f'M8[{unit}]' for unit in UNITS] + [f'<m8[7{unit}]' for unit in UNITS]
    inputs += [
        # strtol-style sizes, as NumPy reads them
        'i 4', '<i+4', '<i08', 'S+5', 'S 5', 'S-0', 'S-1', 'V-1', 'U 3', 'i\t4', 'M 8', 'M+8', 'O 4',
        # limits
        'U536870911', 'U536870912', 'S2147483647', 'S2147483648', 'V2147483647', 'V2147483648',
        'S4294967296', 'S99999999999999999999', 'i99999999999999999999',
        # datetime metadata
        'M8', 'm8', 'M8[]', 'M8[xx]', 'M8[S]', 'M8[NS]', 'M8[25s]', 'M8[0s]', 'M8[-0s]', 'M8[+0s]', 'M8[-1s]',
        'M8[ 5s]', 'M8[5 s]', 'M8[ s]', 'M8[s ]', 'M8[1.5s]', 'M8[2147483647s]', 'M8[2147483648s]',
        'M8[\u03bcs]', 'M8[generic]', 'M8[10generic]', 'M8[generic/2]', 'M8[s', 'M8[s]x', 'M8[2]', 'M8[[s]',
        'M8]', 'M8[s]]', 'M8[ns][s]', 'M8 [s]', 'M 8[s]', 'M[s]', '<M[ns]', 'M8 ', 'M8[s] ',
        'M8[s/5]', 'M8[2s/5]', 'M8[8s/8000]', 'M8[4s/2]', 'M8[Y/2]', 'M8[Y/5]', 'M8[Y/7]', 'M8[M/3]',
        'M8[W/3]', 'M8[D/4]', 'M8[D/7]', 'M8[h/3600]', 'M8[m/60000]', 'M8[s/1000]', 'M8[s/1001]',
        'M8[ns/2]', 'M8[fs/2]', 'M8[fs/2000]', 'M8[as/2]', 'M8[s/1]', 'M8[s/ 2]', 'M8[s/2 ]', 'M8[s/+2]',
        'M8[s/]', 'M8[s/2]x', 'M8[s/2', 'M8[s/0]', 'M8[s/-2]', 'M8[2147483647s/2]', 'M8[2147483647s/1000]',
        'datetime64', 'datetime64[ns]', '<datetime64[ns]', '>timedelta64[25s]', 'timedelta64[', 'datetime64x',
        # rejected shapes of string
        '', '<', '|', '<i4 ', ' <i4', '!i4', '@i4', '^i4', 'f4[2]', 'i4[s]', 'S5[s]', 'b1 ', '<?1', '<e2', 'd8',
        'l8', 'ib', 'i4_', 'i\x004', '\u00e9', 'S\u00e9',
    ]
    return list(dict.fromkeys(inputs))


def name_inputs():
    names = sorted(k for k in np._core.numerictypes.sctypeDict if isinstance(k, str))
    return names + ['float65', 'Float64', 'string', 'longfloat', 'str0', 'void8', 'int64 ', 'bfloat16']


def buffer_format_inputs():
    inputs = []
    # What NumPy writes for every dtype it can export, native and swapped.
    for dt in numpy_written_dtypes():
        try:
            inputs.append(memoryview(np.zeros(2, dt)).format)
        except ValueError:
            pass  # M8/m8 and swapped long doubles cannot be exported
    structured = [
        np.dtype([('a', '<i4'), ('b', '<f8')]),
        np.dtype([('a', 'u1'), ('b', '<i4')], align=True),
        np.dtype([('a', '>i2'), ('b', 'S3')]),
        np.dtype({'names': ['a', 'b'], 'formats': ['u1', 'u1'], 'offsets': [0, 4], 'itemsize': 8}),
        np.dtype([('x', '<f4', (2, 3)), ('y', [('p', '<i2'), ('q', '>u8')])]),
        np.dtype([('x', '<f4', (2, 3)), ('y', [('p', '<i2'), ('q', '>u8')])], align=True),
        np.dtype([('name', 'U4'), ('flag', '?'), ('value', '<c16')], align=True),
        np.dtype([('big', '>f8'), ('little', '<f8'), ('native', '=f8')]),
    ]
    for dt in structured:
        inputs.append(memoryview(np.zeros(2, dt)).format)
    unaligned = np.zeros(9, np.uint8)[1:].view('<i4')
    inputs.append(memoryview(unaligned).format)
    inputs += [
        # prefixes and sizes
        'd', '<d', '>d', '!d', '=d', '@d', '^d', '=q', '@i', '<l', '@l', 'l', '=L', '<q', '>Q', 'n', 'N', '=n',
        '<g', '@g', 'g', 'Zf', 'Zd', 'Zg', '<Zg', '>Zd', '?', 'c', 'e', '<e', 'O', 'P', 'p',
        # repeat counts, sub-arrays, strings, padding
        '3i', '(2,3)i', '(2,)i', '()i', '(0)i', '2(2)i', '0i', '3s', '0s', '3w', '3x', 'x', '4x', '0x', '10c',
        # structs, names and alignment
        'bd', '=bd', '^bd', '@bi:b:', 'b:a:3x', 'i:a b:', 'T{i:a:d:b:}', 'T{i:a:}', 'T{B:a:xxxB:b:}', 'T{}',
        'T{d:a:}', '@T{b:a:}d', 'T{=b:a:@i:b:}', 'T{b:a:}i', 'T{i:a:=b:b:}', '2T{b:a:i:b:}', '(2)T{b:a:}',
        'T{T{b:inner:}:outer:}', 'T{i::}', 'T{i:a:i:a:}', 'T{i:a:i:f0:i}', 'T{i:a:i:f0:i:}', 'bi:f0:', 'b:f1:b',
        'T{<i:le:>i:be:}', 'T{@i:a:}:s:', ' d', 'T{ i : a b : }', 'i:\u00e9:', '@hd', '^hd', '@bg',
        '@n', '^N', '(+2)i', '(1_0)i', 'T{b}', 'x:a:', '4x:pad:', '(2)x', '(2)3s', '3c', 'T{ }', ' ', 's', 'w',
        '0w', '@T{i:a:=b:b:}2d', '^T{@i:a:}b', '@bT{i:a:=b:b:}', 'i:a:x:b:', '@b3xi', '3xi', 'T{i:a:}:b:',
        '(2,3)4h', 'T{>h:a:xx3s:b:T{<i:x:}:c:}', '2Zd',
        # what NumPy's single-item fast path lets through
        'Zb', 'Ze', 'd>', '<>d', '<@d',
        # rejected
        '', '2', 'Z', 'u', '&', 't', 'X', 'y', '<n', '=g', '!Zg', 'i:a', 'i:a:}', 'T{i:a:', 'T{i:a:}}',
        '(2,3', '(a)i', '(2,-1)i', 'T', 'T{', '{', '}', ':a:', 'bd:', '3', 'i3', 'nd', '2n', 'n:a:', '@P',
        'b:a:b:a:', '1000000000000i', '(1000000000,1000000000)i', '536870912w', 'Zf:a:b',
    ]
    return list(dict.fromkeys(inputs))


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'numpy-dtype-corpus.json')
    corpus = {
        'generator': 'scripts/gen-numpy-dtype-corpus.py',
        'numpy': np.__version__,
        'machine': f'{platform.machine()} {sys.byteorder}-endian',
        'typestrs': [typestr_entry(text) for text in typestr_inputs()],
        'names': [typestr_entry(text) for text in name_inputs()],
        'bufferFormats': [read_buffer_format(fmt) for fmt in buffer_format_inputs()],
    }
    with open(output, 'w', encoding='utf-8') as file:
        json.dump(corpus, file, indent=1, ensure_ascii=False)
        file.write('\n')


if __name__ == '__main__':
    main()
