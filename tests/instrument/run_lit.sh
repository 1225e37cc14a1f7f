#!/usr/bin/env bash
# A small lit: runs the `RUN:` lines of one test file (a trailing `\` continues a line) through
# bash with pipefail, after substituting %s (the file), %S (its directory), %t (a scratch path)
# and every %name given as name=value on the command line. Fails on the first failing line.
#   run_lit.sh <test-file> <work-dir> [name=value]...
set -euo pipefail
test_file=$(realpath "$1")
work=$2
shift 2
mkdir -p "$work"
rm -rf "${work:?}"/*

names=()
declare -A values
for kv in "$@"; do
  names+=("${kv%%=*}")
  values[${kv%%=*}]=${kv#*=}
done
# Longest names first, so that %clangxx is not read as %clang followed by "xx".
mapfile -t names < <(for n in "${names[@]}"; do echo "${#n} $n"; done | sort -rn | cut -d' ' -f2)

runs=()
current=""
while IFS= read -r line; do
  [[ $line =~ RUN:[[:space:]]?(.*)$ ]] || continue
  part=${BASH_REMATCH[1]}
  if [[ $part == *\\ ]]; then
    current+="${part%\\} "
  else
    runs+=("$current$part")
    current=""
  fi
done <"$test_file"
if ((${#runs[@]} == 0)); then
  echo "run_lit: no RUN: lines in $test_file" >&2
  exit 1
fi

for cmd in "${runs[@]}"; do
  for n in "${names[@]}"; do cmd=${cmd//%$n/${values[$n]}}; done
  cmd=${cmd//%s/$test_file}
  cmd=${cmd//%S/$(dirname "$test_file")}
  cmd=${cmd//%t/$work/t}
  echo "RUN: $cmd"
  if ! (cd "$work" && bash -o pipefail -c "$cmd"); then
    echo "run_lit: FAILED: $cmd" >&2
    exit 1
  fi
done
