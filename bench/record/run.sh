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
"$CXX" -std=c++20 -O2 -I"$root/rtlib/include" -I"$root/rtlib" "$here/trace_stats.cc" \
  "$root/rtlib/trace/chunk_chain.cc" -o "$out/trace_stats"

# measure BINARY CASE [ENV...] -> "wall_s maxrss_kib cpu_s" of the fastest of $reps runs
# (cpu = user + sys: less sensitive than wall time to other load on a shared machine)
measure() {
  local bin="$1" case="$2"; shift 2
  local best="" best_rss="" best_cpu=""
  for _ in $(seq "$reps"); do
    local t m u s
    read -r t m u s <<<"$(env "$@" /usr/bin/time -f "%e %M %U %S" "$bin" "$case" 2>&1 >/dev/null | tail -1)"
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best="$t"; best_rss="$m"; best_cpu="$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')"
    fi
  done
  echo "$best $best_rss $best_cpu"
}

trace="$out/trace.bin"
opts="trace_path=$trace:watchdog=0"
printf "%-18s %7s %6s %6s %9s | %6s %6s %9s | %9s %6s %6s | %9s %8s\n" \
  case plain_s tsan_x ccsp_x ccsp/tsan cpu_ts cpu_cc cpu_cc/ts plain_MiB tsan_x ccsp_x trace_MiB B/access
for c in mutex_counter rwlock_map atomic_queue compute_arrays producer_consumer; do
  read -r tp mp cp <<<"$(measure "$out/plain" "$c")"
  read -r tt mt ct <<<"$(measure "$out/tsan" "$c")"
  read -r tc mc cc <<<"$(measure "$out/ccsp" "$c" CCSP_OPTIONS="$opts")"
  read -r fbytes _ _ _ _ _ <<<"$("$out/trace_stats" "$trace")"
  env CCSP_OPTIONS="$opts:filter=0" "$out/ccsp" "$c" >/dev/null
  read -r _ _ acc rng _ _ <<<"$("$out/trace_stats" "$trace")"
  awk -v c="$c" -v tp="$tp" -v tt="$tt" -v tc="$tc" -v mp="$mp" -v mt="$mt" -v mc="$mc" \
      -v cp="$cp" -v ct="$ct" -v cc="$cc" -v fb="$fbytes" -v acc="$acc" -v rng="$rng" 'BEGIN{
    if (tp <= 0) tp = 0.01;
    if (cp <= 0) cp = 0.01;
    printf "%-18s %7.2f %6.1f %6.1f %9.2f | %6.1f %6.1f %9.2f | %9.1f %6.1f %6.1f | %9.1f %8.2f\n",
      c, tp, tt/tp, tc/tp, tc/tt, ct/cp, cc/cp, cc/ct, mp/1024, mt/mp, mc/mp, fb/1048576,
      fb/((acc+rng) > 0 ? acc+rng : 1) }'
done
rm -f "$trace"
printf "machine: %s cores, load average %s; %s; best of %s runs\n" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$CXX" --version | head -1)" "$reps"
echo "x = relative to plain (wall time, cpu = user+sys, peak RSS); B/access = trace bytes per executed access"
