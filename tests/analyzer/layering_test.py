#!/usr/bin/env python3
"""The analyzer's folders are its stages (analyzer/README.md): a file may include its own
stage and the stages above it, never one below. Also: no consumer includes the engine's
private header, and renderers never see the engine. Exits non-zero naming each violation."""
import os
import re
import sys

ORDER = ["base", "reading", "hb", "findings", "detectors", "profiles", "dump", "reports", "sarif"]
# Stages at one level may not include each other (detectors, profiles, dump are siblings).
SIBLINGS = {"detectors", "profiles", "dump"}
# Extra restrictions: (stage, forbidden include prefix or file, reason).
FORBIDDEN = [
    ("reports", "analyzer/hb/", "renderers never look at the engine"),
    ("reports", "analyzer/findings/report_context.h", "renderers never look at the engine"),
    ("reports", "analyzer/findings/symbolizer.h", "renderers never look at the engine"),
    ("reports", "analyzer/detectors/", "renderers know findings, not detectors"),
]
PRIVATE = "analyzer/hb/engine_impl.h"
INCLUDE = re.compile(r'^\s*#\s*include\s+"(analyzer/[^"]+)"', re.M)


def stage_of(path):
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else None  # analyzer/<stage>/file


def main(root):
    errors = []
    analyzer = os.path.join(root, "analyzer")
    for dirpath, _, files in os.walk(analyzer):
        for name in files:
            if not name.endswith((".h", ".cc")):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            stage = stage_of(rel)
            if stage is None:  # analysis.h/.cc: the front door may include everything
                continue
            if stage not in ORDER:
                errors.append(f"{rel}: folder '{stage}' is not a stage listed in analyzer/README.md")
                continue
            text = open(os.path.join(root, rel), encoding="utf-8").read()
            for inc in INCLUDE.findall(text):
                target = stage_of(inc)
                if target is None:
                    errors.append(f"{rel}: includes the front door {inc}")
                    continue
                if inc == PRIVATE and stage != "hb":
                    errors.append(f"{rel}: includes the engine's private {inc}; use hb/engine.h")
                if target == stage:
                    continue
                if target not in ORDER:
                    errors.append(f"{rel}: includes {inc} from an unknown stage")
                elif ORDER.index(target) > ORDER.index(stage) or (
                        target in SIBLINGS and stage in SIBLINGS):
                    errors.append(f"{rel}: stage '{stage}' includes {inc} from stage '{target}' "
                                  "below or beside it")
                for s, prefix, why in FORBIDDEN:
                    if stage == s and inc.startswith(prefix):
                        errors.append(f"{rel}: includes {inc} ({why})")
    for e in errors:
        print(e)
    print(f"layering: {len(errors)} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else
                  os.path.join(os.path.dirname(__file__), "..", "..")))
