#!/usr/bin/env bash
# Builds the project next to this script the way a user would adopt ccsp on an existing code
# base: CC=ccsp-cc CXX=ccsp-c++ cmake. Then runs it and checks the output, that the shared
# library is instrumented but carries no runtime, and (with the test runtime) that every
# translation unit registered its site table.
#   run_cmake_project.sh --cc <ccsp-cc> --cxx <ccsp-c++> --runtime fake:<lib>|real --work <dir>
#                        [--build-type Release]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_type=Release
while (($#)); do
  case $1 in
    --cc) cc=$2; shift 2 ;;
    --cxx) cxx=$2; shift 2 ;;
    --runtime) runtime=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --build-type) build_type=$2; shift 2 ;;
    *) echo "run_cmake_project: unknown argument $1" >&2; exit 2 ;;
  esac
done
fail() {
  echo "run_cmake_project: FAIL: $*" >&2
  exit 1
}
if [[ $runtime == fake:* ]]; then
  export CCSP_RUNTIME=${runtime#fake:}
fi
rm -rf "$work"
mkdir -p "$work/run"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

CC=$cc CXX=$cxx cmake -S "$here" -B "$work/build" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE="$build_type" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log" >&2; fail "configure failed"; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build failed"; }

# (nm output is captured first: grep -q closing the pipe early would fail it under pipefail)
lib_defined=$(nm -D --defined-only "$work/build/libtally.so")
lib_undefined=$(nm -D --undefined-only "$work/build/libtally.so")
exe_symbols=$(nm "$work/build/demo")
grep -q " __ccsp_register_module$" <<<"$lib_defined" && fail "the shared library contains the runtime"
grep -q " __ccsp_func_entry$" <<<"$lib_undefined" || fail "the shared library is not instrumented"
grep -q " T __ccsp_register_module$" <<<"$exe_symbols" ||
  fail "the executable does not contain the runtime"

(cd "$work/run" && CCSP_FAKE_RT_OUT=$work/report.txt "$work/build/demo" >stdout) ||
  fail "demo exited with $?"
diff -u "$here/expected_output.txt" "$work/run/stdout" || fail "unexpected output"
if [[ $runtime == fake:* ]]; then
  grep -q "^errors=0$" "$work/report.txt" || { cat "$work/report.txt" >&2; fail "runtime errors"; }
  modules=$(sed -n 's/^modules=//p' "$work/report.txt")
  ((modules == 3)) || fail "$modules modules registered, expected 3 (main, shapes, tally)"
  grep -q "^module .*tally.c " "$work/report.txt" || fail "the shared library did not register"
else
  compgen -G "$work/run/ccsp-trace.*.bin" >/dev/null || fail "no trace file written"
fi
echo "run_cmake_project: ok ($build_type)"
