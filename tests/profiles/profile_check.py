#!/usr/bin/env python3
"""End-to-end profile check: runs an instrumented program, writes its profiles with
`ccsp-analyze profile` (and its timeline), reads each profile back with the real client
(`go tool pprof -raw`, also -top and -traces, none of which may print anything on stderr) and
checks the figures written in the program:

  // PROFILE: <type> <sample_type> at <function> in <lo> <hi>
      the values of that column summed over samples whose innermost frame in the program's own
      file is <function> lie in [lo, hi]
  // PROFILE: <type> <sample_type> ratio <f> <g> in <lo> <hi>
      the sum at f divided by the sum at g
  // PROFILE-LABEL: <type> <function> <key> <value>
      every sample at <function> has the label key:[value]
  // TIMELINE: <from-name> -> <to-name> <lo> <hi>
      the timeline has lo..hi arrows from a slice named <from-name> to one named <to-name>,
      each between two different tracks; no arrow end is dangling

Exit 0 pass, 1 fail (naming what and printing the commands), 77 skip (no go binary)."""
import argparse
import collections
import json
import os
import re
import shlex
import subprocess
import sys

PROFILE = re.compile(r"//\s*PROFILE:\s*(\S+)\s+(\S+)\s+(at|ratio)\s+(.*?)\s+in\s+(\S+)\s+(\S+)\s*$")
LABEL = re.compile(r"//\s*PROFILE-LABEL:\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")
TIMELINE = re.compile(r"//\s*TIMELINE:\s*(.+?)\s+->\s+(.+?)\s+(\d+)\s+(\d+)\s*$")


def run(cmd, log, **kw):
    log.append(" ".join(shlex.quote(c) for c in cmd))
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def parse_raw(text):
    """`go tool pprof -raw`: sample types, samples (values, location ids, labels), locations."""
    types, samples, locations = [], [], {}
    section, last = None, None
    for line in text.splitlines():
        if line == "Samples:":
            section = "samples"
            continue
        if line == "Locations":
            section = "locations"
            continue
        if line == "Mappings":
            section = "mappings"
            continue
        if section == "samples":
            if not types:
                types = [t.replace("[dflt]", "") for t in line.split()]
                continue
            m = re.match(r"^\s+([-\d ]+):((?: \d+)*) ?$", line)
            if m:
                samples.append({"values": [int(v) for v in m.group(1).split()],
                                "locs": [int(i) for i in m.group(2).split()], "labels": {}})
                continue
            m = re.match(r"^\s+([^\s:]+):\[(.*)\]$", line)
            if m and samples:
                samples[-1]["labels"][m.group(1)] = m.group(2)
        elif section == "locations":
            m = re.match(r"^\s+(\d+): 0x[0-9a-f]+ M=\d+ (.*)$", line)
            if m:
                last = int(m.group(1))
                locations[last] = [m.group(2)]
            elif last is not None and re.match(r"^\s{6,}\S", line):
                locations[last].append(line.strip())
    return types, samples, locations


def frame_of(printed):
    """'holder() /path/lock_holder.cpp:28 s=0()' -> ('holder()', '/path/lock_holder.cpp')."""
    m = re.match(r"^(.*) (\S+):(\d+) s=\d+\(.*\)$", printed)
    return (m.group(1), m.group(2)) if m else (printed, "")


def short_name(function):
    """'ccsp::chan<int> stage<X>(a, b) const' -> 'stage'; 'holder()' -> 'holder'."""
    depth, out = 0, ""
    for c in function:
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif c == "(" and depth == 0:
            break
        elif depth == 0:
            out = "" if c == " " else out + c
    return out.split("::")[-1]


def user_function(sample, locations, source):
    """The innermost frame of the sample that lies in the program's own file."""
    base = os.path.basename(source)
    for loc in sample["locs"]:
        for printed in locations.get(loc, []):
            fn, path = frame_of(printed)
            if os.path.basename(path) == base:
                return short_name(fn)
    return None


