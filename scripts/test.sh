#!/usr/bin/env bash
# Command 2 of the README: set up, build, run the whole test suite (unit tests, pass tests,
# end-to-end cases and samples). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd "${CCSP_BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)" --timeout 600
