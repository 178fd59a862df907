#!/usr/bin/env python3
"""The ufunc tables, native and TypeScript, from one source: the installed
NumPy (names, nin, nout, identity, aliases, loops) and the RULES below (what
ndinterop attaches per ufunc, as NumPy attaches a type resolver to each ufunc
in its definition table).

Writes native/core/ufunc/table_types.inc: every elementwise numeric ufunc of the
installed NumPy with nin, nout, identity, aliases and its `types` list in
NumPy's own order, keeping only loops whose dtypes ndinterop computes with.

Loops over objects, datetimes and timedeltas are dropped (longdouble 'g'/'G'
loops are kept: native/core/kernels register them; the datetime loops are
computed in JS, src/ufunc/datetime.ts); gufuncs (matmul, vecdot, ...) and
ufuncs left with no loop (isnat, exported by src/ufunc/ufuncs.ts) are skipped. Run it with NumPy 2.4 and commit the output:

    python3 scripts/gen-ufunc-types.py > native/core/ufunc/table_types.inc

With --gufuncs it writes native/core/ufunc/gufunc_table_types.inc instead: the
generalized ufuncs (matmul, vecdot, matvec, vecmat) with their core
signature and `types`, filtered the same way:

    python3 scripts/gen-ufunc-types.py --gufuncs > native/core/ufunc/gufunc_table_types.inc

With --ts it writes src/ufunc/table.generated.ts: one export per ufunc of
table_types.inc (and per NumPy alias), each with its RULES and a one-line
TSDoc comment (the summary line of NumPy's docstring, nin, nout, identity):

    python3 scripts/gen-ufunc-types.py --ts > src/ufunc/table.generated.ts

test/ufunc/table-generated.test.ts checks that the three committed files are
what this script writes (when the same NumPy is installed).
"""
import math
import sys

import numpy as np

SUPPORTED = set("?bBhHiIlLqQefdFDgG")
# The gufuncs' (matmul, vecdot, ...) kernels: every NumPy type but object.
GUFUNC_SUPPORTED = set("?bBhHiIlLqQefdgFDG")

# Per-ufunc rules, the one place they are written. NumPy keeps them in its
# definition table (numpy/_core/code_generators/generate_umath.py: each
# ufunc's TypeResolver, and the special cases of its methods); here they
# become data on the ufunc objects (src/ufunc/table.generated.ts), so a rule
# belongs to the built-in ufunc, never to a name: a ufunc made by createUfunc
# has none of them, whatever it is called.
#
# The keys are UfuncRules flags (src/ufunc/call.ts):
#   truthLoop             logical ufuncs compute on truth values: any input
#                         goes to the bool loop, reductions too
#   exactIntComparison    a Python int that does not fit the loop's integer
#                         type compares exactly (as int64/uint64)
#   negativeIntPowerError integers to negative integer powers raise
#   platformIntReduction  bool and small integers reduce in int64/uint64
#   fastBinary            the operation (add, subtract or multiply) small
#                         same-dtype calls and accumulations may compute in JS
#                         (src/ufunc/fastpath.ts)
#   refuseBoolInputs      all-bool inputs are refused (True: NumPy's generic
#                         no-loop message; a string: NumPy's own message)
#   integersInFloat64     bool and integer inputs compute in float64
# (the last two are src/ufunc/loop-selection.ts ResolutionRules)
SUBTRACT_BOOL = (
    "numpy boolean subtract, the `-` operator, is not supported, "
    "use the bitwise_xor, the `^` operator, or the logical_xor function instead."
)
NEGATIVE_BOOL = (
    "The numpy boolean negative, the `-` operator, is not supported, "
    "use the `~` operator or the logical_not function instead."
)
RULES = {
    "add": {"platformIntReduction": True, "fastBinary": "add"},
    "subtract": {"fastBinary": "subtract", "refuseBoolInputs": SUBTRACT_BOOL},
    "negative": {"refuseBoolInputs": NEGATIVE_BOOL},
    "positive": {"refuseBoolInputs": True},
    "sign": {"refuseBoolInputs": True},
    "gcd": {"refuseBoolInputs": True},
    "lcm": {"refuseBoolInputs": True},
    "divide": {"integersInFloat64": True},
    "multiply": {"platformIntReduction": True, "fastBinary": "multiply"},
    "power": {"negativeIntPowerError": True},
    "equal": {"exactIntComparison": True},
    "not_equal": {"exactIntComparison": True},
    "less": {"exactIntComparison": True},
    "less_equal": {"exactIntComparison": True},
    "greater": {"exactIntComparison": True},
    "greater_equal": {"exactIntComparison": True},
    "logical_and": {"truthLoop": True},
    "logical_or": {"truthLoop": True},
    "logical_xor": {"truthLoop": True},
    "logical_not": {"truthLoop": True},
}

