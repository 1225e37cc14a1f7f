#!/usr/bin/env python3
"""Runs ccsp-vet over case programs and checks its findings against the expectations
written in them: `// VET: NAME` (or `VET: NAME, NAME2`, in any comment) on each line that must be flagged,
nothing on any other line. --expect FILE:LINE:NAME adds one for files without markers
(the samples). One ccsp-vet run per language; exit 0 when every file matches."""
import argparse
import os
import re
import subprocess
import sys

FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: (?P<msg>.*) "
                     r"\[ccsp-vet-(?P<check>[a-z]+)\]$")
MARKER = re.compile(r"\bVET:\s*(?P<names>[a-z]+(?:\s*,\s*[a-z]+)*)")


def expectations(path):
    want = set()
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            m = MARKER.search(text)
            if m:
                for name in m.group("names").replace(",", " ").split():
                    want.add((n, name))
    return want


def run_vet(vet, files, flags):
    cmd = [vet, "--format=text"] + files + ["--"] + flags
    p = subprocess.run(cmd, capture_output=True, text=True)
    found = {}
    for line in p.stdout.splitlines():
        m = FINDING.match(line)
        if m:
            key = os.path.realpath(m.group("file"))
            found.setdefault(key, set()).add((int(m.group("line")), m.group("check")))
    return p, found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vet", required=True)
    ap.add_argument("--include", required=True, help="the ccsp API include directory")
    ap.add_argument("--pch", help="a precompiled prefix header for the C++ files")
    ap.add_argument("--expect", action="append", default=[], help="FILE:LINE:NAME")
    ap.add_argument("paths", nargs="+", help="case files or directories")
    args = ap.parse_args()

    files = []
    for p in args.paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p)
                            if f.endswith((".c", ".cpp")))
        else:
            files.append(p)
    want = {os.path.realpath(f): expectations(f) for f in files}
    for e in args.expect:
        f, line, name = e.rsplit(":", 2)
        want.setdefault(os.path.realpath(f), set()).add((int(line), name))

    cxx = [f for f in files if f.endswith(".cpp")]
    c = [f for f in files if f.endswith(".c")]
    cxx_flags = ["-std=c++20", "-pthread", "-I" + args.include]
    if args.pch and os.path.exists(args.pch):
        cxx_flags += ["-include-pch", args.pch]
    failures = 0
    checked = 0
    for group, flags in ((cxx, cxx_flags), (c, ["-std=c11", "-pthread"])):
        if not group:
            continue
        proc, found = run_vet(args.vet, group, flags)
        expect_rc = 1 if any(want[os.path.realpath(f)] for f in group) else 0
        if proc.returncode != expect_rc:
            failures += 1
            print(f"FAIL: ccsp-vet exited {proc.returncode}, expected {expect_rc}")
            print(proc.stderr.strip())
        for f in group:
            key = os.path.realpath(f)
            got = found.get(key, set())
            checked += 1
            missing = sorted(want[key] - got)
            extra = sorted(got - want[key])
            for line, name in missing:
                print(f"FAIL: {f}:{line}: expected a [{name}] finding, got none")
            for line, name in extra:
                print(f"FAIL: {f}:{line}: unexpected [{name}] finding")
            if missing or extra:
                failures += 1
        if failures:
            print("ccsp-vet output:\n" + proc.stdout)
    print(f"vet cases: {checked} files, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
