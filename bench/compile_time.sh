#!/usr/bin/env bash
# Compile-time overhead of the ccsp pass plugin. Compiles a program (-c) several times with
# plain clang(++), with clang(++) plus the debug flags the wrapper adds, and with the wrapper, at
# -O0/-O1/-O2, and prints the best CPU times and the ratios:
#   plugin  = wrapper / (clang + the same debug flags): the cost of the pass itself
#   wrapper = wrapper / plain clang: what a user sees (pass + line tables)
# Default program: the largest C++ source under samples/ (or the one given on the command line).
#   bench/compile_time.sh [--build DIR] [--runs N] [source.cpp...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
runs=5
sources=()
while (($#)); do
  case $1 in
    --build) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) sources+=("$1"); shift ;;
  esac
done
[[ -x $build/bin/ccsp-c++ ]] ||
  { echo "compile_time: $build/bin/ccsp-c++ not found (build the project first)" >&2; exit 1; }
if ((${#sources[@]} == 0)); then
  largest=$(find "$root/samples" -name '*.cpp' -printf '%s %p\n' 2>/dev/null | sort -rn | head -1 |
            cut -d' ' -f2-)
  [[ -n $largest ]] || largest=$root/tests/instrument/e2e/cxx_features.cpp
  sources=("$largest")
fi
common=(-I"$root/rtlib/include" -c -o /dev/null)
debug_flags=(-gline-tables-only -fdebug-info-for-profiling)

# cpu_ms <command...>: the least CPU time (user + sys, children included) of `runs` runs, in
# milliseconds. CPU time and the minimum keep the figure stable on a machine shared with other
# jobs, where wall time is not.
cpu_ms() {
  local best="" t
  "$@" >/dev/null 2>&1 || { echo "compile_time: failed: $*" >&2; exit 1; }  # warm-up
  for ((i = 0; i < runs; ++i)); do
    t=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
    if [[ -z $best ]] || ((t < best)); then best=$t; fi
  done
  echo "$best"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }

for src in "${sources[@]}"; do
  if [[ $src == *.c ]]; then
    wrapper=$build/bin/ccsp-cc plain_cc=/usr/lib/llvm-19/bin/clang std=-std=c17
  else
    wrapper=$build/bin/ccsp-c++ plain_cc=/usr/lib/llvm-19/bin/clang++ std=-std=c++20
  fi
  echo "compile time of ${src#"$root"/} ($(wc -l <"$src") lines; CPU ms, best of $runs runs)"
  printf '%-6s %10s %14s %10s %10s %10s\n' level plain "plain+lines" "${wrapper##*/}" plugin wrapper
  for level in -O0 -O1 -O2; do
    plain=$(cpu_ms "$plain_cc" "$level" "$std" "${common[@]}" "$src")
    lines=$(cpu_ms "$plain_cc" "$level" "$std" "${debug_flags[@]}" "${common[@]}" "$src")
    ccsp=$(cpu_ms "$wrapper" "$level" "$std" "${common[@]}" "$src")
    printf '%-6s %10s %14s %10s %10s %10s\n' "$level" "$plain" "$lines" "$ccsp" \
      "$(ratio "$ccsp" "$lines")" "$(ratio "$ccsp" "$plain")"
  done
done
