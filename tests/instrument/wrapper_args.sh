#!/usr/bin/env bash
# The wrappers' argument handling, checked against a stand-in compiler that prints the command
# line it receives: which flags are added for compiling, linking, shared libraries, -g, queries
# without inputs, "--" and response files; --ccsp-print-flags; missing runtime.
#   wrapper_args.sh <ccsp-cc> <ccsp-c++> <work-dir>
set -euo pipefail
cc=$1
cxx=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fake=$work/fake-clang
printf '#!/bin/sh\nfor a in "$@"; do printf "%%s\\n" "$a"; done\n' >"$fake"
chmod +x "$fake"
touch "$work/libfake_rt.a" "$work/plugin.so"
export CCSP_CLANG=$fake CCSP_CLANGXX=$fake CCSP_RUNTIME=$work/libfake_rt.a
export CCSP_PLUGIN=$work/plugin.so
unset CCSP_DYNAMIC_LIST

failures=0
# expect <description> <has|lacks> <line> -- <wrapper> <args...>
expect() {
  local what=$1 mode=$2 line=$3
  shift 4
  local out
  out=$("$@")
  local found=0
  grep -qxF -- "$line" <<<"$out" && found=1
  if [[ $mode == has && $found == 0 ]] || [[ $mode == lacks && $found == 1 ]]; then
    echo "FAIL: $what: expected the command to $mode '$line'; got:" >&2
    sed 's/^/    /' <<<"$out" >&2
    failures=$((failures + 1))
  fi
}

rt=$work/libfake_rt.a
expect "compile adds the plugin" has "-fpass-plugin=$work/plugin.so" -- "$cc" -c a.c
expect "compile adds line tables" has "-gline-tables-only" -- "$cc" -c a.c
expect "compile adds linkage names" has "-fdebug-info-for-profiling" -- "$cc" -c a.c
expect "compile adds the API headers" has "-I$(cd "$(dirname "$0")/../.." && pwd)/rtlib/include" -- "$cc" -c a.c
expect "compile links nothing" lacks "$rt" -- "$cc" -c a.c
expect "-S links nothing" lacks "$rt" -- "$cc" -S a.c
expect "-E links nothing" lacks "$rt" -- "$cc" -E a.c
expect "-M links nothing" lacks "$rt" -- "$cc" -M a.c
expect "-fsyntax-only links nothing" lacks "$rt" -- "$cc" -fsyntax-only a.c
expect "link adds the runtime" has "$rt" -- "$cc" a.o -o prog
expect "link adds the whole archive" has "-Wl,--whole-archive" -- "$cxx" a.o b.o -o prog
expect "link adds -ldl" has "-ldl" -- "$cxx" a.o -o prog
expect "compile+link adds the runtime" has "$rt" -- "$cxx" -O2 a.cpp -o prog
expect "-shared carries no runtime" lacks "$rt" -- "$cc" -shared -fPIC a.c -o liba.so
expect "-r carries no runtime" lacks "$rt" -- "$cc" -r a.o b.o -o c.o
expect "-nostdlib carries no runtime" lacks "$rt" -- "$cc" -nostdlib a.o -o prog
expect "--version links nothing" lacks "$rt" -- "$cc" --version
expect "-v alone links nothing" lacks "$rt" -- "$cc" -v
expect "-o value is not an input" lacks "$rt" -- "$cc" -o prog
expect "response files are inputs" has "$rt" -- "$cc" @objects.rsp -o prog
expect "user -g is kept" lacks "-gline-tables-only" -- "$cc" -g -c a.c
expect "user -g0 is respected" lacks "-gline-tables-only" -- "$cc" -g0 -c a.c
expect "user -gdwarf-4 is kept" lacks "-gline-tables-only" -- "$cc" -gdwarf-4 -c a.c
expect "-gz is not a debug level" has "-gline-tables-only" -- "$cc" -gz -c a.c
expect "user arguments pass through" has "-DNAME=a b" -- "$cc" "-DNAME=a b" -c a.c
expect "-Wl arguments pass through" has "-Wl,--as-needed" -- "$cc" -Wl,--as-needed a.o -o prog

# Link flags go before "--" (after it everything is a file name).
out=$("$cc" a.o -o prog -- b.o)
if [[ $(grep -nxF -- "$rt" <<<"$out" | cut -d: -f1) -gt $(grep -nxF -- "--" <<<"$out" | cut -d: -f1) ]]; then
  echo "FAIL: link flags after --" >&2
  failures=$((failures + 1))
fi

# --ccsp-print-flags prints the flags on one line and runs nothing.
flags=$("$cxx" --ccsp-print-flags)
for f in "-fpass-plugin=$work/plugin.so" -gline-tables-only "$rt" -lpthread; do
  [[ " $flags " == *" $f "* ]] || { echo "FAIL: --ccsp-print-flags lacks $f: $flags" >&2; failures=$((failures + 1)); }
done
[[ $("$cc" --ccsp-print-compile-flags) != *"$rt"* ]] ||
  { echo "FAIL: --ccsp-print-compile-flags has link flags" >&2; failures=$((failures + 1)); }

# A missing runtime is one clear error, not a linker failure.
if err=$(CCSP_RUNTIME=$work/missing.a "$cc" a.o -o prog 2>&1); then
  echo "FAIL: a missing runtime was not an error" >&2
  failures=$((failures + 1))
elif [[ $err != *"runtime library not found"* ]]; then
  echo "FAIL: unclear error for a missing runtime: $err" >&2
  failures=$((failures + 1))
fi

if ((failures)); then
  echo "wrapper_args: $failures failure(s)" >&2
  exit 1
fi
echo "wrapper_args: ok"
