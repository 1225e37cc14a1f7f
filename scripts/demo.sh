#!/usr/bin/env bash
# Command 1 of the README: set up, build, compile a bundled sample with instrumentation, run
# it under ccsp-analyze and print the report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BIN=${CCSP_BUILD_DIR:-build}/bin
SAMPLE=${1:-samples/ch1/data_race.cpp}
OUT=${CCSP_BUILD_DIR:-build}/demo
mkdir -p "$OUT"
exe="$OUT/$(basename "${SAMPLE%.*}")"
echo "== compiling $SAMPLE with ccsp-c++"
"$BIN/ccsp-c++" -std=c++20 -g -O1 "$SAMPLE" -o "$exe"
echo "== ccsp-analyze run -- $exe"
set +e
"$BIN/ccsp-analyze" run -- "$exe"
status=$?
set -e
echo "== ccsp-analyze exited with $status (66: reports found, 0: clean)"
[[ $status -eq 0 || $status -eq 66 ]]