# Gufuncs whose product conjugates its first operand (NumPy's vecdot and
# vecmat take the complex conjugate of the vector they start from).
CONJUGATES_FIRST = {"vecdot", "vecmat"}


def identity_kind(uf):
    ident = uf.identity
    if ident is None:
        if uf.nin != 2 or uf.nout != 1:
            return "kNone"
        # NumPy does not expose "reorderable"; a reduction over several axes
        # succeeds exactly for the reorderable ufuncs.
        loop = next((t for t in uf.types if t[0] == t[1] == t[-1] and t[0] in SUPPORTED), None)
        if loop is None:
            return "kNone"
        try:
            uf.reduce(np.ones((2, 2), dtype=loop[0]), axis=None)
            return "kReorderableNone"
        except ValueError:
            return "kNone"
    if ident is True:
        return "kTrue"
    if ident is False:
        return "kFalse"
    if isinstance(ident, float) and math.isinf(ident) and ident < 0:
        return "kMinusInf"
    table = {0: "kZero", 1: "kOne", -1: "kMinusOne"}
    if ident in table:
        return table[ident]
    raise SystemExit(f"unexpected identity {ident!r} for {uf.__name__}")


def c_string(text):
    """Escapes '?' so that '??-' is not read as a trigraph."""
    return text.replace("?", "\\?")


def supported(sig):
    return all(c in SUPPORTED for c in sig.replace("->", ""))


def main_gufuncs():
    out = sys.stdout
    out.write(f"// Generated by scripts/gen-ufunc-types.py --gufuncs from NumPy {np.__version__}. Do not edit.\n")
    out.write("// NDINTEROP_GUFUNC(name, nin, nout, conjugatesFirst, \"signature\", \"types\")\n")
    gufuncs = {}
    for name in sorted(dir(np)):
        obj = getattr(np, name)
        if isinstance(obj, np.ufunc) and obj.signature is not None:
            gufuncs[obj.__name__] = obj
    for name in sorted(gufuncs):
        uf = gufuncs[name]
        if uf.identity is not None:
            raise SystemExit(f"unexpected identity {uf.identity!r} for gufunc {name}")
        types = [t for t in uf.types if all(c in GUFUNC_SUPPORTED for c in t.replace("->", ""))]
        out.write(
            f"NDINTEROP_GUFUNC({name}, {uf.nin}, {uf.nout}, {'true' if name in CONJUGATES_FIRST else 'false'}, "
            f'"{c_string(uf.signature)}", "{c_string(" ".join(types))}")\n'
        )
    unknown = CONJUGATES_FIRST - set(gufuncs)
    if unknown:
        raise SystemExit(f"CONJUGATES_FIRST names no gufunc: {sorted(unknown)}")


def elementwise_ufuncs():
    """{name: ufunc} of the ufuncs with a supported loop, and {name: [alias]}."""
    ufuncs = {}
    aliases = {}
    for name in sorted(dir(np)):
        obj = getattr(np, name)
        if not isinstance(obj, np.ufunc) or obj.signature is not None:
            continue
        ufuncs[obj.__name__] = obj
        if name != obj.__name__:
            aliases.setdefault(obj.__name__, []).append(name)
    kept = {name: uf for name, uf in ufuncs.items() if any(supported(t) for t in uf.types)}
    return kept, {name: sorted(aliases.get(name, [])) for name in kept}


def ts_rules(name):
    rules = RULES.get(name, {})
    if not rules:
        return ""
    fields = ", ".join(f"{key}: {'true' if value is True else repr(value)}" for key, value in rules.items())
    return ", { " + fields + " }"


