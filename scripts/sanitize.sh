#!/usr/bin/env bash
# Builds the addon and the C++ core tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (cmake-js, build-asan/), runs the core tests,
# then the vitest suite (all but the compile-only type tests; see below) with
# node preloading the sanitizer runtimes.
# Any sanitizer report fails the run (halt_on_error, log files checked).
set -euo pipefail
cd "$(dirname "$0")/.."

npx cmake-js compile --out build-asan --CDNDINTEROP_SANITIZE=ON --CDCMAKE_BUILD_TYPE=Debug >/dev/null
asan_lib=$(g++ -print-file-name=libasan.so)
ubsan_lib=$(g++ -print-file-name=libubsan.so)
log_dir=$(mktemp -d)
# V8 itself holds memory at exit, so leak detection is off for node; the C++
# core tests run with it on.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$log_dir/ubsan"
ASAN_OPTIONS="detect_leaks=1:log_path=$log_dir/asan-core" ctest --test-dir build-asan --output-on-failure

# Python subprocesses of the tests (NumPy oracles, corpus generators, which
# deliberately crash NumPy in forked probes) are not ndinterop code: they run
# without the sanitizer runtimes and without writing into the report folder.
shim_dir=$(mktemp -d)
real_python=$(command -v python3)
cat > "$shim_dir/python3" <<SHIM
#!/bin/sh
exec env -u LD_PRELOAD -u ASAN_OPTIONS -u UBSAN_OPTIONS "$real_python" "\$@"
SHIM
chmod +x "$shim_dir/python3"

# The type tests (test/types, and the *-types.test.ts beside the suites they
# type) only run the TypeScript compiler over usage files, no native code:
# npm test runs them; here they would only cost time. So does the test of
# scripts/build-ts.mjs (the compiler over src/, in child processes). To keep CI within its
# time budget, the NumPy conformance ports (test/conformance: NumPy's
# semantics through the same kernels and casts that test/ufunc and
# test/array drive here, special values included) and the examples (child
# processes running the docs' scripts) are left out too: npm test runs both,
# and NDINTEROP_SANITIZE_ALL=1 runs them here as well.
echo "== vitest under ASan+UBSan (without the compile-only type tests, the conformance ports and the examples)"
skip=(--exclude 'test/types/**' --exclude 'test/**/*-types.test.ts' --exclude 'test/base/build-ts.test.ts')
[ "${NDINTEROP_SANITIZE_ALL:-}" = 1 ] || skip+=(--exclude 'test/conformance/**' --exclude 'test/examples/**')
# Under the sanitizers most of a test file's time is loading the library
# into a fresh module graph, so the files share one per worker
# (--no-isolate): about half the time. A file that mocks modules (vi.mock,
# vi.doMock, vi.resetModules) or loads a second copy of the library into the
# process (the built dist/, or the package by name) would leave the files
# after it holding another copy than the one the addon throws errors from
# (another BufferError class), so those run afterwards, isolated as in npm
# test.
mapfile -t isolated < <(grep -rlE "vi\.(mock|doMock|resetModules)\(|(require|import)\([^)]*(dist/(esm|cjs)/|'ndinterop')" test --include='*.test.ts' | sort)
for file in "${isolated[@]}"; do skip+=(--exclude "$file"); done
# NDINTEROP_SANITIZER tells the leak soak that RSS includes ASan's quarantine
# and shadow memory, so its RSS bound does not apply (memoryStats and deleter
# counts still do).
sanitized() {
  PATH="$shim_dir:$PATH" \
  NDINTEROP_SANITIZER=1 \
  LD_PRELOAD="$asan_lib $ubsan_lib" \
  ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:log_path=$log_dir/asan" \
  NDINTEROP_ADDON="$PWD/build-asan/Release/ndinterop.node" \
    npx vitest run "$@"
}
sanitized --no-isolate "${skip[@]}"
if [ "${#isolated[@]}" -gt 0 ]; then
  echo "== vitest under ASan+UBSan, isolated: ${isolated[*]}"
  sanitized "${isolated[@]}"
fi
if compgen -G "$log_dir/*" >/dev/null; then
  echo "sanitizer reports:"; cat "$log_dir"/*; exit 1
fi
echo "sanitizers: no reports"
