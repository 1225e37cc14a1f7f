#!/usr/bin/env python3
"""The profile and timeline command lines: `profile --help` lists every type and its meaning;
bad input (unknown type, unwritable output, a CPU profile from a trace recorded with sampling
off) is one line on stderr and exit 2; `run --profile=...` writes the profiles next to the
report, named by type, and go tool pprof reads them without a warning; `timeline --max-events`
says what it cut. Usage: profile_cli_check.py --exe PROG --analyzer A --go GO --work DIR"""
import argparse
import os
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--analyzer", required=True)
    ap.add_argument("--go", default="")
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    errors = []

    def run(args, env=None, expect=0, lines=None):
        r = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, **(env or {})))
        if r.returncode != expect:
            errors.append(f"{' '.join(args)}: exit {r.returncode}, expected {expect}: {r.stderr.strip()}")
        err = [l for l in r.stderr.splitlines() if l.strip()]
        if lines is not None and len(err) != lines:
            errors.append(f"{' '.join(args)}: {len(err)} stderr lines, expected {lines}: {err}")
        return r

    trace = os.path.join(a.work, "trace.bin")
    run([a.exe], env={"CCSP_OPTIONS": "trace_path=" + trace})
    off = os.path.join(a.work, "nosamples.bin")
    run([a.exe], env={"CCSP_OPTIONS": "trace_path=" + off + ":cpu_profile_hz=0"})

    h = run([a.analyzer, "profile", "--help"])
    for word in ("mutex", "block", "task", "goroutine", "heap", "allocs", "cpu", "contentions/count",
                 "delay/nanoseconds", "inuse_space", "exact", "samples/count"):
        if word not in h.stdout:
            errors.append(f"profile --help does not mention {word}")

    r = run([a.analyzer, "profile", "--type=bogus", trace], expect=2, lines=1)
    if "unknown profile type 'bogus'" not in r.stderr:
        errors.append("unknown type: " + r.stderr)
    r = run([a.analyzer, "profile", "--type=mutex", trace, "-o", "/nonexistent/dir/m.pb.gz"], expect=2, lines=1)
    if "cannot write /nonexistent/dir/m.pb.gz" not in r.stderr:
        errors.append("unwritable: " + r.stderr)
    r = run([a.analyzer, "profile", "--type=cpu", off, "-o", os.path.join(a.work, "c.pb.gz")], expect=2, lines=1)
    if "cpu_profile_hz=0" not in r.stderr:
        errors.append("sampling off: " + r.stderr)
    r = run([a.analyzer, "run", "--profile=mutex,bogus", "--", a.exe], expect=2, lines=1)

    report = os.path.join(a.work, "out", "report.json")
    os.makedirs(os.path.dirname(report))
    run([a.analyzer, "run", "--profile=mutex,block,cpu,task,heap,allocs,timeline", "--format=json",
         "--output=" + report, "--", a.exe])
    for name in ("mutex.pb.gz", "block.pb.gz", "cpu.pb.gz", "task.pb.gz", "heap.pb.gz", "allocs.pb.gz",
                 "timeline.json", "report.json"):
        path = os.path.join(a.work, "out", name)
        if not os.path.exists(path):
            errors.append(f"run --profile wrote no {path}")
        elif name.endswith(".pb.gz") and a.go:
            p = subprocess.run([a.go, "tool", "pprof", "-raw", path], capture_output=True, text=True)
            if p.returncode != 0 or p.stderr.strip():
                errors.append(f"go tool pprof -raw {path}: {p.returncode} {p.stderr.strip()}")

    r = run([a.analyzer, "timeline", trace, "-o", os.path.join(a.work, "t.json"), "--max-events=5"])
    if "--max-events=5 reached" not in r.stderr:
        errors.append("timeline cap: no warning: " + r.stderr)

    if errors:
        print("FAIL:\n  " + "\n  ".join(errors))
        return 1
    print("ok: profile/timeline command lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