def ts_signature(uf):
    shape = {(1, 1): "UnaryUfunc", (2, 1): "BinaryUfunc", (1, 2): "UnaryPairUfunc", (2, 2): "BinaryPairUfunc"}[(uf.nin, uf.nout)]
    outputs = {t.split("->")[1] for t in uf.types if supported(t)}
    return f"{shape}<'bool'>" if uf.nout == 1 and outputs == {"?"} else shape


def ts_summary(uf):
    """The first paragraph after the signature line of NumPy's docstring, as
    Markdown for TSDoc: ``code`` becomes `code`, `*` outside code is escaped."""
    lines = uf.__doc__.split("\n")[1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    paragraph = []
    for line in lines:
        if not line.strip():
            break
        paragraph.append(line.strip())
    text = " ".join(paragraph).replace("``", "`")
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("*", "\\*").replace("@", "\\@").replace("{", "\\{").replace("}", "\\}")
    text = "`".join(parts)
    if not text.endswith((".", "!", "?")):
        text += "."
    if not text or "*/" in text:
        raise SystemExit(f"cannot use the docstring summary of {uf.__name__}: {text!r}")
    return text


def ts_identity(uf):
    ident = uf.identity
    if ident is None:
        return "no identity"
    if ident is True or ident is False:
        return f"identity `{str(ident).lower()}`"
    if isinstance(ident, float) and math.isinf(ident):
        return "identity `-Infinity`" if ident < 0 else "identity `Infinity`"
    return f"identity `{ident}`"


def ts_doc(uf):
    def count(n, what):
        return f"{n} {what}{'' if n == 1 else 's'}"
    return (f"/** {ts_summary(uf)} NumPy's `{uf.__name__}`: {count(uf.nin, 'input')}, "
            f"{count(uf.nout, 'output')}, {ts_identity(uf)}. */\n")


def main_ts():
    ufuncs, aliases = elementwise_ufuncs()
    unknown = set(RULES) - set(ufuncs)
    if unknown:
        raise SystemExit(f"RULES names no ufunc: {sorted(unknown)}")
    out = sys.stdout
    out.write(f"// Generated by scripts/gen-ufunc-types.py --ts from NumPy {np.__version__}. Do not edit.\n")
    out.write("// Every elementwise ufunc of native/core/ufunc/table_types.inc (the same run of the\n")
    out.write("// same script) as a Ufunc, with the rules the script's RULES attach to it, then\n")
    out.write("// NumPy's aliases, which are the same objects.\n")
    out.write("// Each ufunc's public type (src/ufunc/signatures.ts) follows its nin and\n")
    out.write("// nout; <'bool'> marks the ufuncs whose every loop gives bool. Each comment is\n")
    out.write("// the summary of NumPy's docstring with the ufunc's inputs, outputs and identity.\n")
    out.write("import { builtin } from './builtin.js';\n")
    out.write("import type { BinaryPairUfunc, BinaryUfunc, UnaryPairUfunc, UnaryUfunc } from './signatures.js';\n\n")
    for name in sorted(ufuncs):
        uf = ufuncs[name]
        kind = f"<{ts_signature(uf)}>"
        out.write(ts_doc(uf))
        out.write(f"export const {name} = builtin{kind}('{name}', {uf.nin}, {uf.nout}{ts_rules(name)});\n")
    out.write("\n")
    for alias, name in sorted((alias, name) for name in ufuncs for alias in aliases[name]):
        out.write(f"/** NumPy's `{alias}`: the same ufunc as {{@link {name}}}. */\n")
        out.write(f"export const {alias} = {name};\n")


def main():
    if "--gufuncs" in sys.argv[1:]:
        main_gufuncs()
        return
    if "--ts" in sys.argv[1:]:
        main_ts()
        return
    ufuncs, aliases = elementwise_ufuncs()
    out = sys.stdout
    out.write(f"// Generated by scripts/gen-ufunc-types.py from NumPy {np.__version__}. Do not edit.\n")
    out.write("// NDINTEROP_UFUNC(name, nin, nout, identity, \"aliases\", \"types\")\n")
    for name in sorted(ufuncs):
        uf = ufuncs[name]
        types = [t for t in uf.types if supported(t)]
        out.write(
            f'NDINTEROP_UFUNC({name}, {uf.nin}, {uf.nout}, {identity_kind(uf)}, '
            f'"{" ".join(aliases[name])}", "{c_string(" ".join(types))}")\n'
        )


if __name__ == "__main__":
    main()
