"""Writes test/conformance/manifest/<suite>.json: the pytest case ids of
NumPy's own test files (parametrized cases expanded), which the ported
suites must account for one by one (ported or skipped with a reason), and
manifest/ufunc-types.json: every NumPy ufunc's loop list (ufunc.types).

Run from the repository root with the NumPy the port follows (2.4):
    python3 test/conformance/collect.py
"""
import json
import os
import subprocess
import sys

import numpy as np

SUITES = {
    'dlpack': ('test_dlpack.py', None),
    'nep50': ('test_nep50_promotions.py', None),
    # The __array_interface__ tests of test_multiarray.py.
    'array-interface': ('test_multiarray.py', 'interface'),
    'ufunc': ('test_ufunc.py', None),
    'umath': ('test_umath.py', None),
}


def collect(filename, keyword):
    tests = os.path.join(os.path.dirname(np.__file__), '_core', 'tests')
    command = [sys.executable, '-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider', os.path.join(tests, filename)]
    if keyword:
        command += ['-k', keyword]
    output = subprocess.run(command, capture_output=True, text=True, cwd=tests).stdout
    return [line.split('::', 1)[1] for line in output.splitlines() if '::' in line]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for suite, (filename, keyword) in SUITES.items():
        ids = collect(filename, keyword)
        manifest = {'numpy': np.__version__, 'file': f'numpy/_core/tests/{filename}', 'keyword': keyword, 'ids': ids}
        with open(os.path.join(here, 'manifest', f'{suite}.json'), 'w') as out:
            json.dump(manifest, out, indent=0)
            out.write('\n')
        print(suite, len(ids))
    # test_ufunc_types/test_ufunc_noncontiguous run every loop of ufunc.types:
    # NumPy's loop lists, so the port runs NumPy's loops, not ndinterop's own.
    ufuncs = {u.__name__: u.types for u in (getattr(np, x) for x in dir(np)) if isinstance(u, np.ufunc)}
    with open(os.path.join(here, 'manifest', 'ufunc-types.json'), 'w') as out:
        json.dump({'numpy': np.__version__, 'types': dict(sorted(ufuncs.items()))}, out, indent=0)
        out.write('\n')
    print('ufunc-types', len(ufuncs))


if __name__ == '__main__':
    main()
