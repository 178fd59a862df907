#!/usr/bin/env python3
"""NumPy oracle for test/kernels*.test.ts.

Reads a JSON list of cases on stdin and writes, for each, the input and
output bytes NumPy produces plus the floating-point flags it raised (the
bitmask NumPy passes to an errcall: 1 divide, 2 overflow, 4 underflow,
8 invalid). Cases:

  {"kind": "ufunc", "name": "add", "types": "dd->d", "values": "cross" | "list"}
      inputs: the special values of each input dtype; "cross" pairs every
      value of input 0 with every value of input 1, "list" zips them.
  {"kind": "cast", "from": "d", "to": "b"}
"""
import json
import sys

import numpy as np


def special_values(char):
    dt = np.dtype(char)
    if dt.kind == "b":
        return np.array([False, True], dtype=dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        candidates = [0, 1, -1, 2, -2, 3, -3, 5, 7, -7, 8, 13, -13, 100, -100, 127,
                      info.min, info.max, info.min + 1, info.max - 1, info.bits - 1, info.bits, info.bits + 1]
        values = sorted({v for v in candidates if info.min <= v <= info.max})
        return np.array(values, dtype=dt)
    if dt.kind == "f":
        info = np.finfo(dt)
        reals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, -3.0, 7.0, -7.0, 0.1, -0.7,
                 1e-5, 100.0, 1000.5, -12345.0, 1e10, 65504.0, 6e-8, float(info.max), -float(info.max),
                 float(info.tiny), float(info.smallest_subnormal), 2 * float(info.smallest_subnormal),
                 np.inf, -np.inf, np.nan]
        with np.errstate(all="ignore"):
            return np.array(reals, dtype=np.float64).astype(dt)
    parts = [0.0, -0.0, 1.0, -1.5, 2.5, 1e-3, 1e30, np.inf, -np.inf, np.nan]
    return np.array([complex(r, i) for r in parts for i in parts], dtype=dt)


def in_chars(types):
    return types.split("->")[0]


def run_ufunc(case):
    ufunc = getattr(np, case["name"])
    chars = in_chars(case["types"])
    inputs = [special_values(c) for c in chars]
    if case["name"] == "power" and inputs[1].dtype.kind in "iu":
        inputs[1] = inputs[1][inputs[1] >= 0]  # NumPy raises for negative integer powers
    if len(inputs) == 2 and case.get("values", "cross") == "cross":
        a, b = inputs
        inputs = [np.repeat(a, len(b)), np.tile(b, len(a))]
    elif len(inputs) == 2:
        n = min(len(inputs[0]), len(inputs[1]))
        inputs = [inputs[0][:n], inputs[1][:n]]
    flags = [0]

    def collect(_kind, flag):
        flags[0] |= flag

    old = np.seterrcall(collect)
    try:
        with np.errstate(all="call"):
            outputs = ufunc(*inputs, signature=case["types"])
    finally:
        np.seterrcall(old)
    if not isinstance(outputs, tuple):
        outputs = (outputs,)
    return {
        "count": int(len(inputs[0])),
        "inputs": [x.tobytes().hex() for x in inputs],
        "outputs": [np.ascontiguousarray(y).tobytes().hex() for y in outputs],
        "flags": flags[0],
    }


def run_cast(case):
    source = special_values(case["from"])
    flags = [0]

    def collect(_kind, flag):
        flags[0] |= flag

    old = np.seterrcall(collect)
    try:
        with np.errstate(all="call"):
            result = source.astype(case["to"])
    finally:
        np.seterrcall(old)
    return {"count": int(len(source)), "inputs": [source.tobytes().hex()],
            "outputs": [result.tobytes().hex()], "flags": flags[0]}


def main():
    import warnings
    warnings.simplefilter("ignore")
    cases = json.load(sys.stdin)
    results = [run_ufunc(c) if c["kind"] == "ufunc" else run_cast(c) for c in cases]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
