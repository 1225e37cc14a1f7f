#!/usr/bin/env bash
# What CPU sampling costs the recording (not a test). Two measurements, each run REPS times per
# rate, rates interleaved, the median kept:
#  1. bench/record/record_bench.cc built with ccsp as bench/record/run.sh builds it, every case
#     with CCSP_OPTIONS cpu_profile_hz=0, 100 (the default) and 1000: wall and CPU (user+sys)
#     time relative to hz=0;
#  2. sampling_cost.cc: one busy recorded task timing itself on its own thread CPU clock, which
#     other load on the machine disturbs least.
# Usage: bench/profiles/sampling_overhead.sh [REPS]
#   CCSP_PLUGIN (default build/lib/libccsp_instrument.so), CCSP_RUNTIME (build/lib/libccsp_rt.a),
#   CCSP_ANALYZE (build/bin/ccsp-analyze: counts the samples of one run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reps="${1:-9}"
out="${CCSP_BENCH_DIR:-$root/build/bench-sampling}"
plugin="${CCSP_PLUGIN:-$root/build/lib/libccsp_instrument.so}"
runtime="${CCSP_RUNTIME:-$root/build/lib/libccsp_rt.a}"
analyze="${CCSP_ANALYZE:-$root/build/bin/ccsp-analyze}"
CXX="${CXX:-clang++-19}"
mkdir -p "$out"
for f in "$plugin" "$runtime"; do
  [[ -f "$f" ]] || { echo "sampling_overhead.sh: missing $f" >&2; exit 2; }
done
build() {  # SOURCE OUTPUT
  "$CXX" -std=c++20 -O2 -g -pthread -fpass-plugin="$plugin" -I"$root/rtlib/include" "$1" -o "$2" \
    -Wl,--whole-archive "$runtime" -Wl,--no-whole-archive \
    -Wl,--dynamic-list="$root/rtlib/ccsp_rt.dynamic-list" -ldl
}
build "$root/bench/record/record_bench.cc" "$out/ccsp"
build "$here/sampling_cost.cc" "$out/sampling_cost"

trace="$out/trace.bin"
rates=(0 100 1000)
median() { sort -g | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
opts() { echo "trace_path=$trace:watchdog=0:cpu_profile_hz=$1"; }
samples() {  # CASE...: Sample records of one hz=100 run
  env CCSP_OPTIONS="$(opts 100)" "$@" >/dev/null 2>&1
  "$analyze" dump "$trace" 2>/dev/null | grep -c cpu-sample || true
}

printf "%-18s %8s | %9s %9s | %9s %9s | %7s\n" case cpu_s_hz0 wall_100 cpu_100 wall_1000 cpu_1000 samples
for c in mutex_counter rwlock_map atomic_queue compute_arrays producer_consumer; do
  tmp="$(mktemp -d)"
  for _ in $(seq "$reps"); do
    for hz in "${rates[@]}"; do
      read -r t u s <<<"$(env CCSP_OPTIONS="$(opts "$hz")" /usr/bin/time -f "%e %U %S" "$out/ccsp" "$c" 2>&1 >/dev/null | tail -1)"
      echo "$t" >>"$tmp/t$hz"
      awk -v u="$u" -v s="$s" 'BEGIN{print u+s}' >>"$tmp/c$hz"
    done
  done
  for hz in "${rates[@]}"; do
    eval "t$hz=$(median <"$tmp/t$hz")"; eval "c$hz=$(median <"$tmp/c$hz")"
  done
  rm -rf "$tmp"
  awk -v c="$c" -v t0="$t0" -v c0="$c0" -v t1="$t100" -v c1="$c100" -v t2="$t1000" -v c2="$c1000" \
      -v n="$(samples "$out/ccsp" "$c")" 'BEGIN{
    if (t0 <= 0) t0 = 0.01; if (c0 <= 0) c0 = 0.01;
    printf "%-18s %8.2f | %9.3f %9.3f | %9.3f %9.3f | %7s\n", c, c0, t1/t0, c1/c0, t2/t0, c2/c0, n }'
done
tmp="$(mktemp -d)"
for _ in $(seq "$((reps * 2 + 1))"); do
  for hz in "${rates[@]}"; do
    env CCSP_OPTIONS="$(opts "$hz")" "$out/sampling_cost" | cut -d' ' -f1 >>"$tmp/$hz"
  done
done
s0="$(median <"$tmp/0")"; s1="$(median <"$tmp/100")"; s2="$(median <"$tmp/1000")"
m0="$(sort -g "$tmp/0" | head -1)"; m1="$(sort -g "$tmp/100" | head -1)"; m2="$(sort -g "$tmp/1000" | head -1)"
rm -rf "$tmp"
n="$(samples "$out/sampling_cost")"
awk -v a="$s0" -v b="$s1" -v c="$s2" -v n="$n" 'BEGIN{
  printf "%-18s %8.2f | %9s %9.3f | %9s %9.3f | %7s   (median thread CPU time of the loop)\n",
    "one_busy_task", a/1e9, "-", b/a, "-", c/a, n }'
awk -v a="$m0" -v b="$m1" -v c="$m2" -v n="$n" 'BEGIN{
  printf "%-18s %8.2f | %9s %9.3f | %9s %9.3f | %7s   (fastest run: the least disturbed)\n",
    "one_busy_task", a/1e9, "-", b/a, "-", c/a, n }'
rm -f "$trace"
printf "machine: %s cores, load average %s; median of %s runs (one_busy_task: %s); x = relative to hz=0\n" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$reps" "$((reps * 2 + 1))"
echo "samples: Sample records in one hz=100 trace; kernel CPU timers fire at most once a tick (HZ=250 here), so hz=1000 delivers ~250 signals/s, each counting 4"
