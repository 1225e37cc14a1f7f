#!/usr/bin/env bash
# End-to-end check of the compiler wrappers: builds a program with plain clang and with
# ccsp-cc/ccsp-c++ at each optimization level, runs both, and requires identical stdout.
# With the test runtime (fake) it also checks what the instrumentation called; with the real
# runtime, that the run left a trace file.
#   run_e2e.sh --wrapper <ccsp-cc|ccsp-c++> --plain <clang|clang++> --runtime fake:<lib>|real
#              --work <dir> [--separate] [--opt "0 2"] [--flags "..."] -- <sources...>
# --separate compiles each source with -c and links in a second step.
set -euo pipefail

opts="0 2"
flags=""
separate=0
while (($#)); do
  case $1 in
    --wrapper) wrapper=$2; shift 2 ;;
    --plain) plain=$2; shift 2 ;;
    --runtime) runtime=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --opt) opts=$2; shift 2 ;;
    --flags) flags=$2; shift 2 ;;
    --separate) separate=1; shift ;;
    --) shift; break ;;
    *) echo "run_e2e: unknown argument $1" >&2; exit 2 ;;
  esac
done
sources=("$@")
rm -rf "$work"
mkdir -p "$work"

if [[ $runtime == fake:* ]]; then
  export CCSP_RUNTIME=${runtime#fake:}
fi

fail() {
  echo "run_e2e: FAIL: $*" >&2
  exit 1
}

# build <compiler> <output> <opt>: one step, or -c per source then a link step.
build() {
  local cc=$1 out=$2 opt=$3
  # shellcheck disable=SC2086
  if ((separate)); then
    local objs=() i=0
    for src in "${sources[@]}"; do
      objs+=("$out.$i.o")
      $cc -O"$opt" $flags -c "$src" -o "$out.$i.o"
      i=$((i + 1))
    done
    $cc -O"$opt" "${objs[@]}" -o "$out" -lpthread
  else
    $cc -O"$opt" $flags "${sources[@]}" -o "$out" -lpthread
  fi
}

# value <report> <key>
value() { sed -n "s/^$2=//p" "$1"; }

check_fake_report() {
  local report=$1
  [[ -s $report ]] || fail "no report from the test runtime ($report)"
  local errors entries exits reads=0 writes=0
  errors=$(value "$report" errors)
  [[ $errors == 0 ]] || { cat "$report" >&2; fail "the test runtime saw $errors errors"; }
  entries=$(value "$report" entries)
  exits=$(value "$report" exits)
  ((entries > 0)) || fail "no function entries"
  ((entries == exits)) || fail "entries ($entries) != exits ($exits)"
  for n in 1 2 4 8 16; do
    reads=$((reads + $(value "$report" read$n)))
    writes=$((writes + $(value "$report" write$n)))
  done
  ((reads > 0 && writes > 0)) || fail "no plain reads/writes ($reads/$writes)"
  for key in range_reads range_writes atomic_load atomic_store atomic_rmw atomic_cas_ok \
             fences entries_with_callsite; do
    (($(value "$report" $key) > 0)) || fail "no $key in $report"
  done
  local modules
  modules=$(value "$report" modules)
  ((modules == ${#sources[@]})) || fail "$modules modules registered, expected ${#sources[@]}"
}

for opt in $opts; do
  dir=$work/O$opt
  mkdir -p "$dir/plain" "$dir/ccsp"
  build "$plain" "$dir/plain/prog" "$opt"
  build "$wrapper" "$dir/ccsp/prog" "$opt"
  (cd "$dir/plain" && ./prog >stdout) || fail "-O$opt: the plain build exited with $?"
  (cd "$dir/ccsp" && CCSP_FAKE_RT_OUT=$dir/report.txt ./prog >stdout) ||
    fail "-O$opt: the instrumented build exited with $?"
  diff -u "$dir/plain/stdout" "$dir/ccsp/stdout" || fail "-O$opt: outputs differ"
  if [[ $runtime == fake:* ]]; then
    check_fake_report "$dir/report.txt"
  else
    compgen -G "$dir/ccsp/ccsp-trace.*.bin" >/dev/null || fail "-O$opt: no trace file written"
  fi
  echo "run_e2e: -O$opt ok ($(wc -l <"$dir/plain/stdout") lines of identical output)"
done
