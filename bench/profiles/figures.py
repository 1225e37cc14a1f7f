#!/usr/bin/env python3
"""Prints one figure of a pprof profile, read with the real client (`go tool pprof -raw`): the
values of one sample type summed over the samples whose innermost frame in the given source
file is the given function (ccsp's "holder()" and Go's "main.holder" both match "holder");
"cum:FUNCTION" sums the samples with FUNCTION anywhere in their stack instead.
Usage: figures.py GO PROFILE SOURCE_BASENAME SAMPLE_TYPE FUNCTION"""
import re
import subprocess
import sys


def short(name):
    depth, out = 0, ""
    for c in name:
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif c == "(" and depth == 0 and out:
            break
        elif depth == 0:
            out = "" if c == " " else out + c
    return re.split(r"::|\.", out)[-1]


def main(go, profile, base, column, function):
    raw = subprocess.run([go, "tool", "pprof", "-raw", profile], capture_output=True, text=True).stdout
    types, samples, locs, section, last = [], [], {}, None, None
    for line in raw.splitlines():
        if line in ("Samples:", "Locations", "Mappings"):
            section = line
            continue
        if section == "Samples:":
            if not types:
                types = [t.replace("[dflt]", "") for t in line.split()]
                continue
            m = re.match(r"^\s+([-\d ]+):((?: \d+)*) ?$", line)
            if m:
                samples.append(([int(v) for v in m.group(1).split()], [int(i) for i in m.group(2).split()]))
        elif section == "Locations":
            m = re.match(r"^\s+(\d+): 0x[0-9a-f]+ M=\d+ (.*)$", line)
            if m:
                last = int(m.group(1))
                locs[last] = [m.group(2)]
            elif last is not None and re.match(r"^\s{6,}\S", line):
                locs[last].append(line.strip())
    col = types.index(column)
    cum = function.startswith("cum:")
    function = function[4:] if cum else function
    total = 0
    for values, ids in samples:
        for printed in (p for i in ids for p in locs.get(i, [])):
            m = re.match(r"^(.*) (\S+):\d+ s=\d+", printed)
            if not m or not m.group(2).endswith("/" + base):
                continue
            if short(m.group(1)) == function:
                total += values[col]
                break
            if not cum:
                break
    print(total)


if __name__ == "__main__":
    main(*sys.argv[1:6])
