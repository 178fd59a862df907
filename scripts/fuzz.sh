#!/usr/bin/env bash
# Builds every libFuzzer target fuzz/*_fuzzer.cc (clang, with AddressSanitizer
# and UndefinedBehaviorSanitizer) against the native/core layers they use, then runs each
# one for a fixed time from its committed seed corpus fuzz/corpus/<target>/.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]
#
# CI runs a short time per target; run longer by hand, e.g.
#   scripts/fuzz.sh 600 typestr_fuzzer
# New interesting inputs go to a scratch corpus under build-fuzz/; set
# FUZZ_MERGE=1 to merge them into the committed seed corpus afterwards.
# A crash leaves its input in build-fuzz/artifacts/<target>/ and fails the
# run: turn it into a regression test (test/native/ or vitest) before fixing.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
build_dir=build-fuzz
mkdir -p "$build_dir/obj"

cxx=${CXX_FUZZ:-clang++}
if ! command -v "$cxx" >/dev/null; then
  echo "fuzz.sh: $cxx not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
# The comparison kernels combine bools with '&' and '|' on purpose (no
# branches, so the loops vectorize); clang's warning for that is off.
flags=(-std=c++17 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-bitwise-instead-of-logical
       -fsanitize=address,undefined -fno-sanitize-recover=undefined
       -Inative -Iinclude)

# The layers of native/core the targets need: those fuzz/*.cc include, and
# those their sources and headers include in turn (the kernels and the ufunc
# engine, most of the core's compile time, are not among them today).
layers_of() { grep -ho '#include "core/[a-z_]*/' "$@" 2>/dev/null | sed 's|.*core/||; s|/$||' | sort -u; }
layers=$(layers_of fuzz/*.cc)
while :; do
  dirs=()
  for layer in $layers; do dirs+=(native/core/"$layer"/*.cc native/core/"$layer"/*.h); done
  grown=$(printf '%s\n' $layers $(layers_of "${dirs[@]}") | sort -u)
  [ "$grown" = "$layers" ] && break
  layers=$grown
done
echo "== native/core layers the targets use: $(echo $layers)"

# Those layers are compiled once into objects shared by every target
# (rebuilt when a source or any core header is newer than its object), one
# compiler per core at a time; the first failure stops the run.
newest_header=$(ls -t $(find native/core include/dlpack -name '*.h') 2>/dev/null | head -1)
parallel=$(nproc 2>/dev/null || echo 2)
compiling=()
core_objects=()
while IFS= read -r source; do
  # Named by path under native/core: two layers may hold files of one name.
  relative="${source#native/core/}"
  object="$build_dir/obj/${relative//\//_}"
  object="${object%.cc}.o"
  if [ ! -e "$object" ] || [ "$source" -nt "$object" ] || [ "$newest_header" -nt "$object" ]; then
    if [ "${#compiling[@]}" -ge "$parallel" ]; then
      wait "${compiling[0]}"
      compiling=("${compiling[@]:1}")
    fi
    echo "== compile $source"
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$source" -o "$object" &
    compiling+=("$!")
  fi
  core_objects+=("$object")
done < <(for layer in $layers; do find "native/core/$layer" -name '*.cc'; done | sort)
for pid in "${compiling[@]}"; do wait "$pid"; done

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in fuzz/*_fuzzer.cc; do targets+=("$(basename "${source%.cc}")"); done
fi

summary=()
status=0
for target in "${targets[@]}"; do
  echo "== build $target"
  "$cxx" "${flags[@]}" -fsanitize=fuzzer "fuzz/$target.cc" "${core_objects[@]}" -o "$build_dir/$target"
  scratch="$build_dir/corpus/$target"
  artifacts="$build_dir/artifacts/$target/"
  mkdir -p "$scratch" "$artifacts" "fuzz/corpus/$target"
  options=(-max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts" -timeout=10 -rss_limit_mb=2048)
  [ -e "fuzz/$target.dict" ] && options+=(-dict="fuzz/$target.dict")
  echo "== run $target for ${seconds}s"
  log="$build_dir/$target.log"
  if ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" UBSAN_OPTIONS="print_stacktrace=1" \
       "$build_dir/$target" "${options[@]}" "$scratch" "fuzz/corpus/$target" >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
    tail -60 "$log"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  summary+=("$(printf '%-28s %-6s %12s execs %9s/s  cov %s' "$target" "$result" "${runs:-?}" "${per_second:-?}" "${coverage:-?}")")
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$build_dir/$target" -merge=1 "fuzz/corpus/$target" "$scratch" >/dev/null 2>&1
  fi
done

echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit $status
