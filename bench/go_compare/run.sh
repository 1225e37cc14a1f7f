#!/usr/bin/env bash
# Benchmark ccsp's Go-style API against Go itself (Debian golang-go): builds ccsp_bench.cc
# (uninstrumented, -O2) and go_bench.go, runs each case REPS times (best run kept) and prints
# ns/op for both and the ccsp/Go ratio. Usage: bench/go_compare/run.sh [REPS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reps="${1:-3}"
out="${CCSP_BENCH_DIR:-$root/build-api/bench}"
mkdir -p "$out"
CXX="${CXX:-clang++-19}"

"$CXX" -std=c++20 -O2 -DNDEBUG -pthread -I"$root/rtlib/include" "$here/ccsp_bench.cc" \
  -o "$out/ccsp_bench"
(cd "$here" && GOCACHE="${GOCACHE:-$out/gocache}" GO111MODULE=off go build -o "$out/go_bench" go_bench.go)

best() {  # best() BINARY CASE N -> lowest ns/op of $reps runs
  local b=""
  for _ in $(seq "$reps"); do
    local v
    v="$("$1" "$2" "$3" | awk '{print $2}')"
    if [[ -z "$b" ]] || awk -v a="$v" -v b="$b" 'BEGIN{exit !(a<b)}'; then b="$v"; fi
  done
  echo "$b"
}

printf "%-36s %12s %12s %10s\n" "case (ns/op, best of $reps)" "ccsp" "go" "ccsp/go"
while read -r name n label; do
  c="$(best "$out/ccsp_bench" "$name" "$n")"
  g="$(best "$out/go_bench" "$name" "$n")"
  ratio="$(awk -v c="$c" -v g="$g" 'BEGIN{printf "%.2f", c/g}')"
  printf "%-36s %12s %12s %10s\n" "$label" "$c" "$g" "$ratio"
done <<'CASES'
pingpong 200000 unbuffered ping-pong (round trip)
buffered1 2000000 buffered cap 128, 1 producer
buffered4 2000000 buffered cap 128, 4 producers
select4 1000000 select fan-in over 4 channels
spawn 10000 spawn+join 10000 tasks (per task)
CASES
printf "machine: %s cores, GOMAXPROCS=%s, %s\n" "$(nproc)" "${GOMAXPROCS:-default}" "$(go version | awk '{print $3}')"
