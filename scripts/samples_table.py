#!/usr/bin/env python3
"""Builds the README's table of samples from the samples themselves: name, chapter, what it
shows (the first sentence of the header comment) and the verdict (from its EXPECT lines, read
by the e2e harness's own parser). The table sits between the markers
<!-- samples-table:begin --> and <!-- samples-table:end -->.

  samples_table.py                 print the table (with its markers)
  samples_table.py --write F...    replace the marked region of each F (a new F gets just it)
  samples_table.py --check F...    exit 1 if a file's marked region differs (or is missing)
"""
import argparse
import difflib
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e", "harness"))
import expectations  # noqa: E402  (the EXPECT parser shared with the e2e harness)

BEGIN = "<!-- samples-table:begin -->"
END = "<!-- samples-table:end -->"
CHAPTERS = {  # directory -> (sort key, label)
    "ch1": (1, "1 · Introduction"),
    "ch3": (3, "3 · Building blocks"),
    "ch4": (4, "4 · Patterns"),
    "ch5": (5, "5 · At scale"),
    "appendix": (9, "Appendix"),
}


def header_paragraph(text):
    """The leading `//` comment up to its first blank comment line or EXPECT line."""
    words = []
    for line in text.splitlines():
        m = re.match(r"\s*//\s?(.*)$", line)
        if not m or not m.group(1).strip() or re.match(r"EXPECT", m.group(1)):
            break
        words.append(m.group(1).strip())
    return " ".join(words)


ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.")


def first_sentence(paragraph):
    """Up to the first '.', '!' or '?' followed by white space (or the end), skipping
    abbreviations; "data_race.cpp" and "0.5" do not end a sentence."""
    for m in re.finditer(r"[.!?](?=\s|$)", paragraph):
        if not paragraph[: m.end()].endswith(ABBREVIATIONS):
            return paragraph[: m.end()]
    return paragraph


def verdict(exp):
    parts = []
    for a, b in exp.races:
        parts.append(f"race (lines {a}, {b})" if a != b else f"race (line {a}, two tasks)")
    if exp.all_asleep:
        parts.append("all asleep (watchdog, exit 2)")
    for lines in exp.deadlocks:
        parts.append("potential deadlock" + (f" (lines {', '.join(map(str, lines))})" if lines else ""))
    for line in exp.leaks:
        parts.append("leaked task" + (f" (line {line})" if line else ""))
    for item in exp.misuse:  # a kind, or (kind, line)
        kind, line = item if isinstance(item, tuple) else (item, None)
        parts.append(f"misuse: {kind}" + (f" (line {line})" if line else ""))
    if not parts:
        parts.append("nothing" if exp.nothing else "no race")
    text = "; ".join(parts)
    pending = exp.pending or getattr(exp, "pending_kinds", None)
    return text + (" — *pending*" if pending else "")


def rows(samples_dir):
    out = []
    for path in glob.glob(os.path.join(samples_dir, "*", "*.cpp")):
        chapter = os.path.basename(os.path.dirname(path))
        key, label = CHAPTERS.get(chapter, (8, chapter))
        with open(path, encoding="utf-8") as f:
            text = f.read()
        exp = expectations.parse(text)  # raises on a malformed EXPECT line
        name = os.path.splitext(os.path.basename(path))[0]
        rel = os.path.relpath(path, ROOT)
        shows = first_sentence(header_paragraph(text)).replace("|", "\\|")
        out.append(((key, name), f"| [`{chapter}/{name}`]({rel}) | {label} | {shows} | "
                                 f"{verdict(exp)} |"))
    return [r for _, r in sorted(out)]


def table(samples_dir):
    lines = [BEGIN,
             "| sample | chapter | what it shows | ccsp says |",
             "|---|---|---|---|"]
    lines += rows(samples_dir)
    lines.append(END)
    return "\n".join(lines) + "\n"


def region(text):
    """(start, end) offsets of the marked region including the markers, or None."""
    b = text.find(BEGIN)
    e = text.find(END, b + 1) if b >= 0 else -1
    if b < 0 or e < 0:
        return None
    return b, e + len(END) + (1 if text[e + len(END):e + len(END) + 1] == "\n" else 0)


def write(path, want):
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    r = region(text)
    if r is None:
        if text:
            print(f"{path}: no '{BEGIN}' ... '{END}' markers; add them where the table goes",
                  file=sys.stderr)
            return 1
        new = want
    else:
        new = text[:r[0]] + want + text[r[1]:]
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        print(f"{path}: samples table updated")
    return 0


def check(path, want):
    if not os.path.exists(path):
        print(f"{path}: missing (run scripts/samples_table.py --write {path})")
        return 1
    text = open(path, encoding="utf-8").read()
    r = region(text)
    if r is None:
        print(f"{path}: no '{BEGIN}' ... '{END}' markers around the samples table")
        return 1
    have = text[r[0]:r[1]]
    if have.rstrip("\n") == want.rstrip("\n"):
        print(f"{path}: samples table is up to date")
        return 0
    print(f"{path}: samples table is out of date; run scripts/samples_table.py --write {path}")
    sys.stdout.writelines(difflib.unified_diff(have.splitlines(True), want.splitlines(True),
                                               f"{path} (now)", "generated"))
    return 1


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", default=os.path.join(ROOT, "samples"))
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", nargs="+", metavar="FILE")
    mode.add_argument("--check", nargs="+", metavar="FILE")
    a = ap.parse_args(argv)
    try:
        want = table(a.samples)
    except expectations.ExpectationError as e:
        print(f"samples_table: {e}", file=sys.stderr)
        return 1
    if a.write:
        return max(write(p, want) for p in a.write)
    if a.check:
        return max(check(p, want) for p in a.check)
    sys.stdout.write(want)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
