#!/usr/bin/env bash
# ccsp's profiles next to Go's (not a test): builds the programs of tests/profiles/ with
# ccsp-c++ and their Go twins here with Debian's golang-go, runs each, writes ccsp's profiles
# with `ccsp-analyze profile` and Go's with runtime/pprof, reads both back with `go tool pprof
# -raw` (figures.py) and prints one table row per figure.
# Usage: bench/profiles/run.sh        CCSP_BUILD (default build) holds bin/ccsp-c++, bin/ccsp-analyze
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${CCSP_BUILD:-$root/build}"
out="${CCSP_BENCH_DIR:-$build/bench-profiles}"
cxx="$build/bin/ccsp-c++"
analyze="$build/bin/ccsp-analyze"
go="${GO:-go}"
for f in "$cxx" "$analyze"; do
  [[ -x "$f" ]] || { echo "run.sh: missing $f (build ccsp-c++ and ccsp-analyze first)" >&2; exit 2; }
done
command -v "$go" >/dev/null || { echo "run.sh: no go binary (install Debian's golang-go)" >&2; exit 2; }
export GOCACHE="${GOCACHE:-$out/gocache}" GO111MODULE=off
mkdir -p "$out"

cases=(lock_holder recv_blocked parked allocs busy_ratio)
for c in "${cases[@]}"; do
  mkdir -p "$out/$c/ccsp" "$out/$c/go"
  "$cxx" -std=c++20 -g -O1 "$root/tests/profiles/$c.cpp" -o "$out/$c/$c"
  "$go" build -o "$out/$c/$c-go" "$here/$c.go"
  CCSP_OPTIONS="trace_path=$out/$c/trace.bin" "$out/$c/$c" >/dev/null
  "$out/$c/$c-go" "$out/$c/go"
done
profile() {  # CASE TYPE: ccsp's profile of the case
  "$analyze" profile --no-progress --type="$2" "$out/$1/trace.bin" -o "$out/$1/ccsp/$2.pb.gz"
}
profile lock_holder mutex; profile lock_holder block; profile recv_blocked block
profile parked task; profile allocs heap; profile busy_ratio cpu

# row CASE PROFILE SAMPLE_TYPE FUNCTION DESCRIPTION [SCALE UNIT]
row() {
  local c="$1" p="$2" col="$3" fn="$4" what="$5" scale="${6:-1}" unit="${7:-}"
  local a b
  a="$(python3 "$here/figures.py" "$go" "$out/$c/ccsp/$p.pb.gz" "$c.cpp" "$col" "$fn")"
  b="$(python3 "$here/figures.py" "$go" "$out/$c/go/$p.pb.gz" "$c.go" "$col" "$fn")"
  awk -v c="$c" -v w="$what" -v a="$a" -v b="$b" -v s="$scale" -v u="$unit" 'BEGIN{
    f = s == 1 ? "%-13s %-40s %12d %12d %s\n" : "%-13s %-40s %12.1f %12.1f %s\n"
    printf f, c, w, a / s, b / s, u }'
}
printf "%-13s %-40s %12s %12s\n" case figure ccsp "go $("$go" env GOVERSION)"
row lock_holder mutex delay/nanoseconds holder "mutex delay at holder's unlock" 1e6 ms
row lock_holder mutex contentions/count holder "mutex contentions at holder's unlock"
row lock_holder block delay/nanoseconds waiter "block delay at waiter's lock" 1e6 ms
row lock_holder block contentions/count waiter "block contentions at waiter's lock"
row recv_blocked block delay/nanoseconds receiver "block delay at receiver's receive" 1e6 ms
row parked task goroutine/count parked "tasks parked at parked()"
row allocs heap alloc_objects/count make_blocks "alloc_objects at make_blocks"
row allocs heap alloc_space/bytes make_blocks "alloc_space at make_blocks" 1 B
row allocs heap inuse_objects/count make_blocks "inuse_objects at make_blocks"
row allocs heap inuse_space/bytes make_blocks "inuse_space at make_blocks" 1 B
row busy_ratio cpu cpu/nanoseconds cum:heavy "cpu in heavy()" 1e6 ms
row busy_ratio cpu cpu/nanoseconds cum:light "cpu in light()" 1e6 ms
printf "machine: %s cores, load average %s\n" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