def check_timeline(path, rules, errors):
    events = json.load(open(path))["traceEvents"]
    ends = collections.defaultdict(dict)
    for e in events:
        if "bind_id" in e:
            side = "out" if e.get("flow_out") else "in"
            if side in ends[e["bind_id"]]:
                errors.append(f"timeline: arrow {e['bind_id']} has two {side} ends")
            ends[e["bind_id"]][side] = e
    counts = collections.Counter()
    for bid, sides in ends.items():
        if set(sides) != {"in", "out"}:
            errors.append(f"timeline: arrow {bid} is dangling ({list(sides)} only)")
            continue
        if sides["in"]["tid"] == sides["out"]["tid"]:
            errors.append(f"timeline: arrow {bid} stays on track {sides['in']['tid']}")
        if sides["in"]["ts"] < sides["out"]["ts"]:
            errors.append(f"timeline: arrow {bid} arrives before it leaves")
        counts[(sides["out"]["name"], sides["in"]["name"])] += 1
    for src, dst, lo, hi in rules:
        n = counts[(src, dst)]
        if not int(lo) <= n <= int(hi):
            errors.append(f"timeline: {n} arrows {src} -> {dst}, expected {lo}..{hi} "
                          f"(all arrows: {dict(counts)})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--analyzer", required=True)
    ap.add_argument("--go", default="")
    ap.add_argument("--work", required=True)
    ap.add_argument("--timeline", action="append", default=[],
                    help="extra TIMELINE rule 'from -> to lo hi' (for sources we do not own)")
    args = ap.parse_args()
    text = open(args.source).read()
    rules = [PROFILE.search(l).groups() for l in text.splitlines() if PROFILE.search(l)]
    labels = [LABEL.search(l).groups() for l in text.splitlines() if LABEL.search(l)]
    timeline = [TIMELINE.search(l).groups() for l in text.splitlines() if TIMELINE.search(l)]
    timeline += [TIMELINE.search("// TIMELINE: " + t).groups() for t in args.timeline]
    if rules and not (args.go and os.access(args.go, os.X_OK)):
        print("SKIP: go not found: install Debian's golang-go to read profiles with go tool pprof")
        return 77
    os.makedirs(args.work, exist_ok=True)
    trace = os.path.join(args.work, "trace.bin")
    if os.path.exists(trace):
        os.unlink(trace)
    log, errors = [], []
    env = dict(os.environ, CCSP_OPTIONS="trace_path=" + trace)
    prog = run([args.exe], log, env=env, timeout=60)
    if not os.path.exists(trace):
        print(f"FAIL: {args.exe} wrote no trace\n{prog.stderr}")
        return 1
    for ptype in sorted({r[0] for r in rules} | {l[0] for l in labels}):
        out = os.path.join(args.work, ptype + ".pb.gz")
        r = run([args.analyzer, "profile", "--type=" + ptype, trace, "-o", out], log)
        if r.returncode != 0:
            errors.append(f"ccsp-analyze profile --type={ptype} failed ({r.returncode}): {r.stderr.strip()}")
            continue
        raw = None
        for view in ("-raw", "-top", "-traces"):
            p = run([args.go, "tool", "pprof", view, out], log)
            if p.returncode != 0 or p.stderr.strip():
                errors.append(f"go tool pprof {view} {out}: exit {p.returncode}, stderr: {p.stderr.strip()}")
            if view == "-raw":
                raw = p.stdout
        types, samples, locations = parse_raw(raw or "")
        by_fn = collections.defaultdict(lambda: [0] * len(types))
        for s in samples:
            fn = user_function(s, locations, args.source)
            for i, v in enumerate(s["values"]):
                by_fn[fn][i] += v
        for (rtype, column, how, what, lo, hi) in rules:
            if rtype != ptype:
                continue
            if column not in types:
                errors.append(f"{ptype}: no sample type {column} (has {types})")
                continue
            col = types.index(column)
            names = what.split()
            if how == "at":
                got = by_fn[names[0]][col] if names[0] in by_fn else 0
            else:
                den = by_fn[names[1]][col] if names[1] in by_fn else 0
                got = (by_fn[names[0]][col] if names[0] in by_fn else 0) / den if den else float("inf")
            status = "ok" if float(lo) <= got <= float(hi) else "FAIL"
            print(f"{status}: {ptype} {column} {how} {what} = {got} (expected {lo}..{hi})")
            if status != "ok":
                errors.append(f"{ptype} {column} {how} {what} = {got}, expected {lo}..{hi}; by function: "
                              + str({k: v for k, v in by_fn.items()}))
        for (ltype, fn, key, value) in labels:
            if ltype != ptype:
                continue
            at = [s for s in samples if user_function(s, locations, args.source) == fn]
            bad = [s["labels"] for s in at if s["labels"].get(key) != value]
            if not at or bad:
                errors.append(f"{ptype}: samples at {fn} should all have {key}:[{value}]; got "
                              f"{[s['labels'] for s in at]}")
            else:
                print(f"ok: {ptype} label {key}:[{value}] at {fn}")
    if timeline:
        out = os.path.join(args.work, "timeline.json")
        r = run([args.analyzer, "timeline", trace, "-o", out], log)
        if r.returncode != 0:
            errors.append(f"ccsp-analyze timeline failed ({r.returncode}): {r.stderr.strip()}")
        else:
            check_timeline(out, timeline, errors)
            if not errors:
                print(f"ok: timeline arrows {[t[:2] for t in timeline]}")
    if errors:
        print("FAIL:\n  " + "\n  ".join(errors))
        print("commands:\n  " + "\n  ".join(log))
        print("program stderr:\n" + prog.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
