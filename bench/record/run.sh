#!/usr/bin/env bash
# Recording benchmark (not a test): builds record_bench.cc three ways -- plain clang-19 -O2,
# -fsanitize=thread -O2, and ccsp -O2 (pass plugin + libccsp_rt.a) -- runs every case REPS
# times (fastest run kept, with its peak RSS) and prints time and peak RSS relative to plain,
# the ccsp/TSan time ratio, and trace bytes per executed instrumented access (executed
# accesses are counted in a second ccsp run with the access filter off, filter=0).
# Usage: bench/record/run.sh [REPS]
#   CCSP_PLUGIN  (default build/lib/libccsp_instrument.so)
#   CCSP_RUNTIME (default build/lib/libccsp_rt.a)   CCSP_BENCH_DIR (default build/bench-record)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reps="${1:-3}"
out="${CCSP_BENCH_DIR:-$root/build/bench-record}"
plugin="${CCSP_PLUGIN:-$root/build/lib/libccsp_instrument.so}"
runtime="${CCSP_RUNTIME:-$root/build/lib/libccsp_rt.a}"
CXX="${CXX:-clang++-19}"
mkdir -p "$out"
for f in "$plugin" "$runtime"; do
  [[ -f "$f" ]] || { echo "run.sh: missing $f (build ccsp_instrument and ccsp_rt first)" >&2; exit 2; }
done

flags=(-std=c++20 -O2 -g -pthread)
"$CXX" "${flags[@]}" "$here/record_bench.cc" -o "$out/plain"
"$CXX" "${flags[@]}" -fsanitize=thread "$here/record_bench.cc" -o "$out/tsan"
"$CXX" "${flags[@]}" -fpass-plugin="$plugin" -I"$root/rtlib/include" "$here/record_bench.cc" -o "$out/ccsp" \
  -Wl,--whole-archive "$runtime" -Wl,--no-whole-archive \
  -Wl,--dynamic-list="$root/rtlib/ccsp_rt.dynamic-list" -ldl
"$CXX" -std=c++20 -O2 -I"$root/rtlib/include" "$here/trace_stats.cc" -o "$out/trace_stats"

# measure BINARY CASE [ENV...] -> "seconds maxrss_kib" of the fastest of $reps runs
measure() {
  local bin="$1" case="$2"; shift 2
  local best="" best_rss=""
  for _ in $(seq "$reps"); do
    local line
    line="$(env "$@" /usr/bin/time -f "%e %M" "$bin" "$case" 2>&1 >/dev/null | tail -1)"
    local t="${line% *}" m="${line#* }"
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best="$t"; best_rss="$m"; fi
  done
  echo "$best $best_rss"
}

trace="$out/trace.bin"
opts="trace_path=$trace:watchdog=0"
printf "%-18s %8s %7s %7s %9s | %8s %7s %7s | %9s %8s\n" \
  case plain_s tsan_x ccsp_x ccsp/tsan plain_MiB tsan_x ccsp_x trace_MiB B/access
for c in mutex_counter rwlock_map atomic_queue compute_arrays producer_consumer; do
  read -r tp mp <<<"$(measure "$out/plain" "$c")"
  read -r tt mt <<<"$(measure "$out/tsan" "$c")"
  read -r tc mc <<<"$(measure "$out/ccsp" "$c" CCSP_OPTIONS="$opts")"
  read -r fbytes _ _ _ _ _ <<<"$("$out/trace_stats" "$trace")"
  env CCSP_OPTIONS="$opts:filter=0" "$out/ccsp" "$c" >/dev/null
  read -r _ _ acc rng _ _ <<<"$("$out/trace_stats" "$trace")"
  awk -v c="$c" -v tp="$tp" -v tt="$tt" -v tc="$tc" -v mp="$mp" -v mt="$mt" -v mc="$mc" \
      -v fb="$fbytes" -v acc="$acc" -v rng="$rng" 'BEGIN{
    if (tp <= 0) tp = 0.01;
    printf "%-18s %8.2f %7.1f %7.1f %9.2f | %8.1f %7.1f %7.1f | %9.1f %8.2f\n",
      c, tp, tt/tp, tc/tp, tc/tt, mp/1024, mt/mp, mc/mp, fb/1048576, fb/((acc+rng) > 0 ? acc+rng : 1) }'
done
rm -f "$trace"
printf "machine: %s cores; %s; best of %s runs\n" "$(nproc)" "$("$CXX" --version | head -1)" "$reps"
